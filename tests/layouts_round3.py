"""The same twelve new members written the ways committee offices still write them (issue
round 3): legacy fonts, typed dates, two-digit years, Unicode text exports, numbered
sections, sheets and files named by abbreviations. Counts set here by hand:

- 12 members admitted in 2025: 7 men, 5 women; Kinh 8, Tày 2, Nùng 1, Mông 1 (4 minority);
  Phật giáo 1, Công giáo 1 (2 religious);
- grassroots units: Đảng bộ xã Tân Lập (Chi bộ thôn 1: 4, Chi bộ thôn 2: 3, Chi bộ thôn 3: 3)
  and Chi bộ cơ quan số 3 (a grassroots branch: 2).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from dvstat.legacy_text import encode

ORG = "Đảng bộ xã Tân Lập"
OFFICE = "Chi bộ cơ quan số 3"
# name, birth, gender, ethnicity, religion, education, admitted, branch (None: the office)
MEMBERS: list[tuple[str, date, str, str, str, str, date, str | None]] = [
    (
        "Nguyễn Văn An",
        date(1995, 2, 1),
        "Nam",
        "Kinh",
        "Không",
        "12/12",
        date(2025, 3, 5),
        "Chi bộ thôn 1",
    ),
    (
        "Trần Thị Bình",
        date(1998, 7, 12),
        "Nữ",
        "Tày",
        "Không",
        "12/12",
        date(2025, 4, 10),
        "Chi bộ thôn 1",
    ),
    (
        "Lê Văn Cường",
        date(1990, 11, 30),
        "Nam",
        "Kinh",
        "Phật giáo",
        "9/12",
        date(2025, 5, 19),
        "Chi bộ thôn 1",
    ),
    (
        "Phạm Thị Dung",
        date(2000, 1, 1),
        "Nữ",
        "Kinh",
        "Không",
        "12/12",
        date(2025, 6, 2),
        "Chi bộ thôn 1",
    ),
    (
        "Hoàng Văn Em",
        date(1988, 3, 15),
        "Nam",
        "Nùng",
        "Không",
        "12/12",
        date(2025, 7, 7),
        "Chi bộ thôn 2",
    ),
    (
        "Vũ Thị Giang",
        date(1997, 9, 9),
        "Nữ",
        "Kinh",
        "Công giáo",
        "12/12",
        date(2025, 8, 19),
        "Chi bộ thôn 2",
    ),
    (
        "Đỗ Văn Hải",
        date(1993, 5, 20),
        "Nam",
        "Mông",
        "Không",
        "9/12",
        date(2025, 9, 2),
        "Chi bộ thôn 2",
    ),
    (
        "Bùi Văn Khoa",
        date(1999, 12, 31),
        "Nam",
        "Kinh",
        "Không",
        "12/12",
        date(2025, 10, 10),
        "Chi bộ thôn 3",
    ),
    (
        "Ngô Thị Lan",
        date(1996, 4, 4),
        "Nữ",
        "Tày",
        "Không",
        "12/12",
        date(2025, 11, 7),
        "Chi bộ thôn 3",
    ),
    (
        "Đặng Văn Minh",
        date(1992, 6, 6),
        "Nam",
        "Kinh",
        "Không",
        "12/12",
        date(2025, 12, 1),
        "Chi bộ thôn 3",
    ),
    ("Lý Văn Nam", date(1991, 8, 8), "Nam", "Kinh", "Không", "12/12", date(2025, 2, 3), None),
    ("Mai Thị Oanh", date(1994, 10, 20), "Nữ", "Kinh", "Không", "12/12", date(2025, 1, 15), None),
]
COLUMNS = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Trình độ văn hóa",
    "Ngày kết nạp",
    "Chi bộ",
    "Đảng bộ cơ sở",
]


def dmy(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def rows(dates: Any = dmy) -> list[list[Any]]:
    """Every member as a row of COLUMNS; ``dates`` writes a date cell."""
    found = []
    for number, (name, birth, gender, ethnic, religion, edu, admitted, branch) in enumerate(
        MEMBERS, start=1
    ):
        org = ORG if branch else OFFICE
        found.append(
            [number, name, dates(birth), gender, ethnic, religion, edu, dates(admitted),
             branch or "", org]
        )  # fmt: skip
    return found


def clean_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(COLUMNS)
    for row in rows():
        ws.append(row)
    wb.save(path)
    return path


def legacy_xlsx(path: Path, encoding: str, font: str | None) -> Path:
    """Every text cell as ``encoding`` writes it, the title in capitals, in ``font``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([encode("DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP NĂM 2025", encoding)])
    ws.append([encode(c, encoding) for c in COLUMNS])
    for row in rows():
        ws.append([encode(v, encoding) if isinstance(v, str) else v for v in row])
    if font:
        for line in ws.iter_rows():
            for cell in line:
                cell.font = Font(name=font)
    wb.save(path)
    return path


def text_export(path: Path, codec: str, delimiter: str) -> Path:
    """What Excel writes for 'Unicode Text' (UTF-16 with a BOM, tabs) and its cousins."""
    with path.open("w", encoding=codec, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(COLUMNS)
        writer.writerows(rows())
    return path


def typed_dates_xlsx(path: Path) -> Path:
    """Dates typed as text in every form clerks type, two-digit years among them."""
    forms = [
        lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
        lambda d: f"{d.day}/{d.month}/{d.year}",
        lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
        lambda d: f"{d.day}-{d.month}-{d.year}",
        lambda d: f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}",
        lambda d: f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
    ]
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(COLUMNS)
    for i, row in enumerate(rows(lambda d: d)):
        form = forms[i % len(forms)]
        row[2], row[7] = form(row[2]), form(row[7])
        ws.append(row)
    wb.save(path)
    return path


def sections_xlsx(path: Path) -> Path:
    """Group rows, numbered organizations, 'k.j.' branches, STT restarting, 'Cộng' per
    organization, 'Cộng khối' per group and 'Tổng cộng': no unit column."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP NĂM 2025"])
    ws.append(COLUMNS[:8])
    by_branch: dict[str | None, list[list[Any]]] = {}
    for row in rows():
        by_branch.setdefault(row[8] or None, []).append(row[:8])
    ws.append(["A. KHỐI XÃ, THỊ TRẤN"])
    ws.append(["1. " + ORG])
    for j, branch in enumerate(("Chi bộ thôn 1", "Chi bộ thôn 2", "Chi bộ thôn 3"), start=1):
        ws.append([f"1.{j}. {branch}"])
        for number, row in enumerate(by_branch[branch], start=1):
            ws.append([number, *row[1:]])
    ws.append(["Cộng", "10 đồng chí"])
    ws.append(["Cộng khối", "10"])
    ws.append(["B. KHỐI CƠ QUAN"])
    ws.append(["2. " + OFFICE])
    for number, row in enumerate(by_branch[None], start=1):
        ws.append([number, *row[1:]])
    ws.append(["Cộng", "2"])
    ws.append(["Cộng khối", "2"])
    ws.append(["Tổng cộng", "12"])
    wb.save(path)
    return path


def write_rows(ws: Any, header: Sequence[str], body: Sequence[Sequence[Any]]) -> None:
    ws.append(list(header))
    for row in body:
        ws.append(list(row))


def official_xls(path: Path) -> Path:
    """The official form as an old .xls: title rows, 'Ngày tháng năm sinh' over 'Nam' /
    'Nữ' (the birth date under the gender), a 'Tổng cộng' row with the Nam / Nữ counts,
    a note stating the count, the place-and-date line over the admission-date column and
    the signature to the right. Units in a column."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("DS ket nap")
    ws.write(0, 0, "ĐẢNG BỘ HUYỆN BẢO THẮNG")
    ws.write(0, 6, "ĐẢNG CỘNG SẢN VIỆT NAM")
    ws.write(1, 0, "ĐẢNG ỦY XÃ TÂN LẬP")
    ws.write(3, 0, "DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP NĂM 2025")
    top = ["STT", "Họ và tên", "Ngày tháng năm sinh", "", "Dân tộc", "Tôn giáo",
           "Trình độ văn hóa", "Ngày kết nạp", "Chi bộ", "Đảng bộ cơ sở"]  # fmt: skip
    sub = ["", "", "Nam", "Nữ", "", "", "", "", "", ""]
    for c, text in enumerate(top):
        ws.write(5, c, text)
    for c, text in enumerate(sub):
        ws.write(6, c, text)
    r = 7
    for number, name, birth, gender, ethnic, religion, edu, admitted, branch, org in rows():
        cells = [number, name, birth if gender == "Nam" else "", birth if gender == "Nữ" else "",
                 ethnic, religion, edu, admitted, branch, org]  # fmt: skip
        for c, value in enumerate(cells):
            ws.write(r, c, value)
        r += 1
    ws.write(r, 1, "Tổng cộng")
    ws.write(r, 2, 7)
    ws.write(r, 3, 5)
    r += 2
    ws.write(r, 0, "Danh sách có 12 đồng chí.")
    r += 1
    ws.write(r, 7, "Tân Lập, ngày 15 tháng 01 năm 2026")
    r += 1
    ws.write(r, 1, "Người lập biểu")
    ws.write(r, 7, "T/M ĐẢNG ỦY")
    r += 1
    ws.write(r, 7, "BÍ THƯ")
    r += 3
    ws.write(r, 1, "Nguyễn Thị Hoa")
    ws.write(r, 7, "Trần Văn Tuấn")
    book.save(str(path))
    return path


SHEET_NAMES = {ORG: None, OFFICE: "CB CQ so 3"}
BRANCH_SHEETS = {
    "Chi bộ thôn 1": "CB thon 1",
    "Chi bộ thôn 2": "CB thon 2",
    "Chi bộ thôn 3": "CB thon 3",
}


def sheets_per_unit_xlsx(path: Path) -> Path:
    """A first sheet 'Tổng hợp' holding only counts, then one sheet per grassroots
    organization named as offices abbreviate it, no cell naming a unit."""
    from openpyxl import Workbook

    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Tổng hợp"
    summary.append(["TỔNG HỢP SỐ LIỆU"])
    summary.append(["Đơn vị", "Số lượng"])
    summary.append(["Đảng bộ xã Tân Lập", 10])
    summary.append(["Chi bộ cơ quan số 3", 2])
    groups = {"DB xa Tan Lap": [r for r in rows() if r[9] == ORG],
              "CB CQ so 3": [r for r in rows() if r[9] == OFFICE]}  # fmt: skip
    for name, members in groups.items():
        ws = wb.create_sheet(name)
        ws.append(COLUMNS[:8])
        for row in members:
            ws.append(row[:8])
    wb.save(path)
    return path


def files_per_unit(folder: Path) -> Path:
    """A folder of one file per organization: the title row names it, the file name
    abbreviates it; the commune's file has one sheet per branch ('CB thon 1')."""
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    commune = Workbook()
    first = True
    for branch, sheet_name in BRANCH_SHEETS.items():
        ws = commune.active if first else commune.create_sheet()
        assert ws is not None
        first = False
        ws.title = sheet_name
        ws.append(["ĐẢNG BỘ HUYỆN BẢO THẮNG"])
        ws.append(["ĐẢNG ỦY ĐẢNG BỘ XÃ TÂN LẬP"])
        ws.append(["DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP NĂM 2025"])
        ws.append(COLUMNS[:8])
        for row in rows():
            if row[8] == branch:
                ws.append(row[:8])
    commune.save(folder / "01 DB xa Tan Lap.xlsx")
    office = Workbook()
    ws = office.active
    assert ws is not None
    ws.append(["CHI BỘ CƠ QUAN SỐ 3"])
    ws.append(["DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP NĂM 2025"])
    ws.append(COLUMNS[:8])
    for row in rows():
        if row[9] == OFFICE:
            ws.append(row[:8])
    office.save(folder / "02 CB co quan 3.xlsx")
    return folder
