"""The steps in order: read -> normalize -> validate -> compute -> render; one function a
command, one module a use case:

- ``loading``: rosters read, normalized and checked; their rows placed on a day's units;
- ``new_members``: ``validate``, ``summarize``, ``quota``;
- ``members``: ``members``, ``probation``, ``units``;
- ``candidates``: the admission pipeline; ``badges``: the award days and proposals;
- ``rendering``: reports to bytes and files; ``scheduled``: ``dvstat report`` (cron).

The CLI converts options and calls one of these; everything here is testable without a
terminal. The clock is a parameter (``as_of``), progress a callback.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dvstat.model import Period
from dvstat.periods import resolve_period
from dvstat.pipeline.badges import badge_waves, report_waves, run_badges
from dvstat.pipeline.candidates import run_candidates
from dvstat.pipeline.loading import (
    CACHE_NOTE,
    GENERATED_BY,
    LoadedRosters,
    Progress,
    Units,
    load_rosters,
    on_units,
    roster_specs,
    workspace_organization,
)
from dvstat.pipeline.members import members_span, run_members, run_probation, run_units
from dvstat.pipeline.new_members import plan_targets, run_quota, run_summarize, run_validate
from dvstat.pipeline.rendering import (
    render,
    render_forms,
    render_probation,
    render_validation_workbook,
    write_output,
)
from dvstat.pipeline.scheduled import (
    PATTERN_FIELDS,
    ReportRun,
    output_name,
    report_outputs,
    require_workspace,
    run_report,
)

__all__ = [
    "CACHE_NOTE",
    "GENERATED_BY",
    "PATTERN_FIELDS",
    "LoadedRosters",
    "Progress",
    "ReportRun",
    "Units",
    "badge_waves",
    "choose_period",
    "create_workspace",
    "load_rosters",
    "members_span",
    "on_units",
    "output_name",
    "plan_targets",
    "render",
    "render_forms",
    "render_probation",
    "render_validation_workbook",
    "report_outputs",
    "report_waves",
    "require_workspace",
    "roster_specs",
    "run_badges",
    "run_candidates",
    "run_members",
    "run_probation",
    "run_quota",
    "run_report",
    "run_summarize",
    "run_units",
    "run_validate",
    "workspace_organization",
    "write_output",
]


def create_workspace(folder: Path, force: bool, lang: str = "vi") -> list[Path]:
    """The files of a new workspace (``dvstat init``), in the run's language."""
    from dvstat.workspace import init_workspace

    return init_workspace(folder, force, lang)


def choose_period(as_of: date, **options: Any) -> Period:
    """The period the command-line options name (see ``periods.resolve_period``)."""
    return resolve_period(as_of=as_of, **options)
