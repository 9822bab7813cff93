"""Sheets typed in the legacy Vietnamese fonts (TCVN3, VNI) turned to Unicode as they are
read, before the header is looked for (see ``dvstat.legacy_text`` for the tables).

The encoding is told from a sample of each column's distinct texts, the whole sheet's
together: a gender column of 'Nam' and 'N÷' alone says little, the names beside it say
TCVN3. A column that already holds Unicode Vietnamese letters is left as it is.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from dvstat.legacy_text import decode, detect, font_hint

LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC, .VnTime)", "vni": "VNI (VNI-Times)"}
SAMPLE = 2000  # distinct texts of a column looked at to tell its encoding
_UNICODE_VIETNAMESE = re.compile(r"[\u0100-\u024f\u1ea0-\u1ef9]")
_HIGH = re.compile(r"[\x80-\xff]")
_FONT_NAME = re.compile(rb'<(?:\w+:)?name\s+val="([^"]{1,64})"')


def workbook_hint(path: Path) -> str | None:
    """The encoding the fonts of an .xlsx point to ('.VnTime' -> TCVN3, 'VNI-Times' -> VNI),
    read from its styles part (bounded: the part was size-checked with the file)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            styles = archive.read("xl/styles.xml")[:2_000_000]
    except Exception:  # an untrusted archive: any failure only means no hint
        return None
    names = [m.decode("utf-8", "replace") for m in _FONT_NAME.findall(styles)]
    return font_hint(names)


def _texts(column: pd.Series) -> list[str]:
    uniques = pd.unique(column.dropna())
    return [v for v in uniques[: SAMPLE * 2] if isinstance(v, str)][:SAMPLE]


def to_unicode(grid: pd.DataFrame, hint: str | None) -> tuple[pd.DataFrame, str | None]:
    """The grid with its legacy-encoded columns decoded, and the encoding found (None:
    nothing to decode)."""
    samples = {column: _texts(grid[column]) for column in grid.columns}
    legacy = {
        column: texts
        for column, texts in samples.items()
        if texts
        and not any(_UNICODE_VIETNAMESE.search(t) for t in texts)
        and any(_HIGH.search(t) for t in texts)
    }
    if not legacy:
        return grid, None
    encoding = detect((t for texts in legacy.values() for t in texts), hint)
    if encoding is None:
        return grid, None
    converted = grid.copy()
    for column in legacy:
        values = converted[column]
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        lookup = np.empty(len(uniques) + 1, dtype=object)
        lookup[: len(uniques)] = [decode(v, encoding) if isinstance(v, str) else v for v in uniques]
        converted[column] = pd.Series(
            lookup[np.where(codes < 0, len(uniques), codes)], index=values.index, dtype=object
        ).where(values.notna(), values)
    return converted, encoding
