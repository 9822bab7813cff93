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
import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dvstat import layout, schema, unit_words
from dvstat.errors import DvstatError, RosterReadError
from dvstat.isolation import CAN_FORK, in_child, run_in_children
from dvstat.model import Issue, SheetInfo
from dvstat.normalize import OK, TWO_DIGIT, parse_distinct_dates
from dvstat.readers.cache import RosterCache
from dvstat.readers.files import check_input_file, native_name_ok, unreadable
from dvstat.readers.isolation import crashed, too_slow
from dvstat.readers.legacy import LEGACY_NAMES, to_unicode, workbook_hint
from dvstat.readers.xlsx import (
    load_sheets,
    scan_sheet,
    submit_loads,
    take_prefetched,
    xlsx_sheets,
)
from dvstat.settings import ReadLimits
from dvstat.text import (
    NAME_CHARS,
    fold_spaced,
    readable,
    shown_file,
    shown_name,
)
from dvstat.workers import reading_threads, run_each, worker_count

# Text rosters: CSV, and what Excel writes as "Unicode Text" (.txt, UTF-16, tabs) or TSV.
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
ROSTER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", *TEXT_SUFFIXES)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

Grid = list[list[Any]]


@dataclass
class RosterTable:
    """Member rows of every roster (raw values), the sheets found, and reading issues."""

    frame: pd.DataFrame
    sheets: list[SheetInfo] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


@dataclass
class RosterPaths:
    """The files a run reads (each once, by its real path) and what was passed over."""

    paths: list[Path]
    issues: list[Issue]


def expand_roster_paths(specs: Sequence[str | Path]) -> RosterPaths:
    """Files named, every roster in a folder (sorted by name), or the matches of a glob.

    A name that exists is a file before it is a pattern ('DS [T10].xlsx'). Globs never
    follow a link to a folder (two links to their own folder made '**' run for ever), each
    file is read once however many links lead to it, and a link that leads nowhere is
    passed over with a warning instead of failing the run."""
    found: list[Path] = []
    issues: list[Issue] = []
    for spec in specs:
        text = str(spec)
        path = Path(text)
        if path.is_dir():
            listed = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in ROSTER_SUFFIXES
                and not _lock_file(p, issues)
                and (p.suffix.lower() != ".txt" or _unicode_text_export(p))
            )
            usable = [p for p in listed if _usable(p, issues)]
            if not listed:
                raise RosterReadError(
                    f"Thư mục '{path}' không có tệp danh sách nào.",
                    f"Folder '{path}' holds no roster file.",
                )
            found.extend(usable)
        elif path.exists() or path.is_symlink():
            if _usable(path, issues):
                found.append(path)
        elif any(ch in text for ch in "*?["):
            matches = _glob(text)
            if not matches:
                raise RosterReadError(
                    f"Không có tệp nào khớp '{text}'.", f"No file matches '{text}'."
                )
            found.extend(p for p in matches if not _lock_file(p, issues) and _usable(p, issues))
        elif text.endswith(("/", "\\")) or not path.suffix:
            raise RosterReadError(
                f"Không tìm thấy thư mục '{path}'.", f"Folder not found: '{path}'."
            )
        else:
            found.append(path)  # not there: the reader names it
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve() if p.exists() else p, p)
    return RosterPaths(list(unique.values()), issues)


def _not_a_roster(path: Path, issues: Sequence[Issue]) -> RosterReadError:
    what = next((i.detail.get("what") for i in issues if i.code == "not-a-roster"), None)
    vi, en = {
        "plan": ("một tệp chỉ tiêu (dùng --plan)", "a plan file (use --plan)"),
        "dvstat-output": ("một báo cáo dvstat đã ghi", "a report dvstat wrote"),
    }.get(what or "", ("", ""))
    return RosterReadError(
        f"Tệp '{shown_file(path)}' không phải danh sách: đây là {vi}.",
        f"File '{shown_file(path)}' is not a roster: it is {en}.",
    )


def _names_a_plan(grid: pd.DataFrame) -> bool:
    """A sheet whose first rows head a plan ('Chỉ tiêu' beside 'Đơn vị'), not a roster."""
    words = {fold_spaced(str(v)) for row in _head_rows(grid, 10) for v in row if v != ""}
    return any(w.startswith("chi tieu") for w in words) and any(
        w.startswith("don vi") for w in words
    )


def _dvstat_output(path: Path) -> bool:
    """A workbook dvstat wrote (its properties name dvstat as the last author)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml")[:100_000]
    except Exception:  # an untrusted archive: no answer
        return False
    return b"<cp:lastModifiedBy>dvstat</cp:lastModifiedBy>" in core


def _lock_file(path: Path, issues: list[Issue]) -> bool:
    """'~$name.xlsx': the lock Excel keeps beside a workbook open on some desk; passed over
    (an info issue), never read."""
    if not path.name.startswith("~$"):
        return False
    issues.append(Issue("lock-file-skipped", "info", shown_file(path)))
    return True


def _unicode_text_export(path: Path) -> bool:
    """A .txt in a folder is a roster only as Excel's 'Unicode Text' (UTF-16 with its BOM):
    notes and read-me files beside the rosters are passed over."""
    try:
        with path.open("rb") as handle:
            return handle.read(2) in _UTF16_BOMS
    except OSError:
        return False


def _usable(path: Path, issues: list[Issue]) -> bool:
    """A link that leads nowhere is a warning, not a file (and not the end of the run)."""
    if path.is_symlink() and not path.exists():
        issues.append(
            Issue("broken-link", "warning", shown_file(path), None, detail={"path": str(path)})
        )
        return False
    return path.is_file() or not path.exists()


def _glob_regex(pattern: str) -> str:
    """A relative glob ('**/*.xlsx', 'a/**/b?.xls') as a regex over '/'-separated paths."""
    pieces = []
    for part in pattern.split("/"):
        if part == "**":
            pieces.append("(?:[^/]+/)*")
            continue
        text = ""
        position = 0
        while position < len(part):
            ch = part[position]
            if ch == "*":
                text += "[^/]*"
            elif ch == "?":
                text += "[^/]"
            elif ch == "[" and "]" in part[position + 2 :]:
                end = part.index("]", position + 2)
                text += "[" + part[position + 1 : end].replace("\\", "\\\\") + "]"
                position = end
            else:
                text += re.escape(ch)
            position += 1
        pieces.append(text + "/")
    return "".join(pieces).removesuffix("/") + r"\Z"


def _glob(pattern: str) -> list[Path]:
    """Files matching a glob, '**' included, without following links to folders."""
    if "**" not in pattern:
        return sorted(Path(p) for p in glob.glob(pattern) if not Path(p).is_dir())
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if any(ch in part for ch in "*?["))
    base = Path(*parts[:fixed]) if fixed else Path(".")
    rest = Path(*parts[fixed:]).as_posix()
    regex = re.compile(_glob_regex(rest))
    matches = []
    for folder, folders, files in os.walk(base, followlinks=False):
        folders.sort()
        for name in sorted(files) + [d for d in folders if (Path(folder) / d).is_symlink()]:
            candidate = Path(folder) / name
            relative = candidate.relative_to(base).as_posix()
            if regex.match(relative) and not candidate.is_dir():
                matches.append(candidate)
    return sorted(matches)


Reading = tuple[pd.DataFrame, list[SheetInfo], list[Issue]]
# (files read, files in all, rows read): what a progress bar shows
Tally = Callable[[int, int, int], None]


def _readings(
    paths: Sequence[Path],
    index: dict[str, str],
    limits: ReadLimits,
    progress: Callable[[str], None] | None,
    cache: RosterCache | None,
    header_aliases: dict[str, list[str]] | None,
    store: bool,
    jobs: int | None = None,
    tally: Tally | None = None,
) -> list[Reading]:
    """Each file's (rows, sheets, issues) in the order given: from the cache where it has
    them, else parsed by the run's workers (``dvstat.workers``)."""
    keys = [cache.key(p, header_aliases) if cache and p.is_file() else None for p in paths]
    found: list[Reading | None] = [cache.load(key) if cache and key else None for key in keys]
    for path in paths:
        if progress:
            progress(shown_file(path))
    missing = [i for i, reading in enumerate(found) if reading is None]
    read = [len(paths) - len(missing), sum(len(r[0]) for r in found if r is not None)]

    def done(reading: Reading) -> None:
        read[0] += 1
        read[1] += len(reading[0])
        if tally is not None:
            tally(read[0], len(paths), read[1])

    parsed = read_files([paths[i] for i in missing], index, limits, jobs, done)
    for i, reading in zip(missing, parsed, strict=True):
        found[i] = reading
        key = keys[i]
        if cache and key and store:
            cache.store_reading(key, *reading, source=paths[i])
    return [reading for reading in found if reading is not None]


def read_rosters(
    paths: Sequence[Path],
    header_aliases: dict[str, list[str]] | None = None,
    limits: ReadLimits | None = None,
    progress: Callable[[str], None] | None = None,
    cache: RosterCache | None = None,
    store: bool = True,
    jobs: int | None = None,
    tally: Tally | None = None,
) -> RosterTable:
    """Read every file; a file that cannot be read at all raises RosterReadError.

    ``cache`` answers files read before; files parsed now are added to it if ``store``.
    ``jobs`` workers parse (0 or None: one per core); ``tally`` hears of each file read.
    The rows come back in compact columns (``compact_rows``)."""
    index = schema.header_alias_index(header_aliases)
    limits = limits or ReadLimits()
    table = RosterTable(frame=pd.DataFrame(), files=list(paths))
    frames: list[pd.DataFrame] = []
    readings = _readings(paths, index, limits, progress, cache, header_aliases, store, jobs, tally)
    for path, cached in zip(paths, readings, strict=True):
        frame, sheets, issues = cached
        if not sheets and len(paths) == 1:
            raise _not_a_roster(path, issues)
        from_file = [
            n for src, n, kind in _named_units([], None, readable(path.stem)) if kind in _ORG_KINDS
        ]
        if len(paths) > 1 and from_file and len(frame):
            # A folder of one file per organization: the file names the organization of
            # rows that name none (their 'Chi bộ thôn 1' must not merge with another's).
            frame = _as_objects(frame, (schema.ORG, schema.ORG_SOURCE))
            orgs = _column_or_empty(frame, schema.ORG)
            empty = ~_filled(orgs)
            if empty.any():
                frame = compact_rows(
                    frame.assign(
                        **{
                            schema.ORG: orgs.where(~empty, from_file[0]),
                            schema.ORG_SOURCE: _column_or_empty(frame, schema.ORG_SOURCE).where(
                                ~empty, "file"
                            ),
                        }
                    )
                )
        table.sheets.extend(sheets)
        table.issues.extend(issues)
        if len(frame):
            frames.append(frame)
    # a folder of one file per organization: a file that names a chi bộ is a grassroots one
    named_orgs = any(_filled(_column_or_empty(f, schema.ORG)).any() for f in frames)
    frames = _grassroots_branches(frames, promote=len(paths) > 1 and named_orgs)
    table.frame = concat_rows(frames)
    return table


# Columns almost every row writes differently: kept as Arrow text (a category per row would
# cost more than the text). Every other text column becomes a category: one byte or two a
# row instead of a pointer and a string object (a roster's 5.000.000 rows: 3 GB -> 0,5 GB).
_DISTINCT = (schema.FULL_NAME, *schema.ID_FIELDS, schema.BIRTHPLACE)
_ROW_COLUMNS = [
    *schema.RAW_FIELDS,
    schema.SRC_FILE,
    schema.SRC_SHEET,
    schema.SRC_ROW,
    schema.SRC_UNIT,
    schema.ORG_SOURCE,
]


def compact_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A file's rows as read, in compact columns: text of few values as categories, names
    and numbers as Arrow text, an absent column (all NaN) as an empty category. The values
    are those read: ``normalize`` sees each column as it was (``normalize._column``)."""
    columns: dict[str, Any] = {}
    for name in frame.columns:
        values = frame[name]
        if isinstance(values.dtype, pd.CategoricalDtype) or name == schema.SRC_ROW:
            columns[name] = values
        elif values.isna().all():
            columns[name] = _absent(len(frame))
        elif name in _DISTINCT and pd.api.types.infer_dtype(values, skipna=True) == "string":
            columns[name] = values.astype("string[pyarrow]")
        elif isinstance(values.dtype, pd.StringDtype) or (
            values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) == "string"
        ):
            columns[name] = _category(values)
        else:
            columns[name] = values
    return pd.DataFrame(columns, index=frame.index)


def _category(values: pd.Series) -> pd.Categorical:
    """Text as a category, encoded by Arrow (categories in the order met; ten times faster
    than pandas' astype on Arrow-backed text)."""
    import pyarrow as pa

    arrow = pa.array(
        values.array if isinstance(values.dtype, pd.StringDtype) else values,
        pa.string(),
        from_pandas=True,
    )
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    encoded = arrow.dictionary_encode()
    codes = np.asarray(encoded.indices.fill_null(-1), dtype=np.int32)
    categories = encoded.dictionary.to_pylist()
    small = np.int8 if len(categories) < 127 else np.int16 if len(categories) < 32_000 else np.int32
    return pd.Categorical.from_codes(  # type: ignore[return-value]
        codes.astype(small), dtype=pd.CategoricalDtype(pd.Index(categories, dtype=object))
    )


def _absent(rows: int) -> pd.Categorical:
    """A column the sheet does not have: all missing, one byte a row."""
    return pd.Categorical.from_codes(  # type: ignore[return-value]
        np.full(rows, -1, dtype=np.int8), dtype=pd.CategoricalDtype(pd.Index([], dtype=object))
    )


def _text_categories(column: pd.Series) -> pd.Series:
    """The column with its categories as plain text objects, whatever a reader, Arrow or
    the cache made of them (categories of one kind merge)."""
    categories = column.cat.categories
    if categories.dtype == object:
        return column
    return pd.Series(
        pd.Categorical.from_codes(
            column.cat.codes, dtype=pd.CategoricalDtype(pd.Index(categories, dtype=object))
        ),
        index=column.index,
    )


def _as_objects(frame: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """The named compact columns back as plain values, to be changed row by row."""
    changed = {
        n: frame[n].astype(object)
        for n in names
        if n in frame and isinstance(frame[n].dtype, pd.CategoricalDtype)
    }
    return frame.assign(**changed) if changed else frame


def concat_rows(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The files' compact rows as one frame, every column of a roster present (absent
    ones all missing), categories merged instead of turned back into text."""
    from pandas.api.types import union_categoricals

    lengths = [len(f) for f in frames]
    total = sum(lengths)
    columns: dict[str, Any] = {}
    for name in _ROW_COLUMNS:
        parts = [f[name] if name in f else None for f in frames]
        present = [p for p in parts if p is not None]
        if not present or all(
            isinstance(p.dtype, pd.CategoricalDtype) and not len(p.cat.categories) for p in present
        ):
            columns[name] = _absent(total)
        elif all(isinstance(p.dtype, pd.CategoricalDtype) for p in present):
            pieces = [
                p if p is not None else pd.Series(_absent(n))
                for p, n in zip(parts, lengths, strict=True)
            ]
            if len({str(p.cat.categories.dtype) for p in pieces}) > 1:  # Arrow, cache, here
                pieces = [_text_categories(p) for p in pieces]
            columns[name] = union_categoricals(pieces, sort_categories=False)
        else:
            filled = [
                (p.astype(object) if isinstance(p.dtype, pd.CategoricalDtype) else p)
                if p is not None
                else pd.Series(np.full(n, np.nan, dtype=object))
                for p, n in zip(parts, lengths, strict=True)
            ]
            columns[name] = pd.concat(filled, ignore_index=True)
    return pd.DataFrame(columns, index=pd.RangeIndex(total))


def read_files(
    paths: Sequence[Path],
    index: dict[str, str],
    limits: ReadLimits,
    jobs: int | None = None,
    done: Callable[[Reading], None] | None = None,
) -> list[Reading]:
    """Files read whole in forked workers, ``jobs`` at a time (``dvstat.isolation``): parse,
    header, rows and compact columns there, each file under the workers' memory cap and
    its own time limit, so files read side by side use every core. The rows come back as
    an Arrow file (data only, never pickled objects), sheets and issues as JSON. Where no
    child can be made, or for one file, they are read here one after another (a single
    file's native parse still in a child of its own)."""
    count = worker_count(jobs, len(paths))
    if not (CAN_FORK and limits.isolate) or in_child() or len(paths) < 2:
        return run_each(partial(_read_file, index=index, limits=limits), paths, 1, done)
    _ready_to_fork()
    return run_in_children(
        partial(_write_reading, index=index, limits=limits),
        _collect_reading,
        paths,
        children=count,
        seconds=limits.max_parse_seconds,
        megabytes=limits.max_parse_mb,
        on_timeout=partial(_file_too_slow, limits=limits),
        on_crash=partial(_file_crashed, limits=limits),
        done=done,
    )


def _file_too_slow(path: Path, limits: ReadLimits) -> DvstatError:
    return too_slow(path, limits)


def _file_crashed(path: Path, reason: str, limits: ReadLimits) -> DvstatError:
    return crashed(path, limits, reason)


def _write_reading(path: Path, folder: Path, index: dict[str, str], limits: ReadLimits) -> None:
    """In a worker: one file's reading left in ``folder``."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    frame, sheets, issues = _read_file(path, index, limits)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    with (
        pa.OSFile(str(folder / "rows.arrow"), "wb") as sink,
        ipc.new_file(sink, table.schema) as writer,
    ):
        writer.write(table)
    said = {"sheets": [asdict(s) for s in sheets], "issues": [asdict(i) for i in issues]}
    (folder / "found.json").write_text(json.dumps(said), encoding="utf-8")


def _collect_reading(path: Path, folder: Path) -> Reading:
    """Here: what a worker left in ``folder`` (the rows mapped, not copied)."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    said = json.loads((folder / "found.json").read_text("utf-8"))
    table = ipc.open_file(pa.memory_map(str(folder / "rows.arrow"))).read_all()
    frame = table.to_pandas()  # the dtypes the worker had, from the pandas metadata
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.CategoricalDtype):
            frame[name] = _text_categories(frame[name])
    return (
        frame,
        [SheetInfo(**s) for s in said["sheets"]],
        [Issue(**i) for i in said["issues"]],
    )


_forked: list[bool] = []


def _ready_to_fork() -> None:
    """Import, before the first fork, what a worker reading a file and its parent
    collecting it use (a child must import nothing: see ``dvstat.isolation``)."""
    if _forked:
        return
    import encodings.cp437  # noqa: F401 - zipfile's names of entries
    import encodings.cp1258  # noqa: F401 - a CSV saved by Vietnamese Windows
    import encodings.utf_8_sig  # noqa: F401
    import encodings.utf_16  # noqa: F401 - "Unicode Text" exports

    import fastexcel  # noqa: F401
    import pyarrow as pa
    import pyarrow.csv  # noqa: F401
    import pyarrow.ipc  # noqa: F401
    import python_calamine  # noqa: F401

    sample = compact_rows(pd.DataFrame({"a": ["x", None], "b": ["y", "z"]}, dtype=object))
    pa.Table.from_pandas(sample, preserve_index=False).to_pandas()
    _forked.append(True)


def _read_file(
    path: Path, index: dict[str, str], limits: ReadLimits
) -> tuple[pd.DataFrame, list[SheetInfo], list[Issue]]:
    """One file's member rows (all sheets), the sheets found and the reading issues."""
    frames: list[pd.DataFrame] = []
    sheets: list[SheetInfo] = []
    issues: list[Issue] = []
    hint = workbook_hint(path)
    encodings: list[str] = []
    plan_words = False
    for sheet_name, grid, sheet_issues in iter_sheets(path, limits):
        issues.extend(sheet_issues)
        if grid is None:
            continue
        grid = _bounded_width(grid, shown_file(path), sheet_name, issues)
        grid, encoding = to_unicode(grid, hint)
        if encoding and encoding not in encodings:
            encodings.append(encoding)
        plan_words = plan_words or _names_a_plan(grid)
        frame, info, found_issues = extract_sheet(
            grid, readable(path.name), sheet_name, index, default_unit=readable(path.stem)
        )
        issues.extend(found_issues)
        if info is not None:
            sheets.append(info)
        if frame is not None and len(frame):
            frames.append(frame)
    if not sheets:
        what = "dvstat-output" if _dvstat_output(path) else ("plan" if plan_words else None)
        if what is not None:  # beside rosters it is passed over; alone it is an error
            return (
                pd.DataFrame(),
                [],
                [Issue("not-a-roster", "warning", shown_file(path), detail={"what": what})],
            )
        raise RosterReadError(
            f"Tệp '{shown_file(path)}' không có danh sách nào: không sheet hiện nào có dòng tiêu "
            "đề (Họ và tên, Ngày kết nạp…).",
            f"File '{shown_file(path)}' holds no roster: no visible sheet has a header row "
            "(Họ và tên, Ngày kết nạp…).",
        )
    if any((f[schema.ORG_SOURCE] == "sheet").any() for f in frames if schema.ORG_SOURCE in f):
        frames = _grassroots_branches(frames)  # beside sheets named 'Đảng bộ …'
    for encoding in encodings:
        name = LEGACY_NAMES[encoding]
        issues.insert(
            0,
            Issue("legacy-encoding", "info", shown_file(path), detail={"encoding_name": name}),
        )
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return compact_rows(frame), sheets, issues


def _head_rows(grid: pd.DataFrame, count: int) -> list[list[Any]]:
    """The first rows of a grid as Python lists ('' for empty), for header detection."""
    rows: list[list[Any]] = grid.iloc[:count].to_numpy(dtype=object, na_value="").tolist()
    return rows


# Complex by design: the steps of reading one sheet, in order; each is a call.
def extract_sheet(  # noqa: C901
    grid: pd.DataFrame, file: str, sheet: str | None, index: dict[str, str], default_unit: str
) -> tuple[pd.DataFrame | None, SheetInfo | None, list[Issue]]:
    """Member rows of one sheet with provenance, the sheet's layout, and its info issues.

    ``grid`` holds the sheet from its first row (row i = Excel row i + 1), columns 0..n-1.
    """
    head = _head_rows(grid, layout.HEADER_SCAN_ROWS + 2)
    found = layout.locate_header(head, index)
    if found is None:
        return (
            None,
            None,
            [
                Issue(
                    "no-header", "info", file, sheet, detail={"scan": str(layout.HEADER_SCAN_ROWS)}
                )
            ],
        )
    start = found.data_start
    if start < len(head) and layout.is_numbering_row(head[start]):
        start += 1
    body = grid.iloc[start:].reset_index(drop=True)
    # The column is there: an empty cell is '' (absent columns stay NaN after concat).
    raw = pd.DataFrame(
        {
            name: body[col].fillna("") if col in body.columns else ""
            for name, col in found.columns.items()
        },
        index=body.index,
    )
    excel_rows = pd.Series(np.arange(start + 1, start + 1 + len(body)), index=body.index)

    has_admission = schema.ADMISSION_DATE in raw
    name_filled = _filled(raw[schema.FULL_NAME]) if schema.FULL_NAME in raw else None
    admission_filled = (
        _filled(raw[schema.ADMISSION_DATE]) if has_admission else pd.Series(False, index=raw.index)
    )
    admission_is_date = (
        _is_date(raw[schema.ADMISSION_DATE]) if has_admission else pd.Series(False, index=raw.index)
    )
    any_filled = admission_filled if name_filled is None else (name_filled | admission_filled)
    for name in schema.PERSON_FIELDS:
        if name in raw and name not in (schema.FULL_NAME, schema.ADMISSION_DATE):
            any_filled |= _filled(raw[name])
    keep = any_filled.copy()
    repeated = _repeated_header(raw, found.headers)
    issues: list[Issue] = []
    if repeated.any():
        keep &= ~repeated
        issues.append(
            Issue(
                "repeated-header",
                "info",
                file,
                sheet,
                int(excel_rows[repeated].iloc[0]),
                detail={"rows": str(int(repeated.sum()))},
            )
        )
    structure = layout.sheet_structure(_row_kinds(body, ~admission_is_date))
    if structure.dropped:
        keep.iloc[structure.dropped] = False
    if structure.footer:
        issues.append(
            Issue(
                "footer-skipped",
                "info",
                file,
                sheet,
                detail={
                    "rows": str(len(structure.footer)),
                    "first": str(start + 1 + structure.footer[0]),
                },
            )
        )
    issues.extend(_subtotal_issues(structure, keep.to_numpy(), start, file, sheet))
    section_units = _section_units(structure, len(body))
    for name, values in section_units.items():
        column = raw[name] if name in raw else pd.Series("", index=raw.index, dtype=object)
        raw[name] = column.where(_filled(column), values)
    has_branches = schema.BRANCH in found.columns or schema.BRANCH in section_units
    has_orgs = schema.ORG in found.columns or schema.ORG in section_units
    named = _named_units(head[: found.header_rows[0]], sheet, default_unit)
    org_from = next(((src, n) for src, n, kind in named if kind in _ORG_KINDS), None)
    branch_from = next(((src, n) for src, n, kind in named if kind == "chi_bo"), None)
    source = ""
    if not has_branches and not has_orgs and (org_from or branch_from):
        # no unit in the table: the title, the sheet or the file names it
        if branch_from:
            raw[schema.BRANCH] = branch_from[1]
            issues.append(_unit_issue(branch_from, file, sheet))
        if org_from:
            raw[schema.ORG] = org_from[1]
            issues.append(_unit_issue(org_from, file, sheet))
            source = org_from[0]
        elif branch_from:
            source = "branch?"  # a chi bộ on its own, or a branch of its file's organization
        has_branches = has_branches or branch_from is not None
    elif has_branches and not has_orgs and org_from:
        raw[schema.ORG] = org_from[1]  # an organization's list, its branches in a column
        issues.append(_unit_issue(org_from, file, sheet))
        source = org_from[0]
    if structure.sections:
        issues.append(
            Issue(
                "unit-from-sections",
                "info",
                file,
                sheet,
                detail={"sections": str(structure.sections), "checks": str(len(structure.checks))},
            )
        )
    raw = raw[keep]
    raw[schema.SRC_FILE] = file
    raw[schema.SRC_SHEET] = sheet
    raw[schema.SRC_ROW] = excel_rows[keep].astype("int64")
    unit = sheet if sheet and not unit_words.is_generic_sheet(sheet) else default_unit
    if named:  # the title, the sheet or the file names a unit: its name written out
        unit = named[0][1]
    raw[schema.SRC_UNIT] = unit
    raw[schema.ORG_SOURCE] = source
    if not has_branches and not (org_from or branch_from):
        code = "unit-from-sheet" if unit == sheet else "unit-from-file"
        issues.append(Issue(code, "info", file, sheet, detail={"unit": unit}))
    info = SheetInfo(
        file=file,
        sheet=sheet,
        header_row=found.header_rows[-1] + 1,
        headers=dict(found.headers),
        rows=len(raw),
    )
    return raw.reset_index(drop=True), info, issues


_ORG_KINDS = ("dang_bo", "chi_bo_co_so")


def _named_units(
    title_rows: Sequence[Sequence[Any]], sheet: str | None, file_stem: str
) -> list[tuple[str, str, str | None]]:
    """(source, name, kind) of the units a sheet's title rows, its name and its file's name
    name, in that order of trust (abbreviations written out)."""
    texts: list[str] = []
    for row in title_rows:
        for value in row:
            text = layout.cell_text(value)
            if text and text not in texts:
                texts.append(text)
    found: list[tuple[str, str, str | None]] = []
    for title in unit_words.title_units(texts):
        if title:
            found.append(("title", title, unit_words.unit_kind(title)))
    for source, name in (("sheet", sheet), ("file", file_stem)):
        if not name:
            continue
        expanded = unit_words.expand(name, everything=False)
        if source == "file":
            expanded = _TRAILING_PERIOD.sub("", expanded)
        kind = unit_words.unit_kind(expanded)
        if kind in ("dang_bo", "chi_bo", "chi_bo_co_so"):
            shown = unit_words.display_name(expanded)
            found.append((source, unit_words.organization_of(shown), kind))
    # several sources naming the same unit: the spelling with its accents and its case
    # ('ĐẢNG ỦY XÃ TÂN LẬP' in a title, 'DB xa Tan Lap' as the file: 'Đảng bộ xã Tân Lập')
    return _best_spellings(found)


def _best_spellings(found: list[tuple[str, str, str | None]]) -> list[tuple[str, str, str | None]]:
    """Each name in the best spelling any source gives it: with its accents first, then
    as a sheet or file writes it rather than a title in capitals."""
    best: dict[str, tuple[int, bool, str]] = {}
    for source, name, _ in found:
        score = (sum(not c.isascii() for c in name), source != "title", name)
        key = unit_words.comparable(name)
        if key not in best or score[:2] > best[key][:2]:
            best[key] = score
    return [(src, best[unit_words.comparable(n)][2], k) for src, n, k in found]


# '… 2024 2026', '… nam 2025', '… thang 11': the period a file name ends with
_TRAILING_PERIOD = re.compile(r"(?:\s+(?:nam|thang|quy|dot|t)?\s*\d{1,4})+\s*$", re.IGNORECASE)


def _grassroots_branches(frames: list[pd.DataFrame], promote: bool = True) -> list[pd.DataFrame]:
    """Rows whose chi bộ only a sheet, file or title names ('branch?'): a grassroots chi bộ,
    its own organization, when ``promote`` (beside sheets or files naming organizations);
    else a branch of an organization no cell names."""
    found = []
    for frame in frames:
        if schema.ORG_SOURCE in frame:
            pending = (frame[schema.ORG_SOURCE] == "branch?").to_numpy()
            if pending.any():
                compact = isinstance(frame[schema.ORG_SOURCE].dtype, pd.CategoricalDtype)
                frame = _as_objects(frame, (schema.ORG, schema.ORG_SOURCE, schema.BRANCH)).copy()
                if promote:
                    frame.loc[pending, schema.ORG] = frame.loc[pending, schema.BRANCH]
                frame.loc[pending, schema.ORG_SOURCE] = "branch" if promote else ""
                if compact:
                    frame = compact_rows(frame)
        found.append(frame)
    return found


def _unit_issue(found: tuple[str, str], file: str, sheet: str | None) -> Issue:
    """Where the unit of the sheet's rows was read (validate lists it)."""
    codes = {"title": "unit-from-title", "sheet": "unit-from-sheet", "file": "unit-from-file"}
    return Issue(codes[found[0]], "info", file, sheet, detail={"unit": found[1]})


def _column_or_empty(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series("", index=frame.index, dtype=object)


def _filled(column: pd.Series) -> pd.Series:
    """True where a cell holds anything but blanks (vectorized; dates and numbers count)."""
    as_text = column.astype("string").str.strip()
    return (as_text.fillna("") != "").astype(bool)


def _repeated_header(raw: pd.DataFrame, headers: dict[str, str]) -> pd.Series:
    """Rows that repeat the header (a header printed on every page, pasted twice)."""
    repeated = pd.Series(len(raw) > 0, index=raw.index)
    checked = 0
    for name in (schema.FULL_NAME, schema.ADMISSION_DATE, schema.ETHNICITY):
        if name in raw and name in headers:
            label = headers[name].split(" / ")[-1]
            repeated &= raw[name].astype("string").str.strip().fillna("") == label
            checked += 1
    return repeated if checked >= 2 else pd.Series(False, index=raw.index)


def _is_date(column: pd.Series) -> pd.Series:
    """True where a cell reads as a date (each distinct value parsed once)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    _, statuses, _ = parse_distinct_dates(uniques)
    answers = np.array(
        [
            status in (OK, TWO_DIGIT)
            and not (isinstance(value, str) and "th" in value and layout.is_place_date_line(value))
            for status, value in zip(statuses, uniques, strict=True)
        ]
        + [False],
        dtype=bool,
    )
    return pd.Series(answers[np.where(codes < 0, len(uniques), codes)], index=column.index)


def _holds_text(body: pd.DataFrame) -> np.ndarray:
    """True for rows with any cell holding more than blanks (a sheet padded with a million
    empty rows costs one vectorized pass; only cells holding something are stripped)."""
    holds = np.zeros(len(body), dtype=bool)
    for column in body.columns:
        values = body[column]
        present = values.notna().to_numpy()
        if present.any():
            holds[present] |= _filled(values[present]).to_numpy()
    return holds


def _maybe_structure(rows: pd.DataFrame) -> np.ndarray:
    """True for rows that may be sections, subtotals, totals or signatures: at most
    ``layout.STRUCTURE_MAX_TEXTS`` texts once a merged cell's repeats are removed, or a
    cell starting like a total. Vectorized, column by column, so that a long list of
    candidates or members without an admission date is not classified row by row."""
    starts = layout.TOTAL_STARTS + tuple(
        unicodedata.normalize("NFD", w) for w in layout.TOTAL_STARTS
    )
    texts = np.zeros(len(rows), dtype=np.int64)
    total = np.zeros(len(rows), dtype=bool)
    last = pd.Series("", index=rows.index, dtype="string")
    for column in rows.columns:
        text = rows[column].astype("string").str.strip().fillna("")
        filled = text != ""
        texts += (filled & (text != last)).to_numpy(dtype=bool)
        last = text.where(filled, last)
        total |= text.str.lower().str.startswith(starts).to_numpy(dtype=bool)
    return np.asarray((texts <= layout.STRUCTURE_MAX_TEXTS) | total)


def _row_kinds(body: pd.DataFrame, no_date: pd.Series) -> list[tuple[int, layout.RowKind | None]]:
    """Rows holding text but no admission date, with what ``layout`` makes of them; rows
    too full to be structure rows are None without a look (from the first signature row
    on every row with text is footer, so they are listed all the same)."""
    positions = np.flatnonzero(no_date.to_numpy(dtype=bool) & _holds_text(body))
    if len(positions) == 0:
        return []
    rows = body.iloc[positions]
    looked = positions[_maybe_structure(rows)]
    kinds: dict[int, layout.RowKind | None] = {}
    for position, values in zip(looked, _head_rows(body.iloc[looked], len(looked)), strict=True):
        texts: list[str] = []
        for value in values:
            text = layout.cell_text(value)
            if text and (not texts or texts[-1] != text):  # a merged cell repeats its text
                texts.append(text)
        if texts:
            kinds[int(position)] = layout.classify_row(texts)
    return [(int(p), kinds.get(int(p))) for p in positions]


def _section_units(structure: layout.SheetStructure, rows: int) -> dict[str, pd.Series]:
    """Per row, the parent, org and branch the section rows above it name (NaN: none)."""
    if not structure.units:
        return {}
    found: dict[str, pd.Series] = {}
    for number, name in enumerate((schema.PARENT, schema.ORG, schema.BRANCH), start=1):
        if not any(unit[number] for unit in structure.units):
            continue
        values = pd.Series(np.full(rows, None, dtype=object))
        for unit in structure.units:  # '' marks a unit a section closes, until ffill
            values.iat[unit[0]] = unit[number] or ""
        filled = values.ffill()
        found[name] = filled.where(filled != "", None)
    return found


def _subtotal_issues(
    structure: layout.SheetStructure, member: np.ndarray, start: int, file: str, sheet: str | None
) -> list[Issue]:
    """A warning for each subtotal or total that disagrees with the members above it
    (the clerk's own count is a free cross-check of the reading)."""
    before = np.concatenate([[0], np.cumsum(member)])
    issues = []
    for position, stated, starts in structure.checks:
        counts = [int(before[position] - before[after + 1]) for after in starts]
        if stated not in counts:
            counted, after = counts[0], starts[0]
            issues.append(
                Issue(
                    "subtotal-mismatch",
                    "warning",
                    file,
                    sheet,
                    start + 1 + position,
                    value=str(stated),
                    detail={"counted": str(counted), "first": str(start + 2 + after)},
                )
            )
    return issues


# --- file formats ----------------------------------------------------------------------
SheetGrid = tuple[str | None, pd.DataFrame | None, list[Issue]]


@dataclass(frozen=True)
class SheetReader:
    """One way of turning a checked file into sheets of text cells. Every reader gives the
    same cells (text, dates as ISO, merged cells filled), so ``normalize`` never knows which
    read a file; ``iter_sheets`` takes the first that accepts it."""

    name: str
    accepts: Callable[[Path, str], bool]  # (path, container: zip | cfb | text)
    read: Callable[[Path, ReadLimits, str], Iterator[SheetGrid]]


READERS: tuple[SheetReader, ...] = (
    SheetReader(
        "csv (pyarrow)",
        lambda path, container: container == "text",
        lambda path, limits, container: _csv_sheets(path, limits),
    ),
    SheetReader(
        "xlsx (fastexcel)",
        lambda path, container: (
            container == "zip" and path.suffix.lower() != ".ods" and xlsx_sheets(path) is not None
        ),
        lambda path, limits, container: _fast_xlsx_sheets(path, limits),
    ),
    SheetReader(
        "xls, ods, xlsx (calamine)",
        lambda path, container: True,
        lambda path, limits, container: _workbook_sheets(
            path, limits, by_content=container == "cfb"
        ),
    ),
)


def iter_sheets(path: Path, limits: ReadLimits) -> Iterator[SheetGrid]:
    """Every sheet of a checked file as a grid of text cells (None for a hidden sheet)."""
    suffix = path.suffix.lower()
    if suffix not in ROSTER_SUFFIXES:
        raise RosterReadError(
            f"Tệp '{shown_file(path)}' không phải danh sách (.xlsx .xlsm .xls .ods .csv .txt "
            ".tsv).",
            f"File '{shown_file(path)}' is not a roster (.xlsx .xlsm .xls .ods .csv .txt .tsv).",
        )
    container = check_input_file(path, limits)
    if container == "text" and suffix not in TEXT_SUFFIXES:
        raise RosterReadError(
            f"Tệp '{shown_file(path)}' không phải tệp Excel (có thể là tệp khác bị đổi đuôi).",
            f"File '{shown_file(path)}' is not an Excel workbook (maybe a renamed file).",
        )
    if container != "text" and suffix in TEXT_SUFFIXES:
        raise RosterReadError(
            f"Tệp '{shown_file(path)}' có đuôi .csv nhưng không phải văn bản.",
            f"File '{shown_file(path)}' is named .csv but is not text.",
        )
    reader = next(r for r in READERS if r.accepts(path, container))
    for name, grid, issues in reader.read(path, limits, container):
        if name is not None and len(name) > NAME_CHARS:
            # Excel allows 31 characters; a forged name of 500.000 went into every issue
            # of every row (2.000 rows: 2 GB of JSON, 10 GB of memory).
            short = shown_name(name)
            issues = [replace(i, sheet=short) if i.sheet == name else i for i in issues]
            name = short
        yield name, grid, issues


def _guarded(path: Path, sheet: str | None, action: Callable[[], Any]) -> Any:
    """Run a parser call on untrusted input; anything it raises becomes RosterReadError.

    The Rust parsers may even panic (pyo3 PanicException derives from BaseException).
    """
    try:
        return action()
    except BaseException as exc:  # noqa: B036 - untrusted input, see docstring
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError | RosterReadError):
            raise
        raise unreadable(path, exc, sheet) from exc


def _workbook_sheets(
    path: Path, limits: ReadLimits, by_content: bool = False
) -> Iterator[SheetGrid]:
    """.xls, .ods (and .xlsx without fastexcel): python-calamine, merged cells filled, in an
    isolated child process like every native parse (``readers/isolation.py``).

    ``by_content``: an old .xls named .xlsx is opened by what it is, not by its name.
    """
    import python_calamine  # noqa: F401 - before the fork: the child imports nothing

    from dvstat.readers.isolation import run_isolated

    for table, meta in run_isolated(path, partial(_calamine_sheets, path, by_content), limits):
        if meta["hidden"]:
            yield (
                meta["name"],
                None,
                [Issue("hidden-sheet", "info", shown_file(path), meta["name"])],
            )
        else:
            yield meta["name"], _arrow_grid(table), []


def _calamine_sheets(path: Path, by_content: bool) -> list[tuple[Any, dict[str, Any]]]:
    """Every sheet as an Arrow table of text cells (what runs in the child)."""
    import pyarrow as pa
    import python_calamine as calamine

    if by_content or not native_name_ok(path):
        with path.open("rb") as handle:
            workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(handle.read()))
    else:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    metadata = list(workbook.sheets_metadata)
    if not metadata:
        raise RosterReadError(
            f"Tệp '{shown_file(path)}' không có sheet nào.",
            f"File '{shown_file(path)}' has no sheet.",
        )
    pieces: list[tuple[Any, dict[str, Any]]] = []
    for meta in metadata:
        name = str(meta.name)
        if not str(meta.visible).endswith("Visible"):
            pieces.append((pa.table({}), {"name": name, "hidden": True}))
            continue
        sheet = workbook.get_sheet_by_name(name)
        rows: Grid = sheet.to_python(skip_empty_area=False)
        _fill_merged(rows, sheet.merged_cell_ranges or [])
        width = max((len(row) for row in rows), default=0)
        columns = {
            f"c{i}": pa.array(
                [_text_cell(row[i]) if i < len(row) else "" for row in rows], pa.string()
            )
            for i in range(width)
        }
        pieces.append((pa.table(columns), {"name": name, "hidden": False}))
    return pieces


def _text_cell(value: Any) -> str:
    """A calamine cell as the text fastexcel gives, so every reader feeds the same strings
    to ``normalize`` (and the cache stores plain text): 12.0 -> '12', dates ISO."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d 00:00:00")
    return str(value)


def _fast_xlsx_sheets(path: Path, limits: ReadLimits) -> Iterator[SheetGrid]:
    """.xlsx/.xlsm through fastexcel: each sheet read once into Arrow, every cell as text.

    Reading as text is deliberate: type guessing from the first rows loses later values
    (converting per cell in Python is the slow path). Dates arrive as
    'yyyy-mm-dd hh:mm:ss', which ``normalize`` reads. Merged ranges are read from the sheet
    XML in a thread while fastexcel parses.
    """
    sheets = xlsx_sheets(path) or []
    if not sheets:
        raise RosterReadError(
            f"Tệp '{shown_file(path)}' không có sheet nào.",
            f"File '{shown_file(path)}' has no sheet.",
        )
    visible = [(name, part) for name, hidden, part in sheets if not hidden]
    if in_child():  # a file read in a worker child: the other files use the other cores
        loaded = _guarded(path, None, lambda: load_sheets(path, visible, limits))
        for name, hidden, part in sheets:
            if hidden:
                yield name, None, [Issue("hidden-sheet", "info", shown_file(path), name)]
                continue
            grid = _arrow_grid(loaded[name].table)
            _fill_merged_frame(grid, scan_sheet(path, part, None), loaded[name].first_column)
            yield name, grid, []
        return
    pool = reading_threads()
    loads = take_prefetched(path) or submit_loads(pool, path, visible, limits)
    for name, hidden, part in sheets:
        if hidden:
            yield name, None, [Issue("hidden-sheet", "info", shown_file(path), name)]
            continue
        merges = pool.submit(scan_sheet, path, part, None)
        sheet = _guarded(path, name, lambda: loads[name].result()[name])  # noqa: B023
        grid = _arrow_grid(sheet.table)
        _fill_merged_frame(grid, merges.result(), sheet.first_column)
        yield name, grid, []


MAX_COLUMNS = 256  # Excel 2003's width; no roster is wider (they have under 40 columns)


def _bounded_width(
    grid: pd.DataFrame, file: str, sheet: str | None, issues: list[Issue]
) -> pd.DataFrame:
    """The grid cut to MAX_COLUMNS columns, with a warning when cells beyond held data:
    every later step looks at each column, so the width, not the file's size, bounds it."""
    beyond = int(grid.attrs.get("columns_cut", 0))
    if grid.shape[1] > MAX_COLUMNS:
        beyond += int(grid.iloc[:, MAX_COLUMNS:].notna().any().sum())
        grid = grid.iloc[:, :MAX_COLUMNS]
    if beyond:
        detail = {"columns": str(beyond), "limit": str(MAX_COLUMNS)}
        issues.append(Issue("columns-cut", "warning", file, sheet, detail=detail))
    return grid


def _arrow_grid(table: Any) -> pd.DataFrame:
    import pyarrow as pa

    cut = 0
    if table.num_columns > MAX_COLUMNS:  # counted here: converting 16.000 columns is slow
        extra = range(MAX_COLUMNS, table.num_columns)
        cut = sum(table.column(i).null_count < table.num_rows for i in extra)
        table = table.select(list(range(MAX_COLUMNS)))
    frame: pd.DataFrame = table.to_pandas(
        types_mapper={
            pa.string(): pd.StringDtype("pyarrow"),
            pa.large_string(): pd.StringDtype("pyarrow"),
        }.get
    )
    frame.columns = pd.RangeIndex(frame.shape[1])
    frame.attrs["columns_cut"] = cut
    return frame


def _merged_spans(
    merged: Sequence[Any], rows: int, width: Callable[[int], int], first_column: int = 0
) -> Iterator[tuple[int, int, int, int]]:
    """The merged ranges as (first row, last row, first column, last column) inside a grid
    of ``rows`` rows (``width(r)`` cells in row r) whose column 0 is sheet column
    ``first_column``; a range starting outside the grid fills nothing. Each is filled with
    the value of its top-left cell, as Excel shows it."""
    for (r1, c1), (r2, c2) in merged:
        c1, c2 = c1 - first_column, c2 - first_column
        if r1 >= rows or c1 < 0 or c1 >= width(r1):
            continue
        yield r1, min(r2, rows - 1), c1, c2


def _fill_merged(grid: Grid, merged: Sequence[Any]) -> None:
    """Merged ranges of a calamine grid (rows as lists) filled from their top-left cell."""
    for r1, r2, c1, c2 in _merged_spans(merged, len(grid), lambda r: len(grid[r])):
        value = grid[r1][c1]
        for r in range(r1, r2 + 1):
            row = grid[r]
            for c in range(c1, min(c2, len(row) - 1) + 1):
                row[c] = value


def _fill_merged_frame(grid: pd.DataFrame, merged: Sequence[Any], first_column: int = 0) -> None:
    """Merged ranges of a fastexcel grid filled from their top-left cell."""
    rows, cols = grid.shape
    for r1, r2, c1, c2 in _merged_spans(merged, rows, lambda _r: cols, first_column):
        value: Any = grid.iat[r1, c1]
        for c in range(c1, min(c2, cols - 1) + 1):
            grid.iloc[r1 : r2 + 1, c] = value


def _csv_sheets(path: Path, limits: ReadLimits) -> Iterator[SheetGrid]:
    """CSV, TSV or Excel's "Unicode Text": UTF-8 with or without BOM, UTF-16 with its BOM,
    else the legacy Vietnamese cp1258; ';' ',' or tab, whichever the first lines use most.

    Parsed in the bounded child like a workbook (a 250 MB CSV took 3,9 GB in the parent),
    by pyarrow's multi-threaded reader, every field as text; a file whose rows do not all
    have the same number of fields (title rows typed by hand) goes through the csv module
    instead, so no row is ever skipped.
    """
    import encodings.cp1258  # noqa: F401 - codecs the child may need, loaded before the fork
    import encodings.utf_16  # noqa: F401

    import pyarrow.csv  # noqa: F401

    from dvstat.readers.isolation import run_isolated

    for table, meta in run_isolated(path, partial(_csv_tables, path), limits):
        issues = []
        if meta.get("encoding"):
            detail = {"encoding": str(meta["encoding"])}
            issues.append(Issue("csv-encoding", "warning", shown_file(path), None, detail=detail))
        yield None, _arrow_grid(table), issues


def _csv_tables(path: Path) -> list[tuple[Any, dict[str, Any]]]:
    """The CSV as one Arrow table of text (what runs in the child)."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith(_UTF16_BOMS):
        raw = _from_utf16(raw, shown_file(path))
    if b"\x00" in raw:
        raise RosterReadError(
            f"Tệp '{shown_file(path)}' không phải CSV dạng văn bản.",
            f"File '{shown_file(path)}' is not a text CSV.",
        )
    delimiter = _delimiter(raw)
    table = _csv_table(raw, delimiter, shown_file(path))
    if table is not None:
        return [(table, {})]
    # not UTF-8: the legacy Vietnamese code page of older Excel exports
    raw = raw.decode("cp1258", errors="replace").encode("utf-8")
    table = _csv_table(raw, delimiter, shown_file(path))
    assert table is not None
    return [(table, {"encoding": "cp1258"})]


def _delimiter(raw: bytes) -> str:
    """';', ',' or tab, whichever the first 40 lines use most (each line's first 4 KB: a
    title line of megabytes must not hide the table's lines)."""
    lines = re.split(rb"\r\n|\r|\n", raw, maxsplit=40)[:40]
    head = "\n".join(line[:4096].decode("utf-8", errors="ignore") for line in lines)
    return max((";", ",", "\t"), key=head.count)


def _from_utf16(raw: bytes, name: str) -> bytes:
    """UTF-16 (little or big endian, by its BOM) as UTF-8 bytes."""
    try:
        return raw.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise RosterReadError(
            f"Tệp '{name}' ghi là UTF-16 nhưng có đoạn không đọc được (byte {exc.start}).",
            f"File '{name}' says UTF-16 but cannot be read (byte {exc.start}).",
        ) from exc


def _csv_table(raw: bytes, delimiter: str, name: str) -> Any:
    """The CSV as an Arrow table of text; None when the bytes are not valid UTF-8."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    first_line = re.split(rb"\r\n|\r|\n", raw[:65536], maxsplit=1)[0].decode(
        "utf-8", errors="ignore"
    )
    try:
        width = len(next(csv.reader([first_line], delimiter=delimiter), [""]))
    except csv.Error:
        width = first_line.count(delimiter) + 1
    names = [f"c{i}" for i in range(max(width, 1))]
    try:
        table = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=False, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        return table
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        csv.field_size_limit(1 << 30)  # a long cell is cut later, with a warning; not an error
        try:
            rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
        except csv.Error as exc:
            raise RosterReadError(
                f"Tệp '{name}' không đọc được như CSV: {exc}.",
                f"File '{name}' cannot be read as CSV: {exc}.",
            ) from exc
        longest = max((len(r) for r in rows), default=0)
        return pa.table(
            {f"c{i}": pa.array([r[i] if i < len(r) else "" for r in rows], pa.string())
             for i in range(longest)}
        )  # fmt: skip
