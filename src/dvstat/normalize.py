"""Raw roster values -> the canonical frame every later step counts (docs/layouts.md).

Each distinct raw value is interpreted once (``pd.factorize`` then a lookup), and the
answers are spread back over the rows with numpy ``take``: a national roster has a million
rows but only thousands of distinct dates and a few hundred spellings of ethnic groups.
The raw text of every interpreted field is kept beside its code so that ``validate`` can
quote the value it could not read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from dvstat import schema
from dvstat.dates import full_months
from dvstat.formatting import dmy
from dvstat.party_rules import ADULT_MONTHS, BADGE_YEARS, DISCIPLINE_WORDS, FOUNDING_YEAR
from dvstat.schema import Vocabulary
from dvstat.text import MAX_CELL_CHARS, cell_text, clean_text, clip, fold, fold_phrase
from dvstat.unit_words import is_branch_name

EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*)?$")
_WORDS_DATE = re.compile(r"ngay\s*(\d{1,2})\D+thang\s*(\d{1,2})\D+nam\s*(\d{4})")
_YEAR = re.compile(r"^(\d{4})$")
# dd/mm/yy: the century is chosen per field once the row's other dates are known
_DMY_SHORT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2})$")
_SERIAL = re.compile(r"^(\d{4,5})(?:\.0+)?$")
_GRADE = re.compile(r"(\d{1,2})\s*/\s*(10|12)(?!\d)")
_BARE_GRADE = re.compile(r"^(?:lop\s*)?(\d{1,2})$")
_SEPARATORS = re.compile(r"\s*(?:[,;+&]|\svà\s)\s*", re.IGNORECASE)

_MALE = {"nam", "male", "m", "trai"}
_FEMALE = {"nu", "female", "f", "gai"}
_YES = {"x", "co", "1", "dv", "doanvien", "yes", "y", "true", "v", "dung", "da"}
_NO = {"khong", "0", "no", "n", "false", "k", "ko", "chua"}

# Date status codes kept per row.
ABSENT, EMPTY, OK, YEAR_ONLY, BAD = "absent", "empty", "ok", "year", "bad"
# parse_date's answer for dd/mm/yy: a date in 20yy, its century still to be chosen (the
# frame keeps OK and a '{field}_yy' flag)
TWO_DIGIT = "yy"


# Complex by design: one branch per accepted way of writing a date.
def parse_date(value: Any, allow_year: bool = False) -> tuple[date | None, str]:  # noqa: C901
    """A cell as a date, with its status (ok, year, empty, absent, bad). Never mm/dd.

    Accepts real dates, Excel serial numbers (1900 system), and text as dd/mm/yyyy,
    d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd; a bare year only where ``allow_year``
    (birth dates), then read as 1 July of that year.
    """
    if isinstance(value, datetime):
        return value.date(), OK
    if isinstance(value, date):
        return value, OK
    if isinstance(value, bool):
        return None, BAD
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return None, ABSENT
        return _from_number(float(value), allow_year)
    text = cell_text(value)
    if text is None:
        return None, ABSENT
    if not text:
        return None, EMPTY
    if len(text) > MAX_CELL_CHARS:
        return None, BAD
    try:
        if m := _DMY.match(text):
            return date(int(m[3]), int(m[2]), int(m[1])), OK
        if m := _YMD.match(text):
            return date(int(m[1]), int(m[2]), int(m[3])), OK
        if m := _WORDS_DATE.search(fold_phrase(text)):
            return date(int(m[3]), int(m[2]), int(m[1])), OK
        if m := _DMY_SHORT.match(text):
            return date(2000 + int(m[3]), int(m[2]), int(m[1])), TWO_DIGIT
    except ValueError:
        return None, BAD
    if (m := _YEAR.match(text)) and allow_year:
        return _from_number(float(m[1]), allow_year)
    if m := _SERIAL.match(text):
        number = float(m[1])
        if number > 2100:
            return _from_number(number, allow_year)
    return None, BAD


def _from_number(number: float, allow_year: bool) -> tuple[date | None, str]:
    if allow_year and number.is_integer() and 1900 <= number <= 2100:
        return date(int(number), 7, 1), YEAR_ONLY
    if 1 <= number < 2958466:
        return EXCEL_EPOCH + timedelta(days=int(number)), OK
    return None, BAD


# --- spreading per-unique answers over rows -----------------------------------------------
def _per_unique(column: pd.Series, func: Callable[[Any], Any]) -> tuple[np.ndarray, list[Any]]:
    """Factorize a column and apply ``func`` to each distinct value (NaN code is -1)."""
    codes, uniques = _factorize(column)
    return codes, [func(u) for u in uniques]


def _factorize(column: pd.Series) -> tuple[np.ndarray, Any]:
    """``pd.factorize`` (distinct values in the order met, -1 for NaN), from the category
    codes where the reader kept the column as categories: integers instead of text."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return pd.factorize(column, use_na_sentinel=True)
    codes, order = pd.factorize(np.asarray(column.cat.codes), use_na_sentinel=False)
    missing = np.flatnonzero(order == -1)
    if len(missing):
        gap = int(missing[0])
        codes = np.where(codes == gap, -1, np.where(codes > gap, codes - 1, codes))
        order = np.delete(order, gap)
    uniques = np.asarray(column.cat.categories.astype(object))[order]
    return codes, uniques


def _positions(codes: np.ndarray, count: int) -> np.ndarray:
    """Row -> index into ``answers + [missing]`` (the missing answer sits at ``count``)."""
    return np.asarray(np.where(codes < 0, count, codes), dtype=np.int64)


def categorical_from_codes(codes: np.ndarray, categories: list[str]) -> pd.Categorical:
    """``pd.Categorical.from_codes`` with one place for its loose typing in pandas-stubs."""
    return pd.Categorical.from_codes(codes, categories=categories)  # type: ignore[call-overload,no-any-return]


def _spread(codes: np.ndarray, answers: list[Any], missing: Any) -> np.ndarray:
    lookup = np.empty(len(answers) + 1, dtype=object)
    lookup[: len(answers)] = answers
    lookup[len(answers)] = missing
    return np.asarray(lookup[_positions(codes, len(answers))])


def _spread_bool(codes: np.ndarray, answers: list[bool], missing: bool) -> np.ndarray:
    lookup = np.array([*answers, missing], dtype=bool)
    return np.asarray(lookup[_positions(codes, len(answers))], dtype=bool)


def _spread_category(
    codes: np.ndarray,
    answers: list[Any],
    missing: Any,
    categories: tuple[str, ...] | list[str] | None = None,
) -> pd.Categorical:
    """A categorical built from per-unique answers without touching each row in Python."""
    full = [*answers, missing]
    if categories is None:
        answer_codes, found = pd.factorize(pd.Series(full, dtype=object), use_na_sentinel=True)
        categories = list(found)
    else:
        index = {c: i for i, c in enumerate(categories)}
        answer_codes = np.array([index.get(a, -1) for a in full], dtype=np.int64)
    return categorical_from_codes(answer_codes[_positions(codes, len(answers))], list(categories))


# --- vectorized text for columns where almost every value differs (names, numbers) ------
_ZERO_WIDTH_RE2 = "[\\x{200B}\\x{200C}\\x{200D}\\x{2060}\\x{FEFF}\\x{00AD}]"
# UTF-8 byte patterns whose absence lets a regex pass be skipped. Vietnamese letters use the
# lead bytes C3-C6 and E1; these (E2, E3, EF, C2 A0/AD, CC, CD) hardly ever occur in names.
_ZERO_WIDTH_BYTES = (b"\xe2", b"\xef", b"\xc2\xad")
# every character Python's ``\s`` takes for a space (``text.clean_text``), controls aside;
# RE2's own ``\s`` is only ASCII and misses the vertical tab
_SPACES_RE2 = (
    "[\\t-\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}]+"
)
_CONTROL_RE2 = "[\\x{00}-\\x{08}\\x{0E}-\\x{1F}\\x{7F}-\\x{9F}\\x{FFFE}\\x{FFFF}]"
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]")
_ODD_SPACE_BYTES = (
    b"  ",
    b"\t",
    b"\n",
    b"\r",
    b"\x0b",
    b"\x0c",
    b"\xc2\xa0",
    b"\xe1\x9a\x80",  # ogham space mark; E1 alone leads most Vietnamese letters
    b"\xe2",
    b"\xe3\x80\x80",
)


def _buffer(values: Any) -> bytes:
    data = values.buffers()[2]
    return b"" if data is None else memoryview(data).tobytes()


def _contains_any(buffer: bytes, needles: tuple[bytes, ...]) -> bool:
    """Whether the Arrow data buffer holds any needle (a memchr-speed scan).

    Lets the vectorized cleaning skip a regex pass over a million names when, as usual,
    no name has the character it removes. A needle may be only a lead byte: a false alarm
    costs one unneeded pass, never a wrong result.
    """
    return any(needle in buffer for needle in needles)


_COMBINING = (b"\xcc", b"\xcd")  # U+0300-U+036F: only NFD text carries combining marks


def clean_strings(column: pd.Series) -> pd.Series:
    """``text.clean_text`` over a whole column in Arrow (NA stays NA: an absent column)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if column.isna().all():
        return pd.Series(pd.NA, index=column.index, dtype="string[pyarrow]")
    values = pa.array(column.astype("string[pyarrow]").array)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    buffer = _buffer(values)
    if _contains_any(buffer, _ZERO_WIDTH_BYTES):
        values = pc.replace_substring_regex(values, _ZERO_WIDTH_RE2, "")
        buffer = _buffer(values)
    if _CONTROL_BYTES.search(buffer):
        values = pc.replace_substring_regex(values, _CONTROL_RE2, "")
        buffer = _buffer(values)
    if _contains_any(buffer, _COMBINING):  # NFD text: only it carries combining marks
        values = pc.utf8_normalize(values, "NFC")
        buffer = _buffer(values)
    if _contains_any(buffer, _ODD_SPACE_BYTES):
        values = pc.replace_substring_regex(values, _SPACES_RE2, " ")
    values = pc.utf8_trim_whitespace(values)
    if _contains_any(buffer, (b"'",)):
        values = pc.replace_substring_regex(values, "^'\\s*", "")
    return pd.Series(pd.array(values, dtype="string[pyarrow]"), index=column.index)


def name_keys(names: pd.Series) -> pd.Series:
    """The key that says two rows name the same person: the cleaned name, case and spaces
    ignored. Accents are kept: 'Hà Văn An' and 'Hạ Văn An' are two people."""
    import pyarrow as pa

    values = _name_keys_arrow(pa.array(names.astype("string[pyarrow]").array))
    return pd.Series(pd.array(values, dtype="string[pyarrow]"), index=names.index).fillna("")


def _name_keys_arrow(values: Any) -> Any:
    """``name_keys`` on an Arrow array (the one home of the rule)."""
    import pyarrow.compute as pc

    return pc.replace_substring(pc.utf8_lower(values), " ", "")


def _compact_column(raw: pd.DataFrame, name: str) -> pd.Series:
    """A raw column as the reader keeps it (categories), for what only looks at its
    distinct values (``_factorize``); all-missing when absent."""
    if name in raw:
        return raw[name]
    return pd.Series(np.full(len(raw), np.nan, dtype=object), index=raw.index)


def _values(column: pd.Series) -> pd.Series:
    """A column with categories turned back into the values read."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.astype(object)
    return column


def _column(raw: pd.DataFrame, name: str) -> pd.Series:
    """A raw column as it was read, or all-missing (NaN: 'this sheet has no such column')
    when absent. The reader keeps text in categories (``readers.rosters.compact_rows``):
    one column at a time is turned back into the values, and dropped when interpreted."""
    if name in raw:
        column = raw[name]
        if not isinstance(column.dtype, pd.CategoricalDtype):
            return column
        if len(column.cat.categories):
            return column.astype(object)
    return pd.Series(np.full(len(raw), np.nan, dtype=object), index=raw.index)


# --- field interpreters (applied to distinct values) ----------------------------------------
def match_vocabulary(vocab: Vocabulary, text: str) -> str | None:
    """The code of ``text``; several values ('ĐH, ThS') give the highest-ranked one."""
    parts = [p for p in _SEPARATORS.split(clean_text(text)) if p]
    if len(parts) > 1:
        ranks = {c: i for i, c in enumerate(vocab.codes)}
        matched = [c for c in (vocab.match(p) for p in parts) if c is not None]
        if matched:
            return max(matched, key=ranks.__getitem__)
    return vocab.match(text)


def education_code(vocab: Vocabulary, text: str) -> str | None:
    """General education from 'N/12', 'N/10', a bare grade, or the vocabulary words."""
    lowered = fold_phrase(text)
    grade_match = _GRADE.search(clean_text(text))
    if grade_match:
        grade, system = int(grade_match[1]), int(grade_match[2])
    elif bare := _BARE_GRADE.match(lowered):
        grade, system = int(bare[1]), 12
    else:
        return match_vocabulary(vocab, text)
    if grade < 1 or grade > system:
        return None
    if grade == system:
        return "upper_secondary"
    if (system == 12 and grade >= 9) or (system == 10 and grade >= 7):
        return "lower_secondary"
    return "primary"


def _gender_of(value: Any) -> tuple[str, str, bool]:
    """(code, text, unmatched) of a gender cell."""
    text = cell_text(value)
    if not text:
        return "unknown", text or "", False
    if len(text) > MAX_CELL_CHARS:
        return "unknown", text, True
    key = fold(text)
    if key in _MALE:
        return "male", text, False
    if key in _FEMALE:
        return "female", text, False
    return "unknown", text, True


def _youth_of(value: Any) -> tuple[str, str, bool]:
    text = cell_text(value)
    if text is None:
        return "unknown", "", False
    if text == "":
        return "no", "", False  # the column is there and the cell is empty: not a member
    if len(text) > MAX_CELL_CHARS:
        return "unknown", text, True
    key = fold(text)
    if key in _YES or parse_date(value)[1] == OK:
        return "yes", text, False
    if key in _NO:
        return "no", text, False
    return "unknown", text, True


def _readmitted_of(value: Any) -> str:
    text = cell_text(value)
    if not text or fold(text) in _NO:
        return "no"
    return "yes"


# --- the step ---------------------------------------------------------------------------
def normalize_roster(
    raw: pd.DataFrame, vocabularies: Mapping[str, Vocabulary] | None = None
) -> pd.DataFrame:
    """Canonical frame: codes for every breakdown, dates, age at admission, units, provenance.

    For each interpreted field ``f`` it also holds ``f_text`` (the cleaned written value) and,
    where a value can be unreadable, ``f_bad`` / ``f_status`` for ``validate``.
    """
    vocabs = dict(vocabularies or {})
    for name in schema.VOCABULARY_FIELDS:
        vocabs.setdefault(name, schema.load_vocabulary(name))
    # Names and identifiers, almost all distinct, are cleaned in Arrow (which releases the
    # GIL) on a second thread while the fields below are interpreted on this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        texts = pool.submit(_clean_identities, raw)
        out = _interpret_fields(raw, vocabs)
        (names, keys), identifiers = texts.result()
    resolve_centuries(out)
    out.insert(4, schema.FULL_NAME, names)
    out.insert(5, schema.PERSON_CODE, keys)
    for name, values in identifiers.items():
        out[name] = values
    _derive(out)
    return out


def _clean_identities(
    raw: pd.DataFrame,
) -> tuple[tuple[pd.Series, np.ndarray], dict[str, pd.Series]]:
    """Cleaned names with the integer that says who is the same person (-1: no name), and
    cleaned record, card and citizen-id numbers."""
    names = clean_strings(_column(raw, schema.FULL_NAME))
    codes = person_codes(names)
    identifiers = {name: clean_strings(_column(raw, name)) for name in schema.ID_FIELDS}
    identifiers[schema.CITIZEN_ID] = pad_citizen_ids(identifiers[schema.CITIZEN_ID])
    return (names, codes), identifiers


def person_codes(names: pd.Series) -> np.ndarray:
    """One integer per distinct ``name_keys`` key, in order of first appearance (as
    ``pd.factorize`` numbers them), -1 for no name; worked out in Arrow, so five million
    names never become Python strings."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keys = pc.fill_null(_name_keys_arrow(pa.array(names.astype("string[pyarrow]").array)), "")
    encoded = pc.dictionary_encode(keys)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes: np.ndarray = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    empty = pc.index(encoded.dictionary, pa.scalar("", encoded.dictionary.type)).as_py()
    if empty >= 0:
        codes[codes == empty] = -1
    return codes


def pad_citizen_ids(ids: pd.Series) -> pd.Series:
    """Citizen IDs stored as numbers lose their leading zeros (001095012345 -> 1095012345):
    10 or 11 digits are padded back to the 12 of a CCCD. A 9-digit old CMND is left as is
    (no province code starts 000, so a 9-digit value is never a CCCD)."""
    short = ids.str.fullmatch(r"[0-9]{10,11}").fillna(False).astype(bool)
    if not short.any():
        return ids
    return ids.where(~short, ids.str.zfill(12))


def _interpret_fields(raw: pd.DataFrame, vocabs: Mapping[str, Vocabulary]) -> pd.DataFrame:
    """Provenance, dates, codes and units: every field but names and identifiers."""
    out = pd.DataFrame(index=raw.index)
    for col in (schema.SRC_FILE, schema.SRC_SHEET, schema.SRC_UNIT, schema.ORG_SOURCE):
        out[col] = _provenance(_compact_column(raw, col))
    out[schema.SRC_ROW] = _column(raw, schema.SRC_ROW).astype("int64")

    _normalize_gender_and_birth(out, raw)
    for name in (
        schema.ADMISSION_DATE,
        schema.OFFICIAL_DATE,
        schema.LEAVE_DATE,
        schema.TRANSFER_IN_DATE,
    ):
        _date_field(out, _compact_column(raw, name), name)
    # candidate rosters and badge columns only: absent columns cost nothing
    for name in (*schema.PIPELINE_DATES, *schema.BADGE_DATES):
        if name in raw and raw[name].notna().any():
            _date_field(out, _compact_column(raw, name), name)
    _badge_fields(out, raw)
    _form_fields(out, raw)
    _leave_reason(out, raw)
    if schema.STATUS in raw or schema.NOTES in raw:
        _candidate_status(out, raw)

    for name in schema.VOCABULARY_FIELDS:
        vocab = vocabs[name]
        matcher: Callable[[str], str | None]
        if name == schema.GENERAL_EDUCATION:

            def matcher(text: str, vocab: Vocabulary = vocab) -> str | None:
                return education_code(vocab, text)
        else:

            def matcher(text: str, vocab: Vocabulary = vocab) -> str | None:
                return match_vocabulary(vocab, text)

        _vocabulary_field(out, _compact_column(raw, name), name, vocab, matcher)

    codes, youth = _per_unique(_compact_column(raw, schema.YOUTH_UNION), _youth_of)
    _spread_triple(
        out,
        schema.YOUTH_UNION,
        codes,
        youth,
        ("unknown", "", False),
        schema.breakdown_categories("youth_union"),
    )
    codes, readmitted = _per_unique(_compact_column(raw, schema.READMITTED), _readmitted_of)
    flagged = _spread_bool(codes, [r == "yes" for r in readmitted], False)
    codes, noted = _per_unique(
        _compact_column(raw, schema.NOTES), lambda v: "ketnaplai" in fold(cell_text(v) or "")
    )
    flagged |= _spread_bool(codes, noted, False)
    out[schema.READMITTED] = categorical_from_codes(np.where(flagged, 0, 1), ["yes", "no"])

    _normalize_units(out, raw)
    return out


def _provenance(column: pd.Series) -> pd.Categorical:
    """Where rows come from, as categories of text in sorted order whichever reader gave
    the names (one dtype, cached as is); from the codes where the reader kept categories."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        source = column.cat.remove_unused_categories().array
        order = np.argsort(np.asarray(source.categories.astype(str), dtype=object))
        source = source.reorder_categories(source.categories[order])
    else:
        source = pd.Categorical(column)
    return categorical_from_codes(np.asarray(source.codes), [str(c) for c in source.categories])


def _leave_reason(out: pd.DataFrame, raw: pd.DataFrame) -> None:
    """Why a member left the list, from the reason column where it says something, else
    from the status column ('active' when either says the member is on the list;
    'unknown' with ``leave_reason_bad`` when neither is understood)."""
    vocab = schema.load_vocabulary(schema.LEAVE_REASON)

    def interpret(value: Any) -> tuple[str, str, bool]:
        text = cell_text(value)
        if not text:
            return "", "", False
        if len(text) > MAX_CELL_CHARS:
            return "unknown", clip(text), True
        code = match_vocabulary(vocab, text)
        return (code, text, False) if code else ("unknown", text, True)

    # Worked on the distinct answers and integer positions (never a text per row): a
    # roster of millions of members has a handful of distinct reasons.
    codes, reasons = _per_unique(_compact_column(raw, schema.LEAVE_REASON), interpret)
    at_reason = _positions(codes, len(reasons))
    codes, statuses = _per_unique(_compact_column(raw, schema.STATUS), interpret)
    at_status = _positions(codes, len(statuses))
    reasons.append(("", "", False))  # the answer of a missing cell, at the end
    statuses.append(("", "", False))
    given = np.array([a[0] != "" for a in reasons])[at_reason]
    index = {code: i for i, code in enumerate(vocab.codes)}
    reason_code = np.array([index.get(a[0], -1) for a in reasons], dtype=np.int64)
    status_code = np.array(
        [index.get(a[0], -1) if a[0] else index.get("active", -1) for a in statuses],
        dtype=np.int64,
    )
    chosen = np.where(given, reason_code[at_reason], status_code[at_status])
    out[schema.LEAVE_REASON] = categorical_from_codes(chosen, list(vocab.codes))
    texts = [a[1] for a in reasons] + [a[1] for a in statuses]
    which = np.where(given, at_reason, len(reasons) + at_status)
    seen = np.unique(which)  # the texts rows hold, as categories in sorted order
    shown = sorted({texts[i] for i in seen})
    text_code = np.array([shown.index(t) if t in shown else -1 for t in texts], dtype=np.int64)
    out[f"{schema.LEAVE_REASON}_text"] = categorical_from_codes(text_code[which], shown)
    bad = np.array([a[2] for a in reasons] + [a[2] for a in statuses], dtype=bool)
    out[f"{schema.LEAVE_REASON}_bad"] = bad[which]


def held_badge(value: Any) -> tuple[int, str]:
    """The highest badge a cell says was awarded ('30 năm; 40 năm', '40', 'HH 45 năm'), in
    years, with the cell's status: (0, EMPTY) for nothing, (0, BAD) for text that names no
    badge ('Có', '35 năm')."""
    text = cell_text(value)
    if text is None:
        return 0, ABSENT
    if not text:
        return 0, EMPTY
    if len(text) > MAX_CELL_CHARS:
        return 0, BAD
    years = [int(n) for n in re.findall(r"[0-9]+", text) if int(n) in BADGE_YEARS]
    if not years:
        return (0, OK) if fold(text) in _NO_BADGE else (0, BAD)
    return max(years), OK


_NO_BADGE = {"khong", "chua", "chuanhan", "chuaco", "0", "-"}
# What a status or note says about a badge proposal (folded words).
BADGE_MARKS: dict[str, tuple[str, ...]] = {
    "posthumous": ("truytang",),
    "ill": ("omnang", "benhnang", "omdaunang", "benhhiemngheo"),
}


def _badge_mark(value: Any) -> str:
    text = cell_text(value)
    if not text or len(text) > MAX_CELL_CHARS:
        return ""
    folded = fold(text)
    for mark, words in BADGE_MARKS.items():
        if any(word in folded for word in words):
            return mark
    return ""


def _discipline_of(value: Any) -> str:
    text = cell_text(value)
    if not text or len(text) > MAX_CELL_CHARS:
        return ""
    folded = fold(text)
    for code, words in DISCIPLINE_WORDS.items():
        if any(word in folded for word in words):
            return code
    return "other" if folded not in _NO_BADGE else ""


def _months_of(value: Any) -> float:
    text = cell_text(value)
    if not text:
        return np.nan
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return -1.0  # unreadable: reported by dvstat badges
    return number if 0 <= number <= 1200 else -1.0


def _flag_of(value: Any) -> str:
    """A yes/no mark of the forms' columns: 'x', 'có', a date -> yes; empty, 'không' -> no."""
    text = cell_text(value)
    if not text:
        return "no"
    key = fold(text)
    if key in _NO:
        return "no"
    if key in _YES or parse_date(value)[1] == OK:
        return "yes"
    return "unknown"


def _academic_title_of(value: Any) -> str:
    """'PGS', 'Phó Giáo sư', 'PGS.TS' -> associate_professor; 'GS', 'Giáo sư' -> professor."""
    key = fold(cell_text(value) or "")
    if not key or key in _NO:
        return "none"
    if key.startswith(("pgs", "phogiaosu", "phogs")):
        return "associate_professor"
    if key.startswith(("gs", "giaosu")):
        return "professor"
    return "unknown"


def _form_fields(out: pd.DataFrame, raw: pd.DataFrame) -> None:
    """The columns only the official forms read: 'unknown' for every row where the roster
    has no such column (the form's row is then left for hand entry, never counted 0)."""
    fields: list[tuple[str, Callable[[Any], str], tuple[str, ...]]] = [
        (name, _flag_of, ("yes", "no", "unknown")) for name in schema.FORM_FLAGS
    ]
    fields.append(
        (
            schema.ACADEMIC_TITLE,
            _academic_title_of,
            ("associate_professor", "professor", "none", "unknown"),
        )
    )
    for name, reading, categories in fields:
        if name in raw and raw[name].notna().any():
            codes, answers = _per_unique(_compact_column(raw, name), reading)
            out[name] = _spread_category(codes, answers, categories[-2], categories)
        else:
            out[name] = categorical_from_codes(
                np.full(len(out), len(categories) - 1), list(categories)
            )


def _quoted_texts(codes: np.ndarray, uniques: Any) -> pd.Categorical:
    """Each row's cell as written (cut at the cell limit), for the issues that quote it."""
    return _spread_category(codes, [clip(cell_text(u) or "") for u in uniques], "")


def _badge_fields(out: pd.DataFrame, raw: pd.DataFrame) -> None:
    """The columns only ``dvstat badges`` reads, where the roster has them: the badge held,
    the months out of party life or counted from before a re-admission, the measure in
    force, the birthplace, and what the notes say (very ill, posthumous)."""
    if schema.BADGE_HELD in raw and raw[schema.BADGE_HELD].notna().any():
        codes, uniques = _factorize(_compact_column(raw, schema.BADGE_HELD))
        answers = [held_badge(u) for u in uniques]
        out[schema.BADGE_HELD] = _spread(codes, [a[0] for a in answers], 0).astype("int16")
        out[f"{schema.BADGE_HELD}_status"] = _spread_category(
            codes, [a[1] for a in answers], ABSENT, (ABSENT, EMPTY, OK, YEAR_ONLY, BAD)
        )
        out[f"{schema.BADGE_HELD}_text"] = _quoted_texts(codes, uniques)
    for name in schema.BADGE_NUMBERS:
        if name in raw and raw[name].notna().any():
            codes, uniques = _factorize(_compact_column(raw, name))
            out[name] = _spread(codes, [_months_of(u) for u in uniques], np.nan).astype("float64")
            out[f"{name}_text"] = _quoted_texts(codes, uniques)  # quoted by issues
    if schema.DISCIPLINE in raw and raw[schema.DISCIPLINE].notna().any():
        codes, uniques = _factorize(_compact_column(raw, schema.DISCIPLINE))
        out[schema.DISCIPLINE] = _spread_category(codes, [_discipline_of(u) for u in uniques], "")
        out[f"{schema.DISCIPLINE}_text"] = _quoted_texts(codes, uniques)  # quoted by issues
    if schema.BIRTHPLACE in raw and raw[schema.BIRTHPLACE].notna().any():
        out[schema.BIRTHPLACE] = clean_strings(_column(raw, schema.BIRTHPLACE))
    if schema.STATUS in raw or schema.NOTES in raw:
        marks = np.full(len(raw), "", dtype=object)
        for name in (schema.NOTES, schema.STATUS):
            codes, found = _per_unique(_compact_column(raw, name), _badge_mark)
            spread = _spread(codes, found, "")
            marks = np.where(marks == "", spread, marks)
        out["badge_mark"] = pd.Categorical(marks, categories=["", "ill", "posthumous"])


def _candidate_status(out: pd.DataFrame, raw: pd.DataFrame) -> None:
    """Where a candidate stands by the status column, else the notes: 'active', 'admitted'
    (even without a date), 'dropped', or '' where neither says (the dates decide)."""
    vocab = schema.load_vocabulary("candidate_status")
    status = _column(raw, schema.STATUS)
    notes = _column(raw, schema.NOTES)
    column = status.where(_filled_mask(status), notes)

    def interpret(value: Any) -> str:
        text = cell_text(value)
        if not text or len(text) > MAX_CELL_CHARS:
            return ""
        return match_vocabulary(vocab, text) or ""

    codes, answers = _per_unique(column, interpret)
    out["candidate_status"] = _spread_category(codes, answers, "")


def dates_of(frame: pd.DataFrame, name: str) -> pd.Series:
    """A date column of the frame, all NaT where the rosters had no such column."""
    if name in frame:
        found: pd.Series = frame[name]
        return found
    return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[s]")


def _spread_triple(
    out: pd.DataFrame,
    name: str,
    codes: np.ndarray,
    answers: list[tuple[str, str, bool]],
    missing: tuple[str, str, bool],
    categories: tuple[schema.Category, ...],
) -> None:
    """A field's code, its written text (cut for quoting) and whether it was unreadable;
    ``{name}_long`` marks a value too long to be one (reported as such, never matched)."""
    out[name] = _spread_category(
        codes, [a[0] for a in answers], missing[0], tuple(c.code for c in categories)
    )
    out[f"{name}_text"] = _spread_category(codes, [clip(a[1]) for a in answers], missing[1])
    out[f"{name}_bad"] = _spread_bool(codes, [a[2] for a in answers], missing[2])
    out[f"{name}_long"] = _spread_bool(codes, [len(a[1]) > MAX_CELL_CHARS for a in answers], False)


def _vocabulary_field(
    out: pd.DataFrame,
    column: pd.Series,
    name: str,
    vocab: Vocabulary,
    matcher: Callable[[str], str | None],
) -> None:
    def interpret(value: Any) -> tuple[str, str, bool]:
        text = cell_text(value)
        if not text:
            return "unknown", text or "", False
        if len(text) > MAX_CELL_CHARS:
            return vocab.unmatched, text, True
        code = matcher(text)
        return (code, text, False) if code else (vocab.unmatched, text, True)

    codes, answers = _per_unique(column, interpret)
    _spread_triple(out, name, codes, answers, ("unknown", "", False), vocab.categories)
    out[f"{name}_absent"] = _spread_bool(codes, [False] * len(answers), True)


def _date_field(out: pd.DataFrame, column: pd.Series, name: str, allow_year: bool = False) -> None:
    """Dates of one field, parsed once per distinct value."""
    codes, uniques = _factorize(column)
    dates, statuses, shown = parse_distinct_dates(uniques, allow_year)
    lookup = np.append(dates, np.datetime64("NaT", "s"))
    out[name] = pd.Series(lookup[_positions(codes, len(dates))], index=out.index)
    short = [status == TWO_DIGIT for status in statuses]
    if any(short):
        out[f"{name}_yy"] = _spread_bool(codes, short, False)
        statuses = [OK if status == TWO_DIGIT else status for status in statuses]
    out[f"{name}_status"] = _spread_category(
        codes, statuses, ABSENT, (ABSENT, EMPTY, OK, YEAR_ONLY, BAD)
    )
    out[f"{name}_text"] = _spread_category(codes, [clip(t) for t in shown], "")


# Real date cells as the readers give them, and dd/mm/yyyy typed plainly (no spaces): nearly
# every date of a roster. ASCII digits only; anything else goes through ``parse_date``.
_ISO_PARTS = r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2}) 00:00:00$"
_PLAIN_DMY_PARTS = r"^(?P<d>[0-9]{1,2})[/.\-](?P<m>[0-9]{1,2})[/.\-](?P<y>[0-9]{4})$"


def parse_distinct_dates(
    uniques: Any, allow_year: bool = False
) -> tuple[np.ndarray, list[str], list[str]]:
    """Dates (datetime64[s], NaT where none), statuses and quoted texts of distinct cells.

    The two common shapes are matched by Arrow's regex engine and checked against the
    calendar in numpy (31/02 is bad, 29/02 only in leap years), with the same answers
    ``parse_date`` gives; every other value goes through ``parse_date``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = pd.Series(uniques)
    values = texts.to_numpy(dtype=object)
    if isinstance(texts.dtype, pd.StringDtype):
        arrow = pa.array(texts.array)
    else:
        arrow = pa.array([v if isinstance(v, str) else None for v in values], pa.string())
    parts: dict[str, np.ndarray] = {}
    matched: list[np.ndarray] = []
    for shape, pattern in (("iso", _ISO_PARTS), ("dmy", _PLAIN_DMY_PARTS)):
        found = pc.extract_regex(arrow, pattern)
        matched.append(np.asarray(found.is_valid(), dtype=bool))
        for field in ("y", "m", "d"):
            number = pc.cast(pc.struct_field(found, field), pa.int64()).fill_null(0)
            parts[shape + field] = np.asarray(number, dtype=np.int64)
        if shape == "iso":  # a real date cell is quoted as dd/mm/yyyy
            pieces = [pc.struct_field(found, f) for f in "dmy"]
            slash = pa.scalar("/", pieces[0].type)
            iso_shown = np.asarray(pc.binary_join_element_wise(*pieces, slash), dtype=object)
    is_iso, is_dmy = matched[0], matched[1] & ~matched[0]
    handled = is_iso | is_dmy
    year, month, day = (np.where(is_iso, parts["iso" + f], parts["dmy" + f]) for f in "ymd")
    ok = handled & (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
    months = (year - 1970) * 12 + np.clip(month, 1, 12) - 1
    first = months.astype("datetime64[M]").astype("datetime64[D]")
    length = ((months + 1).astype("datetime64[M]").astype("datetime64[D]") - first).astype(np.int64)
    ok &= day <= length
    dates = np.where(
        ok, (first + np.maximum(day - 1, 0)).astype("datetime64[s]"), np.datetime64("NaT", "s")
    )
    statuses = np.where(ok, OK, BAD).astype(object)
    shown = np.where(is_iso & ok, iso_shown, np.where(handled, values, "")).astype(object)
    for position in np.flatnonzero(~handled):
        value = values[position]
        answer = parse_date(value, allow_year)
        dates[position] = (
            np.datetime64(answer[0], "s") if answer[0] is not None else np.datetime64("NaT", "s")
        )
        statuses[position] = answer[1]
        shown[position] = _date_shown(value, answer)
    return dates, statuses.tolist(), shown.tolist()


def _date_shown(value: Any, answer: tuple[date | None, str]) -> str:
    """How a date cell is quoted in messages: a real date as dd/mm/yyyy, text as typed."""
    text = cell_text(value) or ""
    if answer[1] == OK and answer[0] is not None and _YMD.match(text):
        return dmy(answer[0])
    return text


def _filled_mask(column: pd.Series) -> np.ndarray:
    """True where a cell holds something (per distinct value, then spread)."""
    codes, filled = _per_unique(column, lambda v: bool(cell_text(v)))
    return _spread_bool(codes, filled, False)


def _mark_of(value: Any) -> bool:
    """Whether a mark cell says yes: x, X, ✓, 1, 'Nữ', 'có'… (empty, 0 or 'không': no)."""
    text = cell_text(value)
    return bool(text) and fold(text) not in _NO


def _normalize_gender_and_birth(out: pd.DataFrame, raw: pd.DataFrame) -> None:
    """Gender from its column, else from the Nam/Nữ birth pair, else from mark columns.

    A lone "Nữ" mark column (the classic form without a gender column) says female where
    marked and male where empty; a lone "Nam" column the other way round; "Nam" and "Nữ"
    columns together say whichever is marked. A mark column holding dates (a flattened
    classic form) gives the birth date too."""
    male_birth = _column(raw, schema.BIRTH_MALE)
    female_birth = _column(raw, schema.BIRTH_FEMALE)
    male_filled = _filled_mask(male_birth)
    female_filled = _filled_mask(female_birth)
    male_mark = _column(raw, schema.MARK_MALE)
    female_mark = _column(raw, schema.MARK_FEMALE)
    birth = _compact_column(raw, schema.BIRTH_DATE)
    # the usual sheet has none of the pair or mark columns: its birth dates stay as read
    # (each 'where' below turns millions of cells into text objects)
    if male_filled.any():
        birth = _column(raw, schema.BIRTH_DATE).where(~male_filled, male_birth)
    if female_filled.any():
        birth = _values(birth).where(~female_filled | male_filled, female_birth)
    for mark in (male_mark, female_mark):
        codes, is_date = _per_unique(mark, lambda v: parse_date(v, True)[1] in (OK, YEAR_ONLY))
        dated = _spread_bool(codes, is_date, False)
        if dated.any():
            birth = _values(birth).where(~dated | _filled_mask(birth), mark)
    _date_field(out, birth, schema.BIRTH_DATE, allow_year=True)

    codes, genders = _per_unique(_compact_column(raw, schema.GENDER), _gender_of)
    _spread_triple(
        out,
        schema.GENDER,
        codes,
        genders,
        ("unknown", "", False),
        schema.breakdown_categories("gender"),
    )
    gender = out[schema.GENDER].cat.codes.to_numpy()
    from_column = (out[f"{schema.GENDER}_text"] != "").to_numpy(dtype=bool)
    has_male = male_mark.notna().to_numpy(dtype=bool)  # the row's sheet has the column
    has_female = female_mark.notna().to_numpy(dtype=bool)
    codes, marked = _per_unique(male_mark, _mark_of)
    marked_male = _spread_bool(codes, marked, False)
    codes, marked = _per_unique(female_mark, _mark_of)
    marked_female = _spread_bool(codes, marked, False)
    pair_male = male_filled | marked_male | (has_female & ~has_male & ~marked_female)
    pair_female = female_filled | marked_female | (has_male & ~has_female & ~marked_male)
    derived = np.where(pair_male & ~pair_female, 0, np.where(pair_female & ~pair_male, 1, 2))
    out[schema.GENDER] = categorical_from_codes(
        np.where(from_column, gender, derived), ["male", "female", "unknown"]
    )
    out["gender_conflict"] = ~from_column & pair_male & pair_female
    gender_absent = _column(raw, schema.GENDER).isna().to_numpy(dtype=bool, copy=True)
    for column in (male_birth, female_birth, male_mark, female_mark):
        gender_absent &= column.isna().to_numpy(dtype=bool)
    out["gender_absent"] = gender_absent


def _normalize_units(out: pd.DataFrame, raw: pd.DataFrame) -> None:
    """Unit names folded for matching; the first spelling met is the one shown."""
    branch_raw = _column(raw, schema.BRANCH)
    org_raw = _column(raw, schema.ORG)
    # no branch named: a grassroots chi bộ is its own branch; else the sheet's or file's name
    codes, own = _per_unique(org_raw, lambda v: is_branch_name(cell_text(v) or ""))
    chi_bo = _spread_bool(codes, own, False)
    fallback = _column(raw, schema.SRC_UNIT).where(~chi_bo, org_raw)
    branch = branch_raw.where(_filled_mask(branch_raw), fallback)
    for name, column in (
        (schema.BRANCH, branch),
        (schema.ORG, _column(raw, schema.ORG)),
        (schema.PARENT, _column(raw, schema.PARENT)),
    ):
        codes, texts = _per_unique(column, cell_text)
        shown: dict[str, str] = {}
        display = [shown.setdefault(fold(t), t) if t else None for t in texts]
        out[name] = _spread_category(codes, display, None)


def resolve_centuries(out: pd.DataFrame, today: date | None = None) -> None:
    """The century of each dd/mm/yy date: a birth date in the century that makes the member
    at least 18 at admission (without an admission date: 18 by ``today``); any other date
    in 20yy unless that is after this year; an admission before 1930 (the Party's founding)
    in neither is unreadable."""
    year = (today or date.today()).year
    short_dates = [c.removesuffix("_yy") for c in out.columns if c.endswith("_yy")]
    # the birth date last: its century is judged against the admission's resolved one
    for name in sorted(short_dates, key=lambda name: name == schema.BIRTH_DATE):
        short = out[f"{name}_yy"].to_numpy(dtype=bool)
        later = out[name]
        earlier = (later - pd.DateOffset(years=100)).astype(later.dtype)
        if name == schema.BIRTH_DATE:
            admitted = out[schema.ADMISSION_DATE]
            anchor = admitted.where(admitted.notna(), pd.Timestamp(date(year, 12, 31)))
            keep = (full_months(later, anchor) >= ADULT_MONTHS).fillna(False).to_numpy(bool)
        else:
            keep = (later.dt.year <= year).to_numpy(dtype=bool)
        chosen = later.where(keep | ~short, earlier)
        out[name] = chosen
        if name == schema.ADMISSION_DATE:
            before = short & (chosen.dt.year < FOUNDING_YEAR).to_numpy(dtype=bool)
            if before.any():
                out[name] = chosen.where(~before)
                status = out[f"{name}_status"].astype(object)
                out[f"{name}_status"] = pd.Categorical(
                    np.where(before, BAD, status), categories=out[f"{name}_status"].cat.categories
                )


def _derive(out: pd.DataFrame) -> None:
    """Age at admission in full years and in months (birthday reached or not)."""
    months = full_months(out[schema.BIRTH_DATE], out[schema.ADMISSION_DATE])
    out["age_months"] = months.astype("Int64")
    out["age"] = (months // 12).astype("Int64")
