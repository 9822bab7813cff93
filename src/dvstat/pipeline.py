"""The steps in order: read -> normalize -> validate -> compute -> render; one function a command.

The CLI converts options and calls one of these; everything here is testable without a
terminal. The clock is a parameter (``as_of``), progress a callback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from dvstat import __version__, schema
from dvstat.errors import PlanError, RosterReadError
from dvstat.model import Issue, Level, Period, QuotaReport, Report
from dvstat.normalize import normalize_roster
from dvstat.periods import previous_year, resolve_period
from dvstat.quota import compute_attainment
from dvstat.readers.config import Settings, find_config, load_settings
from dvstat.readers.plans import plan_from_config, read_plan
from dvstat.readers.rosters import RosterTable, expand_roster_paths, read_rosters
from dvstat.report import build_report, count_rows, in_period, rejected_rows, summarize_issues
from dvstat.validate import Validation, validate_roster
from dvstat.writers.files import atomic_write
from dvstat.writers.issues_workbook import issues_workbook
from dvstat.writers.workspace import init_workspace

GENERATED_BY = f"dvstat {__version__}"


@dataclass
class LoadedRosters:
    """Rosters read, normalized and checked: the input of every statistic."""

    table: RosterTable
    frame: pd.DataFrame
    validation: Validation

    @property
    def issues(self) -> list[Issue]:
        return [*self.table.issues, *self.validation.issues]

    @property
    def input_names(self) -> list[str]:
        return [p.name for p in self.table.files]


def roster_specs(args: Sequence[str], settings: Settings) -> list[str]:
    """Rosters named on the command line, else those of the config."""
    specs = list(args) or list(settings.rosters)
    if not specs:
        raise RosterReadError(
            "Chưa chỉ ra danh sách nào: ghi tên tệp/thư mục, hoặc khai báo 'rosters' trong "
            "dvstat.toml.",
            "No roster given: name a file or folder, or set 'rosters' in dvstat.toml.")
    return specs


def load_rosters(args: Sequence[str], settings: Settings, as_of: date,
                 progress: Callable[[str], None] | None = None) -> LoadedRosters:
    """Read, normalize and validate every roster the arguments (or the config) name."""
    paths = expand_roster_paths(roster_specs(args, settings))
    table = read_rosters(paths, settings.header_aliases, settings.limits, progress)
    vocabularies = {name: schema.load_vocabulary(name).with_aliases(mapping)
                    for name, mapping in settings.value_aliases.items()}
    frame = normalize_roster(table.frame, vocabularies)
    validation = validate_roster(frame, table.sheets, as_of)
    return LoadedRosters(table, frame, validation)


def run_validate(args: Sequence[str], settings: Settings, as_of: date,
                 lang: str) -> dict[str, Any]:
    """The validate result: reconciliation, every issue, every rejected row."""
    loaded = load_rosters(args, settings, as_of)
    valid = ~loaded.validation.rejected
    rows = count_rows(valid, valid, loaded.validation)
    return {
        "schema": "dvstat.validate/1",
        "generated_by": GENERATED_BY,
        "inputs": loaded.input_names,
        "rows": rows.to_dict(),
        "issues": summarize_issues(loaded.issues, lang).to_dict(),
        "rejected": [r.to_dict() for r in rejected_rows(loaded.frame, loaded.validation)],
    }


def run_summarize(args: Sequence[str], settings: Settings, period: Period, as_of: date,
                  lang: str, by: Level | None = "branch", compare: bool = True,
                  loaded: LoadedRosters | None = None) -> Report:
    """The summary report of the rosters for a period."""
    loaded = loaded or load_rosters(args, settings, as_of)
    return build_report(loaded.frame, loaded.validation, loaded.issues, period, lang=lang,
                        by=by, compare=compare, organization=settings.organization,
                        generated_by=GENERATED_BY, inputs=loaded.input_names)


def has_errors(issues: Sequence[dict[str, Any]] | Sequence[Issue]) -> bool:
    return any((i["severity"] if isinstance(i, dict) else i.severity) == "error" for i in issues)


def run_quota(args: Sequence[str], settings: Settings, period: Period, as_of: date,
              lang: str, plan: Path | None = None) -> QuotaReport:
    """Plan attainment of the rosters for a period, per unit and in total."""
    plan_path = plan or settings.plan_file
    if plan_path is not None:
        targets = read_plan(plan_path)
    elif settings.plan_rows:
        targets = plan_from_config(settings.plan_rows)
    else:
        raise PlanError("Chưa có chỉ tiêu: dùng --plan FILE hoặc khai báo 'plan' trong "
                        "dvstat.toml.",
                        "No plan: use --plan FILE or set 'plan' in dvstat.toml.")
    loaded = load_rosters(args, settings, as_of)
    valid = loaded.frame[~loaded.validation.rejected]
    current = valid[in_period(valid, period)]
    previous = None
    last_year = previous_year(period)
    if last_year is not None and last_year.end is not None and len(valid):
        if valid[schema.ADMISSION_DATE].min() <= pd.Timestamp(last_year.end):
            previous = valid[in_period(valid, last_year)]
    units, total, issues = compute_attainment(current, previous, targets, period, as_of,
                                              settings.organization)
    return QuotaReport(generated_by=GENERATED_BY, lang=lang, period=period, as_of=as_of,
                       units=tuple(units), total=total,
                       issues=summarize_issues([*issues, *loaded.issues], lang))


def create_workspace(folder: Path, force: bool) -> list[Path]:
    """The files of a new workspace (``dvstat init``)."""
    return init_workspace(folder, force)


def load_workspace(explicit: Path | None, cwd: Path) -> Settings:
    """The settings of ``--config``, ``$DVSTAT_CONFIG`` or ./dvstat.toml (defaults if none)."""
    return load_settings(find_config(explicit, cwd))


def choose_period(as_of: date, **options: Any) -> Period:
    """The period the command-line options name (see ``periods.resolve_period``)."""
    return resolve_period(as_of=as_of, **options)


def write_output(path: Path, data: bytes) -> None:
    """Write a rendered output atomically."""
    atomic_write(path, data)


def render_validation_workbook(result: dict[str, Any], lang: str) -> bytes:
    return issues_workbook(result, lang)
