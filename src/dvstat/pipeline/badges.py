"""Party badges: the award days a run covers and the proposals of each."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dvstat.errors import UsageError
from dvstat.model import BadgesReport, Level, Period
from dvstat.pipeline.loading import GENERATED_BY, LoadedRosters, Progress, load_rosters
from dvstat.settings import Settings


def badge_waves(
    as_of: date, year: int | None = None, wave: date | None = None, period: Period | None = None
) -> tuple[list[date], str, str]:
    """The award days a badges run covers, with its label in Vietnamese and English: a
    year's four, one award day, those within a period, else the next one from ``as_of``."""
    from dvstat.badge_awards import (
        award_days_of_year,
        first_wave_after,
        is_award_day,
        waves_between,
    )
    from dvstat.formatting import format_date, short_date

    chosen = sum(x is not None for x in (year, wave)) + bool(period and period.start)
    if chosen > 1:
        raise UsageError(
            "Chỉ chọn một trong --year, --wave và một kỳ.",
            "Use one of --year, --wave and a period.",
        )
    if year is not None:
        return award_days_of_year(year), f"năm {year}", f"year {year}"
    if wave is not None:
        if not is_award_day(wave):
            raise UsageError(
                f"--wave: {format_date(wave, 'vi')} không phải ngày xét tặng Huy hiệu Đảng "
                "(3/2, 19/5, 2/9, 7/11).",
                f"--wave: {format_date(wave, 'en')} is not a badge award day "
                "(3/2, 19/5, 2/9, 7/11).",
            )
        return [wave], f"đợt {short_date(wave)}", f"award day {short_date(wave)}"
    if period is not None and period.start is not None and period.end is not None:
        days = waves_between(period.start, period.end)
        if not days:
            raise UsageError(
                f"Kỳ {period.label_vi} không có ngày xét tặng nào (3/2, 19/5, 2/9, 7/11).",
                f"The period {period.label_en} holds no award day (3/2, 19/5, 2/9, 7/11).",
            )
        return days, period.label_vi, period.label_en
    day = first_wave_after(as_of)
    return [day], f"đợt {short_date(day)}", f"award day {short_date(day)}"


def report_waves(period: Period, as_of: date) -> tuple[list[date], str, str]:
    """The award days of ``dvstat report``: those within the period, else the next one
    after it (the list to prepare next)."""
    from dvstat.badge_awards import first_wave_after, waves_between

    if period.start is not None and period.end is not None:
        if waves_between(period.start, period.end):
            return badge_waves(as_of, period=period)
        return badge_waves(as_of, wave=first_wave_after(period.end))
    return badge_waves(as_of)


def run_badges(
    args: Sequence[str],
    settings: Settings,
    as_of: date,
    lang: str,
    waves: Sequence[date],
    label: str,
    by: Level | None = "branch",
    progress: Progress = None,
    loaded: LoadedRosters | None = None,
) -> BadgesReport:
    """The badge proposals of the membership rosters (the arguments, else ``members`` in
    dvstat.toml, else its ``rosters``) at each award day of ``waves``."""
    from dvstat.badge_awards import build_badges_report

    if loaded is None:
        specs = list(args) or list(settings.members)
        loaded = load_rosters(specs, settings, as_of, progress, kind="members")
    return build_badges_report(
        loaded.frame,
        loaded.validation,
        loaded.issues,
        loaded.sheets,
        waves,
        lang=lang,
        by=by,
        organization=settings.organization,
        generated_by=GENERATED_BY,
        as_of=as_of,
        label=label,
        inputs=loaded.input_names,
        delay_months=settings.badge_delay_months,
    )
