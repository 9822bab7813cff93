"""dvstat badges: who is due a Party badge at each award day. Every expected value is worked
out by hand from the dates written in each test (award days 3/2, 19/5, 2/9, 7/11)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import dvstat
from dvstat.badge_awards import next_award_day, previous_award_day
from dvstat.cli import run_app

AS_OF = date(2026, 12, 4)
COLUMNS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Trình độ văn hóa",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Chi bộ",
    "Trạng thái",
    "Ngày ra khỏi danh sách",
]


def person(name: str, admitted: str, **extra: str) -> dict[str, str]:
    """A member on the list, admitted on ``admitted`` (dd/mm/yyyy), full a year later."""
    day, month, year = (["", "", "0"] + admitted.split("/"))[-3:]
    return {
        "Họ và tên": name,
        "Ngày sinh": "01/01/1950",
        "Giới tính": "Nam",
        "Dân tộc": "Kinh",
        "Tôn giáo": "Không",
        "Trình độ văn hóa": "12/12",
        "Ngày vào Đảng": admitted,
        "Ngày chính thức": f"{day}/{month}/{int(year) + 1}" if day else "",
        "Chi bộ": "Chi bộ thôn 1",
        "Trạng thái": "Đang sinh hoạt",
        **extra,
    }


def roster(tmp_path: Path, rows: list[dict[str, str]], name: str = "dang-vien.csv") -> Path:
    columns = list(COLUMNS)
    for row in rows:
        columns += [c for c in row if c not in columns]
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


def badges(path: Path, **options: Any) -> Any:
    options.setdefault("as_of", AS_OF)
    return dvstat.badges(str(path), **options)


def listed(report: Any) -> dict[str, list[tuple[str, int, str]]]:
    """Award day -> (name, badge, kind) of everyone proposed, posthumous included."""
    return {
        w.day.isoformat(): [(m.name, m.badge, m.kind) for m in (*w.members, *w.posthumous)]
        for w in report.waves
    }


# --- the calendar -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2027-02-02", "2027-02-03"),
        ("2027-02-03", "2027-02-03"),
        ("2027-02-04", "2027-05-19"),
        ("2027-05-20", "2027-09-02"),
        ("2027-09-03", "2027-11-07"),
        ("2027-11-07", "2027-11-07"),
        ("2027-11-08", "2028-02-03"),
        ("2027-12-31", "2028-02-03"),
        ("2027-01-01", "2027-02-03"),
    ],
)
def test_next_award_day(day: str, expected: str) -> None:
    import pandas as pd

    found = next_award_day(pd.Series(pd.to_datetime([day])).astype("datetime64[s]"))
    assert found.iloc[0] == pd.Timestamp(expected)


def test_previous_award_day() -> None:
    assert previous_award_day(date(2027, 2, 3)) == date(2026, 11, 7)
    assert previous_award_day(date(2027, 2, 4)) == date(2027, 2, 3)
    assert previous_award_day(date(2027, 11, 7)) == date(2027, 9, 2)


# --- who is due when ----------------------------------------------------------------------
def test_thirty_years_on_the_award_day_itself(tmp_path: Path) -> None:
    # 03/02/1997 + 30 years = 03/02/2027, an award day: due then, not on 7/11/2026
    path = roster(tmp_path, [person("Nguyễn Văn An", "03/02/1997")])
    assert listed(badges(path, wave="2026-11-07")) == {"2026-11-07": []}
    assert listed(badges(path, year=2027)) == {
        "2027-02-03": [("Nguyễn Văn An", 30, "due")],
        "2027-05-19": [],
        "2027-09-02": [],
        "2027-11-07": [],
    }


def test_a_day_later_waits_for_the_next_award_day(tmp_path: Path) -> None:
    # 04/02/1997 + 30 = 04/02/2027, the day after 3/2: due on 19/5/2027
    path = roster(tmp_path, [person("Trần Văn Bình", "04/02/1997")])
    assert listed(badges(path, year=2027))["2027-02-03"] == []
    assert listed(badges(path, year=2027))["2027-05-19"] == [("Trần Văn Bình", 30, "due")]


def test_the_day_before_the_award_day(tmp_path: Path) -> None:
    # 02/02/1997 + 30 = 02/02/2027: due on 3/2/2027 (the first award day on or after)
    path = roster(tmp_path, [person("Lê Văn Cường", "02/02/1997")])
    assert listed(badges(path, wave="2027-02-03"))["2027-02-03"] == [("Lê Văn Cường", 30, "due")]


def test_thirty_five_years_is_no_badge(tmp_path: Path) -> None:
    # 10/03/1992: 35 years in 2027; the 30-year badge was due on 19/5/2022
    path = roster(tmp_path, [person("Phạm Văn Dũng", "10/03/1992")])
    report = badges(path, year=2027)
    assert all(not members for members in listed(report).values())
    assert report.to_dict()["total"] == 0


def test_every_badge_step(tmp_path: Path) -> None:
    # admitted on 3/2 of 1997, 1987, 1982, …, 1937: 30, 40, 45, … 90 years on 3/2/2027;
    # 1992 (35 years) gives nothing
    years = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]
    rows = [person(f"Người {n}", f"03/02/{2027 - n}") for n in years]
    rows.append(person("Người 35", "03/02/1992"))
    report = badges(roster(tmp_path, rows), wave="2027-02-03")
    assert sorted(b for _, b, _ in listed(report)["2027-02-03"]) == years
    assert [c.years for c in report.totals] == list(reversed(years))
    assert all(c.count == 1 for c in report.totals)


def test_an_interruption_of_two_years_moves_the_award(tmp_path: Path) -> None:
    # out of party life 01/03/2000 - 01/03/2002 (24 months): 30 years on 03/02/2029
    rows = [
        person(
            "Hoàng Văn Em",
            "03/02/1997",
            **{"Gián đoạn từ ngày": "01/03/2000", "Gián đoạn đến ngày": "01/03/2002"},
        )
    ]
    path = roster(tmp_path, rows)
    assert all(not m for m in listed(badges(path, year=2027)).values())
    assert listed(badges(path, wave="2029-02-03"))["2029-02-03"] == [("Hoàng Văn Em", 30, "due")]


def test_an_interruption_in_days_moves_the_milestone_by_those_days(tmp_path: Path) -> None:
    # 01/03/2000 - 02/03/2000: one day out, 30 years on 04/02/2027: 19/5/2027
    rows = [
        person(
            "Vũ Văn Giang",
            "03/02/1997",
            **{"Gián đoạn từ ngày": "01/03/2000", "Gián đoạn đến ngày": "02/03/2000"},
        )
    ]
    found = listed(badges(roster(tmp_path, rows), year=2027))
    assert found["2027-02-03"] == []
    assert found["2027-05-19"] == [("Vũ Văn Giang", 30, "due")]


def test_months_out_of_party_life_and_earlier_service(tmp_path: Path) -> None:
    rows = [
        # 3 months out: 30 years on 03/05/2027 -> 19/5/2027
        person("Đỗ Văn Hải", "03/02/1997", **{"Số tháng gián đoạn": "3"}),
        # re-admitted 03/05/1997 with 3 months of earlier service: 03/02/2027 -> 3/2/2027
        person(
            "Đặng Văn Khoa",
            "03/05/1997",
            **{"Tuổi đảng trước khi kết nạp lại (tháng)": "3", "Số tháng gián đoạn": ""},
        ),
    ]
    found = listed(badges(roster(tmp_path, rows), year=2027))
    assert found["2027-02-03"] == [("Đặng Văn Khoa", 30, "due")]
    assert found["2027-05-19"] == [("Đỗ Văn Hải", 30, "due")]


def test_an_interruption_without_an_end_is_not_counted_and_reported(tmp_path: Path) -> None:
    rows = [person("Bùi Văn Lâm", "03/02/1997", **{"Gián đoạn từ ngày": "01/03/2000"})]
    report = badges(roster(tmp_path, rows), year=2027)
    assert all(not m for m in listed(report).values())
    codes = [(i.issue.code, i.issue.row, i.issue.value) for i in report.issues.items]
    assert ("badge-interruption-open", 2, "01/03/2000") in codes


def test_a_deceased_member_is_listed_only_posthumously(tmp_path: Path) -> None:
    # both reach 30 years on 03/02/2027 and died on 01/12/2026
    died = {"Trạng thái": "Từ trần", "Ngày ra khỏi danh sách": "01/12/2026"}
    rows = [
        person("Ngô Văn Minh", "03/02/1997", **died),
        person("Dương Văn Nam", "03/02/1997", **died, **{"Ghi chú": "Đề nghị truy tặng"}),
    ]
    report = badges(roster(tmp_path, rows), wave="2027-02-03")
    wave = report.waves[0]
    assert wave.members == ()
    assert [(m.name, m.badge, m.kind) for m in wave.posthumous] == [
        ("Dương Văn Nam", 30, "posthumous")
    ]


@pytest.mark.parametrize(
    ("died", "expected"),
    [
        # 30 years on 03/02/2027; posthumous at most 12 months early: from 03/02/2026
        ("02/02/2026", {}),
        ("03/02/2026", {"2026-02-03": 30}),
        ("04/02/2026", {"2026-05-19": 30}),
    ],
)
def test_posthumous_window_bounds(tmp_path: Path, died: str, expected: dict[str, int]) -> None:
    rows = [
        person(
            "Lý Văn Phúc",
            "03/02/1997",
            **{"Trạng thái": "Từ trần", "Ngày ra khỏi danh sách": died, "Ghi chú": "truy tặng"},
        )
    ]
    report = badges(roster(tmp_path, rows), year=2026)
    found = {w.day.isoformat(): m.badge for w in report.waves for m in w.posthumous}
    assert found == expected
    assert all(w.members == () for w in report.waves)


def test_a_badge_already_awarded_is_not_listed_again(tmp_path: Path) -> None:
    rows = [
        person("Trịnh Văn Quang", "03/02/1997", **{"Huy hiệu đã tặng": "30 năm"}),
        person("Mai Văn Sơn", "03/02/1997", **{"Huy hiệu đã tặng": ""}),
    ]
    found = listed(badges(roster(tmp_path, rows), wave="2027-02-03"))
    assert found == {"2027-02-03": [("Mai Văn Sơn", 30, "due")]}


def test_a_missed_badge_is_listed_for_the_highest_due_with_a_warning(tmp_path: Path) -> None:
    rows = [
        # 45 years on 03/02/2027; holds 30, the 40 (2022) was missed
        person("Tạ Văn Tài", "03/02/1982", **{"Huy hiệu đã tặng": "30 năm"}),
        # 30 years on 01/01/2020, holds nothing: missed, proposed at the first award day
        person("Cao Văn Tuấn", "01/01/1990", **{"Huy hiệu đã tặng": ""}),
    ]
    report = badges(roster(tmp_path, rows), year=2027)
    found = listed(report)
    assert sorted(found["2027-02-03"]) == [
        ("Cao Văn Tuấn", 30, "missed"),
        ("Tạ Văn Tài", 45, "due"),
    ]
    assert found["2027-05-19"] == []  # listed once in the run
    missed = [
        (i.issue.row, i.issue.detail["badge"])
        for i in report.issues.items
        if i.issue.code == "badge-missed"
    ]
    assert sorted(missed) == [(2, "45"), (3, "30")]


@pytest.mark.parametrize(
    ("admitted", "years", "first"),
    [
        # very ill: 12 months early for 30-65 years, 24 for 70-90
        ("03/02/1997", 30, "2026-02-03"),  # 30 on 03/02/2027: from 03/02/2026
        ("04/02/1997", 30, "2026-05-19"),  # from 04/02/2026: not on 3/2/2026
        ("03/02/1962", 65, "2026-02-03"),
        ("03/02/1958", 70, "2026-02-03"),  # 70 on 03/02/2028: 24 months early, 03/02/2026
        ("04/02/1958", 70, "2026-05-19"),
    ],
)
def test_early_award_window_for_the_very_ill(
    tmp_path: Path, admitted: str, years: int, first: str
) -> None:
    rows = [person("Kiều Văn Út", admitted, **{"Ghi chú": "ốm nặng"})]
    path = roster(tmp_path, rows)
    start = date.fromisoformat(first)
    before = previous_award_day(start)
    # not yet on the award day before the window opens
    assert listed(badges(path, wave=before.isoformat()))[before.isoformat()] == []
    report = badges(path, wave=first)
    assert [(m.badge, m.kind) for m in report.waves[0].members] == [(years, "early")]


def test_discipline_delays_the_award(tmp_path: Path) -> None:
    # 30 years on 03/02/2027; khiển trách on 01/01/2027 delays 6 months: until 01/07/2027,
    # proposed on 2/9/2027 and shown as delayed on 3/2/2027
    rows = [
        person(
            "Lò Văn Vinh",
            "03/02/1997",
            **{"Hình thức kỷ luật": "Khiển trách", "Ngày kỷ luật": "01/01/2027"},
        )
    ]
    report = badges(roster(tmp_path, rows), year=2027)
    assert listed(report)["2027-02-03"] == []
    assert listed(report)["2027-09-02"] == [("Lò Văn Vinh", 30, "due")]
    delayed = report.waves[0].delayed
    assert [(d.member.name, d.until, d.award_day) for d in delayed] == [
        ("Lò Văn Vinh", date(2027, 7, 1), date(2027, 9, 2))
    ]


@pytest.mark.parametrize(
    ("decided", "due"),
    [
        ("02/08/2026", "2027-02-03"),  # + 6 months = 02/02/2027, before the milestone
        ("03/08/2026", "2027-02-03"),  # = 03/02/2027, the milestone itself: no delay
        ("04/08/2026", "2027-05-19"),  # = 04/02/2027: delayed a day, next award day
        ("03/02/2027", "2027-09-02"),  # on the award day: until 03/08/2027
        ("04/02/2027", "2027-02-03"),  # after the award day: it does not apply
    ],
)
def test_discipline_bounds(tmp_path: Path, decided: str, due: str) -> None:
    rows = [
        person("Lò Văn Xuân", "03/02/1997", **{"Kỷ luật": "khiển trách", "Ngày kỷ luật": decided})
    ]
    found = listed(badges(roster(tmp_path, rows), year=2027, as_of=date(2027, 2, 5)))
    assert [day for day, members in found.items() if members] == [due]


def test_discipline_delay_from_the_workspace(tmp_path: Path) -> None:
    # cảnh cáo: 9 months in this province (dvstat.toml): 01/01/2027 + 9 = 01/10/2027 -> 7/11
    rows = [
        person("Lò Văn Yên", "03/02/1997", **{"Kỷ luật": "Cảnh cáo", "Ngày kỷ luật": "01/01/2027"})
    ]
    path = roster(tmp_path, rows)
    (tmp_path / "dvstat.toml").write_text(
        '[badges]\ndelay_months = { "cảnh cáo" = 9 }\n', encoding="utf-8"
    )
    report = badges(path, year=2027, config=tmp_path / "dvstat.toml")
    assert [d for d, m in listed(report).items() if m] == ["2027-11-07"]
    default = badges(path, year=2027)  # 6 months: 01/07/2027 -> 2/9
    assert [d for d, m in listed(default).items() if m] == ["2027-09-02"]


def test_what_a_clerk_checks_at_its_row(tmp_path: Path) -> None:
    rows = [
        person("Hà Văn Một", "1997"),  # a year only: 30 years in 2027
        person("Hà Văn Hai", "03/02/1997", **{"Huy hiệu đã tặng": "có"}),
        person("Hà Văn Ba", "03/02/1997"),
        person("Hà Văn Ba", "03/02/1997"),  # listed twice
        person("Hà Văn Bốn", "01/01/2030"),  # after the roster's date
    ]
    report = badges(roster(tmp_path, rows), year=2027)
    codes = sorted((i.issue.code, i.issue.row) for i in report.issues.items)
    assert ("badge-admission-year-only", 2) in codes
    assert ("badge-held-unreadable", 3) in codes
    assert ("duplicate-person", 5) in codes
    assert ("future-date", 6) in codes
    assert listed(report)["2027-02-03"] == [("Hà Văn Ba", 30, "due"), ("Hà Văn Hai", 30, "due")]
    assert report.rows == {"read": 5, "listed": 2, "not_due": 0, "not_members": 0, "rejected": 3}


# --- two published batches ----------------------------------------------------------------
def test_a_wards_batch_of_3_february_2026(tmp_path: Path) -> None:
    """Phường An Cựu (Huế), 3/2/2026: 29 = 3 x 60 + 2 x 55 + 2 x 50 + 2 x 45 + 3 x 40 +
    17 x 30, and 1 posthumous 30-year badge. Members reach their years between 8/11/2025
    and 3/2/2026; around them those who must not be listed."""
    batch = {60: 3, 55: 2, 50: 2, 45: 2, 40: 3, 30: 17}
    held = {60: "55 năm", 55: "50 năm", 50: "45 năm", 45: "40 năm", 40: "30 năm", 30: ""}
    rows = []
    days = ["08/11", "15/12", "03/02", "20/01"]
    for years, count in batch.items():
        for i in range(count):
            day = days[i % len(days)]
            year = 2026 - years - (1 if day in ("08/11", "15/12") else 0)
            rows.append(
                person(
                    f"Đảng viên {years} năm {i + 1:02d}",
                    f"{day}/{year}",
                    **{"Huy hiệu đã tặng": held[years]},
                )
            )
    died = {"Trạng thái": "Từ trần", "Ngày ra khỏi danh sách": "10/12/2025"}
    rows.append(person("Truy tặng Một", "20/01/1996", **died, **{"Ghi chú": "truy tặng"}))
    # not listed: 30 years on 04/02/2026 (next award day), 30 years on 07/11/2025 (the
    # award day before, and awarded then), 35 years, died without the mark, a badge held
    rows.append(person("Chưa đến Một", "04/02/1996"))
    rows.append(person("Đợt trước Một", "07/11/1995", **{"Huy hiệu đã tặng": "30 năm"}))
    rows.append(person("Ba lăm Một", "01/01/1991", **{"Huy hiệu đã tặng": "30 năm"}))
    rows.append(person("Từ trần Một", "20/01/1996", **died))
    rows.append(person("Đã tặng Một", "20/01/1996", **{"Huy hiệu đã tặng": "30 năm"}))
    report = badges(roster(tmp_path, rows), wave="2026-02-03", as_of=date(2026, 1, 30))
    wave = report.waves[0]
    assert len(wave.members) == 29
    assert {c.years: c.count for c in wave.counts if c.count} == batch
    assert [(m.name, m.badge) for m in wave.posthumous] == [("Truy tặng Một", 30)]
    assert report.to_dict()["total"] == 30
    assert report.rows == {"read": 35, "listed": 30, "not_due": 4, "not_members": 1, "rejected": 0}
    # every badge held is recorded: nothing missed, nothing delayed
    assert not [i for i in report.issues.items if i.issue.code == "badge-missed"]
    assert wave.delayed == ()
    text = dvstat.render(report, "markdown").decode("utf-8")
    assert (
        "Đợt 3/2/2026 đề nghị tặng Huy hiệu Đảng cho 29 đồng chí: 60 năm 3, 55 năm 2, "
        "50 năm 2, 45 năm 2, 40 năm 3, 30 năm 17; truy tặng 1 đồng chí (30 năm 1)." in text
    )


def test_a_provinces_batch_of_2_september(tmp_path: Path) -> None:
    """Vĩnh Long, 2/9: 71 = 5 x 60 + 26 x 55 + 40 x 50, reaching their years between 20/5
    and 2/9/2025."""
    batch = {60: 5, 55: 26, 50: 40}
    rows = []
    for years, count in batch.items():
        for i in range(count):
            day = ["20/05", "01/07", "02/09"][i % 3]
            rows.append(person(f"Đồng chí {years}-{i + 1:02d}", f"{day}/{2025 - years}"))
    rows.append(person("Đợt trước", f"19/05/{2025 - 50}"))  # due on 19/5/2025
    rows.append(person("Đợt sau", f"03/09/{2025 - 50}"))  # due on 7/11/2025
    report = badges(roster(tmp_path, rows), wave="2025-09-02", as_of=date(2025, 8, 20))
    wave = report.waves[0]
    assert len(wave.members) == 71
    assert {c.years: c.count for c in wave.counts if c.count} == batch
    assert wave.posthumous == ()


# --- the command --------------------------------------------------------------------------
def test_command_json_and_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = roster(tmp_path, [person("Nguyễn Văn An", "03/02/1997")])
    code = run_app(["badges", str(path), "--year", "2027", "--as-of", "2026-12-04", "-f", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "dvstat.badges/1"
    assert [w["date"] for w in data["waves"]] == [
        "2027-02-03",
        "2027-05-19",
        "2027-09-02",
        "2027-11-07",
    ]
    first = data["waves"][0]
    assert first["badges"][-1] == {"code": "30_nam", "years": 30, "count": 1}
    assert first["members"][0]["path"] == ["Chi bộ thôn 1"]
    assert data["totals"][-1]["count"] == 1
    assert data["rows"]["read"] == 1
    assert run_app(["badges", str(path), "--wave", "2027-02-04"]) == 2
    assert "3/2, 19/5, 2/9, 7/11" in capsys.readouterr().err
    assert run_app(["badges", str(path), "--year", "2027", "--wave", "2027-02-03"]) == 2


def test_the_documents_carry_the_list(tmp_path: Path) -> None:
    import io
    import zipfile

    from openpyxl import load_workbook

    rows = [
        person("Nguyễn Văn An", "03/02/1997", **{"Quê quán": "Tân Lập", "Số thẻ đảng viên": "123"}),
        person("Trần Văn Bình", "03/02/1977"),
    ]
    report = badges(roster(tmp_path, rows), wave="2027-02-03")
    workbook = load_workbook(io.BytesIO(dvstat.render(report, "xlsx")))
    listing = workbook["Danh sách"]
    lines = [[listing.cell(row=r, column=c).value for c in range(1, 12)] for r in range(8, 10)]
    assert lines == [
        [
            1,
            "3/2/2027",
            "Trần Văn Bình",
            "01/01/1950",
            None,
            "03/02/1977",
            "03/02/1978",
            None,
            "Chi bộ thôn 1",
            "50 năm",
            None,
        ],
        [
            2,
            "3/2/2027",
            "Nguyễn Văn An",
            "01/01/1950",
            "Tân Lập",
            "03/02/1997",
            "03/02/1998",
            "123",
            "Chi bộ thôn 1",
            "30 năm",
            None,
        ],
    ]
    counts = workbook["Số lượng"]
    form = {
        counts.cell(row=r, column=2).value: counts.cell(row=r, column=3).value for r in range(8, 21)
    }
    assert form["Huy hiệu Đảng 30 năm"] == 1
    assert form["Huy hiệu Đảng 50 năm"] == 1
    assert form["Huy hiệu Đảng 90 năm"] == 0
    assert form["Tổng cộng"] == 2
    document = zipfile.ZipFile(io.BytesIO(dvstat.render(report, "docx")))
    xml = document.read("word/document.xml").decode("utf-8")
    assert "đảng viên đề nghị tặng Huy hiệu Đảng đợt 3/2/2027" in xml
    assert "Đợt 3/2/2027 đề nghị tặng Huy hiệu Đảng cho 2 đồng chí: 50 năm 1, 30 năm 1." in xml
    assert xml.index("Trần Văn Bình") < xml.index("Nguyễn Văn An")
    assert "Nơi nhận" in xml


def test_a_period_and_no_period_choose_the_award_days(tmp_path: Path) -> None:
    path = roster(tmp_path, [person("Nguyễn Văn An", "03/02/1997")])
    # 01/02/2027 - 02/09/2027 holds 3/2, 19/5 and 2/9 (both ends included)
    report = badges(path, start=date(2027, 2, 1), end=date(2027, 9, 2))
    assert [w.day for w in report.waves] == [date(2027, 2, 3), date(2027, 5, 19), date(2027, 9, 2)]
    # 03/02/2027 - 18/05/2027: 3/2 only (19/5 is the day after the end)
    report = badges(path, start=date(2027, 2, 3), end=date(2027, 5, 18))
    assert [w.day for w in report.waves] == [date(2027, 2, 3)]
    # nothing asked: the next award day on or after the roster's date
    assert [w.day for w in badges(path, as_of=date(2026, 12, 4)).waves] == [date(2027, 2, 3)]
    assert [w.day for w in badges(path, as_of=date(2027, 2, 3)).waves] == [date(2027, 2, 3)]
    assert [w.day for w in badges(path, as_of=date(2027, 2, 4)).waves] == [date(2027, 5, 19)]
    with pytest.raises(dvstat.DvstatError, match="3/2, 19/5, 2/9, 7/11"):
        badges(path, start=date(2027, 2, 4), end=date(2027, 5, 18))


def test_each_line_carries_the_member_s_details(tmp_path: Path) -> None:
    rows = [
        person("Nguyễn Văn Bình", "03/02/1997", **{"Số thẻ đảng viên": ""}),
        person("Trần Văn An", "03/02/1997", **{"Ngày sinh": "", "Số thẻ đảng viên": "0912"}),
    ]
    wave = badges(roster(tmp_path, rows), wave="2027-02-03").waves[0]
    # sorted by badge, then by given name as Vietnamese lists are: An before Bình
    assert [m.name for m in wave.members] == ["Trần Văn An", "Nguyễn Văn Bình"]
    an, binh = (m.to_dict() for m in wave.members)
    assert (an["birth_date"], an["card_no"], an["reached"]) == (None, "0912", "2027-02-03")
    assert (binh["birth_date"], binh["card_no"], binh["official"]) == (
        "1950-01-01",
        None,
        "1998-02-03",
    )
    assert (binh["admitted"], binh["badge"], binh["kind"], binh["row"]) == (
        "1997-02-03",
        30,
        "due",
        2,
    )


def test_counts_per_unit_and_where_each_row_went(tmp_path: Path) -> None:
    rows = [
        person("A Một", "03/02/1997", **{"Chi bộ": "Chi bộ thôn 1"}),  # 30 on 3/2/2027
        person("A Hai", "03/02/1987", **{"Chi bộ": "Chi bộ thôn 1"}),  # 40 on 3/2/2027
        person("B Một", "19/05/1997", **{"Chi bộ": "Chi bộ thôn 2"}),  # 30 on 19/5/2027
        person("B Hai", "01/01/2000", **{"Chi bộ": "Chi bộ thôn 2"}),  # 27 years: not due
        person(
            "C Một",
            "03/02/1997",
            **{
                "Chi bộ": "Chi bộ thôn 3",
                "Trạng thái": "Từ trần",
                "Ngày ra khỏi danh sách": "01/01/2026",
            },
        ),  # fmt: skip
        person(
            "C Hai",
            "03/02/1997",
            **{
                "Chi bộ": "Chi bộ thôn 3",
                "Trạng thái": "Chuyển đi",
                "Ngày ra khỏi danh sách": "01/01/2026",
            },
        ),  # fmt: skip
    ]
    report = badges(roster(tmp_path, rows), year=2027)
    counts = {u.label: {c.years: c.count for c in u.counts if c.count} for u in report.units}
    assert counts == {"Chi bộ thôn 1": {30: 1, 40: 1}, "Chi bộ thôn 2": {30: 1}}
    assert report.units[0].to_dict()["total"] == 2
    # read 6 = 3 proposed + 1 not due + 2 gone before the first award day
    assert report.rows == {"read": 6, "listed": 3, "not_due": 1, "not_members": 2, "rejected": 0}
    assert {c.years: c.count for c in report.totals if c.count} == {30: 2, 40: 1}


def test_a_death_on_an_award_day_is_proposed_on_that_day(tmp_path: Path) -> None:
    # 30 years on 03/02/2027; died on 07/11/2026 (an award day), marked 'truy tặng'
    rows = [
        person(
            "Đ Một",
            "03/02/1997",
            **{
                "Trạng thái": "Từ trần",
                "Ngày ra khỏi danh sách": "07/11/2026",
                "Ghi chú": "truy tặng",
            },
        )  # fmt: skip
    ]
    path = roster(tmp_path, rows)
    on_day = badges(path, wave="2026-11-07")
    assert [m.name for m in on_day.waves[0].posthumous] == ["Đ Một"]
    later = badges(path, wave="2027-02-03")  # done on 7/11 (the roster holds no badges)
    assert later.waves[0].posthumous == ()


def test_the_clerk_s_checks_are_warnings_with_their_values(tmp_path: Path) -> None:
    rows = [
        person("Một", "1997"),  # 30 years in 2027: the day is needed
        person("Hai", "1970"),  # 55 in 2025, 60 in 2030: none in 2026-2027
        person("Ba", "03/02/1997", **{"Số tháng gián đoạn": "mười"}),  # not a number
        person("Bốn", "03/02/1997", **{"Số tháng gián đoạn": "0"}),  # zero: fine
    ]
    report = badges(roster(tmp_path, rows), year=2027)
    found = {(i.issue.code, i.issue.row, i.issue.severity) for i in report.issues.items}
    assert ("badge-admission-year-only", 2, "warning") in found
    assert not any(code == "badge-admission-year-only" and row == 3 for code, row, _ in found)
    assert ("badge-months-unreadable", 4, "warning") in found
    assert not any(code == "badge-months-unreadable" and row == 5 for code, row, _ in found)
    # the unreadable months count as none: Ba is due on 3/2/2027 like Bốn
    assert sorted(m.name for m in report.waves[0].members) == ["Ba", "Bốn"]


def test_award_days_between_two_days_and_the_first_on_or_after_a_day() -> None:
    import pandas as pd

    from dvstat.badge_awards import badge_code, first_wave_after, is_award_day, waves_between

    assert waves_between(date(2026, 2, 3), date(2026, 9, 2)) == [
        date(2026, 2, 3), date(2026, 5, 19), date(2026, 9, 2),
    ]  # fmt: skip
    assert waves_between(date(2026, 2, 4), date(2026, 9, 1)) == [date(2026, 5, 19)]
    assert waves_between(date(2025, 11, 8), date(2026, 2, 3)) == [date(2026, 2, 3)]
    assert waves_between(date(2025, 11, 7), date(2025, 11, 7)) == [date(2025, 11, 7)]
    assert waves_between(date(2025, 11, 8), date(2026, 2, 2)) == []
    assert first_wave_after(date(2026, 2, 3)) == date(2026, 2, 3)
    assert first_wave_after(date(2026, 2, 4)) == date(2026, 5, 19)
    assert first_wave_after(date(2025, 11, 8)) == date(2026, 2, 3)
    assert [is_award_day(d) for d in (date(2026, 2, 3), date(2026, 2, 4), date(2026, 11, 7))] == [
        True, False, True,
    ]  # fmt: skip
    assert badge_code(30) == "30_nam" and badge_code(85) == "85_nam"
    # a day without a date stays without one; the series keeps its index
    empty = pd.Series(pd.to_datetime([None, "2027-05-19"]), index=[7, 9]).astype("datetime64[s]")
    found = next_award_day(empty)
    assert found.index.tolist() == [7, 9]
    assert pd.isna(found.loc[7]) and found.loc[9] == pd.Timestamp("2027-05-19")


def test_what_a_disciplinary_measure_tells_the_clerk(tmp_path: Path) -> None:
    """Vinh: khiển trách on 01/01/2027, six months: until 01/07/2027. Hai: cảnh cáo without
    a date: six months from the milestone (03/02/2027), until 03/08/2027, and a warning.
    Ba: a measure no rule names: a warning, no delay."""
    measure, day = "Hình thức kỷ luật", "Ngày kỷ luật"
    rows = [
        person("Lò Văn Vinh", "03/02/1997", **{measure: "Khiển trách", day: "01/01/2027"}),
        person("Hai", "03/02/1997", **{measure: "Cảnh cáo"}),
        person("Ba", "03/02/1997", **{measure: "Nhắc nhở", day: "01/01/2027"}),
    ]
    report = badges(roster(tmp_path, rows), year=2027)
    found = sorted(
        (i.issue.row, i.issue.code, i.issue.severity, i.issue.column, dict(i.issue.detail))
        for i in report.issues.items
    )
    assert found == [
        (2, "badge-delayed", "info", measure, {"until": "01/07/2027", "badge": "30"}),
        (3, "badge-delayed", "info", measure, {"until": "03/08/2027", "badge": "30"}),
        (3, "badge-discipline-undated", "warning", measure, {"months": "6"}),
        (4, "badge-discipline-unknown", "warning", measure, {}),
    ]
    # the measure is quoted as written, so the clerk sees which word is not known
    quoted = {
        i.issue.code: i.issue.value for i in report.issues.items if "discipline" in i.issue.code
    }
    assert quoted == {
        "badge-discipline-undated": "Cảnh cáo",
        "badge-discipline-unknown": "Nhắc nhở",
    }
    assert listed(report)["2027-02-03"] == [("Ba", 30, "due")]


def test_every_check_names_its_column_and_quotes_the_cell(tmp_path: Path) -> None:
    """Each warning at its row, under the roster's own header, with the cell as written."""
    rows = [
        person("Một", "1997"),  # row 2: a year only, 30 years in 2027
        person("Hai", "03/02/1997", **{"Gián đoạn từ ngày": "01/01/2010"}),  # row 3: no end
        person("Ba", "03/02/1997", **{"Số tháng gián đoạn": "-3"}),  # row 4: not a count
        person("Bốn", "03/02/1997", **{"Huy hiệu đã tặng": "có"}),  # row 5: which badge?
        person("Năm", "01/01/1990", **{"Huy hiệu đã tặng": ""}),  # row 6: 30 on 01/01/2020
        # row 7: earlier service that is not a count: named under its own column
        person("Sáu", "03/02/1997", **{"Tuổi đảng trước khi kết nạp lại (tháng)": "hai năm"}),
    ]
    report = badges(roster(tmp_path, rows), year=2027)
    found = sorted(
        (
            i.issue.row,
            i.issue.code,
            i.issue.severity,
            i.issue.file,
            i.issue.column,
            i.issue.value,
            dict(i.issue.detail),
        )
        for i in report.issues.items
        if i.issue.code.startswith("badge-")
    )
    csv_name = "dang-vien.csv"
    assert found == [
        (2, "badge-admission-year-only", "warning", csv_name, "Ngày vào Đảng", "1997", {}),
        (3, "badge-interruption-open", "warning", csv_name, "Gián đoạn từ ngày", "01/01/2010", {}),
        (4, "badge-months-unreadable", "warning", csv_name, "Số tháng gián đoạn", "-3", {}),
        (5, "badge-held-unreadable", "warning", csv_name, "Huy hiệu đã tặng", "có", {}),
        (
            6,
            "badge-missed",
            "warning",
            csv_name,
            "Huy hiệu đã tặng",
            None,
            {"wave": "03/02/2027", "badge": "30"},
        ),
        (
            7,
            "badge-months-unreadable",
            "warning",
            csv_name,
            "Tuổi đảng trước khi kết nạp lại (tháng)",
            "hai năm",
            {},
        ),
    ]
    # an interruption without its end: not proposed until the committee records the end
    assert listed(report)["2027-02-03"] == [
        ("Ba", 30, "due"),
        ("Bốn", 30, "due"),
        ("Năm", 30, "missed"),
        ("Sáu", 30, "due"),  # the unreadable months count as none
    ]


@pytest.mark.parametrize(
    ("year", "warned"),
    [
        ("1995", False),  # 30 years in 2025: before the year before the run
        ("1996", True),  # 30 in 2026: a milestone after 7/11/2026 is due on 3/2/2027
        ("1997", True),  # 30 in 2027
        ("1998", False),  # 30 in 2028: after the run
    ],
)
def test_a_year_only_admission_is_warned_when_a_badge_may_fall_in_the_run(
    tmp_path: Path, year: str, warned: bool
) -> None:
    report = badges(roster(tmp_path, [person("Một", year)]), year=2027)
    codes = {i.issue.code for i in report.issues.items}
    assert ("badge-admission-year-only" in codes) is warned
    assert "bad-date" in codes  # rejected either way: the day is needed


def test_the_list_is_ordered_by_badge_then_given_name(tmp_path: Path) -> None:
    rows = [
        person("Lê Văn Bình", "03/02/1997"),
        person("Trần Anh", "03/02/1997"),
        person("Nguyễn Văn Ánh", "03/02/1997"),
        person("Phạm Thị Ca", "03/02/1987"),  # 40 years: first though 'Ca' sorts after
        person("Trần Văn Anh", "03/02/1997"),
    ]
    report = badges(roster(tmp_path, rows), wave="2027-02-03")
    # Ánh and Anh fold alike: the whole name decides (Nguyễn, Trần Anh, Trần Văn Anh)
    assert [m.name for m in report.waves[0].members] == [
        "Phạm Thị Ca",
        "Nguyễn Văn Ánh",
        "Trần Anh",
        "Trần Văn Anh",
        "Lê Văn Bình",
    ]
    assert [(c.years, c.count) for c in report.waves[0].counts if c.count] == [(40, 1), (30, 4)]
    assert [c.code for c in report.waves[0].counts][:2] == ["90_nam", "85_nam"]


@pytest.mark.parametrize(
    ("until", "due", "warned"),
    [
        ("09/03/2010", "2027-02-03", True),  # ends the day before it starts: not counted
        ("10/03/2010", "2027-02-03", False),  # starts and ends the same day: nothing out
        ("11/03/2010", "2027-05-19", False),  # one day out: 04/02/2027, the next award day
    ],
)
def test_an_interruption_s_bounds(tmp_path: Path, until: str, due: str, warned: bool) -> None:
    # 30 years on 03/02/2027, an award day
    gap = {"Gián đoạn từ ngày": "10/03/2010", "Gián đoạn đến ngày": until}
    report = badges(roster(tmp_path, [person("Lý Văn Tám", "03/02/1997", **gap)]), year=2027)
    assert [d for d, m in listed(report).items() if m] == [due]
    found = [
        (i.issue.row, i.issue.column, i.issue.value)
        for i in report.issues.items
        if i.issue.code == "badge-interruption-reversed"
    ]
    assert found == ([(2, "Gián đoạn đến ngày", "10/03/2010")] if warned else [])


@pytest.mark.parametrize(
    ("months", "due"),
    [
        # 30 years on 19/03/2027; months out of party life are rounded to whole months
        ("2", "2027-05-19"),  # 19/05/2027, itself an award day
        ("2,4", "2027-05-19"),  # 2 months
        ("2,6", "2027-09-02"),  # 3 months: 19/06/2027
        ("3", "2027-09-02"),
    ],
)
def test_months_out_of_party_life_are_whole_months(tmp_path: Path, months: str, due: str) -> None:
    rows = [person("Lý Văn Chín", "19/03/1997", **{"Số tháng gián đoạn": months})]
    report = badges(roster(tmp_path, rows), year=2027)
    assert [d for d, m in listed(report).items() if m] == [due]
    assert not [i for i in report.issues.items if i.issue.code.startswith("badge-months")]


def test_a_delay_is_shown_at_the_award_day_the_milestone_fell_to_only(tmp_path: Path) -> None:
    # 30 years on 07/11/2026 (an award day); khiển trách on 01/11/2026: until 01/05/2027.
    # Shown delayed on 7/11/2026, not again on 3/2/2027; proposed on 19/5/2027.
    measure = {"Hình thức kỷ luật": "Khiển trách", "Ngày kỷ luật": "01/11/2026"}
    path = roster(tmp_path, [person("Lò Thị Mười", "07/11/1996", **measure)])
    on_time = badges(path, wave="2026-11-07", as_of=date(2026, 11, 2)).waves[0]
    assert ([m.name for m in on_time.members], [d.member.name for d in on_time.delayed]) == (
        [],
        ["Lò Thị Mười"],
    )
    report = badges(path, year=2027)
    assert [[d.member.name for d in w.delayed] for w in report.waves] == [[], [], [], []]
    assert [d for d, m in listed(report).items() if m] == ["2027-05-19"]


def test_without_a_column_of_badges_held_a_passed_award_day_means_awarded(
    tmp_path: Path,
) -> None:
    rows = [
        person("Đỗ Văn Một", "01/01/1990"),  # 30 years on 01/01/2020: awarded then
        person("Đỗ Văn Hai", "03/02/1987"),  # 30 in 2017 awarded; 40 on 03/02/2027: due
        person("Đỗ Văn Ba", "08/11/1996"),  # 30 on 08/11/2026, after the 7/11 award day
        person("Đỗ Văn Bốn", "07/11/1996"),  # 30 on 7/11/2026 itself: awarded that day
    ]
    report = badges(roster(tmp_path, rows), wave="2027-02-03")
    assert listed(report) == {"2027-02-03": [("Đỗ Văn Hai", 40, "due"), ("Đỗ Văn Ba", 30, "due")]}
    assert not [i for i in report.issues.items if i.issue.code == "badge-missed"]


def test_with_a_column_of_badges_held_a_death_long_ago_is_still_proposed(
    tmp_path: Path,
) -> None:
    # 30 years on 03/02/2027, died 01/06/2026 (within 12 months), marked 'truy tặng'. The
    # first award day after the death was 2/9/2026: without a column of badges held it is
    # taken as done then; with one, an empty cell says it was not.
    gone = {"Trạng thái": "Từ trần", "Ngày ra khỏi danh sách": "01/06/2026", "Ghi chú": "truy tặng"}
    without = badges(roster(tmp_path, [person("Vũ Văn Hải", "03/02/1997", **gone)]), year=2026)
    assert {w.day.isoformat(): [m.name for m in w.posthumous] for w in without.waves} == {
        "2026-02-03": [],
        "2026-05-19": [],
        "2026-09-02": ["Vũ Văn Hải"],
        "2026-11-07": [],
    }
    later = badges(
        roster(tmp_path, [person("Vũ Văn Hải", "03/02/1997", **gone)]), wave="2027-02-03"
    )
    assert later.waves[0].posthumous == ()
    held = {**gone, "Huy hiệu đã tặng": ""}
    path = roster(tmp_path, [person("Vũ Văn Hải", "03/02/1997", **held)], name="held.csv")
    report = badges(path, wave="2027-02-03")
    assert [(m.name, m.badge, m.kind) for m in report.waves[0].posthumous] == [
        ("Vũ Văn Hải", 30, "posthumous")
    ]


def test_a_measure_no_rule_names_delays_nothing_dated_or_not(tmp_path: Path) -> None:
    rows = [
        person("Hồ Văn Một", "03/02/1997", **{"Hình thức kỷ luật": "Nhắc nhở"}),
        person("Hồ Văn Hai", "03/02/1997", **{"Hình thức kỷ luật": "Không"}),  # none
    ]
    report = badges(roster(tmp_path, rows), wave="2027-02-03")
    assert [m.name for m in report.waves[0].members] == ["Hồ Văn Hai", "Hồ Văn Một"]
    assert report.waves[0].delayed == ()
    found = sorted((i.issue.row, i.issue.code) for i in report.issues.items)
    assert found == [(2, "badge-discipline-unknown")]


@pytest.mark.parametrize(
    ("admitted", "extra", "due"),
    [
        # an interruption counts in calendar months, then days: 01/12/2009 to 01/02/2010
        # is 2 months (62 days): 30 years on 19/03/2027 + 2 months = 19/05/2027
        ("19/03/1997", {"Gián đoạn từ ngày": "01/12/2009", "Gián đoạn đến ngày": "01/02/2010"},
         "2027-05-19"),
        # 0,6 of a month out of party life is one month: 19/05/2027 -> 19/06/2027
        ("19/05/1997", {"Số tháng gián đoạn": "0,6"}, "2027-09-02"),
        ("19/05/1997", {"Số tháng gián đoạn": "0,4"}, "2027-05-19"),
        # 0,6 of a month of earlier service is one month: 19/06/2027 -> 19/05/2027
        ("19/06/1997", {"Tuổi đảng trước khi kết nạp lại (tháng)": "0,6"}, "2027-05-19"),
        ("19/06/1997", {"Tuổi đảng trước khi kết nạp lại (tháng)": "0"}, "2027-09-02"),
    ],
)  # fmt: skip
def test_months_and_days_out_of_party_life(
    tmp_path: Path, admitted: str, extra: dict[str, str], due: str
) -> None:
    report = badges(roster(tmp_path, [person("Lý Văn Mười", admitted, **extra)]), year=2027)
    assert [d for d, m in listed(report).items() if m] == [due]
    assert not [i for i in report.issues.items if i.issue.code.startswith("badge-")]


def test_each_line_names_the_file_and_sheet_it_came_from(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chi bộ thôn 5"
    sheet.append(COLUMNS)
    row = person("Lưu Văn Năm", "03/02/1997")
    sheet.append([row.get(c, "") for c in COLUMNS])
    path = tmp_path / "huy-hieu.xlsx"
    book.save(path)
    member = badges(path, wave="2027-02-03").waves[0].members[0]
    assert (member.name, member.file, member.sheet, member.row) == (
        "Lưu Văn Năm",
        "huy-hieu.xlsx",
        "Chi bộ thôn 5",
        2,
    )


def test_award_days_over_the_turn_of_a_year() -> None:
    from dvstat.badge_awards import waves_between

    assert waves_between(date(2025, 11, 7), date(2026, 2, 3)) == [
        date(2025, 11, 7),
        date(2026, 2, 3),
    ]
    assert waves_between(date(2025, 9, 2), date(2027, 2, 3)) == [
        date(2025, 9, 2), date(2025, 11, 7), date(2026, 2, 3), date(2026, 5, 19),
        date(2026, 9, 2), date(2026, 11, 7), date(2027, 2, 3),
    ]  # fmt: skip


def test_a_folder_where_one_roster_has_badges_held_and_one_has_not(tmp_path: Path) -> None:
    # both reached 30 years on 01/01/2020. Where the roster lists badges held, an empty
    # cell says the badge was missed; where it has no such column, it was awarded then.
    folder = tmp_path / "rosters"
    folder.mkdir()
    roster(folder, [person("Kha Văn Một", "01/01/1990", **{"Huy hiệu đã tặng": ""})], "a.csv")
    roster(folder, [person("Kha Văn Hai", "01/01/1990")], "b.csv")
    report = badges(folder, wave="2027-02-03")
    assert listed(report) == {"2027-02-03": [("Kha Văn Một", 30, "missed")]}


def test_a_delay_of_one_month_from_the_workspace(tmp_path: Path) -> None:
    # 30 years on 03/02/2027. Khiển trách on 01/02/2027 + 1 month = 01/03/2027: 19/5.
    # Cảnh cáo without a date: 1 month from the milestone, 03/03/2027: 19/5, and a warning.
    rows = [
        person(
            "Lò Văn Một", "03/02/1997", **{"Kỷ luật": "Khiển trách", "Ngày kỷ luật": "01/02/2027"}
        ),
        person("Lò Văn Hai", "03/02/1997", **{"Kỷ luật": "Cảnh cáo"}),
    ]
    (tmp_path / "dvstat.toml").write_text(
        '[badges]\ndelay_months = { "khiển trách" = 1, "cảnh cáo" = 1 }\n', encoding="utf-8"
    )
    report = badges(roster(tmp_path, rows), year=2027, config=tmp_path / "dvstat.toml")
    assert listed(report)["2027-02-03"] == []
    assert sorted(listed(report)["2027-05-19"]) == [
        ("Lò Văn Hai", 30, "due"),
        ("Lò Văn Một", 30, "due"),
    ]
    undated = [(i.issue.row, i.issue.detail) for i in report.issues.items
               if i.issue.code == "badge-discipline-undated"]  # fmt: skip
    assert undated == [(3, {"months": "1"})]


def test_a_decision_date_without_a_measure_delays_nothing(tmp_path: Path) -> None:
    rows = [person("Lò Văn Ba", "03/02/1997", **{"Kỷ luật": "", "Ngày kỷ luật": "01/01/2027"})]
    report = badges(roster(tmp_path, rows), year=2027)
    assert [d for d, m in listed(report).items() if m] == ["2027-02-03"]
    assert report.waves[0].delayed == ()


def test_a_roster_without_status_or_notes(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text(
        "Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Chi bộ\n"
        "Mạc Văn Một,01/01/1950,Nam,03/02/1997,Chi bộ 1\n",
        encoding="utf-8",
    )
    report = badges(path, wave="2027-02-03")
    assert listed(report) == {"2027-02-03": [("Mạc Văn Một", 30, "due")]}


def test_an_english_run_words_its_checks_in_english(tmp_path: Path) -> None:
    report = badges(roster(tmp_path, [person("Một", "1997")]), year=2027, lang="en")
    messages = {i.issue.code: i.message for i in report.issues.items}
    assert messages["badge-admission-year-only"] == (
        "File 'dang-vien.csv', row 2, column 'Ngày vào Đảng': admission date is a year only "
        "'1997': the full date decides the badge's award day"
    )
    assert report.generated_by.startswith("dvstat ")


def test_two_of_a_unit_and_two_posthumous_in_order(tmp_path: Path) -> None:
    gone = {"Trạng thái": "Từ trần", "Ngày ra khỏi danh sách": "01/12/2026", "Ghi chú": "truy tặng"}
    rows = [
        person("Phan Văn Bình", "03/02/1997"),
        person("Phan Văn An", "03/02/1997"),
        person("Đào Văn Giang", "03/02/1997", **gone),
        person("Đào Văn Cường", "03/02/1997", **gone),
    ]
    report = badges(roster(tmp_path, rows), wave="2027-02-03")
    wave = report.waves[0]
    assert [m.name for m in wave.members] == ["Phan Văn An", "Phan Văn Bình"]
    assert [m.name for m in wave.posthumous] == ["Đào Văn Cường", "Đào Văn Giang"]
    assert [(c.code, c.count) for c in wave.posthumous_counts if c.count] == [("30_nam", 2)]
    # per unit: the posthumous count too (4 of the 30-year badge in Chi bộ thôn 1)
    assert [(u.label, [(c.code, c.count) for c in u.counts if c.count]) for u in report.units] == [
        ("Chi bộ thôn 1", [("30_nam", 4)])
    ]


def test_a_member_on_the_list_at_the_first_award_day_is_not_counted_as_gone(
    tmp_path: Path,
) -> None:
    # 27 years in 2027, transferred out on 01/06/2027: a member on 3/2 and 19/5
    moved = {"Trạng thái": "Chuyển đi", "Ngày ra khỏi danh sách": "01/06/2027"}
    report = badges(roster(tmp_path, [person("Tô Văn Một", "01/01/2000", **moved)]), year=2027)
    assert report.rows == {"read": 1, "listed": 0, "not_due": 1, "not_members": 0, "rejected": 0}


def test_a_delayed_line_and_a_reversed_interruption_in_full(tmp_path: Path) -> None:
    measure = {"Hình thức kỷ luật": "Khiển trách", "Ngày kỷ luật": "01/01/2027"}
    gap = {"Gián đoạn từ ngày": "10/03/2010", "Gián đoạn đến ngày": "09/03/2010"}
    rows = [
        person("Lò Văn Một", "03/02/1997", **measure),
        person("Lò Văn Hai", "03/02/1997", **gap),
    ]
    report = badges(roster(tmp_path, rows), wave="2027-02-03")
    delayed = report.waves[0].delayed[0]
    assert (delayed.member.name, delayed.member.kind, delayed.member.badge) == (
        "Lò Văn Một",
        "due",
        30,
    )
    found = [(i.issue.code, i.issue.severity, i.issue.row) for i in report.issues.items
             if i.issue.code == "badge-interruption-reversed"]  # fmt: skip
    assert found == [("badge-interruption-reversed", "warning", 3)]


def test_a_missed_badge_quotes_the_badges_held(tmp_path: Path) -> None:
    # holds the 30-year badge; the 40 (03/02/2022) passed without it; 45 due on 03/02/2027
    rows = [person("Tạ Văn Tài", "03/02/1982", **{"Huy hiệu đã tặng": "30 năm"})]
    report = badges(roster(tmp_path, rows), wave="2027-02-03")
    found = [(i.issue.row, i.issue.column, i.issue.value, dict(i.issue.detail))
             for i in report.issues.items if i.issue.code == "badge-missed"]  # fmt: skip
    assert found == [(2, "Huy hiệu đã tặng", "30 năm", {"wave": "03/02/2027", "badge": "45"})]


@pytest.mark.parametrize(
    ("admitted", "kind"),
    [
        ("06/11/1996", "missed"),  # 30 years on 06/11/2026, before the 7/11 award day
        ("07/11/1996", "missed"),  # on the award day itself: it passed without the badge
        ("08/11/1996", "due"),  # the day after: 3/2/2027 is its award day
    ],
)
def test_missed_or_due_at_the_award_day_before(tmp_path: Path, admitted: str, kind: str) -> None:
    rows = [person("Văn Văn Một", admitted, **{"Huy hiệu đã tặng": ""})]
    report = badges(roster(tmp_path, rows), wave="2027-02-03")
    assert listed(report) == {"2027-02-03": [("Văn Văn Một", 30, kind)]}
