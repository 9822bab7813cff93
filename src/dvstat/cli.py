"""The ``dvstat`` command: parse options, call one pipeline function, print, map exit codes.

Heavy libraries (pandas, openpyxl) are imported inside the commands, so ``dvstat --help``
and ``--version`` start fast. DvstatError is caught here only: one line on stderr, exit 1.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from dvstat import __version__
from dvstat.errors import DvstatError
from dvstat.model import Period

if TYPE_CHECKING:
    from rich.console import Console

    from dvstat.readers.config import Settings

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


class ValidateFormat(StrEnum):
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
    version: Annotated[bool | None, typer.Option("--version", callback=_version,
                                                 is_eager=True,
                                                 help="Phiên bản / show the version.")] = None,
) -> None:
    """dvstat: thống kê đảng viên mới kết nạp (new party member statistics)."""


RosterArgs = Annotated[list[str] | None, typer.Argument(
    help="Tệp, thư mục hoặc mẫu glob danh sách (.xlsx .xlsm .xls .ods .csv); bỏ trống để "
         "dùng 'rosters' trong dvstat.toml.", show_default=False)]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help="Ngôn ngữ báo cáo: vi | en.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Tệp cấu hình dvstat.toml.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Chỉ in kết quả, không in "
                                                              "thông báo.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="In thêm tiến trình đọc tệp.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Đọc lại tệp, không dùng bộ nhớ đệm.")]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Ghi kết quả ra tệp.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Thoát mã 1 nếu có vấn đề mức lỗi.")]
YearOpt = Annotated[int | None, typer.Option("--year", help="Năm, ví dụ 2023.")]
TermOpt = Annotated[str | None, typer.Option("--term", help="Nhiệm kỳ, ví dụ 2020-2025.")]
FromOpt = Annotated[datetime | None, typer.Option("--from", formats=["%Y-%m-%d"],
                                                  help="Từ ngày (YYYY-MM-DD).")]
ToOpt = Annotated[datetime | None, typer.Option("--to", formats=["%Y-%m-%d"],
                                                help="Đến ngày (YYYY-MM-DD).")]
PeriodOpt = Annotated[str | None, typer.Option(
    "--period", help="2023, 2023-H1, 2023-Q3, 2023-07, 2020-2025, last-month, last-quarter, "
                     "last-half, last-year, year-to-date.")]
AsOfOpt = Annotated[datetime | None, typer.Option(
    "--as-of", formats=["%Y-%m-%d"], help="Ngày tính các kỳ tương đối (mặc định: hôm nay).")]


class Context:
    """Options every command shares, resolved once: settings, language, consoles."""

    def __init__(self, config: Path | None, lang: Lang | None, quiet: bool, verbose: bool,
                 as_of: datetime | None = None, no_cache: bool = False,
                 rosters: list[str] | None = None) -> None:
        from dvstat.readers.config import workspace_settings  # no pandas yet

        self.settings = workspace_settings(config, Path.cwd(), no_cache)
        _start_reading(list(rosters or self.settings.rosters), self.settings)
        import dvstat.pipeline  # noqa: F401 - pandas and the core, while the rosters parse

        _imports_done()
        self.lang = (lang.value if lang else None) or self.settings.lang or "vi"
        self.quiet = quiet
        self.verbose = verbose
        self.as_of: date = as_of.date() if as_of else date.today()

    # The consoles are made when first used: a JSON or Markdown run never imports rich.
    @cached_property
    def err(self) -> Console:
        from rich.console import Console

        return Console(stderr=True, quiet=self.quiet, no_color=not sys.stderr.isatty(),
                       highlight=False)

    @cached_property
    def out(self) -> Console:
        from rich.console import Console

        return Console(highlight=False, no_color=not sys.stdout.isatty(),
                       width=None if sys.stdout.isatty() else 120)

    def progress(self, name: str) -> None:
        """With --verbose, each file as it is read (its name only: no personal data)."""
        if self.verbose:
            self.err.print(("Đang đọc " if self.lang == "vi" else "Reading ") + name)

    def period(self, year: int | None, term: str | None, date_from: datetime | None,
               date_to: datetime | None, period: str | None) -> Period:
        """The one period the shared period options name (see SPEC §2)."""
        from dvstat.pipeline import choose_period

        return choose_period(self.as_of, year=year, term=term,
                             start=date_from.date() if date_from else None,
                             end=date_to.date() if date_to else None, period=period or None)

    def write_rendered(self, output_format: str, output: Path | None,
                       as_json: Callable[[], str], rendered: Callable[[], bytes]) -> None:
        """JSON or Markdown to stdout or ``-o``; a workbook only to ``-o``."""
        if output_format == "json":
            self.emit(as_json(), output)
        else:
            self.write_bytes(rendered(), output, text_to_stdout=output_format == "markdown")

    def emit(self, text: str, output: Path | None) -> None:
        """Print a result to stdout, or write it atomically to ``-o``."""
        self.write_bytes(text.encode("utf-8"), output, text_to_stdout=True)

    def write_bytes(self, data: bytes, output: Path | None, text_to_stdout: bool = False
                    ) -> None:
        if output is None:
            if text_to_stdout:
                sys.stdout.write(data.decode("utf-8"))
                if not data.endswith(b"\n"):
                    sys.stdout.write("\n")
                return
            raise _usage("-o FILE là bắt buộc với định dạng này.",
                         "-o FILE is required for this format.", self.lang)
        from dvstat.pipeline import write_output

        write_output(output, data)
        self.err.print(("Đã ghi " if self.lang == "vi" else "Wrote ") + str(output))


def _usage(vi: str, en: str, lang: str) -> typer.BadParameter:
    return typer.BadParameter(vi if lang == "vi" else en)


def _start_reading(rosters: list[str], settings: Settings) -> None:
    """Start parsing large .xlsx rosters (named, or in dvstat.toml) now: fastexcel works
    without the GIL, so the import of pandas overlaps the parse (about half a second per
    run). Files the cache folder of these settings already holds are not parsed."""
    if rosters:
        from dvstat.readers.xlsx import prefetch

        prefetch(rosters, settings.limits, settings.cache_dir)


@contextmanager
def _errors(lang_hint: Lang | None) -> Iterator[None]:
    """DvstatError -> one red line on stderr and exit 1; never a traceback."""
    try:
        yield
    except DvstatError as exc:
        from rich.console import Console

        lang = lang_hint.value if lang_hint else os.environ.get("DVSTAT_LANG", "vi")
        Console(stderr=True, highlight=False).print(
            f"[bold red]{'Lỗi' if lang == 'vi' else 'Error'}:[/] {exc.message(lang)}",
            markup=True, soft_wrap=True)
        raise typer.Exit(code=1) from None


def _to_json(data: dict[str, Any]) -> str:
    """Indented for a person at a terminal; compact (several times faster) for programs."""
    indent = 2 if sys.stdout.isatty() else None
    return json.dumps(data, ensure_ascii=False, indent=indent)


@app.command()
def validate(
    rosters: RosterArgs = None,
    output_format: Annotated[ValidateFormat, typer.Option("--format", "-f",
                                                          help="table | json | xlsx")] =
    ValidateFormat.table,
    output: OutOpt = None,
    strict: StrictOpt = False,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Đọc và kiểm tra danh sách; liệt kê mọi vấn đề kèm vị trí (tệp, sheet, dòng, cột)."""
    with _errors(lang):
        ctx = Context(config, lang, quiet, verbose, as_of, no_cache, rosters)
        from dvstat.pipeline import has_errors, run_validate

        result = run_validate(rosters or [], ctx.settings, ctx.as_of, ctx.lang, ctx.progress)
        if output_format is ValidateFormat.json:
            ctx.emit(_to_json(result), output)
        elif output_format is ValidateFormat.xlsx:
            from dvstat.pipeline import render_validation_workbook

            ctx.write_bytes(render_validation_workbook(result, ctx.lang), output)
        else:
            from dvstat.console import print_validation

            print_validation(ctx.out, result, ctx.lang)
        if strict and has_errors(result["issues"]["items"]):
            raise typer.Exit(code=1)


@app.command()
def summarize(
    rosters: RosterArgs = None,
    year: YearOpt = None,
    term: TermOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    period: PeriodOpt = None,
    as_of: AsOfOpt = None,
    by: Annotated[ByLevel, typer.Option("--by", help="Chia theo: branch | org | parent | none.")]
    = ByLevel.branch,
    compare: Annotated[bool, typer.Option("--compare/--no-compare",
                                          help="So sánh với cùng kỳ năm trước.")] = True,
    output_format: Annotated[SummaryFormat, typer.Option(
        "--format", "-f", help="table | json | markdown | xlsx")] = SummaryFormat.table,
    output: OutOpt = None,
    strict: StrictOpt = False,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Thống kê đảng viên mới theo giới tính, dân tộc, tôn giáo, trình độ, tuổi, nghề nghiệp."""
    with _errors(lang):
        ctx = Context(config, lang, quiet, verbose, as_of, no_cache, rosters)
        from dvstat.pipeline import has_errors, render_summary, run_summary_bundle

        chosen = ctx.period(year, term, date_from, date_to, period)
        report, quota_report = run_summary_bundle(
            rosters or [], ctx.settings, chosen, ctx.as_of, ctx.lang,
            by=None if by is ByLevel.none else by.value,  # type: ignore[arg-type]
            compare=compare, with_quota=output_format.value in ("markdown", "xlsx"),
            progress=ctx.progress)
        if output_format is SummaryFormat.table:
            from dvstat.console import print_summary

            print_summary(ctx.out, report)
        else:
            ctx.write_rendered(output_format.value, output, lambda: _to_json(report.to_dict()),
                               lambda: render_summary(report, output_format.value,
                                                      ctx.settings, quota_report))
        if strict and has_errors(report.issues.to_dict()["items"]):
            raise typer.Exit(code=1)


@app.command()
def quota(
    rosters: RosterArgs = None,
    plan: Annotated[Path | None, typer.Option("--plan", help="Tệp chỉ tiêu (.csv, .xlsx).")]
    = None,
    year: YearOpt = None,
    term: TermOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    period: PeriodOpt = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[SummaryFormat, typer.Option(
        "--format", "-f", help="table | json | markdown | xlsx")] = SummaryFormat.table,
    output: OutOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Kết quả thực hiện chỉ tiêu kết nạp theo đơn vị và toàn đảng bộ, đơn vị thấp nhất trước."""
    with _errors(lang):
        ctx = Context(config, lang, quiet, verbose, as_of, no_cache, rosters)
        from dvstat.pipeline import render_quota, run_quota

        chosen = ctx.period(year, term, date_from, date_to, period or ctx.settings.period)
        report = run_quota(rosters or [], ctx.settings, chosen, ctx.as_of, ctx.lang, plan,
                           progress=ctx.progress)
        if output_format is SummaryFormat.table:
            from dvstat.console import print_quota

            print_quota(ctx.out, report)
        else:
            ctx.write_rendered(output_format.value, output, lambda: _to_json(report.to_dict()),
                               lambda: render_quota(report, output_format.value, ctx.settings))


@app.command()
def probation(
    rosters: RosterArgs = None,
    as_of: AsOfOpt = None,
    within: Annotated[int, typer.Option("--within", min=0,
                                        help="Số ngày tới (mặc định 30).")] = 30,
    output_format: Annotated[ValidateFormat, typer.Option("--format", "-f",
                                                          help="table | json")] =
    ValidateFormat.table,
    output: OutOpt = None,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Đảng viên dự bị sắp hết (trong N ngày) hoặc đã quá 12 tháng mà chưa công nhận chính thức."""
    with _errors(lang):
        ctx = Context(config, lang, quiet, verbose, as_of, no_cache, rosters)
        from dvstat.pipeline import run_probation

        items = run_probation(rosters or [], ctx.settings, ctx.as_of, within, ctx.progress)
        if output_format is ValidateFormat.table:
            from dvstat.console import print_probation

            print_probation(ctx.out, items, ctx.as_of, within, ctx.lang)
        else:
            ctx.emit(_to_json({"schema": "dvstat.probation/1", "as_of": ctx.as_of.isoformat(),
                               "within_days": within, "items": [i.to_dict() for i in items]}),
                     output)


@app.command()
def report(
    period: PeriodOpt = None,
    out: Annotated[Path | None, typer.Option("--out", help="Thư mục ghi báo cáo.")] = None,
    as_of: AsOfOpt = None,
    strict: StrictOpt = False,
    lang: LangOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Cho cron: ghi mọi báo cáo trong dvstat.toml cho kỳ (mặc định: tháng trước), kèm manifest."""
    with _errors(lang):
        ctx = Context(config, lang, quiet, verbose, as_of, no_cache)
        from dvstat.pipeline import choose_period, run_report

        chosen = choose_period(ctx.as_of, period=period or ctx.settings.period or "last-month")
        result = run_report(ctx.settings, chosen, ctx.as_of, ctx.lang, out,
                            log=ctx.err.print if verbose else None)
        for path in [*result.outputs, result.manifest]:
            ctx.err.print(("Đã ghi " if ctx.lang == "vi" else "Wrote ") + str(path))
        if strict and result.errors:
            raise typer.Exit(code=1)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Thư mục làm việc mới.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    lang: LangOpt = None,
) -> None:
    """Tạo thư mục làm việc: dvstat.toml, danh sách mẫu, chỉ tiêu mẫu, bản sao mẫu báo cáo."""
    with _errors(lang):
        from dvstat.pipeline import create_workspace

        written = create_workspace(folder, force)
        from rich.console import Console

        vi = (lang.value if lang else "vi") == "vi"
        console = Console(stderr=True, highlight=False)
        for path in written:
            console.print(("Đã tạo " if vi else "Created ") + str(path))
        console.print(("Thử: " if vi else "Try: ") + f"cd {folder} && dvstat quota --year 2025")


def main() -> NoReturn:
    """Console-script entry point.

    Two start-up costs are cut here (measured by benchmarks/bench.py on a cached re-run):
    the garbage collector stays off while pandas and pyarrow are imported — their hundreds
    of thousands of objects made it run full passes for ~0.1 s — and the objects imported
    are then frozen out of its way (``_imports_done``); and the process ends without tearing
    down every module (~0.05 s), once the output is flushed and the cache written (its
    writes overlap validating and rendering). Errors that are not an exit
    (a bug) still end the normal way, with their traceback.
    """
    gc.disable()
    try:
        app()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    if "dvstat.pipeline" in sys.modules:  # a command that read rosters may still be caching
        from dvstat.pipeline import finish_cache_writes

        finish_cache_writes()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


def _imports_done() -> None:
    """The heavy libraries are in: freeze what they made and collect as usual from here."""
    gc.freeze()
    gc.enable()


