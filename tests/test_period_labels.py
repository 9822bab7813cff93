"""How every kind of period is named in reports (Vietnamese and English), coded in file
names, and bounded: written out by hand for each kind, including the comparison periods."""

from __future__ import annotations

from datetime import date

import pytest

from dvstat.periods import (
    PeriodError,
    comparison_period,
    half_period,
    month_period,
    parse_period,
    previous_year,
    quarter_period,
    range_period,
    term_period,
    year_period,
    year_to_date,
)

AS_OF = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("make", "start", "end", "vi", "en", "code"),
    [
        (
            lambda: year_period(2025),
            date(2025, 1, 1),
            date(2025, 12, 31),
            "năm 2025",
            "year 2025",
            "2025",
        ),
        (
            lambda: term_period(2020, 2025),
            date(2020, 1, 1),
            date(2025, 12, 31),
            "nhiệm kỳ 2020–2025",
            "term 2020–2025",
            "2020-2025",
        ),
        (
            lambda: half_period(2025, 1),
            date(2025, 1, 1),
            date(2025, 6, 30),
            "6 tháng đầu năm 2025",
            "first half of 2025",
            "2025-H1",
        ),
        (
            lambda: half_period(2025, 2),
            date(2025, 7, 1),
            date(2025, 12, 31),
            "6 tháng cuối năm 2025",
            "second half of 2025",
            "2025-H2",
        ),
        (
            lambda: quarter_period(2025, 3),
            date(2025, 7, 1),
            date(2025, 9, 30),
            "quý III/2025",
            "Q3 2025",
            "2025-Q3",
        ),
        (
            lambda: quarter_period(2024, 1),
            date(2024, 1, 1),
            date(2024, 3, 31),
            "quý I/2024",
            "Q1 2024",
            "2024-Q1",
        ),
        (
            lambda: month_period(2024, 2),
            date(2024, 2, 1),
            date(2024, 2, 29),
            "tháng 2/2024",
            "February 2024",
            "2024-02",
        ),
        (
            lambda: month_period(2025, 11),
            date(2025, 11, 1),
            date(2025, 11, 30),
            "tháng 11/2025",
            "November 2025",
            "2025-11",
        ),
        (
            lambda: range_period(date(2025, 3, 5), date(2025, 4, 9)),
            date(2025, 3, 5),
            date(2025, 4, 9),
            "từ 05/03/2025 đến 09/04/2025",
            "05/03/2025 to 09/04/2025",
            "20250305-20250409",
        ),
        (
            lambda: year_to_date(date(2026, 3, 7)),
            date(2026, 1, 1),
            date(2026, 3, 7),
            "từ đầu năm 2026 đến 07/03/2026",
            "2026 to 07/03/2026",
            "2026-den-0307",
        ),
    ],
)
def test_a_period_is_named_coded_and_bounded(make, start, end, vi, en, code) -> None:  # type: ignore[no-untyped-def]
    period = make()  # made inside the test, so that mutation testing attributes it here
    assert (period.start, period.end) == (start, end)
    assert (period.label("vi"), period.label("en"), period.code) == (vi, en, code)
    assert period.to_dict("vi") == {"from": start.isoformat(), "to": end.isoformat(), "label": vi}


@pytest.mark.parametrize(
    ("text", "code", "vi"),
    [
        ("2025", "2025", "năm 2025"),
        ("2025-H2", "2025-H2", "6 tháng cuối năm 2025"),
        ("2025-Q4", "2025-Q4", "quý IV/2025"),
        ("2025-07", "2025-07", "tháng 7/2025"),
        ("2020-2025", "2020-2025", "nhiệm kỳ 2020–2025"),
        ("last-month", "2026-10", "tháng 10/2026"),
        ("last-quarter", "2026-Q3", "quý III/2026"),
        ("last-half", "2026-H1", "6 tháng đầu năm 2026"),
        ("last-year", "2025", "năm 2025"),
        ("year-to-date", "2026-den-1122", "từ đầu năm 2026 đến 22/11/2026"),
    ],
)
def test_period_words(text: str, code: str, vi: str) -> None:
    period = parse_period(text, AS_OF)
    assert (period.code, period.label("vi")) == (code, vi)


def test_comparison_periods_are_named_with_their_dates() -> None:
    last = previous_year(quarter_period(2025, 3))
    assert last is not None
    assert (last.start, last.end, last.basis) == (date(2024, 7, 1), date(2024, 9, 30), "last_year")
    assert last.label("vi") == "cùng kỳ năm trước (01/07/2024–30/09/2024)"
    assert last.label("en") == "same period last year (01/07/2024–30/09/2024)"
    term = comparison_period(term_period(2021, 2025))
    assert term is not None
    assert (term.start, term.end, term.basis) == (
        date(2016, 1, 1),
        date(2020, 12, 31),
        "previous_term",
    )
    assert term.label("vi") == "cùng kỳ nhiệm kỳ trước (01/01/2016–31/12/2020)"
    assert term.label("en") == "same period of the previous term (01/01/2016–31/12/2020)"
    # the last day of February follows the month's end: 29/02/2024 <- 28/02/2025
    february = previous_year(month_period(2025, 2))
    assert february is not None and february.end == date(2024, 2, 29)


def test_a_term_of_one_year_and_a_range_of_one_day_are_periods() -> None:
    one_year = term_period(2025, 2025)
    assert (one_year.start, one_year.end) == (date(2025, 1, 1), date(2025, 12, 31))
    one_day = range_period(date(2025, 12, 31), date(2025, 12, 31))
    assert (one_day.start, one_day.end) == (date(2025, 12, 31), date(2025, 12, 31))


def test_backwards_terms_and_ranges_say_so_in_both_languages() -> None:
    with pytest.raises(PeriodError) as term:
        term_period(2025, 2024)
    assert (term.value.vi, term.value.en) == (
        "Nhiệm kỳ '2025-2024' có năm cuối trước năm đầu.",
        "Term '2025-2024' ends before it starts.",
    )
    with pytest.raises(PeriodError) as backwards:
        range_period(date(2025, 3, 2), date(2025, 3, 1))
    assert backwards.value.en == "End date 01/03/2025 is before start date 02/03/2025."


@pytest.mark.parametrize(
    ("text", "as_of", "code"),
    [
        ("2025-1", AS_OF, "2025-01"),
        ("2025-12", AS_OF, "2025-12"),
        # the quarter before the one holding the day: January -> Q4 of the year before
        ("last-quarter", date(2026, 1, 15), "2025-Q4"),
        ("last-quarter", date(2026, 3, 31), "2025-Q4"),
        ("last-quarter", date(2026, 4, 1), "2026-Q1"),
        ("last-quarter", date(2026, 12, 31), "2026-Q3"),
        # the half before: up to 30 June it is the second half of the year before
        ("last-half", date(2026, 6, 30), "2025-H2"),
        ("last-half", date(2026, 7, 1), "2026-H1"),
        ("last-month", date(2026, 1, 31), "2025-12"),
    ],
)
def test_period_words_at_their_bounds(text: str, as_of: date, code: str) -> None:
    assert parse_period(text, as_of).code == code


@pytest.mark.parametrize("text", ["2025-0", "2025-13"])
def test_months_outside_1_to_12_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text, AS_OF)


def test_last_year_of_a_term_never_counts_a_day_of_the_term_itself() -> None:
    """2021–2025 a year earlier is 2020–2024, cut to end the day before the term starts."""
    last = previous_year(term_period(2021, 2025))
    assert last is not None
    assert (last.start, last.end, last.basis) == (date(2020, 1, 1), date(2020, 12, 31), "last_year")


def test_the_options_name_one_period() -> None:
    from dvstat.periods import resolve_period

    chosen = resolve_period(as_of=AS_OF, start=date(2025, 3, 5), end=date(2025, 4, 9))
    assert (chosen.start, chosen.end, chosen.code) == (
        date(2025, 3, 5),
        date(2025, 4, 9),
        "20250305-20250409",
    )
    assert resolve_period(as_of=AS_OF, period="last-month").code == "2026-10"
    with pytest.raises(PeriodError) as two:
        resolve_period(as_of=AS_OF, year=2025, period="2025-Q1")
    assert (two.value.vi, two.value.en) == (
        "Chỉ chọn một kỳ: --year, --period.",
        "Choose one period only: --year, --period.",
    )
    with pytest.raises(PeriodError) as half:
        resolve_period(as_of=AS_OF, start=date(2025, 3, 5))
    assert (half.value.vi, half.value.en) == (
        "Cần cả --from và --to.",
        "Both --from and --to are needed.",
    )
