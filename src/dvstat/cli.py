"""The ``dvstat`` command: parse options, call one pipeline function, print, map exit codes.

Heavy libraries (pandas, openpyxl) are imported inside the commands, so ``dvstat --help``
and ``--version`` start fast. DvstatError is caught here only: one line on stderr, exit 1.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer
from typer._click.types import ParamType

from dvstat import __version__
from dvstat.errors import DvstatError, UsageError
from dvstat.model import Period
from dvstat.terminal import safe, say, usage_message

if TYPE_CHECKING:
    from rich.console import Console

    from dvstat.model import Level
    from dvstat.settings import Settings


app = typer.Typer(
    name="dvstat",
    help="Thống kê đảng viên mới kết nạp từ danh sách Excel của các chi bộ. "
    "Statistics of newly admitted party members from branch rosters.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # roster rows hold ethnicity and religion
)


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class SummaryFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"
    docx = "docx"


class FormsFormat(StrEnum):
    table = "table"
    json = "json"
    xlsx = "xlsx"
    docx = "docx"


class ValidateFormat(StrEnum):
    table = "table"
    json = "json"
    xlsx = "xlsx"


class CompareWith(StrEnum):
    last_year = "last-year"
    previous_term = "previous-term"


class ProbationFormat(StrEnum):
    table = "table"
    json = "json"
    xlsx = "xlsx"


class ByLevel(StrEnum):
    branch = "branch"
    org = "org"
    parent = "parent"
    none = "none"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dvstat {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Phiên bản / show the version."
        ),
    ] = None,
) -> None:
    """dvstat: thống kê đảng viên mới kết nạp (new party member statistics)."""


class DayType(ParamType):
    """A day as clerks type it: 2025-06-30 or 30/06/2025 (day first, never month first); a
    day that does not exist (30/02) is said to be so, in the run's language."""

    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        dmy = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if iso:
            year, month, day = (int(g) for g in iso.groups())
        elif dmy:
            day, month, year = (int(g) for g in dmy.groups())
        else:
            self.fail(
                _message(
                    f"'{text}' không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)",
                    f"'{text}' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                ),
                param,
                ctx,
            )
        try:
            return datetime(year, month, day)
        except ValueError:
            self.fail(
                _message(
                    f"ngày {day:02d}/{month:02d}/{year} không có trong lịch",
                    f"{year}-{month:02d}-{day:02d} does not exist",
                ),
                param,
                ctx,
            )


def _message(vi: str, en: str) -> str:
    return vi if _run_lang() == "vi" else en


DAY = DayType()

RosterArgs = Annotated[
    list[str] | None,
    typer.Argument(
        help="Tệp, thư mục hoặc mẫu glob danh sách (.xlsx .xlsm .xls .ods .csv); bỏ trống để "
        "dùng 'rosters' trong dvstat.toml.",
        show_default=False,
    ),
]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help="Ngôn ngữ báo cáo: vi | en.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình dvstat.toml.")]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Chỉ in kết quả, không in thông báo.")
]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="In thêm tiến trình đọc tệp.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Đọc lại tệp, không dùng bộ nhớ đệm.")]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        max=256,
        help="Số tệp đọc cùng lúc (mặc định: theo số lõi máy; 1: lần lượt).",
    ),
]
TemplateOpt = Annotated[
    Path | None,
    typer.Option(
        "--template", help="Thư mục mẫu báo cáo riêng (thay khóa 'templates' của dvstat.toml)."
    ),
]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Ghi kết quả ra tệp.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Thoát mã 1 nếu có vấn đề mức lỗi.")]
YearOpt = Annotated[int | None, typer.Option("--year", help="Năm, ví dụ 2023.")]
TermOpt = Annotated[str | None, typer.Option("--term", help="Nhiệm kỳ, ví dụ 2020-2025.")]
FromOpt = Annotated[
    datetime | None,
    typer.Option("--from", click_type=DAY, help="Từ ngày (YYYY-MM-DD hoặc DD/MM/YYYY)."),
]
ToOpt = Annotated[
    datetime | None,
    typer.Option("--to", click_type=DAY, help="Đến ngày (YYYY-MM-DD hoặc DD/MM/YYYY)."),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="2023, 2023-H1, 2023-Q3, 2023-07, 2020-2025, last-month, last-quarter, "
        "last-half, last-year, year-to-date.",
    ),
]
AsOfOpt = Annotated[
    datetime | None,
    typer.Option(
        "--as-of",
        click_type=DAY,
        help="Ngày tính các kỳ tương đối, YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: hôm nay).",
    ),
]


UnitsAsOfOpt = Annotated[
    datetime | None,
    typer.Option(
        "--units-as-of",
        click_type=DAY,
        help="Quy đổi mọi số liệu theo đơn vị tại ngày này (cần sổ đơn vị có lịch sử; mặc "
        "định: cuối kỳ).",
    ),
]


def _day_of(value: datetime | None) -> date | None:
    return value.date() if value else None


class Context:
    """Options every command shares, resolved once: settings, language, consoles. Made by
    ``Context.open``; the constructor only keeps what it is given."""

    def __init__(
        self, settings: Settings, lang: str, quiet: bool, verbose: bool, as_of: date
    ) -> None:
        self.settings = settings
        self.lang = lang
        self.quiet = quiet
        self.verbose = verbose
        self.as_of = as_of
        self._started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    @classmethod
    def open(
        cls,
        config: Path | None,
        lang: Lang | None,
        quiet: bool,
        verbose: bool,
        as_of: datetime | None = None,
        no_cache: bool = False,
        rosters: list[str] | None = None,
        template: Path | None = None,
        own_rosters: str | None = None,
        jobs: int | None = None,
    ) -> Context:
        """The settings of the workspace with the options applied; then the named rosters
        start parsing while pandas and the core are imported (``speedups``), and the run's
        language is known to the error messages."""
        from dataclasses import replace

        from dvstat.readers.config import workspace_settings  # no pandas yet

        settings = workspace_settings(config, Path.cwd(), no_cache)
        if jobs is not None:
            settings = replace(settings, jobs=jobs)
        if own_rosters is not None and not rosters:
            # members and candidates have rosters of their own in dvstat.toml
            rosters = list(getattr(settings, own_rosters))
        if template is not None:
            if not template.is_dir():
                raise UsageError(
                    f"--template: '{template}' không phải thư mục.",
                    f"--template: '{template}' is not a folder.",
                )
            settings = replace(settings, templates=template)
        from dvstat.speedups import start_parsing_early

        start_parsing_early(list(rosters or settings.rosters), settings)
        import dvstat.api  # noqa: F401 - pandas and the core, while the rosters parse

        run_lang = (lang.value if lang else None) or settings.lang or "vi"
        _LANG.set(run_lang)
        return cls(settings, run_lang, quiet, verbose, as_of.date() if as_of else date.today())

    # The consoles are made when first used: a JSON or Markdown run never imports rich.
    @cached_property
    def err(self) -> Console:
        from rich.console import Console

        return Console(
            stderr=True, quiet=self.quiet, no_color=not sys.stderr.isatty(), highlight=False
        )

    @cached_property
    def out(self) -> Console:
        from rich.console import Console

        return Console(
            highlight=False,
            no_color=not sys.stdout.isatty(),
            width=None if sys.stdout.isatty() else 120,
        )

    def progress(self, name: str) -> None:
        """With --verbose, each file as it is read (its name only: no personal data), and
        why a cache entry was not used."""
        if not self.verbose:
            return
        if name.startswith("cache: "):
            self.say(
                ("Bộ nhớ đệm: " if self.lang == "vi" else "Cache: ")
                + safe(name.removeprefix("cache: "))
            )
        else:
            self.say(("Đang đọc " if self.lang == "vi" else "Reading ") + safe(name))

    def tally(self, files_read: int, files: int, rows: int) -> None:
        """A progress bar on stderr (files and rows read) for a reading that lasts over two
        seconds; never with --quiet or when stderr is not a terminal (cron, a log)."""
        if self.quiet or not sys.stderr.isatty():
            return
        if self._bar is None:
            if time.monotonic() - self._started < 2.0 or files_read >= files:
                return
            from rich.progress import BarColumn, Progress, TextColumn

            files_word, rows_word = ("tệp", "dòng") if self.lang == "vi" else ("files", "rows")
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn(f"{{task.completed}}/{{task.total}} {files_word}"),
                TextColumn(f"{{task.fields[rows]:,}} {rows_word}"),
                console=self.err,
                transient=True,
                auto_refresh=False,  # no thread of its own: files are read in forked children
            )
            self._bar.start()
            self._task = self._bar.add_task(
                "Đang đọc" if self.lang == "vi" else "Reading", total=files, rows=0
            )
        self._bar.update(self._task, completed=files_read, rows=rows)
        self._bar.refresh()
        if files_read >= files:
            self._bar.stop()
            self._bar = None

    @property
    def read_options(self) -> dict[str, Any]:
        """How the API reads rosters for this run: its settings, day, progress lines and
        progress bar."""
        return {
            "settings": self.settings,
            "as_of": self.as_of,
            "progress": self.progress,
            "tally": self.tally,
        }

    @property
    def listing_options(self) -> dict[str, Any]:
        """How a list drawn up for a day reads its roster (members, probation, badges): the
        roster is checked against today, whatever day --as-of names, so that admissions
        and dates after a past day are 'not yet', not errors; the list is for --as-of."""
        return {**self.read_options, "as_of": max(self.as_of, date.today())}

    def strict_exit(self, errors: int) -> NoReturn:
        """--strict with error-level issues: one line saying why, exit 1 (a cron log then
        shows why the run failed, with its time)."""
        say(
            f"--strict: {errors} "
            + (
                "vấn đề mức lỗi; thoát với mã 1 (xem: dvstat validate)"
                if self.lang == "vi"
                else "error-level issues; exit code 1 (see: dvstat validate)"
            ),
            error=True,
            lang=self.lang,
        )
        raise typer.Exit(code=1)

    def say(self, text: str) -> None:
        """A line for people on stderr (silent with --quiet), timestamped in a log."""
        if not self.quiet:
            say(text)

    def wrote(self, path: Path) -> None:
        self.say(("Đã ghi " if self.lang == "vi" else "Wrote ") + safe(path))

    def period(
        self,
        year: int | None,
        term: str | None,
        date_from: datetime | None,
        date_to: datetime | None,
        period: str | None,
    ) -> Period:
        """The one period the shared period options name (see docs/commands.md)."""
        from dvstat.pipeline import choose_period

        return choose_period(
            self.as_of,
            year=year,
            term=term,
            start=date_from.date() if date_from else None,
            end=date_to.date() if date_to else None,
            period=period or None,
        )

    def write_report(
        self,
        output_format: str,
        output: Path | None,
        report: Any,
        table: Callable[[Console], None],
        quota: Any = None,
    ) -> None:
        """The table on the terminal (or as text to ``-o``); JSON or Markdown to stdout or
        ``-o``; a workbook or a Word document only to ``-o``. The format follows ``-o``'s
        extension ('-o bao-cao.docx' is a Word document)."""
        output_format = self.format_for(output_format, output)
        if output_format == "table":
            self.print_table(table, output)
        elif output_format == "json":
            self.emit(_to_json(report.to_dict()), output)
        else:
            if output is None and output_format != "markdown":
                raise _usage(
                    "-o FILE là bắt buộc với định dạng này.",
                    "-o FILE is required for this format.",
                    self.lang,
                )
            from dvstat import api

            data = api.render(
                report, output_format, settings=self.settings, day=self.as_of, quota=quota
            )
            self.write_bytes(data, output, text_to_stdout=True)

    def format_for(self, output_format: str, output: Path | None) -> str:
        """The format ``-o``'s extension names where --format was left at 'table'; a format
        the extension contradicts ('-o x.md --format xlsx') is a usage error."""
        named = _EXTENSION_FORMATS.get(output.suffix.lower()) if output is not None else None
        if named is None or named == output_format:
            return output_format
        if output_format == "table":
            return named
        raise _usage(
            f"-o '{output}' là tệp {named}, không phải {output_format}: "
            f"đổi đuôi tệp hoặc bỏ --format.",
            f"-o '{output}' is a {named} file, not {output_format}: change the extension or "
            "drop --format.",
            self.lang,
        )

    def print_table(self, table: Callable[[Console], None], output: Path | None) -> None:
        """Tables to the terminal, or as plain text (no colours) to ``-o``."""
        if output is None:
            table(self.out)
            return
        import io

        from rich.console import Console

        buffer = io.StringIO()
        table(Console(file=buffer, width=120, no_color=True, highlight=False, force_terminal=False))
        self.emit(buffer.getvalue(), output)

    def emit(self, text: str, output: Path | None) -> None:
        """Print a result to stdout, or write it atomically to ``-o``."""
        self.write_bytes(text.encode("utf-8"), output, text_to_stdout=True)

    def write_bytes(self, data: bytes, output: Path | None, text_to_stdout: bool = False) -> None:
        if output is None:
            if text_to_stdout:
                sys.stdout.write(data.decode("utf-8"))
                if not data.endswith(b"\n"):
                    sys.stdout.write("\n")
                return
            raise _usage(
                "-o FILE là bắt buộc với định dạng này.",
                "-o FILE is required for this format.",
                self.lang,
            )
        from dvstat.pipeline import write_output

        write_output(output, data, self.settings.output_mode)
        self.wrote(output)


# What an output file's extension says it is (a .txt stays the plain-text table).
_EXTENSION_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".xlsx": "xlsx",
    ".docx": "docx",
    ".txt": "table",
}


def _usage(vi: str, en: str, lang: str) -> typer.BadParameter:
    return typer.BadParameter(vi if lang == "vi" else en)


def _compare(compare: CompareWith | None, no_compare: bool, lang: str) -> str | None:
    """The comparison basis of --compare / --no-compare ('auto' when neither is given)."""
    if compare is not None and no_compare:
        raise _usage(
            "Chỉ chọn một trong --compare và --no-compare.",
            "Use --compare or --no-compare, not both.",
            lang,
        )
    if no_compare:
        return None
    return compare.value.replace("-", "_") if compare is not None else "auto"


@contextmanager
def _errors(lang_hint: Lang | None) -> Iterator[None]:
    """DvstatError -> one line on stderr and exit 1 (a period that names no period is a
    usage error: exit 2); never a traceback. The message is shown safely: a file name with
    brackets or a newline prints as it is, on one line. The run's language a command
    found (``Context.open``) lasts until it ends."""
    before = _LANG.get()
    try:
        yield
    except UsageError as exc:
        raise typer.BadParameter(exc.message(_run_lang(lang_hint))) from None
    except DvstatError as exc:
        lang = _run_lang(lang_hint)
        say(safe(exc.message(lang)), error=True, lang=lang)
        raise typer.Exit(code=1) from None
    finally:
        _LANG.set(before)


# The run's language once it is known: from the arguments and the workspace's dvstat.toml
# before the options are parsed (``run_app``), then as the command resolved it
# (``Context.open``); ``_errors`` puts back what was there before a command.
_LANG: ContextVar[str | None] = ContextVar("dvstat_lang", default=None)


def _run_lang(hint: Lang | None = None) -> str:
    """The language of this run: --lang, else the one the run has found, else
    $DVSTAT_LANG, else Vietnamese."""
    if hint is not None:
        return hint.value
    return _LANG.get() or ("en" if os.environ.get("DVSTAT_LANG") == "en" else "vi")


def _lang_in_args(args: list[str]) -> str | None:
    """--lang as the arguments give it, read before the options are parsed (a usage error
    speaks it too)."""
    for position, arg in enumerate(args):
        if arg == "--lang" and position + 1 < len(args):
            return "en" if args[position + 1] == "en" else "vi"
        if arg.startswith("--lang="):
            return "en" if arg == "--lang=en" else "vi"
    return None


def _level(by: ByLevel) -> Level | None:
    """The --by option as the API's level (None: no per-unit table)."""
    return None if by is ByLevel.none else cast("Level", by.value)


def _to_json(data: dict[str, Any]) -> str:
    """Indented for a person at a terminal; compact (several times faster) for programs."""
    indent = 2 if sys.stdout.isatty() else None
    return json.dumps(data, ensure_ascii=False, indent=indent)


@app.command()
def validate(
    rosters: RosterArgs = None,
    output_format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="table | json | xlsx")
    ] = ValidateFormat.table,
    output: OutOpt = None,
    strict: StrictOpt = False,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Đọc và kiểm tra danh sách; mọi vấn đề kèm vị trí (tệp, sheet, dòng, cột): JSON và xlsx
    liệt kê đủ, màn hình 20 vấn đề đầu của mỗi sheet (lỗi trước) và số còn lại."""
    with _errors(lang):
        ctx = Context.open(config, lang, quiet, verbose, as_of, no_cache, rosters, jobs=jobs)
        from dvstat import api

        chosen = ctx.format_for(output_format.value, output)
        if chosen in ("markdown", "docx"):
            raise _usage(
                "validate ghi được table, json hoặc xlsx.",
                "validate writes table, json or xlsx.",
                ctx.lang,
            )
        result = api.validate(rosters or None, lang=ctx.lang, **ctx.read_options)
        if chosen == "xlsx":
            from dvstat.pipeline import render_validation_workbook

            ctx.write_bytes(render_validation_workbook(result), output)
        else:
            from dvstat.console import print_validation

            ctx.write_report(
                chosen,
                output,
                result,
                lambda out: print_validation(out, result),
            )
        if strict and result.issues.errors:
            ctx.strict_exit(result.issues.errors)


CompareOpt = Annotated[
    CompareWith | None,
    typer.Option(
        "--compare",
        help="So với: last-year (cùng kỳ năm trước) | previous-term (cùng kỳ nhiệm kỳ "
        "trước). Mặc định: kỳ dài hơn một năm so với nhiệm kỳ trước.",
    ),
]
NoCompareOpt = Annotated[bool, typer.Option("--no-compare", help="Không so sánh.")]


@app.command()
def summarize(
    rosters: RosterArgs = None,
    year: YearOpt = None,
    term: TermOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    period: PeriodOpt = None,
    as_of: AsOfOpt = None,
    units_as_of: UnitsAsOfOpt = None,
    by: Annotated[
        ByLevel, typer.Option("--by", help="Chia theo: branch | org | parent | none.")
    ] = ByLevel.branch,
    compare: CompareOpt = None,
    no_compare: NoCompareOpt = False,
    output_format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="table | json | markdown | xlsx | docx")
    ] = SummaryFormat.table,
    output: OutOpt = None,
    strict: StrictOpt = False,
    template: TemplateOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Thống kê đảng viên mới theo giới tính, dân tộc, tôn giáo, trình độ, tuổi, nghề nghiệp."""
    with _errors(lang):
        ctx = Context.open(
            config, lang, quiet, verbose, as_of, no_cache, rosters, template, jobs=jobs
        )
        from dvstat import api

        chosen = ctx.period(year, term, date_from, date_to, period)
        basis = _compare(compare, no_compare, ctx.lang)
        roster = api.read(rosters or None, **ctx.read_options)
        report = api.summarize(
            roster,
            period=chosen,
            compare=basis,
            lang=ctx.lang,
            by=_level(by),
            units_as_of=_day_of(units_as_of),
        )
        quota_report = None
        if (
            output_format.value in ("markdown", "xlsx", "docx")
            and ctx.settings.has_plan
            and chosen.start is not None
        ):  # the report files the plan beside the figures
            quota_report = api.quota(
                roster,
                period=chosen,
                compare=basis,
                lang=ctx.lang,
                units_as_of=_day_of(units_as_of),
            )
        from dvstat.console import print_summary

        ctx.write_report(
            output_format.value,
            output,
            report,
            lambda out: print_summary(out, report),
            quota=quota_report,
        )
        if strict and report.issues.errors:
            ctx.strict_exit(report.issues.errors)


@app.command()
def quota(
    rosters: RosterArgs = None,
    plan: Annotated[Path | None, typer.Option("--plan", help="Tệp chỉ tiêu (.csv, .xlsx).")] = None,
    year: YearOpt = None,
    term: TermOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    period: PeriodOpt = None,
    as_of: AsOfOpt = None,
    units_as_of: UnitsAsOfOpt = None,
    compare: CompareOpt = None,
    no_compare: NoCompareOpt = False,
    output_format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="table | json | markdown | xlsx | docx")
    ] = SummaryFormat.table,
    output: OutOpt = None,
    template: TemplateOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Kết quả thực hiện chỉ tiêu kết nạp theo đơn vị và toàn đảng bộ, đơn vị thấp nhất trước."""
    with _errors(lang):
        ctx = Context.open(
            config, lang, quiet, verbose, as_of, no_cache, rosters, template, jobs=jobs
        )
        from dvstat import api

        chosen = ctx.period(year, term, date_from, date_to, period or ctx.settings.period)
        report = api.quota(
            rosters or None,
            plan=plan,
            period=chosen,
            compare=_compare(compare, no_compare, ctx.lang),
            lang=ctx.lang,
            units_as_of=_day_of(units_as_of),
            **ctx.read_options,
        )
        from dvstat.console import print_quota

        ctx.write_report(output_format.value, output, report, lambda out: print_quota(out, report))


@app.command()
def probation(
    rosters: RosterArgs = None,
    as_of: AsOfOpt = None,
    within: Annotated[
        int, typer.Option("--within", min=0, max=3660, help="Số ngày tới (mặc định 30).")
    ] = 30,
    output_format: Annotated[
        ProbationFormat, typer.Option("--format", "-f", help="table | json | xlsx")
    ] = ProbationFormat.table,
    output: OutOpt = None,
    template: TemplateOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Đảng viên dự bị sắp hết (trong N ngày) hoặc đã quá 12 tháng mà chưa công nhận chính thức."""
    with _errors(lang):
        ctx = Context.open(
            config, lang, quiet, verbose, as_of, no_cache, rosters, template, jobs=jobs
        )
        from dvstat import api
        from dvstat.pipeline import render_probation

        options = ctx.listing_options
        result = api.probation(
            rosters or None, within=within, day=ctx.as_of, lang=ctx.lang, **options
        )
        from dvstat.console import print_probation

        chosen = ctx.format_for(output_format.value, output)
        if chosen in ("markdown", "docx"):
            raise _usage(
                "probation ghi được table, json hoặc xlsx.",
                "probation writes table, json or xlsx.",
                ctx.lang,
            )
        if chosen == "xlsx":
            ctx.write_bytes(render_probation(result, ctx.settings), output)
        else:
            ctx.write_report(
                chosen,
                output,
                result,
                lambda out: print_probation(out, result.items, ctx.as_of, within, ctx.lang),
            )


@app.command()
def members(
    rosters: RosterArgs = None,
    year: YearOpt = None,
    term: TermOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    period: PeriodOpt = None,
    as_of: AsOfOpt = None,
    units_as_of: UnitsAsOfOpt = None,
    by: Annotated[
        ByLevel, typer.Option("--by", help="Chia theo: branch | org | parent | none.")
    ] = ByLevel.branch,
    no_compare: NoCompareOpt = False,
    output_format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="table | json | markdown | xlsx | docx")
    ] = SummaryFormat.table,
    output: OutOpt = None,
    strict: StrictOpt = False,
    template: TemplateOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Đảng viên tính đến một ngày (--as-of, hoặc cuối kỳ): cơ cấu, tổ chức đảng, tăng giảm."""
    with _errors(lang):
        ctx = Context.open(
            config,
            lang,
            quiet,
            verbose,
            as_of,
            no_cache,
            rosters,
            template,
            own_rosters="members",
            jobs=jobs,
        )
        from dvstat import api

        chosen = ctx.period(year, term, date_from, date_to, period)
        options = ctx.listing_options
        result = api.members(
            rosters or None,
            period=chosen,
            compare=not no_compare,
            cut_off=ctx.as_of if chosen.start is None else None,
            by=_level(by),
            lang=ctx.lang,
            units_as_of=_day_of(units_as_of),
            **options,
        )
        from dvstat.console import print_members

        ctx.write_report(
            output_format.value, output, result, lambda out: print_members(out, result)
        )
        if strict and result.issues.errors:
            ctx.strict_exit(result.issues.errors)


@app.command()
def candidates(
    rosters: RosterArgs = None,
    admissions: Annotated[
        list[str] | None,
        typer.Option(
            "--admissions",
            help="Danh sách đảng viên mới để đối chiếu (mặc định: rosters trong "
            "dvstat.toml); lặp lại được.",
        ),
    ] = None,
    plan: Annotated[Path | None, typer.Option("--plan", help="Tệp chỉ tiêu (.csv, .xlsx).")] = None,
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    period: PeriodOpt = None,
    as_of: AsOfOpt = None,
    units_as_of: UnitsAsOfOpt = None,
    by: Annotated[
        ByLevel, typer.Option("--by", help="Chia theo: branch | org | parent | none.")
    ] = ByLevel.branch,
    output_format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="table | json | markdown | xlsx | docx")
    ] = SummaryFormat.table,
    output: OutOpt = None,
    strict: StrictOpt = False,
    template: TemplateOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Nguồn phát triển đảng viên: giai đoạn, việc cần làm, khả năng đạt chỉ tiêu năm."""
    with _errors(lang):
        ctx = Context.open(
            config,
            lang,
            quiet,
            verbose,
            as_of,
            no_cache,
            rosters,
            template,
            own_rosters="candidates",
            jobs=jobs,
        )
        from dvstat import api

        chosen = ctx.period(year, None, date_from, date_to, period)
        result = api.candidates(
            rosters or None,
            period=chosen,
            plan=plan,
            admissions=admissions or None,
            by=_level(by),
            lang=ctx.lang,
            units_as_of=_day_of(units_as_of),
            **ctx.read_options,
        )
        from dvstat.console import print_candidates

        ctx.write_report(
            output_format.value, output, result, lambda out: print_candidates(out, result)
        )
        if strict and result.issues.errors:
            ctx.strict_exit(result.issues.errors)


@app.command()
def badges(
    rosters: RosterArgs = None,
    year: YearOpt = None,
    wave: Annotated[
        datetime | None,
        typer.Option(
            "--wave",
            click_type=DAY,
            help="Một đợt xét tặng: 3/2, 19/5, 2/9 hoặc 7/11 (YYYY-MM-DD hoặc DD/MM/YYYY).",
        ),
    ] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    period: PeriodOpt = None,
    as_of: AsOfOpt = None,
    by: Annotated[
        ByLevel, typer.Option("--by", help="Đếm theo: branch | org | parent | none.")
    ] = ByLevel.branch,
    output_format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="table | json | markdown | xlsx | docx")
    ] = SummaryFormat.table,
    output: OutOpt = None,
    strict: StrictOpt = False,
    template: TemplateOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Huy hiệu Đảng: đảng viên đủ tuổi đảng ở mỗi đợt xét tặng (3/2, 19/5, 2/9, 7/11)."""
    with _errors(lang):
        ctx = Context.open(
            config,
            lang,
            quiet,
            verbose,
            as_of,
            no_cache,
            rosters,
            template,
            own_rosters="members",
            jobs=jobs,
        )
        from dvstat import api

        chosen = ctx.period(None, None, date_from, date_to, period)
        options = ctx.listing_options
        result = api.badges(
            rosters or None,
            year=year,
            wave=wave.date() if wave else None,
            period=chosen if chosen.start is not None else None,
            by=_level(by),
            lang=ctx.lang,
            **options,
        )
        from dvstat.console import print_badges

        ctx.write_report(output_format.value, output, result, lambda out: print_badges(out, result))
        if strict and result.issues.errors:
            ctx.strict_exit(result.issues.errors)


@app.command()
def forms(
    rosters: RosterArgs = None,
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    period: PeriodOpt = None,
    form_set: Annotated[
        str | None,
        typer.Option(
            "--set",
            help="Bộ biểu: 2021 hoặc 2025 (mặc định: bộ có hiệu lực ở cuối kỳ).",
        ),
    ] = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[
        FormsFormat, typer.Option("--format", "-f", help="table | json | xlsx | docx")
    ] = FormsFormat.table,
    output: OutOpt = None,
    strict: StrictOpt = False,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Biểu thống kê chính thức (Biểu 1, 2, 2B, 3, 5, 7) của một kỳ, so với cùng kỳ năm trước."""
    with _errors(lang):
        ctx = Context.open(config, lang, quiet, verbose, as_of, no_cache, rosters, jobs=jobs)
        from dvstat import api

        chosen = ctx.period(year, None, date_from, date_to, period)
        result = api.forms(
            rosters or None,
            period=chosen,
            form_set=form_set,
            lang=ctx.lang,
            **ctx.read_options,
        )
        from dvstat.console import print_forms

        ctx.write_report(output_format.value, output, result, lambda out: print_forms(out, result))
        if strict and result.issues.errors:
            ctx.strict_exit(result.issues.errors)


@app.command()
def units(
    rosters: RosterArgs = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="table | json")
    ] = ValidateFormat.table,
    output: OutOpt = None,
    strict: StrictOpt = False,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Sổ đơn vị tại một ngày (cây đơn vị, số đảng viên) và kiểm tra lịch sử sáp nhập, đổi tên."""
    with _errors(lang):
        ctx = Context.open(
            config, lang, quiet, verbose, as_of, no_cache, rosters, own_rosters="members", jobs=jobs
        )
        from dvstat import api

        chosen = ctx.format_for(output_format.value, output)
        if chosen not in ("table", "json"):
            raise _usage("units ghi được table hoặc json.", "units writes table or json.", ctx.lang)
        result = api.unit_register(
            rosters or None,
            day=ctx.as_of,
            lang=ctx.lang,
            settings=ctx.settings,
            as_of=max(ctx.as_of, date.today()),
        )
        from dvstat.console import print_units

        ctx.write_report(chosen, output, result, lambda out: print_units(out, result))
        if strict and result.issues.errors:
            ctx.strict_exit(result.issues.errors)


@app.command()
def report(
    period: PeriodOpt = None,
    out: Annotated[Path | None, typer.Option("--out", help="Thư mục ghi báo cáo.")] = None,
    as_of: AsOfOpt = None,
    units_as_of: UnitsAsOfOpt = None,
    strict: StrictOpt = False,
    template: TemplateOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Cho cron: ghi mọi báo cáo trong dvstat.toml cho kỳ (mặc định: tháng trước), kèm manifest."""
    with _errors(lang):
        ctx = Context.open(
            config, lang, quiet, verbose, as_of, no_cache, template=template, jobs=jobs
        )
        from dvstat.pipeline import choose_period, require_workspace, run_report

        require_workspace(ctx.settings)
        chosen = choose_period(ctx.as_of, period=period or ctx.settings.period or "last-month")
        result = run_report(
            ctx.settings,
            chosen,
            ctx.as_of,
            ctx.lang,
            out,
            log=ctx.say if verbose else None,
            units_as_of=_day_of(units_as_of),
        )
        for path in [*result.outputs, result.manifest]:
            ctx.wrote(path)
        if strict and result.errors:
            ctx.strict_exit(result.errors)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Thư mục làm việc mới.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    lang: LangOpt = None,
) -> None:
    """Tạo thư mục làm việc: dvstat.toml, danh sách mẫu, chỉ tiêu mẫu, bản sao mẫu báo cáo."""
    with _errors(lang):
        from dvstat.pipeline import create_workspace

        run_lang = _run_lang(lang)
        written = create_workspace(folder, force, run_lang)
        vi = run_lang == "vi"
        for path in written:
            say(("Đã tạo " if vi else "Created ") + safe(path))
        say(("Thử: " if vi else "Try: ") + f"cd {safe(folder)} && dvstat quota --year 2025")


def _peek_config_lang(args: list[str]) -> str | None:
    """'lang' of the dvstat.toml this run will read, looked up before the options are
    parsed, so that a usage error or an unknown command speaks the workspace's language.
    Anything wrong with the file is left for the command to report."""
    explicit = None
    for position, arg in enumerate(args):
        if arg == "--config" and position + 1 < len(args):
            explicit = Path(args[position + 1])
        elif arg.startswith("--config="):
            explicit = Path(arg.split("=", 1)[1])
    try:
        import tomllib

        from dvstat.readers.config import find_config

        path = find_config(explicit, Path.cwd())
        if path is None or path.stat().st_size > 1_000_000:
            return None
        lang = tomllib.loads(path.read_text(encoding="utf-8")).get("lang")
    except Exception:  # the command itself reports a bad config
        return None
    return lang if lang in ("vi", "en") else None


# --help in English (lang = "en" in dvstat.toml, --lang en, $DVSTAT_LANG=en): the commands'
# summaries and the options' help, by command and by option.
_COMMANDS_EN = {
    "validate": "Read and check the rosters; every issue with its file, sheet, row, column "
    "(JSON and xlsx list all; the terminal the first 20 of each sheet, errors first).",
    "summarize": "New members of a period by every breakdown, per unit, against last year.",
    "quota": "Plan attainment per unit (lowest first) and in total.",
    "probation": "Probationary members whose 12 months end within N days, or are overdue.",
    "members": "The membership on a date: composition, organizations, increases, decreases.",
    "candidates": "The admission pipeline: stages, things to act on, this year's plan.",
    "badges": "Party badges due at each award day (3/2, 19/5, 2/9, 7/11).",
    "forms": "The official statistics forms (Biểu 1, 2, 2B, 3, 5, 7) against last year.",
    "units": "The unit register on a date (tree, members) and its history checked.",
    "report": "For cron: every output dvstat.toml names for a period, with a manifest.",
    "init": "Make a workspace: dvstat.toml, sample rosters, a plan, the templates.",
}
_OPTIONS_EN = {
    "--year": "A year, e.g. 2025.",
    "--term": "A congress term, e.g. 2020-2025.",
    "--from": "From (YYYY-MM-DD or DD/MM/YYYY).",
    "--to": "To (YYYY-MM-DD or DD/MM/YYYY).",
    "--period": "2025, 2025-H1, 2025-Q3, 2025-07, 2020-2025, last-month, last-quarter, "
    "last-half, last-year, year-to-date.",
    "--as-of": "The day relative periods count from (default: today).",
    "--units-as-of": "Restate every figure on the units of this day (needs a unit register "
    "with history; default: the period's end).",
    "--format": "Output format.",
    "--output": "Write the result to a file (its extension chooses the format).",
    "--strict": "Exit 1 when there are error-level issues.",
    "--template": "Your own report templates folder.",
    "--lang": "Report language: vi | en.",
    "--config": "The dvstat.toml to use.",
    "--quiet": "Print the result only.",
    "--verbose": "Also print the files read and the cache.",
    "--no-cache": "Read the files again; do not use the cache.",
    "--jobs": "Files read at once (default: one per core; 1: one after another).",
    "--by": "Per unit: branch | org | parent | none.",
    "--plan": "The plan file (.csv, .xlsx).",
    "--within": "Days ahead (default 30).",
    "--compare": "Compare with last-year or previous-term.",
    "--no-compare": "No comparison period.",
    "--admissions": "New-member rosters to link the candidates with; repeatable.",
    "--wave": "One award day: 3/2, 19/5, 2/9 or 7/11.",
    "--set": "Form set: 2021 or 2025 (default: the one in force at the period's end).",
    "--out": "Folder to write the reports into.",
    "--force": "Overwrite existing files.",
    "--version": "Show the version.",
}


def _in_english(group: Any) -> None:
    """The command line's help texts in English (the Vietnamese ones are the default)."""
    group.help = "Statistics of party members, admissions and candidates from branch rosters."
    for name, command in getattr(group, "commands", {}).items():
        command.help = _COMMANDS_EN.get(name, command.help)
        command.short_help = None
        for param in command.params:
            flag = next((o for o in getattr(param, "opts", []) if o.startswith("--")), None)
            if flag in _OPTIONS_EN:
                param.help = _OPTIONS_EN[flag]
            elif getattr(param, "param_type_name", "") == "argument":
                param.help = "Roster files, folders or globs (default: dvstat.toml)."


def main() -> NoReturn:
    """Console-script entry point: runs the app, turns a usage error into one line in the
    run's language (exit 2), and exits with its code."""
    sys.exit(run_app(sys.argv[1:]))


def run_app(args: list[str]) -> int:
    """The app on these arguments, with usage errors as one line; the exit code."""

    known = _LANG.set(_lang_in_args(args) or _peek_config_lang(args))
    try:
        return _run_group(args)
    finally:
        _LANG.reset(known)


def _run_group(args: list[str]) -> int:
    from typer._click import exceptions as click_errors

    try:
        group = typer.main.get_command(app)
        if _run_lang() == "en":
            _in_english(group)
        result = group.main(args, prog_name="dvstat", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:
        sys.stdout.write((exc.ctx.get_help() if exc.ctx else "") + "\n")
        return 0
    except click_errors.UsageError as exc:
        lang = _run_lang()
        command = exc.ctx.command_path if exc.ctx else "dvstat"
        see = "xem" if lang == "vi" else "see"
        say(
            f"{safe(usage_message(exc.format_message(), lang))} ({see}: {command} --help)",
            error=True,
            lang=lang,
        )
        return 2
    except typer.Abort:
        return 130
    except SystemExit as exc:
        if exc.code is not None and not isinstance(exc.code, int):
            sys.stderr.write(f"{exc.code}\n")
            return 1
        return exc.code or 0
    return result if isinstance(result, int) else 0
