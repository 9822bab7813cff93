"""The admission pipeline: candidates linked with the admissions, against the plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from dvstat.candidacy import build_candidates_report
from dvstat.model import CandidatesReport, Level, Period
from dvstat.pipeline.loading import GENERATED_BY, LoadedRosters, Progress, load_rosters, on_units
from dvstat.pipeline.new_members import plan_targets
from dvstat.settings import Settings


def run_candidates(
    args: Sequence[str],
    settings: Settings,
    as_of: date,
    lang: str,
    period: Period | None = None,
    by: Level | None = "branch",
    plan: Path | None = None,
    admissions: Sequence[str] | None = None,
    progress: Progress = None,
    loaded: LoadedRosters | None = None,
    admitted: LoadedRosters | None = None,
    units_as_of: date | None = None,
) -> CandidatesReport:
    """The admission pipeline on ``as_of``: the candidate rosters of the arguments (else
    ``candidates`` in dvstat.toml), linked with the admission rosters (``admissions``, else
    the config's ``rosters`` where there are some), measured against the plan where there
    is one."""
    if loaded is None:
        loaded = load_rosters(
            list(args) or list(settings.candidates), settings, as_of, progress, kind="candidates"
        )
    admission_specs = list(admissions or settings.rosters)
    if admitted is None and admission_specs:
        admitted = load_rosters(admission_specs, settings, as_of, progress)
    targets = plan_targets(settings, plan) if plan is not None or settings.has_plan else []
    loaded, placed_on = on_units(loaded, settings, as_of, units_as_of)
    if admitted is not None:
        admitted, _ = on_units(admitted, settings, as_of, units_as_of)
    report = build_candidates_report(
        loaded.frame,
        loaded.validation,
        loaded.issues,
        loaded.sheets,
        as_of,
        lang=lang,
        by=by,
        organization=settings.organization,
        generated_by=GENERATED_BY,
        inputs=loaded.input_names,
        period=period,
        targets=targets,
        admissions=admitted.frame[~admitted.validation.rejected] if admitted else None,
        admission_sheets=admitted.sheets if admitted else (),
        dossier_months=settings.dossier_months,
    )
    return replace(report, units_as_of=placed_on.as_of, units_changed=placed_on.changed)
