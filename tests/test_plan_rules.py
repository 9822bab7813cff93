"""The plan reader (``dvstat.readers.plans``) by hand: each error in both languages, a
plan on a later sheet, the first sheet's error when no sheet holds a plan, a one-year
term, a target of 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from dvstat.errors import PlanError
from dvstat.model import PlanTarget
from dvstat.readers.plans import parse_plan_grid, read_plan

HEADER = ["Đơn vị", "Năm", "Chỉ tiêu"]


def _error(call: object) -> tuple[str, str]:
    with pytest.raises(PlanError) as caught:
        call()  # type: ignore[operator]
    return caught.value.vi, caught.value.en


def test_a_plan_file_missing_or_of_another_kind(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.csv"
    assert _error(lambda: read_plan(missing)) == (
        f"Không tìm thấy tệp chỉ tiêu '{missing}'.",
        f"Plan file not found: '{missing}'.",
    )
    other = tmp_path / "chi-tieu.pdf"
    other.write_text("x", encoding="utf-8")
    assert _error(lambda: read_plan(other)) == (
        "Tệp chỉ tiêu 'chi-tieu.pdf' phải là .csv hoặc .xlsx.",
        "Plan file 'chi-tieu.pdf' must be .csv or .xlsx.",
    )


def test_a_file_the_reader_refuses_is_a_plan_error_with_its_message(tmp_path: Path) -> None:
    renamed = tmp_path / "chi-tieu.xlsx"
    renamed.write_bytes(b"not a zip")
    assert _error(lambda: read_plan(renamed)) == (
        "Tệp 'chi-tieu.xlsx' không phải tệp Excel (có thể là tệp khác bị đổi đuôi).",
        "File 'chi-tieu.xlsx' is not an Excel workbook (maybe a renamed file).",
    )
    empty = tmp_path / "chi-tieu.csv"
    empty.write_text("", encoding="utf-8")
    assert _error(lambda: read_plan(empty)) == (
        "Tệp 'chi-tieu.csv' rỗng (0 byte).",
        "File 'chi-tieu.csv' is empty (0 bytes).",
    )


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    first = True
    for name, rows in sheets.items():
        ws = wb.active if first else wb.create_sheet(name)
        assert ws is not None
        ws.title = name
        for row in rows:
            ws.append(row)
        first = False
    wb.save(path)
    return path


def test_the_plan_may_stand_on_a_later_sheet(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "chi-tieu.xlsx",
        {"Ghi chú": [["Kế hoạch năm 2026"]], "Chỉ tiêu": [HEADER, ["Chi bộ 1", 2026, 4]]},
    )
    assert read_plan(path) == [
        PlanTarget("Chi bộ 1", "1", 2026, 2026, 4, 4, "chi-tieu.xlsx", 2),
    ]


def test_without_a_plan_on_any_sheet_the_first_sheet_s_error_is_told(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "chi-tieu.xlsx",
        {"A": [["Đơn vị", "Chỉ tiêu"]], "B": [["Ghi chú"]]},
    )
    # A lacks the year, B every column: A's is told
    assert _error(lambda: read_plan(path)) == (
        "Tệp chỉ tiêu 'chi-tieu.xlsx' thiếu cột Năm/Giai đoạn "
        "(cần: Đơn vị, Năm hoặc Giai đoạn, Chỉ tiêu).",
        "Plan 'chi-tieu.xlsx' lacks the column Năm/Giai đoạn "
        "(needed: Đơn vị, Năm or Giai đoạn, Chỉ tiêu).",
    )


def test_a_term_of_one_year_a_reversed_term_and_targets_at_zero() -> None:
    assert parse_plan_grid([HEADER, ["A", "2025-2025", "3"]], "p.csv") == [
        PlanTarget("A", "a", 2025, 2025, 3, 3, "p.csv", 2)
    ]
    assert _error(lambda: parse_plan_grid([HEADER, ["A", "2026-2025", "3"]], "p.csv")) == (
        "Tệp chỉ tiêu 'p.csv', dòng 2: giai đoạn '2026-2025' ngược (năm đầu sau năm cuối).",
        "Plan 'p.csv', row 2: term '2026-2025' is reversed (its first year after its last).",
    )
    assert parse_plan_grid([HEADER, ["A", "2025", "0"]], "p.csv")[0].low == 0
    zero_to_two = parse_plan_grid([HEADER, ["A", "2025", "0-2"]], "p.csv")[0]
    assert (zero_to_two.low, zero_to_two.high) == (0, 2)
    assert _error(lambda: parse_plan_grid([HEADER, ["A", "2025", "-1"]], "p.csv")) == (
        "Tệp chỉ tiêu 'p.csv', dòng 2: chỉ tiêu '-1' âm hoặc khoảng ngược.",
        "Plan 'p.csv', row 2: target '-1' is negative or an inverted range.",
    )


def test_a_blank_row_is_passed_over_and_a_target_left_empty_is_named(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "chi-tieu.xlsx",
        {"KH": [HEADER, ["Chi bộ 1", 2026, 4], [None, None, None], ["Chi bộ 2", 2026, None]]},
    )
    assert _error(lambda: read_plan(path)) == (
        "Tệp chỉ tiêu 'chi-tieu.xlsx', dòng 4: chỉ tiêu '' không phải số nguyên.",
        "Plan 'chi-tieu.xlsx', row 4: target '' is not a whole number.",
    )
