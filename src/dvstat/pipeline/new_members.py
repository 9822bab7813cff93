"""The new members of a period: ``validate``, ``summarize`` and ``quota`` (the plan)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from dvstat.attainment import compute_attainment, plan_scope
from dvstat.errors import PlanError
from dvstat.model import Level, Period, PlanTarget, QuotaReport, Report, ValidationReport
from dvstat.pipeline.loading import GENERATED_BY, LoadedRosters, Progress, load_rosters, on_units
from dvstat.readers.plans import plan_from_config, read_plan
from dvstat.report import build_report, comparison_rows, count_rows, rejected_rows, summarize_issues
from dvstat.settings import Settings


def run_validate(
    args: Sequence[str],
    settings: Settings,
    as_of: date,
    lang: str,
    progress: Progress = None,
    loaded: LoadedRosters | None = None,
) -> ValidationReport:
    """The validate result: reconciliation, every issue, every rejected row."""
    loaded = loaded or load_rosters(args, settings, as_of, progress)
    valid = ~loaded.validation.rejected
    return ValidationReport(
        generated_by=GENERATED_BY,
        lang=lang,
        inputs=tuple(loaded.input_names),
        rows=count_rows(valid, valid, loaded.validation),
        issues=summarize_issues(loaded.issues, lang),
        rejected=rejected_rows(loaded.frame, loaded.validation),
    )


def run_summarize(
    args: Sequence[str],
    settings: Settings,
    period: Period,
    as_of: date,
    lang: str,
    by: Level | None = "branch",
    compare: str | None = "auto",
    loaded: LoadedRosters | None = None,
    units_as_of: date | None = None,
) -> Report:
    """The summary report of the rosters for a period, with its comparison period
    (``compare``: 'auto', 'last_year', 'previous_term' or None), on the units of
    ``units_as_of`` (default: the period's end) where the register has a history."""
    loaded, units = on_units(
        loaded or load_rosters(args, settings, as_of), settings, period.end, units_as_of
    )
    report = build_report(
        loaded.frame,
        loaded.validation,
        loaded.issues,
        period,
        lang=lang,
        by=by,
        compare=compare,
        organization=settings.organization,
        generated_by=GENERATED_BY,
        inputs=loaded.input_names,
        term_years=settings.term_years,
        as_of=as_of,
    )
    return replace(report, units_as_of=units.as_of, units_changed=units.changed)


def with_unit_aliases(targets: list[PlanTarget], aliases: dict[str, str]) -> list[PlanTarget]:
    """Plan rows under the names ``[aliases.units]`` gives them (compared as unit names:
    abbreviations, accents, case and spaces aside)."""
    if not aliases:
        return targets
    from dvstat.unit_words import comparable

    mapping = {comparable(old): new for old, new in aliases.items()}
    return [
        replace(t, unit=mapping[comparable(t.unit)]) if comparable(t.unit) in mapping else t
        for t in targets
    ]


def plan_targets(settings: Settings, plan: Path | None = None) -> list[PlanTarget]:
    """The plan of ``--plan`` or of the workspace; PlanError when there is none."""
    plan_path = plan or settings.plan_file
    if plan_path is not None:
        return with_unit_aliases(read_plan(plan_path, settings.limits), settings.unit_aliases)
    if settings.plan_rows:
        return with_unit_aliases(plan_from_config(settings.plan_rows), settings.unit_aliases)
    raise PlanError(
        "Chưa có chỉ tiêu: dùng --plan FILE (plan=… trong thư viện) hoặc khai báo 'plan' "
        "trong dvstat.toml.",
        "No plan: use --plan FILE (plan=… in the library) or set 'plan' in dvstat.toml.",
    )


def run_quota(
    args: Sequence[str],
    settings: Settings,
    period: Period,
    as_of: date,
    lang: str,
    plan: Path | None = None,
    loaded: LoadedRosters | None = None,
    progress: Progress = None,
    compare: str | None = "auto",
    units_as_of: date | None = None,
) -> QuotaReport:
    """Plan attainment of the rosters for a period, per unit and in total (on the units of
    ``units_as_of``, default the period's end, where the register has a history: a plan
    written for the new units matches)."""
    targets = plan_targets(settings, plan)
    loaded, placed_on = on_units(
        loaded or load_rosters(args, settings, as_of, progress), settings, period.end, units_as_of
    )
    valid_mask = ~loaded.validation.rejected
    valid = loaded.frame[valid_mask]
    found = comparison_rows(loaded.frame, valid_mask, period, compare, settings.term_years, as_of)
    comparison = found[0] if found else None
    units, total, issues = compute_attainment(
        valid, targets, period, as_of, settings.organization, lang, comparison
    )
    scope = plan_scope(period, as_of)
    return QuotaReport(
        generated_by=GENERATED_BY,
        lang=lang,
        period=period,
        as_of=as_of,
        units=tuple(units),
        total=total,
        issues=summarize_issues([*issues, *loaded.issues], lang),
        comparison=comparison,
        target_years=(scope.first_year, scope.last_year),
        within=scope.within,
        units_as_of=placed_on.as_of,
        units_changed=placed_on.changed,
    )
