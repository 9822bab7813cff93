"""Build the default template workbooks in templates/: `python scripts/make_templates.py`.

The workbooks are committed (users copy and edit them); this script is how they were made,
so a change to the layout is a reviewed change to code.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

OUT = Path(__file__).resolve().parent.parent / "templates"
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)
PCT = '0.00"%"'
INT = "#,##0"


def _title(ws: Worksheet, width: int, title: str, code: str) -> None:
    ws["A1"] = "{{ heading.issuer | upper }}"
    ws["A2"] = "BAN TỔ CHỨC"
    ws["A1"].font = BOLD
    ws["A2"].font = BOLD
    last = chr(64 + width)
    ws.merge_cells(f"A4:{last}4")
    ws["A4"] = title
    ws["A4"].font = Font(bold=True, size=13)
    ws["A4"].alignment = CENTER
    ws.merge_cells(f"A5:{last}5")
    ws["A5"] = "{{ period_label | cap1 }}"
    ws["A5"].alignment = CENTER
    ws[f"{last}1"] = code
    ws[f"{last}2"] = "Đvt: Người"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins.left, ws.page_margins.right = 0.8, 0.5  # inches: 2 cm, 1,3 cm
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _footer(ws: Worksheet, row: int, width: int, split: int | None = None) -> int:
    """The forms' closing block: the place and date line, then who prepared the form and
    who signs it (names from dvstat.toml [report]); returns the last row used. The signer's
    block starts at column ``split`` (default: the right half), the preparer's spans the
    columns before it."""
    half = (split - 1) if split else max(width // 2, 1)
    last = chr(64 + width)
    left, right = "A", chr(64 + half + 1)
    if right != last:
        ws.merge_cells(f"{right}{row}:{last}{row}")
    ws[f"{right}{row}"] = "{{ heading.date_line }}"
    ws[f"{right}{row}"].font = Font(italic=True)
    ws[f"{right}{row}"].alignment = CENTER
    for offset, (left_text, right_text, font) in enumerate(
        (
            (
                "NGƯỜI LẬP BIỂU",
                "{{ (heading.on_behalf ~ ' ' if heading.on_behalf else '') "
                "| upper }}{{ heading.signer_title | upper }}",
                BOLD,
            ),
            ("(Ký, họ tên, số điện thoại)", "(Ký, đóng dấu, họ tên)", Font(italic=True)),
            ("", "", None),
            ("", "", None),
            ("", "", None),
            ("{{ heading.preparer }}", "{{ heading.signer_name }}", BOLD),
        ),
        start=1,
    ):
        r = row + offset
        if half > 1:
            ws.merge_cells(f"{left}{r}:{chr(64 + half)}{r}")
        if right != last:
            ws.merge_cells(f"{right}{r}:{last}{r}")
        for column, text in ((left, left_text), (right, right_text)):
            cell = ws[f"{column}{r}"]
            cell.value = text or None
            cell.alignment = CENTER
            if font is not None:
                cell.font = font
    return row + 6


def _header(ws: Worksheet, row: int, labels: list[str]) -> None:
    for col, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=col, value=label)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = CENTER
        cell.border = BOX
    ws.row_dimensions[row].height = 45  # room for the wrapped column titles
    ws.print_title_rows = f"{row}:{row}"


def _row(
    ws: Worksheet, row: int, values: list[object], formats: list[str | None], bold: bool = False
) -> None:
    for col, (value, fmt) in enumerate(zip(values, formats, strict=True), start=1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.border = BOX
        cell.alignment = WRAP if col == 2 else CENTER
        if fmt:
            cell.number_format = fmt
        if bold:
            cell.font = BOLD


FORM_ROWS: list[tuple[str, str, str, str]] = [
    ("I", "Tổng số đảng viên mới kết nạp", "highlights", "total"),
    ("", "Trong đó: Nữ", "gender", "female"),
    ("", "Dân tộc thiểu số", "ethnic_minority", "minority"),
    ("", "Người theo tôn giáo", "religious", "religious"),
    ("", "Đoàn viên Đoàn TNCS Hồ Chí Minh", "youth_union", "yes"),
    ("", "Kết nạp lại", "readmitted", "yes"),
    ("II.1", "Nghề nghiệp", "", ""),
    *[
        ("", label, "occupation", code)
        for code, label in (
            ("state_official", "CB, CC cơ quan Nhà nước từ cấp huyện trở lên"),
            ("party_official", "CB, CC cơ quan Đảng, MTTQ, đoàn thể CT-XH từ cấp huyện trở lên"),
            (
                "commune_official",
                "CB, CC, người hoạt động không chuyên trách ở xã, phường, thị trấn",
            ),
            (
                "village_worker",
                "Người hoạt động không chuyên trách ở thôn, tổ dân phố, bản (ấp, khóm)",
            ),
            ("public_employee", "Viên chức sự nghiệp công lập"),
            ("nonpublic_worker", "Người lao động sự nghiệp ngoài công lập"),
            ("enterprise_manager", "Doanh nghiệp: lãnh đạo, quản lý"),
            ("enterprise_staff", "Doanh nghiệp: nhân viên, gián tiếp sản xuất"),
            ("enterprise_worker", "Doanh nghiệp: công nhân, lao động trực tiếp"),
            ("farmer", "Nông, lâm, ngư nghiệp"),
            ("armed_forces", "Sĩ quan, chiến sĩ quân đội và công an"),
            ("university_student", "Sinh viên"),
            ("pupil", "Học sinh"),
            ("other", "Khác (hợp đồng, tự do…)"),
            ("unknown", "Không rõ"),
        )
    ],
    ("II.2", "Tuổi đời", "", ""),
    *[
        ("", label, "age_band", code)
        for code, label in (
            ("18_30", "Từ 18 đến 30 tuổi"),
            ("31_35", "Từ 31 đến 35 tuổi"),
            ("36_40", "Từ 36 đến 40 tuổi"),
            ("41_45", "Từ 41 đến 45 tuổi"),
            ("46_50", "Từ 46 đến 50 tuổi"),
            ("51_55", "Từ 51 đến 55 tuổi"),
            ("56_60", "Từ 56 đến 60 tuổi"),
            ("over_60", "Trên 60 tuổi"),
            ("unknown", "Không rõ"),
        )
    ],
    ("", "Tuổi bình quân", "mean_age", ""),
    ("II.3", "Giáo dục phổ thông", "", ""),
    *[
        ("", label, "general_education", code)
        for code, label in (
            ("literate", "Biết đọc, biết viết chữ quốc ngữ"),
            ("primary", "Tiểu học"),
            ("lower_secondary", "Trung học cơ sở"),
            ("upper_secondary", "Trung học phổ thông"),
            ("unknown", "Không rõ"),
        )
    ],
    ("II.4", "Chuyên môn nghiệp vụ", "", ""),
    *[
        ("", label, "professional", code)
        for code, label in (
            ("elementary", "CN kỹ thuật, nhân viên nghiệp vụ, sơ cấp"),
            ("intermediate", "Trung cấp"),
            ("college", "Cao đẳng"),
            ("university", "Đại học"),
            ("master", "Thạc sĩ"),
            ("doctor", "Tiến sĩ"),
            ("none", "Chưa qua đào tạo"),
            ("unknown", "Không rõ"),
        )
    ],
    # Not on the 2017 Biểu 2A, which committees add by hand (Biểu 3 has the rows).
    ("II.5", "Lý luận chính trị", "", ""),
    *[
        ("", label, "political_theory", code)
        for code, label in (
            ("elementary", "Sơ cấp"),
            ("intermediate", "Trung cấp"),
            ("advanced", "Cao cấp, cử nhân"),
            ("none", "Chưa qua đào tạo"),
            ("unknown", "Không rõ"),
        )
    ],
]


def form_sheet(ws: Worksheet) -> None:
    ws.title = "Biểu 2A - Mới kết nạp"
    _title(ws, 5, "THỐNG KÊ ĐẢNG VIÊN MỚI KẾT NẠP", "Biểu 2A")
    _header(
        ws,
        7,
        ["TT", "Tiêu chí", "Kỳ này", "Cùng kỳ năm trước", "(%) kỳ này so với cùng kỳ năm trước"],
    )
    _row(ws, 8, ["A", "B", "1", "2", "3 = 1 × 100 / 2"], [None] * 5)
    row = _composition(ws, FORM_ROWS, 9)
    last = _footer(ws, row + 1, 5)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 58
    for col in "CDE":
        ws.column_dimensions[col].width = 16
    ws.print_area = f"A1:E{last}"


def ethnic_sheet(ws: Worksheet) -> None:
    ws.title = "Dân tộc, tôn giáo"
    _title(ws, 5, "ĐẢNG VIÊN MỚI KẾT NẠP CHIA THEO DÂN TỘC VÀ TÔN GIÁO", "Biểu 2B")
    _header(ws, 7, ["TT", "Tên dân tộc, tôn giáo", "Tổng số", "Trong đó: nữ", "Tỷ lệ (%)"])
    _row(ws, 8, [None, "I. DÂN TỘC", None, None, None], [None] * 5, bold=True)
    _row(
        ws,
        9,
        [
            "{%row for r in ethnic_rows %}{{ r.tt }}",
            "{{ r.label }}",
            "{{ r.count }}",
            "{{ r.women }}",
            "{{ r.percent }}",
        ],
        [None, None, INT, INT, PCT],
    )
    _row(ws, 10, [None, "II. TÔN GIÁO", None, None, None], [None] * 5, bold=True)
    _row(
        ws,
        11,
        [
            "{%row for r in religion_rows %}{{ r.tt }}",
            "{{ r.label }}",
            "{{ r.count }}",
            "{{ r.women }}",
            "{{ r.percent }}",
        ],
        [None, None, INT, INT, PCT],
    )
    _row(
        ws,
        12,
        [
            None,
            "Tổng số",
            "{{ total }}",
            "{{ highlights.female.count }}",
            "{{ 100.0 if total else 0.0 }}",
        ],
        [None, None, INT, INT, PCT],
        bold=True,
    )
    _footer(ws, 14, 5)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 34
    for col in "CDE":
        ws.column_dimensions[col].width = 14


def unit_sheet(ws: Worksheet) -> None:
    ws.title = "Theo đơn vị"
    _title(ws, 11, "ĐẢNG VIÊN MỚI KẾT NẠP THEO ĐƠN VỊ", "")
    _header(
        ws,
        7,
        [
            "TT",
            "Đơn vị",
            "Tổng số",
            "Nữ",
            "Dân tộc thiểu số",
            "Tôn giáo",
            "Đoàn viên",
            "Tuổi 18–30",
            "Đại học trở lên",
            "Tuổi bình quân",
            "Cùng kỳ năm trước",
        ],
    )
    _row(
        ws,
        8,
        [
            "{%row for u in units %}{{ row_number }}",
            "{{ u.label }}",
            "{{ u.total }}",
            "{{ u.highlights.female.count }}",
            "{{ u.highlights.minority.count }}",
            "{{ u.highlights.religious.count }}",
            "{{ u.highlights.youth_union.count }}",
            "{{ u.highlights.aged_18_30.count }}",
            "{{ u.highlights.university_or_higher.count }}",
            "{{ u.mean_age }}",
            "{{ u.previous_total }}",
        ],
        [None, None, *[INT] * 7, "0.0", INT],
    )
    _row(
        ws,
        9,
        [
            None,
            "TỔNG CỘNG",
            "{{ total }}",
            "{{ highlights.female.count }}",
            "{{ highlights.minority.count }}",
            "{{ highlights.religious.count }}",
            "{{ highlights.youth_union.count }}",
            "{{ highlights.aged_18_30.count }}",
            "{{ highlights.university_or_higher.count }}",
            "{{ mean_age }}",
            "{{ previous.total if previous else None }}",
        ],
        [None, None, *[INT] * 7, "0.0", INT],
        bold=True,
    )
    ws["M7"] = (
        "{# chart: hbar; title=Số đảng viên mới theo đơn vị; categories=B; values=C; "
        "anchor=below #}"
    )
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 34
    ws.page_setup.orientation = "landscape"


def quota_sheet(ws: Worksheet, prefix: str) -> None:
    """Plan attainment; ``prefix`` is 'quota.' in the summary workbook, '' in the quota one."""
    ws.title = "Chỉ tiêu"
    _title(ws, 10, "KẾT QUẢ THỰC HIỆN CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN", "")
    _header(
        ws,
        7,
        [
            "TT",
            "Đơn vị",
            "Chỉ tiêu",
            "Đã kết nạp",
            "Đạt (%)",
            "Chênh lệch",
            "Đánh giá",
            "Cần đạt đến nay",
            "Cùng kỳ năm trước",
            "Tăng/giảm (%)",
        ],
    )
    units = f"{prefix}units" if not prefix else f"({prefix}units if quota else [])"
    total = f"{prefix}total"
    status = "{{ status_label[X.status] | cap1 }}"
    target = "{{ (X.target.min ~ '–' ~ X.target.max) if X.target is mapping else X.target }}"
    cells = [
        "{%row for q in " + units + " %}{{ row_number }}",
        "{{ q.name }}",
        target.replace("X", "q"),
        "{{ q.admitted }}",
        "{{ q.attainment_percent }}",
        "{{ q.gap }}",
        status.replace("X", "q"),
        "{{ q.expected_members }}",
        "{{ q.previous_admitted }}",
        "{{ q.change_percent }}",
    ]
    _row(ws, 8, cells, [None, None, INT, INT, PCT, "+#,##0;-#,##0;0", None, INT, INT, PCT])
    guard = f"{total} if quota else None" if prefix else total
    t = f"({guard})"
    _row(
        ws,
        9,
        [
            None,
            "TỔNG CỘNG"
            if not prefix
            else "{{ 'TỔNG CỘNG' if quota else "
            "'Chưa có chỉ tiêu (khai báo plan trong dvstat.toml)' }}",
            (
                "{{ None if not "
                + t
                + " else (("
                + t
                + ".target.min ~ '–' ~ "
                + t
                + ".target.max) if "
                + t
                + ".target is mapping else "
                + t
                + ".target) }}"
            ),
            "{{ " + t + ".admitted if " + t + " else None }}",
            "{{ " + t + ".attainment_percent if " + t + " else None }}",
            "{{ " + t + ".gap if " + t + " else None }}",
            "{{ (status_label[" + t + ".status] | cap1) if " + t + " else None }}",
            "{{ " + t + ".expected_members if " + t + " else None }}",
            "{{ " + t + ".previous_admitted if " + t + " else None }}",
            "{{ " + t + ".change_percent if " + t + " else None }}",
        ],
        [None, None, INT, INT, PCT, "+#,##0;-#,##0;0", None, INT, INT, PCT],
        bold=True,
    )
    _footer(ws, 11, 10)
    ws["L7"] = (
        "{# chart: hbar; title=Tỷ lệ đạt chỉ tiêu (%); categories=B; values=E; anchor=below #}"
    )
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 34
    ws.page_setup.orientation = "landscape"


def issues_sheet(ws: Worksheet) -> None:
    ws.title = "Vấn đề, dòng bị loại"
    ws["A1"] = "DANH SÁCH VẤN ĐỀ VÀ DÒNG BỊ LOẠI"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = (
        "Đọc {{ rows.read | vn }} dòng = {{ rows.counted | vn }} được tính + "
        "{{ rows.rejected | vn }} bị loại + {{ rows.outside_period | vn }} ngoài kỳ"
    )
    _header(ws, 4, ["Mức độ", "Mã", "Tệp", "Sheet", "Dòng", "Cột", "Giá trị", "Nội dung"])
    ws.print_title_rows = None
    for col, value in enumerate(
        [
            "{%row for i in issues['items'] %}{{ severity_label[i.severity] }}",
            "{{ i.code }}",
            "{{ i.file }}",
            "{{ i.sheet }}",
            "{{ i.row }}",
            "{{ i.column }}",
            "{{ i.value }}",
            "{{ i.message }}",
        ],
        start=1,
    ):
        cell = ws.cell(row=5, column=col, value=value)
        cell.border = BOX
        cell.alignment = WRAP
    _header(ws, 7, ["Tệp", "Sheet", "Dòng", "Lý do"])
    for col, value in enumerate(
        [
            "{%row for r in rejected %}{{ r.file }}",
            "{{ r.sheet }}",
            "{{ r.row }}",
            "{{ r.reason }}",
        ],
        start=1,
    ):
        ws.cell(row=8, column=col, value=value).border = BOX
    for col, width in zip("ABCDEFGH", (10, 24, 28, 22, 7, 22, 22, 90), strict=True):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def probation_sheet(ws: Worksheet) -> None:
    ws.title = "Đảng viên dự bị"
    _title(ws, 8, "ĐẢNG VIÊN DỰ BỊ ĐẾN HẠN XÉT CÔNG NHẬN CHÍNH THỨC", "")
    _header(
        ws,
        7,
        [
            "TT",
            "Họ và tên",
            "Chi bộ",
            "Ngày kết nạp",
            "Hết 12 tháng dự bị",
            "Còn (ngày)",
            "Tình trạng",
            "Vị trí trong danh sách",
        ],
    )
    _row(
        ws,
        8,
        [
            "{%row for i in items %}{{ row_number }}",
            "{{ i.name }}",
            "{{ i.branch }}",
            "{{ i.admitted | ngay }}",
            "{{ i.due | ngay }}",
            "{{ i.days }}",
            "{{ 'Quá hạn' if i.status == 'overdue' else 'Đến hạn' }}",
            "{{ i.file }}{{ ' / ' ~ i.sheet if i.sheet else '' }}, dòng {{ i.row }}",
        ],
        [None, None, None, None, None, "0", None, None],
    )
    for col, width in zip("ABCDEFGH", (5, 26, 28, 13, 13, 9, 11, 34), strict=True):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"


MEMBER_ROWS: list[tuple[str, str, str, str]] = [
    ("I", "Tổng số đảng viên", "highlights", "total"),
    ("", "Trong đó: Nữ", "gender", "female"),
    ("", "Dân tộc thiểu số", "ethnic_minority", "minority"),
    ("", "Người theo tôn giáo", "religious", "religious"),
    ("", "Đảng viên dự bị", "membership", "probationary"),
    ("", "Đảng viên chính thức", "membership", "official"),
    ("II", "Tuổi Đảng", "", ""),
    *[
        ("", label, "party_age_band", code)
        for code, label in (
            ("under_10", "Dưới 10 năm"),
            ("10_19", "Từ 10 đến 19 năm"),
            ("20_29", "Từ 20 đến 29 năm"),
            ("30_39", "Từ 30 đến 39 năm"),
            ("40_49", "Từ 40 đến 49 năm"),
            ("50_plus", "Từ 50 năm trở lên"),
        )
    ],
    ("III", "Tuổi đời", "", ""),
    *[row for row in FORM_ROWS if row[2] in ("age_band", "mean_age")],
    ("IV", "Giáo dục phổ thông", "", ""),
    *[row for row in FORM_ROWS if row[2] == "general_education"],
    ("V", "Chuyên môn nghiệp vụ", "", ""),
    *[row for row in FORM_ROWS if row[2] == "professional"],
    ("VI", "Lý luận chính trị", "", ""),
    *[
        ("", label, "political_theory", code)
        for code, label in (
            ("elementary", "Sơ cấp"),
            ("intermediate", "Trung cấp"),
            ("advanced", "Cao cấp, cử nhân"),
            ("none", "Chưa qua đào tạo"),
            ("unknown", "Không rõ"),
        )
    ],
]


def _composition(ws: Worksheet, rows: list[tuple[str, str, str, str]], first: int) -> int:
    """Kỳ này / cùng kỳ / % rows of a form from ``first``; returns the next free row."""
    row = first
    for number, label, breakdown, code in rows:
        if breakdown == "":
            _row(ws, row, [number, label, None, None, None], [None] * 5, bold=True)
        elif breakdown == "mean_age":
            _row(
                ws,
                row,
                [
                    number,
                    label,
                    "{{ mean_age }}",
                    "{{ previous.mean_age if previous else None }}",
                    None,
                ],
                [None, None, "0.0", "0.0", None],
            )
        else:
            now = f"now('{breakdown}', '{code}')"
            before = f"before('{breakdown}', '{code}')"
            _row(
                ws,
                row,
                [
                    number,
                    label,
                    "{{ " + now + " }}",
                    "{{ " + before + " }}",
                    "{{ share(" + now + ", " + before + ") }}",
                ],
                [None, None, INT, INT, PCT],
                bold=number == "I",
            )
        row += 1
    return row


def members_sheet(ws: Worksheet) -> None:
    ws.title = "Đảng viên"
    _title(ws, 5, "ĐẢNG VIÊN VÀ CƠ CẤU ĐẢNG VIÊN", "")
    ws["A5"] = "Tính đến ngày {{ as_of | ngay }}"
    _header(
        ws,
        7,
        ["TT", "Tiêu chí", "Kỳ này", "Cùng kỳ năm trước", "(%) kỳ này so với cùng kỳ năm trước"],
    )
    row = _composition(ws, MEMBER_ROWS, 8)
    last = _footer(ws, row + 1, 5)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 50
    for col in "CDE":
        ws.column_dimensions[col].width = 16
    ws.print_area = f"A1:E{last}"


def organizations_sheet(ws: Worksheet) -> None:
    ws.title = "Tổ chức đảng"
    _title(ws, 3, "TỔ CHỨC CƠ SỞ ĐẢNG VÀ CHI BỘ", "")
    ws["A5"] = "Tính đến ngày {{ as_of | ngay }}"
    _header(ws, 7, ["TT", "Tiêu chí", "Số lượng"])
    for offset, (label, value) in enumerate(
        (
            ("Tổ chức cơ sở đảng trực thuộc", "organizations.grassroots"),
            ("Trong đó: Đảng bộ cơ sở", "organizations.grassroots_committees"),
            ("Chi bộ cơ sở", "organizations.grassroots_branches"),
            ("Chi bộ trực thuộc đảng ủy cơ sở", "organizations.branches_under_committees"),
            ("Tổng số chi bộ", "organizations.branches"),
            (
                "Chi bộ có dưới {{ organizations.small_limit }} đảng viên",
                "organizations.branches_under_5 | length",
            ),
        )
    ):
        _row(ws, 8 + offset, [offset + 1, label, "{{ " + value + " }}"], [None, None, INT])
    _header(ws, 15, ["TT", "Chi bộ có ít đảng viên", "Số đảng viên"])
    ws.print_title_rows = "7:7"
    _row(
        ws,
        16,
        [
            "{%row for b in organizations.branches_under_5 %}{{ row_number }}",
            "{{ b.label }}",
            "{{ b.members }}",
        ],
        [None, None, INT],
    )
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 56
    ws.column_dimensions["C"].width = 14


def changes_sheet(ws: Worksheet) -> None:
    ws.title = "Tăng, giảm"
    labels = [
        "Từ trần",
        "Chuyển đi",
        "Xóa tên",
        "Khai trừ",
        "Xin ra khỏi Đảng",
        "Dự bị không được công nhận",
        "Lý do khác",
    ]
    codes = [
        "died",
        "transferred_out",
        "removed",
        "expelled",
        "resigned",
        "not_recognized",
        "unknown",
    ]
    width = 5 + len(codes) + 1
    _title(ws, width, "TĂNG, GIẢM ĐẢNG VIÊN", "Biểu 1")
    ws["A5"] = (
        "{{ ('Từ ' ~ (changes['from'] | ngay) ~ ' đến ' ~ (changes.to | ngay)) "
        "if changes else 'Chưa chọn kỳ (dùng --period hoặc --from/--to)' }}"
    )
    _header(ws, 7, ["TT", "Đơn vị", "Đầu kỳ", "Kết nạp", "Chuyển đến", *labels, "Cuối kỳ"])
    cells = [
        "{%row for u in (changes.units if changes else []) %}{{ row_number }}",
        "{{ u.label }}",
        "{{ u.at_start }}",
        "{{ u.admitted }}",
        "{{ u.transferred_in }}",
        *["{{ u.left['" + code + "'] }}" for code in codes],
        "{{ u.at_end }}",
    ]
    _row(ws, 8, cells, [None, None, *[INT] * (width - 2)])
    total = [
        "",
        "TỔNG CỘNG",
        "{{ changes.at_start if changes else None }}",
        "{{ changes.admitted if changes else None }}",
        "{{ changes.transferred_in if changes else None }}",
        *["{{ changes.left['" + code + "'] if changes else None }}" for code in codes],
        "{{ changes.at_end if changes else None }}",
    ]
    _row(ws, 9, total, [None, None, *[INT] * (width - 2)], bold=True)
    _footer(ws, 11, width)
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 30
    ws.page_setup.orientation = "landscape"


def member_units_sheet(ws: Worksheet) -> None:
    ws.title = "Theo đơn vị"
    _title(ws, 8, "ĐẢNG VIÊN THEO ĐƠN VỊ", "")
    ws["A5"] = "Tính đến ngày {{ as_of | ngay }}"
    _header(
        ws,
        7,
        [
            "TT",
            "Đơn vị",
            "Đảng viên",
            "Nữ",
            "Dân tộc thiểu số",
            "Tôn giáo",
            "Tuổi bình quân",
            "Cùng kỳ năm trước",
        ],
    )
    _row(
        ws,
        8,
        [
            "{%row for u in units %}{{ row_number }}",
            "{{ u.label }}",
            "{{ u.total }}",
            "{{ u.highlights.female.count }}",
            "{{ u.highlights.minority.count }}",
            "{{ u.highlights.religious.count }}",
            "{{ u.mean_age }}",
            "{{ u.previous_total }}",
        ],
        [None, None, INT, INT, INT, INT, "0.0", INT],
    )
    _row(
        ws,
        9,
        [
            None,
            "TỔNG CỘNG",
            "{{ total }}",
            "{{ highlights.female.count }}",
            "{{ highlights.minority.count }}",
            "{{ highlights.religious.count }}",
            "{{ mean_age }}",
            "{{ previous.total if previous else None }}",
        ],
        [None, None, INT, INT, INT, INT, "0.0", INT],
        bold=True,
    )
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 40


STAGE_CODES = ("listed", "sympathizer", "class", "dossier", "admitted")
GROUP_CODES = ("female", "minority", "religious", "youth_union", "students")


def pipeline_sheet(ws: Worksheet) -> None:
    ws.title = "Nguồn phát triển"
    _title(ws, 8, "NGUỒN PHÁT TRIỂN ĐẢNG VIÊN", "")
    ws["A5"] = "Tính đến ngày {{ as_of | ngay }}"
    _header(
        ws,
        7,
        [
            "TT",
            "Giai đoạn",
            "Số người",
            "Nữ",
            "Dân tộc thiểu số",
            "Tôn giáo",
            "Đoàn viên",
            "Học sinh, sinh viên",
        ],
    )
    formats: list[str | None] = [None, None, *[INT] * 6]
    for offset, code in enumerate(STAGE_CODES):
        _row(
            ws,
            8 + offset,
            [
                offset + 1,
                "{{ stage['" + code + "'].label }}",
                "{{ stage['" + code + "'].count }}",
                *["{{ stage['" + code + "'].groups['" + g + "'] }}" for g in GROUP_CODES],
            ],
            formats,
        )
    _row(
        ws,
        13,
        [
            None,
            "Còn trong nguồn (chưa kết nạp)",
            "{{ waiting }}",
            *["{{ waiting_groups['" + g + "'] }}" for g in GROUP_CODES],
        ],
        formats,
        bold=True,
    )
    ws["A15"] = (
        "{{ 'Trong kỳ ' ~ flows.period.label ~ ': ' ~ flows.listed ~ ' vào nguồn, ' "
        "~ flows.sympathizer ~ ' cảm tình Đảng, ' ~ flows['class'] ~ ' học xong lớp, ' "
        "~ flows.dossier ~ ' làm hồ sơ, ' ~ flows.admitted ~ ' kết nạp.' "
        "if flows else '' }}"
    )
    ws["A16"] = (
        "Trong {{ conversion.months }} tháng qua: {{ conversion.classed }} quần chúng "
        "học xong lớp, {{ conversion.admitted }} đã được kết nạp "
        "({{ conversion.percent | pct }})."
    )
    for row in (15, 16):
        ws.merge_cells(f"A{row}:H{row}")
        ws[f"A{row}"].alignment = WRAP
        ws.row_dimensions[row].height = 30
    last = _footer(ws, 18, 8)
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 36
    for col in "CDEFGH":
        ws.column_dimensions[col].width = 12
    ws.print_area = f"A1:H{last}"


def pipeline_units_sheet(ws: Worksheet) -> None:
    ws.title = "Theo đơn vị"
    _title(ws, 8, "NGUỒN PHÁT TRIỂN ĐẢNG VIÊN THEO ĐƠN VỊ", "")
    ws["A5"] = "Tính đến ngày {{ as_of | ngay }}"
    _header(
        ws,
        7,
        [
            "TT",
            "Đơn vị",
            "Quần chúng ưu tú",
            "Cảm tình Đảng",
            "Đã học lớp",
            "Đang làm hồ sơ",
            "Đã kết nạp",
            "Cộng",
        ],
    )
    formats: list[str | None] = [None, None, *[INT] * 6]
    _row(
        ws,
        8,
        [
            "{%row for u in units %}{{ row_number }}",
            "{{ u.label }}",
            *["{{ u.stages['" + code + "'] }}" for code in STAGE_CODES],
            "{{ u.total }}",
        ],
        formats,
    )
    _row(
        ws,
        9,
        [
            None,
            "TỔNG CỘNG",
            *["{{ stage['" + code + "'].count }}" for code in STAGE_CODES],
            "{{ total }}",
        ],
        formats,
        bold=True,
    )
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 36
    for col in "CDEFGH":
        ws.column_dimensions[col].width = 12


def feasibility_sheet(ws: Worksheet) -> None:
    ws.title = "Khả năng đạt chỉ tiêu"
    _title(ws, 7, "KHẢ NĂNG HOÀN THÀNH CHỈ TIÊU KẾT NẠP ĐẢNG VIÊN NĂM {{ plan_year }}", "")
    ws["A5"] = "Tính đến ngày {{ as_of | ngay }}"
    _header(
        ws,
        7,
        [
            "TT",
            "Đơn vị",
            "Chỉ tiêu năm",
            "Đã kết nạp",
            "Còn phải kết nạp",
            "Nguồn đã học lớp",
            "Đánh giá",
        ],
    )
    _row(
        ws,
        8,
        [
            "{%row for u in plan %}{{ row_number }}",
            "{{ u.label }}",
            "{{ u.target }}",
            "{{ u.admitted }}",
            "{{ u.remaining }}",
            "{{ u.ready }}",
            "{{ feasibility_labels[u.status] }}",
        ],
        [None, None, INT, INT, INT, INT, None],
    )
    _row(
        ws,
        9,
        [
            None,
            "{{ plan_total.label if plan_total else 'Chưa có chỉ tiêu (--plan)' }}",
            "{{ plan_total.target if plan_total else None }}",
            "{{ plan_total.admitted if plan_total else None }}",
            "{{ plan_total.remaining if plan_total else None }}",
            "{{ plan_total.ready if plan_total else None }}",
            "{{ feasibility_labels[plan_total.status] if plan_total else None }}",
        ],
        [None, None, INT, INT, INT, INT, None],
        bold=True,
    )
    ws["A11"] = (
        "Không đủ nguồn: kể cả khi kết nạp hết số quần chúng đã học lớp, đơn vị vẫn "
        "chưa đạt chỉ tiêu năm."
    )
    ws.merge_cells("A11:G11")
    ws["A11"].alignment = WRAP
    ws.row_dimensions[11].height = 30
    _footer(ws, 13, 7)
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 36
    for col in "CDEF":
        ws.column_dimensions[col].width = 13
    ws.column_dimensions["G"].width = 18


def actions_sheet(ws: Worksheet) -> None:
    ws.title = "Việc cần làm"
    ws["A1"] = "VIỆC CẦN LÀM VÀ VẤN ĐỀ TRONG DANH SÁCH"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = (
        "Đọc {{ rows.read | vn }} dòng = {{ rows.on_list | vn }} trong nguồn + "
        "{{ rows.dropped | vn }} đã đưa ra khỏi nguồn + {{ rows.not_yet | vn }} chưa "
        "vào nguồn + {{ rows.rejected | vn }} bị loại"
    )
    _header(ws, 4, ["Mức độ", "Mã", "Tệp", "Sheet", "Dòng", "Cột", "Giá trị", "Nội dung"])
    ws.print_title_rows = "4:4"
    for col, value in enumerate(
        [
            "{%row for i in issues['items'] %}{{ severity_label[i.severity] }}",
            "{{ i.code }}",
            "{{ i.file }}",
            "{{ i.sheet }}",
            "{{ i.row }}",
            "{{ i.column }}",
            "{{ i.value }}",
            "{{ i.message }}",
        ],
        start=1,
    ):
        cell = ws.cell(row=5, column=col, value=value)
        cell.border = BOX
        cell.alignment = WRAP
    for col, width in zip("ABCDEFGH", (10, 24, 28, 22, 7, 22, 22, 90), strict=True):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def badges_sheet(ws: Worksheet) -> None:
    """The list a committee sends (Mẫu 4A-HHĐ's columns), every award day of the run."""
    ws.title = "Danh sách"
    _title(ws, 11, "DANH SÁCH ĐẢNG VIÊN ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG", "")
    ws["A5"] = "{{ period_label | cap1 }}"
    _header(
        ws,
        7,
        [
            "Số TT",
            "Đợt",
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
    )
    _row(
        ws,
        8,
        [
            "{%row for m in all_lines %}{{ row_number }}",
            "{{ m.wave }}",
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
        [None] * 11,
    )
    ws["C8"].alignment = WRAP
    _footer(ws, 10, 11)
    for col, width in zip("ABCDEFGHIJK", (5, 10, 24, 11, 14, 11, 11, 12, 30, 10, 14), strict=True):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"


def badge_counts_sheet(ws: Worksheet) -> None:
    """Form 7, II: badges proposed in the run, one row per badge (30 … 90 years)."""
    ws.title = "Số lượng"
    _title(ws, 3, "TẶNG HUY HIỆU ĐẢNG", "")
    _header(ws, 7, ["TT", "Loại huy hiệu", "Số lượng"])
    _row(
        ws,
        8,
        [
            "{%row for t in totals_ascending %}{{ row_number }}",
            "Huy hiệu Đảng {{ t.years }} năm",
            "{{ t.count }}",
        ],
        [None, None, INT],
    )
    _row(ws, 9, ["", "Tổng cộng", "{{ total }}"], [None, None, INT], bold=True)
    # the preparer's block over TT and the badge (the TT column alone wrapped it into
    # three overprinted lines), the signer's over a count column wide enough to hold it
    _footer(ws, 11, 3, split=3)
    for col, width in zip("ABC", (6, 30, 34), strict=True):
        ws.column_dimensions[col].width = width


def times_new_roman(wb: Workbook) -> None:
    """Every written cell in Times New Roman, the party documents' font, keeping its size,
    weight and slant."""
    from copy import copy

    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or not hasattr(cell, "font"):
                    continue
                font = copy(cell.font)
                font.name = "Times New Roman"
                cell.font = font


def main() -> None:
    OUT.mkdir(exist_ok=True)
    wb = Workbook()
    form_sheet(wb.active)  # type: ignore[arg-type]
    ethnic_sheet(wb.create_sheet())
    unit_sheet(wb.create_sheet())
    quota_sheet(wb.create_sheet(), "quota.")
    issues_sheet(wb.create_sheet())
    times_new_roman(wb)
    wb.save(OUT / "bao-cao.xlsx")
    wb = Workbook()
    quota_sheet(wb.active, "")  # type: ignore[arg-type]
    times_new_roman(wb)
    wb.save(OUT / "chi-tieu.xlsx")
    wb = Workbook()
    probation_sheet(wb.active)  # type: ignore[arg-type]
    times_new_roman(wb)
    wb.save(OUT / "du-bi.xlsx")
    wb = Workbook()
    members_sheet(wb.active)  # type: ignore[arg-type]
    organizations_sheet(wb.create_sheet())
    changes_sheet(wb.create_sheet())
    member_units_sheet(wb.create_sheet())
    times_new_roman(wb)
    wb.save(OUT / "dang-vien.xlsx")
    wb = Workbook()
    pipeline_sheet(wb.active)  # type: ignore[arg-type]
    pipeline_units_sheet(wb.create_sheet())
    feasibility_sheet(wb.create_sheet())
    actions_sheet(wb.create_sheet())
    times_new_roman(wb)
    wb.save(OUT / "nguon-phat-trien.xlsx")
    wb = Workbook()
    badges_sheet(wb.active)  # type: ignore[arg-type]
    badge_counts_sheet(wb.create_sheet())
    times_new_roman(wb)
    wb.save(OUT / "huy-hieu.xlsx")
    from word_templates import write_all

    documents = write_all(OUT)
    print(
        *(
            OUT / n
            for n in (
                "bao-cao.xlsx",
                "chi-tieu.xlsx",
                "du-bi.xlsx",
                "dang-vien.xlsx",
                "nguon-phat-trien.xlsx",
                "huy-hieu.xlsx",
            )
        ),
        *documents,
    )


if __name__ == "__main__":
    main()
