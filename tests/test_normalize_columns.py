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


# --- distinct values, spread back over the rows --------------------------------------------
def test_factorize_reads_categories_as_plain_values_would() -> None:
    from dvstat.normalize import _factorize

    # categories a, b, c (and an unused d); rows b, -, a, b, -, c
    column = pd.Series(
        pd.Categorical(["b", None, "a", "b", None, "c"], categories=["a", "b", "c", "d"])
    )
    codes, uniques = _factorize(column)
    assert codes.tolist() == [0, -1, 1, 0, -1, 2]  # in order of first appearance
    assert list(uniques) == ["b", "a", "c"]
    plain_codes, plain = _factorize(column.astype(object))
    assert (plain_codes.tolist(), list(plain)) == ([0, -1, 1, 0, -1, 2], ["b", "a", "c"])
    # a missing value first, and none missing
    first = pd.Series(pd.Categorical([None, "x", "y", "x"], categories=["y", "x"]))
    codes, uniques = _factorize(first)
    assert (codes.tolist(), list(uniques)) == ([-1, 0, 1, 0], ["x", "y"])
    full = pd.Series(pd.Categorical(["y", "x", "y"], categories=["x", "y"]))
    codes, uniques = _factorize(full)
    assert (codes.tolist(), list(uniques)) == ([0, 1, 0], ["y", "x"])


def test_spread_category_puts_each_answer_on_its_rows() -> None:
    from dvstat.normalize import _spread, _spread_bool, _spread_category

    codes = np.array([1, -1, 0, 1])
    free = _spread_category(codes, ["x", "y"], "-")
    assert list(free) == ["y", "-", "x", "y"]
    assert list(free.categories) == ["x", "y", "-"]
    fixed = _spread_category(codes, ["x", "zz"], "", ("", "x", "y"))
    assert list(fixed.categories) == ["", "x", "y"]
    assert [None if pd.isna(v) else v for v in fixed] == [None, "", "x", None]  # not a category
    assert _spread(codes, [10, 20], None).tolist() == [20, None, 10, 20]
    assert _spread_bool(codes, [True, False], True).tolist() == [False, True, True, False]
    assert _spread_bool(codes, [False, True], False).tolist() == [True, False, False, True]


def test_a_column_as_read_or_missing() -> None:
    from dvstat.normalize import _column, _compact_column, dates_of

    raw = pd.DataFrame(
        {
            "kept": pd.Categorical(["a", None, "a"]),
            "plain": ["x", "y", "z"],
            "empty": pd.Categorical([None, None, None], categories=[]),
        },
        index=[5, 6, 7],
    )
    assert [None if pd.isna(v) else v for v in _column(raw, "kept")] == ["a", None, "a"]
    assert _column(raw, "kept").dtype == object
    assert _column(raw, "plain").tolist() == ["x", "y", "z"]
    for absent in ("empty", "nothing"):
        found = _column(raw, absent)
        assert (found.index.tolist(), found.isna().all(), found.dtype) == ([5, 6, 7], True, object)
    assert isinstance(_compact_column(raw, "kept").dtype, pd.CategoricalDtype)
    missing = _compact_column(raw, "nothing")
    assert (missing.index.tolist(), missing.isna().all(), missing.dtype) == (
        [5, 6, 7],
        True,
        object,
    )
    dates = dates_of(raw, "nothing")
    assert dates.index.tolist() == [5, 6, 7] and dates.isna().all()
    assert str(dates.dtype) == "datetime64[s]"
    assert dates_of(raw, "plain").tolist() == ["x", "y", "z"]


def test_the_same_person_s_name_whatever_the_case_and_spaces() -> None:
    from dvstat.normalize import name_keys, person_codes

    names = pd.Series(["Lê Văn A", "LÊ VĂN  A", None, "", "Lê Văn B", "lê văn a", "Lễ Văn A"])
    assert name_keys(names).tolist() == [
        "lêvăna", "lêvăna", "", "", "lêvănb", "lêvăna", "lễvăna",
    ]  # fmt: skip
    # numbered in order of first appearance; no name is -1 (the empty key took number 1)
    assert person_codes(names).tolist() == [0, 0, -1, -1, 2, 0, 3]
    assert person_codes(pd.Series(["B", "a", "b", "A"])).tolist() == [0, 1, 0, 1]
    assert person_codes(pd.Series([None, "X"])).tolist() == [-1, 1]


def test_a_quoted_cell_is_cut_for_showing() -> None:
    from dvstat.normalize import _quoted_texts

    long = "x" * 1001
    found = _quoted_texts(np.array([0, -1, 1, 2]), [" Cảnh  cáo ", long, 12.0])
    assert list(found) == ["Cảnh cáo", "", "x" * 1000 + "…", "12"]
    assert _quoted_texts(np.array([0]), ["x" * 1000])[0] == "x" * 1000


# --- whole fields, through normalize_roster -----------------------------------------------
def _roster(**columns: list[object]) -> pd.DataFrame:
    from dvstat import schema
    from dvstat.normalize import normalize_roster

    size = len(next(iter(columns.values())))
    data: dict[str, list[object]] = {
        schema.SRC_FILE: ["f.xlsx"] * size,
        schema.SRC_SHEET: ["S"] * size,
        schema.SRC_ROW: list(range(2, 2 + size)),
        schema.SRC_UNIT: ["S"] * size,
        schema.FULL_NAME: ["Lê Văn A"] * size,
    }
    data.update(columns)
    return normalize_roster(pd.DataFrame(data, dtype=object))


def _plain(column: pd.Series) -> list[object]:
    return [None if pd.isna(v) else v for v in column.tolist()]


LONG = "x" * 1001
SHOWN_LONG = "x" * 1000 + "…"


def test_why_a_member_left_from_the_reason_else_the_status() -> None:
    from dvstat import schema

    rows = [
        ("Đang sinh hoạt", None, "active", "Đang sinh hoạt", False),
        ("Đang sinh hoạt", "Từ trần", "died", "Từ trần", False),  # the reason says more
        (None, "Chuyển đi", "transferred_out", "Chuyển đi", False),
        ("Từ trần", "", "died", "Từ trần", False),  # an empty reason: the status
        (None, None, "active", "", False),  # neither: on the list
        ("abc xyz", None, "unknown", "abc xyz", True),
        (None, LONG, "unknown", SHOWN_LONG, True),  # too long to be a reason
        (None, "Từ trần " + "x" * 992, "died", "Từ trần " + "x" * 992, False),  # 1.000 chars
        (None, "Từ trần " + "x" * 993, "unknown", "Từ trần " + "x" * 992 + "…", True),  # 1.001
    ]
    out = _roster(
        **{
            schema.STATUS: [r[0] for r in rows],
            schema.LEAVE_REASON: [r[1] for r in rows],
        }
    )
    assert _plain(out[schema.LEAVE_REASON]) == [r[2] for r in rows]
    assert _plain(out[f"{schema.LEAVE_REASON}_text"]) == [r[3] for r in rows]
    assert out[f"{schema.LEAVE_REASON}_bad"].tolist() == [r[4] for r in rows]
    # the texts rows hold, in order, as the column's categories
    shown = list(out[f"{schema.LEAVE_REASON}_text"].cat.categories)
    assert shown == sorted({r[3] for r in rows})
    assert list(out[schema.LEAVE_REASON].cat.categories) == [
        "active", "died", "transferred_out", "removed", "expelled", "resigned",
        "not_recognized", "unknown",
    ]  # fmt: skip


def test_a_roster_without_reason_or_status_is_everyone_on_the_list() -> None:
    from dvstat import schema

    out = _roster(**{schema.GENDER: ["Nam", "Nữ"]})
    assert _plain(out[schema.LEAVE_REASON]) == ["active", "active"]
    assert _plain(out[f"{schema.LEAVE_REASON}_text"]) == ["", ""]
    assert out[f"{schema.LEAVE_REASON}_bad"].tolist() == [False, False]


def test_where_a_candidate_stands_from_the_status_else_the_notes() -> None:
    from dvstat import schema

    rows = [
        ("Đang theo dõi", None, "active"),
        (None, "Đã kết nạp Đảng", "admitted"),  # the notes, where the status is missing
        ("", "Từ trần", "dropped"),  # or empty
        ("Kết nạp", "Từ trần", "admitted"),  # the status first
        (None, None, ""),  # neither: the dates decide
        ("blah", None, ""),
        (LONG, None, ""),
        ("Kết nạp " + "x" * 992, None, "admitted"),  # 1.000 characters
        ("Kết nạp " + "x" * 993, None, ""),  # 1.001: too long
    ]
    out = _roster(**{schema.STATUS: [r[0] for r in rows], schema.NOTES: [r[1] for r in rows]})
    assert _plain(out["candidate_status"]) == [r[2] for r in rows]


def test_the_forms_yes_no_columns_and_academic_titles() -> None:
    from dvstat import schema

    flag, other, _ = schema.FORM_FLAGS
    out = _roster(
        **{
            flag: ["x", "có", "01/02/2020", "không", "", "abc", None, "Có "],
            schema.ACADEMIC_TITLE: [
                "PGS",
                "GS.TS",
                "",
                "abc",
                None,
                "Phó Giáo sư",
                "Giáo sư",
                "TS",
            ],
        }
    )
    assert _plain(out[flag]) == ["yes", "yes", "yes", "no", "no", "unknown", "no", "yes"]
    assert list(out[flag].cat.categories) == ["yes", "no", "unknown"]
    assert _plain(out[schema.ACADEMIC_TITLE]) == [
        "associate_professor", "professor", "none", "unknown", "none",
        "associate_professor", "professor", "unknown",
    ]  # fmt: skip
    assert list(out[schema.ACADEMIC_TITLE].cat.categories) == [
        "associate_professor", "professor", "none", "unknown",
    ]  # fmt: skip
    # a column the roster does not have: unknown on every row (left for hand entry)
    assert _plain(out[other]) == ["unknown"] * 8
    assert list(out[other].cat.categories) == ["yes", "no", "unknown"]
    empty = _roster(**{flag: [None, None], schema.ACADEMIC_TITLE: [None, None]})
    assert _plain(empty[flag]) == ["unknown", "unknown"]  # a column without a value
    assert _plain(empty[schema.ACADEMIC_TITLE]) == ["unknown", "unknown"]


def test_the_columns_badges_read() -> None:
    from dvstat import schema
    from dvstat.normalize import ABSENT, BAD, EMPTY, OK

    out = _roster(
        **{
            schema.BADGE_HELD: [
                "30 năm; 40 năm", "HH 45 năm", "Có", "35 năm", "", "không", None, LONG,
            ],
            schema.INTERRUPTED_MONTHS: ["12", "2,5", "1200", "1201", "-1", "abc", "", None],
            schema.PRIOR_MONTHS: [24.0, "0", None, None, None, None, None, None],
            schema.DISCIPLINE: [
                "Khiển trách", "CẢNH CÁO", "Cách chức Bí thư", "Nhắc nhở", "Không", "", None, LONG,
            ],
            schema.BIRTHPLACE: ["  Hà  Nội ", None, "", "Huế", None, None, None, None],
            schema.NOTES: [
                "Ốm nặng", None, "truy tặng", "Bệnh hiểm nghèo", "ốm đau nặng", "", None, "x",
            ],
            schema.STATUS: [None, "Truy tặng", "ốm nặng", None, None, "Đang sinh hoạt", None, None],
        }
    )  # fmt: skip
    assert out[schema.BADGE_HELD].tolist() == [40, 45, 0, 0, 0, 0, 0, 0]
    assert str(out[schema.BADGE_HELD].dtype) == "int16"
    assert _plain(out[f"{schema.BADGE_HELD}_status"]) == [OK, OK, BAD, BAD, EMPTY, OK, ABSENT, BAD]
    assert _plain(out[f"{schema.BADGE_HELD}_text"]) == [
        "30 năm; 40 năm", "HH 45 năm", "Có", "35 năm", "", "không", "", SHOWN_LONG,
    ]  # fmt: skip
    months = _plain(out[schema.INTERRUPTED_MONTHS])
    assert months[:6] == [12.0, 2.5, 1200.0, -1.0, -1.0, -1.0]  # -1: not a count
    assert pd.isna(months[6]) and pd.isna(months[7])
    assert _plain(out[f"{schema.INTERRUPTED_MONTHS}_text"]) == [
        "12", "2,5", "1200", "1201", "-1", "abc", "", "",
    ]  # fmt: skip
    assert _plain(out[schema.PRIOR_MONTHS])[:2] == [24.0, 0.0]
    assert _plain(out[f"{schema.PRIOR_MONTHS}_text"])[:3] == ["24", "0", ""]
    assert _plain(out[schema.DISCIPLINE]) == [
        "khien_trach", "canh_cao", "cach_chuc", "other", "", "", "", "",
    ]  # fmt: skip
    assert _plain(out[f"{schema.DISCIPLINE}_text"]) == [
        "Khiển trách", "CẢNH CÁO", "Cách chức Bí thư", "Nhắc nhở", "Không", "", "", SHOWN_LONG,
    ]  # fmt: skip
    assert _plain(out[schema.BIRTHPLACE])[:4] == ["Hà Nội", None, "", "Huế"]
    # the notes first, the status where the notes say nothing
    assert _plain(out["badge_mark"]) == [
        "ill",
        "posthumous",
        "posthumous",
        "ill",
        "ill",
        "",
        "",
        "",
    ]
    assert list(out["badge_mark"].cat.categories) == ["", "ill", "posthumous"]


def test_badge_columns_without_a_value_are_left_out() -> None:
    from dvstat import schema

    blank: list[object] = [None, None]
    out = _roster(
        **{
            schema.BADGE_HELD: blank,
            schema.INTERRUPTED_MONTHS: blank,
            schema.DISCIPLINE: blank,
            schema.BIRTHPLACE: blank,
        }
    )
    for name in (
        schema.BADGE_HELD,
        schema.INTERRUPTED_MONTHS,
        schema.DISCIPLINE,
        schema.BIRTHPLACE,
    ):
        assert name not in out
        assert f"{name}_text" not in out
    assert "badge_mark" not in out  # neither notes nor status


def test_the_century_of_a_two_digit_year() -> None:
    """dd/mm/yy: a birth in the century that makes the member 18 at admission (without an
    admission, by the end of this year); any other date in 20yy unless after this year;
    an admission before 1930 unreadable. This year is 2026 here."""
    from datetime import date

    from dvstat import schema
    from dvstat.normalize import ABSENT, BAD, EMPTY, OK, YEAR_ONLY, _date_field, resolve_centuries

    birth, admitted = schema.BIRTH_DATE, schema.ADMISSION_DATE
    rows = [
        ("04/03/08", "05/03/2026", "2008-03-04", "2026-03-05", OK),  # 18 and a day
        ("05/03/08", "05/03/2026", "2008-03-05", "2026-03-05", OK),  # 18 that day
        ("06/03/08", "05/03/2026", "1908-03-06", "2026-03-05", OK),  # a day short of 18
        ("31/12/08", None, "2008-12-31", None, "absent"),  # 18 on the year's last day
        ("01/01/09", None, "1909-01-01", None, "absent"),
        ("15/06/1990", "05/03/26", "1990-06-15", "2026-03-05", OK),  # this year: 20yy
        ("15/06/1950", "05/03/27", "1950-06-15", None, BAD),  # 1927: before the Party
        ("15/06/1950", "01/01/30", "1950-06-15", "1930-01-01", OK),  # 2030 is to come: 1930
        ("15/06/1950", "31/12/29", "1950-06-15", None, BAD),  # 1929
        ("15/06/1920", "01/01/1925", "1920-06-15", "1925-01-01", OK),  # four digits: as read
        # both short: the admission's century first (1930), then the birth's (1909, not
        # 2009, which would be after the admission)
        ("01/01/09", "05/03/30", "1909-01-01", "1930-03-05", OK),
    ]
    out = pd.DataFrame(index=range(len(rows)))
    _date_field(out, pd.Series([r[0] for r in rows], dtype=object), birth, allow_year=True)
    _date_field(out, pd.Series([r[1] for r in rows], dtype=object), admitted)
    resolve_centuries(out, today=date(2026, 6, 1))

    def days(column: pd.Series) -> list[str | None]:
        return [None if pd.isna(v) else v.date().isoformat() for v in column]

    assert days(out[birth]) == [r[2] for r in rows]
    assert days(out[admitted]) == [r[3] for r in rows]
    assert _plain(out[f"{admitted}_status"]) == [r[4] for r in rows]
    assert list(out[f"{admitted}_status"].cat.categories) == [ABSENT, EMPTY, OK, YEAR_ONLY, BAD]
    assert out[f"{birth}_yy"].tolist() == [True] * 5 + [False] * 5 + [True]
    assert str(out[birth].dtype) == "datetime64[s]"


def test_an_official_date_in_two_digits_is_in_this_century_unless_to_come() -> None:
    from datetime import date

    from dvstat import schema
    from dvstat.normalize import _date_field, resolve_centuries

    out = pd.DataFrame(index=range(3))
    texts = pd.Series(["31/12/26", "01/01/27", "01/01/1927"], dtype=object)
    _date_field(out, texts, schema.OFFICIAL_DATE)
    resolve_centuries(out, today=date(2026, 12, 31))
    assert [v.date().isoformat() for v in out[schema.OFFICIAL_DATE]] == [
        "2026-12-31", "1927-01-01", "1927-01-01",
    ]  # fmt: skip
    assert _plain(out[f"{schema.OFFICIAL_DATE}_status"]) == [
        "ok",
        "ok",
        "ok",
    ]  # not the Party's rule


def test_gender_and_birth_from_the_forms_pairs_and_marks() -> None:
    """None: the row's sheet has no such column; '': the sheet has it, the cell is empty."""
    from dvstat import schema

    rows = [
        # gender, Nam mark, Nữ mark, birth, Nam birth, Nữ birth -> gender, conflict, absent,
        # birth date, its status
        (None, None, "x", None, None, None, "female", False, False, None, "absent"),
        (None, None, "", None, None, None, "male", False, False, None, "absent"),  # lone Nữ
        (None, "x", None, None, None, None, "male", False, False, None, "absent"),
        (None, "", None, None, None, None, "female", False, False, None, "absent"),  # lone Nam
        (None, "x", "", None, None, None, "male", False, False, None, "absent"),
        (None, "", "x", None, None, None, "female", False, False, None, "absent"),
        (None, "x", "x", None, None, None, "unknown", True, False, None, "absent"),
        (None, "", "", None, None, None, "unknown", False, False, None, "absent"),
        ("Nữ", "x", "", None, None, None, "female", False, False, None, "absent"),  # column
        # a mark column holding the birth date (a flattened classic form)
        (None, None, "12/05/1980", "", None, None, "female", False, False, "1980-05-12", "ok"),
        (None, None, "1980", None, None, None, "female", False, False, "1980-07-01", "year"),
        # the Nam/Nữ birth pair
        (None, None, None, None, "01/02/1970", "", "male", False, False, "1970-02-01", "ok"),
        (None, None, None, None, "", "03/04/1975", "female", False, False, "1975-04-03", "ok"),
        (
            None,
            None,
            None,
            None,
            "01/02/1970",
            "03/04/1975",
            "unknown",
            True,
            False,
            "1970-02-01",
            "ok",
        ),  # fmt: skip
        (None, None, None, "05/06/1960", None, None, "unknown", False, True, "1960-06-05", "ok"),
        (None, None, None, None, None, "03/04/1975", "female", False, False, "1975-04-03", "ok"),
        # an empty birth cell on a sheet without the mark columns stays empty (not absent)
        (None, None, None, "", None, None, "unknown", False, True, None, "empty"),
    ]
    columns = (
        schema.GENDER,
        schema.MARK_MALE,
        schema.MARK_FEMALE,
        schema.BIRTH_DATE,
        schema.BIRTH_MALE,
        schema.BIRTH_FEMALE,
    )
    out = _roster(**{c: [r[i] for r in rows] for i, c in enumerate(columns)})
    assert _plain(out[schema.GENDER]) == [r[6] for r in rows]
    assert list(out[schema.GENDER].cat.categories) == ["male", "female", "unknown"]
    assert out["gender_conflict"].tolist() == [r[7] for r in rows]
    assert out["gender_absent"].tolist() == [r[8] for r in rows]
    births = [None if pd.isna(v) else v.date().isoformat() for v in out[schema.BIRTH_DATE]]
    assert births == [r[9] for r in rows]
    assert _plain(out[f"{schema.BIRTH_DATE}_status"]) == [r[10] for r in rows]


def test_dates_only_some_rosters_have() -> None:
    from dvstat import schema

    pipeline, badge = schema.PIPELINE_DATES[0], schema.BADGE_DATES[0]
    out = _roster(**{pipeline: ["05/03/2025", "", None], badge: ["1/2/2010", "x", None]})
    for name, expected, status, text in (
        (pipeline, ["2025-03-05", None, None], ["ok", "empty", "absent"], ["05/03/2025", "", ""]),
        (badge, ["2010-02-01", None, None], ["ok", "bad", "absent"], ["1/2/2010", "x", ""]),
    ):
        assert [None if pd.isna(v) else v.date().isoformat() for v in out[name]] == expected
        assert _plain(out[f"{name}_status"]) == status
        assert _plain(out[f"{name}_text"]) == text
    blank = _roster(**{pipeline: [None, None]})
    assert pipeline not in blank and f"{pipeline}_status" not in blank
    # the four dates every roster is read for are there, even without their columns
    for name in (schema.ADMISSION_DATE, schema.OFFICIAL_DATE, schema.LEAVE_DATE):
        assert blank[name].isna().all() and _plain(blank[f"{name}_status"]) == ["absent"] * 2


def test_a_re_admission_from_its_column_or_the_notes() -> None:
    from dvstat import schema

    out = _roster(
        **{
            schema.READMITTED: ["x", "không", "", None, None, "Có"],
            schema.NOTES: [None, None, "Kết nạp lại 2019", "kết nạp lại", "ốm nặng", ""],
        }
    )
    assert _plain(out[schema.READMITTED]) == ["yes", "no", "yes", "yes", "no", "yes"]
    assert list(out[schema.READMITTED].cat.categories) == ["yes", "no"]
    # the notes alone also say where a candidate stands, and mark a badge proposal
    notes_only = _roster(**{schema.NOTES: ["Đã kết nạp Đảng", "Ốm nặng"]})
    assert _plain(notes_only["candidate_status"]) == ["admitted", ""]
    assert _plain(notes_only["badge_mark"]) == ["", "ill"]
    status_only = _roster(**{schema.STATUS: ["Chuyển đi", "Truy tặng"]})
    assert _plain(status_only["candidate_status"]) == ["dropped", ""]
    assert _plain(status_only["badge_mark"]) == ["", "posthumous"]
    neither = _roster(**{schema.GENDER: ["Nam"]})
    assert "candidate_status" not in neither and "badge_mark" not in neither


def _padded(word: str, size: int) -> str:
    return word + " " + "x" * (size - len(word) - 1)


@pytest.mark.parametrize(
    ("field", "word", "shown", "read", "unread"),
    [
        ("general_education", "12/12", "general_education", "upper_secondary", "unknown"),
        ("occupation", "Nông dân", "occupation", "farmer", "other"),
        ("badge_held", "30 năm", "badge_held", 30, 0),
        ("discipline", "Khiển trách", "discipline", "khien_trach", ""),
        ("notes", "Ốm nặng", "badge_mark", "ill", ""),
    ],
)
def test_a_cell_of_1000_characters_is_read_and_one_more_is_not(
    field: str, word: str, shown: str, read: object, unread: object
) -> None:
    out = _roster(**{field: [_padded(word, 1000), _padded(word, 1001)]})
    assert _plain(out[shown]) == [read, unread]
    if f"{field}_long" in out:
        assert out[f"{field}_long"].tolist() == [False, True]
        assert out[f"{field}_bad"].tolist() == [False, True]


def test_each_row_s_units_as_first_spelled() -> None:
    """A row without a branch is its sheet's or file's unit ('S' here), unless its
    organization is itself a grassroots chi bộ; each unit is shown as first written."""
    from dvstat import schema

    out = _roster(
        **{
            schema.BRANCH: ["Chi bộ 1", None, "", "CHI BỘ 1", None],
            schema.ORG: ["Đảng bộ xã A", "Chi bộ cơ sở C", "Đảng bộ xã A", "đảng bộ xã a", None],
            schema.PARENT: ["Huyện ủy B", None, None, "HUYỆN ỦY B", ""],
        }
    )
    assert _plain(out[schema.BRANCH]) == ["Chi bộ 1", "Chi bộ cơ sở C", "S", "Chi bộ 1", "S"]
    assert _plain(out[schema.ORG]) == [
        "Đảng bộ xã A", "Chi bộ cơ sở C", "Đảng bộ xã A", "Đảng bộ xã A", None,
    ]  # fmt: skip
    assert _plain(out[schema.PARENT]) == ["Huyện ủy B", None, None, "Huyện ủy B", None]
    assert list(out[schema.PARENT].cat.categories) == ["Huyện ủy B"]


def test_identifiers_are_cleaned_and_citizen_ids_get_their_zeros_back() -> None:
    from dvstat import schema

    out = _roster(
        **{
            schema.RECORD_NO: [" 12 ", None, "", "LL-07"],
            schema.CITIZEN_ID: ["1095012345", "001095012345", None, "123456789"],
            schema.CARD_NO: ["12345", "A\u200b-1", None, ""],
        }
    )
    assert _plain(out[schema.RECORD_NO]) == ["12", None, "", "LL-07"]
    # 10 or 11 digits lost their zeros as numbers; 9 digits is an old CMND, left as is
    assert _plain(out[schema.CITIZEN_ID]) == ["001095012345", "001095012345", None, "123456789"]
    assert _plain(out[schema.CARD_NO]) == ["12345", "A-1", None, ""]


def test_a_value_field_its_code_text_and_flags() -> None:
    from dvstat import schema

    out = _roster(
        **{
            schema.ETHNICITY: ["Kinh", None, "", "abc", LONG, "Tày"],
            schema.YOUTH_UNION: ["Đoàn viên", None, "", "abc", "x", "Không"],
        }
    )
    name = schema.ETHNICITY
    assert _plain(out[name]) == ["kinh", "unknown", "unknown", "other", "other", "tay"]
    assert _plain(out[f"{name}_text"]) == ["Kinh", "", "", "abc", SHOWN_LONG, "Tày"]
    assert out[f"{name}_bad"].tolist() == [False, False, False, True, True, False]
    assert out[f"{name}_long"].tolist() == [False, False, False, False, True, False]
    # a missing cell: the sheet has no such column (an empty one is a missing value)
    assert out[f"{name}_absent"].tolist() == [False, True, False, False, False, False]
    youth = schema.YOUTH_UNION
    assert _plain(out[youth]) == ["yes", "unknown", "no", "unknown", "yes", "no"]
    assert _plain(out[f"{youth}_text"]) == ["Đoàn viên", "", "", "abc", "x", "Không"]
    assert out[f"{youth}_bad"].tolist() == [False, False, False, True, False, False]


def test_coded_columns_keep_every_category_in_order_whatever_the_rows_hold() -> None:
    """Frames of several files are joined column by column: a column's categories are
    the field's own, in its order, not the ones a file happens to hold."""
    from dvstat import schema
    from dvstat.normalize import ABSENT, BAD, EMPTY, OK, YEAR_ONLY

    flag = schema.FORM_FLAGS[0]
    out = _roster(
        **{
            flag: ["không", "x"],
            schema.BADGE_HELD: ["Có", "30 năm"],
            schema.NOTES: ["ốm nặng", ""],
        }
    )
    assert list(out[flag].cat.categories) == ["yes", "no", "unknown"]
    assert list(out[f"{schema.BADGE_HELD}_status"].cat.categories) == [
        ABSENT, EMPTY, OK, YEAR_ONLY, BAD,
    ]  # fmt: skip
    assert list(out["badge_mark"].cat.categories) == ["", "ill", "posthumous"]
    assert _plain(out["badge_mark"]) == ["ill", ""]
