"""Read the admission plan (chỉ tiêu) from .csv, .xlsx or the config's [[plan.targets]].

Columns Đơn vị, Năm or Giai đoạn, Chỉ tiêu (docs/plan.md). A bad plan is a PlanError naming the
file, the row and what is wrong: a wrong target must never be counted against.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dvstat.errors import PlanError, RosterReadError
from dvstat.model import PlanTarget
from dvstat.periods import TERM_PATTERN
from dvstat.readers.rosters import ROSTER_SUFFIXES, iter_sheets
from dvstat.settings import ReadLimits
from dvstat.text import cell_text, fold, shown_file, unit_key

_UNIT = {"donvi", "tendonvi", "chibo", "dangbo", "tochuc", "tochucdang", "unit"}
_PERIOD = {"nam", "giaidoan", "nhiemky", "namgiaidoan", "period", "year", "ky"}
_TARGET = {"chitieu", "kehoach", "chitieuketnap", "sochitieu", "target", "chitieugiao"}
_YEAR = re.compile(r"^\s*(\d{4})(?:\.0)?\s*$")
_RANGE = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$")
_INT = re.compile(r"^\s*(-?\d+)(?:\.0+)?\s*$")


def read_plan(path: Path, limits: ReadLimits | None = None) -> list[PlanTarget]:
    """The plan in a .csv or a workbook (its first sheet with a plan header).

    The file goes through the same checks and parsers as a roster (size, zip bomb, XML
    declarations, declared counts, parser failures): one set of checks for every file."""
    if not path.is_file():
        raise PlanError(f"Không tìm thấy tệp chỉ tiêu '{path}'.", f"Plan file not found: '{path}'.")
    if path.suffix.lower() not in ROSTER_SUFFIXES:
        raise PlanError(
            f"Tệp chỉ tiêu '{shown_file(path)}' phải là .csv hoặc .xlsx.",
            f"Plan file '{shown_file(path)}' must be .csv or .xlsx.",
        )
    try:
        grids = [
            grid for _, grid, _ in iter_sheets(path, limits or ReadLimits()) if grid is not None
        ]
    except RosterReadError as exc:
        raise PlanError(exc.vi, exc.en) from exc
    if not grids:
        raise PlanError(
            f"Tệp chỉ tiêu '{shown_file(path)}' không có sheet nào.",
            f"Plan file '{shown_file(path)}' has no sheet.",
        )
    error: PlanError | None = None
    for grid in grids:
        rows = grid.to_numpy(dtype=object, na_value="").tolist()
        try:
            return parse_plan_grid(rows, path.name)
        except PlanError as exc:  # another sheet may hold the plan
            error = error or exc
    assert error is not None
    raise error


def plan_from_config(rows: Sequence[dict[str, Any]]) -> list[PlanTarget]:
    grid: list[list[Any]] = [["Đơn vị", "Năm", "Chỉ tiêu"]]
    grid += [[r["unit"], r["period"], r["target"]] for r in rows]
    return parse_plan_grid(grid, "dvstat.toml [plan]")


def _cell(value: Any) -> str:
    return cell_text(value) or ""


# Complex by design: one pass over the plan rows, one check per column.
def parse_plan_grid(grid: Sequence[Sequence[Any]], source: str) -> list[PlanTarget]:  # noqa: C901
    """Plan targets from a grid; row numbers as the file shows them."""
    header_row = None
    columns: dict[str, int] = {}
    for r, row in enumerate(grid[:30]):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            key = fold(_cell(value))
            for name, aliases in (("unit", _UNIT), ("period", _PERIOD), ("target", _TARGET)):
                if key in aliases and name not in found:
                    found[name] = c
        if "unit" in found and "target" in found:
            header_row, columns = r, found
            break
    if header_row is None or "period" not in columns:
        missing = "Năm/Giai đoạn" if header_row is not None else "Đơn vị, Chỉ tiêu"
        raise PlanError(
            f"Tệp chỉ tiêu '{source}' thiếu cột {missing} (cần: Đơn vị, Năm hoặc "
            "Giai đoạn, Chỉ tiêu).",
            f"Plan '{source}' lacks the column {missing} (needed: Đơn vị, Năm or "
            "Giai đoạn, Chỉ tiêu).",
        )
    targets: list[PlanTarget] = []
    seen: dict[tuple[str, int, int], int] = {}
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        number = r + 1

        def get(name: str, row: Sequence[Any] = row) -> str:
            c = columns[name]
            return _cell(row[c]) if c < len(row) else ""

        unit, period, target = get("unit"), get("period"), get("target")
        if not unit and not target:
            continue
        where_vi = f"Tệp chỉ tiêu '{source}', dòng {number}"
        where_en = f"Plan '{source}', row {number}"
        if m := TERM_PATTERN.fullmatch(period):
            first, last = int(m[1]), int(m[2])
            if last < first:
                raise PlanError(
                    f"{where_vi}: giai đoạn '{period}' ngược (năm đầu sau năm cuối).",
                    f"{where_en}: term '{period}' is reversed (its first year after its last).",
                )
        elif m := _YEAR.match(period):
            first = last = int(m[1])
        else:
            raise PlanError(
                f"{where_vi}: năm/giai đoạn '{period}' phải là 2023 hoặc 2020-2025.",
                f"{where_en}: period '{period}' must be 2023 or 2020-2025.",
            )
        if m := _RANGE.match(target):
            low, high = int(m[1]), int(m[2])
        elif m := _INT.match(target):
            low = high = int(m[1])
        else:
            raise PlanError(
                f"{where_vi}: chỉ tiêu '{target}' không phải số nguyên.",
                f"{where_en}: target '{target}' is not a whole number.",
            )
        if low < 0 or high < low:
            raise PlanError(
                f"{where_vi}: chỉ tiêu '{target}' âm hoặc khoảng ngược.",
                f"{where_en}: target '{target}' is negative or an inverted range.",
            )
        plan_key = (unit_key(unit), first, last)
        if plan_key in seen:
            earlier = seen[plan_key]
            raise PlanError(
                f"{where_vi}: '{unit}' năm {period} đã có ở dòng {earlier}.",
                f"{where_en}: '{unit}' {period} already appears on row {earlier}.",
            )
        seen[plan_key] = number
        targets.append(
            PlanTarget(
                unit=unit,
                key=plan_key[0],
                first_year=first,
                last_year=last,
                low=low,
                high=high,
                source=source,
                row=number,
            )
        )
    return targets
