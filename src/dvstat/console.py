"""Terminal rendering with rich: the summary, the validate listing, the reconciliation line.

Part of the CLI layer: it reads the report model and prints; it computes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import groupby
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dvstat.formatting import (
    BADGE_NOTES,
    badge_sentence,
    format_date,
    format_decimal,
    format_int,
    format_percent,
)
from dvstat.issue_store import IssueEntries, IssueTable
from dvstat.model import (
    Attainment,
    BadgesReport,
    CandidatesReport,
    FormsReport,
    IssueSummary,
    MembersReport,
    ProbationItem,
    QuotaReport,
    Report,
    RowCounts,
    Stats,
    UnitsReport,
    ValidationReport,
)
from dvstat.rounding import ratio_percent
from dvstat.schema import (
    BREAKDOWN_TITLES,
    CANDIDATE_GROUPS,
    HIGHLIGHT_TITLES,
    QUOTA_STATUS,
    leaving_labels,
)
from dvstat.terminal import safe


def show(value: object) -> str:
    """A value from a file or a path, safe to print through rich: control characters shown
    visibly, markup brackets escaped ('[/x]' and '[bold]' print as written)."""
    return escape(safe(value))


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
_SEVERITY_WORD = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
# Long breakdowns show only the rows with someone in them.
_SPARSE = {"ethnicity", "religion", "occupation"}


def reconciliation_line(rows: RowCounts | dict[str, int], lang: str) -> str:
    r = rows.to_dict() if isinstance(rows, RowCounts) else rows
    n = {k: format_int(v, lang) for k, v in r.items()}
    if lang == "vi":
        return (
            f"Đọc {n['read']} dòng = {n['counted']} được tính + {n['rejected']} bị loại "
            f"+ {n['outside_period']} ngoài kỳ (trong số bị loại: {n['duplicates']} trùng "
            "người)"
        )
    return (
        f"Read {n['read']} rows = {n['counted']} counted + {n['rejected']} rejected "
        f"+ {n['outside_period']} outside the period ({n['duplicates']} of the rejected "
        "are duplicates)"
    )


def issue_count_line(
    issues: IssueSummary | dict[str, Any], lang: str, hint: bool = False, in_reports: bool = False
) -> str:
    """'0 lỗi, 1 cảnh báo, 2 thông tin'; with ``hint``, what the errors and warnings are
    ('cảnh báo: duplicate-person ×1') and where to read them: `dvstat validate`, or the
    command's own reports where only they list them (``in_reports``). No message is made."""
    if isinstance(issues, dict):
        errors, warnings, infos = issues["errors"], issues["warnings"], issues["infos"]
    else:
        errors, warnings, infos = issues.errors, issues.warnings, issues.infos
    words = _SEVERITY_WORD[lang]
    line = (
        f"{format_int(errors, lang)} {words['error']}, "
        f"{format_int(warnings, lang)} {words['warning']}, "
        f"{format_int(infos, lang)} {words['info']}"
    )
    if not hint or not (errors or warnings):
        return line
    codes = _code_counts(issues, ("error", "warning"))
    listed = ", ".join(
        f"{code} ×{format_int(count, lang)}"
        for code, count in sorted(codes.items(), key=lambda item: (-item[1], item[0]))
    )
    where = "--format markdown, xlsx, json" if in_reports else "dvstat validate"
    see = f"chi tiết: {where}" if lang == "vi" else f"details: {where}"
    return f"{line} ({listed}; {see})"


def _code_counts(
    issues: IssueSummary | dict[str, Any], severities: tuple[str, ...]
) -> Counter[str]:
    """How many issues of each code among ``severities``, from the columns where kept so."""
    if isinstance(issues, dict):
        return Counter(i["code"] for i in issues["items"] if i["severity"] in severities)
    if isinstance(issues.items, IssueEntries):
        return issues.items.table.code_counts(severities)  # type: ignore[arg-type]
    return Counter(e.issue.code for e in issues.items if e.issue.severity in severities)


SHOWN_PER_SHEET = 20  # issues listed per sheet on the terminal; JSON and the workbook list all


def print_validation(console: Console, report: ValidationReport) -> None:
    """Issues grouped by file and sheet (the first rows of each, then how many more of
    which codes), then the counts and the reconciliation."""
    lang = report.lang
    vi = lang == "vi"
    items = report.issues.items
    entries = (
        items
        if isinstance(items, IssueEntries)
        else IssueEntries(IssueTable.of(e.issue for e in items), lang)
    )
    for file, sheet, total, shown, codes in entries.by_place(SHOWN_PER_SHEET):
        title = show(file or "") + (f" — sheet '{show(sheet)}'" if sheet else "")
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("Dòng" if vi else "Row", justify="right")
        table.add_column("Mức" if vi else "Level")
        table.add_column("Mã" if vi else "Code")
        table.add_column("Nội dung" if vi else "Message", overflow="fold")
        for entry in shown:
            issue = entry.issue
            style = _SEVERITY_STYLE[issue.severity]
            message = entry.message.split(": ", 1)[-1] if issue.row else entry.message
            column = issue.column or entry.column
            table.add_row(
                "" if issue.row is None else str(issue.row),
                f"[{style}]{_SEVERITY_WORD[lang][issue.severity]}[/]",
                issue.code,
                (f"\\[{show(column)}] " if column else "") + show(message),
            )
        console.print(table)
        if total > len(shown):
            console.print(_more_line(total - len(shown), codes, lang), soft_wrap=True)
    if not len(items):
        console.print("Không có vấn đề nào." if vi else "No issues.")
    console.print(issue_count_line(report.issues, lang))
    console.print(reconciliation_line(report.rows.to_dict(), lang), style="bold")


def _more_line(more: int, codes: Counter[str], lang: str) -> str:
    """'… và 16.650 vấn đề khác ở đây (trong cả sheet: duplicate-person ×16.670); …'."""
    listed = ", ".join(
        f"{code} ×{format_int(count, lang)}"
        for code, count in sorted(codes.items(), key=lambda item: (-item[1], item[0]))
    )
    if lang == "vi":
        return (
            f"  … và {format_int(more, lang)} vấn đề khác ở đây (cả sheet: {listed}); "
            "danh sách đủ: --format json hoặc -o van-de.xlsx"
        )
    return (
        f"  … and {format_int(more, lang)} more here (the whole sheet: {listed}); "
        "the full list: --format json or -o issues.xlsx"
    )


def _pct_cell(value: float | None, lang: str) -> str:
    return format_percent(value, lang)


def print_summary(console: Console, report: Report) -> None:
    """The headline block, the breakdowns, the per-unit table and the reconciliation."""
    print_units_note(console, report)
    lang = report.lang
    vi = lang == "vi"
    scope = report.scope
    title = "KẾT NẠP ĐẢNG VIÊN MỚI" if vi else "NEWLY ADMITTED PARTY MEMBERS"
    if scope.organization:
        title += f" — {show(scope.organization)}"
    console.print(f"[bold]{title}[/] — {scope.period.label(lang)}")
    console.print(_highlight_table(report))
    for name, rows in report.stats.breakdowns.items():
        console.print(_breakdown_table(report, name, rows))
    if report.units:
        console.print(_unit_table(report))
    console.print(issue_count_line(report.issues, lang, hint=True), soft_wrap=True)
    console.print(reconciliation_line(report.rows, lang), style="bold")


def _highlight_table(report: Report) -> Table:
    lang = report.lang
    vi = lang == "vi"
    prev = report.previous
    table = Table(title="Số liệu chính" if vi else "Headline figures", title_justify="left")
    table.add_column("Chỉ tiêu" if vi else "Figure")
    table.add_column("Kỳ này" if vi else "This period", justify="right")
    table.add_column("Tỷ lệ" if vi else "Share", justify="right")
    unknown = any(h.unknown for h in report.stats.highlights.values())
    if unknown:
        table.add_column("Không rõ" if vi else "Unknown", justify="right")
    if prev is not None:
        table.add_column("Cùng kỳ năm trước" if vi else "Same period last year", justify="right")
        table.add_column("% so với cùng kỳ" if vi else "% of last year", justify="right")
    for code, highlight in report.stats.highlights.items():
        cells = [
            HIGHLIGHT_TITLES[code][0 if vi else 1],
            format_int(highlight.count, lang),
            "" if code == "total" else _pct_cell(highlight.percent, lang),
        ]
        if unknown:
            cells.append(format_int(highlight.unknown, lang) if highlight.unknown else "")
        if prev is not None:
            before = prev.highlights[code].count
            share = (
                report.comparison.percent_of_previous
                if code == "total" and report.comparison
                else _share(highlight.count, before)
            )
            cells += [format_int(before, lang), _pct_cell(share, lang)]
        table.add_row(*cells)
    cells = [
        HIGHLIGHT_TITLES["mean_age"][0 if vi else 1],
        format_decimal(report.stats.mean_age, lang, 1),
        "",
        *([""] if unknown else []),
    ]
    if prev is not None:
        cells += [format_decimal(prev.mean_age, lang, 1), ""]
    table.add_row(*cells)
    return table


def _share(now: int, before: int) -> float | None:
    return ratio_percent(now, before)


def _breakdown_table(report: Report, name: str, rows: Sequence[Any]) -> Table:
    lang = report.lang
    vi = lang == "vi"
    prev: Stats | None = report.previous
    table = Table(title=BREAKDOWN_TITLES[name][0 if vi else 1], title_justify="left")
    table.add_column("Mã" if vi else "Code", style="dim")
    table.add_column("Tiêu chí" if vi else "Category")
    table.add_column("Số lượng" if vi else "Count", justify="right")
    table.add_column("Tỷ lệ" if vi else "Share", justify="right")
    if prev is not None:
        table.add_column("Cùng kỳ" if vi else "Last year", justify="right")
    for row in rows:
        before = prev.count(name, row.code) if prev is not None else 0
        if name in _SPARSE and row.count == 0 and before == 0:
            continue
        cells = [
            row.code,
            row.label,
            format_int(row.count, lang),
            format_percent(row.percent, lang),
        ]
        if prev is not None:
            cells.append(format_int(before, lang))
        table.add_row(*cells)
    return table


def _unit_table(report: Report) -> Table:
    lang = report.lang
    vi = lang == "vi"
    level_title = {
        "branch": ("Chi bộ", "Branch"),
        "org": ("Tổ chức cơ sở đảng", "Organization"),
        "parent": ("Đảng bộ cấp trên", "Parent committee"),
    }
    level = report.units[0].level
    table = Table(title=("Theo đơn vị" if vi else "By unit"), title_justify="left")
    table.add_column(level_title[level][0 if vi else 1])
    codes = (
        "total",
        "female",
        "minority",
        "religious",
        "youth_union",
        "aged_18_30",
        "university_or_higher",
    )
    for code in codes:
        table.add_column(HIGHLIGHT_TITLES[code][0 if vi else 1], justify="right")
    table.add_column(HIGHLIGHT_TITLES["mean_age"][0 if vi else 1], justify="right")
    has_previous = report.units[0].previous_total is not None
    if has_previous:
        table.add_column("Cùng kỳ" if vi else "Last year", justify="right")
    for unit in report.units:
        cells = [show(unit.label or unit.name)]
        cells += [format_int(unit.stats.highlights[c].count, lang) for c in codes]
        cells.append(format_decimal(unit.stats.mean_age, lang, 1))
        if has_previous:
            cells.append(format_int(unit.previous_total, lang))
        table.add_row(*cells)
    total = ["[bold]TỔNG CỘNG[/]" if vi else "[bold]TOTAL[/]"]
    total += [f"[bold]{format_int(report.stats.highlights[c].count, lang)}[/]" for c in codes]
    total.append(f"[bold]{format_decimal(report.stats.mean_age, lang, 1)}[/]")
    if has_previous and report.previous is not None:
        total.append(f"[bold]{format_int(report.previous.total, lang)}[/]")
    table.add_row(*total)
    return table


_STATUS_STYLE = {
    "exceeded": "bold green",
    "met": "green",
    "below": "red",
    "on_track": "green",
    "behind": "red",
    "not_started": "dim",
    "no_plan": "dim",
}


def print_quota(console: Console, report: QuotaReport) -> None:
    """Attainment per unit, lowest first, the total row, and any plan issues. A period
    inside a year also shows the year's running total, which the % is of."""
    print_units_note(console, report)
    lang = report.lang
    vi = lang == "vi"
    console.print(
        f"[bold]{'THỰC HIỆN CHỈ TIÊU KẾT NẠP' if vi else 'ADMISSION PLAN'}[/] — "
        f"{report.period.label(lang)} ({'tính đến' if vi else 'as of'} "
        f"{format_date(report.as_of, lang)})"
    )
    table = Table()
    headers = [
        ("Đơn vị", "Unit"),
        ("Chỉ tiêu", "Target"),
        ("Kết nạp trong kỳ", "Admitted"),
        ("Đạt %", "Attained"),
        ("Chênh lệch", "Gap"),
        ("Đánh giá", "Status"),
        ("Cần đạt đến nay", "Due by now"),
        ("Cùng kỳ", "Last year"),
        ("Tăng/giảm %", "Change"),
    ]
    if report.within:
        headers.insert(3, ("Lũy kế từ đầu năm", "Year to date"))
    for i, (v, e) in enumerate(headers):
        table.add_column(v if vi else e, justify="left" if i == 0 else "right")
    for row in (*report.units, report.total):
        table.add_row(*_quota_cells(row, lang, row is report.total, report.within))
    console.print(table)
    for item in report.issues.items:
        if item.issue.code.startswith("plan-"):
            console.print(f"[yellow]{show(item.message)}[/]")


def _quota_cells(row: Attainment, lang: str, bold: bool, within: bool) -> list[str]:
    vi = lang == "vi"
    if row.low is None:
        target = "–"
    elif row.low == row.high:
        target = format_int(row.low, lang)
    else:
        target = f"{format_int(row.low, lang)}–{format_int(row.high, lang)}"
    word = QUOTA_STATUS[row.status][0 if vi else 1]
    status = f"[{_STATUS_STYLE[row.status]}]{word}[/]"
    if row.behind:
        status += " [red]⚠[/]"
    name = ("TỔNG CỘNG" if vi else "TOTAL") if row.level == "total" else show(row.name)
    cells = [
        name,
        target,
        format_int(row.admitted, lang),
        format_percent(row.attainment_percent, lang),
        "–" if row.gap is None else f"{row.gap:+d}",
        status,
        format_int(row.expected_members, lang),
        format_int(row.previous_admitted, lang),
        format_percent(row.change_percent, lang),
    ]
    if within:
        cells.insert(3, format_int(row.cumulative, lang))
    return [f"[bold]{c}[/]" for c in cells] if bold else cells


def print_probation(
    console: Console, items: Sequence[ProbationItem], as_of: Any, within: int, lang: str
) -> None:
    """Probationary members due or overdue, grouped by branch."""
    vi = lang == "vi"
    console.print(
        f"[bold]{'ĐẢNG VIÊN DỰ BỊ ĐẾN HẠN XÉT CHÍNH THỨC' if vi else 'PROBATION ENDING'}"
        f"[/] — {'tính đến' if vi else 'as of'} {as_of:%d/%m/%Y}, "
        f"{within} {'ngày tới' if vi else 'days ahead'}"
    )
    if not items:
        console.print("Không có ai." if vi else "Nobody.")
        return
    for branch, group in groupby(items, key=lambda i: i.branch):
        table = Table(title=show(branch), title_justify="left")
        for v, e in (
            ("Họ và tên", "Name"),
            ("Ngày kết nạp", "Admitted"),
            ("Hết 12 tháng", "Probation ends"),
            ("Còn (ngày)", "Days left"),
            ("Tình trạng", "Status"),
            ("Vị trí", "Place"),
        ):
            table.add_column(v if vi else e)
        for item in group:
            status = (
                ("[red]quá hạn[/]" if vi else "[red]overdue[/]")
                if item.status == "overdue"
                else ("đến hạn" if vi else "due")
            )
            place = f"{item.file}" + (f" / {item.sheet}" if item.sheet else "") + f" : {item.row}"
            table.add_row(
                show(item.name),
                format_date(item.admitted, lang),
                format_date(item.due, lang),
                str(item.days),
                status,
                show(place),
            )
        console.print(table)


# Complex by design: one branch per optional part of the report, in print order.
def print_members(console: Console, report: MembersReport) -> None:  # noqa: C901
    """The membership on its date: headline figures, organizations, the changes over the
    span, the units, and the reconciliation line."""
    print_units_note(console, report)
    lang = report.lang
    vi = lang == "vi"
    title = "ĐẢNG VIÊN" if vi else "PARTY MEMBERS"
    if report.organization:
        title += f" — {show(report.organization)}"
    console.print(
        f"[bold]{title}[/] — {'tính đến' if vi else 'as of'} {format_date(report.as_of, lang)}"
    )
    table = Table(title="Số liệu chính" if vi else "Headline figures", title_justify="left")
    table.add_column("Chỉ tiêu" if vi else "Figure")
    table.add_column("Số lượng" if vi else "Count", justify="right")
    table.add_column("Tỷ lệ" if vi else "Share", justify="right")
    previous = report.previous
    if previous is not None:
        table.add_column("Cùng kỳ năm trước" if vi else "Same date last year", justify="right")
    figures = [
        (HIGHLIGHT_TITLES[c][0 if vi else 1], "highlights", c)
        for c in ("total", "female", "minority", "religious")
    ]
    figures.append(("Đảng viên dự bị" if vi else "Probationary", "membership", "probationary"))
    for label, breakdown, code in figures:
        if breakdown == "highlights":
            count = report.stats.highlights[code].count
            share = None if code == "total" else report.stats.highlights[code].percent
            before = previous.highlights[code].count if previous else None
        else:
            count = report.stats.count(breakdown, code)
            share = ratio_percent(count, report.stats.total)
            before = previous.count(breakdown, code) if previous else None
        cells = [label, format_int(count, lang), format_percent(share, lang)]
        if previous is not None:
            cells.append(format_int(before, lang))
        table.add_row(*cells)
    table.add_row(
        HIGHLIGHT_TITLES["mean_age"][0 if vi else 1],
        format_decimal(report.stats.mean_age, lang, 1),
        "",
        *([format_decimal(previous.mean_age, lang, 1)] if previous else []),
    )
    console.print(table)
    orgs = report.organizations
    if vi:
        console.print(
            f"Tổ chức cơ sở đảng: {format_int(orgs.grassroots, lang)} "
            f"({format_int(orgs.grassroots_committees, lang)} đảng bộ cơ sở với "
            f"{format_int(orgs.branches_under_committees, lang)} chi bộ trực thuộc, "
            f"{format_int(orgs.grassroots_branches, lang)} chi bộ cơ sở); chi bộ có "
            f"dưới {orgs.small_limit} đảng viên: {len(orgs.small_branches)}"
        )
    else:
        console.print(
            f"Grassroots organizations: {format_int(orgs.grassroots, lang)} "
            f"({format_int(orgs.grassroots_committees, lang)} committees with "
            f"{format_int(orgs.branches_under_committees, lang)} branches, "
            f"{format_int(orgs.grassroots_branches, lang)} grassroots branches); "
            f"branches under {orgs.small_limit} members: {len(orgs.small_branches)}"
        )
    if report.changes is not None and report.span is not None:
        console.print(_changes_table(report))
    if report.units:
        units = Table(title="Theo đơn vị" if vi else "By unit", title_justify="left")
        for heading in (
            ("Đơn vị", "Unit"),
            ("Đảng viên", "Members"),
            ("Nữ", "Women"),
            ("Dân tộc thiểu số", "Minorities"),
            ("Tôn giáo", "Religious"),
        ):
            units.add_column(
                heading[0 if vi else 1], justify="left" if heading[0] == "Đơn vị" else "right"
            )
        for unit in report.units:
            units.add_row(
                show(unit.label or unit.name),
                format_int(unit.total, lang),
                *[
                    format_int(unit.highlights[c].count, lang)
                    for c in ("female", "minority", "religious")
                ],
            )
        console.print(units)
    console.print(issue_count_line(report.issues, lang, hint=True, in_reports=True), soft_wrap=True)
    rows = {k: format_int(v, lang) for k, v in report.rows.items()}
    console.print(
        (
            f"Đọc {rows['read']} dòng = {rows['members']} đảng viên + {rows['gone']} "
            f"đã ra khỏi danh sách + {rows['not_yet']} chưa vào danh sách + "
            f"{rows['rejected']} bị loại"
        )
        if vi
        else (
            f"Read {rows['read']} rows = {rows['members']} members + {rows['gone']} "
            f"gone + {rows['not_yet']} not yet on the list + {rows['rejected']} "
            "rejected"
        ),
        style="bold",
    )


def _changes_table(report: MembersReport) -> Table:
    lang = report.lang
    vi = lang == "vi"
    assert report.changes is not None and report.span is not None
    start, end = report.span
    table = Table(
        title=(f"Tăng, giảm từ {format_date(start, lang)} đến {format_date(end, lang)}")
        if vi
        else f"Changes from {format_date(start, lang)} to {format_date(end, lang)}",
        title_justify="left",
    )
    reasons = list(report.changes.left)
    named = {code: label[:1].lower() + label[1:] for code, label in leaving_labels(lang).items()}
    for label in (
        ("Đơn vị", "Unit"),
        ("Đầu kỳ", "At start"),
        ("Kết nạp", "Admitted"),
        ("Chuyển đến", "Moved in"),
        ("Giảm", "Left"),
        ("Cuối kỳ", "At end"),
    ):
        table.add_column(label[0 if vi else 1], justify="left" if label[1] == "Unit" else "right")
    for row in (*report.change_units, report.changes):
        name = show(row.label) if row.label else ("[bold]TỔNG CỘNG[/]" if vi else "[bold]TOTAL[/]")
        left = (
            ", ".join(f"{named.get(code, code)} {n}" for code, n in row.left.items() if n)
            if row.label
            else (
                "; ".join(
                    f"{named.get(code, code)} {format_int(row.left[code], lang)}"
                    for code in reasons
                    if row.left[code]
                )
            )
        )
        table.add_row(
            name,
            format_int(row.at_start, lang),
            format_int(row.admitted, lang),
            format_int(row.transferred_in, lang),
            f"{format_int(sum(row.left.values()), lang)}" + (f" ({left})" if left else ""),
            format_int(row.at_end, lang),
        )
    return table


_SHOWN_WARNINGS = 30
_VERDICT = {
    "short": ("[bold red]không đủ nguồn[/]", "[bold red]short[/]"),
    "reachable": ("đủ nguồn", "reachable"),
    "met": ("đã đạt", "met"),
}


def print_candidates(console: Console, report: CandidatesReport) -> None:
    """The pipeline: stages with the watched groups, units, the plan's verdicts, the first
    warnings (all of them are in the Markdown and Excel reports), the reconciliation."""
    print_units_note(console, report)
    lang = report.lang
    vi = lang == "vi"
    title = "NGUỒN PHÁT TRIỂN ĐẢNG VIÊN" if vi else "ADMISSION PIPELINE"
    if report.organization:
        title += f" — {show(report.organization)}"
    console.print(
        f"[bold]{title}[/] — {'tính đến' if vi else 'as of'} {format_date(report.as_of, lang)}"
    )
    console.print(_stage_table(report))
    if report.period is not None and report.flows is not None:
        console.print(("Kỳ: " if vi else "Period: ") + report.period.label(lang))
    c = report.conversion
    classed, admitted = format_int(c.classed, lang), format_int(c.admitted, lang)
    console.print(
        (
            f"Trong {c.months} tháng qua: {classed} học xong lớp, {admitted} đã kết nạp "
            f"({format_percent(c.percent, lang)})"
        )
        if vi
        else (
            f"Last {c.months} months: {classed} finished the class, {admitted} admitted "
            f"({format_percent(c.percent, lang)})"
        )
    )
    if report.units:
        units = Table(title="Theo đơn vị" if vi else "By unit", title_justify="left")
        units.add_column("Đơn vị" if vi else "Unit")
        for stage in report.stages:
            units.add_column(stage.label, justify="right")
        for unit in report.units:
            units.add_row(
                show(unit.label), *[format_int(unit.counts[s.code], lang) for s in report.stages]
            )
        console.print(units)
    if report.feasibility or report.feasibility_total:
        console.print(_feasibility_table(report))
    _print_pipeline_end(console, report)


def _stage_table(report: CandidatesReport) -> Table:
    lang = report.lang
    vi = lang == "vi"
    stages = Table(title="Theo giai đoạn" if vi else "By stage", title_justify="left")
    groups = [(code, *labels) for code, labels in CANDIDATE_GROUPS.items()]
    stages.add_column("Giai đoạn" if vi else "Stage")
    stages.add_column("Số người" if vi else "People", justify="right")
    for _, vi_label, en_label in groups:
        stages.add_column(vi_label if vi else en_label, justify="right")
    flows = report.flows
    if flows is not None:
        stages.add_column("Trong kỳ" if vi else "In the period", justify="right")
    for stage in report.stages:
        cells = [
            stage.label,
            format_int(stage.count, lang),
            *[format_int(stage.groups[code], lang) for code, _, _ in groups],
        ]
        if flows is not None:
            cells.append(format_int(flows[stage.code], lang))
        stages.add_row(*cells)
    return stages


def _feasibility_table(report: CandidatesReport) -> Table:
    lang = report.lang
    vi = lang == "vi"
    year = report.as_of.year
    plan = Table(
        title=f"Khả năng đạt chỉ tiêu năm {year}" if vi else f"Can the {year} plan be met?",
        title_justify="left",
    )
    for label in (
        ("Đơn vị", "Unit"),
        ("Chỉ tiêu", "Target"),
        ("Đã kết nạp", "Admitted"),
        ("Còn phải kết nạp", "To admit"),
        ("Đã học lớp", "Past the class"),
        ("Đánh giá", "Verdict"),
    ):
        plan.add_column(
            label[0 if vi else 1],
            justify="left" if label[1] in ("Unit", "Verdict") else "right",
        )
    total = report.feasibility_total
    for row in (*report.feasibility, *([total] if total else [])):
        plan.add_row(
            show(row.label),
            format_int(row.target, lang),
            format_int(row.admitted, lang),
            format_int(row.remaining, lang),
            format_int(row.ready, lang),
            _VERDICT[row.status][0 if vi else 1],
        )
    return plan


def _print_pipeline_end(console: Console, report: CandidatesReport) -> None:
    """The first warnings, the issue counts and the reconciliation."""
    lang = report.lang
    vi = lang == "vi"
    warnings = [e for e in report.issues.items if e.issue.severity == "warning"]
    for entry in warnings[:_SHOWN_WARNINGS]:
        console.print(f"- {show(entry.message)}", soft_wrap=True)
    if len(warnings) > _SHOWN_WARNINGS:
        more = format_int(len(warnings) - _SHOWN_WARNINGS, lang)
        console.print(
            f"… và {more} cảnh báo nữa (đủ cả trong --format markdown hoặc xlsx)"
            if vi
            else f"… and {more} more warnings (all in --format markdown or xlsx)"
        )
    console.print(issue_count_line(report.issues, lang), soft_wrap=True)
    rows = {k: format_int(v, lang) for k, v in report.rows.items()}
    console.print(
        (
            f"Đọc {rows['read']} dòng = {rows['on_list']} trong nguồn + "
            f"{rows['dropped']} đã đưa ra khỏi nguồn + {rows['not_yet']} chưa vào nguồn "
            f"+ {rows['rejected']} bị loại"
        )
        if vi
        else (
            f"Read {rows['read']} rows = {rows['on_list']} in the pipeline + "
            f"{rows['dropped']} taken off + {rows['not_yet']} not listed yet + "
            f"{rows['rejected']} rejected"
        ),
        style="bold",
    )


def print_badges(console: Console, report: BadgesReport) -> None:
    """Each award day: its sentence, the list (badge, name, admitted, branch, note, place),
    those proposed posthumously and those delayed; then the counts and the row line."""
    vi = report.lang == "vi"
    title = "HUY HIỆU ĐẢNG" if vi else "PARTY BADGES"
    if report.organization:
        title += f" — {show(report.organization)}"
    console.print(f"[bold]{title}[/] — {show(report.label)}")
    for wave in report.waves:
        console.print(
            badge_sentence(
                wave.day,
                [(c.years, c.count) for c in wave.counts],
                [(c.years, c.count) for c in wave.posthumous_counts],
                report.lang,
            )
        )
        for heading, members in (
            ("", wave.members),
            ("Truy tặng" if vi else "Posthumous", wave.posthumous),
        ):
            if not members:
                continue
            table = Table(title=heading or None, title_justify="left")
            for v, e in (
                ("Số TT", "No."),
                ("Huy hiệu", "Badge"),
                ("Họ và tên", "Name"),
                ("Ngày kết nạp", "Admitted"),
                ("Chi bộ", "Branch"),
                ("Ghi chú", "Note"),
                ("Vị trí", "Place"),
            ):
                table.add_column(v if vi else e)
            for number, m in enumerate(members, start=1):
                place = f"{m.file}" + (f" / {m.sheet}" if m.sheet else "") + f" : {m.row}"
                table.add_row(
                    str(number),
                    f"{m.badge} {'năm' if vi else 'years'}",
                    show(m.name),
                    format_date(m.admitted, report.lang),
                    show(m.branch),
                    BADGE_NOTES[m.kind][0 if vi else 1],
                    show(place),
                )
            console.print(table)
        for delay in wave.delayed:
            console.print(
                (
                    f"Lùi xét tặng: {show(delay.member.name)} — Huy hiệu {delay.member.badge} "
                    f"năm đến đợt {format_date(delay.award_day, 'vi')} (kỷ luật)"
                )
                if vi
                else (
                    f"Delayed: {show(delay.member.name)} — {delay.member.badge}-year badge "
                    f"until {format_date(delay.award_day, 'en')} (disciplinary measure)"
                )
            )
    totals = Table(
        title="Tổng số theo huy hiệu" if vi else "Totals per badge", title_justify="left"
    )
    totals.add_column("Huy hiệu" if vi else "Badge")
    totals.add_column("Số lượng" if vi else "Count", justify="right")
    for count in report.totals:
        totals.add_row(
            f"{count.years} {'năm' if vi else 'years'}", format_int(count.count, report.lang)
        )
    console.print(totals)
    console.print(
        issue_count_line(report.issues, report.lang, hint=True, in_reports=True), soft_wrap=True
    )
    rows = report.rows
    console.print(
        (
            f"Đọc {rows['read']} dòng = {rows['listed']} được đề nghị + {rows['not_due']} chưa "
            f"đến hạn + {rows['not_members']} không là đảng viên vào các đợt + "
            f"{rows['rejected']} bị loại"
        )
        if vi
        else (
            f"Read {rows['read']} rows = {rows['listed']} proposed + {rows['not_due']} not due "
            f"+ {rows['not_members']} not members on the award days + {rows['rejected']} rejected"
        )
    )


KIND_LABELS = {
    "dang_bo_co_so": ("Đảng bộ cơ sở", "grassroots committee"),
    "chi_bo_co_so": ("Chi bộ cơ sở", "grassroots branch"),
    "chi_bo": ("Chi bộ", "branch"),
    "dang_bo_bo_phan": ("Đảng bộ bộ phận", "section committee"),
    "other": ("Khác", "other"),
}


def print_units(console: Console, report: UnitsReport) -> None:
    """The register on its day as an indented tree, then its findings."""
    vi = report.lang == "vi"
    console.print(
        f"[bold]{'SỔ ĐƠN VỊ' if vi else 'UNIT REGISTER'}[/] — "
        f"{'tại ngày' if vi else 'on'} {format_date(report.as_of, report.lang)}"
    )
    table = Table()
    for v, e in (("Đơn vị", "Unit"), ("Mã", "Code"), ("Loại", "Type"), ("Từ ngày", "From")):
        table.add_column(v if vi else e)
    if report.members is not None:
        table.add_column("Đảng viên" if vi else "Members", justify="right")
    for node in report.units:
        unit = node.unit
        cells = [
            "  " * node.depth + show(unit.name),
            show(unit.code),
            KIND_LABELS.get(unit.kind, KIND_LABELS["other"])[0 if vi else 1],
            format_date(unit.valid_from, report.lang) if unit.valid_from else "",
        ]
        if report.members is not None:
            cells.append(format_int(node.members, report.lang))
        table.add_row(*cells)
    console.print(table)
    for entry in report.issues.items:
        console.print(show(entry.message), soft_wrap=True)
    console.print(issue_count_line(report.issues, report.lang))


def print_units_note(console: Console, report: Any) -> None:
    """What a restated report says first: which units its figures are on."""
    changed, on = report.units_changed, report.units_as_of
    if changed is None:
        return
    vi = report.lang == "vi"
    day = format_date(changed, report.lang)
    if on is not None and on >= changed:
        text = (
            f"Số liệu cùng kỳ được quy đổi theo đơn vị hành chính mới (từ {day})."
            if vi
            else f"Earlier figures are restated on the new units (from {day})."
        )
    else:
        text = (
            f"Số liệu được trình bày theo đơn vị trước ngày {day}."
            if vi
            else f"Figures are shown on the units before {day}."
        )
    console.print(f"[italic]{text}[/]")


def print_forms(console: Console, report: FormsReport) -> None:
    """Each form: its rows with the period, the same period last year and the percent (or
    its columns by type); rows left for hand entry marked, the notes, then the issues."""
    vi = report.lang == "vi"
    console.print(f"[bold]{show(report.set_name)}[/] — {show(report.period.label(report.lang))}")
    for form in report.forms:
        table = Table(title=f"{form.code}. {show(form.title)}", title_justify="left")
        if form.layout == "types":
            for column in form.columns:
                table.add_column(show(column))
        else:
            table.add_column("TT" if vi else "No.")
            for column in form.columns[1:] if form.layout == "list" else form.columns:
                table.add_column(show(column))
        for row in form.rows:
            hand = "✎" if row.hand else ""
            if form.layout == "types":
                values = [
                    format_int(None if v is None else int(v), report.lang) for v in row.values
                ]
                table.add_row(show(f"{row.number} {row.label}".strip()), *values)
                continue
            cells = [
                row.number,
                show(row.label),
                _form_value(row.now, report.lang) or hand,
                _form_value(row.before, report.lang),
                format_percent(row.percent, report.lang) if row.percent is not None else "",
            ]
            table.add_row(*cells)
        console.print(table)
        for note in form.notes:
            console.print(f"  ✎ {show(note)}", soft_wrap=True)
    console.print(
        issue_count_line(report.issues, report.lang, hint=False, in_reports=True), soft_wrap=True
    )
    for entry in report.issues.items:
        console.print(f"  {show(entry.message)}", soft_wrap=True)


def _form_value(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return format_int(int(value), lang)
    return format_decimal(value, lang, 1)
