"""Reports turned into bytes (Markdown, workbooks, Word documents) and written privately.

Writers that need openpyxl or jinja2 are imported where used: a JSON or table run, and
cron runs that write only Markdown, do not pay for them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from dvstat.model import (
    AnyReport,
    FormsReport,
    ProbationReport,
    QuotaReport,
    Report,
    ValidationReport,
)
from dvstat.settings import Settings
from dvstat.writers.files import atomic_write


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


def render_validation_workbook(result: ValidationReport) -> bytes:
    from dvstat.writers.issues_workbook import issues_workbook

    return issues_workbook(result.to_dict(), result.lang)


def write_output(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write a rendered output atomically, readable as ``mode`` says (private by default)."""
    atomic_write(path, data, mode)


_FORMATS = {"md": "markdown", "xlsx": "xlsx", "docx": "docx"}


def render_output(
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
