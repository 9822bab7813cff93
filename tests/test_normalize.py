"""Value interpretation on frames built in code (no files)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from dvstat import schema
from dvstat.normalize import BAD, EMPTY, OK, YEAR_ONLY, normalize_roster, parse_date


@pytest.mark.parametrize(("value", "expected"), [
    ("05/03/1990", (date(1990, 3, 5), OK)), ("5/3/1990", (date(1990, 3, 5), OK)),
    ("05-03-1990", (date(1990, 3, 5), OK)), ("05.03.1990", (date(1990, 3, 5), OK)),
    ("1990-03-05", (date(1990, 3, 5), OK)), (datetime(1990, 3, 5, 0, 0), (date(1990, 3, 5), OK)),
    (date(1990, 3, 5), (date(1990, 3, 5), OK)), (32937.0, (date(1990, 3, 5), OK)),
    ("32937", (date(1990, 3, 5), OK)), ("31/02/1990", (None, BAD)), ("13/13/1990", (None, BAD)),
    ("", (None, EMPTY)), ("không rõ", (None, BAD)), ("1990", (None, BAD)),
    ("ngày 5 tháng 3 năm 1990", (date(1990, 3, 5), OK)),
])
def test_parse_date(value: object, expected: tuple[date | None, str]) -> None:
    assert parse_date(value) == expected


def test_a_bare_year_is_a_birth_date_on_1_july() -> None:
    assert parse_date("1990", allow_year=True) == (date(1990, 7, 1), YEAR_ONLY)
    assert parse_date(1990.0, allow_year=True) == (date(1990, 7, 1), YEAR_ONLY)


def test_dates_are_never_read_month_first() -> None:
    assert parse_date("03/05/1990") == (date(1990, 5, 3), OK)


def _raw(**columns: list[object]) -> pd.DataFrame:
    size = len(next(iter(columns.values())))
    data = {schema.SRC_FILE: ["f.xlsx"] * size, schema.SRC_SHEET: ["S"] * size,
            schema.SRC_ROW: list(range(2, 2 + size)), schema.SRC_UNIT: ["S"] * size}
    data.update(columns)
    return pd.DataFrame(data, dtype=object)


def test_age_in_full_years_birthday_reached_or_not() -> None:
    raw = _raw(full_name=["A", "B", "C"],
               birth_date=["15/06/2000", "16/06/2000", "29/02/2000"],
               admission_date=["15/06/2025", "15/06/2025", "28/02/2025"])
    out = normalize_roster(raw)
    assert out["age"].tolist() == [25, 24, 24]
    assert out["age_months"].tolist() == [300, 299, 299]


def test_gender_from_the_nam_nu_birth_pair_and_from_marks() -> None:
    raw = _raw(full_name=["A", "B", "C"],
               birth_date_male=["01/01/1990", None, "01/01/1991"],
               birth_date_female=[None, "02/02/1992", "01/01/1991"])
    out = normalize_roster(raw)
    assert out[schema.GENDER].tolist() == ["male", "female", "unknown"]
    assert out["gender_conflict"].tolist() == [False, False, True]
    assert out[schema.BIRTH_DATE].dt.year.tolist() == [1990, 1992, 1991]


def test_units_fall_back_to_the_sheet_and_keep_the_first_spelling() -> None:
    raw = _raw(full_name=["A", "B", "C"], branch=["Chi bộ 1", "chi bo 1", ""])
    out = normalize_roster(raw)
    assert out[schema.BRANCH].tolist() == ["Chi bộ 1", "Chi bộ 1", "S"]


def test_youth_union_marks_and_empty_cells() -> None:
    raw = _raw(full_name=["A", "B", "C", "D"], youth_union=["x", "", "26/03/2010", "có lẽ"])
    out = normalize_roster(raw)
    assert out[schema.YOUTH_UNION].tolist() == ["yes", "no", "yes", "unknown"]
    assert out["youth_union_bad"].tolist() == [False, False, False, True]


def test_youth_union_absent_column_is_unknown() -> None:
    out = normalize_roster(_raw(full_name=["A"]))
    assert out[schema.YOUTH_UNION].tolist() == ["unknown"]


def test_unmatched_values_go_to_other_or_unknown_and_are_flagged() -> None:
    raw = _raw(full_name=["A", "B"], ethnicity=["Ede Ede", ""], religion=["Đạo Mẫu", "Không"],
               occupation=["Thợ lặn", "Nông dân"])
    out = normalize_roster(raw)
    assert out[schema.ETHNICITY].tolist() == ["other", "unknown"]
    assert out["ethnicity_bad"].tolist() == [True, False]
    assert out[schema.RELIGION].tolist() == ["other", "none"]
    assert out[schema.OCCUPATION].tolist() == ["other", "farmer"]
    assert out["occupation_bad"].tolist() == [True, False]
