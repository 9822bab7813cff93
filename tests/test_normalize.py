"""Value interpretation on frames built in code (no files)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dvstat import schema
from dvstat.normalize import BAD, EMPTY, OK, YEAR_ONLY, normalize_roster, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05/03/1990", (date(1990, 3, 5), OK)),
        ("5/3/1990", (date(1990, 3, 5), OK)),
        ("05-03-1990", (date(1990, 3, 5), OK)),
        ("05.03.1990", (date(1990, 3, 5), OK)),
        ("1990-03-05", (date(1990, 3, 5), OK)),
        (datetime(1990, 3, 5, 0, 0), (date(1990, 3, 5), OK)),
        (date(1990, 3, 5), (date(1990, 3, 5), OK)),
        (32937.0, (date(1990, 3, 5), OK)),
        ("32937", (date(1990, 3, 5), OK)),
        ("31/02/1990", (None, BAD)),
        ("13/13/1990", (None, BAD)),
        ("", (None, EMPTY)),
        ("không rõ", (None, BAD)),
        ("1990", (None, BAD)),
        ("ngày 5 tháng 3 năm 1990", (date(1990, 3, 5), OK)),
    ],
)
def test_parse_date(value: object, expected: tuple[date | None, str]) -> None:
    assert parse_date(value) == expected


def test_a_bare_year_is_a_birth_date_on_1_july() -> None:
    assert parse_date("1990", allow_year=True) == (date(1990, 7, 1), YEAR_ONLY)
    assert parse_date(1990.0, allow_year=True) == (date(1990, 7, 1), YEAR_ONLY)


def test_dates_are_never_read_month_first() -> None:
    assert parse_date("03/05/1990") == (date(1990, 5, 3), OK)


def _raw(**columns: list[object]) -> pd.DataFrame:
    size = len(next(iter(columns.values())))
    data = {
        schema.SRC_FILE: ["f.xlsx"] * size,
        schema.SRC_SHEET: ["S"] * size,
        schema.SRC_ROW: list(range(2, 2 + size)),
        schema.SRC_UNIT: ["S"] * size,
    }
    data.update(columns)
    return pd.DataFrame(data, dtype=object)


def test_age_in_full_years_birthday_reached_or_not() -> None:
    raw = _raw(
        full_name=["A", "B", "C"],
        birth_date=["15/06/2000", "16/06/2000", "29/02/2000"],
        admission_date=["15/06/2025", "15/06/2025", "28/02/2025"],
    )
    out = normalize_roster(raw)
    assert out["age"].tolist() == [25, 24, 24]
    assert out["age_months"].tolist() == [300, 299, 299]


def test_gender_from_the_nam_nu_birth_pair_and_from_marks() -> None:
    raw = _raw(
        full_name=["A", "B", "C"],
        birth_date_male=["01/01/1990", None, "01/01/1991"],
        birth_date_female=[None, "02/02/1992", "01/01/1991"],
    )
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
    raw = _raw(
        full_name=["A", "B"],
        ethnicity=["Ede Ede", ""],
        religion=["Đạo Mẫu", "Không"],
        occupation=["Thợ lặn", "Nông dân"],
    )
    out = normalize_roster(raw)
    assert out[schema.ETHNICITY].tolist() == ["other", "unknown"]
    assert out["ethnicity_bad"].tolist() == [True, False]
    assert out[schema.RELIGION].tolist() == ["other", "none"]
    assert out[schema.OCCUPATION].tolist() == ["other", "farmer"]
    assert out["occupation_bad"].tolist() == [True, False]


_DATE_EDGES = [
    "31/02/2020",
    "29/02/2024",
    "29/02/2023",
    "29/02/1900",
    "29/02/2000",
    "01/01/0000",
    "00/01/2020",
    "01/13/2020",
    "1/1/2020",
    "01.06.2025",
    "1-6-2025",
    "2020-02-30 00:00:00",
    "2020-02-29 00:00:00",
    "2021-12-31 00:00:00",
    "٠١/٠٢/٢٠٢٠",
    " 01/02/2020",
    "01 / 02 / 2020",
    "01/01/1500",
    "31/12/9999",
    "1990",
    "45000",
    "ngày 5 tháng 3 năm 2020",
    "",
    "xx",
    "2026-13-01",
    "32/01/2020",
    "01/02/20201",
]


def _one_by_one(values: list[object], allow_year: bool) -> list[tuple[object, str, str]]:
    from dvstat.normalize import _date_shown

    answers = []
    for value in values:
        answer = parse_date(value, allow_year)
        day = pd.Timestamp(answer[0]).to_datetime64() if answer[0] is not None else None
        answers.append((day, answer[1], _date_shown(value, answer)))
    return answers


@pytest.mark.parametrize("allow_year", [False, True])
def test_vectorized_dates_answer_exactly_as_parse_date(allow_year: bool) -> None:
    """The vectorized pass over distinct values gives parse_date's date, status and quoted
    text for every shape: impossible days, leap years, odd digits, spaces, real dates."""
    from dvstat.normalize import parse_distinct_dates

    values: list[object] = [*_DATE_EDGES, datetime(2024, 2, 29), 45000.0, float("nan"), None]
    dates, statuses, shown = parse_distinct_dates(
        pd.Series(values, dtype=object).to_numpy(), allow_year
    )
    got = [
        (None if pd.isna(d) else d.astype("datetime64[s]"), s, t)
        for d, s, t in zip(dates, statuses, shown, strict=True)
    ]
    expected = [
        (None if d is None else d.astype("datetime64[s]"), s, t)
        for d, s, t in _one_by_one(values, allow_year)
    ]
    assert got == expected
    assert statuses[:4] == [BAD, OK, BAD, BAD] and statuses[4] == OK  # 1900 not leap, 2000 is


@settings(max_examples=400, deadline=None)
@given(
    st.integers(0, 40),
    st.integers(0, 14),
    st.integers(0, 2200),
    st.sampled_from(["/", ".", "-"]),
    st.booleans(),
)
def test_vectorized_dates_agree_on_any_day_month_year(
    day: int, month: int, year: int, separator: str, iso: bool
) -> None:
    from dvstat.normalize import parse_distinct_dates

    text = (
        f"{year:04d}-{month:02d}-{day:02d} 00:00:00"
        if iso
        else f"{day:02d}{separator}{month:02d}{separator}{year:04d}"
    )
    dates, statuses, shown = parse_distinct_dates(pd.Series([text], dtype=object).to_numpy())
    ((day_one, status_one, shown_one),) = _one_by_one([text], False)
    assert (statuses[0], shown[0]) == (status_one, shown_one)
    assert (None if pd.isna(dates[0]) else dates[0]) == (
        None if day_one is None else day_one.astype("datetime64[s]")
    )


def test_vectorized_dates_read_arrow_text_like_python_text() -> None:
    """The readers hand dates over as Arrow strings (Arrow's regex engine matches them);
    the answers are the same as for the same texts as Python objects."""
    from dvstat.normalize import parse_distinct_dates

    texts = [t for t in _DATE_EDGES if t]
    arrow = parse_distinct_dates(pd.array(texts, dtype="string[pyarrow]"))
    python = parse_distinct_dates(pd.Series(texts, dtype=object).to_numpy())
    assert arrow[1:] == python[1:]
    assert [str(d) for d in arrow[0]] == [str(d) for d in python[0]]


@pytest.mark.parametrize(
    ("value", "allow_year", "expected"),
    [
        # Excel's 1900 system counts days from 30/12/1899: 1 is 31/12/1899, 2958465 is
        # 31/12/9999 (Excel's last day); 0, negatives, fractions under 1 and beyond are not dates
        (1.0, False, (date(1899, 12, 31), OK)),
        (1.5, False, (date(1899, 12, 31), OK)),
        (0.5, False, (None, BAD)),
        (0.0, False, (None, BAD)),
        (-3.0, False, (None, BAD)),
        (2958465.0, False, (date(9999, 12, 31), OK)),
        (2958466.0, False, (None, BAD)),
        (32937.75, False, (date(1990, 3, 5), OK)),  # a time of day is dropped
        (1, False, (date(1899, 12, 31), OK)),
        # a bare year is a birth year only between 1900 and 2100, both included
        (1900.0, True, (date(1900, 7, 1), YEAR_ONLY)),
        (2100.0, True, (date(2100, 7, 1), YEAR_ONLY)),
        (1990.5, True, (date(1905, 6, 12), OK)),  # not a whole year: serial 1990
        ("2100", True, (date(2100, 7, 1), YEAR_ONLY)),
        (2101.0, True, (date(1905, 10, 1), OK)),  # past 2100: a serial number again
        (1899.0, True, (date(1905, 3, 13), OK)),  # below 1900: a serial number
        ("1900", True, (date(1900, 7, 1), YEAR_ONLY)),
        # a number written as text is a serial only above 2100 (below, it could be a year)
        ("2100", False, (None, BAD)),
        ("2101", False, (date(1905, 10, 1), OK)),
        (True, False, (None, BAD)),
        (float("nan"), False, (None, "absent")),
        (None, False, (None, "absent")),
    ],
)
def test_numbers_as_dates_at_their_bounds(
    value: object, allow_year: bool, expected: tuple[date | None, str]
) -> None:
    assert parse_date(value, allow_year) == expected


def test_citizen_ids_that_lost_their_leading_zeros_are_padded_to_12() -> None:
    from dvstat.normalize import pad_citizen_ids

    ids = pd.Series(
        ["1095012345", "10950123456", "123456789", "001095012345", None], dtype="string"
    )
    assert pad_citizen_ids(ids).tolist() == [
        "001095012345",  # 10 digits: two zeros lost
        "010950123456",  # 11 digits: one zero lost
        "123456789",  # a 9-digit CMND stays as it is
        "001095012345",
        pd.NA,
    ]


# --- each word of the value tables, by hand -------------------------------------------------
def test_every_gender_word_and_what_is_none() -> None:
    from dvstat.normalize import _gender_of

    for word in ("Nam", "nam", "Male", "M", "trai"):
        assert _gender_of(word) == ("male", word, False), word
    for word in ("Nữ", "nu", "Female", "F", "gái"):
        assert _gender_of(word) == ("female", word, False), word
    assert _gender_of("") == ("unknown", "", False)
    assert _gender_of(None) == ("unknown", "", False)
    assert _gender_of("Nam/Nữ") == ("unknown", "Nam/Nữ", True)
    long = "Nam" * 400  # beyond 1.000 characters: never read as a word
    assert _gender_of(long) == ("unknown", long, True)


def test_every_youth_union_word() -> None:
    from dvstat.normalize import _youth_of

    for word in ("x", "Có", "1", "ĐV", "Đoàn viên", "yes", "y", "true", "v", "đúng", "đã"):
        assert _youth_of(word) == ("yes", word, False), word
    assert _youth_of("26/03/2010") == ("yes", "26/03/2010", False)  # the day of joining
    for word in ("Không", "0", "no", "n", "false", "k", "ko", "chưa"):
        assert _youth_of(word) == ("no", word, False), word
    assert _youth_of("") == ("no", "", False)  # the column is there, the cell empty
    assert _youth_of(None) == ("unknown", "", False)  # no column
    assert _youth_of("hội viên") == ("unknown", "hội viên", True)
    assert _youth_of("x" * 1001) == ("unknown", "x" * 1001, True)


def test_readmitted_flags_and_academic_titles() -> None:
    from dvstat.normalize import _academic_title_of, _flag_of, _readmitted_of

    assert [_readmitted_of(v) for v in ("", None, "không", "ko", "x", "Kết nạp lại")] == [
        "no", "no", "no", "no", "yes", "yes",
    ]  # fmt: skip
    assert [_flag_of(v) for v in ("", None, "Không", "x", "có", "01/02/2020", "?")] == [
        "no", "no", "no", "yes", "yes", "yes", "unknown",
    ]  # fmt: skip
    titles = ("", "không", "PGS", "PGS.TS", "Phó Giáo sư", "Phó GS", "GS", "Giáo sư", "TS")
    found = [_academic_title_of(v) for v in titles]
    assert found == [
        "none", "none", "associate_professor", "associate_professor", "associate_professor",
        "associate_professor", "professor", "professor", "unknown",
    ]  # fmt: skip


def test_badges_held_marks_measures_and_months() -> None:
    from dvstat.normalize import _badge_mark, _discipline_of, _months_of, held_badge

    assert held_badge(None) == (0, "absent")
    assert held_badge("") == (0, "empty")
    assert held_badge("30 năm; 40 năm") == (40, "ok")
    assert held_badge("HH 45 năm") == (45, "ok")
    assert held_badge("35 năm") == (0, "bad")  # no badge of 35 years
    assert held_badge("Chưa nhận") == (0, "ok")
    assert held_badge("Có") == (0, "bad")
    assert held_badge("4" * 1001) == (0, "bad")
    assert [_badge_mark(v) for v in ("Truy tặng", "Ốm nặng", "bệnh hiểm nghèo", "", "khác")] == [
        "posthumous", "ill", "ill", "", "",
    ]  # fmt: skip
    measures = ("Khiển trách", "Cảnh cáo", "Cách chức", "Không", "", "Nhắc nhở")
    assert [_discipline_of(v) for v in measures] == [
        "khien_trach", "canh_cao", "cach_chuc", "", "", "other",
    ]  # fmt: skip
    assert _months_of("") != _months_of("")  # NaN: no months given
    assert [_months_of(v) for v in ("0", "1200", "3,5", "1200.5", "-1", "mười")] == [
        0.0, 1200.0, 3.5, -1.0, -1.0, -1.0,
    ]  # fmt: skip


def test_grades_of_general_education_at_their_bounds() -> None:
    from dvstat import schema
    from dvstat.normalize import education_code

    vocab = schema.load_vocabulary("general_education")
    found = {
        text: education_code(vocab, text)
        for text in ("12/12", "9/12", "8/12", "1/12", "0/12", "13/12", "10/10", "7/10",
                     "6/10", "11/10", "9", "lớp 9", "Lớp 8", "12")
    }  # fmt: skip
    assert found == {
        "12/12": "upper_secondary", "9/12": "lower_secondary", "8/12": "primary",
        "1/12": "primary", "0/12": None, "13/12": None, "10/10": "upper_secondary",
        "7/10": "lower_secondary", "6/10": "primary", "11/10": None, "9": "lower_secondary",
        "lớp 9": "lower_secondary", "Lớp 8": "primary", "12": "upper_secondary",
    }  # fmt: skip
