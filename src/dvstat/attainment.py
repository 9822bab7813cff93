"""Plan attainment per unit and in total (docs/plan.md): target, admitted, %, gap, status, pace.

Targets apply to a year or a span of years. A period of whole years is measured against the
span row, else the sum of its yearly targets. A period inside one year (a month, a quarter,
year-to-date) is measured the way committees write it: the year's running total to the end
of the period (lũy kế từ đầu năm) against the year's target — "đạt 35,34% kế hoạch năm" at
mid-year — with the pro-rata expectation for that date. 'below' is said only of a finished
period; a running one is 'on_track' or 'behind' its pace, a future one 'not_started'.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import numpy as np
import pandas as pd

from dvstat.errors import PlanError
from dvstat.model import Attainment, Issue, Level, Period, PlanTarget
from dvstat.periods import in_period
from dvstat.rounding import change_percent, mean_of, ratio_percent
from dvstat.text import fold, unit_key
from dvstat.units import (
    LEVELS,
    UnitIndex,
    index_units,
    name_key,
    plan_key,
    plan_lookup,
    short_key,
)

# Plan rows for the whole scope, by their folded key ('*' folds to '').
WHOLE_SCOPE_KEYS = {"tongcong", "tongso", "toandangbo", "", "tong", "total"}
# Where a plan names a unit that exists at several levels, the lowest level wins; the level
# most plan rows matched lists the units without a target (ties: the lowest level).
_MATCH_ORDER: tuple[Level, ...] = ("branch", "org", "parent")


@dataclass(frozen=True)
class PlanScope:
    """What a period is measured against: the target's years and dates, the dates whose
    admissions count towards it, and the day the pace is judged on."""

    first_year: int
    last_year: int
    span_start: date
    span_end: date
    counted_end: date  # admissions from span_start to here count towards the target
    within: bool  # the period is a part of the target's span (a month of a year)
    pace_date: date  # the day the pro-rata expectation is for
    started: bool
    finished: bool  # the target's span is over: below means below


def plan_scope(period: Period, as_of: date) -> PlanScope:
    """The plan years and dates a period is measured against (PlanError when none)."""
    if period.start is None or period.end is None:
        raise PlanError(
            "Cần chọn kỳ (--year, --term hoặc --period) để so với chỉ tiêu.",
            "Choose a period (--year, --term or --period) to compare with the plan.",
        )
    first, last = period.start.year, period.end.year
    span_start, span_end = date(first, 1, 1), date(last, 12, 31)
    if first != last and (period.start, period.end) != (span_start, span_end):
        raise PlanError(
            "Kỳ nhiều năm phải gồm các năm trọn vẹn để so với chỉ tiêu.",
            "A period over several years must be whole years to compare with a plan.",
        )
    within = (period.start, period.end) != (span_start, span_end)
    return PlanScope(
        first_year=first,
        last_year=last,
        span_start=span_start,
        span_end=span_end,
        counted_end=period.end,
        within=within,
        pace_date=min(period.end, as_of),
        started=as_of >= span_start,
        finished=period.end == span_end and as_of >= span_end,
    )


def whole_scope_name(organization: str | None, lang: str) -> str:
    """The name of a plan table's total row: the workspace's organization, else 'TỔNG
    CỘNG' ('TOTAL' in English); quota and candidates name it alike."""
    return organization or ("TỔNG CỘNG" if lang == "vi" else "TOTAL")


def target_for(rows: Sequence[PlanTarget], first: int, last: int) -> tuple[int, int] | None:
    """A span row if there is one, else the sum of the yearly rows inside the span."""
    span = [t for t in rows if (t.first_year, t.last_year) == (first, last)]
    if span:
        return span[0].low, span[0].high
    years = [t for t in rows if t.first_year == t.last_year and first <= t.first_year <= last]
    if not years:
        return None
    return sum(t.low for t in years), sum(t.high for t in years)


def expected_by(low: int, scope: PlanScope) -> float | None:
    """The pro-rata share of the target (its lower bound) due by the pace date, in days,
    to one decimal half-up; None before the span starts or once it is over."""
    if not scope.started or scope.finished:
        return None
    elapsed = (scope.pace_date - scope.span_start).days + 1
    length = (scope.span_end - scope.span_start).days + 1
    return mean_of(low * elapsed, length)


def status_of(
    reached: int, low: int | None, high: int | None, expected: float | None, scope: PlanScope
) -> str:
    if low is None or high is None:
        return "no_plan"
    if reached > high:
        return "exceeded"
    if reached >= low:
        return "met"
    if scope.finished:
        return "below"
    if not scope.started:
        return "not_started"
    return "behind" if expected is not None and reached < expected else "on_track"


def measure(
    name: str,
    level: str,
    target: tuple[int, int] | None,
    admitted: int,
    previous: int | None,
    scope: PlanScope,
    cumulative: int | None = None,
    path: tuple[str, ...] = (),
    expected_override: float | None = None,
) -> Attainment:
    """One row of the attainment table. What is measured is the running total of the year
    (``cumulative``) for a period inside a year, else the period's admissions; a range
    target is measured against its lower bound, and 'met' anywhere inside it. A term
    judged on some of its years only passes their expectation (``expected_override``)."""
    low, high = target if target else (None, None)
    reached = cumulative if scope.within and cumulative is not None else admitted
    expected = expected_by(low, scope) if low is not None else None
    if expected_override is not None and expected is not None:
        expected = expected_override
    status = status_of(reached, low, high, expected, scope)
    gap = None
    if low is not None and high is not None:
        gap = reached - high if reached > high else (reached - low if reached < low else 0)
    started = scope.started
    return Attainment(
        name=name,
        level=level,
        low=low,
        high=high,
        admitted=admitted,
        attainment_percent=ratio_percent(reached, low) if low and started else None,
        gap=gap if started else None,
        status=status,
        expected_to_date=expected,
        behind=None if expected is None else reached < expected,
        previous_admitted=previous,
        change_percent=change_percent(admitted, previous) if started else None,
        cumulative=reached if scope.within else None,
        pace_date=scope.pace_date if expected is not None else None,
        path=path,
    )


@dataclass
class _Counts:
    """Per unit of one level: admitted in the period, counted towards the target, and in
    the comparison period."""

    index: UnitIndex
    now: list[int]
    counted: list[int]
    before: list[int] | None
    lookup: dict[tuple[str, ...], list[int]]
    by_year: dict[int, list[int]] = field(default_factory=dict)


def _count(
    valid: pd.DataFrame,
    level: Level,
    lang: str,
    masks: list[np.ndarray],
    before: np.ndarray | None,
    years: dict[int, np.ndarray] | None = None,
) -> _Counts:
    index = index_units(valid, level, lang)
    size = len(index.units)
    now, counted = (np.bincount(index.codes[m], minlength=size).tolist() for m in masks)
    previous = (
        np.bincount(index.codes[before], minlength=size).tolist() if before is not None else None
    )
    counts = _Counts(index, now, counted, previous, plan_lookup(index))
    for year, mask in (years or {}).items():
        counts.by_year[year] = np.bincount(index.codes[mask], minlength=size).tolist()
    return counts


def compute_attainment(
    valid: pd.DataFrame,
    targets: Sequence[PlanTarget],
    period: Period,
    as_of: date,
    organization: str | None,
    lang: str = "vi",
    comparison: Period | None = None,
) -> tuple[list[Attainment], Attainment, list[Issue]]:
    """Per-unit rows (lowest attainment first), the whole-scope row, and plan issues.

    ``valid`` holds every valid row of the rosters (any date): plan units are matched
    against every unit the rosters know, so a unit with no admission in the period is
    listed with 0, and its comparison-period figure is its own."""
    scope = plan_scope(period, as_of)
    now = in_period(valid, period).to_numpy()
    counted = in_period(valid, Period(scope.span_start, scope.counted_end, "", "")).to_numpy()
    before = in_period(valid, comparison).to_numpy() if comparison is not None else None
    years = _year_masks(valid, scope)
    levels = {level: _count(valid, level, lang, [now, counted], before, years) for level in LEVELS}

    org_key = unit_key(organization) if organization else None
    whole_keys = WHOLE_SCOPE_KEYS | ({org_key} if org_key else set())
    scope_rows = [t for t in targets if t.key in whole_keys]
    unit_rows: dict[tuple[str, ...], list[PlanTarget]] = {}
    for t in targets:
        if t not in scope_rows:
            unit_rows.setdefault(plan_key(t.unit), []).append(t)

    issues: list[Issue] = []
    results: list[Attainment] = []
    matched: dict[Level, set[int]] = {level: set() for level in LEVELS}
    for key, rows in unit_rows.items():
        target = target_for(rows, scope.first_year, scope.last_year)
        if target is None:
            continue
        level, found = find_plan_unit(key, rows[0].unit, levels)
        if len(found) != 1:
            issues.append(_unmatched(rows[0], found, levels[level].index, levels))
            results.append(
                measure(
                    rows[0].unit,
                    level,
                    target,
                    0,
                    0 if before is not None else None,
                    scope,
                    0 if scope.within else None,
                )
            )
            continue
        position = found[0]
        matched[level].add(position)
        partial = _judged_years(rows, scope)
        if partial:
            issues.append(_years_missing(rows[0], partial, scope))
            results.append(_partial_row(levels[level], level, position, rows, partial, scope))
        else:
            results.append(_unit_row(levels[level], level, position, target, scope))
    plan_levels = Counter(level for level in LEVELS for _ in matched[level])
    main_level = min(_MATCH_ORDER, key=lambda lv: (-plan_levels[lv], _MATCH_ORDER.index(lv)))
    counts = levels[main_level]
    for position in range(len(counts.index.units)):
        has_any = (
            counts.now[position]
            or counts.counted[position]
            or (counts.before is not None and counts.before[position])
        )
        if position not in matched[main_level] and has_any:
            results.append(_unit_row(counts, main_level, position, None, scope))

    scope_target = target_for(scope_rows, scope.first_year, scope.last_year)
    if scope_target is None:
        unit_targets = [
            (r.low, r.high) for r in results if r.low is not None and r.high is not None
        ]
        scope_target = (
            (sum(t[0] for t in unit_targets), sum(t[1] for t in unit_targets))
            if unit_targets
            else None
        )
    total = measure(
        whole_scope_name(organization, lang),
        "total",
        scope_target,
        int(now.sum()),
        int(before.sum()) if before is not None else None,
        scope,
        int(counted.sum()),
    )
    results.sort(
        key=lambda a: (
            a.attainment_percent is None,
            a.attainment_percent if a.attainment_percent is not None else 0,
            fold(a.name),
            a.path,
        )
    )
    return results, total, issues


def _year_masks(valid: pd.DataFrame, scope: PlanScope) -> dict[int, np.ndarray]:
    """For a term: the rows admitted in each of its years (up to the counted end)."""
    if scope.first_year == scope.last_year:
        return {}
    return {
        y: in_period(
            valid, Period(date(y, 1, 1), min(date(y, 12, 31), scope.counted_end), "", "")
        ).to_numpy()
        for y in range(scope.first_year, scope.last_year + 1)
    }


def _judged_years(rows: Sequence[PlanTarget], scope: PlanScope) -> list[int]:
    """The years of a term a unit is judged on when its plan gives yearly targets for some
    of them only (no row for the term itself); [] when the term is judged whole."""
    if scope.first_year == scope.last_year:
        return []
    if any((t.first_year, t.last_year) == (scope.first_year, scope.last_year) for t in rows):
        return []
    years = sorted(
        {
            t.first_year
            for t in rows
            if t.first_year == t.last_year and scope.first_year <= t.first_year <= scope.last_year
        }
    )
    return years if 0 < len(years) < scope.last_year - scope.first_year + 1 else []


def _years_missing(row: PlanTarget, years: list[int], scope: PlanScope) -> Issue:
    missing = [y for y in range(scope.first_year, scope.last_year + 1) if y not in years]
    return Issue(
        "plan-years-missing",
        "info",
        row.source,
        None,
        row.row,
        None,
        row.unit,
        {
            "years": ", ".join(str(y) for y in years),
            "missing": ", ".join(str(y) for y in missing),
        },
    )


def _partial_row(
    counts: _Counts,
    level: Level,
    position: int,
    rows: Sequence[PlanTarget],
    years: list[int],
    scope: PlanScope,
) -> Attainment:
    """A unit judged on the years of the term its plan has targets for: their targets,
    their admissions, and each year's pro-rata expectation summed."""
    yearly = {t.first_year: t for t in rows if t.first_year == t.last_year}
    low = sum(yearly[y].low for y in years)
    high = sum(yearly[y].high for y in years)
    admitted = sum(counts.by_year[y][position] for y in years)
    expected = 0.0
    for y in years:
        start, end = date(y, 1, 1), date(y, 12, 31)
        if scope.pace_date >= end:
            expected += yearly[y].low
        elif scope.pace_date >= start:
            elapsed = (scope.pace_date - start).days + 1
            expected += yearly[y].low * elapsed / ((end - start).days + 1)
    unit = counts.index.units[position]
    return measure(
        unit.label,
        level,
        (low, high),
        admitted,
        counts.before[position] if counts.before is not None else None,
        scope,
        counts.counted[position],
        unit.path,
        expected_override=round(expected, 1),
    )


def _unit_row(
    counts: _Counts, level: Level, position: int, target: tuple[int, int] | None, scope: PlanScope
) -> Attainment:
    unit = counts.index.units[position]
    return measure(
        unit.label,
        level,
        target,
        counts.now[position],
        counts.before[position] if counts.before is not None else None,
        scope,
        counts.counted[position],
        unit.path,
    )


class PlanLevel(Protocol):
    """The units of one level and every way a plan can name them (``units.plan_lookup``)."""

    @property
    def index(self) -> UnitIndex: ...

    @property
    def lookup(self) -> dict[tuple[str, ...], list[int]]: ...


def find_plan_unit(
    key: tuple[str, ...], name: str, levels: Mapping[Level, PlanLevel]
) -> tuple[Level, list[int]]:
    """The units a plan row names: by its key at the lowest level that has it (branch, then
    organization, then parent), else but for a trailing word ('Chi bộ Công an'), if only
    one fits. The one rule quota and candidates match plan rows by."""
    level, found = next(
        ((lv, levels[lv].lookup[key]) for lv in _MATCH_ORDER if key in levels[lv].lookup),
        ("branch", []),
    )
    return (level, found) if found else _near(name, levels)


def _near(name: str, levels: Mapping[Level, PlanLevel]) -> tuple[Level, list[int]]:
    """The one unit a plan name names but for a trailing word ('Chi bộ Công an' for 'Chi
    bộ Công an xã', 'Chi bộ Trạm y tế xã' for 'Chi bộ Trạm Y tế'); none where several fit."""
    if "/" in name:
        return "branch", []
    full, short = name_key(name), short_key(name)
    for level in _MATCH_ORDER:
        units = levels[level].index.units
        fits = [
            p
            for p, unit in enumerate(units)
            if (short and name_key(unit.name) == short) or short_key(unit.name) == full
        ]
        if fits:
            return level, fits
    return "branch", []


def _unmatched(
    row: PlanTarget, found: list[int], index: UnitIndex, levels: dict[Level, _Counts]
) -> Issue:
    """A plan row that names no unit of the rosters, or several (name it by its path)."""
    if found:
        names = [index.units[p].label for p in found]
        return Issue(
            "plan-unit-ambiguous",
            "warning",
            row.source,
            None,
            row.row,
            None,
            row.unit,
            {"candidates": "; ".join(names)},
        )
    # similar by what sets the names apart ('Khuổi Mỵ' is not 'Nà Sài' however alike
    # 'Chi bộ thôn …' makes them look)
    named = {name_key(u.name): u.label for counts in levels.values() for u in counts.index.units}
    keys = difflib.get_close_matches(name_key(row.unit), list(named), n=1, cutoff=0.75)
    close = [named[k] for k in keys]
    return Issue(
        "plan-unit-unmatched",
        "warning",
        row.source,
        None,
        row.row,
        None,
        row.unit,
        {"suggestion": close[0] if close else ""},
    )
