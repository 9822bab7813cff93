"""Period words -> inclusive date ranges, computed from an as-of date that is passed in.

'2023', '2023-H1', '2023-Q3', '2023-07', '2020-2025' (a congress term, years inclusive),
'last-month', 'last-quarter', 'last-half', 'last-year', 'year-to-date' (docs/commands.md); and the
period a report compares with: the same period a year earlier, or, for a period longer than
a year, the same dates one term earlier.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dvstat import schema
from dvstat.errors import UsageError
from dvstat.formatting import MONTHS_EN, dmy
from dvstat.model import WHOLE_ROSTER, Period
from dvstat.party_rules import FOUNDING_YEAR

if TYPE_CHECKING:
    import pandas as pd

FIRST_YEAR, LAST_YEAR = FOUNDING_YEAR, 2100
TERM_YEARS = 5
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
TERM_PATTERN = re.compile(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*")
PERIOD_WORDS = (
    "2023, 2023-H1, 2023-Q3, 2023-07, 2020-2025, last-month, last-quarter, "
    "last-half, last-year, year-to-date"
)


class PeriodError(UsageError):
    """A period option that names no period (a usage error: exit code 2)."""


def check_year(year: int) -> int:
    """A year a roster can hold: 1930 to 2100 ('--year 25' is not the year 2025)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(
            f"Năm {year} không hợp lệ: cần một năm từ {FIRST_YEAR} đến {LAST_YEAR}, ví dụ 2025.",
            f"Year {year} is not valid: use a year from {FIRST_YEAR} to {LAST_YEAR}, such as 2025.",
        )
    return year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def year_period(year: int) -> Period:
    check_year(year)
    return Period(date(year, 1, 1), date(year, 12, 31), f"năm {year}", f"year {year}", str(year))


def term_period(first: int, last: int) -> Period:
    check_year(first)
    check_year(last)
    if last < first:
        raise PeriodError(
            f"Nhiệm kỳ '{first}-{last}' có năm cuối trước năm đầu.",
            f"Term '{first}-{last}' ends before it starts.",
        )
    return Period(
        date(first, 1, 1),
        date(last, 12, 31),
        f"nhiệm kỳ {first}–{last}",
        f"term {first}–{last}",
        f"{first}-{last}",
    )


def half_period(year: int, half: int) -> Period:
    check_year(year)
    if half == 1:
        return Period(
            date(year, 1, 1),
            date(year, 6, 30),
            f"6 tháng đầu năm {year}",
            f"first half of {year}",
            f"{year}-H1",
        )
    return Period(
        date(year, 7, 1),
        date(year, 12, 31),
        f"6 tháng cuối năm {year}",
        f"second half of {year}",
        f"{year}-H2",
    )


def quarter_period(year: int, quarter: int) -> Period:
    check_year(year)
    first = 3 * (quarter - 1) + 1
    return Period(
        date(year, first, 1),
        _month_end(year, first + 2),
        f"quý {_ROMAN[quarter]}/{year}",
        f"Q{quarter} {year}",
        f"{year}-Q{quarter}",
    )


def month_period(year: int, month: int) -> Period:
    check_year(year)
    return Period(
        date(year, month, 1),
        _month_end(year, month),
        f"tháng {month}/{year}",
        f"{MONTHS_EN[month - 1]} {year}",
        f"{year}-{month:02d}",
    )


def range_period(start: date, end: date) -> Period:
    check_year(start.year)
    check_year(end.year)
    if end < start:
        raise PeriodError(
            f"Ngày kết thúc {dmy(end)} trước ngày bắt đầu {dmy(start)}.",
            f"End date {dmy(end)} is before start date {dmy(start)}.",
        )
    return Period(
        start,
        end,
        f"từ {dmy(start)} đến {dmy(end)}",
        f"{dmy(start)} to {dmy(end)}",
        f"{start:%Y%m%d}-{end:%Y%m%d}",
    )


def year_to_date(as_of: date) -> Period:
    return Period(
        date(as_of.year, 1, 1),
        as_of,
        f"từ đầu năm {as_of.year} đến {dmy(as_of)}",
        f"{as_of.year} to {dmy(as_of)}",
        f"{as_of.year}-den-{as_of:%m%d}",
    )


def parse_term(text: str) -> tuple[int, int] | None:
    """'2020-2025' (or with an en dash, spaces) -> (2020, 2025); None for anything else."""
    m = TERM_PATTERN.fullmatch(text)
    return (int(m[1]), int(m[2])) if m else None


# Complex by design: one branch per period word (2025-Q3, last-month…).
def parse_period(text: str, as_of: date) -> Period:  # noqa: C901
    """A ``--period`` value as a Period; PeriodError names what was expected."""
    value = text.strip().lower()
    if m := re.fullmatch(r"(\d{4})", value):
        return year_period(int(m[1]))
    if m := re.fullmatch(r"(\d{4})-h([12])", value):
        return half_period(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})-q([1-4])", value):
        return quarter_period(int(m[1]), int(m[2]))
    if (m := re.fullmatch(r"(\d{4})-(\d{1,2})", value)) and 1 <= int(m[2]) <= 12:
        return month_period(int(m[1]), int(m[2]))
    if term := parse_term(value):
        return term_period(*term)
    if value == "last-month":
        year, month = (as_of.year - 1, 12) if as_of.month == 1 else (as_of.year, as_of.month - 1)
        return month_period(year, month)
    if value == "last-quarter":
        quarter = (as_of.month - 1) // 3 + 1
        return (
            quarter_period(as_of.year - 1, 4)
            if quarter == 1
            else quarter_period(as_of.year, quarter - 1)
        )
    if value == "last-half":
        return half_period(as_of.year - 1, 2) if as_of.month <= 6 else half_period(as_of.year, 1)
    if value == "last-year":
        return year_period(as_of.year - 1)
    if value == "year-to-date":
        return year_to_date(as_of)
    raise PeriodError(
        f"Không hiểu kỳ '{text}'. Dùng: {PERIOD_WORDS}.",
        f"Unknown period '{text}'. Use: {PERIOD_WORDS}.",
    )


def resolve_period(
    *,
    as_of: date,
    year: int | None = None,
    term: str | None = None,
    start: date | None = None,
    end: date | None = None,
    period: str | None = None,
) -> Period:
    """The one period the options name; none of them means the whole roster."""
    given = [
        name
        for name, value in (
            ("--year", year),
            ("--term", term),
            ("--from/--to", start or end),
            ("--period", period),
        )
        if value is not None
    ]
    if len(given) > 1:
        raise PeriodError(
            f"Chỉ chọn một kỳ: {', '.join(given)}.", f"Choose one period only: {', '.join(given)}."
        )
    if year is not None:
        return year_period(year)
    if term is not None:
        years = parse_term(term)
        if years is None:
            raise PeriodError(
                f"Nhiệm kỳ '{term}' phải có dạng 2020-2025.",
                f"Term '{term}' must look like 2020-2025.",
            )
        return term_period(*years)
    if start is not None or end is not None:
        if start is None or end is None:
            raise PeriodError("Cần cả --from và --to.", "Both --from and --to are needed.")
        return range_period(start, end)
    if period is not None:
        return parse_period(period, as_of)
    return WHOLE_ROSTER


def shift_year(day: date, years: int) -> date:
    """The same day ``years`` earlier or later; 29/02 becomes 28/02 in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _shift(day: date, years: int) -> date:
    """``shift_year`` keeping a month's last day the month's last day (28/02 -> 29/02)."""
    shifted = shift_year(day, years)
    if day == _month_end(day.year, day.month):
        return _month_end(shifted.year, shifted.month)
    return shifted


def longer_than_a_year(period: Period) -> bool:
    """Whether the period spans more than one year (a term, half a term)."""
    if period.start is None or period.end is None:
        return False
    return period.end > _shift(period.start, 1) - timedelta(days=1)


def comparison_period(
    period: Period, basis: str = "auto", term_years: int = TERM_YEARS, as_of: date | None = None
) -> Period | None:
    """The period a report compares with; None for the whole roster.

    ``basis`` 'last_year' is the same dates a year earlier ('cùng kỳ năm trước');
    'previous_term' the same dates ``term_years`` earlier ('cùng kỳ nhiệm kỳ trước');
    'auto' takes the second for a period longer than a year. A comparison never counts a
    day twice: where the shifted dates reach into the period itself (a term '2020-2025'
    against '2015-2020'), it ends the day before the period starts. For a period still
    running on ``as_of``, the comparison runs to the same day (1/7 to 15/8 against 1/7 to
    15/8 a year earlier, not against the whole of last year's quarter).
    """
    if period.start is None or period.end is None:
        return None
    if basis == "auto":
        basis = "previous_term" if longer_than_a_year(period) else "last_year"
    years = term_years if basis == "previous_term" else 1
    last = min(period.end, as_of) if as_of is not None and as_of >= period.start else period.end
    start, end = _shift(period.start, -years), _shift(last, -years)
    if end >= period.start:
        end = period.start - timedelta(days=1)
    if end < start:
        return None
    if basis == "previous_term":
        vi, en = "cùng kỳ nhiệm kỳ trước", "same period of the previous term"
    else:
        vi, en = "cùng kỳ năm trước", "same period last year"
    return Period(
        start,
        end,
        f"{vi} ({dmy(start)}–{dmy(end)})",
        f"{en} ({dmy(start)}–{dmy(end)})",
        basis=basis,
    )


def previous_year(period: Period) -> Period | None:
    """The same period one year earlier ('cùng kỳ năm trước'); None for the whole roster."""
    return comparison_period(period, "last_year")


def in_period(
    frame: pd.DataFrame, period: Period, column: str = schema.ADMISSION_DATE
) -> pd.Series:
    """Rows whose date (admission by default) falls in the period, both ends included
    (all dated rows for the whole roster)."""
    import pandas as pd

    dates = frame[column]
    mask = dates.notna()
    if period.start is not None:
        mask &= dates >= pd.Timestamp(period.start)
    if period.end is not None:
        mask &= dates <= pd.Timestamp(period.end)
    return mask
