"""Calendar arithmetic on date columns, vectorized: full months and years between dates, and
the same day some calendar months later. The one home of these rules (age at admission,
age and years of membership on a date, probation, certificates)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd


def full_months(start: pd.Series, end: pd.Series | pd.Timestamp | date) -> pd.Series:
    """Full calendar months from ``start`` to ``end`` (a series or one day): the last month
    counts once its day is reached. NaN where a date is missing or ``end`` comes first."""
    stamp = end if isinstance(end, pd.Series) else pd.Series(pd.Timestamp(end), index=start.index)
    months = (
        (stamp.dt.year - start.dt.year) * 12
        + (stamp.dt.month - start.dt.month)
        - (stamp.dt.day < start.dt.day)
    )
    found: pd.Series = months.where(start.notna() & stamp.notna() & (months >= 0))
    return found


def full_years(start: pd.Series, end: pd.Series | pd.Timestamp | date) -> pd.Series:
    """Full years from ``start`` to ``end`` (birthday or anniversary reached or not)."""
    years: pd.Series = (full_months(start, end) // 12).astype("Int64")
    return years


def add_months(dates: pd.Series, months: int) -> pd.Series:
    """The same day ``months`` later, clipped to the month's end (29/02 + 12 -> 28/02).

    Calendar months, not days: probation is 12 calendar months (party_rules.py)."""
    shifted: pd.Series = (dates + pd.DateOffset(months=months)).astype(dates.dtype)
    return shifted


def month_later(day: date, months: int) -> date:
    """``add_months`` for one date (the same rule: pandas' calendar months)."""
    shifted: date = (pd.Timestamp(day) + pd.DateOffset(months=months)).date()
    return shifted


def add_months_each(dates: pd.Series, months: pd.Series) -> pd.Series:
    """``add_months`` with a number of months per row (whole numbers), clipped to the
    month's end the same way (31/01 + 1 -> 28 or 29/02). NaT where either is missing."""
    valid = dates.notna() & months.notna()
    days = dates.to_numpy(dtype="datetime64[D]")
    shift = np.nan_to_num(months.to_numpy(dtype="float64")).astype("int64")
    month = days.astype("datetime64[M]")
    target = month + shift.astype("timedelta64[M]")
    first = target.astype("datetime64[D]")
    length = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - first
    offset = np.minimum(days - month.astype("datetime64[D]"), length - np.timedelta64(1, "D"))
    shifted = pd.Series(first + offset, index=dates.index).astype(dates.dtype)
    result: pd.Series = shifted.where(valid)
    return result
