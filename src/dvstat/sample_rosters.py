"""Deterministic sample rosters and plan: the bundled sample data and ``dvstat init``.

The same members can be written as a clean one-sheet roster or in the classic messy layout
branches send (a sheet per branch, title rows, a two-row header with the birth date under
"Nam" or "Nữ", abbreviations, NFD text, dates typed as text, totals and signatures), so the
tests can prove both read to the same data.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from dvstat.dates import month_later

ORGANIZATION = "Đảng bộ xã Tân Lập"
BRANCHES = (
    "Chi bộ thôn Đồng Tâm",
    "Chi bộ thôn Nà Sài",
    "Chi bộ thôn Bản Pình",
    "Chi bộ Trường THCS Tân Lập",
    "Chi bộ Trạm Y tế",
    "Chi bộ Công an xã",
    "Chi bộ Quân sự xã",
    "Chi bộ Hợp tác xã Tân Tiến",
)
YEARS = (2024, 2025, 2026)
LAST_DATE = date(2026, 10, 31)

_SURNAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vi",
    "Lục",
    "Nông",
    "Đặng",
    "Lò",
    "Ma",
    "Triệu",
    "Bế",
    "Vũ",
    "Đỗ",
    "Hà",
    "Lường",
    "Sùng",
    "Giàng",
    "Bùi",
)
_MIDDLE_M = ("Văn", "Đức", "Minh", "Quốc", "Hữu", "Công", "Thành")
_MIDDLE_F = ("Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim", "Bích")
_GIVEN_M = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Việt",
    "Vinh",
)
_GIVEN_F = (
    "Anh",
    "Chi",
    "Dung",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Nhung",
    "Phương",
    "Thảo",
    "Trang",
    "Yến",
)


@dataclass(frozen=True)
class Member:
    """One admission, with its values written the clean way."""

    name: str
    birth: date
    female: bool
    ethnicity: str
    religion: str
    education: str
    professional: str
    theory: str
    occupation: str
    admitted: date
    official: date | None
    youth: bool
    readmitted: bool
    branch: str
    record_no: str
    org: str = ""  # the grassroots organization, where a roster names one


_ETHNICITY = (
    ("Kinh", 60),
    ("Tày", 14),
    ("Nùng", 9),
    ("Dao", 7),
    ("Mông", 5),
    ("Thái", 3),
    ("Sán Chay", 2),
)
_RELIGION = (("Không", 82), ("Phật giáo", 8), ("Công giáo", 6), ("Tin Lành", 4))
_EDUCATION = (("12/12", 85), ("9/12", 12), ("10/10", 2), ("7/12", 1))
_PROFESSIONAL = (
    ("Đại học", 38),
    ("Cao đẳng", 12),
    ("Trung cấp", 18),
    ("Không", 25),
    ("Thạc sĩ", 5),
    ("Sơ cấp", 2),
)
_THEORY = (("Không", 55), ("Sơ cấp", 40), ("Trung cấp", 5))
_OCCUPATION_BY_BRANCH = {
    "Chi bộ Trường THCS Tân Lập": ("Viên chức",),
    "Chi bộ Trạm Y tế": ("Viên chức",),
    "Chi bộ Công an xã": ("Công an",),
    "Chi bộ Quân sự xã": ("Quân nhân",),
    "Chi bộ Hợp tác xã Tân Tiến": ("Công nhân", "Nhân viên"),
}
_VILLAGE_OCCUPATIONS = (
    "Nông dân",
    "Nông dân",
    "Nông dân",
    "Tự do",
    "Học sinh",
    "Sinh viên",
    "Cán bộ xã",
    "Trưởng thôn",
)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values = [value for value, _ in weighted]
    weights = [weight for _, weight in weighted]
    return rng.choices(values, weights=weights)[0]


def make_members(
    seed: int = 2024, years: tuple[int, ...] = YEARS, last_date: date = LAST_DATE
) -> list[Member]:
    """Deterministic admissions per branch and year, through ``last_date``."""
    rng = random.Random(seed)
    members: list[Member] = []
    serial = 0
    for year in years:
        for branch in BRANCHES:
            for _ in range(rng.randint(4, 12)):
                admitted = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
                if admitted > last_date:
                    continue
                female = rng.random() < 0.46
                age = rng.choice(
                    (
                        18,
                        19,
                        20,
                        21,
                        22,
                        23,
                        24,
                        25,
                        26,
                        27,
                        28,
                        29,
                        30,
                        31,
                        33,
                        34,
                        36,
                        38,
                        41,
                        44,
                        47,
                        52,
                    )
                )
                birth = date(admitted.year - age - 1, 1, 1) + timedelta(days=rng.randint(0, 364))
                if (admitted - birth).days < 18 * 366:
                    birth = birth - timedelta(days=366)
                surname = rng.choice(_SURNAMES)
                middle = rng.choice(_MIDDLE_F if female else _MIDDLE_M)
                given = rng.choice(_GIVEN_F if female else _GIVEN_M)
                occupations = _OCCUPATION_BY_BRANCH.get(branch, _VILLAGE_OCCUPATIONS)
                official = month_later(admitted, 12)
                serial += 1
                members.append(
                    Member(
                        name=f"{surname} {middle} {given}",
                        birth=birth,
                        female=female,
                        ethnicity=_pick(rng, _ETHNICITY),
                        religion=_pick(rng, _RELIGION),
                        education=_pick(rng, _EDUCATION),
                        professional=_pick(rng, _PROFESSIONAL),
                        theory=_pick(rng, _THEORY),
                        occupation=rng.choice(occupations),
                        admitted=admitted,
                        official=official if official <= last_date else None,
                        youth=age <= 30 and rng.random() < 0.85,
                        readmitted=rng.random() < 0.02,
                        branch=branch,
                        record_no=f"TL{year}{serial:04d}",
                    )
                )
    members.sort(key=lambda m: (m.admitted, m.branch, m.name))
    return members


CLEAN_HEADER = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Giáo dục phổ thông",
    "Chuyên môn nghiệp vụ",
    "Lý luận chính trị",
    "Nghề nghiệp",
    "Ngày kết nạp",
    "Ngày chính thức",
    "Đoàn viên",
    "Kết nạp lại",
    "Chi bộ",
    "Số lý lịch",
)


def clean_row(index: int, m: Member) -> list[object]:
    return [
        index,
        m.name,
        m.birth,
        "Nữ" if m.female else "Nam",
        m.ethnicity,
        m.religion,
        m.education,
        m.professional,
        m.theory,
        m.occupation,
        m.admitted,
        m.official,
        "x" if m.youth else "",
        "x" if m.readmitted else "",
        m.branch,
        m.record_no,
    ]


def write_clean_xlsx(members: list[Member], path: Path) -> None:
    """One sheet, one header row, real dates: what a tidy office keeps (with an org column
    "Đảng bộ cơ sở" when the members name their organizations)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Danh sách"
    with_org = any(m.org for m in members)
    ws.append([*CLEAN_HEADER, *(["Đảng bộ cơ sở"] if with_org else [])])
    for i, m in enumerate(members, start=1):
        ws.append([*clean_row(i, m), *([m.org] if with_org else [])])
    for col in ("C", "K", "L"):
        for cell in ws[col][1:]:
            cell.number_format = "dd/mm/yyyy"
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["O"].width = 28
    wb.save(path)


def write_tcvn3_xlsx(members: list[Member], path: Path) -> None:
    """The clean roster as an office that still types in the '.VnTime' font keeps it:
    every text in TCVN3 (ABC) bytes, the title in capitals, dates typed as dd/mm/yyyy."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from dvstat.legacy_text import encode

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "DS"
    with_org = any(m.org for m in members)
    ws.append([encode("DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP", "tcvn3")])
    ws.append(
        [encode(h, "tcvn3") for h in (*CLEAN_HEADER, *(["Đảng bộ cơ sở"] if with_org else []))]
    )
    for i, m in enumerate(members, start=1):
        row = [*clean_row(i, m), *([m.org] if with_org else [])]
        ws.append(
            [
                encode(v, "tcvn3")
                if isinstance(v, str)
                else (v.strftime("%d/%m/%Y") if isinstance(v, date) else v)
                for v in row
            ]
        )
    for line in ws.iter_rows():
        for cell in line:
            cell.font = Font(name=".VnTime")
    wb.save(path)


def write_clean_csv(members: list[Member], path: Path) -> None:
    """The clean roster as UTF-8 CSV with ';' (as Excel writes it on a Vietnamese desktop)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(CLEAN_HEADER)
        for i, m in enumerate(members, start=1):
            row = clean_row(i, m)
            writer.writerow(
                [
                    v.strftime("%d/%m/%Y") if isinstance(v, date) else ("" if v is None else v)
                    for v in row
                ]
            )


# Messy spellings: each clean value and what branches actually type for it.
_MESSY = {
    "Kinh": ("Kinh", "kinh", "Kinh (Việt)", "KINH"),
    "Tày": ("Tày", "tày", "TÀY"),
    "Nùng": ("Nùng", "nùng"),
    "Dao": ("Dao", "DAO"),
    "Mông": ("H'mông", "Hmông", "Mông", "HMông"),
    "Thái": ("Thái",),
    "Sán Chay": ("Cao Lan", "Sán Chay"),
    "Không": ("Không", "không", "Không có"),
    "Phật giáo": ("Phật giáo", "Đạo Phật"),
    "Công giáo": ("Công giáo", "Thiên Chúa giáo", "Thiên chúa"),
    "Tin Lành": ("Tin lành", "Đạo Tin Lành"),
    "12/12": ("12/12", "12/12 phổ thông", "THPT", "12/12 BTVH"),
    "9/12": ("9/12", "THCS"),
    "10/10": ("10/10",),
    "7/12": ("7/12",),
    "Đại học": ("ĐH", "Đại học", "Cử nhân Kinh tế", "Kỹ sư Nông nghiệp", "Đại học sư phạm"),
    "Cao đẳng": ("CĐ", "Cao đẳng"),
    "Trung cấp": ("TC", "Trung cấp", "Trung cấp Y", "THCN"),
    "Thạc sĩ": ("ThS", "Thạc sỹ", "Thạc sĩ Quản lý"),
    "Sơ cấp": ("Sơ cấp", "CNKT"),
    "Viên chức": ("Viên chức", "Giáo viên"),
    "Công an": ("Công an",),
    "Quân nhân": ("Quân nhân", "Bộ đội"),
    "Công nhân": ("Công nhân",),
    "Nhân viên": ("Nhân viên",),
    "Nông dân": ("Nông dân", "Làm ruộng"),
    "Tự do": ("Tự do", "Lao động tự do"),
    "Học sinh": ("Học sinh",),
    "Sinh viên": ("Sinh viên",),
    "Cán bộ xã": ("Cán bộ xã",),
    "Trưởng thôn": ("Trưởng thôn",),
}
_THEORY_MESSY = {
    "Không": ("Không", "Chưa qua đào tạo"),
    "Sơ cấp": ("Sơ cấp", "SC"),
    "Trung cấp": ("Trung cấp", "TC"),
}


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _messy_date(rng: random.Random, day: date) -> object:
    style = rng.randrange(4)
    if style == 0:
        return day
    if style == 1:
        return day.strftime("%d/%m/%Y")
    if style == 2:
        return day.strftime("%d.%m.%Y")
    return f"{day.day}/{day.month}/{day.year}"


def write_messy_xlsx(members: list[Member], path: Path, seed: int = 7) -> None:
    """The classic form, a sheet per branch, as branches send it in (see module docstring)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rng = random.Random(seed)
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = "Hướng dẫn"
    guide["A1"] = "Ghi ngày theo dạng ngày/tháng/năm. Mỗi chi bộ một sheet."
    by_branch: dict[str, list[Member]] = {}
    for m in members:
        by_branch.setdefault(m.branch, []).append(m)
    for branch, rows in by_branch.items():
        ws = wb.create_sheet(branch[:31])
        ws["A1"] = ORGANIZATION.upper()
        ws["A2"] = branch.upper()
        ws["H1"] = "ĐẢNG CỘNG SẢN VIỆT NAM"
        ws["A4"] = "DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP"
        ws.merge_cells("A4:L4")
        ws["A4"].font = Font(bold=True)
        ws["A4"].alignment = Alignment(horizontal="center")
        top = [
            "TT",
            "Họ và tên",
            "Ngày, tháng, năm sinh",
            None,
            "Dân tộc",
            "Tôn giáo",
            "Trình độ",
            None,
            None,
            "Nghề nghiệp",
            "Ngày kết nạp",
            "Đoàn viên",
            "Ghi chú",
        ]
        sub = [None, None, "Nam", "Nữ", None, None, "GDPT", "CMNV", "LLCT", None, None, None, None]
        ws.append([])
        ws.append(top)
        ws.append(sub)
        header_row = ws.max_row - 1
        ws.merge_cells(start_row=header_row, start_column=3, end_row=header_row, end_column=4)
        ws.merge_cells(start_row=header_row, start_column=7, end_row=header_row, end_column=9)
        for col in (1, 2, 5, 6, 10, 11, 12, 13):
            ws.merge_cells(
                start_row=header_row, start_column=col, end_row=header_row + 1, end_column=col
            )
        ws.append([f"({i})" for i in range(1, 14)])
        for i, m in enumerate(rows, start=1):
            birth = _messy_date(rng, m.birth)
            ws.append(
                [
                    i,
                    _nfd(m.name) if rng.random() < 0.5 else f" {m.name}  ",
                    None if m.female else birth,
                    birth if m.female else None,
                    _nfd(rng.choice(_MESSY[m.ethnicity])),
                    rng.choice(_MESSY[m.religion]),
                    rng.choice(_MESSY[m.education]),
                    rng.choice(_MESSY.get(m.professional, (m.professional,))),
                    rng.choice(_THEORY_MESSY[m.theory]),
                    rng.choice(_MESSY[m.occupation]),
                    _messy_date(rng, m.admitted),
                    "x" if m.youth else None,
                    "Kết nạp lại" if m.readmitted else None,
                ]
            )
        ws.append([])
        ws.append([None, f"Tổng cộng: {len(rows)} đồng chí"])
        ws.append([])
        ws.append(
            [None, None, None, None, None, None, None, None, "Tân Lập, ngày 05 tháng 01 năm 2027"]
        )
        ws.append([None, "NGƯỜI LẬP BIỂU", None, None, None, None, None, None, "T/M CHI ỦY"])
        ws.append([None, None, None, None, None, None, None, None, "BÍ THƯ"])
        ws.append([])
        ws.append([None, "Lê Thị Lập", None, None, None, None, None, None, "Hoàng Văn Bí"])
        ws.column_dimensions["B"].width = 26
    hidden = wb.create_sheet("Nháp")
    hidden.append(list(CLEAN_HEADER))
    hidden.append([1, "Không được đếm", date(1990, 1, 1)])
    hidden.sheet_state = "hidden"
    wb.save(path)


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def write_section_xlsx(members: list[Member], path: Path, seed: int = 3) -> None:
    """One sheet whose units are given by section rows, as many committees keep it: the
    table starts in column C under title rows, abbreviated headers ('DT', 'TG', 'NN',
    'Ngày vào Đảng (dự bị)') over a numbering row; 'I. ĐẢNG BỘ …' merged across the table
    for each organization, '1. Chi bộ …' for each branch with STT restarting at 1, a
    'Cộng' row after each branch (the count in the label or in the STT column) and after
    each organization, a 'Tổng cộng' and the signatures. Dates are real or typed."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tổng hợp"
    ws["C1"] = "ĐẢNG BỘ XÃ"
    ws["C3"] = "DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP"
    ws.append([])
    header = [
        "STT",
        "Họ và tên đảng viên",
        "Sinh ngày",
        "Giới",
        "DT",
        "TG",
        "GDPT",
        "CMNV",
        "LLCT",
        "NN",
        "Ngày vào Đảng (dự bị)",
        "Ngày chuyển chính thức",
        "Đoàn viên",
        "Kết nạp lại",
        "Số CCCD",
    ]
    ws.append([None, None, *header])
    ws.append([None, None, *(f"({i})" for i in range(1, len(header) + 1))])
    last = 2 + len(header)
    by_org: dict[str, dict[str, list[Member]]] = {}
    for m in members:
        by_org.setdefault(m.org or ORGANIZATION, {}).setdefault(m.branch, []).append(m)
    for number, (org, branches) in enumerate(by_org.items()):
        ws.append([None, None, f"{_ROMAN[number]}. {org.upper()}"])
        ws.merge_cells(start_row=ws.max_row, start_column=3, end_row=ws.max_row, end_column=last)
        ws.cell(ws.max_row, 3).font = Font(bold=True)
        for branch_number, (branch, rows) in enumerate(branches.items(), start=1):
            ws.append([None, None, f"{branch_number}. {branch}"])
            for i, m in enumerate(rows, start=1):
                ws.append(
                    [
                        None,
                        None,
                        i,
                        m.name,
                        _messy_date(rng, m.birth),
                        "Nữ" if m.female else "Nam",
                        m.ethnicity,
                        m.religion,
                        m.education,
                        m.professional,
                        m.theory,
                        m.occupation,
                        _messy_date(rng, m.admitted),
                        m.official,
                        "x" if m.youth else None,
                        "x" if m.readmitted else None,
                        f"0{rng.randint(10**10, 10**11 - 1)}",
                    ]
                )
            if branch_number % 2:
                ws.append([None, None, f"Cộng: {len(rows)}"])
            else:
                ws.append([None, None, len(rows), "Cộng"])
        ws.append([None, None, f"Cộng {org}: {sum(len(r) for r in branches.values())}"])
    ws.append([None, None, f"Tổng cộng: {len(members)} đồng chí"])
    ws.append([None, None, None, "NGƯỜI LẬP BIỂU", None, None, None, None, "T/M ĐẢNG ỦY"])
    ws.append([None, None, None, "Lê Thị Lập", None, None, None, None, "Hoàng Văn Bí"])
    wb.save(path)


_MARKS = ("x", "X", "✓", "1", "Nữ")


def write_mark_xlsx(members: list[Member], path: Path, seed: int = 4) -> None:
    """The classic form without a gender column: a lone "Nữ" column marked x, X, ✓, 1 or
    'Nữ' for women and empty for men, and only the year of birth ("Năm sinh")."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "DS"
    ws.append(["DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP"])
    ws.append([])
    ws.append(
        [
            "TT",
            "Họ và tên",
            "Năm sinh",
            "Nữ",
            "Dân tộc",
            "Tôn giáo",
            "Trình độ văn hóa",
            "Trình độ chuyên môn",
            "Lý luận chính trị",
            "Nghề nghiệp",
            "Ngày kết nạp",
            "Ngày chính thức",
            "Đoàn viên",
            "Kết nạp lại",
            "Chi bộ",
            "Đảng bộ cơ sở",
        ]
    )
    for i, m in enumerate(members, start=1):
        ws.append(
            [
                i,
                m.name,
                m.birth.year,
                rng.choice(_MARKS) if m.female else None,
                m.ethnicity,
                m.religion,
                m.education,
                m.professional,
                m.theory,
                m.occupation,
                m.admitted,
                m.official,
                "x" if m.youth else None,
                "x" if m.readmitted else None,
                m.branch,
                m.org or None,
            ]
        )
    wb.save(path)


# Header wordings offices use for each clean column (the folder writer picks one per file).
_WORDINGS = {
    "Họ và tên": ("Họ và tên", "Họ tên", "Họ và tên đảng viên", "HỌ VÀ TÊN"),
    "Ngày sinh": ("Ngày sinh", "Ngày tháng năm sinh", "Sinh ngày", "Ngày, tháng, năm sinh"),
    "Giới tính": ("Giới tính", "Giới", "Nam/Nữ", "Phái"),
    "Dân tộc": ("Dân tộc", "DT", "Dân  tộc"),
    "Tôn giáo": ("Tôn giáo", "TG", "Tôn Giáo"),
    "Giáo dục phổ thông": (
        "Giáo dục phổ thông",
        "GDPT",
        "Trình độ văn hóa",
        "Văn hóa",
        "Trình độ học vấn",
    ),
    "Chuyên môn nghiệp vụ": ("Chuyên môn nghiệp vụ", "CMNV", "Trình độ chuyên môn"),
    "Lý luận chính trị": ("Lý luận chính trị", "LLCT", "Trình độ LLCT"),
    "Nghề nghiệp": ("Nghề nghiệp", "NN", "Nghề nghiệp hiện nay"),
    "Ngày kết nạp": ("Ngày kết nạp", "Ngày vào Đảng", "Ngày kết nạp Đảng", "Ngày vào Đảng (dự bị)"),
    "Ngày chính thức": ("Ngày chính thức", "Ngày chuyển chính thức", "Ngày công nhận chính thức"),
    "Đoàn viên": ("Đoàn viên", "Là đoàn viên"),
    "Kết nạp lại": ("Kết nạp lại",),
    "Chi bộ": ("Chi bộ", "Chi bộ đang sinh hoạt", "Tên chi bộ", "Sinh hoạt tại chi bộ"),
    "Số lý lịch": ("Số lý lịch", "Số LL"),
}


def write_varied_folder(
    members: list[Member], folder: Path, files: int = 48, seed: int = 6
) -> list[Path]:
    """The members spread over ``files`` workbooks, each worded and ordered its own way:
    header words from ``_WORDINGS``, columns shuffled, 0–3 title rows, dates as real
    dates in some files and typed text (dd/mm/yyyy, dd.mm.yyyy, d/m/yyyy) in others."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(files):
        part = members[number::files]
        order = list(range(len(CLEAN_HEADER)))
        rng.shuffle(order)
        typed = number % 2 == 1
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = rng.choice(("Sheet1", "Danh sách", "DS"))
        for title in range(rng.randint(0, 3)):
            ws.append([f"Báo cáo số {number + 1}" if title == 0 else None])
        ws.append([rng.choice(_WORDINGS.get(CLEAN_HEADER[i], (CLEAN_HEADER[i],))) for i in order])
        for i, m in enumerate(part, start=1):
            row = clean_row(i, m)
            values = [_messy_date(rng, v) if typed and isinstance(v, date) else v for v in row]
            ws.append([values[i] for i in order])
        path = folder / f"bao-cao-{number + 1:02d}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


MEMBER_HEADER = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Trình độ văn hóa",
    "Trình độ chuyên môn",
    "Lý luận chính trị",
    "Ngày vào Đảng",
    "Ngày chính thức",
    "Chi bộ",
    "Trạng thái",
    "Ngày ra khỏi danh sách",
    "Lý do",
    "Ngày chuyển đến",
)
_LEAVING = (("Từ trần", ""), ("", "Chuyển sinh hoạt đi"), ("Xóa tên", ""), ("Xin ra khỏi Đảng", ""))


def write_membership_xlsx(path: Path, seed: int = 12) -> None:
    """The whole membership of the sample commune (danh sách đảng viên): members admitted
    from 1968 on in every branch, the new members of ``make_members``, and those who died,
    moved away or were removed, with dates (three without, as lists often have), and a few
    who moved in from elsewhere."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Đảng viên"
    ws.append([f"DANH SÁCH ĐẢNG VIÊN — {ORGANIZATION.upper()}"])
    ws.append([])
    ws.append(list(MEMBER_HEADER))
    number = 0

    def add(
        m: Member,
        status: str = "Đang sinh hoạt",
        left: date | None = None,
        reason: str = "",
        moved_in: date | None = None,
    ) -> None:
        nonlocal number
        number += 1
        ws.append(
            [
                number,
                m.name,
                m.birth,
                "Nữ" if m.female else "Nam",
                m.ethnicity,
                m.religion,
                m.education,
                m.professional,
                m.theory,
                m.admitted,
                m.official,
                m.branch,
                status,
                left,
                reason or None,
                moved_in,
            ]
        )

    older = make_members(seed=seed, years=tuple(range(1968, 2024, 2)), last_date=LAST_DATE)
    for m in older:
        official = month_later(m.admitted, 12)
        m = Member(
            **{
                **m.__dict__,
                "official": official,
                "name": f"{m.name} {m.record_no[-3:]}",
                "record_no": "Đ" + m.record_no,
            }
        )
        draw = rng.random()
        if draw < 0.05:
            status, reason = _LEAVING[rng.randrange(len(_LEAVING))]
            day = date(
                rng.randint(max(m.admitted.year + 1, 2015), 2026),
                rng.randint(1, 10),
                rng.randint(1, 28),
            )
            add(m, status or "", day if draw > 0.004 else None, reason)
        elif draw < 0.07:
            add(
                m,
                moved_in=date(
                    rng.randint(max(m.admitted.year + 1, 2018), 2026), rng.randint(1, 10), 1
                ),
            )
        else:
            add(m)
    for m in make_members():
        add(m)
    for col in ("C", "J", "K", "N", "P"):
        for cell in ws[col][3:]:
            cell.number_format = "dd/mm/yyyy"
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["L"].width = 28
    wb.save(path)


CANDIDATE_HEADER = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Trình độ văn hóa",
    "Nghề nghiệp / đối tượng",
    "Đoàn viên",
    "Chi bộ",
    "Ngày đưa vào danh sách",
    "Ngày chi bộ công nhận cảm tình Đảng",
    "Đảng viên giúp đỡ",
    "Ngày cấp giấy chứng nhận",
    "Số giấy chứng nhận",
    "Ngày làm hồ sơ",
    "Ngày dự kiến kết nạp",
    "Ngày kết nạp",
    "Ghi chú",
)
# Branches whose candidates are all admitted already ("không còn nguồn").
_NO_SOURCE = ("Chi bộ Quân sự xã",)


def write_candidates_xlsx(path: Path, seed: int = 15) -> None:
    """The sample commune's candidate list (danh sách quần chúng ưu tú): this year's new
    members of ``make_members`` with the dates that led to their admission (no admission
    date: the admission roster gives it; two left out, as lists often miss some), and the
    candidates still waiting at every stage, a few taken off the list, one too young, one
    certificate past its five years."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Nguồn"
    ws.append([f"DANH SÁCH QUẦN CHÚNG ƯU TÚ — {ORGANIZATION.upper()}"])
    ws.append([])
    ws.append(list(CANDIDATE_HEADER))
    rows: list[list[object]] = []
    admitted = [m for m in make_members() if m.admitted.year == LAST_DATE.year]
    for m in admitted[2:]:
        rows.append(
            [
                m.name,
                m.birth,
                "Nữ" if m.female else "Nam",
                m.ethnicity,
                m.religion,
                m.education,
                m.occupation,
                "x" if m.youth else None,
                m.branch,
                month_later(m.admitted, -30),
                month_later(m.admitted, -18),
                None,
                month_later(m.admitted, -10),
                f"GCN-{m.record_no[-4:]}",
                month_later(m.admitted, -3),
                None,
                None,
                "Đã kết nạp",
            ]
        )
    helpers = make_members(seed=seed + 1, years=(2015, 2016))
    for number, branch in enumerate(BRANCHES):
        if branch in _NO_SOURCE:
            continue
        waiting = make_members(
            seed=seed * 10 + number,
            years=(LAST_DATE.year + 1,),
            last_date=date(LAST_DATE.year + 1, 12, 31),
        )
        for m in [m for m in waiting if m.branch == branch][: rng.randint(3, 8)]:
            stage = rng.choice((0, 1, 1, 2, 2, 2, 3))
            listed = date(rng.randint(2023, LAST_DATE.year), rng.randint(1, 10), rng.randint(1, 28))
            sympathizer = month_later(listed, rng.randint(3, 9)) if stage >= 1 else None
            classed = month_later(listed, rng.randint(10, 14)) if stage >= 2 else None
            dossier = month_later(listed, rng.randint(15, 20)) if stage >= 3 else None
            dates = [
                d if d is None or d <= LAST_DATE else None for d in (sympathizer, classed, dossier)
            ]
            helper = rng.choice(helpers).name if stage >= 1 else None
            rows.append(
                [
                    m.name,
                    m.birth,
                    "Nữ" if m.female else "Nam",
                    m.ethnicity,
                    m.religion,
                    m.education,
                    m.occupation,
                    "x" if m.youth else None,
                    branch,
                    listed,
                    dates[0],
                    helper,
                    dates[1],
                    f"GCN-{rng.randint(100, 999)}" if dates[1] else None,
                    dates[2],
                    m.admitted if stage >= 2 else None,
                    None,
                    None,
                ]
            )
    first = BRANCHES[0]
    rows.append(
        [
            "Hoàng Văn Cũ",
            date(1990, 5, 2),
            "Nam",
            "Tày",
            "Không",
            "12/12",
            "Nông dân",
            None,
            first,
            date(2019, 3, 1),
            date(2019, 9, 1),
            None,
            date(2020, 6, 15),
            "GCN-101",
            None,
            None,
            None,
            "Đang theo dõi",
        ]
    )
    rows.append(
        [
            "Lò Thị Nhỏ",
            date(LAST_DATE.year - 17, 12, 20),
            "Nữ",
            "Thái",
            "Không",
            "11/12",
            "Học sinh",
            "x",
            BRANCHES[2],
            date(LAST_DATE.year, 3, 1),
            None,
            None,
            None,
            None,
            None,
            date(LAST_DATE.year + 1, 6, 1),
            None,
            None,
        ]
    )
    rows.append(
        [
            "Ma Văn Xa",
            date(1996, 8, 8),
            "Nam",
            "Nùng",
            "Không",
            "12/12",
            "Tự do",
            None,
            BRANCHES[1],
            date(2024, 2, 1),
            date(2024, 8, 1),
            None,
            None,
            None,
            None,
            None,
            None,
            "Đi làm ăn xa",
        ]
    )
    for number, row in enumerate(rows, start=1):
        ws.append([number, *row])
    for col in ("C", "K", "L", "N", "P", "Q", "R"):
        for cell in ws[col][3:]:
            cell.number_format = "dd/mm/yyyy"
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["J"].width = 28
    wb.save(path)


def write_plan_csv(path: Path, seed: int = 11) -> None:
    """Yearly targets per branch, a whole-scope row per year, and the 2025-2030 term row."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Đơn vị", "Năm", "Chỉ tiêu"])
        for year in YEARS:
            for branch in BRANCHES:
                writer.writerow([branch, year, rng.randint(6, 10)])
        writer.writerow(["Chi bộ thôn Khuổi Mỵ", 2026, 3])
        writer.writerow(["Tổng cộng", 2026, "60-70"])
        writer.writerow(["Toàn đảng bộ", "2025-2030", 320])


# The commune that merged into Tân Lập on 1/7/2025 (Quy định 294-QĐ/TW): its branch became
# Tân Lập's 'Chi bộ thôn Khuổi Mỵ' (which the 2026 plan names). Its admissions before the
# merger, written with its old names.
MERGED_ON = date(2025, 7, 1)
KHUOI_MY = (
    ("Lý Văn Pao", date(1996, 4, 2), "Nam", "Dao", date(2024, 5, 10)),
    ("Bàn Thị Mẩy", date(1999, 8, 15), "Nữ", "Dao", date(2024, 9, 2)),
    ("Hoàng Văn Sình", date(1994, 1, 20), "Nam", "Tày", date(2025, 2, 3)),
    ("Triệu Thị Dua", date(2000, 11, 11), "Nữ", "Dao", date(2025, 3, 26)),
    ("Nông Văn Thào", date(1993, 6, 6), "Nam", "Nùng", date(2025, 6, 20)),
)


def write_merged_commune_xlsx(path: Path) -> None:
    """Khuổi Mỵ's admissions of 2024 and 2025 up to the merger, under its old names."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Khuổi Mỵ"
    ws.append(["DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP (TRƯỚC SÁP NHẬP)"])
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo",
               "Trình độ văn hóa", "Ngày kết nạp", "Ngày chính thức", "Chi bộ",
               "Đảng bộ cơ sở"])  # fmt: skip
    for number, (name, birth, gender, ethnic, admitted) in enumerate(KHUOI_MY, start=1):
        official = admitted.replace(year=admitted.year + 1)  # probation: 12 months
        ws.append([number, name, birth, gender, ethnic, "Không", "12/12", admitted, official,
                   "Chi bộ bản Khuổi Mỵ", "Đảng bộ xã Khuổi Mỵ"])  # fmt: skip
    for row in ws.iter_rows(min_row=3):
        for cell in (row[2], row[7], row[8]):
            cell.number_format = "dd/mm/yyyy"
    wb.save(path)


def write_register_csv(path: Path) -> None:
    """The commune's unit register with the merger of 1/7/2025: Khuổi Mỵ's committee and
    branch end on 30/06/2025 and go into Tân Lập and its new 'Chi bộ thôn Khuổi Mỵ'."""
    end = (MERGED_ON - timedelta(days=1)).strftime("%d/%m/%Y")
    start = MERGED_ON.strftime("%d/%m/%Y")
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Mã", "Tên đơn vị", "Loại", "Trực thuộc", "Từ ngày", "Đến ngày",
                         "Tên cũ", "Hợp nhất vào"])  # fmt: skip
        writer.writerow(["TL", ORGANIZATION, "Đảng bộ cơ sở", "", "", "", "", ""])
        for number, branch in enumerate(BRANCHES, start=1):
            writer.writerow([f"TL{number}", branch, "Chi bộ", "TL", "", "", "", ""])
        writer.writerow(["TL9", "Chi bộ thôn Khuổi Mỵ", "Chi bộ", "TL", start, "", "", ""])
        writer.writerow(["KM", "Đảng bộ xã Khuổi Mỵ", "Đảng bộ cơ sở", "", "", end, "", "TL"])
        writer.writerow(["KM1", "Chi bộ bản Khuổi Mỵ", "Chi bộ", "KM", "", end, "", "TL9"])


def write_error_roster(path: Path) -> None:
    """A small CSV where every row shows one kind of problem the validator reports."""
    rows = [
        [
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Dân tộc",
            "Tôn giáo",
            "Trình độ văn hóa",
            "Ngày kết nạp",
            "Chi bộ",
        ],
        [
            "Trần Văn Đúng",
            "12/03/1995",
            "Nam",
            "Kinh",
            "Không",
            "12/12",
            "15/05/2026",
            "Chi bộ thôn Đồng Tâm",
        ],
        [
            "Vi Thị Ede",
            "03/04/1998",
            "Nữ",
            "Ede Ede",
            "Không",
            "12/12",
            "02/06/2026",
            "Chi bộ thôn Nà Sài",
        ],
        [
            "Lò Văn Trẻ",
            "10/10/2008",
            "Nam",
            "Thái",
            "Không",
            "12/12",
            "01/03/2026",
            "Chi bộ thôn Bản Pình",
        ],
        [
            "Hà Văn Cao",
            "01/01/1960",
            "Nam",
            "Tày",
            "Đạo Mẫu",
            "7/10",
            "20/07/2026",
            "Chi bộ thôn Bản Pình",
        ],
        [
            "Nông Thị Ngày",
            "31/02/1996",
            "Nữ",
            "Nùng",
            "Phật giáo",
            "12/12",
            "2026-13-01",
            "Chi bộ thôn Nà Sài",
        ],
        [
            "Đặng Văn Sớm",
            "05/05/1999",
            "Nam",
            "Dao",
            "Không",
            "12/12",
            "05/05/1990",
            "Chi bộ thôn Đồng Tâm",
        ],
        [
            "Trần Văn Đúng",
            "12/03/1995",
            "Nam",
            "Kinh",
            "Không",
            "12/12",
            "15/05/2026",
            "Chi bộ thôn Đồng Tâm",
        ],
        [
            "Bế Thị Hậu",
            "12/12/1997",
            "Nữ",
            "Tày",
            "Không",
            "12/12",
            "01/09/2031",
            "Chi bộ thôn Đồng Tâm",
        ],
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def write_sample_data(folder: Path) -> list[Path]:
    """Everything in ``sample_data/``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    members = make_members()
    paths = {
        "clean": folder / "dang-bo-xa-tan-lap-2024-2026.xlsx",
        "messy": folder / "messy" / "dang-bo-xa-tan-lap-mau-cu.xlsx",
        "sections": folder / "messy" / "dang-bo-xa-tan-lap-theo-muc.xlsx",
        "membership": folder / "dang-vien" / "dang-bo-xa-tan-lap-dang-vien.xlsx",
        "candidates": folder / "nguon" / "dang-bo-xa-tan-lap-quan-chung-uu-tu.xlsx",
        "marks": folder / "messy" / "dang-bo-xa-tan-lap-cot-nu.xlsx",
        "tcvn3": folder / "messy" / "dang-bo-xa-tan-lap-tcvn3.xlsx",
        "plan": folder / "chi-tieu-ket-nap.csv",
        "errors": folder / "errors" / "danh-sach-co-loi.csv",
    }
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    write_clean_xlsx(members, paths["clean"])
    write_messy_xlsx(members, paths["messy"])
    write_section_xlsx(members, paths["sections"])
    write_membership_xlsx(paths["membership"])
    write_candidates_xlsx(paths["candidates"])
    write_mark_xlsx(members, paths["marks"])
    write_tcvn3_xlsx(members, paths["tcvn3"])
    write_plan_csv(paths["plan"])
    write_error_roster(paths["errors"])
    return list(paths.values())
