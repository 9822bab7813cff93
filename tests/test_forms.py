"""The official forms (dvstat forms), filled from rosters whose every figure is set here by
hand: a commune committee with two branches and a school's grassroots branch, eight people
whose admissions, transfers and deaths fall on either side of 2024 and 2025."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import dvstat
from conftest import make_csv, member
from membership_rosters import HEADER

AS_OF = date(2026, 3, 1)
MEMBER_HEADER = HEADER  # the membership roster's columns, as its tests write them
COMMUNE = "Đảng bộ xã Hòa Bình"
SCHOOL = "Chi bộ Trường THCS Hòa Bình"
# name, birth, gender, ethnic group, admitted, official, branch, org, status, left, moved in
PEOPLE = [
    ("Lê Thị An", "02/01/1955", "Nữ", "Kinh", "10/03/1980", "10/03/1981", "Chi bộ thôn 1",
     COMMUNE, "", "", ""),
    ("Hà Văn Bình", "05/05/1975", "Nam", "Tày", "05/06/2000", "05/06/2001", "Chi bộ thôn 2",
     COMMUNE, "", "", ""),
    ("Trần Thị Cúc", "07/07/1998", "Nữ", "Kinh", "01/02/2025", "", "Chi bộ thôn 1",
     COMMUNE, "", "", ""),
    ("Phạm Văn Dũng", "08/08/1996", "Nam", "Kinh", "01/03/2024", "01/03/2025", "Chi bộ thôn 2",
     COMMUNE, "", "", ""),
    ("Vũ Văn Em", "01/01/1945", "Nam", "Kinh", "01/05/1970", "01/05/1971", "Chi bộ thôn 1",
     COMMUNE, "Từ trần", "15/08/2025", ""),
    ("Đỗ Văn Phúc", "03/03/1965", "Nam", "Kinh", "02/02/1990", "02/02/1991", "Chi bộ thôn 2",
     COMMUNE, "", "10/10/2024", ""),
    ("Ngô Văn Giang", "04/04/1985", "Nam", "Kinh", "20/11/2010", "20/11/2011", "Chi bộ thôn 1",
     COMMUNE, "", "", "01/04/2025"),
    ("Bùi Thị Hạnh", "09/09/1988", "Nữ", "Kinh", "15/06/2015", "15/06/2016", SCHOOL,
     SCHOOL, "", "", ""),
]  # fmt: skip


def _members(tmp_path: Path) -> Path:
    path = tmp_path / "dang-vien.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MEMBER_HEADER)
        for (
            name,
            birth,
            gender,
            ethnic,
            admitted,
            official,
            branch,
            org,
            status,
            left,
            moved,
        ) in PEOPLE:
            reason = "Chuyển sinh hoạt đi" if name == "Đỗ Văn Phúc" else ""
            writer.writerow(
                [name, birth, gender, ethnic, "Không", "12/12", admitted, official, branch, org,
                 status, left, reason, moved]
            )  # fmt: skip
    return path


def _admissions(tmp_path: Path, extra: int = 0) -> Path:
    """The new members' roster: Cúc in 2025 and Dũng in 2024, as on the membership roster
    (``extra`` more in 2025 to break the cross-check)."""
    rows = [
        member("Trần Thị Cúc", "07/07/1998", "Nữ", "Kinh", admitted="01/02/2025",
               branch="Chi bộ thôn 1"),
        member("Phạm Văn Dũng", "08/08/1996", "Nam", "Kinh", admitted="01/03/2024",
               branch="Chi bộ thôn 2"),
    ]  # fmt: skip
    rows += [
        member(f"Người Thêm {i}", "01/01/2000", "Nam", "Tày", admitted="01/06/2025")
        for i in range(extra)
    ]
    return make_csv(tmp_path / "ket-nap.csv", rows)


def _forms(tmp_path: Path, extra: int = 0, **options: Any) -> Any:
    settings = dvstat.Settings(members=(str(_members(tmp_path)),))
    return dvstat.forms(
        str(_admissions(tmp_path, extra)), year=2025, as_of=AS_OF, settings=settings, **options
    )


def _pair(rows: dict[str, Any], key: str) -> tuple[Any, Any]:
    return rows[key].now, rows[key].before


def _rows(report: Any, code: str) -> dict[str, Any]:
    form = next(f for f in report.forms if f.code == code)
    return {f"{r.number} {r.label}".strip(): r for r in form.rows}


def test_form_1_increases_and_decreases_by_hand(tmp_path: Path) -> None:
    """On 31/12/2024: An, Bình, Dũng, Em, Hạnh (5). In 2025 Cúc admitted, Giang moved in, Em
    died: 5 + 2 - 1 = 6. In 2024: 5 on 31/12/2023 (An, Bình, Em, Phúc, Hạnh), Dũng
    admitted, Phúc moved out: 5 + 1 - 1 = 5."""
    rows = _rows(_forms(tmp_path), "Biểu 1")
    expected = {
        "A Đảng viên cuối kỳ trước chuyển sang": (5, 5, 100.0),
        "B Đảng viên tăng trong kỳ": (2, 1, 200.0),
        "1 Kết nạp": (1, 1, 100.0),
        "2 Chuyển đến": (1, 0, None),
        "C Đảng viên giảm trong kỳ": (1, 1, 100.0),
        "1 Từ trần": (1, 0, None),
        "5 Chuyển đi": (0, 1, 0.0),
        "D Đảng viên trong danh sách cuối kỳ": (6, 5, 120.0),
    }
    for label, (now, before, percent) in expected.items():
        row = rows[label]
        assert (row.now, row.before, row.percent) == (now, before, percent), label
    assert rows["3 Phục hồi đảng tịch"].now is None
    assert rows["3 Phục hồi đảng tịch"].hand == "restored"
    assert rows["a Từ tỉnh khác đến"].hand == "transfer_place"


def test_form_2_and_2b_new_members_by_hand(tmp_path: Path) -> None:
    """2025: Cúc (woman, Kinh, 26 at admission); 2024: Dũng (man, Kinh, 27). Every
    occupation row is left for hand entry (the roster has no occupation column), never 0."""
    report = _forms(tmp_path)
    rows = _rows(report, "Biểu 2")
    assert (
        rows["I Tổng số đảng viên mới kết nạp"].now,
        rows["I Tổng số đảng viên mới kết nạp"].before,
    ) == (1, 1)
    assert rows["I Tổng số đảng viên mới kết nạp"].percent == 100.0
    assert (rows["1 Nữ"].now, rows["1 Nữ"].before, rows["1 Nữ"].percent) == (1, 0, None)
    assert _pair(rows, "2 Dân tộc thiểu số") == (0, 0)
    assert rows["- Từ 18 đến 30 tuổi"].now == 1 and rows["- Từ 18 đến 30 tuổi"].before == 1
    # Cúc 26 at admission on 01/02/2025 (born 07/07/1998), Dũng 27 on 01/03/2024
    assert _pair(rows, "- Tuổi bình quân") == (26, 27)
    assert rows["- Tuổi bình quân"].percent is None
    occupation = [r for key, r in rows.items() if key == "- Viên chức sự nghiệp công lập"]
    assert occupation[0].now is None and occupation[0].hand == "no_column"
    assert rows["1 Đảng bộ cơ sở"].now == 1  # Hòa Bình; the school's branch is a chi bộ cơ sở
    assert rows["2 Chi bộ cơ sở"].now == 1
    notes = next(f for f in report.forms if f.code == "Biểu 2").notes
    assert any("'Nghề nghiệp'" in n and "không có cột" in n for n in notes)
    listed = _rows(report, "Biểu 2B")
    assert (listed["1 Kinh"].now, listed["1 Kinh"].before, listed["1 Kinh"].percent) == (
        1,
        1,
        100.0,
    )
    assert (listed["2 Tày"].now, listed["2 Tày"].percent) == (0, 0.0)
    labels = [r.label for r in next(f for f in report.forms if f.code == "Biểu 2B").rows]
    assert labels[2] == "Kinh" and labels[57] == "Quốc tịch gốc nước ngoài"  # 56 groups
    assert labels[58] == "Tôn giáo" and labels[-1] == "Đạo khác"


def test_form_3_5_and_7_from_the_membership_by_hand(tmp_path: Path) -> None:
    """31/12/2025: An, Bình, Cúc, Dũng, Giang, Hạnh (women An, Cúc, Hạnh; Cúc probationary);
    31/12/2024: An, Bình, Dũng, Em, Hạnh (Dũng probationary). Admitted 1980 (An), 1970 (Em),
    the others from 1987. Badges of 2025: An 45 years (10/03/2025 -> 19/5), Em 55 years
    (01/05/2025 -> 19/5, died in August); none in 2024."""
    report = _forms(tmp_path)
    rows = _rows(report, "Biểu 3")
    assert _pair(rows, "I Tổng số đảng viên") == (6, 5)
    assert rows["I Tổng số đảng viên"].percent == 120.0
    assert (rows["1 Nữ"].now, rows["1 Nữ"].before, rows["1 Nữ"].percent) == (3, 2, 150.0)
    assert _pair(rows, "4 Đảng viên dự bị") == (1, 1)
    assert (
        rows["- Từ 01/5/1975 đến 31/12/1986"].now,
        rows["- Từ 01/5/1975 đến 31/12/1986"].before,
    ) == (1, 1)
    assert (
        rows["- Từ 21/7/1954 đến 30/4/1975"].now,
        rows["- Từ 21/7/1954 đến 30/4/1975"].before,
    ) == (0, 1)
    assert _pair(rows, "- Từ 01/01/1987 đến nay") == (5, 3)
    types = _rows(report, "Biểu 5")
    assert types["Tổng số"].values == (1, 1, 0, 2, 6)
    assert types["1 Xã"].values == (1, 0, 0, 2, 5)
    assert types["6 Đơn vị sự nghiệp công lập"].values == (0, 1, 0, 0, 1)
    assert types["9 Công an"].values == (0, 0, 0, 0, 0)
    badges = _rows(report, "Biểu 7")
    assert (
        badges["II Tặng huy hiệu Đảng trong năm"].now,
        badges["II Tặng huy hiệu Đảng trong năm"].before,
    ) == (2, 0)
    assert badges["3 Huy hiệu 45 năm tuổi Đảng"].now == 1
    assert badges["5 Huy hiệu 55 năm tuổi Đảng"].now == 1
    assert badges["1 Huy hiệu 30 năm tuổi Đảng"].now == 0
    assert report.issues.errors == 0


def test_the_2025_set_is_the_default_from_july_2025_and_words_change(tmp_path: Path) -> None:
    now = _forms(tmp_path)
    assert now.set_code == "2025"
    assert "b Từ xã khác trong tỉnh đến" in _rows(now, "Biểu 1")
    assert "3 Đặc khu" in _rows(now, "Biểu 5")
    old = _forms(tmp_path, form_set="2021")
    assert "b Từ huyện khác trong tỉnh đến" in _rows(old, "Biểu 1")
    assert "3 Thị trấn" in _rows(old, "Biểu 5")
    assert [f.code for f in old.forms] == [
        "Biểu 1",
        "Biểu 2",
        "Biểu 2B",
        "Biểu 3",
        "Biểu 5",
        "Biểu 7",
    ]
    before = dvstat.forms(
        str(_admissions(tmp_path)), year=2024, as_of=AS_OF,
        settings=dvstat.Settings(members=(str(_members(tmp_path)),)),
    )  # fmt: skip
    assert before.set_code == "2021"
    assert "2021" in before.set_name


def test_cross_checks_fire_on_a_broken_input(tmp_path: Path) -> None:
    """Two more admissions on the new members' roster than on the membership: Biểu 2's
    total (3) disagrees with Biểu 1's B.1 (1), an error naming both rows."""
    report = _forms(tmp_path, extra=2)
    (issue,) = [i for i in report.issues.items if i.issue.code == "form-cross-check"]
    assert issue.issue.severity == "error"
    assert "Biểu 2, I = 3" in issue.message and "Biểu 1, B.1 = 1" in issue.message


def test_form_check_a_plus_b_minus_c_is_d() -> None:
    from dvstat.api import form_sets_folder
    from dvstat.readers.form_sets import load_form_set
    from dvstat.statistics_forms import form_checks

    spec = load_form_set("2021", form_sets_folder()).forms[0]
    good = {"change.at_start": 5, "change.admitted": 1, "change.transferred_in": 1,
            "change.left.total": 1, "change.at_end": 6}  # fmt: skip
    assert form_checks(spec, good, good) == []
    bad = {**good, "change.at_end": 7}
    (issue,) = form_checks(spec, good, bad)
    assert issue.detail["column"] == "before" and issue.detail["right"] == "7"


def test_without_a_membership_roster_its_forms_are_left_blank_with_a_note(
    tmp_path: Path,
) -> None:
    report = dvstat.forms(str(_admissions(tmp_path)), year=2025, as_of=AS_OF)
    first = next(f for f in report.forms if f.code == "Biểu 1")
    assert not first.available and all(r.now is None for r in first.rows)
    assert any("Cả biểu để trống" in n for n in first.notes)
    assert _rows(report, "Biểu 2")["I Tổng số đảng viên mới kết nạp"].now == 1


@pytest.mark.parametrize("output", ["xlsx", "docx"])
def test_every_form_is_written_with_every_row(tmp_path: Path, output: str) -> None:
    """The workbook has a sheet per form and the document every row's label, in order."""
    import io
    import re
    import zipfile

    report = _forms(tmp_path)
    data = dvstat.render(report, output)
    if output == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data))
        assert book.sheetnames == ["Biểu 1", "Biểu 2", "Biểu 2B", "Biểu 3", "Biểu 5", "Biểu 7"]
        sheet = book["Biểu 1"]
        labels = [sheet.cell(row=r, column=2).value for r in range(10, 27)]
        assert labels[0] == "Đảng viên cuối kỳ trước chuyển sang"
        assert labels[-1] == "Đảng viên trong danh sách cuối kỳ"
        assert sheet.cell(row=26, column=3).value == 6
        assert sheet.cell(row=26, column=5).value == 120.0
        assert sheet.page_setup.orientation == "portrait"
        assert book["Biểu 5"].page_setup.orientation == "landscape"
    else:
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
        text = re.sub(r"<[^>]+>", "", xml)
        positions = [text.index(f.title) for f in report.forms]
        assert positions == sorted(positions)
        assert "NGƯỜI LẬP BIỂU" in text and "Bộ biểu" in text


def test_admission_eras_at_each_bound(tmp_path: Path) -> None:
    """The day before, of and after each era's first day (19/8/1945, 21/7/1954, 1/5/1975,
    1/1/1987): 1 before 1945; 3, 3 and 3 in the three eras between; 2 from 1987."""
    days = ["18/08/1945", "19/08/1945", "20/08/1945", "20/07/1954", "21/07/1954",
            "22/07/1954", "30/04/1975", "01/05/1975", "02/05/1975", "31/12/1986",
            "01/01/1987", "02/01/1987"]  # fmt: skip
    path = tmp_path / "cu.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MEMBER_HEADER)
        for number, day in enumerate(days):
            official = day[:6] + str(int(day[6:]) + 1)
            writer.writerow([f"Người {number}", "01/01/1920", "Nam", "Kinh", "Không", "12/12",
                             day, official, "Chi bộ 1", COMMUNE, "", "", "", ""])  # fmt: skip
    report = dvstat.members(str(path), cut_off=date(2025, 12, 31), as_of=AS_OF)
    eras = {c.code: c.count for c in report.stats.breakdowns["admission_era"]}
    assert eras == {"before_1945": 1, "1945_1954": 3, "1954_1975": 3, "1975_1986": 3,
                    "since_1987": 2, "unknown": 0}  # fmt: skip


def test_report_writes_the_forms(tmp_path: Path) -> None:
    """`dvstat report` with forms.xlsx and forms.json among its outputs writes both."""
    import json

    from typer.testing import CliRunner

    from dvstat.cli import app

    _members(tmp_path)
    _admissions(tmp_path)
    (tmp_path / "dvstat.toml").write_text(
        'rosters = ["ket-nap.csv"]\nmembers = ["dang-vien.csv"]\n'
        'outputs = ["forms.xlsx", "forms.json"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["report", "--period", "2025", "--as-of", "2026-03-01"])
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "bao-cao" / "2025-bieu-thong-ke.json").read_text("utf-8"))
    assert [f["code"] for f in written["forms"]][0] == "Biểu 1"
    assert (tmp_path / "bao-cao" / "2025-bieu-thong-ke.xlsx").stat().st_size > 0


def test_the_columns_only_the_forms_read(tmp_path: Path) -> None:
    """A roster with the columns "Chủ DNTN", "Vi phạm KHHGĐ", "Kết hôn với người nước
    ngoài" and "Học hàm": 2025 has three new members (one owner marked 'x', one violation
    marked 'có', one married abroad with a date, a PGS and a GS), 2024 one (none of them)."""
    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo",
              "Trình độ văn hóa", "Ngày kết nạp", "Chi bộ", "Chủ DNTN", "Vi phạm KHHGĐ",
              "Kết hôn với người nước ngoài", "Học hàm"]  # fmt: skip
    rows = [
        [*member("A", admitted="01/02/2025"), "x", "", "", "PGS.TS"],
        [*member("B", "01/01/1990", admitted="01/03/2025"), "", "có", "15/06/2018", "Giáo sư"],
        [*member("C", "01/01/1991", admitted="01/04/2025"), "không", "", "", ""],
        [*member("D", "01/01/1992", admitted="01/04/2024"), "", "", "", ""],
    ]
    path = make_csv(tmp_path / "ds.csv", rows, header)
    rows_2 = _rows(dvstat.forms(str(path), year=2025, as_of=AS_OF), "Biểu 2")
    assert _pair(rows_2, "5 Chủ doanh nghiệp tư nhân") == (1, 0)
    assert _pair(rows_2, "6 Quần chúng vi phạm chính sách kế hoạch hóa gia đình") == (1, 0)
    assert _pair(rows_2, "7 Có quan hệ hôn nhân với người nước ngoài") == (1, 0)
    assert _pair(rows_2, "- Phó Giáo sư") == (1, 0)
    assert _pair(rows_2, "- Giáo sư") == (1, 0)
    assert rows_2["5 Chủ doanh nghiệp tư nhân"].hand is None
    without = _rows(_forms(tmp_path), "Biểu 2")  # the columns absent: hand entry
    assert without["5 Chủ doanh nghiệp tư nhân"].now is None
    assert without["5 Chủ doanh nghiệp tư nhân"].hand == "private_owner"
    assert without["- Giáo sư"].hand == "academic_title"


def test_organization_types_by_hand() -> None:
    """Under a district committee: commune A with two branches and a đảng bộ bộ phận,
    commune B with one branch, a police grassroots branch alone, and a cooperative's branch
    named like its organization ('Đảng bộ thôn 5' under A is a đảng bộ bộ phận too). Xã: 2
    đảng bộ cơ sở, 2 đảng bộ bộ phận, 4 chi bộ trực
    thuộc, 4 + 5 + 6 + 7 + 8 = 30 members; Công an 2 chi bộ cơ sở of 9 + 2; HTX 1 of 10."""
    from types import SimpleNamespace as Unit

    from dvstat.statistics_forms import organization_types

    district = "Đảng bộ huyện X"
    units = [
        Unit(level="branch", path=(district, "Đảng bộ xã A", "Chi bộ thôn 1"), total=4),
        Unit(level="branch", path=(district, "Đảng bộ xã A", "Chi bộ thôn 2"), total=5),
        Unit(level="branch", path=(district, "Đảng bộ xã A", "Đảng bộ bộ phận khối 1"),
             total=6),
        Unit(level="branch", path=(district, "Đảng bộ xã A", "Đảng bộ thôn 5"), total=0),
        Unit(level="branch", path=(district, "Đảng bộ xã B", "Chi bộ thôn 1"), total=7),
        Unit(level="branch", path=(district, "Đảng bộ xã B", "Chi bộ thôn 3"), total=8),
        Unit(level="org", path=(district, "Chi bộ Công an huyện"), total=9),
        Unit(level="org", path=(district, "Chi bộ Công an xã C"), total=2),
        Unit(level="branch", path=(district, "Chi bộ HTX Tân Tiến", "Chi bộ HTX Tân Tiến"),
             total=10),
    ]  # fmt: skip
    found = organization_types(Unit(units=units))  # type: ignore[arg-type]
    assert found == {
        "xa": (2, 0, 2, 4, 30),
        "cong_an": (0, 2, 0, 0, 11),
        "hop_tac_xa": (0, 1, 0, 0, 10),
    }


def test_fill_compare_with_hand_figures() -> None:
    """Headings keep their number and carry no figure; a percent only between counts
    (30,0 against 30,5 years of mean age has none); a figure of a column the roster lacks is
    left with its reason; an expression adds and subtracts."""
    from dvstat.statistics_forms import FormSpec, evaluate, fill_compare

    spec = FormSpec(
        name="t", code="T", title="T", title_en="T", source="admissions", layout="compare",
        orientation="portrait",
        rows=(("II", "Chia ra", ""), ("1", "Tuổi bình quân", "new.mean_age"),
              ("2", "Tổng", "new.total"), ("3", "Chủ DNTN", "new.private_owner.yes"),
              ("4", "Lệch", "new.total - new.gender.female + new.gender.male")),
    )  # fmt: skip
    now = {"new.mean_age": 30.0, "new.total": 801, "new.gender.female": 1, "new.gender.male": 2}
    before = {"new.mean_age": 30.5, "new.total": 800, "new.gender.female": 0,
              "new.gender.male": 0}  # fmt: skip
    rows = fill_compare(spec, now, before, "vi").rows
    assert (rows[0].number, rows[0].heading, rows[0].now) == ("II", True, None)
    assert (rows[1].now, rows[1].before, rows[1].percent) == (30, 30.5, None)
    assert (rows[2].now, rows[2].before, rows[2].percent) == (801, 800, 100.13)  # half-up
    assert (rows[3].now, rows[3].hand) == (None, "private_owner")
    assert (rows[4].now, rows[4].before) == (802, 800)
    assert evaluate("new.total + nothing", now) is None
    assert evaluate("new.total", None) is None
    english = fill_compare(spec, now, before, "en")
    assert english.columns == (
        "Item", "This period", "Same period last year", "(%) this / last year"
    )  # fmt: skip
    assert fill_compare(spec, now, before, "vi").columns[1:3] == ("Kỳ này", "Cùng kỳ năm trước")
    assert english.available and not fill_compare(spec, None, None, "en").available


def test_fill_list_with_hand_figures() -> None:
    """Four new members, two women; one Buddhist woman, no Catholic, no figure for Hòa
    Hảo: the total row (100 %), the heading, 1 (of whom 1 woman, 25 %), 0 (0 %), and an
    empty row left for hand entry; with no new member the total has no percent; without
    the roster every row says why."""
    from dvstat.statistics_forms import FormSpec, fill_list

    spec = FormSpec(name="t", code="2B", title="T", title_en="T", source="admissions",
                    layout="list", orientation="portrait",
                    sections=(("II", "Tôn giáo", "religion"),))  # fmt: skip
    facts = {"new.total": 4, "new.women.total": 2, "new.religion.buddhism": 1,
             "new.women.religion.buddhism": 1, "new.religion.catholicism": 0}  # fmt: skip
    form = fill_list(spec, facts, "vi")
    assert form.columns == ("TT", "Tên dân tộc, tôn giáo", "Tổng số", "Trong đó: nữ",
                            "Tỷ lệ (%)")  # fmt: skip
    first, heading, buddhist, catholic, hoa_hao = form.rows[:5]
    assert (first.number, first.label, first.now, first.before, first.percent, first.hand) == (
        "", "Tổng số", 4, 2, 100.0, None
    )  # fmt: skip
    assert (heading.number, heading.label, heading.heading) == ("II", "Tôn giáo", True)
    assert (buddhist.number, buddhist.label, buddhist.now, buddhist.before) == (
        "1", "Phật giáo", 1, 1
    )  # fmt: skip
    assert (buddhist.percent, buddhist.hand) == (25.0, None)
    assert (catholic.now, catholic.before, catholic.percent) == (0, None, 0.0)
    assert (hoa_hao.label, hoa_hao.now, hoa_hao.hand) == ("Phật giáo Hòa Hảo", None, "no_column")
    religions = ["Phật giáo", "Công giáo", "Phật giáo Hòa Hảo", "Cao Đài", "Tin Lành",
                 "Hồi giáo", "Đạo khác"]  # fmt: skip
    assert [r.label for r in form.rows[2:]] == religions
    assert form.available
    empty = fill_list(spec, {"new.total": 0}, "vi").rows[0]
    assert (empty.now, empty.percent) == (0, None)
    blank = fill_list(spec, None, "en")
    assert not blank.available
    assert blank.rows[0].label == "Total" and blank.rows[0].hand == "missing"
    assert blank.rows[2].hand == "missing" and blank.rows[2].label == "Buddhism"
    assert blank.columns[:2] == ("No.", "Ethnic group, religion")
    assert blank.notes and blank.notes[0].startswith("Left blank")


def test_fill_types_with_and_without_the_membership() -> None:
    from dvstat.statistics_forms import FormSpec, fill_types

    spec = FormSpec(name="t", code="5", title="T", title_en="T", source="members",
                    layout="types", orientation="landscape",
                    rows=(("1", "Xã", "xa"), ("2", "Phường", "phuong")),
                    columns=(("committees", "Đảng bộ cơ sở"),
                             ("members", "Đảng viên")))  # fmt: skip
    filled = fill_types(spec, {"xa": (2, 30)}, "vi")
    assert [(r.number, r.label, r.values, r.hand) for r in filled.rows] == [
        ("", "Tổng số", (2, 30), None), ("1", "Xã", (2, 30), None), ("2", "Phường", (0, 0), None)
    ]  # fmt: skip
    assert filled.columns == ("Loại hình", "Đảng bộ cơ sở", "Đảng viên") and filled.available
    blank = fill_types(spec, None, "en")
    assert [(r.number, r.label, r.values, r.hand) for r in blank.rows] == [
        ("", "Total", (), "missing"), ("1", "Xã", (), "missing"), ("2", "Phường", (), "missing")
    ]  # fmt: skip
    assert blank.columns[0] == "Type" and not blank.available
    assert fill_types(spec, {}, "en").rows[0].label == "Total"


def test_flag_facts_per_column() -> None:
    """Only the academic title column present (the last the forms read): its figures are
    given, the three marks left out; a roster with none of them gives nothing."""
    import pandas as pd

    from dvstat.statistics_forms import flag_facts

    marks = pd.Categorical(["unknown", "unknown"], categories=["yes", "no", "unknown"])
    kinds = ["associate_professor", "professor", "none", "unknown"]
    titles = pd.Categorical(["professor", "none"], categories=kinds)
    roster = pd.DataFrame({"private_owner": marks, "family_planning": marks,
                           "foreign_marriage": marks, "academic_title": titles})  # fmt: skip
    facts = flag_facts(roster.iloc[:1], roster)
    assert facts == {"new.academic_title.associate_professor": 0,
                     "new.academic_title.professor": 1, "new.academic_title.none": 0,
                     "new.academic_title.unknown": 0}  # fmt: skip
    assert flag_facts(roster, roster.assign(academic_title="unknown")) == {}


def test_the_checks_name_their_rows_and_columns() -> None:
    """A + B - C = D failing in the same period last year (5 + 1 + 1 - 1 = 6, not 7), and
    Biểu 5's members (5) against Biểu 3's total (6): errors with every detail a clerk
    needs, in the words the messages give them."""
    from dvstat.messages import describe
    from dvstat.model import FilledForm, FormRow
    from dvstat.statistics_forms import FormSpec, _cross_checks, form_checks

    spec = FormSpec(name="bieu-1", code="Biểu 1", title="T", title_en="T", source="members",
                    layout="compare", orientation="portrait",
                    checks=(("A + B - C = D", "a + b - c", "d"),))  # fmt: skip
    good = {"a": 5, "b": 2, "c": 1, "d": 6}
    (issue,) = form_checks(spec, good, {"a": 5, "b": 2, "c": 1, "d": 7})
    assert (issue.code, issue.severity) == ("form-check-failed", "error")
    assert issue.detail == {"form": "Biểu 1", "check": "A + B - C = D", "left": "6",
                            "right": "7", "column": "before"}  # fmt: skip
    assert describe(issue, "vi") == "Biểu 1: A + B - C = D không đúng ở cột before (6 ≠ 7)"
    assert form_checks(spec, good, None) == []
    (wrong_now,) = form_checks(spec, {**good, "d": 5}, good)
    assert wrong_now.detail["column"] == "now"
    types = FilledForm("Biểu 5", "T", "types", "landscape", (), (FormRow("", "Tổng số",
                       values=(1, 0, 0, 2, 5)),), (), True)  # fmt: skip
    compare = FilledForm("Biểu 3", "T", "compare", "portrait", (), (), (), True)
    (cross,) = _cross_checks([compare, types], None, {"members.total": 6})
    assert (cross.code, cross.severity) == ("form-cross-check", "error")
    assert cross.detail == {"check": "Biểu 5 / Biểu 3", "first": "Biểu 5, tổng số đảng viên",
                            "second": "Biểu 3, I", "left": "5", "right": "6"}  # fmt: skip
    assert _cross_checks([compare, types], None, {"members.total": 5}) == []
    unavailable = FilledForm("Biểu 5", "T", "types", "landscape", (), types.rows, (), False)
    assert _cross_checks([unavailable], None, {"members.total": 6}) == []
    (admitted,) = _cross_checks([], {"new.total": 3}, {"change.admitted": 1})
    assert admitted.detail == {"check": "Biểu 2 / Biểu 1", "first": "Biểu 2, I",
                               "second": "Biểu 1, B.1", "left": "3", "right": "1"}  # fmt: skip
    assert _cross_checks([], {"new.total": 3}, None) == []


def test_hand_notes_name_rows_and_groups() -> None:
    """Rows of a column the roster lacks are named by their group; other rows by number,
    or by label where the number is a dash; the reasons keep their first-seen order."""
    from dvstat.model import FormRow
    from dvstat.statistics_forms import hand_notes

    rows = [
        FormRow("II", "Nghề nghiệp", heading=True),
        FormRow("-", "Nông dân", hand="no_column"),
        FormRow("-", "Công nhân", hand="no_column"),
        FormRow("5", "Chủ doanh nghiệp tư nhân", hand="private_owner"),
        FormRow("+", "Có kết nạp", hand="units_admitting"),
        FormRow("6", "Có số", now=3),
        FormRow("-", "Khác", hand="no_column"),
    ]
    assert hand_notes(rows, "vi") == [
        "Dòng 'Nghề nghiệp' để trống, điền tay: danh sách không có cột của mục này.",
        "Dòng 5 để trống, điền tay: danh sách không có cột chủ doanh nghiệp tư nhân.",
        "Dòng 'Có kết nạp' để trống, điền tay: cần biết loại của từng tổ chức cơ sở đảng có "
        "kết nạp.",
    ]
    english = hand_notes(rows[:3], "en")
    assert english == ["Rows 'Nghề nghiệp' are left for hand entry: the roster has no column "
                       "for this group."]  # fmt: skip
    assert hand_notes([FormRow("1", "X", hand="missing")], "vi")[0].startswith("Cả biểu")
