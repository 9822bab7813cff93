"""Period words against a fixed as-of date."""

from __future__ import annotations

from datetime import date

import pytest

from dvstat.periods import PeriodError, parse_period, previous_year, resolve_period


@pytest.mark.parametrize(("text", "as_of", "start", "end"), [
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
])
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
