"""Person identity: when two rows name the same person (the one home of the rule).

The same person is:

1. the same record number, citizen ID or party card number (``IDENTIFIERS``; an empty cell
   names no one);
2. else the same name — cleaned, case and spaces aside (``normalize.name_keys``) — and the
   same full birth date;
3. with a birth year only, the same name and birth year *and* the same admission date; the
   same name and year with other admission dates may be two people (``checks`` warns and
   keeps both).

``checks`` uses it to find the later rows of a person already seen (duplicates);
``candidacy`` to find a candidate among the admitted. Keys are integers so that a million
rows cost a hash of integers, not of strings; -1 is a row that has no such key.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dvstat import schema
from dvstat.normalize import YEAR_ONLY, person_codes

IDENTIFIERS = (schema.RECORD_NO, schema.CITIZEN_ID, schema.CARD_NO)

# A key joins a person number with a day or a year: number * SPAN + (value + OFFSET), the
# offset making every value a roster holds (1900 to 2100) a number from 0 to SPAN - 1, so
# that different pairs never share a key and a present key is never negative (-1 is none).
_DAY_SPAN, _DAY_OFFSET = 1 << 24, 1 << 22  # days since 1970 are within ±4 million
_YEAR_SPAN, _YEAR_OFFSET = 4096, 2048  # years since 1970
_ADMISSION_SPAN, _ADMISSION_OFFSET = 1 << 20, 1 << 19  # an admission day joined to a year key


def identity_keys(frame: pd.DataFrame, name_codes: np.ndarray | None = None) -> list[np.ndarray]:
    """Per way of being the same person (name and full birth date, then each identifier),
    an int64 key per row, -1 where the row has none. ``name_codes`` are person numbers
    (``normalize.person_codes``) comparable over all rows compared; default the frame's
    own (``schema.PERSON_CODE``)."""
    names = frame[schema.PERSON_CODE].to_numpy() if name_codes is None else name_codes
    keys = [name_birth_key(frame, names)]
    for column in IDENTIFIERS:
        keys.append(identifier_codes(frame, column))
    return keys


def name_birth_key(frame: pd.DataFrame, name_codes: np.ndarray) -> np.ndarray:
    """Name and full birth date as one integer; -1 without a name or a full birth date."""
    birth = frame[schema.BIRTH_DATE].to_numpy()
    days = birth.astype("datetime64[D]").astype(np.int64)
    codes = np.asarray(name_codes, dtype=np.int64)
    keys = codes * _DAY_SPAN + (days + _DAY_OFFSET)
    full = (codes >= 0) & ~np.isnat(birth) & ~year_only(frame)
    return np.where(full, keys, -1)


def name_year_key(frame: pd.DataFrame, name_codes: np.ndarray) -> np.ndarray:
    """Name and birth year as one integer (rows with a birth year only are compared so);
    -1 without a name or a birth date."""
    birth = frame[schema.BIRTH_DATE].to_numpy()
    years = birth.astype("datetime64[Y]").astype(np.int64)  # years since 1970
    codes = np.asarray(name_codes, dtype=np.int64)
    keys = codes * _YEAR_SPAN + (years + _YEAR_OFFSET)
    return np.where((codes >= 0) & ~np.isnat(birth), keys, -1)


def with_admission_day(name_year: np.ndarray, admitted: np.ndarray) -> np.ndarray:
    """A name-and-year key joined with the admission date; -1 where either is missing."""
    days = admitted.astype("datetime64[D]").astype(np.int64)
    keys = name_year * _ADMISSION_SPAN + (days + _ADMISSION_OFFSET)
    return np.where((name_year >= 0) & ~np.isnat(admitted), keys, -1)


def year_only(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose birth date is a year only (``normalize`` marks them)."""
    status = f"{schema.BIRTH_DATE}_status"
    if status not in frame:
        return np.zeros(len(frame), dtype=bool)
    return np.asarray(frame[status].to_numpy() == YEAR_ONLY, dtype=bool)


def identifier_codes(frame: pd.DataFrame, column: str) -> np.ndarray:
    """One integer per distinct value of an identifier column; -1 where it is empty or
    the frame has no such column."""
    if column not in frame:
        return np.full(len(frame), -1, dtype=np.int64)
    codes, values = pd.factorize(frame[column], use_na_sentinel=True)
    empty = np.flatnonzero(pd.Index(values) == "")  # the distinct values hold no NaN
    if len(empty):
        codes = np.where(codes == empty[0], -1, codes)
    return np.asarray(codes, dtype=np.int64)


def matching_keys(left: pd.DataFrame, right: pd.DataFrame) -> list[tuple[np.ndarray, np.ndarray]]:
    """The ``identity_keys`` of two frames, numbered together so that equal keys mean the
    same person across them: per way of being the same, (left keys, right keys). Columns
    of categories whose categories differ concatenate as plain values."""
    wanted = (schema.FULL_NAME, schema.BIRTH_DATE, f"{schema.BIRTH_DATE}_status", *IDENTIFIERS)
    shared = [c for c in wanted if c in left and c in right]
    both = pd.concat([left[shared], right[shared]], ignore_index=True)
    keys = identity_keys(both, person_codes(both[schema.FULL_NAME]))
    cut = len(left)
    return [(k[:cut], k[cut:]) for k in keys]
