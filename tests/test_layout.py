"""Header and footer detection on grids built in code (no files)."""

from __future__ import annotations

from dvstat import layout, schema

INDEX = schema.header_alias_index()


def test_single_header_below_title_rows() -> None:
    grid = [["ĐẢNG BỘ XÃ A"], [], ["DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP NĂM 2025"], [],
            ["TT", "Họ và tên", "Ngày sinh", "Dân tộc", "Ngày vào Đảng"], [1, "A", "", "", ""]]
    found = layout.locate_header(grid, INDEX)
    assert found is not None
    assert found.header_rows == (4,)
    assert found.columns == {schema.FULL_NAME: 1, schema.BIRTH_DATE: 2, schema.ETHNICITY: 3,
                             schema.ADMISSION_DATE: 4}
    assert found.data_start == 5


def test_two_row_header_with_nam_nu_birth_pair_and_merged_group() -> None:
    grid = [["TT", "Họ và tên", "Ngày, tháng, năm sinh", "", "Trình độ", "", "",
             "Ngày kết nạp"],
            ["", "", "Nam", "Nữ", "GDPT", "CMNV", "LLCT", ""],
            [1, "Nguyễn Văn A", "01/01/1990", "", "12/12", "ĐH", "", "01/01/2025"]]
    found = layout.locate_header(grid, INDEX)
    assert found is not None
    assert found.header_rows == (0, 1)
    assert found.columns[schema.BIRTH_MALE] == 2
    assert found.columns[schema.BIRTH_FEMALE] == 3
    assert found.columns[schema.GENERAL_EDUCATION] == 4
    assert found.columns[schema.PROFESSIONAL] == 5
    assert found.columns[schema.POLITICAL_THEORY] == 6
    assert found.columns[schema.ADMISSION_DATE] == 7
    assert found.headers[schema.BIRTH_FEMALE] == "Ngày, tháng, năm sinh / Nữ"


def test_a_data_row_saying_nam_is_not_taken_for_a_sub_header() -> None:
    grid = [["Họ và tên", "Giới tính", "Dân tộc", "Ngày kết nạp"],
            ["Nguyễn Văn A", "Nam", "Kinh", "01/01/2025"]]
    found = layout.locate_header(grid, INDEX)
    assert found is not None and found.header_rows == (0,)
    assert found.columns[schema.GENDER] == 1


def test_no_header_gives_none() -> None:
    assert layout.locate_header([["Ghi chú"], ["abc", "def"]], INDEX) is None


def test_header_text_with_parenthesised_hint_still_matches() -> None:
    grid = [["Họ và tên", "Ngày kết nạp (dd/mm/yyyy)", "Dân tộc (ghi rõ)"]]
    found = layout.locate_header(grid, INDEX)
    assert found is not None
    assert found.columns[schema.ADMISSION_DATE] == 1
    assert found.columns[schema.ETHNICITY] == 2


def test_numbering_row_and_footer_kinds() -> None:
    assert layout.is_numbering_row(["(1)", "(2)", "(3)", "(4)"])
    assert layout.is_numbering_row([1, 2, 3, 4.0])
    assert not layout.is_numbering_row([1, "Nguyễn Văn A", "Kinh"])
    assert layout.footer_kind(["Tổng cộng: 25 đồng chí"]) == "total"
    assert layout.footer_kind(["Cộng"]) == "total"
    assert layout.footer_kind(["NGƯỜI LẬP BIỂU", "T/M CHI ỦY"]) == "signature"
    assert layout.footer_kind(["Tân Lập, ngày 05 tháng 01 năm 2027"]) == "signature"
    assert layout.footer_kind(["Công Văn Định"]) is None
    assert layout.footer_kind(["Nguyễn Văn A", "Kinh", "Không", "12/12", "ĐH"]) is None
