"""Rosters read, normalized and checked — the input every use case starts from — and the
units their rows stand on (restated on a register's units of a day)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from dvstat import __version__, schema
from dvstat.checks import RosterKind, Validation, validate_roster
from dvstat.errors import RosterReadError, UsageError
from dvstat.issue_store import IssueTable
from dvstat.model import Issue, SheetInfo
from dvstat.normalize import normalize_roster
from dvstat.readers.cache import RosterCache
from dvstat.readers.register import read_register
from dvstat.readers.rosters import Tally, expand_roster_paths, read_rosters
from dvstat.settings import Settings
from dvstat.text import readable, shown_file
from dvstat.unit_history import History, restate

GENERATED_BY = f"dvstat {__version__}"


CACHE_NOTE = "cache: "  # what the progress callback is told about the cache starts so


@dataclass
class LoadedRosters:
    """Rosters read, normalized and checked: the input of every statistic."""

    files: list[Path]
    sheets: list[SheetInfo]
    read_issues: list[Issue]
    frame: pd.DataFrame
    validation: Validation

    @property
    def issues(self) -> IssueTable:
        return IssueTable.join(self.read_issues, self.validation.issues)

    @property
    def input_names(self) -> list[str]:
        return [readable(p.name) for p in self.files]


@dataclass
class Units:
    """The day the rows' units are those of, and the day the changed units began (both None
    without a register that has history)."""

    as_of: date | None = None
    changed: date | None = None


def on_units(
    loaded: LoadedRosters, settings: Settings, default: date | None, chosen: date | None = None
) -> tuple[LoadedRosters, Units]:
    """The rosters with every row on the units as they stand on ``chosen`` (else
    ``default``, the end of the period), where the unit register has a history; else as
    read. A unit that cannot be placed is an issue; its rows stay in the totals."""
    if settings.units_file is None:
        if chosen is not None:
            raise UsageError(
                "--units-as-of cần sổ đơn vị có lịch sử ('units' trong dvstat.toml).",
                "--units-as-of needs a unit register with history ('units' in dvstat.toml).",
            )
        return loaded, Units()
    register = read_register(settings.units_file, settings.limits)
    history = History(register)
    day = chosen or default
    if not history.has_history or day is None:
        return loaded, Units()
    frame, issues = restate(loaded.frame, register, day)
    placed = LoadedRosters(
        loaded.files, loaded.sheets, [*loaded.read_issues, *issues], frame, loaded.validation
    )
    return placed, Units(day, history.changed_on())


def roster_specs(
    args: Sequence[str], settings: Settings, kind: RosterKind = "admissions"
) -> list[str]:
    """Rosters named on the command line, else those of the config: candidate rosters only
    from its ``candidates`` (never the new members' ``rosters``)."""
    key = "candidates" if kind == "candidates" else "rosters"
    specs = list(args) or list(getattr(settings, key))
    if not specs:
        raise RosterReadError(
            "Chưa chỉ ra danh sách nào: ghi tên tệp/thư mục, hoặc khai báo "
            f"'{key}' trong dvstat.toml.",
            f"No roster given: name a file or folder, or set '{key}' in dvstat.toml.",
        )
    return specs


def load_rosters(
    args: Sequence[str],
    settings: Settings,
    as_of: date,
    progress: Callable[[str], None] | None = None,
    kind: RosterKind = "admissions",
    tally: Tally | None = None,
) -> LoadedRosters:
    """Read, normalize and validate every roster the arguments (or the config) name;
    ``kind`` says what the rows are (admissions, members, candidates: see ``checks``).

    A re-run over unchanged files takes the normalized frame from the cache; validation
    always runs, as it depends on the day."""
    found = expand_roster_paths(roster_specs(args, settings, kind))
    paths = found.paths
    note = (lambda why: progress(CACHE_NOTE + why)) if progress else None
    cache = RosterCache(settings.cache_dir, note) if settings.cache_dir else None
    aliases = (settings.header_aliases, settings.value_aliases)
    cached = cache.load_normalized(paths, *aliases) if cache is not None else None
    if cached is not None:
        for path in paths:
            if progress:
                progress(shown_file(path))
        frame, sheets, read_issues = cached
    else:
        # One file is cached only as the normalized set (the level per file serves sets
        # of several files, one of which changed).
        table = read_rosters(
            paths,
            settings.header_aliases,
            settings.limits,
            progress,
            cache,
            store=len(paths) > 1,
            jobs=settings.jobs,
            tally=tally,
        )
        vocabularies = {
            name: schema.load_vocabulary(name).with_aliases(mapping)
            for name, mapping in settings.value_aliases.items()
        }
        frame = normalize_roster(table.frame, vocabularies)
        sheets, read_issues = table.sheets, table.issues
        del table  # the rows as read are not kept while the normalized ones are checked
        if cache is not None:
            cache.store_normalized(paths, *aliases, frame, sheets, read_issues)
    frame = workspace_organization(frame, settings.organization)
    validation = validate_roster(frame, sheets, as_of, kind)
    return LoadedRosters(paths, sheets, [*found.issues, *read_issues], frame, validation)


def workspace_organization(frame: pd.DataFrame, organization: str | None) -> pd.DataFrame:
    """With ``organization`` in dvstat.toml, a file's name is never the organization, a chi
    bộ named only by its sheet, file or title is a branch of the workspace's organization
    (not a grassroots chi bộ of its own), and so is every row that names no organization:
    a supplement without the column joins the same branches as the main roster."""
    if not organization:
        return frame
    orgs = frame[schema.ORG]
    unnamed = np.array(orgs.isna().to_numpy(), dtype=bool)
    if schema.ORG_SOURCE in frame:
        unnamed |= frame[schema.ORG_SOURCE].isin(["file", "branch"]).to_numpy()
    if not unnamed.any():
        return frame
    values = orgs.astype(object).where(~unnamed, organization)
    return frame.assign(**{schema.ORG: pd.Categorical(values)})


Progress = Callable[[str], None] | None
