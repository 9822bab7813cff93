"""The parts of an .xlsx that dvstat reads without pandas: the sheet list, merged ranges,
and fastexcel loads, which may start before the rest of dvstat is imported.

``prefetch`` is called by the CLI first thing: fastexcel parses with the GIL released, so
the half second of importing pandas happens while the workbook is being parsed. Files are
checked by ``check_input_file`` (size, zip bomb, DOCTYPE) before any parsing, and a
prefetched result is used only for the very file it was made from (path, size, mtime).
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from dvstat.errors import DvstatError
from dvstat.readers.cache import probably_cached
from dvstat.readers.files import ZIP_ERRORS, ReadLimits, check_input_file, unreadable

PARALLEL_BYTES = 4 * 2**20


def load_sheets(path: Path, names: list[str]) -> dict[str, tuple[Any, int]]:
    """Load sheets one after another with one fastexcel reader (runs in a worker thread).

    Each sheet comes with the sheet column of its grid's column 0: fastexcel starts a grid
    at the first column holding a value (a table in column C arrives as column 0), while
    merged ranges name absolute columns. The column is learnt from the ``use_columns``
    callback, which fastexcel calls once per column with its absolute index."""
    import fastexcel

    reader = fastexcel.read_excel(str(path))
    loaded: dict[str, tuple[Any, int]] = {}
    for name in names:
        columns: list[int] = []

        def keep(column: Any, columns: list[int] = columns) -> bool:
            columns.append(int(column.absolute_index))
            return True

        batch = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string",
                                  schema_sample_rows=None, eager=True, use_columns=keep)
        loaded[name] = (batch, min(columns, default=0))
    return loaded


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


def merged_ranges(path: Path, part: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Merged ranges of one sheet, 0-based ((row, col), (row, col)), streamed from its XML."""
    ranges = []
    tail = b""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part) as handle:
            seen_data_end = False
            while chunk := handle.read(1 << 22):
                block = tail + chunk
                if not seen_data_end:
                    end = block.find(b"</sheetData>")
                    if end < 0:
                        tail = block[-16:]
                        continue
                    seen_data_end = True
                    block = block[end:]
                tail = b""
                cut = block.rfind(b">") + 1
                block, tail = block[:cut], block[cut:]
                for m in _MERGE.finditer(block):
                    ranges.append(((int(m[2]) - 1, _column_number(m[1]) - 1),
                                   (int(m[4]) - 1, _column_number(m[3]) - 1)))
    except ZIP_ERRORS:
        return []
    return ranges


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number




_PREFETCH_SUFFIXES = (".xlsx", ".xlsm")
_prefetched: dict[tuple[str, int, int], dict[str, Future[dict[str, tuple[Any, int]]]]] = {}
_pool: ThreadPoolExecutor | None = None


def _identity(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def prefetch(specs: Sequence[str], limits: ReadLimits | None = None,
             cache_dir: Path | None = None) -> None:
    """Start loading the visible sheets of large .xlsx files named directly.

    Best effort: anything unusual (a folder, a glob, a small or unsafe file, a file the
    cache in ``cache_dir`` already holds) is left to the normal reader.
    """
    global _pool
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
        names = [name for name, hidden, _ in sheets if not hidden]
        _pool = _pool or ThreadPoolExecutor(max_workers=2, thread_name_prefix="dvstat-read")
        _prefetched[_identity(path)] = submit_loads(_pool, path, names)


def submit_loads(pool: ThreadPoolExecutor, path: Path, names: list[str]
                 ) -> dict[str, Future[dict[str, tuple[Any, int]]]]:
    """Each sheet's pending load. fastexcel parses without the GIL, but one reader cannot
    serve two threads: a big workbook with several sheets gets two readers, each taking
    every other sheet."""
    lanes = 2 if len(names) > 1 and path.stat().st_size > PARALLEL_BYTES else 1
    loads: dict[str, Future[dict[str, tuple[Any, int]]]] = {}
    for lane in range(lanes):
        lane_names = names[lane::lanes]
        batch = pool.submit(load_sheets, path, lane_names)
        loads.update(dict.fromkeys(lane_names, batch))
    return loads


def take_prefetched(path: Path) -> dict[str, Future[dict[str, tuple[Any, int]]]] | None:
    """The prefetch of exactly this file, if one was started (and forget it)."""
    try:
        return _prefetched.pop(_identity(path), None)
    except OSError:
        return None
