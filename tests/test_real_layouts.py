"""Round 2 layouts read to the same figures as the clean file of the same members.

The members (``people.py``) and every figure asserted are set by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dvstat import sample_rosters as samples
from dvstat.cli import app
from people import EA_KUANG, EA_PHE, T1, T2, _members  # noqa: F401


def _summary(*paths: Path, by: str = "branch") -> dict[str, Any]:
    result = CliRunner().invoke(
        app,
        [
            "summarize",
            *map(str, paths),
            "--year",
            "2025",
            "--by",
            by,
            "--format",
            "json",
            "--as-of",
            "2026-11-22",
        ],
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _errors(data: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(i["code"], i["row"]) for i in data["issues"]["items"] if i["severity"] == "error"]


def _counts(data: dict[str, Any], breakdown: str) -> dict[str, int]:
    return {c["code"]: c["count"] for c in data["breakdowns"][breakdown] if c["count"]}


def _check_hand_figures(data: dict[str, Any]) -> None:
    assert data["rows"] == {
        "read": 14,
        "counted": 12,
        "rejected": 0,
        "outside_period": 2,
        "duplicates": 0,
    }
    assert data["total"] == 12
    highlights = {k: (v["count"], v["percent"]) for k, v in data["highlights"].items()}
    assert highlights == {
        "total": (12, 100.0),
        "female": (6, 50.0),
        "minority": (6, 50.0),
        "religious": (3, 25.0),
        "youth_union": (8, 66.67),
        "aged_18_30": (7, 58.33),
        "university_or_higher": (5, 41.67),
    }
    assert data["mean_age"] == 31.0
    assert _counts(data, "age_band") == {"18_30": 7, "31_35": 3, "36_40": 1, "46_50": 1}
    assert _counts(data, "general_education") == {"lower_secondary": 1, "upper_secondary": 11}
    assert _counts(data, "ethnicity") == {
        "kinh": 6,
        "tay": 1,
        "thai": 1,
        "muong": 1,
        "nung": 1,
        "gia_rai": 1,
        "e_de": 1,
    }
    assert data["previous"]["total"] == 2


UNITS_2025 = [
    (["Đảng bộ xã Ea Kuăng", T1], 3, 0),
    (["Đảng bộ xã Ea Kuăng", T2], 4, 1),
    (["Đảng bộ xã Ea Phê", T1], 3, 1),
    (["Đảng bộ xã Ea Phê", T2], 2, 0),
]


def _units(data: dict[str, Any]) -> list[tuple[list[str], int, int]]:
    return [(u["path"], u["total"], u["previous_total"]) for u in data["units"]]


@pytest.fixture()
def clean(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "sach.xlsx"
    samples.write_clean_xlsx(_members(), path)
    data = _summary(path)
    _check_hand_figures(data)
    assert _units(data) == UNITS_2025
    return data


def _same_figures(a: dict[str, Any], b: dict[str, Any]) -> None:
    for key in ("rows", "total", "mean_age", "breakdowns", "highlights"):
        assert a[key] == b[key], key
    assert a["previous"]["breakdowns"] == b["previous"]["breakdowns"]


def test_section_rows_give_the_clean_figures_and_units(
    tmp_path: Path, clean: dict[str, Any]
) -> None:
    path = tmp_path / "muc.xlsx"
    samples.write_section_xlsx(_members(), path)
    data = _summary(path)
    _same_figures(data, clean)
    assert _errors(data) == []
    # the organizations as the sections write them (upper case), branches kept apart
    assert [(u["path"][1], u["total"], u["previous_total"]) for u in data["units"]] == [
        (T1, 3, 0),
        (T2, 4, 1),
        (T1, 3, 1),
        (T2, 2, 0),
    ]
    assert [u["label"] for u in data["units"]] == [
        "ĐẢNG BỘ XÃ EA KUĂNG / Chi bộ thôn 1",
        "ĐẢNG BỘ XÃ EA KUĂNG / Chi bộ thôn 2",
        "ĐẢNG BỘ XÃ EA PHÊ / Chi bộ thôn 1",
        "ĐẢNG BỘ XÃ EA PHÊ / Chi bộ thôn 2",
    ]
    codes = [i["code"] for i in data["issues"]["items"]]
    assert "subtotal-mismatch" not in codes and "unit-from-sections" in codes


def test_a_wrong_subtotal_is_a_warning_on_its_row(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "muc.xlsx"
    samples.write_section_xlsx(_members(), path)
    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    row = next(c.row for c in ws["C"] if c.value == "Cộng: 3")
    ws.cell(row, 3).value = "Cộng: 31"
    wb.save(path)
    data = _summary(path)
    wrong = [i for i in data["issues"]["items"] if i["code"] == "subtotal-mismatch"]
    assert [(i["severity"], i["row"], i["value"]) for i in wrong] == [("warning", row, "31")]
    assert "31" in wrong[0]["message"] and "3 " in wrong[0]["message"]
    assert data["total"] == 12


def test_a_lone_nu_column_with_birth_years_gives_the_clean_figures(
    tmp_path: Path, clean: dict[str, Any]
) -> None:
    path = tmp_path / "nu.xlsx"
    samples.write_mark_xlsx(_members(), path)
    data = _summary(path)
    _same_figures(data, clean)
    assert _errors(data) == []
    assert _units(data) == UNITS_2025
    assert {i["code"] for i in data["issues"]["items"]} == {"birth-year-only"}


def test_one_file_per_organization_keeps_same_named_branches_apart(
    tmp_path: Path, clean: dict[str, Any]
) -> None:
    folder = tmp_path / "don-vi"
    folder.mkdir()
    members = _members(with_org=False)
    samples.write_clean_xlsx(members[:5] + [members[12]], folder / "Đảng bộ xã Ea Phê.xlsx")
    samples.write_clean_xlsx(members[5:12] + [members[13]], folder / "dang-bo-xa-ea-kuang.xlsx")
    data = _summary(folder)
    _same_figures(data, clean)
    assert [(u["path"], u["total"]) for u in data["units"]] == [
        (["dang bo xa ea kuang", T1], 3),
        (["dang bo xa ea kuang", T2], 4),
        (["Đảng bộ xã Ea Phê", T1], 3),
        (["Đảng bộ xã Ea Phê", T2], 2),
    ]
    assert _summary(folder, by="org")["units"][1]["total"] == 5


def test_a_folder_of_48_differently_worded_files(tmp_path: Path) -> None:
    members = samples.make_members(seed=21)
    clean_path = tmp_path / "sach.xlsx"
    samples.write_clean_xlsx(members, clean_path)
    paths = samples.write_varied_folder(members, tmp_path / "48", files=48)
    assert len(paths) == 48
    headers = set()
    from openpyxl import load_workbook

    for path in paths[:8]:
        ws = load_workbook(path).active
        assert ws is not None
        headers.add(
            tuple(
                c.value for c in next(r for r in ws.iter_rows() if any(c.value == "STT" for c in r))
            )
        )
    assert len(headers) == 8  # each file has its own wording and order
    folder = _summary(tmp_path / "48")
    one = _summary(clean_path)
    _same_figures(folder, one)
    assert _errors(folder) == []
    assert _units(folder) == _units(one)
    assert folder["rows"]["read"] == len(members)


def test_a_sheet_without_a_religion_column_still_counts_and_says_unknown(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "khong-ton-giao.xlsx"
    samples.write_clean_xlsx(_members(), path)
    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws.delete_cols(samples.CLEAN_HEADER.index("Tôn giáo") + 1)
    wb.save(path)
    data = _summary(path)
    assert data["total"] == 12
    assert data["highlights"]["religious"] == {"count": 0, "percent": 0.0, "unknown": 12}
    assert data["highlights"]["female"] == {"count": 6, "percent": 50.0, "unknown": 0}
    assert _errors(data) == [("missing-column", 1)]
    result = CliRunner().invoke(
        app,
        ["summarize", str(path), "--year", "2025", "--format", "markdown", "--as-of", "2026-11-22"],
    )
    assert (
        "người theo tôn giáo không rõ (12 đồng chí chưa có thông tin); "
        "đoàn viên 8 đồng chí, chiếm 66,67%"
    ) in result.stdout
    strict = CliRunner().invoke(
        app,
        [
            "summarize",
            str(path),
            "--year",
            "2025",
            "--strict",
            "--format",
            "json",
            "--as-of",
            "2026-11-22",
        ],
    )
    assert strict.exit_code == 1
