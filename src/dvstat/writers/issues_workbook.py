"""The validate result as a workbook: reconciliation, every issue, every rejected row.

Cell text that starts with =, +, - or @ is stored as text, never as a formula (SPEC §10).
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
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
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for values in rows:
        ws.append([None] * len(values))
        for cell, value in zip(ws[ws.max_row], values, strict=True):
            set_text_safe(cell, value)
    ws.freeze_panes = "A2"


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
                i["severity"],
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
    for col, width in zip("ABCDEFGH", (10, 24, 28, 22, 7, 22, 22, 90), strict=True):
        sheet.column_dimensions[col].width = width
    rejected = wb.create_sheet("Dòng bị loại" if vi else "Rejected rows")
    _table(
        rejected,
        ["Tệp", "Sheet", "Dòng", "Lý do"] if vi else ["File", "Sheet", "Row", "Reason"],
        [[r["file"], r["sheet"], r["row"], r["reason"]] for r in result["rejected"]],
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
