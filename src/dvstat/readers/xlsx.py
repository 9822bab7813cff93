"""The parts of an .xlsx that dvstat reads without pandas: the sheet list, merged ranges,
and fastexcel loads, which may start before the rest of dvstat is imported.

``prefetch`` is called by the CLI first thing: fastexcel parses with the GIL released, so
the half second of importing pandas happens while the workbook is being parsed. Files are
checked by ``check_input_file`` (size, zip bomb, DOCTYPE) before any parsing, and a
prefetched result is used only for the very file it was made from (path, size, mtime).
"""

from __future__ import annotations

import html
import os
import re
import zipfile
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dvstat.errors import DvstatError
from dvstat.readers.cache import probably_cached
from dvstat.readers.files import (
    ZIP_ERRORS,
    check_input_file,
    declared_lie,
    native_name_ok,
    unreadable,
)
from dvstat.settings import ReadLimits

PARALLEL_BYTES = 4 * 2**20


@dataclass(frozen=True)
class LoadedSheet:
    """A sheet parsed by fastexcel: its Arrow table and the sheet column of the table's
    column 0 (fastexcel starts a grid at the first column holding a value: a table in
    column C arrives as column 0, while merged ranges name absolute columns)."""

    table: Any
    first_column: int


def load_sheets(
    path: Path, sheets: list[tuple[str, str]], limits: ReadLimits
) -> dict[str, LoadedSheet]:
    """Load sheets one after another with one fastexcel reader, in an isolated child
    process (``readers/isolation.py``; runs in a worker thread). Where the parse cannot be
    isolated, each sheet's grid is checked first (``scan_sheet``). The first column is
    learnt from the ``use_columns`` callback, which fastexcel calls once per column with
    its absolute index."""
    import fastexcel  # before the fork: the child imports nothing (``dvstat.isolation``)

    from dvstat.isolation import CAN_FORK
    from dvstat.readers.isolation import Piece, run_isolated

    checked = CAN_FORK and limits.isolate  # a child with a memory cap parses it

    def parse() -> list[Piece]:
        reader = fastexcel.read_excel(str(path) if native_name_ok(path) else path.read_bytes())
        pieces: list[Piece] = []
        for name, part in sheets:
            if not checked:
                scan_sheet(path, part, limits)
            columns: list[int] = []

            def keep(column: Any, columns: list[int] = columns) -> bool:
                columns.append(int(column.absolute_index))
                return True

            batch = reader.load_sheet(
                name,
                header_row=None,
                skip_rows=0,
                dtypes="string",
                schema_sample_rows=None,
                eager=True,
                use_columns=keep,
            )
            pieces.append((batch, {"name": name, "first_column": min(columns, default=0)}))
        return pieces

    return {
        meta["name"]: LoadedSheet(table, int(meta["first_column"]))
        for table, meta in run_isolated(path, parse, limits)
    }


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def xlsx_sheets(path: Path) -> list[tuple[str, bool, str]] | None:
    """(name, hidden, part) of each sheet in workbook order, from workbook.xml by regex
    (no XML parser, so no entity expansion); None when fastexcel is not installed."""
    try:
        import fastexcel  # noqa: F401
    except ImportError:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = archive.read("xl/workbook.xml")
            rels = archive.read("xl/_rels/workbook.xml.rels")
    except ZIP_ERRORS as exc:
        raise unreadable(path, exc) from exc
    targets = {}
    for match in _REL_TAG.finditer(rels):
        attrs = dict(_ATTR.findall(match.group(1)))
        target = attrs.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        targets[attrs.get(b"Id", b"")] = target if target.startswith("xl/") else f"xl/{target}"
    sheets = []
    for match in _SHEET_TAG.finditer(workbook):
        attrs = dict(_ATTR.findall(match.group(1)))
        name = html.unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
        hidden = attrs.get(b"state", b"visible") != b"visible"
        rel = next((v for k, v in attrs.items() if k.endswith(b":id")), b"")
        sheets.append((name, hidden, targets.get(rel, "")))
    return sheets


MergedRange = tuple[tuple[int, int], tuple[int, int]]
# References a sheet of normal size never holds: a column from BJ (the 62nd) on, or a row
# number of seven digits or more. A sheet that holds none spans at most 999.999 rows x 61
# columns (under the grid limit); rows of seven digits are read where they are, and a
# sheet with wide columns is read exactly.
_WIDE = re.compile(rb'r="(?:[A-Z]{3}|B[J-Z]|[C-Z][A-Z])')
_DEEP = re.compile(rb'r="[A-Z]*[0-9]{7}')
_REFERENCE = re.compile(rb'\br="([A-Z]*)([0-9]+)"')
_MAX_ROWS, _MAX_COLUMNS = 1_048_576, 16_384  # Excel's own limits


# Complex by design: one streaming pass, one branch per XML event it checks.
def scan_sheet(path: Path, part: str, limits: ReadLimits | None) -> list[MergedRange]:  # noqa: C901
    """One streamed pass over a sheet's XML: its merged ranges, 0-based ((row, col),
    (row, col)), and, given ``limits``, the grid its cells span checked against
    ``limits.max_grid_cells`` (a RosterReadError before a native reader sees it: the reader
    would abort the process allocating it). Without the check the pass costs about as much
    as unzipping; the check (where parsing cannot be isolated) about three times that."""
    ranges: list[MergedRange] = []
    max_row, max_column = 999_999, 61
    tail = b""
    in_data = True
    wide = unplaced = False  # either makes the extent be read exactly, cell by cell
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part) as handle:
            while chunk := handle.read(1 << 22):
                block = tail + chunk
                cut = block.rfind(b">") + 1
                block, tail = block[:cut], block[cut:]
                if in_data:
                    end = block.find(b"</sheetData>")
                    if limits is None:  # merged ranges only: skip to the end of the data
                        if end < 0:
                            continue
                        in_data = False
                        block = block[end:]
                if in_data:
                    data = block if end < 0 else block[:end]
                    start = data.find(b"<sheetData")
                    data = data[start:] if start >= 0 else data
                    # cells without an 'r' are placed by counting
                    unplaced = unplaced or data.count(b"<c") != data.count(b'<c r="')
                    wide = wide or _WIDE.search(data) is not None
                    if not wide and _DEEP.search(data):
                        max_row = max(
                            max_row, *(int(digits) for _, digits in _REFERENCE.findall(data))
                        )
                    if end < 0:
                        continue
                    in_data = False
                    block = block[end:]
                for m in _MERGE.finditer(block):
                    ranges.append(
                        (
                            (int(m[2]) - 1, _column_number(m[1]) - 1),
                            (int(m[4]) - 1, _column_number(m[3]) - 1),
                        )
                    )
            if wide or unplaced:
                max_row, max_column = _placed_extent(archive, part, unplaced)
    except ZIP_ERRORS as exc:
        raise unreadable(path, exc) from exc
    if limits is not None and (
        max_row > _MAX_ROWS
        or max_column > _MAX_COLUMNS
        or max_row * max_column > limits.max_grid_cells
    ):
        raise declared_lie(path, part)
    return ranges


_ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_R_ATTRIBUTE = re.compile(rb'\br="([A-Z]*)([0-9]*)"')


def _placed_extent(archive: zipfile.ZipFile, part: str, unplaced: bool) -> tuple[int, int]:
    """The highest row and column of a sheet, read exactly: from every reference, and where
    cells or rows have none (``unplaced``), by placing them after the previous one as the
    readers do (each element in Python: slow, and only for sheets that spreadsheet programs
    do not write)."""
    row = column = max_row = max_column = 0
    tail = b""
    with archive.open(part) as handle:
        while chunk := handle.read(1 << 22):
            block = tail + chunk
            cut = block.rfind(b">") + 1
            block, tail = block[:cut], block[cut:]
            if not unplaced:
                for letters, digits in _REFERENCE.findall(block):
                    max_row = max(max_row, int(digits))
                    if letters:
                        max_column = max(max_column, _column_number(letters))
                continue
            for m in _ROW_OR_CELL.finditer(block):
                ref = _R_ATTRIBUTE.search(m[2])
                if m[1] == b"row":
                    row = int(ref[2]) if ref and ref[2] else row + 1
                    column = 0
                else:
                    letters = ref[1] if ref else b""
                    column = _column_number(letters) if letters else column + 1
                    if ref and ref[2]:
                        row = int(ref[2])
                max_row, max_column = max(max_row, row), max(max_column, column)
    return max_row, max_column


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


_PREFETCH_SUFFIXES = (".xlsx", ".xlsm")
_prefetched: dict[tuple[str, int, int], dict[str, Future[dict[str, LoadedSheet]]]] = {}
if hasattr(os, "register_at_fork"):  # a forked process never sees the parent's parse end
    os.register_at_fork(after_in_child=_prefetched.clear)


def _identity(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def prefetch(
    specs: Sequence[str], limits: ReadLimits | None = None, cache_dir: Path | None = None
) -> None:
    """Start loading the visible sheets of large .xlsx files named directly.

    Best effort: anything unusual (a folder, a glob, a small or unsafe file, a file the
    cache in ``cache_dir`` already holds) is left to the normal reader.
    """
    from dvstat.workers import reading_threads

    for spec in specs:
        path = Path(spec)
        try:
            if path.suffix.lower() not in _PREFETCH_SUFFIXES or not path.is_file():
                continue
            if path.stat().st_size < PARALLEL_BYTES:
                continue
            if cache_dir is not None and probably_cached(cache_dir, path):
                continue
            if check_input_file(path, limits or ReadLimits()) != "zip":
                continue
            sheets = xlsx_sheets(path)
        except (DvstatError, OSError):
            continue
        if not sheets:
            continue
        visible = [(name, part) for name, hidden, part in sheets if not hidden]
        _prefetched[_identity(path)] = submit_loads(
            reading_threads(), path, visible, limits or ReadLimits()
        )


def submit_loads(
    pool: ThreadPoolExecutor, path: Path, sheets: list[tuple[str, str]], limits: ReadLimits
) -> dict[str, Future[dict[str, LoadedSheet]]]:
    """Each sheet's pending scan and load. fastexcel parses without the GIL, but one reader
    cannot serve two threads: a big workbook with several sheets gets two readers, each
    taking every other sheet."""
    lanes = 2 if len(sheets) > 1 and path.stat().st_size > PARALLEL_BYTES else 1
    loads: dict[str, Future[dict[str, LoadedSheet]]] = {}
    for lane in range(lanes):
        lane_sheets = sheets[lane::lanes]
        batch = pool.submit(load_sheets, path, lane_sheets, limits)
        loads.update(dict.fromkeys([name for name, _ in lane_sheets], batch))
    return loads


def take_prefetched(path: Path) -> dict[str, Future[dict[str, LoadedSheet]]] | None:
    """The prefetch of exactly this file, if one was started (and forget it). Never in a
    child reading a file: the threads loading it stayed in the parent."""
    from dvstat.isolation import in_child

    if in_child():
        return None
    try:
        return _prefetched.pop(_identity(path), None)
    except OSError:
        return None
