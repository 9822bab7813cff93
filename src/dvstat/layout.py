"""Find the roster inside a sheet: the header (one or two rows), its fields, and the footer.

Works on a grid (rows of cell values as the reader got them) so that it is tested without
files. Rules follow SPEC §3: up to ~30 title rows above the header, a two-row header with
merged group cells, the birth date under "Nam" or "Nữ", footer and signature rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dvstat import schema
from dvstat.text import clean_text, fold

HEADER_SCAN_ROWS = 30
_PARENTHESES = re.compile(r"\([^)]*\)")
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_ROW_NUMBER = re.compile(r"^\(?\d+\)?$")
# Folded starts of rows that close a table: totals anywhere, signatures and notes below it.
_TOTAL_STARTS = ("tongcong", "tongso", "total", "congchibo", "congdangbo", "congtoan")
_SIGNATURE_STARTS = ("nguoilapbieu", "nguoilap", "tmchi", "tmdang", "tmban", "tmcap", "tmbtv",
                     "bithu", "phobithu", "ghichu", "xacnhan", "truongban", "nguoiky", "kyten",
                     "noinhan")
_DATE_LINE = re.compile(r"ngay.*thang.*nam")


@dataclass(frozen=True)
class HeaderLayout:
    """Where a sheet's roster is: 0-based grid rows and columns, and the header texts."""

    header_rows: tuple[int, ...]
    columns: dict[str, int]
    headers: dict[str, str]

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1


def cell_text(value: Any) -> str:
    """A header or label cell as clean text (numbers without a trailing '.0')."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


def _match(text: str, index: dict[str, str]) -> str | None:
    if not text:
        return None
    found = index.get(fold(text))
    if found is None and "(" in text:
        found = index.get(fold(_PARENTHESES.sub("", text)))
    return found


def _map_single(row: Sequence[Any], index: dict[str, str]) -> dict[int, tuple[str, str]]:
    found: dict[int, tuple[str, str]] = {}
    used: set[str] = set()
    for col, value in enumerate(row):
        text = cell_text(value)
        name = _match(text, index)
        if name and name not in used:
            found[col] = (name, text)
            used.add(name)
    return found


def _map_double(top: Sequence[Any], sub: Sequence[Any],
                index: dict[str, str]) -> dict[int, tuple[str, str]]:
    """Fields of a two-row header; a group cell covers the sub-columns to its right."""
    found: dict[int, tuple[str, str]] = {}
    used: set[str] = set()
    group = ""
    width = max(len(top), len(sub))
    for col in range(width):
        top_text = cell_text(top[col]) if col < len(top) else ""
        sub_text = cell_text(sub[col]) if col < len(sub) else ""
        if top_text:
            group = top_text
        elif not sub_text:
            group = ""
        name: str | None = None
        label = sub_text or group
        if sub_text:
            group_field = _match(group, index)
            sub_key = fold(sub_text)
            if group_field == schema.BIRTH_DATE and sub_key in (schema.MALE_SUBHEADER,
                                                                 schema.FEMALE_SUBHEADER):
                name = (schema.BIRTH_MALE if sub_key == schema.MALE_SUBHEADER
                        else schema.BIRTH_FEMALE)
                label = f"{group} / {sub_text}"
            elif group_field == schema.GENDER and sub_key in (schema.MALE_SUBHEADER,
                                                              schema.FEMALE_SUBHEADER):
                name = (schema.MARK_MALE if sub_key == schema.MALE_SUBHEADER
                        else schema.MARK_FEMALE)
                label = f"{group} / {sub_text}"
            else:
                name = _match(sub_text, index) or _match(f"{group} {sub_text}", index)
                if name is None and top_text:
                    name = _match(top_text, index)
                    label = top_text
        elif top_text:
            name = _match(top_text, index)
        if name and name not in used:
            found[col] = (name, label)
            used.add(name)
    return found


def _score(mapping: dict[int, tuple[str, str]]) -> int:
    return len(mapping)


def locate_header(grid: Sequence[Sequence[Any]], index: dict[str, str],
                  scan: int = HEADER_SCAN_ROWS) -> HeaderLayout | None:
    """The best header in the first ``scan`` rows, or None when no row names a roster.

    A row qualifies when it maps the full name and at least two other fields; the row
    below it joins as a sub-header only when that maps strictly more fields (the Nam/Nữ
    birth pair, "Trình độ" over GDPT/CM/LLCT) than either row alone, so neither a data row
    nor a blank title row is taken for half of a header.
    """
    best: tuple[int, tuple[int, ...], dict[int, tuple[str, str]]] | None = None
    singles = [_map_single(row, index) for row in grid[: scan + 1]]
    for r in range(min(scan, len(grid))):
        single = singles[r]
        candidates: list[tuple[tuple[int, ...], dict[int, tuple[str, str]]]] = [((r,), single)]
        if r + 1 < len(singles):
            double = _map_double(grid[r], grid[r + 1], index)
            if _score(double) > max(_score(single), _score(singles[r + 1])):
                candidates.append(((r, r + 1), double))
        for rows, mapping in candidates:
            names = {name for name, _ in mapping.values()}
            if schema.FULL_NAME not in names or len(names) < 3:
                continue
            if best is None or _score(mapping) > _score(best[2]):
                best = (_score(mapping), rows, mapping)
    if best is None:
        return None
    _, rows, mapping = best
    return HeaderLayout(
        header_rows=rows,
        columns={name: col for col, (name, _) in mapping.items()},
        headers={name: label for _, (name, label) in mapping.items()},
    )


def is_numbering_row(row: Sequence[Any]) -> bool:
    """The '(1) (2) (3)…' or '1 2 3…' row that forms print under their header."""
    texts = [cell_text(v) for v in row]
    filled = [t for t in texts if t]
    return len(filled) >= 3 and all(_NUMBERING.match(t) for t in filled)


def footer_kind(texts: Sequence[str]) -> str | None:
    """'total' for a totals row, 'signature' for signatures, notes, place and date; else None.

    ``texts`` are a row's non-empty cell texts; only short rows qualify, since a member row
    has many filled cells. A leading row number (STT) is passed over.
    """
    words = [t for t in texts if not _ROW_NUMBER.match(t)]
    if not words or len(texts) > 4:
        return None
    first = fold(words[0])
    if first == "cong" or any(first.startswith(s) for s in _TOTAL_STARTS):
        return "total"
    if any(first.startswith(s) for s in _SIGNATURE_STARTS) or _DATE_LINE.search(first):
        return "signature"
    return None
