"""Excel reports from template workbooks whose cells hold Jinja (docs/templates.md).

- ``{{ expr }}`` alone in a cell writes the value itself: numbers stay numbers (with a
  display format where the template cell has none), None leaves the cell empty.
- Text around expressions ("Năm {{ year }}") renders to text.
- A row whose first template cell starts with ``{%row for x in items %}`` repeats once per
  item; styles, heights and the merged cells of the row are copied, rows below move down.
- ``{# chart: bar; title=…; categories=B; values=C; anchor=H3 #}`` in a cell adds a native
  bar chart over the rows of the sheet's first repeated block (``anchor=below``: under
  everything the sheet holds once rendered).

The template's styles, merged cells, column widths and print setup are kept (openpyxl loads
and saves them). Rendered text starting with = + - @ is stored as text, never a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.chart import BarChart, Reference
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from dvstat.errors import TemplateError
from dvstat.writers.issues_workbook import fit_heights, set_text_safe
from dvstat.writers.templating import (
    make_environment,
    render_bounded,
    template_errors,
)

_REPEAT = re.compile(r"^\s*\{%-?\s*row\s+for\s+(\w+)\s+in\s+(.+?)\s*-?%\}(.*)$", re.DOTALL)
_SINGLE = re.compile(r"^\s*\{\{(.+?)\}\}\s*$", re.DOTALL)
_CHART = re.compile(r"^\s*\{#\s*chart:(.*?)#\}\s*$", re.DOTALL)
_INT_FORMAT = "#,##0"
_FLOAT_FORMAT = "#,##0.00"
FIXED_TIME = datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


@dataclass
class _Binding:
    row: int
    name: str
    item: Any
    index: int


@dataclass
class _Block:
    first: int
    last: int


def render_workbook(template: Path, context: dict[str, Any], lang: str) -> bytes:
    """Render every sheet of a template workbook, bounded like every template (see
    ``templating.render_bounded``); returns the .xlsx bytes."""
    return render_bounded(template.name, lambda: _render_workbook(template, context, lang))


def _render_workbook(template: Path, context: dict[str, Any], lang: str) -> bytes:
    try:
        wb = load_workbook(template)
    except Exception as exc:  # untrusted template file: any parser failure is "unreadable"
        raise TemplateError(
            f"Mẫu '{template.name}' không mở được: {exc}",
            f"Template '{template.name}' cannot be opened: {exc}",
        ) from exc
    env = make_environment(lang, template.parent)
    for ws in wb.worksheets:
        _render_sheet(ws, env, context, template.name)
        fit_heights(ws)
    _freeze_metadata(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return stable_zip(buffer.getvalue())


def stable_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times, so equal reports are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' on save
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def _freeze_metadata(wb: Workbook) -> None:
    """Same inputs, same file contents: no 'now' in the document properties."""
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = "dvstat"


def _render_sheet(
    ws: Worksheet, env: jinja2.Environment, context: dict[str, Any], name: str
) -> None:
    charts = _take_charts(ws)
    bindings, blocks = _expand_rows(ws, env, context, name)
    by_row = {b.row: b for b in bindings}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell, MergedCell) or not isinstance(cell.value, str):
                continue
            if "{{" not in cell.value and "{%" not in cell.value and "{#" not in cell.value:
                continue
            local = dict(context)
            binding = by_row.get(cell.row)
            if binding is not None:
                local[binding.name] = binding.item
                local["row_number"] = binding.index
            _render_cell(cell, env, local, name, f", sheet '{ws.title}', ô {cell.coordinate}")
    for spec in charts:
        _add_chart(ws, spec, blocks)


def _render_cell(
    cell: Cell, env: jinja2.Environment, context: dict[str, Any], name: str, where: str
) -> None:
    text = str(cell.value)
    with template_errors(name, where):
        single = _SINGLE.match(text)
        if single and "{{" not in single.group(1):
            value = env.compile_expression(single.group(1).strip(), undefined_to_none=False)(
                **context
            )
            if isinstance(value, jinja2.Undefined):
                value = str(value)
        else:
            value = env.from_string(text).render(context)
    _write_value(cell, value)


def _write_value(cell: Cell, value: Any) -> None:
    if value is None or isinstance(value, jinja2.Undefined):
        cell.value = None
        return
    if isinstance(value, bool):
        set_text_safe(cell, "x" if value else "")
        return
    if isinstance(value, int | float):
        cell.value = value
        if cell.number_format == "General":
            cell.number_format = _INT_FORMAT if isinstance(value, int) else _FLOAT_FORMAT
        return
    if isinstance(value, date):
        cell.value = value
        cell.number_format = "dd/mm/yyyy"
        return
    set_text_safe(cell, str(value))


# Complex by design: one pass over the sheet's rows, one branch per row kind.
def _expand_rows(  # noqa: C901
    ws: Worksheet, env: jinja2.Environment, context: dict[str, Any], name: str
) -> tuple[list[_Binding], list[_Block]]:
    """Repeat the marked rows, bottom-up so that earlier rows keep their numbers."""
    marked: list[tuple[int, str, str]] = []
    for cells in ws.iter_rows():
        for cell in cells:
            if (
                isinstance(cell, Cell)
                and isinstance(cell.value, str)
                and (m := _REPEAT.match(cell.value))
            ):
                marked.append((int(cell.row), m.group(1), m.group(2)))
                cell.value = m.group(3)
                break
    bindings: list[_Binding] = []
    blocks: list[_Block] = []
    for row, var, expr in sorted(marked, reverse=True):
        with template_errors(name, f", sheet '{ws.title}', dòng {row}"):
            items = list(env.compile_expression(expr, undefined_to_none=False)(**context) or [])
        count = len(items)
        delta = count - 1
        if delta > 0:
            _insert_copies(ws, row, delta)
        elif delta < 0:
            _delete_row(ws, row)
        for binding in bindings:
            if binding.row > row:
                binding.row += delta
        for block in blocks:
            if block.first > row:
                block.first += delta
                block.last += delta
        bindings.extend(_Binding(row + i, var, item, i + 1) for i, item in enumerate(items))
        if count:
            blocks.append(_Block(row, row + count - 1))
    blocks.sort(key=lambda b: b.first)
    return bindings, blocks


def _insert_copies(ws: Worksheet, row: int, copies: int) -> None:
    _shift_merged(ws, row, copies)
    ws.insert_rows(row + 1, copies)
    height = ws.row_dimensions[row].height
    row_merges = [r for r in ws.merged_cells.ranges if r.min_row == r.max_row == row]
    for offset in range(1, copies + 1):
        target = row + offset
        for source in ws[row]:
            if not isinstance(source, Cell) or source.column is None:
                continue
            new = ws.cell(row=target, column=int(source.column))
            new.value = source.value
            if source.has_style and isinstance(new, Cell):
                new._style = copy(source._style)  # type: ignore[attr-defined]
        if height is not None:
            ws.row_dimensions[target].height = height
        for merged in row_merges:
            ws.merge_cells(
                start_row=target,
                start_column=merged.min_col,
                end_row=target,
                end_column=merged.max_col,
            )
    _extend_print_area(ws, copies)


def _delete_row(ws: Worksheet, row: int) -> None:
    for merged in [r for r in ws.merged_cells.ranges if r.min_row == r.max_row == row]:
        ws.merged_cells.remove(merged)
    ws.delete_rows(row, 1)
    _shift_merged(ws, row, -1)
    _extend_print_area(ws, -1)


def _shift_merged(ws: Worksheet, row: int, delta: int) -> None:
    """openpyxl moves cells but not merged ranges: move those below ``row`` too."""
    for merged in list(ws.merged_cells.ranges):
        if merged.min_row > row:
            merged.shift(row_shift=delta)


def _extend_print_area(ws: Worksheet, delta: int) -> None:
    area = ws.print_area
    if not area:
        return
    text = area if isinstance(area, str) else ",".join(area)
    m = re.match(r"^(?:'?[^!]*'?!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$", text)
    if m:
        ws.print_area = f"{m[1]}{m[2]}:{m[3]}{int(m[4]) + delta}"


def _take_charts(ws: Worksheet) -> list[dict[str, str]]:
    specs = []
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and (m := _CHART.match(cell.value)):
                spec = {"cell": cell.coordinate}
                parts = [p.strip() for p in m.group(1).split(";") if p.strip()]
                spec["type"] = parts[0] if parts else "bar"
                for part in parts[1:]:
                    key, _, value = part.partition("=")
                    spec[key.strip()] = value.strip()
                specs.append(spec)
                cell.value = None
    return specs


def _column_index(letters: str) -> int:
    number = 0
    for ch in letters.strip().upper():
        number = number * 26 + ord(ch) - 64
    return number


def _add_chart(ws: Worksheet, spec: dict[str, str], blocks: list[_Block]) -> None:
    if not blocks:
        return
    block = (
        blocks[int(spec.get("block", "1")) - 1]
        if len(blocks) >= int(spec.get("block", "1"))
        else blocks[0]
    )
    chart = BarChart()
    chart.type = "bar" if spec.get("type") == "hbar" else "col"
    chart.title = spec.get("title")
    chart.height = max(7.5, 0.6 * (block.last - block.first + 1) + 3)
    chart.width = 18
    header_row = block.first - 1
    for letters in spec.get("values", "C").split(","):
        col = _column_index(letters)
        data = Reference(ws, min_col=col, max_col=col, min_row=header_row, max_row=block.last)
        chart.add_data(data, titles_from_data=True)
    cat_col = _column_index(spec.get("categories", "B"))
    chart.set_categories(
        Reference(ws, min_col=cat_col, max_col=cat_col, min_row=block.first, max_row=block.last)
    )
    chart.legend.position = "b"
    anchor = spec.get("anchor", spec["cell"])
    if anchor == "below":  # under everything the sheet holds, the table's rows all written
        anchor = f"B{ws.max_row + 2}"
    ws.add_chart(chart, anchor)
