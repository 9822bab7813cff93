"""The validate result as a workbook: reconciliation, every issue, every rejected row.

Cell text that starts with =, +, - or @ is stored as text, never as a formula (README, privacy).
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
FONT = "Times New Roman"
_SEVERITY_WORDS = {
    "error": ("Lỗi", "Error"),
    "warning": ("Cảnh báo", "Warning"),
    "info": ("Thông tin", "Note"),
}
_SEVERITY_FILL = {
    "error": PatternFill("solid", fgColor="F8CBAD"),
    "warning": PatternFill("solid", fgColor="FFE699"),
}


def set_text_safe(cell: Cell | MergedCell, value: Any) -> None:
    """Write a value; text that Excel would read as a formula stays text."""
    cell.value = value
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        cell.data_type = "s"


def _table(ws: Worksheet, header: list[str], rows: list[list[Any]]) -> None:
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(name=FONT, bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for values in rows:
        ws.append([None] * len(values))
        for cell, value in zip(ws[ws.max_row], values, strict=True):
            set_text_safe(cell, value)
            cell.font = Font(name=FONT)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    _page(ws)


def fit_heights(ws: Worksheet, first_row: int = 1) -> None:
    """Row heights that hold wrapped text (Excel does not grow a row it did not write):
    the most lines any unmerged cell of the row needs at its column's width, 15 points a
    line; a row already taller stays so."""
    import math

    from openpyxl.utils import get_column_letter

    merged = {c for r in ws.merged_cells.ranges for row in r.cells for c in [row]}
    for number, row in enumerate(ws.iter_rows(min_row=first_row), start=first_row):
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value:
                continue
            if isinstance(cell, MergedCell) or (cell.row, cell.column) in merged:
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 10
            lines = max(lines, math.ceil(len(cell.value) * 0.95 / max(width, 1)))
        current = ws.row_dimensions[number].height
        if lines > 1 and (current is None or current < 15 * lines):
            ws.row_dimensions[number].height = 15 * min(lines, 30)


def _page(ws: Worksheet) -> None:
    """A4 landscape, as wide as the page, the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.5


def issues_workbook(result: dict[str, Any], lang: str) -> bytes:
    """Bytes of an .xlsx with sheets 'Tổng hợp', 'Vấn đề', 'Dòng bị loại' (or English)."""
    vi = lang == "vi"
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Tổng hợp" if vi else "Summary"
    rows = result["rows"]
    labels = (
        ("Số dòng đọc", "Rows read", "read"),
        ("Được tính", "Counted", "counted"),
        ("Bị loại", "Rejected", "rejected"),
        ("Ngoài kỳ", "Outside the period", "outside_period"),
        ("Trong đó trùng người", "Of which duplicates", "duplicates"),
    )
    _table(
        summary,
        ["Chỉ tiêu" if vi else "Item", "Số dòng" if vi else "Rows"],
        [[label_vi if vi else label_en, rows[key]] for label_vi, label_en, key in labels],
    )
    summary.column_dimensions["A"].width = 28
    sheet = wb.create_sheet("Vấn đề" if vi else "Issues")
    header = (
        ["Mức độ", "Mã", "Tệp", "Sheet", "Dòng", "Cột", "Giá trị", "Nội dung"]
        if vi
        else ["Severity", "Code", "File", "Sheet", "Row", "Column", "Value", "Message"]
    )
    items = result["issues"]["items"]
    _table(
        sheet,
        header,
        [
            [
                _SEVERITY_WORDS.get(i["severity"], (i["severity"],) * 2)[0 if vi else 1],
                i["code"],
                i["file"],
                i["sheet"],
                i["row"],
                i["column"],
                i["value"],
                i["message"],
            ]
            for i in items
        ],
    )
    for row, item in zip(sheet.iter_rows(min_row=2), items, strict=False):
        fill = _SEVERITY_FILL.get(item["severity"])
        if fill is not None:
            row[0].fill = fill
    for col, width in zip("ABCDEFGH", (10, 20, 22, 14, 6, 16, 14, 70), strict=True):
        sheet.column_dimensions[col].width = width
    fit_heights(sheet)
    rejected = wb.create_sheet("Dòng bị loại" if vi else "Rejected rows")
    _table(
        rejected,
        ["Tệp", "Sheet", "Dòng", "Lý do"] if vi else ["File", "Sheet", "Row", "Reason"],
        [[r["file"], r["sheet"], r["row"], r["reason"]] for r in result["rejected"]],
    )
    for col, width in zip("ABCD", (28, 18, 7, 40), strict=True):
        rejected.column_dimensions[col].width = width
    fit_heights(rejected)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
