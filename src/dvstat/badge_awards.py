"""Party badges (Huy hiệu Đảng): who is due at each award day, the list a committee sends.

The rules (constants in ``party_rules``):

- Years are counted from the admission decision (the roster's admission date: for a member
  re-admitted, the re-admission, plus the earlier service the roster gives in months), less
  every interruption of party life the roster records (a from/to pair, counted in calendar
  months and days, and a number of months).
- The milestone of the N-year badge is reached N years after that; the member is due at the
  first award day (3/2, 19/5, 2/9, 7/11) on or after it, if a member on that day.
- A very ill member may be proposed up to 12 months early (30-65 years) or 24 months early
  (70-90); a deceased member marked "truy tặng" up to 12 months early (listed apart).
- A disciplinary measure decided on day d delays a milestone reached before its award day:
  the award waits until d plus the measure's months (no date: the milestone plus them).
- A member who already holds the badge is not listed again. Where the roster has a column of
  badges held, a badge whose award day has passed without it is *missed*: the member is
  listed for the highest badge due, with a warning. Where it has none, a badge whose award
  day has passed is taken as awarded then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from dvstat import schema
from dvstat.checks import Validation, row_issues
from dvstat.dates import add_months_each, full_months
from dvstat.formatting import format_date
from dvstat.membership import states_at
from dvstat.model import (
    BadgeCount,
    BadgeDelay,
    BadgeMember,
    BadgesReport,
    BadgeUnit,
    BadgeWave,
    Issue,
    Level,
    SheetInfo,
)
from dvstat.normalize import BAD, dates_of
from dvstat.party_rules import (
    AWARD_DAYS,
    BADGE_YEARS,
    DISCIPLINE_DELAY_MONTHS,
    POSTHUMOUS_EARLY_MONTHS,
    ill_early_months,
)
from dvstat.report import summarize_issues
from dvstat.text import fold
from dvstat.units import index_units

_AWARD_KEYS = np.array([m * 100 + d for m, d in AWARD_DAYS], dtype=np.int64)


# --- the calendar of award days -------------------------------------------------------------
def award_days_of_year(year: int) -> list[date]:
    """The four award days of a year, in order."""
    return [date(year, month, day) for month, day in AWARD_DAYS]


def previous_award_day(day: date) -> date:
    """The award day before ``day`` (strictly)."""
    earlier = [d for d in award_days_of_year(day.year) if d < day]
    return earlier[-1] if earlier else award_days_of_year(day.year - 1)[-1]


def is_award_day(day: date) -> bool:
    return (day.month, day.day) in AWARD_DAYS


def next_award_day(dates: pd.Series) -> pd.Series:
    """The first award day on or after each date (NaT stays NaT)."""
    valid = dates.notna()
    base = dates.where(valid, pd.Timestamp("2000-01-01"))
    keys = base.dt.month.to_numpy() * 100 + base.dt.day.to_numpy()
    position = np.searchsorted(_AWARD_KEYS, keys, side="left")
    later = position >= len(_AWARD_KEYS)
    year = base.dt.year.to_numpy() + later
    position = np.where(later, 0, position)
    months = np.array([m for m, _ in AWARD_DAYS])[position]
    days = np.array([d for _, d in AWARD_DAYS])[position]
    found = pd.Series(
        pd.to_datetime({"year": year, "month": months, "day": days}).to_numpy(),
        index=dates.index,
    ).astype(dates.dtype)
    result: pd.Series = found.where(valid)
    return result


# --- years of membership ----------------------------------------------------------------------
@dataclass(frozen=True)
class Milestones:
    """Per row and badge: the day the milestone is reached, the day it may be awarded
    (after a disciplinary delay), and whether a measure delayed it."""

    reached: dict[int, pd.Series]
    effective: dict[int, pd.Series]
    delayed: dict[int, pd.Series]
    measure_months: pd.Series
    open_interruption: pd.Series
    reversed_interruption: pd.Series
    unreadable: dict[str, pd.Series]  # per months column: a cell that is not a count
    undated_measure: pd.Series
    unknown_measure: pd.Series


def _months_column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame:
        found: pd.Series = frame[name].astype("float64")
        return found
    return pd.Series(np.nan, index=frame.index, dtype="float64")


def milestones(frame: pd.DataFrame, delay_months: Mapping[str, int]) -> Milestones:
    """Every badge's milestone for every row, vectorized (12 columns of dates)."""
    start = dates_of(frame, schema.INTERRUPTED_FROM)
    end = dates_of(frame, schema.INTERRUPTED_TO)
    pair = start.notna() & end.notna() & (end >= start)
    gap = full_months(start.where(pair), end.where(pair)).fillna(0).astype("int64")
    rest = (end - add_months_each(start, gap)).dt.days.where(pair, 0).fillna(0).astype("int64")
    extra = _months_column(frame, schema.INTERRUPTED_MONTHS)
    prior = _months_column(frame, schema.PRIOR_MONTHS)
    unreadable = {schema.INTERRUPTED_MONTHS: extra < 0, schema.PRIOR_MONTHS: prior < 0}
    shift = (
        gap
        + extra.where(extra >= 0, 0).fillna(0).round().astype("int64")
        - prior.where(prior >= 0, 0).fillna(0).round().astype("int64")
    )
    admitted = frame[schema.ADMISSION_DATE]
    measure = (
        frame[schema.DISCIPLINE].astype(object)
        if schema.DISCIPLINE in frame
        else pd.Series("", index=frame.index, dtype=object)
    )
    months = measure.map(lambda code: delay_months.get(str(code), 0)).astype("int64")
    decided = dates_of(frame, schema.DISCIPLINE_DATE)
    reached: dict[int, pd.Series] = {}
    effective: dict[int, pd.Series] = {}
    delayed: dict[int, pd.Series] = {}
    for years in BADGE_YEARS:
        day = add_months_each(admitted, shift + 12 * years) + pd.to_timedelta(rest, unit="D")
        award = next_award_day(day)
        until = add_months_each(decided, months)
        dated = decided.notna() & (decided <= award) & (until > day)
        undated = decided.isna() & (measure != "")
        new = day.where(~dated, until.where(until > day, day))
        new = new.where(~undated, add_months_each(day, months))
        applies = (months > 0) & (dated | undated)
        reached[years] = day
        effective[years] = day.where(~applies, new)
        delayed[years] = applies & (effective[years] > day)
    return Milestones(
        reached=reached,
        effective=effective,
        delayed=delayed,
        measure_months=months,
        open_interruption=start.notna() & end.isna(),
        reversed_interruption=start.notna() & end.notna() & (end < start),
        unreadable=unreadable,
        undated_measure=(measure != "") & (months > 0) & decided.isna(),
        unknown_measure=measure == "other",
    )


# --- who is due at a wave ---------------------------------------------------------------------
@dataclass(frozen=True)
class WaveRows:
    """Row positions listed at one award day, with the badge, how, and the milestone."""

    day: date
    rows: np.ndarray
    badge: np.ndarray
    kind: np.ndarray  # due | early | missed | posthumous
    reached: np.ndarray
    missed_lower: np.ndarray  # a lower badge passed without being awarded
    delayed_rows: np.ndarray
    delayed_badge: np.ndarray
    delayed_until: np.ndarray


def due_at(
    frame: pd.DataFrame,
    valid: pd.Series,
    stones: Milestones,
    day: date,
    listed: np.ndarray,
) -> WaveRows:
    """Who is proposed at award day ``day``, not counting rows already ``listed`` earlier in
    the same run; see the module's rules."""
    stamp, before = pd.Timestamp(day), pd.Timestamp(previous_award_day(day))
    alive = states_at(frame, valid, day).member.to_numpy()
    mark = (
        frame["badge_mark"].astype(object)
        if "badge_mark" in frame
        else pd.Series("", index=frame.index, dtype=object)
    )
    died_on = frame[schema.LEAVE_DATE]
    posthumous = (
        valid
        & (frame[schema.LEAVE_REASON] == "died")
        & (mark == "posthumous")
        & died_on.notna()
        & (died_on <= stamp)
    ).to_numpy()
    ill = (mark == "ill").to_numpy()
    held_known = (
        (frame[f"{schema.BADGE_HELD}_status"] != "absent").to_numpy()
        if schema.BADGE_HELD in frame
        else np.zeros(len(frame), dtype=bool)
    )
    held = (
        frame[schema.BADGE_HELD].to_numpy(dtype=np.int64)
        if schema.BADGE_HELD in frame
        else np.zeros(len(frame), dtype=np.int64)
    )
    before_day = before.to_datetime64()
    open_gap = stones.open_interruption.to_numpy()
    open_rows = ~listed & ~open_gap
    died = died_on.to_numpy(dtype="datetime64[s]")
    top = np.zeros(len(frame), dtype=np.int64)
    top_reached = np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[s]")
    top_effective = top_reached.copy()
    lowest = np.zeros(len(frame), dtype=np.int64)
    delayed_rows, delayed_badge, delayed_until = [], [], []
    for years in BADGE_YEARS:
        effective = stones.effective[years].to_numpy(dtype="datetime64[s]")
        reached = stones.reached[years].to_numpy(dtype="datetime64[s]")
        passed = effective <= before.to_datetime64()
        alive_early = np.where(ill, _shift(effective, -ill_early_months(years)), effective)
        dead_early = _shift(effective, -POSTHUMOUS_EARLY_MONTHS)
        not_held = held < years
        presumed = ~held_known & passed
        on_time = alive & (alive_early <= stamp.to_datetime64())
        # proposed at the first award day after the death (earlier ones presumed done)
        gone_in_time = posthumous & (dead_early <= died) & (held_known | (died > before_day))
        candidate = open_rows & not_held & ~presumed & (on_time | gone_in_time)
        candidate &= ~np.isnat(effective)
        lowest = np.where(candidate & (lowest == 0), years, lowest)
        top = np.where(candidate, years, top)
        top_reached = np.where(candidate, reached, top_reached)
        top_effective = np.where(candidate, effective, top_effective)
        normal_wave = (reached > before.to_datetime64()) & (reached <= stamp.to_datetime64())
        late = stones.delayed[years].to_numpy() & normal_wave & alive & not_held & ~listed
        late &= ~candidate
        for position in np.flatnonzero(late):
            delayed_rows.append(position)
            delayed_badge.append(years)
            delayed_until.append(effective[position])
    rows = np.flatnonzero(top > 0)
    kinds = np.where(
        posthumous[rows],
        "posthumous",
        np.where(
            top_effective[rows] > stamp.to_datetime64(),
            "early",
            np.where(top_effective[rows] <= before.to_datetime64(), "missed", "due"),
        ),
    )
    return WaveRows(
        day=day,
        rows=rows,
        badge=top[rows],
        kind=kinds,
        reached=top_reached[rows],
        missed_lower=held_known[rows] & (lowest[rows] < top[rows]),
        delayed_rows=np.array(delayed_rows, dtype=np.int64),
        delayed_badge=np.array(delayed_badge, dtype=np.int64),
        delayed_until=np.array(delayed_until, dtype="datetime64[s]"),
    )


def _shift(days: np.ndarray, months: int) -> np.ndarray:
    series = pd.Series(days)
    shifted = add_months_each(series, pd.Series(months, index=series.index))
    return shifted.to_numpy(dtype="datetime64[s]")


# --- the report ---------------------------------------------------------------------------
def badge_code(years: int) -> str:
    return f"{years}_nam"


def build_badges_report(
    frame: pd.DataFrame,
    validation: Validation,
    issues: Sequence[Issue],
    sheets: Sequence[SheetInfo],
    waves: Sequence[date],
    *,
    lang: str,
    by: Level | None,
    organization: str | None,
    generated_by: str,
    as_of: date,
    label: str,
    inputs: Sequence[str] = (),
    delay_months: Mapping[str, int] | None = None,
) -> BadgesReport:
    """The proposals of each award day in ``waves`` (in order), the year's counts per
    badge (form 7, II), the issues a clerk checks, and where every row went."""
    delays = {**DISCIPLINE_DELAY_MONTHS, **(delay_months or {})}
    valid = ~validation.rejected
    stones = milestones(frame, delays)
    listed = np.zeros(len(frame), dtype=bool)
    branches = index_units(frame, "branch", lang)
    found: list[WaveRows] = []
    for day in sorted(waves):
        wave = due_at(frame, valid, stones, day, listed)
        listed[wave.rows] = True
        found.append(wave)
    member_any = np.zeros(len(frame), dtype=bool)
    for day in waves:
        member_any |= states_at(frame, valid, day).member.to_numpy()
    built = [_wave(frame, branches, w, lang) for w in found]
    totals = _counts([m for w in built for m in (*w.members, *w.posthumous)])
    units = _units(frame, found, by, lang) if by else ()
    extra = _issues(frame, sheets, valid, stones, found, waves)
    read = len(frame)
    rejected = int((~valid).sum())
    listed_rows = int(listed.sum())
    not_members = int((valid.to_numpy() & ~member_any & ~listed).sum())
    return BadgesReport(
        generated_by=generated_by,
        lang=lang,
        organization=organization,
        as_of=as_of,
        label=label,
        waves=tuple(built),
        totals=totals,
        units=units,
        issues=summarize_issues([*issues, *extra], lang),
        rows={
            "read": read,
            "listed": listed_rows,
            "not_due": read - rejected - listed_rows - not_members,
            "not_members": not_members,
            "rejected": rejected,
        },
        inputs=tuple(inputs),
    )


def _counts(members: Sequence[BadgeMember]) -> tuple[BadgeCount, ...]:
    """Members per badge, highest first, every badge present (form 7 has a row each)."""
    tally = dict.fromkeys(BADGE_YEARS, 0)
    for member in members:
        tally[member.badge] += 1
    return tuple(
        BadgeCount(code=badge_code(y), years=y, count=tally[y]) for y in reversed(BADGE_YEARS)
    )


def _text(value: Any) -> str | None:
    if value is None or bool(pd.isna(value)) or value == "":
        return None
    return str(value)


def _day(value: Any) -> date | None:
    if value is None or bool(pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def _member(
    frame: pd.DataFrame, branches: object, position: int, badge: int, kind: str, reached: object
) -> BadgeMember:
    row = frame.iloc[position]
    unit = branches.units[branches.codes[position]]  # type: ignore[attr-defined]
    return BadgeMember(
        name=str(row[schema.FULL_NAME]),
        birth_date=_day(row[schema.BIRTH_DATE]),
        birthplace=_text(row.get(schema.BIRTHPLACE)),
        admitted=_day(row[schema.ADMISSION_DATE]),
        official=_day(row[schema.OFFICIAL_DATE]),
        card_no=_text(row.get(schema.CARD_NO)),
        branch=unit.label,
        path=unit.path,
        badge=badge,
        kind=kind,
        reached=_day(reached),
        file=str(row[schema.SRC_FILE]),
        sheet=_text(row[schema.SRC_SHEET]),
        row=int(row[schema.SRC_ROW]),
    )


def _order(member: BadgeMember) -> tuple[int, str, str]:
    """Highest badge first, then by name as Vietnamese lists sort: given name, then the
    whole name (accents folded so 'Ánh' sorts beside 'Anh')."""
    words = member.name.split()
    return (-member.badge, fold(words[-1]) if words else "", fold(member.name))


def _wave(frame: pd.DataFrame, branches: object, wave: WaveRows, lang: str) -> BadgeWave:
    living: list[BadgeMember] = []
    gone: list[BadgeMember] = []
    for position, badge, kind, reached in zip(
        wave.rows, wave.badge, wave.kind, wave.reached, strict=True
    ):
        member = _member(frame, branches, int(position), int(badge), str(kind), reached)
        (gone if kind == "posthumous" else living).append(member)
    delayed = tuple(
        BadgeDelay(
            member=_member(frame, branches, int(p), int(b), "due", None),
            until=_day(u) or wave.day,
            award_day=_day(next_award_day(pd.Series([pd.Timestamp(u)])).iloc[0]) or wave.day,
        )
        for p, b, u in zip(wave.delayed_rows, wave.delayed_badge, wave.delayed_until, strict=True)
    )
    return BadgeWave(
        day=wave.day,
        label=format_date(wave.day, lang),
        members=tuple(sorted(living, key=_order)),
        posthumous=tuple(sorted(gone, key=_order)),
        delayed=tuple(sorted(delayed, key=lambda d: _order(d.member))),
        counts=_counts(living),
        posthumous_counts=_counts(gone),
    )


def _units(
    frame: pd.DataFrame, waves: Sequence[WaveRows], by: Level, lang: str
) -> tuple[BadgeUnit, ...]:
    """Badges proposed per unit at ``by`` over the run (posthumous included)."""
    index = index_units(frame, by, lang)
    table = np.zeros((len(index.units), len(BADGE_YEARS)), dtype=np.int64)
    column = {years: i for i, years in enumerate(BADGE_YEARS)}
    for wave in waves:
        for position, badge in zip(wave.rows, wave.badge, strict=True):
            table[index.codes[position], column[int(badge)]] += 1
    return tuple(
        BadgeUnit(
            label=unit.label,
            path=unit.path,
            counts=tuple(
                BadgeCount(badge_code(y), y, int(table[i, column[y]]))
                for y in reversed(BADGE_YEARS)
            ),
        )
        for i, unit in enumerate(index.units)
        if table[i].sum()
    )


def _issues(
    frame: pd.DataFrame,
    sheets: Sequence[SheetInfo],
    valid: pd.Series,
    stones: Milestones,
    waves: Sequence[WaveRows],
    days: Sequence[date],
) -> list[Issue]:
    """What a clerk checks before sending the list, each at its row."""
    found: list[Issue] = []
    first, last = min(days), max(days)
    adm_text = frame[f"{schema.ADMISSION_DATE}_text"].astype(object).astype(str)
    year = pd.to_numeric(adm_text.where(adm_text.str.fullmatch(r"[0-9]{4}")), errors="coerce")
    reaches = pd.Series(False, index=frame.index)
    for years in BADGE_YEARS:
        reaches |= (year + years >= first.year - 1) & (year + years <= last.year)
    year_only = ~valid & (frame[f"{schema.ADMISSION_DATE}_status"] == BAD) & reaches
    found += row_issues(
        frame,
        sheets,
        year_only,
        "badge-admission-year-only",
        "warning",
        schema.ADMISSION_DATE,
        f"{schema.ADMISSION_DATE}_text",
    )
    found += row_issues(
        frame,
        sheets,
        valid & stones.open_interruption,
        "badge-interruption-open",
        "warning",
        schema.INTERRUPTED_FROM,
        f"{schema.INTERRUPTED_FROM}_text",
    )
    found += row_issues(
        frame,
        sheets,
        valid & stones.reversed_interruption,
        "badge-interruption-reversed",
        "warning",
        schema.INTERRUPTED_TO,
        f"{schema.INTERRUPTED_FROM}_text",
    )
    for name, unreadable in stones.unreadable.items():
        found += row_issues(
            frame,
            sheets,
            valid & unreadable,
            "badge-months-unreadable",
            "warning",
            name,
            f"{name}_text" if f"{name}_text" in frame else None,
        )
    if schema.BADGE_HELD in frame:
        found += row_issues(
            frame,
            sheets,
            valid & (frame[f"{schema.BADGE_HELD}_status"] == BAD),
            "badge-held-unreadable",
            "warning",
            schema.BADGE_HELD,
            f"{schema.BADGE_HELD}_text",
        )
    measure_text = f"{schema.DISCIPLINE}_text" if f"{schema.DISCIPLINE}_text" in frame else None
    found += row_issues(
        frame,
        sheets,
        valid & stones.undated_measure,
        "badge-discipline-undated",
        "warning",
        schema.DISCIPLINE,
        measure_text,
        per_row={"months": stones.measure_months.astype(str)},
    )
    found += row_issues(
        frame,
        sheets,
        valid & stones.unknown_measure,
        "badge-discipline-unknown",
        "warning",
        schema.DISCIPLINE,
        measure_text,
    )
    for wave in waves:
        missed = np.zeros(len(frame), dtype=bool)
        badge = np.zeros(len(frame), dtype=np.int64)
        lower = (wave.kind == "missed") | wave.missed_lower
        missed[wave.rows[lower]] = True
        badge[wave.rows] = wave.badge
        found += row_issues(
            frame,
            sheets,
            pd.Series(missed, index=frame.index),
            "badge-missed",
            "warning",
            schema.BADGE_HELD,
            f"{schema.BADGE_HELD}_text" if schema.BADGE_HELD in frame else None,
            per_row={"badge": pd.Series(badge, index=frame.index).astype(str)},
            wave=wave.day.strftime("%d/%m/%Y"),
        )
        late = np.zeros(len(frame), dtype=bool)
        until = np.full(len(frame), "", dtype=object)
        late_badge = np.zeros(len(frame), dtype=np.int64)
        late[wave.delayed_rows] = True
        until[wave.delayed_rows] = [
            pd.Timestamp(u).strftime("%d/%m/%Y") for u in wave.delayed_until
        ]
        late_badge[wave.delayed_rows] = wave.delayed_badge
        found += row_issues(
            frame,
            sheets,
            pd.Series(late, index=frame.index),
            "badge-delayed",
            "info",
            schema.DISCIPLINE,
            None,
            per_row={
                "until": pd.Series(until, index=frame.index),
                "badge": pd.Series(late_badge, index=frame.index).astype(str),
            },
        )
    return found


def waves_between(start: date, end: date) -> list[date]:
    """The award days from ``start`` to ``end``, both included."""
    days = []
    for year in range(start.year, end.year + 1):
        days += [d for d in award_days_of_year(year) if start <= d <= end]
    return days


def first_wave_after(day: date) -> date:
    """The next award day on or after ``day``."""
    probe = day
    while not is_award_day(probe):
        probe += timedelta(days=1)
    return probe
