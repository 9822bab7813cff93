"""The whole membership: ``members`` (on a day, and its changes), ``probation`` and the
unit register (``units``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pandas as pd

from dvstat import schema
from dvstat.errors import ConfigError
from dvstat.membership import build_members_report
from dvstat.model import (
    Issue,
    Level,
    MembersReport,
    Period,
    ProbationReport,
    UnitEvent,
    UnitNode,
    UnitsReport,
)
from dvstat.pipeline.loading import GENERATED_BY, LoadedRosters, Progress, load_rosters, on_units
from dvstat.probationers import due_for_review
from dvstat.readers.register import read_register
from dvstat.report import summarize_issues
from dvstat.settings import Settings
from dvstat.unit_history import restate


def run_members(
    args: Sequence[str],
    settings: Settings,
    as_of: date,
    lang: str,
    cut_off: date | None = None,
    span: tuple[date, date] | None = None,
    by: Level | None = "branch",
    compare: bool = True,
    progress: Progress = None,
    loaded: LoadedRosters | None = None,
    units_as_of: date | None = None,
) -> MembersReport:
    """The membership on ``cut_off`` (default ``as_of``) and its changes over ``span``, on
    the units of ``units_as_of`` (default the cut-off) where the register has a history;
    the organizations counted are those of the register valid on the cut-off.

    Rosters come from the arguments, else the config's ``members``, else its ``rosters``."""
    if loaded is None:
        specs = list(args) or list(settings.members)
        loaded = load_rosters(specs, settings, as_of, progress, kind="members")
    day = cut_off or as_of
    loaded, placed_on = on_units(loaded, settings, day, units_as_of)
    register = read_register(settings.units_file, settings.limits) if settings.units_file else []
    register = [u for u in register if u.valid_on(units_as_of or day)]
    report = build_members_report(
        loaded.frame,
        loaded.validation,
        loaded.issues,
        cut_off or as_of,
        lang=lang,
        by=by,
        organization=settings.organization,
        generated_by=GENERATED_BY,
        inputs=loaded.input_names,
        span=span,
        compare=compare,
        small_limit=settings.small_branch,
        register=register,
    )
    events: tuple[UnitEvent, ...] = ()
    if span is not None and settings.units_file is not None:
        from dvstat.unit_history import events_between

        full = read_register(settings.units_file, settings.limits)
        events = tuple(events_between(full, span[0], span[1]))
    return replace(
        report, units_as_of=placed_on.as_of, units_changed=placed_on.changed, unit_events=events
    )


def members_span(period: Period, as_of: date) -> tuple[date, tuple[date, date] | None]:
    """The cut-off and the span of changes a period asks for: membership at its end (or on
    ``as_of`` while it runs), changes from the day before it starts; the whole roster: as
    of ``as_of``, no changes."""
    if period.start is None or period.end is None:
        return as_of, None
    end = min(period.end, as_of) if as_of >= period.start else period.end
    return end, (period.start - timedelta(days=1), end)


def run_probation(
    args: Sequence[str],
    settings: Settings,
    as_of: date,
    within: int,
    lang: str = "vi",
    progress: Progress = None,
    loaded: LoadedRosters | None = None,
) -> ProbationReport:
    """Probationary members due for review within ``within`` days of ``as_of``, or overdue."""
    loaded = loaded or load_rosters(args, settings, as_of, progress)
    items = due_for_review(loaded.frame[~loaded.validation.rejected], as_of, within)
    return ProbationReport(
        generated_by=GENERATED_BY, lang=lang, as_of=as_of, within_days=within, items=tuple(items)
    )


def run_units(
    args: Sequence[str],
    settings: Settings,
    as_of: date,
    lang: str,
    day: date,
    progress: Progress = None,
) -> UnitsReport:
    """The unit register on ``day`` as a tree, its checks, and — where membership rosters
    are given (the arguments, else ``members``, else ``rosters`` of dvstat.toml) — the
    members of each unit on that day, the rosters' units placed on the register's."""
    from dvstat.membership import states_at
    from dvstat.unit_history import register_issues, units_on

    if settings.units_file is None:
        raise ConfigError(
            "Chưa có sổ đơn vị: khai báo 'units = \"don-vi.csv\"' trong dvstat.toml.",
            "No unit register: set 'units = \"don-vi.csv\"' in dvstat.toml.",
        )
    register = read_register(settings.units_file, settings.limits)
    issues: list[Issue] = register_issues(register)
    tree = units_on(register, day)
    specs = list(args) or list(settings.members) or list(settings.rosters)
    counts: dict[str, int] | None = None
    total = None
    if specs:
        loaded = load_rosters(specs, settings, as_of, progress, kind="members")
        frame, placed_issues = restate(loaded.frame, register, day)
        issues += [*loaded.issues, *placed_issues]
        member = states_at(frame, ~loaded.validation.rejected, day).member
        rows = frame[member.to_numpy()]
        total = len(rows)
        counts = _unit_counts(rows, tree)
    nodes = tuple(
        UnitNode(depth, unit, counts.get(unit.code, 0) if counts is not None else None)
        for depth, unit in tree
    )
    return UnitsReport(
        generated_by=GENERATED_BY,
        lang=lang,
        as_of=day,
        units=nodes,
        issues=summarize_issues(issues, lang),
        members=total,
    )


def _unit_counts(rows: pd.DataFrame, tree: Sequence[tuple[int, Any]]) -> dict[str, int]:
    """Members per register unit: a branch by (its organization, its name), an organization
    by its name (all its branches)."""
    from dvstat.unit_words import comparable

    orgs = rows[schema.ORG].astype(object).map(lambda v: comparable(str(v)) if v == v else "")
    branches = (
        rows[schema.BRANCH].astype(object).map(lambda v: comparable(str(v)) if v == v else "")
    )
    by_pair = pd.Series(1, index=rows.index).groupby([orgs, branches]).sum().to_dict()
    by_org = pd.Series(1, index=rows.index).groupby(orgs).sum().to_dict()
    names = {unit.code: unit for _, unit in tree}
    counts: dict[str, int] = {}
    for _, unit in tree:
        if unit.kind in ("dang_bo_co_so", "chi_bo_co_so", "other"):
            counts[unit.code] = int(by_org.get(comparable(unit.name), 0))
        else:
            parent = names.get(unit.parent)
            key = (comparable(parent.name) if parent else "", comparable(unit.name))
            counts[unit.code] = int(by_pair.get(key, 0))
    return counts
