"""Period words -> inclusive date ranges, computed from an as-of date that is passed in.

'2023', '2023-H1', '2023-Q3', '2023-07', '2020-2025' (a congress term, years inclusive),
'last-month', 'last-quarter', 'last-half', 'last-year', 'year-to-date' (SPEC §2).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from dvstat.errors import DvstatError
from dvstat.model import WHOLE_ROSTER, Period

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(DvstatError):
    """A period option that names no period (a usage error)."""


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), f"năm {year}", f"year {year}", str(year))


def term_period(first: int, last: int) -> Period:
    if last < first:
        raise PeriodError(f"Nhiệm kỳ '{first}-{last}' có năm cuối trước năm đầu.",
                          f"Term '{first}-{last}' ends before it starts.")
    return Period(date(first, 1, 1), date(last, 12, 31), f"nhiệm kỳ {first}–{last}",
                  f"term {first}–{last}", f"{first}-{last}")


def half_period(year: int, half: int) -> Period:
    if half == 1:
        return Period(date(year, 1, 1), date(year, 6, 30), f"6 tháng đầu năm {year}",
                      f"first half of {year}", f"{year}-H1")
    return Period(date(year, 7, 1), date(year, 12, 31), f"6 tháng cuối năm {year}",
                  f"second half of {year}", f"{year}-H2")


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(date(year, first, 1), _month_end(year, first + 2),
                  f"quý {_ROMAN[quarter]}/{year}", f"Q{quarter} {year}", f"{year}-Q{quarter}")


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), _month_end(year, month), f"tháng {month}/{year}",
                  f"{calendar.month_name[month]} {year}", f"{year}-{month:02d}")


def range_period(start: date, end: date) -> Period:
    if end < start:
        raise PeriodError(f"Ngày kết thúc {end:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y}.",
                          f"End date {end:%d/%m/%Y} is before start date {start:%d/%m/%Y}.")
    return Period(start, end, f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}",
                  f"{start:%d/%m/%Y} to {end:%d/%m/%Y}", f"{start:%Y%m%d}-{end:%Y%m%d}")


def parse_period(text: str, as_of: date) -> Period:
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
    if m := re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", value):
        return term_period(int(m[1]), int(m[2]))
    if value == "last-month":
        year, month = (as_of.year - 1, 12) if as_of.month == 1 else (as_of.year, as_of.month - 1)
        return month_period(year, month)
    if value == "last-quarter":
        quarter = (as_of.month - 1) // 3 + 1
        return (quarter_period(as_of.year - 1, 4) if quarter == 1
                else quarter_period(as_of.year, quarter - 1))
    if value == "last-half":
        return half_period(as_of.year - 1, 2) if as_of.month <= 6 else half_period(as_of.year, 1)
    if value == "last-year":
        return year_period(as_of.year - 1)
    if value == "year-to-date":
        return Period(date(as_of.year, 1, 1), as_of,
                      f"từ đầu năm {as_of.year} đến {as_of:%d/%m/%Y}",
                      f"{as_of.year} to {as_of:%d/%m/%Y}", f"{as_of.year}-den-{as_of:%m%d}")
    raise PeriodError(
        f"Không hiểu kỳ '{text}'. Dùng: 2023, 2023-H1, 2023-Q3, 2023-07, 2020-2025, "
        "last-month, last-quarter, last-half, last-year, year-to-date.",
        f"Unknown period '{text}'. Use: 2023, 2023-H1, 2023-Q3, 2023-07, 2020-2025, "
        "last-month, last-quarter, last-half, last-year, year-to-date.")


def resolve_period(*, as_of: date, year: int | None = None, term: str | None = None,
                   start: date | None = None, end: date | None = None,
                   period: str | None = None) -> Period:
    """The one period the options name; none of them means the whole roster."""
    given = [name for name, value in (("--year", year), ("--term", term),
                                      ("--from/--to", start or end), ("--period", period))
             if value is not None]
    if len(given) > 1:
        raise PeriodError(f"Chỉ chọn một kỳ: {', '.join(given)}.",
                          f"Choose one period only: {', '.join(given)}.")
    if year is not None:
        return year_period(year)
    if term is not None:
        m = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", term)
        if not m:
            raise PeriodError(f"Nhiệm kỳ '{term}' phải có dạng 2020-2025.",
                              f"Term '{term}' must look like 2020-2025.")
        return term_period(int(m[1]), int(m[2]))
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


def previous_year(period: Period) -> Period | None:
    """The same period one year earlier ('cùng kỳ năm trước'); None for the whole roster."""
    if period.start is None or period.end is None:
        return None
    start, end = shift_year(period.start, -1), shift_year(period.end, -1)
    if period.end.month == 2 and period.end.day in (28, 29):
        end = _month_end(end.year, 2)
    return Period(start, end, f"cùng kỳ năm trước ({start:%d/%m/%Y}–{end:%d/%m/%Y})",
                  f"same period last year ({start:%d/%m/%Y}–{end:%d/%m/%Y})")
