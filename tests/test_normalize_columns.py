"""The vectorized column helpers of ``normalize``, cell by cell, values worked out by hand.

Each cleaning pass of ``clean_strings`` runs only when the column's bytes hold a character
it removes, so every character is tried alone in its own column: a pass skipped by a wrong
byte pattern shows as a character left in place.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dvstat.normalize import clean_strings
from dvstat.text import clean_text


def cleaned(*values: object) -> list[object]:
    found = clean_strings(pd.Series(list(values), dtype=object))
    assert str(found.dtype) == "string"
    return [None if v is pd.NA else v for v in found.tolist()]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # invisible characters, each alone: removed
        ("An\u200bh", "Anh"),  # zero width space (UTF-8 E2 80 8B)
        ("An\u200ch", "Anh"),
        ("An\u200dh", "Anh"),
        ("An\u2060h", "Anh"),  # word joiner (E2 81 A0)
        ("An\ufeffh", "Anh"),  # byte order mark (EF BB BF)
        ("An\u00adh", "Anh"),  # soft hyphen (C2 AD)
        # control characters at each end of their ranges: removed
        ("A\x00B", "AB"),
        ("A\x08B", "AB"),
        ("A\x0eB", "AB"),
        ("A\x1fB", "AB"),
        ("A\x7fB", "AB"),
        ("A\x80B", "AB"),  # C1 controls (C2 80 … C2 9F)
        ("A\x9fB", "AB"),
        ("A\ufffeB", "AB"),  # non-characters (EF BF BE, EF BF BF)
        ("A\uffffB", "AB"),
        # decomposed letters (macOS, some web forms): composed
        ("Hoa\u0300", "Hoà"),  # a + combining grave (CC 80)
        ("Ha\u0340", "Hà"),  # combining grave tone mark (CD 80): NFC makes it U+0300
        ("Nguye\u0302\u0303n", "Nguyễn"),
        # spaces of every kind, each alone: one plain space
        ("A  B", "A B"),
        ("A\tB", "A B"),
        ("A\nB", "A B"),
        ("A\rB", "A B"),
        ("A\x0bB", "A B"),
        ("A\x0cB", "A B"),
        ("A\u00a0B", "A B"),  # no-break space (C2 A0)
        ("A\u2007B", "A B"),  # figure space (E2 80 87)
        ("A\u202fB", "A B"),  # narrow no-break space
        ("A\u3000B", "A B"),  # ideographic space (E3 80 80)
        # ends trimmed; a single inner space kept
        (" Lê Văn A ", "Lê Văn A"),
        ("Lê Văn A", "Lê Văn A"),
        # Excel's text mark: a leading apostrophe, with the spaces after it
        ("'0123456", "0123456"),
        ("'  0123456", "0123456"),
        ("O'Neil", "O'Neil"),
        ("", ""),
    ],
)
def test_each_character_is_cleaned_alone(cell: str, expected: str) -> None:
    assert cleaned(cell) == [expected]
    assert cleaned(cell, None) == [expected, None]  # a missing cell stays missing


def test_an_absent_column_stays_missing() -> None:
    found = clean_strings(pd.Series([np.nan, None], index=[4, 7], dtype=object))
    assert found.index.tolist() == [4, 7]
    assert found.isna().tolist() == [True, True]
    assert str(found.dtype) == "string"


def test_a_column_keeps_its_index_and_cleans_every_row() -> None:
    column = pd.Series(["  Ánh ", "B\u200bình", "'012"], index=[10, 11, 12], dtype=object)
    found = clean_strings(column)
    assert found.index.tolist() == [10, 11, 12]
    assert found.tolist() == ["Ánh", "Bình", "012"]


# every character Python takes for a space, once control characters are gone (a list
# written out, not derived): the scalar ``text.clean_text`` and this column version agree
SPACES = (
    "\t\n\x0b\x0c\r \u00a0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)


@pytest.mark.parametrize("space", list(SPACES), ids=[f"U+{ord(c):04X}" for c in SPACES])
def test_every_kind_of_space_is_one_plain_space(space: str) -> None:
    assert cleaned(f"Lê{space}{space}Văn{space}A{space}") == ["Lê Văn A"]
    assert clean_text(f"Lê{space}{space}Văn{space}A{space}") == "Lê Văn A"


def test_letters_that_share_a_space_s_lead_byte_stay() -> None:
    # Vietnamese letters (E1 BA/BB …) share the ogham space's lead byte E1
    assert cleaned("Nguyễn Thị Ánh", "Ogham\u1680mark") == ["Nguyễn Thị Ánh", "Ogham mark"]
