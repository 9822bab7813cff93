"""The admission pipeline (nguồn phát triển đảng viên): where each candidate stands, who moved
along it in a period, what a clerk must act on, and whether each unit's plan can still be met.

Stages, each reached on its own date: listed (quần chúng ưu tú) -> sympathizer (cảm tình
Đảng) -> class (certificate of the lớp bồi dưỡng nhận thức về Đảng) -> dossier (đang làm hồ
sơ) -> admitted. A candidate's stage on a date is the furthest one reached by then; a
status can say 'admitted' (no date) or that the candidate was taken off the list. Found in
the admission rosters (same name and birth date, or same citizen ID), a candidate counts as
admitted on the date those rosters give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from dvstat import persons, schema
from dvstat.attainment import WHOLE_SCOPE_KEYS, find_plan_unit, target_for, whole_scope_name
from dvstat.checks import Validation, row_issues
from dvstat.dates import add_months, full_months
from dvstat.model import (
    CandidatesReport,
    Conversion,
    Issue,
    Level,
    Period,
    PlanTarget,
    SheetInfo,
    StageCount,
    UnitFeasibility,
    UnitStages,
)
from dvstat.normalize import dates_of
from dvstat.party_rules import ADULT_MONTHS, CERTIFICATE_MONTHS
from dvstat.periods import in_period, shift_year
from dvstat.report import summarize_issues
from dvstat.rounding import ratio_percent
from dvstat.stats import breakdown_column
from dvstat.text import unit_key
from dvstat.units import UnitIndex, index_units, plan_key, plan_lookup

STAGES = schema.STAGES
STAGE_DATES: dict[str, str] = {
    "listed": schema.LISTED_DATE,
    "sympathizer": schema.SYMPATHIZER_DATE,
    "class": schema.CLASS_DATE,
    "dossier": schema.DOSSIER_DATE,
    "admitted": schema.ADMISSION_DATE,
}
EXPIRING_DAYS = 90
DOSSIER_MONTHS = 6  # a dossier open longer than this is followed up
CONVERSION_MONTHS = 24
WAITING = schema.WAITING_STAGES
READY = ("class", "dossier")  # the candidates a plan can still count on this year


@dataclass(frozen=True)
class Pipeline:
    """Per valid row on a date: its stage (None: not on the list yet), dropped, and the
    admission date that counts (from the rosters of admissions where found there)."""

    stage: pd.Series
    dropped: pd.Series
    not_yet: pd.Series
    admitted_on: pd.Series


def link_admissions(
    candidates: pd.DataFrame, admissions: pd.DataFrame | None
) -> tuple[pd.Series, pd.Series]:
    """Per candidate, the admission date the admission rosters give (NaT: not found); and
    per admission row, whether it was found among the candidates. The same person as
    ``persons`` says (an identifier both lists carry, else name and full birth date); the
    first way that finds one gives the date."""
    found = pd.Series(pd.NaT, index=candidates.index, dtype="datetime64[s]")
    if admissions is None or admissions.empty:
        return found, pd.Series(dtype=bool)
    seen = np.zeros(len(admissions), dtype=bool)
    dates = admissions[schema.ADMISSION_DATE].astype("datetime64[s]").to_numpy()
    for left, right in persons.matching_keys(candidates, admissions):
        known = right >= 0
        if not known.any():
            continue
        first = pd.Series(np.flatnonzero(known), index=right[known])
        first = first[~first.index.duplicated()]
        at = pd.Series(left).map(first).to_numpy()  # the first admission row of the key
        hit = (left >= 0) & ~np.isnan(at)
        linked = np.full(len(left), np.datetime64("NaT"), dtype="datetime64[s]")
        linked[hit] = dates[at[hit].astype(np.int64)]
        found = found.where(found.notna(), pd.Series(linked, index=candidates.index))
        seen |= known & np.isin(right, left[left >= 0])
    return found, pd.Series(seen, index=admissions.index)


def pipeline_at(
    frame: pd.DataFrame, valid: pd.Series, day: date, linked: pd.Series | None = None
) -> Pipeline:
    """Where each valid candidate stands on ``day``."""
    stamp = pd.Timestamp(day)
    status = (
        frame["candidate_status"].astype(object)
        if "candidate_status" in frame
        else pd.Series("", index=frame.index, dtype=object)
    )
    admitted_on = frame[schema.ADMISSION_DATE]
    if linked is not None:
        admitted_on = admitted_on.where(admitted_on.notna(), linked)
    reached = {name: dates_of(frame, column) <= stamp for name, column in STAGE_DATES.items()}
    reached["admitted"] = (admitted_on <= stamp) | ((status == "admitted") & admitted_on.isna())
    listed_later = dates_of(frame, schema.LISTED_DATE) > stamp
    position = np.full(len(frame), -1)
    for number, name in enumerate(STAGES):
        position = np.where(reached[name].to_numpy(), number, position)
    dropped = valid & (status == "dropped") & (position < STAGES.index("admitted"))
    not_yet = valid & ~dropped & (position < 0) & listed_later
    on_list = valid & ~dropped & ~not_yet
    stage = pd.Series(
        np.where(on_list, np.array(STAGES, dtype=object)[np.maximum(position, 0)], None),
        index=frame.index,
    )
    return Pipeline(stage=stage, dropped=dropped, not_yet=not_yet, admitted_on=admitted_on)


def certificate_until(frame: pd.DataFrame) -> pd.Series:
    """The last day each class certificate counts (60 months after it was given)."""
    return add_months(dates_of(frame, schema.CLASS_DATE), CERTIFICATE_MONTHS)


def _groups(frame: pd.DataFrame) -> dict[str, int]:
    """Counts of ``schema.CANDIDATE_GROUPS`` among the rows."""
    occupation = frame[schema.OCCUPATION].astype(object)
    return {
        "female": int((frame[schema.GENDER] == "female").sum()),
        "minority": int((breakdown_column(frame, "ethnic_minority") == "minority").sum()),
        "religious": int((breakdown_column(frame, "religious") == "religious").sum()),
        "youth_union": int((frame[schema.YOUTH_UNION] == "yes").sum()),
        "students": int(occupation.isin(["university_student", "pupil"]).sum()),
    }


def _warnings(
    frame: pd.DataFrame, sheets: Sequence[SheetInfo], pipe: Pipeline, day: date, dossier_months: int
) -> list[Issue]:
    """The row warnings a clerk acts on: certificates to take again, dossiers left open,
    candidates who would be under 18 at their planned admission."""
    stamp = pd.Timestamp(day)
    waiting = pipe.stage.isin(WAITING)
    valid_until = certificate_until(frame)
    expired = waiting & (valid_until < stamp)
    expiring = (
        waiting & (valid_until >= stamp) & (valid_until <= stamp + pd.Timedelta(days=EXPIRING_DAYS))
    )
    dossier = dates_of(frame, schema.DOSSIER_DATE)
    overdue = (pipe.stage == "dossier") & (add_months(dossier, dossier_months) < stamp)
    planned = dates_of(frame, schema.PLANNED_DATE)
    planned = planned.where(planned.notna(), pd.Timestamp(date(day.year, 12, 31)))
    young = waiting & (full_months(frame[schema.BIRTH_DATE], planned) < ADULT_MONTHS)
    shown = valid_until.dt.strftime("%d/%m/%Y").fillna("")
    # the list to act on names the candidate (a clerk acts on people, not on rows)
    name = {"name": frame[schema.FULL_NAME].astype(object).fillna("")}
    issues: list[Issue] = []
    issues += row_issues(
        frame,
        sheets,
        expired,
        "certificate-expired",
        "warning",
        schema.CLASS_DATE,
        f"{schema.CLASS_DATE}_text",
        name,
        months=str(CERTIFICATE_MONTHS),
    )
    issues += row_issues(
        frame,
        sheets,
        expiring,
        "certificate-expiring",
        "warning",
        schema.CLASS_DATE,
        f"{schema.CLASS_DATE}_text",
        {"until": shown, **name},
    )
    issues += row_issues(
        frame,
        sheets,
        overdue,
        "dossier-overdue",
        "warning",
        schema.DOSSIER_DATE,
        f"{schema.DOSSIER_DATE}_text",
        name,
        months=str(dossier_months),
    )
    planned_text = planned.dt.strftime("%d/%m/%Y")
    issues += row_issues(
        frame,
        sheets,
        young,
        "candidate-under-18",
        "warning",
        schema.BIRTH_DATE,
        f"{schema.BIRTH_DATE}_text",
        {"planned": planned_text, **name},
    )
    return issues


def _stage_counts(frame: pd.DataFrame, stage: pd.Series, lang: str) -> tuple[StageCount, ...]:
    labels = {c.code: c.label(lang) for c in schema.FIXED_BREAKDOWNS["stage"]}
    counted = []
    for name in STAGES:
        rows = frame[(stage == name).to_numpy()]
        counted.append(
            StageCount(code=name, label=labels[name], count=len(rows), groups=_groups(rows))
        )
    return tuple(counted)


def build_candidates_report(
    frame: pd.DataFrame,
    validation: Validation,
    issues: Sequence[Issue],
    sheets: Sequence[SheetInfo],
    day: date,
    *,
    lang: str,
    by: Level | None,
    organization: str | None,
    generated_by: str,
    inputs: Sequence[str] = (),
    period: Period | None = None,
    targets: Sequence[PlanTarget] = (),
    admissions: pd.DataFrame | None = None,
    admission_sheets: Sequence[SheetInfo] = (),
    dossier_months: int = DOSSIER_MONTHS,
) -> CandidatesReport:
    """The pipeline on ``day``: stages in total and per unit, the flows of ``period``,
    conversion from class to admission, warnings, and — with ``targets`` — whether each
    unit's plan for the year can still be met."""
    valid = ~validation.rejected
    linked, seen = link_admissions(frame, admissions)
    pipe = pipeline_at(frame, valid, day, linked)
    on_list = pipe.stage.notna()
    listed = frame[on_list.to_numpy()]
    stages = _stage_counts(listed, pipe.stage[on_list], lang)
    units: tuple[UnitStages, ...] = ()
    if by is not None:
        index = index_units(listed, by, lang)
        positions = index.codes
        stage_codes = (
            pipe.stage[on_list].map({s: i for i, s in enumerate(STAGES)}).to_numpy(dtype=np.int64)
        )
        table = np.bincount(
            positions * len(STAGES) + stage_codes, minlength=len(index.units) * len(STAGES)
        ).reshape(-1, len(STAGES))
        units = tuple(
            UnitStages(
                label=u.label, path=u.path, counts=dict(zip(STAGES, map(int, row), strict=True))
            )
            for u, row in zip(index.units, table.tolist(), strict=True)
        )
    flows = _flows(frame, valid, pipe, period, day)
    conversion = _conversion(frame, valid, pipe, day)
    found = list(issues) + _warnings(frame, sheets, pipe, day, dossier_months)
    if admissions is not None and len(seen):
        this_year = in_period(admissions, Period(date(day.year, 1, 1), day, "", ""))
        unseen = this_year & ~seen
        found += row_issues(
            admissions,
            admission_sheets,
            unseen,
            "admitted-without-candidacy",
            "info",
            schema.FULL_NAME,
            schema.FULL_NAME,
        )
    feasibility, feasibility_total, unit_issues = _feasibility(
        frame, valid, pipe, day, targets, admissions, organization, lang, by
    )
    found += unit_issues
    rows = {
        "read": len(frame),
        "on_list": int(on_list.sum()),
        "dropped": int(pipe.dropped.sum()),
        "not_yet": int(pipe.not_yet.sum()),
        "rejected": int(validation.rejected.sum()),
    }
    return CandidatesReport(
        generated_by=generated_by,
        lang=lang,
        organization=organization,
        as_of=day,
        rows=rows,
        stages=stages,
        units=units,
        period=period,
        flows=flows,
        conversion=conversion,
        feasibility=feasibility,
        feasibility_total=feasibility_total,
        issues=summarize_issues(found, lang),
        inputs=tuple(inputs),
    )


def _flows(
    frame: pd.DataFrame, valid: pd.Series, pipe: Pipeline, period: Period | None, day: date
) -> dict[str, int] | None:
    """How many reached each stage within the period (by the stage's own date), up to
    ``day``: a date still to come is a plan, not a flow."""
    if period is None or period.start is None:
        return None
    end = pd.Timestamp(min(period.end, day) if period.end is not None else day)
    flows = {}
    for name, column in STAGE_DATES.items():
        dates = pipe.admitted_on if name == "admitted" else dates_of(frame, column)
        mask = (dates >= pd.Timestamp(period.start)) & (dates <= end)
        flows[name] = int((valid & mask).sum())
    return flows


def _conversion(frame: pd.DataFrame, valid: pd.Series, pipe: Pipeline, day: date) -> Conversion:
    """Of those who finished the class in the last 24 months, how many were admitted (by
    ``day``); and the median full months from class to admission of those admitted in
    those 24 months."""
    stamp = pd.Timestamp(day)
    since = pd.Timestamp(shift_year(day, -CONVERSION_MONTHS // 12))
    classed = dates_of(frame, schema.CLASS_DATE)
    cohort = valid & (classed > since) & (classed <= stamp)
    # admitted by a date, or by a status without one (the date is in the admission rosters)
    admitted = cohort & (
        (pipe.admitted_on <= stamp) | ((pipe.stage == "admitted") & pipe.admitted_on.isna())
    )
    recent = valid & (pipe.admitted_on > since) & (pipe.admitted_on <= stamp) & classed.notna()
    months = full_months(classed[recent], pipe.admitted_on[recent])
    median = float(months.median()) if len(months.dropna()) else None
    return Conversion(
        months=CONVERSION_MONTHS,
        classed=int(cohort.sum()),
        admitted=int(admitted.sum()),
        percent=ratio_percent(int(admitted.sum()), int(cohort.sum())),
        median_months_to_admission=median,
    )


def _feasibility(
    frame: pd.DataFrame,
    valid: pd.Series,
    pipe: Pipeline,
    day: date,
    targets: Sequence[PlanTarget],
    admissions: pd.DataFrame | None,
    organization: str | None,
    lang: str,
    by: Level | None,
) -> tuple[tuple[UnitFeasibility, ...], UnitFeasibility | None, list[Issue]]:
    """Per unit with a target this year: target − admitted so far versus the candidates past
    the class or in dossier, their certificate still valid ('short' where even all of them
    would not reach it); and units
    of the admission rosters with no candidate, or candidates but no admission this year."""
    year_start = pd.Timestamp(date(day.year, 1, 1))
    stamp = pd.Timestamp(day)
    rows_valid = valid.to_numpy()
    # past the class with a certificate that still counts (an expired one means the class
    # again, which a year's plan cannot wait for)
    ready_now = pipe.stage.isin(READY) & ~(certificate_until(frame) < stamp)
    this_year = (pipe.admitted_on >= year_start) & (pipe.admitted_on <= stamp)
    # Admissions are counted from the admission rosters where given (the candidates found
    # there are in them too), else from the candidates' own admission dates.
    parts = [
        frame[rows_valid].assign(
            _ready=ready_now.to_numpy()[rows_valid],
            _admitted=this_year.to_numpy()[rows_valid] & (admissions is None),
            _active=pipe.stage.isin(WAITING).to_numpy()[rows_valid],
            _undated=(
                (pipe.stage == "admitted") & pipe.admitted_on.isna() & (admissions is None)
            ).to_numpy()[rows_valid],
        )
    ]
    if admissions is not None and len(admissions):
        admitted_now = (
            (admissions[schema.ADMISSION_DATE] >= year_start)
            & (admissions[schema.ADMISSION_DATE] <= stamp)
        ).to_numpy()
        parts.append(
            admissions.assign(_ready=False, _admitted=admitted_now, _active=False, _undated=False)
        )
    both = pd.concat(parts, ignore_index=True)
    issues: list[Issue] = []
    level: Level = by or "branch"
    index = index_units(both, level, lang)
    size = len(index.units)
    ready = np.bincount(index.codes[both["_ready"].to_numpy(dtype=bool)], minlength=size)
    admitted = np.bincount(index.codes[both["_admitted"].to_numpy(dtype=bool)], minlength=size)
    active = np.bincount(index.codes[both["_active"].to_numpy(dtype=bool)], minlength=size)
    # admitted by a status without a date: whether it was this year cannot be told
    undated = both["_undated"].to_numpy(dtype=bool)
    unknown = np.bincount(index.codes[undated], minlength=size)
    for position, unit in enumerate(index.units):
        if not active[position] and not ready[position]:
            issues.append(Issue("no-candidates", "warning", None, None, None, None, unit.label))
        elif active[position] and not admitted[position] and not unknown[position]:
            issues.append(
                Issue(
                    "no-admission-this-year",
                    "warning",
                    None,
                    None,
                    None,
                    None,
                    unit.label,
                    {"year": str(day.year)},
                )
            )
    rows: list[UnitFeasibility] = []
    org_key = unit_key(organization) if organization else None
    levels = _plan_levels(both, lang)
    grouped: dict[tuple[str, ...], list[PlanTarget]] = {}
    scope: list[PlanTarget] = []
    for target in targets:
        if target.key in WHOLE_SCOPE_KEYS or target.key == org_key or target.unit.strip() == "*":
            scope.append(target)
        else:
            grouped.setdefault(plan_key(target.unit), []).append(target)
    for key, plan_rows in grouped.items():
        span = target_for(plan_rows, day.year, day.year)
        if span is None:
            continue
        matched, found = find_plan_unit(key, plan_rows[0].unit, levels)
        if len(found) != 1:
            continue  # quota reports the unmatched and ambiguous plan rows
        at = levels[matched]
        unit = at.index.units[found[0]]
        rows.append(
            _feasible(unit.label, unit.path, span[0], at.admitted[found[0]], at.ready[found[0]])
        )
    total_target = target_for(scope, day.year, day.year)
    low = total_target[0] if total_target else sum(r.target for r in rows)
    rows.sort(key=lambda r: ({"short": 0, "reachable": 1, "met": 2}[r.status], r.label))
    whole = whole_scope_name(organization, lang)
    total = _feasible(whole, (), low, int(admitted.sum()), int(ready.sum())) if targets else None
    return tuple(rows), total, issues


@dataclass(frozen=True)
class _PlanLevel:
    """The units of one level with their admissions this year and ready candidates."""

    index: UnitIndex
    lookup: dict[tuple[str, ...], list[int]]
    admitted: list[int]
    ready: list[int]


def _plan_levels(both: pd.DataFrame, lang: str) -> dict[Level, _PlanLevel]:
    """Every level a plan row may name, so that candidates and quota match it alike."""
    levels: dict[Level, _PlanLevel] = {}
    plan_levels: tuple[Level, ...] = ("branch", "org", "parent")
    for level in plan_levels:
        index = index_units(both, level, lang)
        size = len(index.units)
        counts = [
            np.bincount(index.codes[both[c].to_numpy(dtype=bool)], minlength=size).tolist()
            for c in ("_admitted", "_ready")
        ]
        levels[level] = _PlanLevel(index, plan_lookup(index), counts[0], counts[1])
    return levels


def _feasible(
    label: str, path: tuple[str, ...], target: int, admitted: int, ready: int
) -> UnitFeasibility:
    remaining = max(target - admitted, 0)
    status = "met" if remaining == 0 else ("reachable" if ready >= remaining else "short")
    return UnitFeasibility(
        label=label,
        path=path,
        target=target,
        admitted=admitted,
        remaining=remaining,
        ready=ready,
        status=status,
    )
