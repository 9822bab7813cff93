"""One way from a report model to a filed file: its context, then its template.

Every report (summary, quota, members, candidates) renders to Markdown, a workbook or a
Word document from the templates named here, the user's folder first. The context is the
model's JSON plus the lookups of ``context.py`` and the document's ``heading``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dvstat.errors import TemplateError
from dvstat.formatting import format_date
from dvstat.model import (
    AnyReport,
    BadgesReport,
    MembersReport,
    ProbationReport,
    QuotaReport,
    Report,
)
from dvstat.settings import ReportHeading
from dvstat.text import strip_controls
from dvstat.writers.context import (
    appendix_context,
    badges_context,
    candidates_context,
    heading_context,
    members_context,
    quota_context,
    summary_context,
)
from dvstat.writers.templating import default_template_dir

FORMATS = ("markdown", "xlsx", "docx")
# family -> (Markdown stem, workbook, Word document)
TEMPLATES: dict[str, tuple[str, str, str]] = {
    "summary": ("summary", "bao-cao.xlsx", "bao-cao.docx"),
    "quota": ("quota", "chi-tieu.xlsx", "chi-tieu.docx"),
    "members": ("members", "dang-vien.xlsx", "dang-vien.docx"),
    "candidates": ("candidates", "nguon-phat-trien.xlsx", "nguon-phat-trien.docx"),
    "badges": ("badges", "huy-hieu.xlsx", "huy-hieu.docx"),
}


def family_of(report: AnyReport) -> str:
    if isinstance(report, Report):
        return "summary"
    if isinstance(report, QuotaReport):
        return "quota"
    if isinstance(report, MembersReport):
        return "members"
    if isinstance(report, BadgesReport):
        return "badges"
    return "candidates"


def report_context(
    report: AnyReport, quota: QuotaReport | None = None, organization: str | None = None
) -> dict[str, Any]:
    """What the templates of this report see."""
    if isinstance(report, Report):
        return summary_context(report, quota)
    if isinstance(report, QuotaReport):
        return quota_context(report, organization)
    if isinstance(report, MembersReport):
        return members_context(report)
    if isinstance(report, BadgesReport):
        return badges_context(report)
    return candidates_context(report)


def render_report(
    report: AnyReport,
    output_format: str,
    *,
    day: date,
    template_dir: Path | None = None,
    heading: ReportHeading | None = None,
    quota: QuotaReport | None = None,
    organization: str | None = None,
) -> bytes:
    """The report as Markdown (UTF-8), a workbook or a Word document; ``day`` dates it."""
    family = family_of(report)
    stem, workbook, document = TEMPLATES[family]
    context = report_context(report, quota, organization)
    owner = context.get("organization") or organization
    context["heading"] = heading_context(heading or ReportHeading(), owner, day, report.lang)
    context.update(appendix_context(context["issues"], report.lang))
    context = printable(context)
    if output_format == "markdown":
        from dvstat.writers.markdown import render_markdown

        name = f"{stem}.{report.lang}.md.j2"
        return render_markdown(report.lang, template_dir, name, context).encode("utf-8")
    if output_format == "xlsx":
        from dvstat.writers.workbook import render_workbook

        return render_workbook(find_template(workbook, template_dir), context, report.lang)
    if output_format == "docx":
        from dvstat.writers.document import render_document

        return render_document(find_template(document, template_dir), context, report.lang)
    raise ValueError(f"unknown output format {output_format!r}")


def render_probation(
    report: ProbationReport,
    *,
    day: date,
    template_dir: Path | None = None,
    heading: ReportHeading | None = None,
    organization: str | None = None,
) -> bytes:
    """The probation list as a workbook, from ``du-bi.xlsx``."""
    from dvstat.writers.workbook import render_workbook

    lang = report.lang
    context = dict(
        report.to_dict(),
        organization=organization,
        period_label=("tính đến ngày " if lang == "vi" else "as of ")
        + format_date(report.as_of, lang),
        heading=heading_context(heading or ReportHeading(), organization, day, lang),
    )
    return render_workbook(find_template("du-bi.xlsx", template_dir), printable(context), lang)


def printable(value: Any) -> Any:
    """The context with control characters taken out of every text (file and sheet names
    are not cleaned like cells are, and a workbook or a document cannot hold them)."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dict):
        return {key: printable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable(item) for item in value]
    return value


def find_template(name: str, template_dir: Path | None) -> Path:
    """The user's copy of a template where there is one, else the default."""
    for folder in (template_dir, default_template_dir()):
        if folder is not None and (folder / name).is_file():
            return folder / name
    raise TemplateError(f"Không tìm thấy mẫu '{name}'.", f"Template '{name}' not found.")
