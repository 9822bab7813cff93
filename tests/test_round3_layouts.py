"""Every layout of tests/layouts_round3.py gives the figures of the same twelve members in
the clean layout, written here by hand: 12 admitted in 2025, 5 women, 4 from ethnic
minorities, 2 religious; Đảng bộ xã Tân Lập 10 (Chi bộ thôn 1: 4, thôn 2: 3, thôn 3: 3) and
Chi bộ cơ quan số 3 2; no error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import dvstat
import layouts_round3 as layouts
from dvstat.legacy_text import decode, detect, encode, tables

AS_OF = date(2026, 12, 4)
HIGHLIGHTS = {"total": 12, "female": 5, "minority": 4, "religious": 2}
ETHNICITY = {"kinh": 8, "tay": 2, "nung": 1, "mong": 1}
ORGS = {"Chi bộ cơ quan số 3": 2, "Đảng bộ xã Tân Lập": 10}
BRANCHES = {"Chi bộ cơ quan số 3": 2, "Chi bộ thôn 1": 4, "Chi bộ thôn 2": 3, "Chi bộ thôn 3": 3}


def figures(path: Path, by: str = "org") -> tuple[dict[str, Any], dict[str, int], list[str]]:
    report = dvstat.summarize(str(path), year=2025, by=by, as_of=AS_OF).to_dict()
    highlights = {k: report["highlights"][k]["count"] for k in HIGHLIGHTS}
    ethnic = {r["code"]: r["count"] for r in report["breakdowns"]["ethnicity"] if r["count"]}
    units = {u["label"]: u["total"] for u in report["units"]}
    errors = [i["code"] for i in report["issues"]["items"] if i["severity"] == "error"]
    assert report["rows"]["counted"] == 12
    return (
        {"highlights": highlights, "ethnicity": ethnic, "errors": errors},
        units,
        [i["code"] for i in report["issues"]["items"]],
    )


LAYOUTS: dict[str, Callable[[Path], Path]] = {
    "clean": lambda d: layouts.clean_xlsx(d / "clean.xlsx"),
    "tcvn3 with .VnTime": lambda d: layouts.legacy_xlsx(d / "tcvn3.xlsx", "tcvn3", ".VnTime"),
    "tcvn3 without a font": lambda d: layouts.legacy_xlsx(d / "abc.xlsx", "tcvn3", None),
    "vni with VNI-Times": lambda d: layouts.legacy_xlsx(d / "vni.xlsx", "vni", "VNI-Times"),
    "vni without a font": lambda d: layouts.legacy_xlsx(d / "vni2.xlsx", "vni", None),
    "unicode text export": lambda d: layouts.text_export(d / "ds.txt", "utf-16", "\t"),
    "utf-16 csv": lambda d: layouts.text_export(d / "ds.csv", "utf-16", "\t"),
    "tsv": lambda d: layouts.text_export(d / "ds.tsv", "utf-8", "\t"),
    "utf-8 bom ;": lambda d: layouts.text_export(d / "ds2.csv", "utf-8-sig", ";"),
    "typed dates": lambda d: layouts.typed_dates_xlsx(d / "dates.xlsx"),
    "official xls": lambda d: layouts.official_xls(d / "form.xls"),
    "numbered sections": lambda d: layouts.sections_xlsx(d / "sections.xlsx"),
    "files per unit": lambda d: layouts.files_per_unit(d / "folder"),
}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_each_layout_gives_the_clean_figures(tmp_path: Path, name: str) -> None:
    found, orgs, _ = figures(LAYOUTS[name](tmp_path))
    assert found == {"highlights": HIGHLIGHTS, "ethnicity": ETHNICITY, "errors": []}
    assert orgs == ORGS


@pytest.mark.parametrize(
    "name",
    ["clean", "tcvn3 with .VnTime", "vni without a font", "official xls", "numbered sections"],
)
def test_branches_of_layouts_with_full_names(tmp_path: Path, name: str) -> None:
    _, branches, _ = figures(LAYOUTS[name](tmp_path), by="branch")
    assert branches == BRANCHES


def test_sheets_named_by_abbreviations(tmp_path: Path) -> None:
    # sheet 'DB xa Tan Lap' (accents lost in the sheet name) and 'CB CQ so 3'; 'Tổng hợp'
    # holds counts only and is passed over
    found, orgs, codes = figures(layouts.sheets_per_unit_xlsx(tmp_path / "sheets.xlsx"))
    assert found["highlights"] == HIGHLIGHTS
    assert orgs == {"Chi bộ cơ quan số 3": 2, "Đảng bộ xa Tan Lap": 10}
    assert codes.count("unit-from-sheet") == 2
    assert "no-header" in codes


def test_folder_of_files_named_by_titles_and_abbreviations(tmp_path: Path) -> None:
    _, branches, codes = figures(layouts.files_per_unit(tmp_path / "folder"), by="branch")
    # the sheets 'CB thon 1' … lost their accents; the title rows name the organizations
    assert branches == {
        "Chi bộ cơ quan số 3": 2,
        "Chi bộ thon 1": 4,
        "Chi bộ thon 2": 3,
        "Chi bộ thon 3": 3,
    }
    assert codes.count("unit-from-title") == 4
    assert codes.count("unit-from-sheet") == 3


def test_the_workspace_organization_is_never_a_file_name(tmp_path: Path) -> None:
    """Two files in a workspace: the rows of 'dang-bo-xa-tan-lap.xlsx' and of a one-row
    supplement fall under the same branches (issue: 'Chi bộ thôn 1' split in two)."""
    from openpyxl import Workbook

    folder = tmp_path / "danh-sach"
    folder.mkdir()
    main = layouts.clean_xlsx(folder / "dang-bo-xa-tan-lap.xlsx")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(layouts.COLUMNS[:9])
    ws.append([1, "Hà Văn Mới", "01/01/1990", "Nam", "Kinh", "Không", "12/12", "15/11/2025",
               "Chi bộ thôn 1"])  # fmt: skip
    wb.save(folder / "bo-sung-thang-11.xlsx")
    del main
    settings = dvstat.Settings(organization="Đảng bộ xã Tân Lập")
    report = dvstat.summarize(str(folder), year=2025, by="branch", settings=settings, as_of=AS_OF)
    units = {u.label: u.total for u in report.units}
    assert units["Chi bộ thôn 1"] == 5
    assert report.rows.counted == 13


def test_two_digit_years_are_reported(tmp_path: Path) -> None:
    report = dvstat.validate(str(layouts.typed_dates_xlsx(tmp_path / "d.xlsx")), as_of=AS_OF)
    years = [
        (i.issue.row, i.issue.value, i.issue.detail["year"])
        for i in report.issues.items
        if i.issue.code == "two-digit-year"
    ]
    # rows 7 and 13 (the 6th and 12th members) are typed dd/mm/yy
    assert years == [
        (7, "09/09/97", "1997"),
        (7, "19/08/25", "2025"),
        (13, "20/10/94", "1994"),
        (13, "15/01/25", "2025"),
    ]


@pytest.mark.parametrize(
    ("birth", "admitted", "born", "joined"),
    [
        ("01/01/07", "01/01/25", 2007, 2025),  # 18 years at admission: 2007
        ("02/01/07", "01/01/25", 1907, 2025),  # a day short of 18 in 2007: 1907
        ("01/01/00", "15/06/24", 2000, 2024),
        ("05/05/85", "05/05/99", 1985, 1999),  # 2099 is in the future: 1999
    ],
)
def test_the_century_of_two_digit_years(
    tmp_path: Path, birth: str, admitted: str, born: int, joined: int
) -> None:
    from conftest import make_csv, member

    path = make_csv(tmp_path / "r.csv", [member(birth=birth, admitted=admitted)])
    frame = dvstat.read(str(path), as_of=AS_OF).frame
    assert frame["birth_date"].iloc[0].year == born
    assert frame["admission_date"].iloc[0].year == joined


def test_an_admission_before_1930_is_unreadable(tmp_path: Path) -> None:
    from conftest import make_csv, member

    # '01/01/29': 2029 is in the future, 1929 before the Party's founding
    path = make_csv(tmp_path / "r.csv", [member(admitted="01/01/29")])
    report = dvstat.validate(str(path), as_of=AS_OF)
    assert [i.issue.code for i in report.issues.items] == ["bad-date"]


def test_a_count_note_is_checked_like_a_total(tmp_path: Path) -> None:
    path = layouts.official_xls(tmp_path / "form.xls")

    codes = [i.issue.code for i in dvstat.validate(str(path), as_of=AS_OF).issues.items]
    assert "subtotal-mismatch" not in codes


# --- the converter tables ------------------------------------------------------------------
def _letters() -> list[str]:
    import unicodedata

    found = ["đ", "Đ"]
    for base in "aăâeêioôơuưy":
        for mark in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"):
            letter = unicodedata.normalize("NFC", base + mark)
            found += [letter, letter.upper()]
    return found


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_vietnamese_letter_both_ways(encoding: str) -> None:
    for letter in _letters():
        if encoding == "tcvn3" and letter.isupper() and letter not in "ĂÂÊÔƠƯĐ":
            # capitals with a tone are written with the small letter's code (.VnTimeH):
            # they come back as capitals in a cell of capitals
            assert decode(encode("AB" + letter, encoding), encoding) == "AB" + letter
            continue
        assert decode(encode(letter, encoding), encoding) == letter, letter
    assert len(tables()["tcvn3"]) == 134
    assert len(tables()["vni"]) == 134


@pytest.mark.parametrize(
    ("text", "tcvn3", "vni"),
    [
        ("Nguyễn", "NguyÔn", "Nguyeãn"),
        ("Họ và tên", "Hä vµ tªn", "Hoï vaø teân"),
        ("Nữ", "N÷", "Nöõ"),
        ("Không", "Kh«ng", "Khoâng"),
        ("Đảng bộ xã", "§¶ng bé x·", "Ñaûng boä xaõ"),
    ],
)
def test_hand_written_samples(text: str, tcvn3: str, vni: str) -> None:
    assert encode(text, "tcvn3") == tcvn3
    assert encode(text, "vni") == vni
    assert decode(tcvn3, "tcvn3") == text
    assert decode(vni, "vni") == text


def test_detection_never_guesses_on_unicode_or_ascii() -> None:
    assert detect(["Nguyễn Văn An", "Kh«ng"]) is None  # Unicode letters: not legacy
    assert detect(["Nguyen Van An", "Khong"]) is None
    assert detect(["Tôn giáo", "Không", "Công giáo"]) is None  # Latin-1 Vietnamese
    assert detect(["Hä vµ tªn"]) == "tcvn3"
    assert detect(["Hoï vaø teân", "Nguyeãn Vaên An"]) == "vni"
    assert detect(["Khoâng"], hint="vni") is None  # no sign that only VNI writes
    assert detect(["Hoï"], hint="vni") == "vni"


def test_an_abbreviated_name_is_the_same_unit_as_the_written_out_one(tmp_path: Path) -> None:
    """A sheet 'CB THCS Tan Lap' (no unit column) and a file whose unit column writes
    'Chi bộ Trường Trung học cơ sở Tân Lập': one unit of 3 members."""
    from openpyxl import Workbook

    folder = tmp_path / "ds"
    folder.mkdir()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "CB THCS Tan Lap"
    ws.append(layouts.COLUMNS[:8])
    ws.append([1, "Hà Văn Một", "01/01/1990", "Nam", "Kinh", "Không", "12/12", "15/03/2025"])
    ws.append([2, "Hà Văn Hai", "01/01/1991", "Nam", "Kinh", "Không", "12/12", "16/03/2025"])
    wb.save(folder / "a.xlsx")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(layouts.COLUMNS[:9])
    ws.append([1, "Hà Thị Ba", "01/01/1992", "Nữ", "Kinh", "Không", "12/12", "17/03/2025",
               "Chi bộ Trường Trung học cơ sở Tân Lập"])  # fmt: skip
    wb.save(folder / "b.xlsx")
    report = dvstat.summarize(str(folder), year=2025, by="branch", as_of=AS_OF)
    assert [(u.total, u.path[-1]) for u in report.units] == [(3, "Chi bộ THCS Tan Lap")]
