"""The official forms as one workbook, a sheet per form in the forms' layout: the
committees at the top left, the form's code and unit at the top right, the title and period,
the header with its numbering row ((1) (2) (3) (4) = (2) × 100 / (3)), the rows, the notes
of rows left for hand entry, the place-and-date line and the two signatures (Người lập
biểu, Trưởng ban). Times New Roman, A4 in the form's orientation, fitted to the page width,
the header repeated on every page. Built in code, as the forms are data."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dvstat.model import FilledForm, FormRow, FormsReport
from dvstat.settings import ReportHeading
from dvstat.text import strip_controls
from dvstat.writers.context import heading_context
from dvstat.writers.issues_workbook import FONT, fit_heights, set_text_safe
from dvstat.writers.workbook import stable_zip

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_STRONG = {"I", "II", "III", "IV", "V", "VI", "VII", "A", "B", "C", "D"}
_ONE_PAGE_ROWS = 30  # a form this short is printed on one page, its signature with it
_INT = "#,##0"
_DECIMAL = "#,##0.0"
_PERCENT = "0.00"


def forms_workbook(report: FormsReport, heading: ReportHeading, day: date) -> bytes:
    """The workbook's bytes (the same report and day give the same bytes)."""
    wb = Workbook()
    first = True
    frame = heading_context(heading, report.organization, day, report.lang)
    for form in report.forms:
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        first = False
        ws.title = form.code[:31]
        _sheet(ws, form, report, frame)
    buffer = io.BytesIO()
    wb.save(buffer)
    return stable_zip(buffer.getvalue())


def _font(bold: bool = False, italic: bool = False, size: int = 12) -> Font:
    return Font(name=FONT, bold=bold, italic=italic, size=size)


def _put(
    ws: Worksheet,
    row: int,
    first: int,
    last: int,
    text: Any,
    font: Font,
    align: str = "center",
) -> None:
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = ws.cell(row=row, column=first)
    set_text_safe(cell, strip_controls(text) if isinstance(text, str) else text)
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)


def _sheet(ws: Worksheet, form: FilledForm, report: FormsReport, frame: dict[str, Any]) -> None:
    vi = report.lang == "vi"
    width = len(form.columns) + (1 if form.layout == "compare" else 0)
    widths = _widths(form)
    for index, size in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = size
    half = max(2, width // 2)
    _put(ws, 1, 1, half, frame["parent"], _font())
    _put(ws, 2, 1, half, frame["issuer"], _font(bold=True))
    _put(ws, 1, half + 1, width, form.code, _font(bold=True))
    _put(ws, 2, half + 1, width, "Đvt: Người" if vi else "Unit: persons", _font(italic=True))
    _put(ws, 4, 1, width, form.title, _font(bold=True, size=14))
    period = report.period.label(report.lang)
    _put(ws, 5, 1, width, period[:1].upper() + period[1:], _font(bold=True))
    _put(ws, 6, 1, width, report.set_name, _font(italic=True, size=10))
    header = 8
    titles = _header(form, vi)
    for column, text in enumerate(titles, start=1):
        cell = ws.cell(row=header, column=column, value=text)
        cell.font = _font(bold=True, size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
    numbers = numbering_row(form, len(titles))
    for column, text in enumerate(numbers, start=1):
        cell = ws.cell(row=header + 1, column=column, value=text)
        cell.font = _font(italic=True, size=10)
        cell.alignment = Alignment(horizontal="center")
        cell.border = _BOX
    row = header + 2
    for item in form.rows:
        _row(ws, row, form, item, len(titles))
        row += 1
    ws.print_title_rows = f"{header}:{header + 1}"
    row += 1
    if form.notes:
        _put(ws, row, 1, width, "Ghi chú:" if vi else "Notes:", _font(bold=True, size=11), "left")
        row += 1
        for note in form.notes:
            _put(ws, row, 1, width, note, _font(italic=True, size=11), "left")
            row += 1
        row += 1
    _signatures(ws, row, width, frame, vi)
    fit_heights(ws, header)
    _page(ws, form, row + 5, width)


def _widths(form: FilledForm) -> list[float]:
    if form.layout == "compare":
        return [7, 52, 13, 13, 15]
    if form.layout == "list":
        return [7, 40, 14, 14, 14]
    return [34, *([14] * (len(form.columns) - 1))]


def _header(form: FilledForm, vi: bool) -> list[str]:
    if form.layout == "compare":
        return ["TT" if vi else "No.", *form.columns]
    return list(form.columns)


def numbering_row(form: FilledForm, count: int) -> list[str]:
    """The numbering row under the header, as the forms print it."""
    if form.layout == "compare":
        return ["A", "1", "2", "3", "4 = 2 × 100 / 3"]
    if form.layout == "list":
        return ["A", "B", "1", "2", "3"]
    return ["A", *(str(n) for n in range(1, count))]


def _row(ws: Worksheet, row: int, form: FilledForm, item: FormRow, count: int) -> None:
    strong = (
        item.heading or item.number in _STRONG or (form.layout != "compare" and not item.number)
    )
    if form.layout == "types":
        label = f"{item.number}. {item.label}" if item.number else item.label
        cells: list[Any] = [label, *(item.values or [None] * (count - 1))]
    elif form.layout == "list":
        cells = [item.number, item.label, item.now, item.before, item.percent]
    else:
        shown_percent: Any = item.percent
        if item.percent is None and item.now is not None and not item.heading:
            shown_percent = "–"
        cells = [item.number, item.label, item.now, item.before, shown_percent]
    for column, value in enumerate(cells, start=1):
        cell = ws.cell(row=row, column=column)
        if isinstance(value, float) and value.is_integer() and not _is_percent(form, column):
            value = int(value)
        set_text_safe(cell, value)
        cell.font = _font(bold=strong, size=11)
        cell.border = _BOX
        text_column = column == (1 if form.layout == "types" else 2)
        cell.alignment = Alignment(
            horizontal="left" if text_column else "center",
            vertical="center",
            wrap_text=text_column,
            indent=1 if text_column and item.number in ("-", "+") else 0,
        )
        if isinstance(value, int):
            cell.number_format = _INT
        elif isinstance(value, float):
            cell.number_format = _PERCENT if _is_percent(form, column) else _DECIMAL


def _is_percent(form: FilledForm, column: int) -> bool:
    return form.layout in ("compare", "list") and column == 5


def _signatures(ws: Worksheet, row: int, width: int, frame: dict[str, Any], vi: bool) -> None:
    """The place-and-date line, then Người lập biểu on the left and the head on the right."""
    half = max(2, width // 2)
    _put(ws, row, half + 1, width, frame["date_line"], _font(italic=True))
    left = "NGƯỜI LẬP BIỂU" if vi else "PREPARED BY"
    right = frame["on_behalf"] or ("TRƯỞNG BAN" if vi else "HEAD")
    _put(ws, row + 1, 1, half, left, _font(bold=True))
    _put(ws, row + 1, half + 1, width, right, _font(bold=True))
    if frame["on_behalf"]:
        _put(ws, row + 2, half + 1, width, frame["signer_title"], _font(bold=True))
    _put(ws, row + 5, 1, half, frame["preparer"], _font(bold=True))
    _put(ws, row + 5, half + 1, width, frame["signer_name"], _font(bold=True))


def _page(ws: Worksheet, form: FilledForm, last_row: int, width: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if form.orientation == "landscape" else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if len(form.rows) <= _ONE_PAGE_ROWS else 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_area = f"A1:{get_column_letter(width)}{last_row}"
