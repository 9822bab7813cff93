"""dvstat as a Python library: read rosters once, then ask for what the commands print.

    import dvstat
    roster = dvstat.read("danh-sach/")                    # or a file, a glob, a list
    summary = dvstat.summarize(roster, period="2025", by="org")
    summary.to_frame()          # every breakdown as a DataFrame
    summary.to_dict()           # exactly what `dvstat summarize --format json` prints
    dvstat.quota(roster, plan="chi-tieu.csv", year=2025).to_frame()

Every function takes a Roster or what ``read`` takes (paths; None: the rosters of the
settings), and the same keywords as the
command's options; results are frozen and typed, with ``to_dict()`` (the CLI's JSON) and
``to_frame()``. Nothing is cached on disk unless ``Settings(cache_dir=…)`` asks for it, and
nothing is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from dvstat import pipeline, schema
from dvstat.checks import RosterKind
from dvstat.errors import UsageError
from dvstat.model import (
    AnyReport,
    BadgesReport,
    CandidatesReport,
    FormsReport,
    Issue,
    Level,
    MembersReport,
    Period,
    ProbationReport,
    QuotaReport,
    Report,
    RowCounts,
    SheetInfo,
    UnitsReport,
    ValidationReport,
)
from dvstat.settings import Settings

Paths = str | Path | Sequence[str | Path]
# What ``Roster.to_frame`` shows of a row, in this order (where the rosters have it).
PUBLIC_COLUMNS = (
    schema.SRC_FILE,
    schema.SRC_SHEET,
    schema.SRC_ROW,
    schema.FULL_NAME,
    schema.BIRTH_DATE,
    schema.GENDER,
    schema.ETHNICITY,
    schema.RELIGION,
    schema.GENERAL_EDUCATION,
    schema.PROFESSIONAL,
    schema.POLITICAL_THEORY,
    schema.OCCUPATION,
    schema.YOUTH_UNION,
    schema.READMITTED,
    schema.ADMISSION_DATE,
    schema.OFFICIAL_DATE,
    schema.PARENT,
    schema.ORG,
    schema.BRANCH,
    schema.RECORD_NO,
    schema.CARD_NO,
    schema.CITIZEN_ID,
    schema.LEAVE_REASON,
    schema.LEAVE_DATE,
    schema.TRANSFER_IN_DATE,
    *schema.PIPELINE_DATES,
    "age",
)
LEVELS = ("branch", "org", "parent")
COMPARISONS = ("auto", "last_year", "previous_term")


def _check_choice(name: str, value: Any, allowed: Sequence[Any], none_ok: bool = True) -> None:
    """A keyword given a value it does not take: a DvstatError in the caller's terms."""
    if (value is None and none_ok) or value in allowed:
        return
    listed = ", ".join(repr(a) for a in allowed) + (" hoặc None" if none_ok else "")
    listed_en = ", ".join(repr(a) for a in allowed) + (" or None" if none_ok else "")
    raise UsageError(
        f"{name}={value!r} không hợp lệ; dùng {listed}.",
        f"{name}={value!r} is not valid; use {listed_en}.",
    )


@dataclass(frozen=True)
class Roster:
    """Rosters read, normalized and checked: what every other function starts from.

    ``frame`` holds one normalized row per row read (rejected ones too, see
    ``to_frame``); ``issues`` every finding of reading and checking (a sequence of
    ``Issue`` kept as columns: each is made when looked at)."""

    files: tuple[Path, ...]
    sheets: tuple[SheetInfo, ...]
    issues: Sequence[Issue]
    settings: Settings
    as_of: date
    loaded: Any  # the pipeline's LoadedRosters, shared by the functions below

    @property
    def frame(self) -> Any:
        return self.loaded.frame

    @property
    def rows(self) -> RowCounts:
        """The reconciliation over the whole roster: read = counted + rejected."""
        return validate(self).rows

    def to_frame(self) -> Any:
        """One row per row read: where it was (file, sheet, row), the values as dvstat reads
        them (codes of ``dvstat.schema``, dates, units, age at admission) and why it was
        rejected (None for the rows that count). Working columns are left out."""
        frame = self.loaded.frame
        columns = [c for c in PUBLIC_COLUMNS if c in frame]
        public = frame[columns].rename(
            columns={schema.SRC_FILE: "file", schema.SRC_SHEET: "sheet", schema.SRC_ROW: "row"}
        )
        public["rejected"] = self.loaded.validation.reason.astype(object).where(
            self.loaded.validation.rejected, None
        )
        return public


def read(
    paths: Paths | None = None,
    *,
    settings: Settings | None = None,
    config: str | Path | None = None,
    as_of: date | None = None,
    progress: Callable[[str], None] | None = None,
    kind: RosterKind = "admissions",
    tally: Callable[[int, int, int], None] | None = None,
) -> Roster:
    """Read, normalize and check rosters: files, folders (every roster in them) or globs.

    ``config`` reads a dvstat.toml (its rosters are read when ``paths`` is None);
    ``settings`` gives the settings directly; ``as_of`` (default: today) bounds dates;
    ``kind`` says what the rows are: 'admissions' (new members), 'members' (the whole
    membership) or 'candidates' (who need no admission date). ``tally(files read, files,
    rows read)`` hears of each file as it is read (a progress bar); ``settings.jobs``
    files are read at once (0: one per core)."""
    chosen = _settings(settings, config)
    day = as_of or date.today()
    specs = [] if paths is None else [str(p) for p in _as_list(paths)]
    loaded = pipeline.load_rosters(specs, chosen, day, progress, kind, tally)
    return Roster(
        files=tuple(loaded.files),
        sheets=tuple(loaded.sheets),
        issues=loaded.issues,
        settings=chosen,
        as_of=day,
        loaded=loaded,
    )


def validate(
    roster: Roster | Paths | None = None, *, lang: str = "vi", **read_options: Any
) -> ValidationReport:
    """Every issue with its place, every rejected row, and the reconciliation."""
    found = _roster(roster, read_options)
    return pipeline.run_validate([], found.settings, found.as_of, lang, loaded=found.loaded)


def summarize(
    roster: Roster | Paths | None = None,
    *,
    period: str | Period | None = None,
    year: int | None = None,
    term: str | None = None,
    start: date | None = None,
    end: date | None = None,
    by: Level | None = "branch",
    compare: str | None = "auto",
    units_as_of: date | None = None,
    lang: str = "vi",
    **read_options: Any,
) -> Report:
    """Every breakdown of the admissions in a period, per unit (``by``: 'branch', 'org',
    'parent' or None), with the comparison period (``compare``: 'auto', 'last_year',
    'previous_term' or None). ``period`` is a Period or a word as ``--period`` takes it."""
    _check_choice("by", by, LEVELS)
    _check_choice("compare", compare, COMPARISONS)
    found = _roster(roster, read_options)
    chosen = choose(found.as_of, period, year, term, start, end)
    return pipeline.run_summarize(
        [],
        found.settings,
        chosen,
        found.as_of,
        lang,
        by,
        compare,
        loaded=found.loaded,
        units_as_of=units_as_of,
    )


def quota(
    roster: Roster | Paths | None = None,
    *,
    plan: str | Path | None = None,
    period: str | Period | None = None,
    year: int | None = None,
    term: str | None = None,
    start: date | None = None,
    end: date | None = None,
    compare: str | None = "auto",
    units_as_of: date | None = None,
    lang: str = "vi",
    **read_options: Any,
) -> QuotaReport:
    """Plan attainment per unit and in total; ``plan`` a .csv or workbook (default: the
    settings' plan)."""
    _check_choice("compare", compare, COMPARISONS)
    found = _roster(roster, read_options)
    chosen = choose(found.as_of, period, year, term, start, end)
    return pipeline.run_quota(
        [],
        found.settings,
        chosen,
        found.as_of,
        lang,
        Path(plan) if plan is not None else None,
        loaded=found.loaded,
        compare=compare,
        units_as_of=units_as_of,
    )


def probation(
    roster: Roster | Paths | None = None,
    *,
    within: int = 30,
    day: date | None = None,
    lang: str = "vi",
    **read_options: Any,
) -> ProbationReport:
    """Probationary members whose 12 calendar months end within ``within`` days of ``day``
    (default: the roster's as-of date), or are overdue; an official date recorded after
    ``day`` was not known then."""
    found = _roster(roster, read_options)
    return pipeline.run_probation(
        [], found.settings, day or found.as_of, within, lang, loaded=found.loaded
    )


def members(
    roster: Roster | Paths | None = None,
    *,
    period: str | Period | None = None,
    year: int | None = None,
    term: str | None = None,
    start: date | None = None,
    end: date | None = None,
    cut_off: date | None = None,
    by: Level | None = "branch",
    compare: bool = True,
    units_as_of: date | None = None,
    lang: str = "vi",
    **read_options: Any,
) -> MembersReport:
    """The whole membership of a membership roster (danh sách đảng viên) on a date: who is
    a member, its composition, the same date a year earlier, its organizations; with a
    period (or ``start`` and ``end``), membership at its end and the increases and
    decreases within it. Without either, membership on ``cut_off`` (default: the roster's
    as-of date, which also bounds the dates it checks)."""
    _check_choice("by", by, LEVELS)
    found = _roster(roster, read_options, kind="members")
    chosen = choose(cut_off or found.as_of, period, year, term, start, end)
    day, span = pipeline.members_span(chosen, max(found.as_of, cut_off or found.as_of))
    return pipeline.run_members(
        [],
        found.settings,
        found.as_of,
        lang,
        cut_off or day,
        span,
        by,
        compare,
        loaded=found.loaded,
        units_as_of=units_as_of,
    )


def candidates(
    roster: Roster | Paths | None = None,
    *,
    period: str | Period | None = None,
    year: int | None = None,
    start: date | None = None,
    end: date | None = None,
    plan: str | Path | None = None,
    admissions: Paths | None = None,
    by: Level | None = "branch",
    units_as_of: date | None = None,
    lang: str = "vi",
    **read_options: Any,
) -> CandidatesReport:
    """The admission pipeline of candidate rosters (quần chúng ưu tú, cảm tình Đảng…) on the
    roster's as-of date: stages, flows within ``period``, warnings, and — with a plan —
    whether each unit can still meet this year's target. ``admissions`` (else the
    settings' rosters) are the new-member rosters candidates are looked for in."""
    _check_choice("by", by, LEVELS)
    found = _roster(roster, read_options, kind="candidates")
    chosen = choose(found.as_of, period, year, None, start, end)
    return pipeline.run_candidates(
        [],
        found.settings,
        found.as_of,
        lang,
        chosen if chosen.start else None,
        by,
        Path(plan) if plan is not None else None,
        [str(p) for p in _as_list(admissions)] if admissions is not None else None,
        loaded=found.loaded,
        units_as_of=units_as_of,
    )


def badges(
    roster: Roster | Paths | None = None,
    *,
    year: int | None = None,
    wave: date | str | None = None,
    period: str | Period | None = None,
    start: date | None = None,
    end: date | None = None,
    by: Level | None = "branch",
    lang: str = "vi",
    **read_options: Any,
) -> BadgesReport:
    """Party badges (Huy hiệu Đảng) due at each award day of a membership roster: the four
    of ``year``, one ``wave`` (3/2, 19/5, 2/9 or 7/11), those within a period, else the
    next one after the roster's as-of date. Years count from the admission date, less the
    interruptions the roster records; see ``dvstat.badges`` for every rule."""
    _check_choice("by", by, LEVELS)
    found = _roster(roster, read_options, kind="members")
    chosen = (
        choose(found.as_of, period, None, None, start, end)
        if period is not None or start is not None or end is not None
        else None
    )
    day = date.fromisoformat(wave) if isinstance(wave, str) else wave
    waves, label_vi, label_en = pipeline.badge_waves(found.as_of, year, day, chosen)
    return pipeline.run_badges(
        [],
        found.settings,
        found.as_of,
        lang,
        waves,
        label_vi if lang == "vi" else label_en,
        by,
        loaded=found.loaded,
    )


def form_sets_folder() -> Path:
    """The folder of the form sets shipped (``templates/forms``: a folder per set)."""
    from dvstat.writers.templating import default_template_dir

    return default_template_dir() / "forms"


def forms(
    roster: Roster | Paths | None = None,
    *,
    members_roster: Roster | Paths | None = None,
    period: str | Period | None = None,
    year: int | None = None,
    start: date | None = None,
    end: date | None = None,
    form_set: str | None = None,
    lang: str = "vi",
    **read_options: Any,
) -> FormsReport:
    """The official statistics forms (Biểu 1, 2, 2B, 3, 5, 7) filled for a period and the
    same period a year earlier: new members from the admissions roster, the membership,
    its changes, its organizations and the badges from the membership roster
    (``members_roster``, else the settings' ``members``). ``form_set``: '2021' or '2025'
    (default: the set in force at the period's end). A row the rosters cannot fill is left
    for hand entry and said in the form's notes."""
    from dvstat.periods import in_period
    from dvstat.readers.form_sets import available_sets, load_form_set, set_for
    from dvstat.report import summarize_issues
    from dvstat.statistics_forms import FormInputs, fill_set, flag_facts

    found = _roster(roster, read_options)
    chosen = choose(found.as_of, period, year, None, start, end)
    folder = form_sets_folder()
    _check_choice("form_set", form_set, available_sets(folder))
    code = form_set or set_for(chosen.end or found.as_of, folder)
    summary = summarize(found, period=chosen, compare="last_year", by="org", lang=lang)
    previous = summary.previous_period or pipeline.choose_period(
        found.as_of, year=(chosen.end or found.as_of).year - 1
    )
    frame, counted = found.loaded.frame, ~found.loaded.validation.rejected
    flags_now = flag_facts(frame[counted & in_period(frame, chosen)], frame)
    flags_before = flag_facts(frame[counted & in_period(frame, previous)], frame)
    inputs = FormInputs(
        new_now=summary.stats,
        new_women=summary.women,
        new_before=summary.previous,
        flags_now=flags_now,
        flags_before=flags_before,
    )
    # what reading the rosters found stays with the forms (rows left out are said)
    read_issues = [e.issue for e in summary.issues.items]
    people = members_roster
    if people is None and found.settings.members:
        people = list(found.settings.members)
    if people is not None:
        if not isinstance(people, Roster):
            people = read(people, settings=found.settings, as_of=found.as_of, kind="members")
        now = members(people, period=chosen, lang=lang)
        inputs = replace(
            inputs,
            members_now=now,
            members_before=members(people, period=previous, lang=lang),
            badges_now=badges(people, period=chosen, lang=lang),  # the award days within
            badges_before=badges(people, period=previous, lang=lang),
        )
        read_issues += [e.issue for e in now.issues.items]
    chosen_set = load_form_set(code, folder)
    filled, issues = fill_set(chosen_set, inputs, lang)
    return FormsReport(
        generated_by=pipeline.GENERATED_BY,
        lang=lang,
        set_code=code,
        set_name=chosen_set.name if lang == "vi" else chosen_set.name_en,
        organization=found.settings.organization,
        period=chosen,
        previous=previous,
        as_of=found.as_of,
        forms=tuple(filled),
        issues=summarize_issues([*issues, *read_issues], lang),
        inputs=summary.inputs,
    )


def unit_register(
    roster: Paths | None = None,
    *,
    day: date | None = None,
    lang: str = "vi",
    settings: Settings | None = None,
    config: str | Path | None = None,
    as_of: date | None = None,
) -> UnitsReport:
    """The unit register (``units`` in the settings) as it stands on ``day`` (default the
    as-of date): a tree with each unit's members where membership rosters are given (paths,
    else the settings' members or rosters), and the register's checks, each at its row."""
    chosen = _settings(settings, config)
    today = as_of or date.today()
    specs = [] if roster is None else [str(p) for p in _as_list(roster)]
    return pipeline.run_units(specs, chosen, today, lang, day or today)


def render(
    report: AnyReport | ProbationReport | ValidationReport | FormsReport,
    output_format: str = "markdown",
    *,
    settings: Settings | None = None,
    config: str | Path | None = None,
    day: date | None = None,
    quota: QuotaReport | None = None,
) -> bytes:
    """A report of ``summarize``, ``quota``, ``members`` or ``candidates`` as a filed
    document: 'markdown' (UTF-8 bytes), 'xlsx' or 'docx', from the settings' templates
    (else the defaults), dated ``day`` (default today) and signed as the settings' [report]
    says. A summary can carry its ``quota`` beside the figures."""
    chosen = _settings(settings, config)
    if isinstance(report, FormsReport):
        _check_choice("output_format", output_format, ("xlsx", "docx"), none_ok=False)
        return pipeline.render_forms(report, output_format, chosen, day or date.today())
    if isinstance(report, ProbationReport | ValidationReport):
        # the probation list and the issue list are workbooks only
        _check_choice("output_format", output_format, ("xlsx",), none_ok=False)
        if isinstance(report, ProbationReport):
            return pipeline.render_probation(report, chosen)
        return pipeline.render_validation_workbook(report)
    _check_choice("output_format", output_format, ("markdown", "xlsx", "docx"), none_ok=False)
    return pipeline.render(report, output_format, chosen, day or date.today(), quota)


def choose(
    as_of: date,
    period: str | Period | None = None,
    year: int | None = None,
    term: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Period:
    """The period the options name (one at most), relative periods from ``as_of``."""
    if isinstance(period, Period):
        if any(v is not None for v in (year, term, start, end)):
            return pipeline.choose_period(
                as_of, year=year, term=term, start=start, end=end, period=period.code
            )
        return period
    return pipeline.choose_period(as_of, year=year, term=term, start=start, end=end, period=period)


def _settings(settings: Settings | None, config: str | Path | None) -> Settings:
    if settings is not None:
        return settings
    if config is not None:
        from dvstat.readers.config import load_settings

        return load_settings(Path(config))
    return Settings()


def _as_list(paths: Paths) -> list[str | Path]:
    return [paths] if isinstance(paths, str | Path) else list(paths)


def _roster(
    roster: Roster | Paths | None, read_options: dict[str, Any], kind: RosterKind = "admissions"
) -> Roster:
    """The roster given, or read now as ``kind``; without paths, the settings' rosters of
    that kind (``members`` or ``candidates`` in dvstat.toml, else ``rosters``)."""
    if isinstance(roster, Roster):
        if read_options:
            raise TypeError(f"read options {sorted(read_options)} apply to paths, not a Roster")
        return roster
    if roster is None and kind != "admissions":
        settings = _settings(read_options.get("settings"), read_options.get("config"))
        own = settings.members if kind == "members" else settings.candidates
        if own:
            roster = list(own)
    return read(roster, kind=kind, **read_options)
