"""The row checks (``dvstat.checks``) by hand, each date rule the day before, of and after
its bound: the admission date against the as-of day, 18 and 60 years by month on the day
of admission, a birth after the as-of day or after the admission, the day probation ends,
leaving and moving in against the admission and the as-of day."""

from __future__ import annotations

from datetime import date

import pandas as pd

from conftest import canonical_rows
from dvstat import schema
from dvstat.checks import validate_roster
from dvstat.normalize import normalize_roster

AS_OF = date(2025, 12, 31)


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return normalize_roster(canonical_rows(rows))


def _issues(rows: list[dict[str, object]], kind: str = "admissions") -> list[tuple[object, ...]]:
    validation = validate_roster(_frame(rows), [], AS_OF, kind)  # type: ignore[arg-type]
    # no sheet headers given: the issue names the field its column holds
    return sorted(
        (i.row, i.code, i.severity, i.detail.get("column_field")) for i in validation.issues
    )


def _rejected(rows: list[dict[str, object]], kind: str = "admissions") -> list[str | None]:
    validation = validate_roster(_frame(rows), [], AS_OF, kind)  # type: ignore[arg-type]
    return [None if pd.isna(r) else str(r) for r in validation.reason]


ADMITTED = schema.ADMISSION_DATE
BIRTH = schema.BIRTH_DATE


def test_the_admission_date_against_the_as_of_day() -> None:
    rows = [
        {ADMITTED: "30/12/2025"},
        {ADMITTED: "31/12/2025"},  # the as-of day: counted
        {ADMITTED: "01/01/2026"},  # the day after: rejected
        {ADMITTED: ""},
        {ADMITTED: "31/02/2025"},
    ]
    assert _rejected(rows) == [
        None, None, "future-date", "missing-admission-date", "bad-date",
    ]  # fmt: skip
    assert _issues(rows) == [
        (4, "future-date", "error", ADMITTED),
        (5, "missing-admission-date", "error", ADMITTED),
        (6, "bad-date", "error", ADMITTED),
    ]
    # a candidate's admission date is only a warning, never a reason to reject
    assert _rejected(rows, "candidates") == [None] * 5
    assert _issues(rows, "candidates") == [
        (4, "future-date", "warning", ADMITTED),
        (6, "bad-date", "warning", ADMITTED),
    ]


def test_eighteen_and_sixty_years_by_month_on_the_day_of_admission() -> None:
    rows = [
        {BIRTH: "16/06/2007", ADMITTED: "15/06/2025"},  # 17 years 11 months: under 18
        {BIRTH: "15/06/2007", ADMITTED: "15/06/2025"},  # 18 on the day
        {BIRTH: "14/06/2007", ADMITTED: "15/06/2025"},
        {BIRTH: "15/06/1965", ADMITTED: "15/06/2025"},  # 60 on the day: not over
        {BIRTH: "15/06/1965", ADMITTED: "14/07/2025"},  # 60 years 0 months still
        {BIRTH: "15/06/1965", ADMITTED: "15/07/2025"},  # 60 years 1 month: over
    ]
    assert _issues(rows) == [
        (2, "under-18", "error", BIRTH),
        (7, "over-60", "warning", BIRTH),
    ]
    # members and candidates are not judged by the admission rules
    assert _issues(rows, "members") == []


def test_a_birth_after_the_as_of_day_or_after_the_admission() -> None:
    rows = [
        {BIRTH: "31/12/2025", ADMITTED: ""},  # born on the as-of day
        {BIRTH: "01/01/2026", ADMITTED: ""},  # the day after
        {BIRTH: "01/06/2025", ADMITTED: "01/06/2025"},  # born on the admission day
        {BIRTH: "02/06/2025", ADMITTED: "01/06/2025"},  # the day after it
    ]
    found = [i for i in _issues(rows, "candidates") if i[1] != "under-18"]
    assert found == [
        (3, "future-date", "error", BIRTH),
        (5, "admitted-before-birth", "error", ADMITTED),
    ]


def test_the_day_probation_ends() -> None:
    official = schema.OFFICIAL_DATE
    rows = [
        {ADMITTED: "15/03/2024", official: "14/03/2025"},  # a day early
        {ADMITTED: "15/03/2024", official: "15/03/2025"},  # twelve months to the day
        {ADMITTED: "15/03/2024", official: "16/03/2025"},  # a day late: noted
        {ADMITTED: "31/01/2024", official: "29/02/2025"},  # not a date
        {ADMITTED: "29/02/2024", official: "28/02/2025"},  # a leap day: the month's end
    ]
    assert _issues(rows, "members") == [
        (2, "official-date-early", "error", official),
        (4, "official-date-mismatch", "warning", official),
        (5, "bad-date", "warning", official),
    ]


def test_leaving_and_moving_in_against_the_admission_and_the_as_of_day() -> None:
    leave, moved, reason = schema.LEAVE_DATE, schema.TRANSFER_IN_DATE, schema.STATUS
    rows = [
        {ADMITTED: "01/06/2020", leave: "31/05/2020", reason: "Chuyển đi"},  # before
        {ADMITTED: "01/06/2020", leave: "01/06/2020", reason: "Chuyển đi"},  # the same day
        {ADMITTED: "01/06/2020", leave: "31/12/2025", reason: "Từ trần"},  # the as-of day
        {ADMITTED: "01/06/2020", leave: "01/01/2026", reason: "Từ trần"},  # the day after
        {ADMITTED: "01/06/2020", reason: "Từ trần"},  # gone, no day given
        {ADMITTED: "01/06/2020", moved: "31/05/2020"},
        {ADMITTED: "01/06/2020", moved: "01/06/2020"},
        {ADMITTED: "01/06/2020", moved: "01/01/2026"},
    ]
    assert _issues(rows, "members") == [
        (2, "leave-before-admission", "error", leave),
        (5, "future-date", "warning", leave),
        (6, "leave-date-missing", "warning", leave),
        (7, "transfer-before-admission", "warning", moved),
        (9, "future-date", "warning", moved),
    ]


def test_a_possible_duplicate_names_the_row_it_may_repeat() -> None:
    """The same name and birth year only, other admission dates: maybe two people; both
    counted, the later pointed at the earlier. A CSV has no sheet: other_sheet ''."""
    name = schema.FULL_NAME
    rows = [
        {name: "Lò Văn Tú", BIRTH: "1995", ADMITTED: "10/03/2025"},
        {name: "Lò Văn Tú", BIRTH: "1995", ADMITTED: "20/08/2025"},
        {name: "Lò Văn Tú", BIRTH: "1996", ADMITTED: "20/08/2025"},  # another year
    ]
    frame = _frame(rows)
    frame[schema.SRC_SHEET] = pd.Categorical([None, None, None])
    validation = validate_roster(frame, [], AS_OF)
    found = [(i.code, i.severity, i.row, i.value, i.detail.get("column_field"), dict(i.detail))
             for i in validation.issues if "duplicate" in i.code]  # fmt: skip
    assert found == [
        ("possible-duplicate", "warning", 3, "Lò Văn Tú", "full_name",
         {"other_file": "f.xlsx", "other_sheet": "", "other_row": "2",
          "column_field": "full_name"}),
    ]  # fmt: skip
    assert validation.rejected.tolist() == [False, False, False]


def test_what_a_membership_row_says_of_leaving_in_full() -> None:
    leave, moved, status = schema.LEAVE_DATE, schema.TRANSFER_IN_DATE, schema.STATUS
    rows = [
        {ADMITTED: "01/06/2020", leave: "31/02/2025", status: "Chuyển đi"},  # not a date
        {ADMITTED: "01/06/2020", moved: "31/02/2025"},
        {ADMITTED: "01/06/2020", status: "Đi vắng"},  # no such status
        {ADMITTED: "01/06/2020", leave: "01/01/2026", status: "Từ trần"},
    ]
    validation = validate_roster(_frame(rows), [], AS_OF, "members")
    found = [(i.row, i.code, i.severity, i.value, dict(i.detail)) for i in validation.issues]
    assert sorted(found, key=lambda f: (f[0], f[1])) == [
        (2, "bad-date", "warning", "31/02/2025",
         {"consequence": "unknown", "column_field": leave}),
        (3, "bad-date", "warning", "31/02/2025",
         {"consequence": "unknown", "column_field": moved}),
        (4, "unknown-status", "warning", "Đi vắng", {"column_field": status}),
        (5, "future-date", "warning", "01/01/2026",
         {"consequence": "", "as_of": "31/12/2025", "column_field": leave}),
    ]  # fmt: skip


def test_each_admission_date_issue_in_full() -> None:
    rows = [{ADMITTED: "01/01/2026"}, {ADMITTED: "31/02/2025"}, {ADMITTED: ""}]
    validation = validate_roster(_frame(rows), [], AS_OF)
    found = sorted((i.row, i.code, i.severity, i.value, dict(i.detail)) for i in validation.issues)
    assert found == [
        (2, "future-date", "error", "01/01/2026",
         {"consequence": "rejected", "as_of": "31/12/2025", "column_field": ADMITTED}),
        (3, "bad-date", "error", "31/02/2025",
         {"consequence": "rejected", "column_field": ADMITTED}),
        (4, "missing-admission-date", "error", None, {"column_field": ADMITTED}),
    ]  # fmt: skip
    candidates = validate_roster(_frame(rows), [], AS_OF, "candidates")
    found = sorted((i.row, i.code, i.severity, dict(i.detail)) for i in candidates.issues)
    assert found == [
        (2, "future-date", "warning",
         {"consequence": "", "as_of": "31/12/2025", "column_field": ADMITTED}),
        (3, "bad-date", "warning", {"consequence": "unknown", "column_field": ADMITTED}),
    ]  # fmt: skip


def test_a_row_without_a_name_and_a_run_without_an_as_of_day() -> None:
    rows = [{schema.FULL_NAME: " "}, {ADMITTED: "01/01/2030"}]
    validation = validate_roster(_frame(rows), [], AS_OF)
    assert [str(r) for r in validation.reason.fillna("")] == ["missing-name", "future-date"]
    [missing] = [i for i in validation.issues if i.code == "missing-name"]
    assert (missing.row, missing.severity, missing.detail.get("column_field")) == (
        2, "error", schema.FULL_NAME,
    )  # fmt: skip
    # without an as-of day nothing is in the future
    open_ended = validate_roster(_frame(rows), [], None)
    assert [str(r) for r in open_ended.reason.fillna("")] == ["missing-name", ""]
    assert [i.code for i in open_ended.issues] == ["missing-name"]


def test_the_columns_each_kind_of_roster_needs() -> None:
    from dvstat.model import SheetInfo

    full = {f: f for f in ("full_name", "admission_date", "gender", "ethnicity", "religion",
                           "general_education")}  # fmt: skip
    sheets = [
        SheetInfo("f.xlsx", "S", 1, full, 2),
        SheetInfo("f.xlsx", "T", 3, {"full_name": "Họ và tên", "birth_date_male": "Nam"}, 1),
    ]
    frame = _frame([{}, {}, {}])
    frame[schema.SRC_SHEET] = pd.Categorical(["S", "S", "T"])

    def missing(kind: str) -> list[tuple[object, ...]]:
        validation = validate_roster(frame, sheets, AS_OF, kind)  # type: ignore[arg-type]
        return [
            (
                i.sheet,
                i.row,
                i.severity,
                i.detail["field"],
                i.detail["consequence"],
                i.detail["rows"],
            )
            for i in validation.issues
            if i.code == "missing-column"
        ]

    # T: no admission date (its row cannot be placed) and no ethnicity, religion or
    # education (unknown); its gender comes from the Nam / Nữ birth columns
    assert missing("admissions") == [
        ("T", 3, "error", "admission_date", "sheet-rejected", "1"),
        ("T", 3, "error", "ethnicity", "sheet-unknown", "1"),
        ("T", 3, "error", "religion", "sheet-unknown", "1"),
        ("T", 3, "error", "general_education", "sheet-unknown", "1"),
    ]
    rejected = validate_roster(frame, sheets, AS_OF).reason.fillna("").tolist()
    assert rejected == ["", "", "missing-column"]
    # a candidate roster needs a name only; without youth union or occupation it warns
    assert missing("candidates") == [
        ("S", 1, "warning", "youth_union", "sheet-unknown", "2"),
        ("S", 1, "warning", "occupation", "sheet-unknown", "2"),
        ("T", 3, "error", "ethnicity", "sheet-unknown", "1"),
        ("T", 3, "error", "religion", "sheet-unknown", "1"),
        ("T", 3, "error", "general_education", "sheet-unknown", "1"),
        ("T", 3, "warning", "youth_union", "sheet-unknown", "1"),
        ("T", 3, "warning", "occupation", "sheet-unknown", "1"),
    ]
    assert validate_roster(frame, sheets, AS_OF, "candidates").reason.isna().all()


def test_each_birth_date_issue_in_full() -> None:
    rows = [
        {BIRTH: "31/02/1990", ADMITTED: ""},
        {BIRTH: "", ADMITTED: ""},
        {BIRTH: "1995", ADMITTED: ""},
        {BIRTH: "01/01/2026", ADMITTED: ""},
        {BIRTH: "05/06/95", ADMITTED: ""},  # the century that makes an adult: 1995
    ]
    validation = validate_roster(_frame(rows), [], AS_OF, "candidates")
    found = sorted((i.row, i.code, i.severity, i.value, dict(i.detail)) for i in validation.issues)
    assert found == [
        (2, "bad-date", "warning", "31/02/1990",
         {"consequence": "unknown", "column_field": BIRTH}),
        (3, "missing-birth-date", "warning", None, {"column_field": BIRTH}),
        (4, "birth-year-only", "info", "1995", {"column_field": BIRTH}),
        (5, "future-date", "error", "01/01/2026",
         {"consequence": "unknown", "as_of": "31/12/2025", "column_field": BIRTH}),
        (6, "two-digit-year", "info", "05/06/95", {"year": "1995", "column_field": BIRTH}),
    ]  # fmt: skip


def test_a_rejected_row_is_checked_no_further_and_members_keep_their_schooling() -> None:
    general = schema.GENERAL_EDUCATION
    rows = [
        {ADMITTED: "01/01/2026", BIRTH: "31/02/1990"},  # rejected: its birth is not read
        {general: "5/12"},
    ]
    assert _issues(rows) == [
        (2, "future-date", "error", ADMITTED),
        (3, "below-lower-secondary", "warning", general),
    ]
    assert _issues(rows, "members") == [(2, "future-date", "error", ADMITTED)]


def test_each_value_issue_in_full() -> None:
    ethnicity, religion, gender = schema.ETHNICITY, schema.RELIGION, schema.GENDER
    long = "x" * 1001
    rows = [
        {ethnicity: ""},  # the column is there, the cell empty
        {religion: long},  # beyond 1.000 characters: never matched
        {gender: ""},
        {ethnicity: "Người sao Hỏa"},  # no such group
        # a date in both the man's and the woman's birth column
        {
            gender: None,
            BIRTH: None,
            schema.BIRTH_MALE: "01/01/1995",
            schema.BIRTH_FEMALE: "02/02/1996",
        },
        {schema.GENERAL_EDUCATION: "trên đại học"},
    ]
    validation = validate_roster(_frame(rows), [], AS_OF)
    found = sorted((i.row, i.code, i.severity, i.value, dict(i.detail)) for i in validation.issues)
    assert found == [
        (2, "missing-value", "warning", None, {"column_field": ethnicity}),
        # quoted cut at 1.000 characters
        (3, "value-too-long", "warning", "x" * 1000 + "…",
         {"limit": "1000", "column_field": religion}),
        (4, "missing-value", "warning", None, {"column_field": gender}),
        (5, "unknown-ethnicity", "warning", "Người sao Hỏa", {"column_field": ethnicity}),
        (6, "gender-conflict", "warning", None, {"column_field": BIRTH}),
        (7, "unknown-education", "warning", "trên đại học",
         {"column_field": schema.GENERAL_EDUCATION}),
    ]  # fmt: skip


def test_probation_and_age_issues_carry_the_day_and_the_age() -> None:
    official = schema.OFFICIAL_DATE
    rows = [
        {ADMITTED: "15/03/2024", official: "14/03/2025"},
        {ADMITTED: "15/03/2024", official: "16/03/2025"},
    ]
    found = [(i.row, i.code, dict(i.detail))
             for i in validate_roster(_frame(rows), [], AS_OF, "members").issues]  # fmt: skip
    assert found == [
        (2, "official-date-early", {"expected": "15/03/2025", "column_field": official}),
        (3, "official-date-mismatch", {"expected": "15/03/2025", "column_field": official}),
    ]
    ages = [
        {BIRTH: "16/06/2007", ADMITTED: "15/06/2025"},  # 215 months
        {BIRTH: "15/06/1965", ADMITTED: "15/07/2025"},  # 60 years (721 months)
    ]
    found = [
        (i.row, i.code, dict(i.detail)) for i in validate_roster(_frame(ages), [], AS_OF).issues
    ]
    assert found == [
        (2, "under-18", {"age": "215", "column_field": BIRTH}),
        (3, "over-60", {"years": "60", "column_field": BIRTH}),
    ]
