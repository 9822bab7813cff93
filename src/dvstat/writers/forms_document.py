"""The official forms as one Word document, a section per form (portrait or landscape as
the form is): the same blocks as the workbook (``forms_workbook``), the table's header rows
repeated on every page, no row split across pages, the signature kept with the date line."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from dvstat.model import FilledForm, FormRow, FormsReport
from dvstat.settings import ReportHeading
from dvstat.text import strip_controls
from dvstat.writers.context import heading_context
from dvstat.writers.forms_workbook import numbering_row
from dvstat.writers.issues_workbook import FONT
from dvstat.writers.workbook import stable_zip

_STRONG = {"I", "II", "III", "IV", "V", "VI", "VII", "A", "B", "C", "D"}


def forms_document(report: FormsReport, heading: ReportHeading, day: date) -> bytes:
    """The document's bytes."""
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    frame = heading_context(heading, report.organization, day, report.lang)
    for index, form in enumerate(report.forms):
        section = document.sections[0] if index == 0 else document.add_section(WD_SECTION.NEW_PAGE)
        landscape = form.orientation == "landscape"
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
        )
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(1.2 if landscape else 1.5)
        _form(document, form, report, frame)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def _text(cell: Any, value: Any, bold: bool = False, italic: bool = False, align: str = "") -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    run = paragraph.add_run("" if value is None else strip_controls(str(value)))
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(11)
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }.get(align, WD_ALIGN_PARAGRAPH.LEFT)


def _line(document: Any, text: str, bold: bool = False, italic: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(strip_controls(text))
    run.bold = bold
    run.italic = italic
    paragraph.paragraph_format.keep_with_next = True


def _form(document: Any, form: FilledForm, report: FormsReport, frame: dict[str, Any]) -> None:
    vi = report.lang == "vi"
    top = document.add_table(rows=2, cols=2)
    _text(top.cell(0, 0), frame["parent"], align="center")
    _text(top.cell(1, 0), frame["issuer"], bold=True, align="center")
    _text(top.cell(0, 1), form.code, bold=True, align="center")
    _text(top.cell(1, 1), "Đvt: Người" if vi else "Unit: persons", italic=True, align="center")
    _line(document, form.title, bold=True)
    period = report.period.label(report.lang)
    _line(document, period[:1].upper() + period[1:], bold=True)
    _line(document, report.set_name, italic=True)
    header = (["TT" if vi else "No."] if form.layout == "compare" else []) + list(form.columns)
    table = document.add_table(rows=2, cols=len(header))
    table.style = "Table Grid"
    for column, text in enumerate(header):
        _text(table.cell(0, column), text, bold=True, align="center")
    for column, text in enumerate(numbering_row(form, len(header))):
        _text(table.cell(1, column), text, italic=True, align="center")
    for row in table.rows[:2]:
        _repeat_header(row)
    for item in form.rows:
        cells = table.add_row().cells
        strong = (
            item.heading or item.number in _STRONG or (form.layout != "compare" and not item.number)
        )
        for column, value in enumerate(_cells(form, item, len(header))):
            text_column = column == (0 if form.layout == "types" else 1)
            _text(cells[column], value, bold=strong, align="" if text_column else "center")
    for row in table.rows:
        _keep_row(row)
    for cell in table.rows[-1].cells:  # the signature never starts a page alone
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    _widths(table, form)
    _notes(document, form, vi)
    _signatures(document, frame, vi)


_WIDTHS_CM = {
    "compare": (1.1, 8.0, 2.4, 2.6, 2.9),
    "list": (1.2, 7.4, 2.8, 2.8, 2.8),
    "types": (8.7, 3.4, 3.4, 3.4, 3.4, 3.4),
}


def _widths(table: Any, form: FilledForm) -> None:
    """Column widths of the form's layout (Word shares the width equally otherwise, and the
    criteria column wraps every second word)."""
    from docx.shared import Cm

    table.autofit = False
    widths = _WIDTHS_CM[form.layout]
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)


def _notes(document: Any, form: FilledForm, vi: bool) -> None:
    if not form.notes:
        return
    title = document.add_paragraph()
    title.add_run("Ghi chú:" if vi else "Notes:").bold = True
    title.paragraph_format.keep_with_next = True
    for note in form.notes:
        paragraph = document.add_paragraph()
        paragraph.add_run(note).italic = True
        paragraph.paragraph_format.keep_with_next = True


def _cells(form: FilledForm, item: FormRow, count: int) -> list[Any]:
    if form.layout == "types":
        label = f"{item.number}. {item.label}" if item.number else item.label
        return [label, *(_shown(v) for v in (item.values or [None] * (count - 1)))]
    percent: Any = _percent_text(item.percent)
    if form.layout == "compare" and item.percent is None and item.now is not None:
        percent = "–"
    return [item.number, item.label, _shown(item.now), _shown(item.before), percent]


def _shown(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def _percent_text(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def _signatures(document: Any, frame: dict[str, Any], vi: bool) -> None:
    block = document.add_table(rows=4, cols=2)
    _text(block.cell(0, 1), frame["date_line"], italic=True, align="center")
    _text(block.cell(1, 0), "NGƯỜI LẬP BIỂU" if vi else "PREPARED BY", bold=True, align="center")
    _text(
        block.cell(1, 1),
        frame["on_behalf"] or ("TRƯỞNG BAN" if vi else "HEAD"),
        bold=True,
        align="center",
    )
    if frame["on_behalf"]:
        _text(block.cell(2, 1), frame["signer_title"], bold=True, align="center")
    _text(block.cell(3, 0), "\n\n" + frame["preparer"], bold=True, align="center")
    _text(block.cell(3, 1), "\n\n" + frame["signer_name"], bold=True, align="center")
    for row in block.rows:
        _keep_row(row)
    for row in block.rows[:-1]:  # the last keeps with nothing: the next form starts a page
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _keep_row(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    properties.append(element)
