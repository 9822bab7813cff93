"""Read roster files (.xlsx .xlsm .xls .ods .csv) into one raw frame with provenance.

Each sheet is read as a grid of cell values (python-calamine: cached formula values, real
dates in both date systems, merged cells filled from their top-left cell), the header is
located by ``layout``, blank and footer rows are dropped, and every member row keeps its
file, sheet and Excel row number. Values stay as read; ``normalize`` interprets them.
"""

from __future__ import annotations

import csv
import glob
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dvstat import layout, schema
from dvstat.errors import RosterReadError
from dvstat.model import Issue, SheetInfo
from dvstat.normalize import OK, parse_date
from dvstat.readers.files import ReadLimits, check_input_file
from dvstat.text import fold

ROSTER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
_GENERIC_SHEET = re.compile(r"^(sheet|trang ?tinh|danh ?sach|ds|data|du ?lieu|bang)\d*$")

Grid = list[list[Any]]


@dataclass
class RosterTable:
    """Member rows of every roster (raw values), the sheets found, and reading issues."""

    frame: pd.DataFrame
    sheets: list[SheetInfo] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def expand_roster_paths(specs: Sequence[str | Path]) -> list[Path]:
    """Files named, every roster in a folder (sorted by name), or the matches of a glob."""
    paths: list[Path] = []
    for spec in specs:
        text = str(spec)
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.suffix.lower() in ROSTER_SUFFIXES and not p.name.startswith("~$"))
            if not found:
                raise RosterReadError(f"Thư mục '{path}' không có tệp danh sách nào.",
                                      f"Folder '{path}' holds no roster file.")
            paths.extend(found)
        elif any(ch in text for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True))
            if not matches:
                raise RosterReadError(f"Không có tệp nào khớp '{text}'.",
                                      f"No file matches '{text}'.")
            paths.extend(p for p in matches if p.is_file())
        else:
            paths.append(path)
    unique: dict[Path, None] = {}
    for p in paths:
        unique.setdefault(p, None)
    return list(unique)


def read_rosters(paths: Sequence[Path], header_aliases: dict[str, list[str]] | None = None,
                 limits: ReadLimits | None = None,
                 progress: Callable[[str], None] | None = None) -> RosterTable:
    """Read every file; a file that cannot be read at all raises RosterReadError."""
    index = schema.header_alias_index(header_aliases)
    limits = limits or ReadLimits()
    table = RosterTable(frame=pd.DataFrame(), files=list(paths))
    frames: list[pd.DataFrame] = []
    for path in paths:
        if progress:
            progress(path.name)
        for sheet_name, grid, issues in _iter_sheets(path, limits):
            table.issues.extend(issues)
            if grid is None:
                continue
            frame, info, sheet_issues = extract_sheet(grid, path.name, sheet_name, index,
                                                      default_unit=path.stem)
            table.issues.extend(sheet_issues)
            if info is not None:
                table.sheets.append(info)
            if frame is not None and len(frame):
                frames.append(frame)
    columns = [*schema.RAW_FIELDS, schema.SRC_FILE, schema.SRC_SHEET, schema.SRC_ROW,
               schema.SRC_UNIT]
    if frames:
        table.frame = pd.concat(frames, ignore_index=True).reindex(columns=columns)
    else:
        table.frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return table


def extract_sheet(grid: Grid, file: str, sheet: str | None, index: dict[str, str],
                  default_unit: str) -> tuple[pd.DataFrame | None, SheetInfo | None, list[Issue]]:
    """Member rows of one grid with provenance, the sheet's layout, and its info issues."""
    found = layout.locate_header(grid, index)
    if found is None:
        return None, None, [Issue("no-header", "info", file, sheet,
                                  detail={"scan": str(layout.HEADER_SCAN_ROWS)})]
    start = found.data_start
    if start < len(grid) and layout.is_numbering_row(grid[start]):
        start += 1
    body = grid[start:]
    width = max((len(r) for r in body), default=0)
    frame = pd.DataFrame(body, dtype=object) if body else pd.DataFrame()
    raw = pd.DataFrame(index=frame.index)
    for name, col in found.columns.items():
        raw[name] = frame[col] if col < width else ""
    excel_rows = pd.Series(range(start + 1, start + 1 + len(body)), index=frame.index)

    has_admission = schema.ADMISSION_DATE in raw
    name_filled = _filled(raw[schema.FULL_NAME]) if schema.FULL_NAME in raw else None
    admission_filled = (_filled(raw[schema.ADMISSION_DATE]) if has_admission
                        else pd.Series(False, index=raw.index))
    admission_is_date = (_is_date(raw[schema.ADMISSION_DATE]) if has_admission
                         else pd.Series(False, index=raw.index))
    any_filled = admission_filled if name_filled is None else (name_filled | admission_filled)
    keep = any_filled.copy()
    footer_rows = _footer_rows(body, keep & ~admission_is_date)
    issues: list[Issue] = []
    if footer_rows:
        keep.iloc[footer_rows] = False
        issues.append(Issue("footer-skipped", "info", file, sheet,
                            detail={"rows": str(len(footer_rows)),
                                    "first": str(start + 1 + footer_rows[0])}))
    raw = raw[keep]
    raw[schema.SRC_FILE] = file
    raw[schema.SRC_SHEET] = sheet
    raw[schema.SRC_ROW] = excel_rows[keep].astype("int64")
    unit = sheet if sheet and not _GENERIC_SHEET.match(fold_spaced(sheet)) else default_unit
    raw[schema.SRC_UNIT] = unit
    if schema.BRANCH not in found.columns:
        code = "unit-from-sheet" if unit == sheet else "unit-from-file"
        issues.append(Issue(code, "info", file, sheet, detail={"unit": unit}))
    info = SheetInfo(file=file, sheet=sheet, header_row=found.header_rows[-1] + 1,
                     headers=dict(found.headers), rows=len(raw))
    return raw.reset_index(drop=True), info, issues


def fold_spaced(text: str) -> str:
    """Folded text that keeps single spaces, for matching generic sheet names."""
    return re.sub(r"\s+", " ", " ".join(fold(w) for w in text.split())).strip()


def _filled(column: pd.Series) -> pd.Series:
    """True where a cell holds anything but blanks (vectorized; dates and numbers count)."""
    as_text = column.astype("string").str.strip()
    return (as_text.fillna("") != "").astype(bool)


def _is_date(column: pd.Series) -> pd.Series:
    """True where a cell reads as a date (each distinct value parsed once)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    answers = np.array([parse_date(u)[1] == OK for u in uniques] + [False], dtype=bool)
    return pd.Series(answers[np.where(codes < 0, len(uniques), codes)], index=column.index)


def _footer_rows(body: Grid, candidates: pd.Series) -> list[int]:
    """Positions of footer rows among rows that hold no valid admission date.

    Totals rows are dropped wherever they are; after the first signature row, every row
    without an admission date belongs to the signature block (signers' names included).
    """
    rows: list[int] = []
    in_signature = False
    for pos in candidates[candidates].index:
        texts = [t for t in (layout.cell_text(v) for v in body[pos]) if t]
        kind = layout.footer_kind(texts)
        if kind == "signature":
            in_signature = True
        if kind is not None or in_signature:
            rows.append(int(pos))
    return rows


# --- file formats ----------------------------------------------------------------------
SheetGrid = tuple[str | None, Grid | None, list[Issue]]


def _iter_sheets(path: Path, limits: ReadLimits) -> Iterator[SheetGrid]:
    suffix = path.suffix.lower()
    if suffix not in ROSTER_SUFFIXES:
        raise RosterReadError(
            f"Tệp '{path.name}' không phải danh sách (.xlsx .xlsm .xls .ods .csv).",
            f"File '{path.name}' is not a roster (.xlsx .xlsm .xls .ods .csv).")
    container = check_input_file(path, limits)
    if container == "text":
        if suffix != ".csv":
            raise RosterReadError(
                f"Tệp '{path.name}' không phải tệp Excel (có thể là tệp khác bị đổi đuôi).",
                f"File '{path.name}' is not an Excel workbook (maybe a renamed file).")
        yield from _csv_sheets(path)
        return
    if suffix == ".csv":
        raise RosterReadError(f"Tệp '{path.name}' có đuôi .csv nhưng không phải văn bản.",
                              f"File '{path.name}' is named .csv but is not text.")
    yield from _workbook_sheets(path)


def _workbook_sheets(path: Path) -> Iterator[SheetGrid]:
    import python_calamine as calamine

    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
        metadata = list(workbook.sheets_metadata)
    except BaseException as exc:  # noqa: B036 - untrusted input; the Rust parser may panic
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise _unreadable(path, exc) from exc
    if not metadata:
        raise RosterReadError(f"Tệp '{path.name}' không có sheet nào.",
                              f"File '{path.name}' has no sheet.")
    for meta in metadata:
        name = str(meta.name)
        if str(meta.visible).endswith("Visible") is False:
            yield name, None, [Issue("hidden-sheet", "info", path.name, name)]
            continue
        try:
            sheet = workbook.get_sheet_by_name(name)
            grid: Grid = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except BaseException as exc:  # noqa: B036 - see above
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            raise _unreadable(path, exc, name) from exc
        _fill_merged(grid, merged)
        yield name, grid, []


def _unreadable(path: Path, exc: BaseException, sheet: str | None = None) -> RosterReadError:
    where = f", sheet '{sheet}'" if sheet else ""
    reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    if "password" in reason.lower() or "encrypt" in reason.lower():
        return RosterReadError(
            f"Tệp '{path.name}' được đặt mật khẩu; hãy bỏ mật khẩu trong Excel rồi gửi lại.",
            f"File '{path.name}' is password-protected; remove the password in Excel first.")
    return RosterReadError(f"Không đọc được tệp '{path.name}'{where}: tệp hỏng ({reason}).",
                           f"Cannot read file '{path.name}'{where}: corrupt ({reason}).")


def _fill_merged(grid: Grid, merged: Sequence[Any]) -> None:
    """Give every cell of a merged range the value of its top-left cell, as Excel shows it."""
    for (r1, c1), (r2, c2) in merged:
        if r1 >= len(grid):
            continue
        value = grid[r1][c1] if c1 < len(grid[r1]) else ""
        for r in range(r1, min(r2, len(grid) - 1) + 1):
            row = grid[r]
            for c in range(c1, min(c2, len(row) - 1) + 1):
                row[c] = value


def _csv_sheets(path: Path) -> Iterator[SheetGrid]:
    raw = path.read_bytes()
    issues: list[Issue] = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1258", errors="replace")
        issues.append(Issue("csv-encoding", "warning", path.name, None,
                            detail={"encoding": "cp1258"}))
    if "\x00" in text:
        raise RosterReadError(f"Tệp '{path.name}' không phải CSV dạng văn bản.",
                              f"File '{path.name}' is not a text CSV.")
    sample = "\n".join(text.splitlines()[:40])
    delimiter = max((";", ",", "\t"), key=sample.count)
    grid: Grid = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    yield None, grid, issues
