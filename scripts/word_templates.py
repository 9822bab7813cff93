"""The default Word templates (docxtpl) in the party's document format, Hướng dẫn
36-HD/VPTW: A4, margins 20/20/30/15 mm, Times New Roman; the issuing committee and the
number at the top left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date at the top right;
the title; the body; "Nơi nhận" and the signature block. Built by
``python scripts/make_templates.py``; users copy and edit the .docx files in Word.

Jinja goes where docxtpl reads it: ``{{ … }}`` inside one run, ``{%tr … %}`` alone in a table
row, ``{%p … %}`` alone in a paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
LEFT = WD_ALIGN_PARAGRAPH.LEFT
TEXT_WIDTH_CM = 16.5  # A4 (21 cm) less 3 cm left and 1,5 cm right


APPENDIX_TITLE = "PHỤ LỤC: ĐỐI CHIẾU SỐ DÒNG VÀ CÁC DÒNG CẦN KIỂM TRA"
DOTS_LINE = "……………………………………………………………………………………………………………………"


class Word:
    """A document being built, with the few paragraph and table kinds a report uses."""

    def __init__(self) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(14)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
        spacing = normal.paragraph_format
        spacing.space_before, spacing.space_after = Pt(0), Pt(6)
        spacing.line_spacing = 1.15

    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        align: WD_ALIGN_PARAGRAPH = JUSTIFY,
        indent: bool = False,
        underline: bool = False,
        container: object = None,
        after: float | None = None,
    ) -> Any:
        holder = container if container is not None else self.doc
        paragraph = holder.add_paragraph()  # type: ignore[attr-defined]
        paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
        if after is not None:
            paragraph.paragraph_format.space_after = Pt(after)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
        return paragraph

    def tag(self, text: str, container: object = None) -> None:
        """A paragraph holding only a ``{%p … %}`` tag (docxtpl removes it)."""
        self.para(text, align=LEFT, container=container, after=0)

    def heading(self) -> None:
        """The top block: committees and number left, the Party and the date line right."""
        table = self.doc.add_table(rows=1, cols=2)
        _no_borders(table)
        _widths(table, (7.0, 9.5))
        left, right = table.rows[0].cells
        left.paragraphs[0].text = ""
        self.para("{{ heading.parent | upper }}", size=14, align=CENTER, container=left, after=0)
        self.para(
            "{{ heading.issuer | upper }}",
            bold=True,
            size=14,
            align=CENTER,
            container=left,
            after=0,
        )
        self.para("*", align=CENTER, container=left, after=0)
        self.para("Số {{ heading.number }}", size=14, align=CENTER, container=left, after=0)
        _drop_first(left)
        self.para(
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            bold=True,
            underline=True,
            size=15,
            align=CENTER,
            container=right,
            after=6,
        )
        self.para(
            "{{ heading.date_line }}", italic=True, size=14, align=CENTER, container=right, after=0
        )
        _drop_first(right)

    def title(self, kind: str, subject: str) -> None:
        self.para("", after=0)
        self.para(kind, bold=True, size=16, align=CENTER, after=0)
        self.para(subject, bold=True, size=14, align=CENTER, after=0)
        self.para("-----", align=CENTER, after=12)

    def section(self, text: str) -> None:
        self.para(text, bold=True, align=LEFT, indent=True, after=6)

    def body(self, text: str) -> None:
        self.para(text, indent=True)

    def table(
        self,
        headers: Sequence[str],
        cells: Sequence[str],
        loop: str,
        total: Sequence[str] | None = None,
        widths: Sequence[float] | None = None,
        before: Sequence[Sequence[str]] = (),
        left: Sequence[int] = (0,),
        last: Sequence[str] | None = None,
    ) -> None:
        """A bordered table: header, fixed rows ``before``, one row per item of ``loop``
        ('u in units'), then a bold total row, or a plain ``last`` row (a mean is no total)."""
        rows = 1 + len(before) + 3 + (1 if total or last else 0)
        table = self.doc.add_table(rows=rows, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if widths:
            _widths(table, widths)
        _fill(table.rows[0], headers, bold=True, align=CENTER)
        for offset, values in enumerate(before, start=1):
            _fill(table.rows[offset], values, left=left)
        first = 1 + len(before)
        _fill(table.rows[first], ["{%tr for " + loop + " %}"] + [""] * (len(headers) - 1))
        _fill(table.rows[first + 1], cells, left=left)
        _fill(table.rows[first + 2], ["{%tr endfor %}"] + [""] * (len(headers) - 1))
        if total:
            _fill(table.rows[first + 3], total, bold=True, left=left)
        elif last:
            _fill(table.rows[first + 3], last, left=left)
        _keep_rows(table)
        self.para("", after=6)

    def signature(self) -> None:
        """'Nơi nhận' at the left, the signer at the right."""
        table = self.doc.add_table(rows=1, cols=2)
        _no_borders(table)
        _keep_rows(table, header=False)  # the signer never on a page of its own
        _widths(table, (8.0, 8.5))
        left, right = table.rows[0].cells
        self.para(
            "Nơi nhận:",
            bold=True,
            italic=True,
            underline=True,
            size=12,
            align=LEFT,
            container=left,
            after=0,
        )
        self.tag("{%p for r in heading.recipients %}", container=left)
        self.para(
            "- {{ r }}{{ '.' if loop.last else ',' }}", size=12, align=LEFT, container=left, after=0
        )
        self.tag("{%p endfor %}", container=left)
        _drop_first(left)
        self.tag("{%p if heading.on_behalf %}", container=right)
        self.para(
            "{{ heading.on_behalf | upper }}", bold=True, align=CENTER, container=right, after=0
        )
        self.tag("{%p endif %}", container=right)
        self.para(
            "{{ heading.signer_title | upper }}", bold=True, align=CENTER, container=right, after=0
        )
        for _ in range(4):
            self.para("", align=CENTER, container=right, after=0)
        self.para("{{ heading.signer_name }}", bold=True, align=CENTER, container=right, after=0)
        _drop_first(right)

    def committee(self) -> None:
        """The parts the committee writes itself, headed, with room to write: what went
        well, what did not and why, what comes next. The last lines stay on the page of
        the signature."""
        self.para("ĐÁNH GIÁ CHUNG", bold=True, align=LEFT, indent=True, after=6)
        for heading in ("1. Ưu điểm", "2. Hạn chế và nguyên nhân"):
            self.para(heading, bold=True, italic=True, align=LEFT, indent=True, after=3)
            self.body(DOTS_LINE)
        self.para(
            "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", bold=True, align=LEFT, indent=True, after=6
        )
        self.body(DOTS_LINE)
        last = self.doc.paragraphs[-1]
        last.paragraph_format.keep_with_next = True

    def appendix(
        self,
        reconciliation: str,
        title: str = "PHỤ LỤC: ĐỐI CHIẾU SỐ DÒNG VÀ CÁC DÒNG CẦN KIỂM TRA",
    ) -> None:
        """After the signature, on a page of its own: how the rows read add up, and the rows
        a reader must look at with where they are (the filed body holds neither)."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        self.para(title, bold=True, align=CENTER)
        self.para(reconciliation, size=12, align=JUSTIFY)
        self.tag("{%p if appendix %}")
        self.para("{{ appendix_note }}", italic=True, size=12, align=LEFT)
        self.table(
            ["TT", "Mức độ", "Nội dung (tệp, sheet, dòng, cột)"],
            ["{{ loop.index }}", "{{ severity_label[i.severity] }}", "{{ i.message }}"],
            "i in appendix",
            widths=(1.2, 2.3, 13.0),
            left=(2,),
        )
        self.tag("{%p if appendix_more %}")
        self.para(
            "… và {{ appendix_more | vn }} vấn đề khác (xem tệp Excel hoặc JSON).",
            italic=True,
            size=12,
            align=LEFT,
        )
        self.tag("{%p endif %}")
        self.tag("{%p endif %}")

    def save(self, path: Path) -> None:
        self.doc.core_properties.author = "dvstat"
        self.doc.save(path)


def _fill(
    row: object,
    values: Sequence[str],
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    left: Sequence[int] = (0,),
) -> None:
    """Cells of one row: text columns (``left``) to the left, figures centred."""
    cells = row.cells  # type: ignore[attr-defined]
    for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.alignment = align if align is not None else (LEFT if index in left else CENTER)
        run = paragraph.add_run(value)
        run.bold = bold
        run.font.size = Pt(12)


def _keep_rows(table: Table, header: bool = True) -> None:
    """The header row repeats on every page and no row is split across two pages."""
    for number, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        keep = OxmlElement("w:cantSplit")
        properties.append(keep)
        if number == 0 and header:
            properties.append(OxmlElement("w:tblHeader"))


def _widths(table: Table, widths: Sequence[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid LibreOffice lays out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _no_borders(table: Table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _drop_first(cell: object) -> None:
    """A new cell starts with an empty paragraph: remove it once others are added."""
    first = cell.paragraphs[0]  # type: ignore[attr-defined]
    if not first.text and len(cell.paragraphs) > 1:  # type: ignore[attr-defined]
        first._element.getparent().remove(first._element)


# The narrative sentences are the Markdown templates' own, without the Markdown marks.
SUMMARY_NARRATIVE = (
    '{{ period_label | cap1 }}, {{ organization or "toàn đảng bộ" }} kết nạp {{ total | vn }} '
    "đảng viên mới{% if comparison and comparison.percent_of_previous is not none %}, bằng "
    "{{ comparison.percent_of_previous | pct }} so với {{ previous_word }} "
    "({{ comparison.previous_total | vn }} đồng chí){% elif comparison %} ({{ previous_word }}: "
    "{{ comparison.previous_total | vn }}){% endif %}{% if quota and "
    "quota.total.attainment_percent is not none %}, đạt {{ quota.total.attainment_percent | pct }}"
    " chỉ tiêu{% endif %}.{% if total %} Trong đó: nữ {{ highlights.female | share }}; "
    "dân tộc thiểu số "
    "{{ highlights.minority | share }}; người theo tôn giáo {{ highlights.religious | share }}; "
    "đoàn viên {{ highlights.youth_union | share }}; tuổi từ 18 đến 30: "
    "{{ highlights.aged_18_30 | share }}; trình độ đại học trở lên "
    "{{ highlights.university_or_higher | share }}.{% endif %}"
    "{% if mean_age is not none %} Tuổi bình quân "
    "{{ mean_age | dec }}.{% endif %}"
)


RECONCILIATION = (
    "Đọc {{ rows.read | vn }} dòng = {{ rows.counted | vn }} được tính + {{ rows.rejected | vn }} "
    "bị loại + {{ rows.outside_period | vn }} ngoài kỳ (trong số bị loại: "
    "{{ rows.duplicates | vn }} trùng người). Có {{ issues.errors | vn }} lỗi, "
    "{{ issues.warnings | vn }} cảnh báo, {{ issues.infos | vn }} thông tin."
)


UNITS_NOTE = (
    "{% if units_as_of and units_as_of >= units_changed %}Số liệu cùng kỳ được quy đổi theo "
    "đơn vị hành chính mới (từ {{ units_changed | ngay }}).{% else %}Số liệu được trình bày "
    "theo đơn vị trước ngày {{ units_changed | ngay }}.{% endif %}"
)


def summary_document(path: Path) -> None:
    w = Word()
    w.heading()
    w.title("BÁO CÁO", "kết quả kết nạp đảng viên mới {{ period_label }}")
    w.tag("{%p if units_changed %}")
    w.para(UNITS_NOTE, italic=True, size=12, align=CENTER)
    w.tag("{%p endif %}")
    w.section("I. TÌNH HÌNH CHUNG")
    w.body(SUMMARY_NARRATIVE)
    w.section("II. SỐ LIỆU CHỦ YẾU")
    w.table(
        ["Chỉ tiêu", "Kỳ này", "Tỷ lệ (%)", "{{ previous_word | cap1 }}", "So với cùng kỳ (%)"],
        [
            "{{ highlight_titles[code] }}",
            "{{ item.count | vn }}",
            "{{ item.percent | pct if code != 'total' else '' }}",
            "{{ previous.highlights[code].count | vn if previous else '–' }}",
            "{{ share(item.count, previous.highlights[code].count) | pct if previous else '–' }}",
        ],
        "code, item in highlights.items()",
        last=[
            "{{ highlight_titles.mean_age }}",
            "{{ mean_age | dec }}",
            "",
            "{{ previous.mean_age | dec if previous else '–' }}",
            "",
        ],
        widths=(6.0, 2.4, 2.4, 3.0, 2.7),
    )
    w.para("Cơ cấu đảng viên mới (tỷ lệ so với tổng số):", italic=True, align=LEFT)
    w.table(
        ["Tiêu chí", "Tỷ lệ (%)", "Biểu đồ"],
        ["{{ highlight_titles[code] }}", "{{ item.percent | pct }}", "{{ item.percent | bar }}"],
        "code, item in highlights.items() if code != 'total'",
        widths=(6.0, 2.5, 8.0),
        left=(0, 2),
    )
    w.section("III. CƠ CẤU THEO TỪNG TIÊU CHÍ")
    w.tag("{%p for name, rows in breakdowns.items() %}")
    w.para("{{ loop.index }}. {{ breakdown_titles[name] }}", bold=True, align=LEFT)
    w.table(
        ["Tiêu chí", "Số lượng", "Tỷ lệ (%)", "Cùng kỳ"],
        [
            "{{ row.label }}",
            "{{ row.count | vn }}",
            "{{ row.percent | pct }}",
            "{{ before(name, row.code) | vn if previous else '–' }}",
        ],
        "row in rows if row.count or (previous and before(name, row.code)) or name not in "
        "('ethnicity', 'religion', 'occupation')",
        widths=(8.5, 2.5, 2.5, 3.0),
    )
    w.tag("{%p endfor %}")
    w.tag("{%p if units %}")
    w.section("IV. THEO ĐƠN VỊ")
    w.table(
        ["Đơn vị", "Tổng số", "Nữ", "Dân tộc thiểu số", "Tôn giáo", "Đoàn viên", "Cùng kỳ"],
        [
            "{{ u.label }}",
            "{{ u.total | vn }}",
            "{{ u.highlights.female.count | vn }}",
            "{{ u.highlights.minority.count | vn }}",
            "{{ u.highlights.religious.count | vn }}",
            "{{ u.highlights.youth_union.count | vn }}",
            "{{ u.previous_total | vn }}",
        ],
        "u in units",
        total=[
            "TỔNG CỘNG",
            "{{ total | vn }}",
            "{{ highlights.female.count | vn }}",
            "{{ highlights.minority.count | vn }}",
            "{{ highlights.religious.count | vn }}",
            "{{ highlights.youth_union.count | vn }}",
            "{{ previous.total | vn if previous else '–' }}",
        ],
        widths=(5.5, 1.8, 1.6, 2.0, 1.8, 1.9, 1.9),
    )
    w.tag("{%p endif %}")
    w.tag("{%p if quota %}")
    w.section("V. THỰC HIỆN CHỈ TIÊU KẾT NẠP")
    _quota_table(w, "quota.units", "quota.total", "quota.target.running_total")
    w.tag("{%p endif %}")
    w.committee()
    w.signature()
    w.appendix(RECONCILIATION)
    w.save(path)


def _quota_table(w: Word, units: str, total: str, running: str = "target_running") -> None:
    target = (
        "{{ (X.target.min | vn) ~ '–' ~ (X.target.max | vn) if X.target is mapping "
        "else X.target | vn }}"
    )
    w.table(
        [
            "Đơn vị",
            "Chỉ tiêu",
            "Đã kết nạp{{ ' (lũy kế từ đầu năm)' if " + running + " else '' }}",
            "Đạt (%)",
            "Biểu đồ",
            "Đánh giá",
        ],
        [
            "{{ u.name }}",
            target.replace("X", "u"),
            "{{ u.admitted | vn }}{{ ' (' ~ (u.cumulative | vn) ~ ')' if "
            + running
            + " else '' }}",
            "{{ u.attainment_percent | pct }}",
            "{{ u.attainment_percent | bar(150, 10) }}",
            "{{ status_label[u.status] }}",
        ],
        f"u in {units}",
        total=[
            "TỔNG CỘNG",
            target.replace("X", total),
            "{{ " + total + ".admitted | vn }}{{ ' (' ~ (" + total + ".cumulative | vn) ~ ')' "
            "if " + running + " else '' }}",
            "{{ " + total + ".attainment_percent | pct }}",
            "{{ " + total + ".attainment_percent | bar(150, 10) }}",
            "{{ status_label[" + total + ".status] }}",
        ],
        widths=(3.9, 1.5, 1.9, 2.0, 3.1, 3.3),
        left=(0, 4),
    )


QUOTA_NARRATIVE = (
    '{% if total.status == "not_started" %}{{ period_label | cap1 }} chưa bắt đầu (tính đến '
    "ngày {{ as_of | ngay }}); chỉ tiêu {{ target_text(total) }} đồng chí.{% else %}"
    '{{ period_label | cap1 }}, {{ organization or "toàn đảng bộ" }} kết nạp '
    "{{ total.admitted | vn }} đảng viên mới{% if target_running %}; lũy kế từ đầu năm "
    "{{ total.cumulative | vn }} đồng chí{% endif %}{% if total.attainment_percent is not none %}"
    ", đạt {{ total.attainment_percent | pct }} chỉ tiêu {% if target_running %}năm "
    "({{ target_text(total) }}){% else %}({{ target_text(total) }}){% endif %}{% endif %}"
    "{% if total.expected_to_date is not none %}; theo tiến độ đến ngày "
    "{{ total.pace_date | ngay }} cần {{ total.expected_members | vn }} đồng chí"
    "{% if total.behind %}, "
    "đang chậm so với kế hoạch{% else %}, đúng tiến độ{% endif %}{% endif %}"
    "{% if total.previous_admitted is not none %}; {{ previous_word }} "
    "{{ total.previous_admitted | vn }} đồng chí{% endif %}.{% endif %}"
)


def quota_document(path: Path) -> None:
    w = Word()
    w.heading()
    w.title("BÁO CÁO", "kết quả thực hiện chỉ tiêu kết nạp đảng viên {{ period_label }}")
    w.tag("{%p if units_changed %}")
    w.para(UNITS_NOTE, italic=True, size=12, align=CENTER)
    w.tag("{%p endif %}")
    w.body(QUOTA_NARRATIVE)
    _quota_table(w, "units", "total")
    w.committee()
    w.signature()
    w.appendix(
        "Đơn vị trong chỉ tiêu cần đối chiếu: {% for i in plan_notes %}{{ i.message }}"
        "{% if not loop.last %}; {% endif %}{% else %}không có{% endfor %}."
    )
    w.save(path)


MEMBERS_NARRATIVE = (
    'Tính đến ngày {{ as_of | ngay }}, tổng số đảng viên {{ "của " ~ organization if '
    'organization else "toàn đảng bộ" }} là {{ total | vn }} đồng chí{% if previous %} '
    "({{ previous_word }}: {{ previous.total | vn }} đồng chí, bằng "
    "{{ share(total, previous.total) | pct }}){% endif %}; trong đó nữ "
    "{{ highlights.female | share }}; dân tộc thiểu số {{ highlights.minority | share }}; tôn "
    "giáo {{ highlights.religious | share }}; đảng viên dự bị "
    '{{ now("membership", "probationary") | vn }} đồng chí.{% if mean_age is not none %} Tuổi '
    "đời bình quân {{ mean_age | dec }}.{% endif %}"
)
ORGANIZATIONS = (
    "{% if organizations.grassroots %}Toàn đảng bộ có {{ organizations.grassroots | vn }} tổ "
    "chức cơ sở đảng trực thuộc, trong đó có {{ organizations.grassroots_committees | vn }} "
    "đảng bộ cơ sở (với {{ organizations.branches_under_committees | vn }} chi bộ trực thuộc "
    "đảng ủy cơ sở) và {{ organizations.grassroots_branches | vn }} chi bộ cơ sở.{% endif %}"
    "{% if organizations.branches_under_5 %} Có {{ organizations.branches_under_5 | length | vn }}"
    " chi bộ có dưới {{ organizations.small_limit }} đảng viên cần được củng cố.{% endif %}"
)


def members_document(path: Path) -> None:
    w = Word()
    w.heading()
    w.title("BÁO CÁO", "tình hình đảng viên và tổ chức đảng tính đến ngày {{ as_of | ngay }}")
    w.tag("{%p if units_changed %}")
    w.para(UNITS_NOTE, italic=True, size=12, align=CENTER)
    w.tag("{%p endif %}")
    w.section("I. ĐẢNG VIÊN")
    w.body(MEMBERS_NARRATIVE)
    w.table(
        ["Tiêu chí", "Số lượng", "Tỷ lệ (%)", "Cùng kỳ năm trước"],
        [
            "{{ row.label }}",
            "{{ row.count | vn }}",
            "{{ row.percent | pct }}",
            "{{ before(name, row.code) | vn if previous else '–' }}",
        ],
        "name, row in member_rows",
        before=[
            [
                "Tổng số đảng viên",
                "{{ total | vn }}",
                "100,00",
                "{{ previous.total | vn if previous else '–' }}",
            ]
        ],
        widths=(8.5, 2.5, 2.5, 3.0),
    )
    w.section("II. TỔ CHỨC ĐẢNG")
    w.body(ORGANIZATIONS)
    w.tag("{%p if changes %}")
    w.section(
        "III. TĂNG, GIẢM ĐẢNG VIÊN TỪ {{ changes['from'] | ngay }} ĐẾN {{ changes.to | ngay }}"
    )
    w.table(
        ["Đơn vị", "Đầu kỳ", "Kết nạp", "Chuyển đến", "Giảm", "Cuối kỳ"],
        [
            "{{ u.label }}",
            "{{ u.at_start | vn }}",
            "{{ u.admitted | vn }}",
            "{{ u.transferred_in | vn }}",
            "{{ u.left.values() | sum | vn }}",
            "{{ u.at_end | vn }}",
        ],
        "u in changes.units",
        total=[
            "TỔNG CỘNG",
            "{{ changes.at_start | vn }}",
            "{{ changes.admitted | vn }}",
            "{{ changes.transferred_in | vn }}",
            "{{ changes.left_total | vn }}",
            "{{ changes.at_end | vn }}",
        ],
        widths=(6.5, 2.0, 2.0, 2.0, 2.0, 2.0),
    )
    w.para(
        "Giảm: {% for code in leaving_codes if changes.left[code] %}"
        "{{ leaving_words[code] }} {{ changes.left[code] | vn }}"
        "{% if not loop.last %}; {% endif %}{% else %}không có{% endfor %}.",
        size=12,
        align=LEFT,
    )
    w.tag("{%p endif %}")
    w.tag("{%p if units %}")
    w.section("IV. THEO ĐƠN VỊ")
    w.table(
        ["Đơn vị", "Đảng viên", "Nữ", "Dân tộc thiểu số", "Tôn giáo", "Cùng kỳ"],
        [
            "{{ u.label }}",
            "{{ u.total | vn }}",
            "{{ u.highlights.female.count | vn }}",
            "{{ u.highlights.minority.count | vn }}",
            "{{ u.highlights.religious.count | vn }}",
            "{{ u.previous_total | vn }}",
        ],
        "u in units",
        total=[
            "TỔNG CỘNG",
            "{{ total | vn }}",
            "{{ highlights.female.count | vn }}",
            "{{ highlights.minority.count | vn }}",
            "{{ highlights.religious.count | vn }}",
            "{{ previous.total | vn if previous else '–' }}",
        ],
        widths=(6.5, 2.0, 1.8, 2.2, 2.0, 2.0),
    )
    w.tag("{%p endif %}")
    w.committee()
    w.signature()
    w.appendix(
        "Đọc {{ rows.read | vn }} dòng = {{ rows.members | vn }} đảng viên + "
        "{{ rows.gone | vn }} đã ra khỏi danh sách + {{ rows.not_yet | vn }} chưa vào danh "
        "sách + {{ rows.rejected | vn }} bị loại. Có {{ issues.errors | vn }} lỗi, "
        "{{ issues.warnings | vn }} cảnh báo, {{ issues.infos | vn }} thông tin."
    )
    w.save(path)


CANDIDATES_NARRATIVE = (
    'Tính đến ngày {{ as_of | ngay }}, {{ organization if organization else "toàn đảng bộ" }} '
    "hiện có {{ waiting | vn }} quần chúng ưu tú trong nguồn phát triển đảng viên, trong đó "
    "{{ sympathizers | vn }} quần chúng đã được chi bộ công nhận cảm tình Đảng, "
    "{{ past_class | vn }} quần chúng đã học lớp bồi dưỡng nhận thức về Đảng "
    "({{ stage.dossier.count | vn }} đang làm hồ sơ đề nghị kết nạp). Trong nguồn có "
    "{{ waiting_groups.female | vn }} nữ, {{ waiting_groups.minority | vn }} người dân tộc thiểu "
    "số, {{ waiting_groups.religious | vn }} người theo tôn giáo, "
    "{{ waiting_groups.youth_union | vn }} đoàn viên và {{ waiting_groups.students | vn }} học "
    "sinh, sinh viên. Đã kết nạp {{ stage.admitted.count | vn }} đồng chí từ nguồn."
)


def candidates_document(path: Path) -> None:
    w = Word()
    w.heading()
    w.title("BÁO CÁO", "tình hình nguồn phát triển đảng viên tính đến ngày {{ as_of | ngay }}")
    w.section("I. TÌNH HÌNH CHUNG")
    w.body(CANDIDATES_NARRATIVE)
    w.table(
        ["Giai đoạn", "Số người", "Nữ", "Dân tộc thiểu số", "Tôn giáo", "Đoàn viên", "HS, SV"],
        [
            "{{ row.label }}",
            "{{ row.count | vn }}",
            "{{ row.groups.female | vn }}",
            "{{ row.groups.minority | vn }}",
            "{{ row.groups.religious | vn }}",
            "{{ row.groups.youth_union | vn }}",
            "{{ row.groups.students | vn }}",
        ],
        "row in stages",
        total=[
            "Còn trong nguồn",
            "{{ waiting | vn }}",
            "{{ waiting_groups.female | vn }}",
            "{{ waiting_groups.minority | vn }}",
            "{{ waiting_groups.religious | vn }}",
            "{{ waiting_groups.youth_union | vn }}",
            "{{ waiting_groups.students | vn }}",
        ],
        widths=(5.5, 1.8, 1.5, 2.2, 1.8, 1.9, 1.8),
    )
    w.tag("{%p if flows %}")
    w.body(
        "Trong {{ flows.period.label }} có {{ flows.listed | vn }} quần chúng được đưa vào "
        "nguồn, {{ flows.sympathizer | vn }} được công nhận cảm tình Đảng, "
        "{{ flows['class'] | vn }} được cấp giấy chứng nhận học lớp bồi dưỡng nhận thức về "
        "Đảng, {{ flows.dossier | vn }} được làm hồ sơ và {{ flows.admitted | vn }} được "
        "kết nạp."
    )
    w.tag("{%p endif %}")
    w.body(
        "Trong {{ conversion.months }} tháng qua có {{ conversion.classed | vn }} quần chúng "
        "học xong lớp bồi dưỡng nhận thức về Đảng, trong đó {{ conversion.admitted | vn }} "
        "đã được kết nạp ({{ conversion.percent | pct }})."
    )
    w.tag("{%p if plan_total %}")
    w.section("II. KHẢ NĂNG HOÀN THÀNH CHỈ TIÊU KẾT NẠP NĂM {{ plan_year }}")
    w.table(
        ["Đơn vị", "Chỉ tiêu", "Đã kết nạp", "Còn phải kết nạp", "Nguồn đã học lớp", "Đánh giá"],
        [
            "{{ u.label }}",
            "{{ u.target | vn }}",
            "{{ u.admitted | vn }}",
            "{{ u.remaining | vn }}",
            "{{ u.ready | vn }}",
            "{{ feasibility_labels[u.status] }}",
        ],
        "u in plan",
        total=[
            "{{ plan_total.label }}",
            "{{ plan_total.target | vn }}",
            "{{ plan_total.admitted | vn }}",
            "{{ plan_total.remaining | vn }}",
            "{{ plan_total.ready | vn }}",
            "{{ feasibility_labels[plan_total.status] }}",
        ],
        widths=(5.0, 1.8, 2.0, 2.4, 2.4, 2.9),
    )
    w.tag("{%p endif %}")
    w.tag("{%p if warnings %}")
    w.section("III. VIỆC CẦN LÀM")
    w.tag("{%p for i in warnings %}")
    w.para("- {{ i.message }}", size=12, align=JUSTIFY, after=2)
    w.tag("{%p endfor %}")
    w.tag("{%p endif %}")
    w.committee()
    w.signature()
    w.appendix(
        "Đọc {{ rows.read | vn }} dòng = {{ rows.on_list | vn }} trong nguồn (kể cả đã kết "
        "nạp) + {{ rows.dropped | vn }} đã đưa ra khỏi nguồn + {{ rows.not_yet | vn }} chưa "
        "vào nguồn + {{ rows.rejected | vn }} bị loại."
    )
    w.save(path)


def badges_document(path: Path) -> None:
    """The committee's proposal: the list of members proposed for a Party badge, on A4
    landscape as the list (Mẫu 4A-HHĐ) is, so that its ten columns keep dates on one line."""
    w = Word()
    section = w.doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    w.heading()
    w.title("DANH SÁCH", "đảng viên đề nghị tặng Huy hiệu Đảng {{ period_label }}")
    _widths(w.doc.tables[0], (11.0, 15.2))
    w.tag("{%p for wave in waves %}")
    w.section("Đợt {{ wave.short }}")
    w.body("{{ wave.sentence }}")
    w.tag("{%p if wave.lines %}")
    w.table(
        [
            "Số TT",
            "Họ và tên",
            "Ngày sinh",
            "Quê quán",
            "Ngày kết nạp",
            "Ngày chính thức",
            "Số thẻ đảng viên",
            "Chi bộ",
            "Huy hiệu đề nghị",
            "Ghi chú",
        ],
        [
            "{{ m.number }}",
            "{{ m.name }}",
            "{{ m.birth_date | ngay }}",
            "{{ m.birthplace or '' }}",
            "{{ m.admitted | ngay }}",
            "{{ m.official | ngay }}",
            "{{ m.card_no or '' }}",
            "{{ m.branch }}",
            "{{ m.badge }} năm",
            "{{ m.note }}",
        ],
        "m in wave.lines",
        widths=(1.1, 4.2, 2.4, 3.2, 2.4, 2.4, 2.3, 3.8, 2.0, 2.4),
        left=(1, 3, 7),
    )
    w.tag("{%p endif %}")
    w.tag("{%p endfor %}")
    w.tag("{%p if total %}")
    w.body(
        "Tổng số: {{ total | vn }} đồng chí ({% for t in badge_totals %}Huy hiệu "
        "{{ t.years }} năm: {{ t.count | vn }}{% if not loop.last %}; {% endif %}{% endfor %})."
    )
    w.tag("{%p endif %}")
    w.signature()
    _widths(w.doc.tables[-1], (13.0, 13.2))  # the signer to the right of the page
    w.appendix(
        "Đọc {{ rows.read | vn }} dòng = {{ rows.listed | vn }} được đề nghị + "
        "{{ rows.not_due | vn }} chưa đến hạn + {{ rows.not_members | vn }} không là đảng viên "
        "vào các đợt + {{ rows.rejected | vn }} bị loại. Có {{ issues.errors | vn }} lỗi, "
        "{{ issues.warnings | vn }} cảnh báo, {{ issues.infos | vn }} thông tin."
    )
    w.save(path)


def write_all(folder: Path) -> list[Path]:
    paths = []
    for name, build in (
        ("bao-cao.docx", summary_document),
        ("chi-tieu.docx", quota_document),
        ("dang-vien.docx", members_document),
        ("nguon-phat-trien.docx", candidates_document),
        ("huy-hieu.docx", badges_document),
    ):
        build(folder / name)
        paths.append(folder / name)
    return paths
