"""Membership rosters whose figures are set by hand, for the tests of ``dvstat members``.

``write_roster`` lays out a district: ``committees`` đảng bộ cơ sở with ``branches`` chi bộ
between them, and ``grassroots_branches`` chi bộ cơ sở; ``members`` people on the list at
the cut-off (31/12/2021), of whom ``women`` women, ``minority`` from ethnic minorities and
``religious`` religious; and around them the rows that must not count on that day, each
group of a size set here (LEAVERS, LATER), so every figure a test asserts is arithmetic on
these numbers.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

CUT_OFF = date(2021, 12, 31)
HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Trình độ văn hóa",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Chi bộ",
    "Đảng bộ cơ sở",
    "Trạng thái",
    "Ngày ra khỏi danh sách",
    "Lý do",
    "Ngày chuyển đến",
]
# (status, reason, leaving date): who left before or on the cut-off, and how many
LEAVERS = (
    ("Từ trần", "", date(2021, 3, 5), 30),
    ("Đã từ trần", "", date(2020, 8, 1), 10),
    ("", "Chuyển sinh hoạt đi", date(2021, 9, 9), 25),
    ("Xóa tên", "", date(2019, 4, 4), 5),
    ("", "Khai trừ", date(2021, 11, 1), 2),
    ("Xin ra khỏi Đảng", "", date(2021, 2, 2), 1),
    ("Từ trần", "", None, 3),
)
LATER = (("admitted", date(2022, 2, 3), 60), ("moved in", date(2022, 3, 1), 10))
ADMITTED_2021 = 150  # of the members: admitted during 2021
MOVED_IN_2021 = 7  # of the members: transferred in on 1/6/2021 (admitted in 2005)
LEAVING_2022 = 12  # of the members: died in 2022, so still on the list at the cut-off


@dataclass(frozen=True)
class District:
    members: int
    women: int
    minority: int
    religious: int
    committees: int
    branches: int  # under the committees
    grassroots_branches: int
    small: int = 0  # branches under committees with 3 members


def _units(d: District) -> list[tuple[str, str]]:
    """(org, branch) of each unit members belong to: branches spread over committees."""
    units = [
        (f"Đảng bộ xã {c + 1:02d}", f"Chi bộ thôn {b + 1}")
        for c in range(d.committees)
        for b in range(d.branches // d.committees + (c < d.branches % d.committees))
    ]
    units += [
        (f"Chi bộ cơ quan {g + 1:02d}", f"Chi bộ cơ quan {g + 1:02d}")
        for g in range(d.grassroots_branches)
    ]
    return units


def _sizes(d: District, count: int) -> list[int]:
    """Members per unit, the first ``small`` units with 3, the rest as even as can be."""
    rest = d.members - 3 * d.small
    others = count - d.small
    return [3] * d.small + [rest // others + (i < rest % others) for i in range(others)]


def write_roster(d: District, path: Path) -> Path:
    units = _units(d)
    assert len(units) == d.branches + d.grassroots_branches
    rows: list[list[object]] = []
    number = 0

    def person(
        unit: tuple[str, str],
        *,
        woman: bool,
        minority: bool,
        religious: bool,
        admitted: date,
        status: str = "",
        left: date | None = None,
        reason: str = "",
        moved_in: date | None = None,
    ) -> None:
        nonlocal number
        number += 1
        birth = date(1950, 1, 1) + timedelta(days=number * 3)
        rows.append(
            [
                f"Người số {number}",
                birth.strftime("%d/%m/%Y"),
                "Nữ" if woman else "Nam",
                "Tày" if minority else "Kinh",
                "Phật giáo" if religious else "Không",
                "12/12",
                admitted.strftime("%d/%m/%Y"),
                "",
                unit[1],
                unit[0],
                status,
                left.strftime("%d/%m/%Y") if left else "",
                reason,
                moved_in.strftime("%d/%m/%Y") if moved_in else "",
            ]
        )

    index = 0
    for unit, size in zip(units, _sizes(d, len(units)), strict=True):
        for _ in range(size):
            admitted = (
                date(2021, 5, 1)
                if index < ADMITTED_2021
                else date(2005, 1, 1) + timedelta(days=index % 3000)
            )
            moved = (
                date(2021, 6, 1) if ADMITTED_2021 <= index < ADMITTED_2021 + MOVED_IN_2021 else None
            )
            leaving = (
                ADMITTED_2021 + MOVED_IN_2021
                <= index
                < ADMITTED_2021 + MOVED_IN_2021 + LEAVING_2022
            )
            person(
                unit,
                woman=index < d.women,
                minority=d.women - 400 <= index < d.women - 400 + d.minority,
                religious=d.members - d.religious <= index,
                admitted=admitted,
                status="Từ trần" if leaving else "Đang sinh hoạt",
                left=date(2022, 5, 1) if leaving else None,
                moved_in=moved,
            )
            index += 1
    unit = units[-1]
    for status, reason, left, count in LEAVERS:
        for _ in range(count):
            person(
                unit,
                woman=True,
                minority=True,
                religious=True,
                admitted=date(2000, 1, 1),
                status=status,
                left=left,
                reason=reason,
            )
    for kind, day, count in LATER:
        for _ in range(count):
            person(
                unit,
                woman=True,
                minority=True,
                religious=True,
                admitted=day if kind == "admitted" else date(2010, 1, 1),
                moved_in=day if kind == "moved in" else None,
            )
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def gone() -> int:
    return sum(count for *_, count in LEAVERS)


def later() -> int:
    return sum(count for *_, count in LATER)
