"""Numbers, percents and dates as a Vietnamese (1.481; 48,14%) or English reader expects."""

from __future__ import annotations

from collections.abc import Sequence
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


def short_date(day: date) -> str:
    """3/2/2027: how a badge award day is named ('đợt 3/2/2027')."""
    return f"{day.day}/{day.month}/{day.year}"


def badge_sentence(
    day: date,
    counts: Sequence[tuple[int, int]],
    posthumous: Sequence[tuple[int, int]],
    lang: str,
) -> str:
    """'Đợt 3/2/2027 đề nghị tặng Huy hiệu Đảng cho 29 đồng chí: 60 năm 3, …, 30 năm 17.'
    from (years, count) pairs, highest badge first; badges with no one are left out."""
    vi = lang == "vi"
    total = sum(n for _, n in counts)
    unit = "năm" if vi else "years"
    parts = ", ".join(f"{y} {unit} {n}" for y, n in counts if n)
    if total == 0:
        text = (
            f"Đợt {short_date(day)} không có đồng chí nào đủ điều kiện đề nghị tặng Huy hiệu Đảng"
            if vi
            else f"Award day {short_date(day)}: nobody is due a Party badge"
        )
    elif vi:
        text = f"Đợt {short_date(day)} đề nghị tặng Huy hiệu Đảng cho {total} đồng chí: {parts}"
    else:
        text = f"Award day {short_date(day)}: {total} members proposed for a Party badge: {parts}"
    gone = sum(n for _, n in posthumous)
    if gone:
        more = ", ".join(f"{y} {unit} {n}" for y, n in posthumous if n)
        text += f"; truy tặng {gone} đồng chí ({more})" if vi else f"; posthumously {gone} ({more})"
    return text + "."


# What the list's "Ghi chú" says of each way a member is proposed (vi, en).
BADGE_NOTES: dict[str, tuple[str, str]] = {
    "due": ("", ""),
    "early": ("ốm nặng, đề nghị tặng sớm", "very ill, proposed early"),
    "missed": ("chưa được tặng đúng đợt", "missed at an earlier award day"),
    "posthumous": ("truy tặng", "posthumous"),
}
