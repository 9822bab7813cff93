"""Text folding shared by header matching, vocabularies and unit names.

Vietnamese text arrives in NFC and NFD, with zero-width characters, odd spacing and
punctuation; ``fold`` reduces it to the ASCII letters and digits a human would compare.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import Any

from dvstat.formatting import dmy

# A cell longer than this is not a name, a date or a category: it is reported with its
# value cut (a 10 MB cell must not cost minutes of matching or 20 MB of JSON).
MAX_CELL_CHARS = 1000

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
# Every character XML 1.0 forbids (a workbook or a document cannot hold them), and the C1
# controls: removed. Vertical tab and form feed (Word's line and page breaks pasted into a
# cell) become a space.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\x0b\x0c]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def clean_text(value: str) -> str:
    """NFC, zero-width and control characters removed, whitespace collapsed, leading
    apostrophe dropped."""
    text = unicodedata.normalize("NFC", strip_controls(_ZERO_WIDTH.sub("", value)))
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("'"):
        text = text[1:].lstrip()
    return text


def cell_text(value: Any) -> str | None:
    """A cell as clean text, the one way every reader and parser sees cells: None where
    there is no value (an absent column, NaN), '' for an empty cell, whole numbers without
    '.0', dates as dd/mm/yyyy, a ticked box as 'x'."""
    if value is None or value != value:  # NaN and NaT are not equal to themselves
        return None
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):  # datetime too
        return dmy(value)
    return clean_text(str(value))


def strip_controls(value: str) -> str:
    """Text without control characters (a file name can hold them too): the one filter of
    what XML cannot hold, used by every text that reaches an output."""
    return _CONTROL.sub("", _BREAKS.sub(" ", value))


def strip_accents(value: str) -> str:
    """Lower-case ASCII form of Vietnamese text: 'Đắk Lắk' -> 'dak lak'."""
    if value.isascii():
        return value.lower()
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1 << 16)
def fold(value: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive key: 'Ê - Đê' -> 'ede'.

    Cached: header scans, vocabularies and unit names fold the same few texts again and
    again (a 20-sheet workbook folds "Nam", "Kinh", "12/12"… thousands of times)."""
    return _NON_ALNUM.sub("", strip_accents(clean_text(value)))


def fold_words(value: str) -> tuple[str, ...]:
    """Accent-free words, with the sỹ/sĩ spelling noise removed: 'Thạc sỹ' -> ('thac', 'si')."""
    words = _NON_ALNUM.split(strip_accents(clean_text(value)))
    return tuple("si" if w == "sy" else w for w in words if w)


def fold_spaced(value: str) -> str:
    """Accent-free lower-case text with single spaces, punctuation kept ('Chi bộ: Thôn 3' ->
    'chi bo: thon 3'): for rules that read words and the marks between them."""
    return " ".join(strip_accents(clean_text(value)).split())


def fold_phrase(value: str) -> str:
    """``fold_words`` joined by single spaces, punctuation read as a space ('Ngày 1-2-1990'
    -> 'ngay 1 2 1990')."""
    return " ".join(fold_words(value))


def slug(value: str) -> str:
    """Category code from a form name: 'Bru-Vân Kiều' -> 'bru_van_kieu'."""
    return _NON_ALNUM.sub("_", strip_accents(clean_text(value))).strip("_")


_UNIT_PREFIXES = ("chibocoso", "dangbocoso", "chibo", "dangbo")


def unit_key(name: str) -> str:
    """Folded unit name without a leading 'Chi bộ' / 'Đảng bộ' (plans often omit it)."""
    key = fold(name)
    for prefix in _UNIT_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return key


def clip(text: str) -> str:
    """``text`` cut to MAX_CELL_CHARS characters (with '…') for quoting and showing."""
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"


NAME_CHARS = 120  # a file, sheet, unit or header name as a message shows it


def readable(name: str) -> str:
    """``name`` with the bytes a file name could not decode (zips made on Windows; Python
    keeps them as lone surrogates) written ``\\xNN``: such a string cannot be printed, hashed
    or saved as UTF-8, so it never leaves the reader as it is."""
    if not any("\ud800" <= ch <= "\udfff" for ch in name):
        return name
    return "".join(
        ch
        if not "\ud800" <= ch <= "\udfff"
        else f"\\x{ord(ch) - 0xDC00:02x}"
        if "\udc80" <= ch <= "\udcff"
        else f"\\u{ord(ch):04x}"
        for ch in name
    )


@lru_cache(maxsize=4096)  # the same file and sheet names, once per issue of their rows
def shown_name(name: str) -> str:
    """A name cut for a message: a sheet named with half a million characters must not make
    every message about its rows half a megabyte. Undecodable bytes are escaped."""
    name = readable(name)
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS] + "…"


def shown_file(path: str | os.PathLike[str]) -> str:
    """The file's name as every message and listing shows it (escaped, cut)."""
    return shown_name(os.path.basename(os.fspath(path)))
