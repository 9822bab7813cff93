"""Word reports and the filed forms: the numbers read back from the document's XML are the
hand-set figures of people.py (and equal the JSON model); the party format's frame comes
from dvstat.toml [report]; a broken template names its paragraph.

2025 in people.py: 12 admitted, 6 women (H Hoa Niê, Trần Thị Bình, Ksor Thị Mai, Hoàng
Thị Lan, Đỗ Thị Nga, Nông Thị Yến), 6 from minorities, 3 religious; 2024: 2 admitted, one
woman (Mai Thị Thảo). Units: Ea Phê / thôn 1: 3, Ea Phê / thôn 2: 2, Ea Kuăng / thôn 1: 3,
Ea Kuăng / thôn 2: 4. LLCT: sơ cấp 4 (Hoa, Bình, Lan, Nga), trung cấp 1 (Dũng), none 7.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

import dvstat
from conftest import AS_OF
from dvstat.cli import run_app
from dvstat.errors import TemplateError
from dvstat.sample_rosters import write_clean_xlsx
from dvstat.settings import ReportHeading, Settings
from dvstat.writers.context import heading_context
from dvstat.writers.templating import number_filters
from people import _members

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING = ReportHeading(
    parent="Đảng bộ tỉnh Đắk Lắk",
    issuer="Đảng ủy xã Ea Phê",
    number="15-BC/ĐU",
    place="Ea Phê",
    on_behalf="T/M Ban Thường vụ",
    signer_title="Phó Bí thư",
    signer_name="Y Bhim Niê",
    recipients=("Ban Tổ chức Tỉnh ủy", "Lưu Văn phòng Đảng ủy"),
)


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("people") / "ket-nap.xlsx"
    write_clean_xlsx(_members(), path)
    return path


def _document(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """The paragraphs outside tables, and each table as rows of cell texts."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))

    def text(element: object) -> str:
        return "".join(t.text or "" for t in element.iter(f"{W}t"))  # type: ignore[attr-defined]

    body = root.find(f"{W}body")
    paragraphs = [
        text(p) for p in body.iter(f"{W}p") if not any(a.tag == f"{W}tc" for a in p.iterancestors())
    ]
    tables = [
        [[text(c) for c in row.iter(f"{W}tc")] for row in table.iter(f"{W}tr")]
        for table in body.iter(f"{W}tbl")
    ]
    return paragraphs, tables


def _table_with(tables: list[list[list[str]]], header: str) -> list[list[str]]:
    return next(t for t in tables if t and t[0] and t[0][0] == header)


def _summary_docx(roster: Path) -> bytes:
    report = dvstat.summarize(roster, year=2025, as_of=AS_OF)
    return dvstat.render(report, "docx", settings=Settings(report=HEADING), day=AS_OF)


def test_summary_document_numbers_are_the_hand_figures(roster: Path) -> None:
    paragraphs, tables = _document(_summary_docx(roster))
    text = "\n".join(paragraphs)
    assert (
        "Năm 2025, toàn đảng bộ kết nạp 12 đảng viên mới, bằng 600,00% so với cùng kỳ năm "
        "trước (2 đồng chí). Trong đó: nữ 6 đồng chí, chiếm 50,00%; dân tộc thiểu số 6 đồng "
        "chí, chiếm 50,00%; người theo tôn giáo 3 đồng chí, chiếm 25,00%"
    ) in text
    key = {row[0]: row[1:] for row in _table_with(tables, "Chỉ tiêu")[1:]}
    assert key["Tổng số"] == ["12", "", "2", "600,00%"]
    assert key["Nữ"] == ["6", "50,00%", "1", "600,00%"]
    assert key["Dân tộc thiểu số"] == ["6", "50,00%", "1", "600,00%"]  # 2024: Đặng Văn Phúc
    assert key["Người theo tôn giáo"] == ["3", "25,00%", "0", "–"]
    units = {row[0]: row[1] for row in _table_with(tables, "Đơn vị")[1:]}
    assert units == {
        "Đảng bộ xã Ea Kuăng / Chi bộ thôn 1": "3",
        "Đảng bộ xã Ea Kuăng / Chi bộ thôn 2": "4",
        "Đảng bộ xã Ea Phê / Chi bộ thôn 1": "3",
        "Đảng bộ xã Ea Phê / Chi bộ thôn 2": "2",
        "TỔNG CỘNG": "12",
    }
    theory = next(
        t
        for t in tables
        if any(r[0] == "Sơ cấp" for r in t[1:]) and any(r[0] == "Cao cấp, cử nhân" for r in t[1:])
    )
    assert {r[0]: r[1] for r in theory[1:]} == {
        "Chưa qua đào tạo": "7",
        "Sơ cấp": "4",
        "Trung cấp": "1",
        "Cao cấp, cử nhân": "0",
        "Không rõ": "0",
    }


def test_document_cells_equal_the_json_model(roster: Path) -> None:
    """Every unit row and every headline of the document is the JSON's number."""
    report = dvstat.summarize(roster, year=2025, as_of=AS_OF)
    data = report.to_dict()
    _, tables = _document(dvstat.render(report, "docx", day=AS_OF))
    units = {row[0]: row[1:] for row in _table_with(tables, "Đơn vị")[1:]}
    for unit in data["units"]:
        cells = units[unit["label"]]
        assert [int(c) for c in cells[:5]] == [
            unit["total"],
            unit["highlights"]["female"]["count"],
            unit["highlights"]["minority"]["count"],
            unit["highlights"]["religious"]["count"],
            unit["highlights"]["youth_union"]["count"],
        ]
    key = {row[0]: row[1] for row in _table_with(tables, "Chỉ tiêu")[1:]}
    titles = {
        "total": "Tổng số",
        "female": "Nữ",
        "minority": "Dân tộc thiểu số",
        "religious": "Người theo tôn giáo",
        "youth_union": "Đoàn viên",
        "aged_18_30": "Tuổi 18–30",
        "university_or_higher": "Đại học trở lên",
    }
    for code, title in titles.items():
        assert int(key[title]) == data["highlights"][code]["count"]


def test_the_party_format_frame(roster: Path) -> None:
    paragraphs, tables = _document(_summary_docx(roster))
    frame = tables[0]  # the heading block: committees left, the Party and date right
    assert frame[0][0] == "ĐẢNG BỘ TỈNH ĐẮK LẮKĐẢNG ỦY XÃ EA PHÊ*Số 15-BC/ĐU"
    assert frame[0][1] == "ĐẢNG CỘNG SẢN VIỆT NAMEa Phê, ngày 22 tháng 11 năm 2026"
    assert paragraphs[1:3] == ["BÁO CÁO", "kết quả kết nạp đảng viên mới năm 2025"]
    signature = next(t for t in tables if t[0][0].startswith("Nơi nhận:"))
    assert signature[0][0] == ("Nơi nhận:- Ban Tổ chức Tỉnh ủy,- Lưu Văn phòng Đảng ủy.")
    assert signature[0][1] == "T/M BAN THƯỜNG VỤPHÓ BÍ THƯY Bhim Niê"
    # the committee writes its assessment under the headings left for it; the row
    # reconciliation leaves the filed body for the annex after the signature, which has no
    # rows to check here
    heads = ["ĐÁNH GIÁ CHUNG", "1. Ưu điểm", "2. Hạn chế và nguyên nhân"]
    assert [p for p in paragraphs if p in heads] == heads
    annex = paragraphs.index("PHỤ LỤC: ĐỐI CHIẾU SỐ DÒNG VÀ CÁC DÒNG CẦN KIỂM TRA")
    reconciliation = next(i for i, p in enumerate(paragraphs) if p.startswith("Đọc "))
    assert paragraphs.index("PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI") < annex < reconciliation
    assert not [t for t in tables if t and t[0][:2] == ["TT", "Mức độ"]]


def test_the_appendix_lists_each_row_to_check_at_its_place(roster: Path, tmp_path: Path) -> None:
    from conftest import make_xlsx, member

    extra = make_xlsx(
        tmp_path / "them.xlsx",
        {
            "CB": [
                member(name="", admitted="01/06/2025"),
                member(name="Lý Văn Tư", education="5/12", admitted="02/06/2025"),
            ]
        },
    )
    report = dvstat.summarize([roster, extra], year=2025, as_of=AS_OF)
    paragraphs, tables = _document(dvstat.render(report, "docx", day=AS_OF))
    assert "PHỤ LỤC: ĐỐI CHIẾU SỐ DÒNG VÀ CÁC DÒNG CẦN KIỂM TRA" in paragraphs
    appendix = _table_with(tables, "TT")
    assert [row[:2] for row in appendix[1:]] == [["1", "Lỗi"], ["2", "Cảnh báo"]]
    assert appendix[1][2].startswith("Tệp 'them.xlsx', sheet 'CB', dòng 2")
    assert "dòng 3, cột 'Trình độ văn hóa': trình độ '5/12' dưới THCS" in appendix[2][2]


def test_missing_heading_parts_are_dotted_placeholders() -> None:
    context = heading_context(ReportHeading(), None, date(2026, 2, 5), "vi")
    assert context["date_line"] == "……………, ngày 05 tháng 02 năm 2026"
    assert context["number"] == "……………-BC/……………"
    assert context["signer_name"] == "……………" and context["recipients"] == ["……………"]
    march = heading_context(
        ReportHeading(place="Ea Phê"), "Đảng bộ xã Ea Phê", date(2026, 3, 9), "vi"
    )
    assert march["date_line"] == "Ea Phê, ngày 09 tháng 3 năm 2026"
    context = heading_context(ReportHeading(), "Đảng bộ xã Ea Phê", date(2026, 11, 22), "en")
    assert context["issuer"] == "ĐẢNG BỘ XÃ EA PHÊ"
    assert context["date_line"] == "……………, 22 November 2026"


def test_every_report_renders_as_a_document(roster: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "Đơn vị;Năm;Chỉ tiêu\nĐảng bộ xã Ea Phê / Chi bộ thôn 1;2025;4\nTổng cộng;2025;15\n",
        encoding="utf-8",
    )
    quota = dvstat.quota(roster, plan=plan, year=2025, as_of=AS_OF)
    paragraphs, tables = _document(dvstat.render(quota, "docx", day=AS_OF))
    # 12 of 15 = 80,00%; Ea Phê / thôn 1: 3 of 4 = 75,00%
    assert any("kết nạp 12 đảng viên mới, đạt 80,00% chỉ tiêu (15)" in p for p in paragraphs)
    rows = {r[0]: r for r in _table_with(tables, "Đơn vị")[1:]}
    assert rows["Đảng bộ xã Ea Phê / Chi bộ thôn 1"][1:4] == ["4", "3", "75,00%"]
    assert rows["TỔNG CỘNG"][1:4] == ["15", "12", "80,00%"]
    # 80 % on a scale to 150 % (exceeding shows) of 10 characters: 5,33 -> 5 and 3 eighths
    assert rows["TỔNG CỘNG"][4] == "█████▍"
    members = dvstat.members(roster, cut_off=date(2025, 12, 31), as_of=AS_OF)
    paragraphs, _ = _document(dvstat.render(members, "docx", day=AS_OF))
    assert any("tổng số đảng viên toàn đảng bộ là 14 đồng chí" in p for p in paragraphs)


def test_report_in_a_new_workspace_writes_the_word_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_app(["init", str(tmp_path / "ws"), "--lang", "vi"]) == 0
    monkeypatch.chdir(tmp_path / "ws")
    assert Path("templates/bao-cao.docx").is_file()  # users copy and edit it
    args = ["report", "--period", "2025", "--as-of", "2026-11-22", "--quiet"]
    assert run_app(args) == 0
    first = Path("bao-cao/2025-tong-hop.docx").read_bytes()
    data = json.loads(Path("bao-cao/2025-tong-hop.json").read_text(encoding="utf-8"))
    paragraphs, tables = _document(first)
    assert any(f"kết nạp {data['total']} đảng viên mới" in p for p in paragraphs)
    assert tables[0][0][0].startswith("ĐẢNG BỘ TỈNH LÀO CAIĐẢNG ỦY XÃ TÂN LẬP")
    units = {row[0]: row[1] for row in _table_with(tables, "Đơn vị")[1:]}
    assert {u["label"]: str(u["total"]) for u in data["units"]}.items() <= units.items()
    assert run_app(args) == 0
    assert Path("bao-cao/2025-tong-hop.docx").read_bytes() == first  # same inputs, same bytes


def test_an_undefined_name_names_the_template_and_the_paragraph(
    roster: Path, tmp_path: Path
) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Số liệu: {{ so_lieu_khong_co }}")
    document.save(tmp_path / "bao-cao.docx")
    report = dvstat.summarize(roster, year=2025, as_of=AS_OF)
    with pytest.raises(TemplateError) as caught:
        dvstat.render(report, "docx", settings=Settings(templates=tmp_path), day=AS_OF)
    message = caught.value.vi
    assert "Mẫu 'bao-cao.docx', đoạn 2 ('Số liệu: {{ so_lieu_khong_co }}')" in message
    assert "so_lieu_khong_co" in message.split(":", 2)[-1]


def test_a_file_that_is_not_a_document_is_one_error(roster: Path, tmp_path: Path) -> None:
    (tmp_path / "bao-cao.docx").write_bytes(b"PK\x03\x04 not really a zip")
    report = dvstat.summarize(roster, year=2025, as_of=AS_OF)
    with pytest.raises(TemplateError) as caught:
        dvstat.render(report, "docx", settings=Settings(templates=tmp_path), day=AS_OF)
    assert "Mẫu 'bao-cao.docx' không phải tệp Word (.docx) đọc được" in caught.value.vi


def test_the_form_has_the_theory_rows_the_date_line_and_the_signers(roster: Path) -> None:
    from openpyxl import load_workbook

    report = dvstat.summarize(roster, year=2025, as_of=AS_OF)
    data = dvstat.render(report, "xlsx", settings=Settings(report=HEADING), day=AS_OF)
    form = load_workbook(io.BytesIO(data))["Biểu 2A - Mới kết nạp"]
    rows = {r[1].value: r for r in form.iter_rows(min_row=9) if r[1].value}
    assert rows["Lý luận chính trị"][0].value == "II.5"
    values = [r[2].value for r in form.iter_rows(min_row=9)]
    labels = [r[1].value for r in form.iter_rows(min_row=9)]
    start = labels.index("Lý luận chính trị")
    assert list(zip(labels[start + 1 : start + 6], values[start + 1 : start + 6], strict=True)) == [
        ("Sơ cấp", 4),
        ("Trung cấp", 1),
        ("Cao cấp, cử nhân", 0),
        ("Chưa qua đào tạo", 7),
        ("Không rõ", 0),
    ]
    texts = [c.value for row in form.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Ea Phê, ngày 22 tháng 11 năm 2026" in texts
    assert "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ" in texts and "Y Bhim Niê" in texts
    assert "NGƯỜI LẬP BIỂU" in texts and "……………" in texts  # no preparer named
    assert form.page_setup.paperSize == 9  # A4
    assert form.print_area is not None and form.print_area.endswith(f"$E${form.max_row}")


@pytest.mark.parametrize(
    ("value", "bar"),
    [
        (None, ""),
        (0, ""),
        (50, "█" * 10),
        (100, "█" * 20),
        (150, "█" * 20),
        (2.5, "▌"),
        (0.6, "▏"),
        (0.3, ""),
        (51.25, "█" * 10 + "▎"),
        (-5, ""),
    ],
)
def test_text_bars(value: float | None, bar: str) -> None:
    # 20 characters of 8 eighths for 100: 2,5 -> 4 eighths; 0,6 -> 0,96 -> 1; 0,3 -> 0,48
    # -> 0; 51,25 -> 82 eighths = 10 blocks and 2 eighths
    assert number_filters("vi")["bar"](value) == bar


def test_misplaced_key_after_the_report_table(tmp_path: Path) -> None:
    from dvstat.errors import ConfigError
    from dvstat.readers.config import load_settings

    path = tmp_path / "dvstat.toml"
    path.write_text('[report]\nplace = "Ea Phê"\ncache = false\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert "'cache' nằm trong bảng [report]" in caught.value.vi
    path.write_text('[report]\nsigner = "A"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert "Khóa lạ trong [report]: signer" in caught.value.vi
    path.write_text('[report]\nplace = "Ea Phê"\nrecipients = "Lưu"\n', encoding="utf-8")
    assert load_settings(path).report == ReportHeading(place="Ea Phê", recipients=("Lưu",))


def test_docx_needs_an_output_file(roster: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_app(["summarize", str(roster), "--format", "docx"]) == 2
    assert re.search(r"-o FILE", capsys.readouterr().err)


def test_control_characters_in_cells_and_file_names_render(tmp_path: Path) -> None:
    """A CSV may carry control characters (and a file name too): every format renders, and
    the texts print without them."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dot\x01tam.csv").write_text(
        "Họ và tên,Ngày sinh,Giới tính,Dân tộc,Tôn giáo,Trình độ văn hóa,Ngày kết nạp,Chi bộ\n"
        "An\x07 Văn,01/02/1995,Nam,Kinh,Không,12/12,15/03/2025,Chi bộ\x01 thôn <1> & 2\n"
        "Bình,01/02/1995,Nam,Kinh,Không,5/12,16/03/2025,Chi bộ\x01 thôn <1> & 2\n",
        encoding="utf-8",
    )
    report = dvstat.summarize(folder, year=2025, as_of=AS_OF)
    assert [u.label for u in report.units] == ["Chi bộ thôn <1> & 2"]
    _, tables = _document(dvstat.render(report, "docx", day=AS_OF))
    units = {row[0]: row[1] for row in _table_with(tables, "Đơn vị")[1:]}
    assert units["Chi bộ thôn <1> & 2"] == "2"
    appendix = _table_with(tables, "TT")
    assert appendix[1][2].startswith("Tệp 'dottam.csv', dòng 3")
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(dvstat.render(report, "xlsx", day=AS_OF)))
    issues = workbook["Vấn đề, dòng bị loại"]
    assert [c.value for c in issues[5]][2] == "dottam.csv"
    assert "dottam.csv" in dvstat.render(report, "markdown", day=AS_OF).decode()
