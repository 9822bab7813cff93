"""The steps in order: read -> normalize -> validate -> compute -> render; one function a command.

The CLI converts options and calls one of these; everything here is testable without a
terminal. The clock is a parameter (``as_of``), progress a callback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dvstat import __version__, schema
from dvstat.attainment import compute_attainment, plan_scope
from dvstat.candidacy import build_candidates_report
from dvstat.checks import RosterKind, Validation, validate_roster
from dvstat.errors import ConfigError, PlanError, RosterReadError, UsageError
from dvstat.issue_store import IssueTable
from dvstat.membership import build_members_report
from dvstat.model import (
    AnyReport,
    BadgesReport,
    CandidatesReport,
    FormsReport,
    Issue,
    Level,
    MembersReport,
    Period,
    PlanTarget,
    ProbationReport,
    QuotaReport,
    Report,
    SheetInfo,
    UnitEvent,
    UnitNode,
    UnitsReport,
    ValidationReport,
)
from dvstat.normalize import normalize_roster
from dvstat.periods import resolve_period
from dvstat.probationers import due_for_review
from dvstat.readers.cache import RosterCache
from dvstat.readers.plans import plan_from_config, read_plan
from dvstat.readers.register import read_register
from dvstat.readers.rosters import Tally, expand_roster_paths, read_rosters
from dvstat.report import (
    build_report,
    comparison_rows,
    count_rows,
    rejected_rows,
    summarize_issues,
)
from dvstat.settings import Settings
from dvstat.text import readable, shown_file
from dvstat.unit_history import History, restate
from dvstat.writers.files import (
    RunLock,
    atomic_write,
    file_digest,
    finish_pending_set,
    remove_leftovers,
    sha256_of,
    write_set,
)

# Writers that need openpyxl or jinja2 are imported where used: a JSON or table run, and
# cron runs that write only Markdown, do not pay for them.

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


def render(
    report: AnyReport,
    output_format: str,
    settings: Settings,
    day: date,
    quota: QuotaReport | None = None,
) -> bytes:
    """A report as Markdown, a workbook or a Word document, from the configured templates
    (else the defaults), dated ``day`` and signed as dvstat.toml [report] says."""
    from dvstat.writers.render import render_report

    return render_report(
        report,
        output_format,
        day=day,
        template_dir=settings.templates,
        heading=settings.report,
        quota=quota,
        organization=settings.organization,
    )


def render_forms(report: FormsReport, output_format: str, settings: Settings, day: date) -> bytes:
    """The official forms as a workbook (a sheet per form) or a Word document (a section
    per form), signed as dvstat.toml [report] says."""
    if output_format == "docx":
        from dvstat.writers.forms_document import forms_document

        return forms_document(report, settings.report, day)
    from dvstat.writers.forms_workbook import forms_workbook

    return forms_workbook(report, settings.report, day)


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


def render_probation(report: ProbationReport, settings: Settings) -> bytes:
    """The probation list as a workbook (from the ``du-bi.xlsx`` template)."""
    from dvstat.writers.render import render_probation as render_list

    return render_list(
        report,
        day=report.as_of,
        template_dir=settings.templates,
        heading=settings.report,
        organization=settings.organization,
    )


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


def badge_waves(
    as_of: date, year: int | None = None, wave: date | None = None, period: Period | None = None
) -> tuple[list[date], str, str]:
    """The award days a badges run covers, with its label in Vietnamese and English: a
    year's four, one award day, those within a period, else the next one from ``as_of``."""
    from dvstat.badge_awards import (
        award_days_of_year,
        first_wave_after,
        is_award_day,
        waves_between,
    )
    from dvstat.formatting import format_date, short_date

    chosen = sum(x is not None for x in (year, wave)) + bool(period and period.start)
    if chosen > 1:
        raise UsageError(
            "Chỉ chọn một trong --year, --wave và một kỳ.",
            "Use one of --year, --wave and a period.",
        )
    if year is not None:
        return award_days_of_year(year), f"năm {year}", f"year {year}"
    if wave is not None:
        if not is_award_day(wave):
            raise UsageError(
                f"--wave: {format_date(wave, 'vi')} không phải ngày xét tặng Huy hiệu Đảng "
                "(3/2, 19/5, 2/9, 7/11).",
                f"--wave: {format_date(wave, 'en')} is not a badge award day "
                "(3/2, 19/5, 2/9, 7/11).",
            )
        return [wave], f"đợt {short_date(wave)}", f"award day {short_date(wave)}"
    if period is not None and period.start is not None and period.end is not None:
        days = waves_between(period.start, period.end)
        if not days:
            raise UsageError(
                f"Kỳ {period.label_vi} không có ngày xét tặng nào (3/2, 19/5, 2/9, 7/11).",
                f"The period {period.label_en} holds no award day (3/2, 19/5, 2/9, 7/11).",
            )
        return days, period.label_vi, period.label_en
    day = first_wave_after(as_of)
    return [day], f"đợt {short_date(day)}", f"award day {short_date(day)}"


def report_waves(period: Period, as_of: date) -> tuple[list[date], str, str]:
    """The award days of ``dvstat report``: those within the period, else the next one
    after it (the list to prepare next)."""
    from dvstat.badge_awards import first_wave_after, waves_between

    if period.start is not None and period.end is not None:
        if waves_between(period.start, period.end):
            return badge_waves(as_of, period=period)
        return badge_waves(as_of, wave=first_wave_after(period.end))
    return badge_waves(as_of)


def run_badges(
    args: Sequence[str],
    settings: Settings,
    as_of: date,
    lang: str,
    waves: Sequence[date],
    label: str,
    by: Level | None = "branch",
    progress: Progress = None,
    loaded: LoadedRosters | None = None,
) -> BadgesReport:
    """The badge proposals of the membership rosters (the arguments, else ``members`` in
    dvstat.toml, else its ``rosters``) at each award day of ``waves``."""
    from dvstat.badge_awards import build_badges_report

    if loaded is None:
        specs = list(args) or list(settings.members)
        loaded = load_rosters(specs, settings, as_of, progress, kind="members")
    return build_badges_report(
        loaded.frame,
        loaded.validation,
        loaded.issues,
        loaded.sheets,
        waves,
        lang=lang,
        by=by,
        organization=settings.organization,
        generated_by=GENERATED_BY,
        as_of=as_of,
        label=label,
        inputs=loaded.input_names,
        delay_months=settings.badge_delay_months,
    )


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


def members_span(period: Period, as_of: date) -> tuple[date, tuple[date, date] | None]:
    """The cut-off and the span of changes a period asks for: membership at its end (or on
    ``as_of`` while it runs), changes from the day before it starts; the whole roster: as
    of ``as_of``, no changes."""
    if period.start is None or period.end is None:
        return as_of, None
    end = min(period.end, as_of) if as_of >= period.start else period.end
    return end, (period.start - timedelta(days=1), end)


def require_workspace(settings: Settings) -> None:
    """``dvstat report`` runs from a workspace: say how to make one when there is none."""
    if settings.path is None:
        raise ConfigError(
            "Không tìm thấy dvstat.toml (ở thư mục hiện tại, qua --config hoặc $DVSTAT_CONFIG). "
            "Tạo một thư mục làm việc bằng: dvstat init THƯ-MỤC",
            "No dvstat.toml found (in the current folder, via --config or $DVSTAT_CONFIG). "
            "Make a workspace with: dvstat init FOLDER",
        )


@dataclass
class ReportRun:
    """What ``dvstat report`` wrote: the outputs, the manifest, and whether errors were found."""

    outputs: list[Path]
    manifest: Path
    errors: int


_OUTPUT_NAMES = {
    "summary": "tong-hop",
    "quota": "chi-tieu",
    "members": "dang-vien",
    "candidates": "nguon-phat-trien",
    "badges": "huy-hieu",
    "forms": "bieu-thong-ke",
}


_PATTERN_FIELD = re.compile(r"\{([^{}]*)\}")
PATTERN_FIELDS = ("period", "name", "kind")


def output_name(settings: Settings, period: Period, kind: str) -> str:
    """File name from the configured pattern: '{period}-{name}' -> '2025-10-tong-hop.md'.
    Only the documented fields, as plain text ('{name.upper}', '{period.__class__}' and
    control characters are configuration errors, never evaluated)."""
    base, ext = kind.split(".")
    pattern = settings.file_pattern
    fields = _PATTERN_FIELD.findall(pattern.replace("{{", "").replace("}}", ""))
    bad = [f for f in fields if f not in PATTERN_FIELDS]
    if bad or any(ord(c) < 32 or c == "\x7f" for c in pattern) or len(pattern) > 200:
        shown = (
            ", ".join("{" + f[:30] + "}" for f in bad) or "ký tự điều khiển / a control character"
        )
        raise ConfigError(
            f"Khóa 'file_pattern' không hợp lệ ({shown}); chỉ dùng {{period}}, {{name}}, {{kind}}.",
            f"Key 'file_pattern' is invalid ({shown}); use only {{period}}, {{name}}, {{kind}}.",
        )
    try:
        stem = pattern.format(period=period.code, name=_OUTPUT_NAMES[base], kind=base)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(
            f"Khóa 'file_pattern' không hợp lệ: {exc}; dùng {{period}} và {{name}}.",
            f"Key 'file_pattern' is invalid: {exc}; use {{period}} and {{name}}.",
        ) from exc
    if "/" in stem or "\\" in stem or stem.startswith(".") or not stem.strip():
        raise ConfigError(
            "Khóa 'file_pattern' không được chứa thư mục.",
            "Key 'file_pattern' must not contain folders.",
        )
    return f"{stem}.{ext}"


def distinct_outputs(names: Sequence[tuple[str, str]]) -> None:
    """Two outputs (or an output and the manifest) written to one name would leave one
    file where two were meant: a configuration error before anything is written."""
    seen: dict[str, str] = {}
    for kind, name in names:
        key = name.casefold()
        if key in seen:
            raise ConfigError(
                f"'{seen[key]}' và '{kind}' cùng ghi vào '{name}': sửa 'file_pattern' (thêm "
                "{kind}) hoặc 'outputs' trong dvstat.toml.",
                f"'{seen[key]}' and '{kind}' would both be written to '{name}': change "
                "'file_pattern' (add {kind}) or 'outputs' in dvstat.toml.",
            )
        seen[key] = kind


def report_outputs(settings: Settings) -> list[str]:
    """The outputs ``dvstat report`` writes: those of ``outputs`` in dvstat.toml, else the
    default set, whose plan outputs are left out when the workspace has no plan."""
    if settings.outputs:
        return list(settings.outputs)
    defaults = ["summary.md", "summary.xlsx", "summary.docx", "summary.json"]
    return defaults + (["quota.md"] if settings.has_plan else [])


def run_report(
    settings: Settings,
    period: Period,
    as_of: date,
    lang: str,
    out_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
    units_as_of: date | None = None,
) -> ReportRun:
    """Every configured output for the period: rendered first, then written as one set under
    a lock (each file to a temporary name, all renamed once all are written, the manifest
    last). The same inputs give the same bytes (no clock inside)."""
    say = log or (lambda _message: None)
    folder = out_dir or settings.output_dir

    def progress(name: str) -> None:
        say(f"đọc / reading {name}")

    loaded = load_rosters([], settings, as_of, progress)
    report = run_summarize(
        [], settings, period, as_of, lang, loaded=loaded, units_as_of=units_as_of
    )
    kinds = report_outputs(settings)
    families = {kind.split(".")[0] for kind in kinds}
    quota = None
    if settings.has_plan and families & {"quota", "summary"}:
        quota = run_quota([], settings, period, as_of, lang, loaded=loaded, units_as_of=units_as_of)
    # Each family reads its own rosters as its kind (a membership roster is checked for
    # leavers, a candidate list needs no admission date); the cache makes a re-read cheap.
    read_sets: dict[str, LoadedRosters] = {"rosters": loaded}
    members = None
    if "members" in families:
        cut_off, span = members_span(period, as_of)
        read_sets["members"] = load_rosters(
            list(settings.members) or list(settings.rosters),
            settings,
            as_of,
            progress,
            kind="members",
        )
        members = run_members(
            [],
            settings,
            as_of,
            lang,
            cut_off,
            span,
            loaded=read_sets["members"],
            units_as_of=units_as_of,
        )
    candidates = None
    if "candidates" in families:
        read_sets["candidates"] = load_rosters(
            list(settings.candidates), settings, as_of, progress, kind="candidates"
        )
        candidates = run_candidates(
            [],
            settings,
            as_of,
            lang,
            period,
            loaded=read_sets["candidates"],
            admitted=loaded,
            units_as_of=units_as_of,
        )
    badges = None
    if "badges" in families:
        if "members" not in read_sets:
            read_sets["members"] = load_rosters(
                list(settings.members) or list(settings.rosters),
                settings,
                as_of,
                progress,
                kind="members",
            )
        waves, label_vi, label_en = report_waves(period, as_of)
        badges = run_badges(
            [],
            settings,
            as_of,
            lang,
            waves,
            label_vi if lang == "vi" else label_en,
            loaded=read_sets["members"],
        )
    forms = None
    if "forms" in families:
        from dvstat import api  # the forms gather the other commands' reports

        forms = api.forms(None, settings=settings, as_of=as_of, period=period, lang=lang)
    results: dict[str, Any] = {
        "summary": report,
        "quota": quota,
        "members": members,
        "candidates": candidates,
        "badges": badges,
        "forms": forms,
    }
    manifest_name = output_name(settings, period, "summary.json").replace(
        _OUTPUT_NAMES["summary"], "manifest"
    )
    distinct_outputs(
        [(kind, output_name(settings, period, kind)) for kind in kinds]
        + [("manifest", manifest_name)]
    )
    rendered: dict[str, bytes] = {}
    for kind in kinds:
        family, extension = kind.split(".")
        result = results[family]
        if result is None:
            raise PlanError(
                f"Đầu ra '{kind}' cần chỉ tiêu: khai báo 'plan' trong dvstat.toml "
                "hoặc bỏ nó khỏi 'outputs'.",
                f"Output '{kind}' needs a plan: set 'plan' in dvstat.toml or "
                "drop it from 'outputs'.",
            )
        rendered[output_name(settings, period, kind)] = _render_output(
            extension, result, settings, as_of, quota
        )
    plan_items = quota.issues.items if quota is not None else ()
    # the issues of every report written (a pipeline's warnings are found in its report)
    issues = [
        *(
            e.issue
            for r in (report, members, candidates, badges, forms)
            if r is not None
            for e in r.issues.items
        ),
        *(i.issue for i in plan_items if i.issue.code.startswith("plan-")),
    ]
    manifest = {
        "schema": "dvstat.manifest/1",
        "generated_by": GENERATED_BY,
        "period": {"code": period.code, **period.to_dict(lang)},
        "as_of": as_of.isoformat(),
        "config": str(settings.path) if settings.path else None,
        "inputs": [
            {**file_digest(p), "kind": kind} for kind, read in read_sets.items() for p in read.files
        ],
        "plan": file_digest(settings.plan_file) if settings.plan_file else None,
        "rows": report.rows.to_dict(),
        **({"member_rows": members.rows} if members is not None else {}),
        **({"candidate_rows": candidates.rows} if candidates is not None else {}),
        **({"badge_rows": badges.rows} if badges is not None else {}),
        "issues": {
            severity + "s": sum(i.severity == severity for i in issues)
            for severity in ("error", "warning", "info")
        },
        "outputs": [
            {"file": name, "bytes": len(data), "sha256": sha256_of(data)}
            for name, data in rendered.items()
        ],
    }
    rendered[manifest_name] = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    _write_under_lock(folder, rendered, settings.output_mode, say)
    written = [folder / name for name in rendered if name != manifest_name]
    errors = sum(i.severity == "error" for i in issues)
    return ReportRun(outputs=written, manifest=folder / manifest_name, errors=errors)


def _write_under_lock(
    folder: Path, rendered: dict[str, bytes], mode: int, say: Callable[[str], None]
) -> None:
    """The set, written holding the folder's lock, after finishing what a killed run left."""
    with RunLock(
        folder, on_stale=lambda why: say(f"khóa cũ đã được thay / stale lock replaced: {why}")
    ):
        finished = finish_pending_set(folder)
        if finished:
            say(
                f"đã hoàn tất bộ báo cáo mà lần chạy trước bỏ dở ({finished} tệp) / finished "
                f"the set an earlier run left half written ({finished} files)"
            )
        removed = remove_leftovers(folder)
        if removed:
            say(
                f"đã xóa {removed} tệp tạm của lần chạy trước / removed {removed} temporary "
                "files of an earlier run"
            )
        write_set(folder, rendered, mode)


_FORMATS = {"md": "markdown", "xlsx": "xlsx", "docx": "docx"}


def _render_output(
    extension: str, result: Any, settings: Settings, day: date, quota: QuotaReport | None
) -> bytes:
    """One output of ``dvstat report``: the model as JSON, or rendered from its template."""
    if extension == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")
    if isinstance(result, FormsReport):
        return render_forms(result, _FORMATS[extension], settings, day)
    return render(
        result, _FORMATS[extension], settings, day, quota if isinstance(result, Report) else None
    )


def create_workspace(folder: Path, force: bool, lang: str = "vi") -> list[Path]:
    """The files of a new workspace (``dvstat init``), in the run's language."""
    from dvstat.workspace import init_workspace

    return init_workspace(folder, force, lang)


def choose_period(as_of: date, **options: Any) -> Period:
    """The period the command-line options name (see ``periods.resolve_period``)."""
    return resolve_period(as_of=as_of, **options)


def write_output(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write a rendered output atomically, readable as ``mode`` says (private by default)."""
    atomic_write(path, data, mode)


def render_validation_workbook(result: ValidationReport) -> bytes:
    from dvstat.writers.issues_workbook import issues_workbook

    return issues_workbook(result.to_dict(), result.lang)
