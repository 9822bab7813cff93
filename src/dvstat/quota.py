"""Plan attainment per unit and in total (SPEC §6): target, admitted, %, gap, status, pace.

Targets apply to a year or a span of years. A period inside one calendar year is measured
against that year's target ("đạt 35,34% kế hoạch năm" at mid-year); a period of whole years
against the span row, else the sum of its yearly targets.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date

import pandas as pd

from dvstat.errors import PlanError
from dvstat.model import Attainment, Issue, Period, PlanTarget
from dvstat.rounding import ratio_percent
from dvstat.text import fold, unit_key
from dvstat.units import UNIT_COLUMNS

WHOLE_SCOPE_KEYS = {"tongcong", "tongso", "toandangbo", "", "tong", "total"}
LEVELS: tuple[str, ...] = ("branch", "org", "parent")


def plan_years(period: Period) -> tuple[int, int]:
    """The plan years a period is measured against."""
    if period.start is None or period.end is None:
        raise PlanError("Cần chọn kỳ (--year, --term hoặc --period) để so với chỉ tiêu.",
                        "Choose a period (--year, --term or --period) to compare with the plan.")
    if period.start.year == period.end.year:
        return period.start.year, period.start.year
    if (period.start.month, period.start.day) != (1, 1) or (period.end.month,
                                                            period.end.day) != (12, 31):
        raise PlanError("Kỳ nhiều năm phải gồm các năm trọn vẹn để so với chỉ tiêu.",
                        "A period over several years must be whole years to compare with a plan.")
    return period.start.year, period.end.year


def target_for(rows: Sequence[PlanTarget], first: int, last: int) -> tuple[int, int] | None:
    """A span row if there is one, else the sum of the yearly rows inside the span."""
    span = [t for t in rows if (t.first_year, t.last_year) == (first, last)]
    if span:
        return span[0].low, span[0].high
    years = [t for t in rows if t.first_year == t.last_year and first <= t.first_year <= last]
    if not years:
        return None
    return sum(t.low for t in years), sum(t.high for t in years)


def status_of(admitted: int, low: int | None, high: int | None) -> str:
    if low is None or high is None:
        return "no_plan"
    if admitted > high:
        return "exceeded"
    if admitted >= low:
        return "met"
    return "below"


def measure(name: str, level: str, target: tuple[int, int] | None, admitted: int,
            previous: int | None, period: Period, as_of: date) -> Attainment:
    """One row of the attainment table; a range is measured against its lower bound."""
    low, high = target if target else (None, None)
    status = status_of(admitted, low, high)
    gap = None
    if low is not None and high is not None:
        gap = admitted - high if admitted > high else (admitted - low if admitted < low else 0)
    expected = behind = None
    if (low is not None and period.start and period.end
            and period.start <= as_of < period.end):
        elapsed = (as_of - period.start).days + 1
        length = (period.end - period.start).days + 1
        expected = round(low * elapsed / length, 1)
        behind = admitted < expected
    change = None
    if previous:
        change = round((ratio_percent(admitted, previous) or 0.0) - 100, 2)
    return Attainment(name=name, level=level, low=low, high=high, admitted=admitted,
                      attainment_percent=ratio_percent(admitted, low) if low else None,
                      gap=gap, status=status, expected_to_date=expected, behind=behind,
                      previous_admitted=previous, change_percent=change)


def compute_attainment(current: pd.DataFrame, previous: pd.DataFrame | None,
                       targets: Sequence[PlanTarget], period: Period, as_of: date,
                       organization: str | None
                       ) -> tuple[list[Attainment], Attainment, list[Issue]]:
    """Per-unit rows (lowest attainment first), the whole-scope row, and plan issues."""
    first, last = plan_years(period)
    org_key = unit_key(organization) if organization else None
    whole_keys = WHOLE_SCOPE_KEYS | ({org_key} if org_key else set())
    scope_rows = [t for t in targets if t.key in whole_keys or t.unit.strip() == "*"]
    unit_rows: dict[str, list[PlanTarget]] = {}
    for t in targets:
        if t not in scope_rows:
            unit_rows.setdefault(t.key, []).append(t)

    counts: dict[str, dict[str, tuple[str, int]]] = {}
    before: dict[str, dict[str, int]] = {}
    for level_name in LEVELS:
        column = UNIT_COLUMNS[level_name]  # type: ignore[index]
        names = current[column].dropna().astype(str)
        counts[level_name] = {}
        for name, count in names.value_counts().items():
            counts[level_name][unit_key(str(name))] = (str(name), int(count))
        if previous is not None:
            before[level_name] = {unit_key(str(n)): int(c) for n, c in
                             previous[column].dropna().astype(str).value_counts().items()}

    issues: list[Issue] = []
    results: list[Attainment] = []
    matched_levels: list[str] = []
    matched_keys: set[str] = set()
    for key, rows in unit_rows.items():
        target = target_for(rows, first, last)
        if target is None:
            continue
        level = next((lv for lv in LEVELS if key in counts[lv]), None)
        if level is None:
            all_names = [n for lv in LEVELS for n, _ in counts[lv].values()]
            close = difflib.get_close_matches(rows[0].unit, all_names, n=1, cutoff=0.6)
            issues.append(Issue("plan-unit-unmatched", "warning", rows[0].source, None,
                                rows[0].row, "Đơn vị", rows[0].unit,
                                {"suggestion": close[0] if close else ""}))
            results.append(measure(rows[0].unit, "branch", target, 0,
                                   0 if previous is not None else None, period, as_of))
            continue
        matched_levels.append(level)
        matched_keys.add(key)
        name, admitted = counts[level][key]
        prev = before.get(level, {}).get(key, 0) if previous is not None else None
        results.append(measure(name, level, target, admitted, prev, period, as_of))
    main_level = max(set(matched_levels), key=matched_levels.count) if matched_levels else "branch"
    for key, (name, admitted) in counts[main_level].items():
        if key not in matched_keys:
            prev = before.get(main_level, {}).get(key, 0) if previous is not None else None
            results.append(measure(name, main_level, None, admitted, prev, period, as_of))

    scope_target = target_for(scope_rows, first, last)
    if scope_target is None:
        unit_targets = [(r.low, r.high) for r in results if r.low is not None
                        and r.high is not None]
        scope_target = ((sum(t[0] for t in unit_targets), sum(t[1] for t in unit_targets))
                        if unit_targets else None)
    total = measure(organization or "TỔNG CỘNG", "total", scope_target, len(current),
                    len(previous) if previous is not None else None, period, as_of)
    results.sort(key=lambda a: (a.attainment_percent is None,
                                a.attainment_percent if a.attainment_percent is not None else 0,
                                fold(a.name)))
    return results, total, issues


