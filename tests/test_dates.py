"""Calendar arithmetic (``dvstat.dates``), each value worked out on a calendar: the day
before, of and after each anniversary, month ends, leap days and the turn of the year."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from dvstat.dates import add_months, add_months_each, full_months, full_years, month_later


def _days(*values: str | None) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values))).astype("datetime64[s]")


def test_full_months_the_day_before_of_and_after() -> None:
    start = _days("2025-03-15", "2025-03-15", "2025-03-15", "2025-03-15", "2024-12-31")
    end = _days("2025-04-14", "2025-04-15", "2025-04-16", "2026-03-14", "2025-01-31")
    assert full_months(start, end).tolist() == [0, 1, 1, 11, 1]


def test_full_months_to_one_day_and_what_has_none() -> None:
    start = _days("2007-12-05", "2007-12-06", "2007-12-04", None, "2026-01-01")
    found = full_months(start, date(2025, 12, 5))
    # 18 years = 216 months on the day; a day later born: 215; a day earlier: 216
    assert found.tolist()[:3] == [216, 215, 216]
    assert np.isnan(found.iloc[3])  # no start date
    assert np.isnan(found.iloc[4])  # the end before the start
    assert full_months(_days("2025-01-01"), pd.Timestamp("2025-01-01")).tolist() == [0]
    missing_end = full_months(_days("2025-01-01"), _days(None))
    assert np.isnan(missing_end.iloc[0])


def test_full_years_by_birthday() -> None:
    birth = _days("1965-06-30", "1965-07-01", "1965-06-29", "2008-02-29")
    years = full_years(birth, date(2025, 6, 30))
    assert years.tolist() == [60, 59, 60, 17]
    assert str(years.dtype) == "Int64"
    # 29/02/2008: 18 full years on 01/03/2026 (no 29/02 in 2026), 17 on 28/02/2026
    leap = full_years(_days("2008-02-29", "2008-02-29"), _days("2026-02-28", "2026-03-01"))
    assert leap.tolist() == [17, 18]
    assert full_years(_days(None), date(2025, 1, 1)).isna().tolist() == [True]


def test_add_months_is_calendar_months_clipped_to_the_month_end() -> None:
    dates = _days("2024-02-29", "2025-01-31", "2025-03-10", "2025-11-30", None)
    assert add_months(dates, 12).tolist()[:4] == [
        pd.Timestamp("2025-02-28"),
        pd.Timestamp("2026-01-31"),
        pd.Timestamp("2026-03-10"),
        pd.Timestamp("2026-11-30"),
    ]
    assert add_months(dates, 1).tolist()[:4] == [
        pd.Timestamp("2024-03-29"),
        pd.Timestamp("2025-02-28"),
        pd.Timestamp("2025-04-10"),
        pd.Timestamp("2025-12-30"),
    ]
    assert add_months(dates, 3).iloc[3] == pd.Timestamp("2026-02-28")  # over the year's turn
    assert add_months(dates, -1).iloc[2] == pd.Timestamp("2025-02-10")
    assert add_months(dates, 12).isna().tolist() == [False] * 4 + [True]
    assert add_months(dates, 12).dtype == dates.dtype


def test_month_later_for_one_day() -> None:
    assert month_later(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert month_later(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert month_later(date(2025, 11, 15), 3) == date(2026, 2, 15)
    assert month_later(date(2025, 3, 1), -2) == date(2025, 1, 1)


def test_add_months_each_row_its_own_number() -> None:
    dates = _days("2024-01-31", "2024-01-31", "2025-11-30", "2025-05-19", None, "2025-05-19")
    months = pd.Series([1, 13, 3, 0, 5, np.nan])
    found = add_months_each(dates, months)
    assert found.tolist()[:4] == [
        pd.Timestamp("2024-02-29"),  # a leap year's February
        pd.Timestamp("2025-02-28"),
        pd.Timestamp("2026-02-28"),  # over the turn of the year, clipped
        pd.Timestamp("2025-05-19"),
    ]
    assert found.isna().tolist() == [False, False, False, False, True, True]
    assert found.dtype == dates.dtype
    assert found.index.tolist() == dates.index.tolist()
    december = add_months_each(_days("2025-10-15"), pd.Series([2]))
    assert december.tolist() == [pd.Timestamp("2025-12-15")]  # month 12, not 0
    back = add_months_each(_days("2025-03-31"), pd.Series([-1]))
    assert back.tolist() == [pd.Timestamp("2025-02-28")]


def test_add_months_each_keeps_the_rows_index() -> None:
    """Rows of a filtered frame keep their labels: each row shifted by its own number."""
    dates = _days("2025-01-31", "2025-06-15").set_axis([7, 3])
    months = pd.Series([1, 2], index=[7, 3])
    found = add_months_each(dates, months)
    assert found.index.tolist() == [7, 3]
    assert found.tolist() == [pd.Timestamp("2025-02-28"), pd.Timestamp("2025-08-15")]
