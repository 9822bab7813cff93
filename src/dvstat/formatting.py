"""Numbers, percents and dates as a Vietnamese (1.481; 48,14%) or English reader expects."""

from __future__ import annotations

from datetime import date


def format_int(value: int | None, lang: str) -> str:
    if value is None:
        return "–"
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "vi" else text


def format_decimal(value: float | None, lang: str, digits: int = 2) -> str:
    """Fixed decimals with the language's separators: 48,14 (vi) / 48.14 (en)."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_percent(value: float | None, lang: str, digits: int = 2) -> str:
    return "–" if value is None else f"{format_decimal(value, lang, digits)}%"


# English month names, not the locale's (calendar.month_name follows LC_TIME).
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def dmy(day: date) -> str:
    """dd/mm/yyyy with a four-digit year everywhere (strftime's %Y does not pad on Linux)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_date(value: date | None, lang: str) -> str:
    del lang  # dd/mm/yyyy in both languages: reports are read in Vietnam
    return "–" if value is None else dmy(value)
