"""Period words against a fixed as-of date."""

from __future__ import annotations

from datetime import date

import pytest

from dvstat.model import WHOLE_ROSTER, Period
from dvstat.periods import (
    PeriodError,
    comparison_period,
    longer_than_a_year,
    parse_period,
    previous_year,
    quarter_period,
    range_period,
    resolve_period,
    term_period,
    year_period,
)


@pytest.mark.parametrize(
    ("text", "as_of", "start", "end"),
    [
        ("2023", date(2026, 5, 5), date(2023, 1, 1), date(2023, 12, 31)),
        ("2023-H1", date(2026, 5, 5), date(2023, 1, 1), date(2023, 6, 30)),
        ("2023-h2", date(2026, 5, 5), date(2023, 7, 1), date(2023, 12, 31)),
        ("2023-Q3", date(2026, 5, 5), date(2023, 7, 1), date(2023, 9, 30)),
        ("2024-02", date(2026, 5, 5), date(2024, 2, 1), date(2024, 2, 29)),
        ("2020-2025", date(2026, 5, 5), date(2020, 1, 1), date(2025, 12, 31)),
        ("last-month", date(2026, 1, 15), date(2025, 12, 1), date(2025, 12, 31)),
        ("last-month", date(2026, 3, 31), date(2026, 2, 1), date(2026, 2, 28)),
        ("last-quarter", date(2026, 2, 10), date(2025, 10, 1), date(2025, 12, 31)),
        ("last-quarter", date(2026, 8, 10), date(2026, 4, 1), date(2026, 6, 30)),
        ("last-half", date(2026, 3, 1), date(2025, 7, 1), date(2025, 12, 31)),
        ("last-half", date(2026, 9, 1), date(2026, 1, 1), date(2026, 6, 30)),
        ("last-year", date(2026, 1, 1), date(2025, 1, 1), date(2025, 12, 31)),
        ("year-to-date", date(2026, 11, 22), date(2026, 1, 1), date(2026, 11, 22)),
    ],
)
def test_parse_period(text: str, as_of: date, start: date, end: date) -> None:
    period = parse_period(text, as_of)
    assert (period.start, period.end) == (start, end)


def test_labels_read_like_a_report() -> None:
    assert parse_period("2023-Q3", date(2026, 1, 1)).label_vi == "quý III/2023"
    assert parse_period("2023-H1", date(2026, 1, 1)).label_vi == "6 tháng đầu năm 2023"
    assert parse_period("2020-2025", date(2026, 1, 1)).label_vi == "nhiệm kỳ 2020–2025"


def test_previous_year_of_a_leap_february() -> None:
    previous = previous_year(parse_period("2024-02", date(2026, 1, 1)))
    assert previous is not None
    assert (previous.start, previous.end) == (date(2023, 2, 1), date(2023, 2, 28))
    previous = previous_year(parse_period("2025-02", date(2026, 1, 1)))
    assert previous is not None and previous.end == date(2024, 2, 29)


def test_options_resolve_and_conflict() -> None:
    as_of = date(2026, 6, 1)
    assert resolve_period(as_of=as_of).start is None
    assert resolve_period(as_of=as_of, year=2024).end == date(2024, 12, 31)
    assert resolve_period(as_of=as_of, term="2020-2025").start == date(2020, 1, 1)
    with pytest.raises(PeriodError):
        resolve_period(as_of=as_of, year=2024, period="2024")
    with pytest.raises(PeriodError):
        parse_period("2024-Q5", as_of)
    with pytest.raises(PeriodError):
        resolve_period(as_of=as_of, start=date(2024, 1, 1))


@pytest.mark.parametrize(
    ("period", "basis", "as_of", "start", "end", "kind"),
    [
        # a term against the previous term: shifted by term_years (5)
        (
            term_period(2021, 2025),
            "auto",
            None,
            date(2016, 1, 1),
            date(2020, 12, 31),
            "previous_term",
        ),
        # years named inclusively share 2020 with the previous term: never counted twice
        (
            term_period(2020, 2025),
            "auto",
            None,
            date(2015, 1, 1),
            date(2019, 12, 31),
            "previous_term",
        ),
        # the first half of a term against the first half of the previous one
        (
            range_period(date(2021, 1, 1), date(2023, 6, 30)),
            "auto",
            None,
            date(2016, 1, 1),
            date(2018, 6, 30),
            "previous_term",
        ),
        (year_period(2025), "auto", None, date(2024, 1, 1), date(2024, 12, 31), "last_year"),
        (
            year_period(2025),
            "previous_term",
            None,
            date(2020, 1, 1),
            date(2020, 12, 31),
            "previous_term",
        ),
        # a term asked against last year: clipped the day before it starts
        (
            term_period(2021, 2025),
            "last_year",
            None,
            date(2020, 1, 1),
            date(2020, 12, 31),
            "last_year",
        ),
        # a quarter still running: against the same days a year earlier
        (
            quarter_period(2026, 3),
            "auto",
            date(2026, 8, 15),
            date(2025, 7, 1),
            date(2025, 8, 15),
            "last_year",
        ),
        (
            quarter_period(2026, 3),
            "auto",
            date(2026, 12, 1),
            date(2025, 7, 1),
            date(2025, 9, 30),
            "last_year",
        ),
    ],
)
def test_comparison_periods(
    period: Period, basis: str, as_of: date | None, start: date, end: date, kind: str
) -> None:
    found = comparison_period(period, basis, 5, as_of)
    assert found is not None
    assert (found.start, found.end, found.basis) == (start, end, kind)


def test_a_period_of_exactly_a_year_is_compared_with_last_year() -> None:
    assert not longer_than_a_year(range_period(date(2024, 3, 1), date(2025, 2, 28)))
    assert longer_than_a_year(range_period(date(2024, 3, 1), date(2025, 3, 1)))
    assert not longer_than_a_year(range_period(date(2023, 3, 1), date(2024, 2, 29)))
    assert comparison_period(WHOLE_ROSTER) is None


def test_comparison_labels() -> None:
    found = comparison_period(term_period(2021, 2025))
    assert found is not None
    assert found.label_vi == "cùng kỳ nhiệm kỳ trước (01/01/2016–31/12/2020)"
    assert found.to_dict("en") == {
        "from": "2016-01-01",
        "to": "2020-12-31",
        "label": "same period of the previous term (01/01/2016–31/12/2020)",
        "basis": "previous_term",
    }
