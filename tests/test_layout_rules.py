"""What a row of a roster is (``dvstat.layout``), row texts written out by hand: the
numbering row under a header, totals and subtotals in their words, sections with their
numbering depth, the count a total states, two-row headers split by gender."""

from __future__ import annotations

import pytest

from dvstat import schema
from dvstat.layout import (
    STRUCTURE_MAX_TEXTS,
    RowKind,
    SheetStructure,
    _map_double,
    _map_single,
    cell_text,
    classify_row,
    is_numbering_row,
    locate_header,
    sheet_structure,
)
from dvstat.schema import header_alias_index


def test_a_numbering_row_has_three_numbered_cells_or_more() -> None:
    assert is_numbering_row(["(1)", "(2)", "(3)"])
    assert is_numbering_row([1, 2, 3, None, 4])
    assert not is_numbering_row(["(1)", "(2)"])  # two: not enough
    assert not is_numbering_row(["(1)", "(2)", "Họ và tên"])
    assert not is_numbering_row(["100", "101", "102"])  # row numbers are one or two digits


@pytest.mark.parametrize(
    ("texts", "kind", "number"),
    [
        (["Tổng cộng", "61"], "total", 61),
        (["TOTAL: 12"], "total", 12),
        (["Total 12 members"], "total", 12),
        (["Cộng toàn đảng bộ: 40"], "total", 40),
        (["Cộng chung", "", "8 đồng chí"], "total", 8),
        (["Danh sách có 1.481 đồng chí."], "total", 1481),
        (["Cộng: 31"], "subtotal", 31),
        (["Cộng chi bộ thôn 3: 31"], "subtotal", 31),
        (["Cộng", "5", "7"], "subtotal", None),  # two counts: none stated
        (["12", "Tổng số"], "total", 12),  # the count in the STT column
        (["12", "Tổng số", "3"], "total", None),  # two whole numbers: none stated
    ],
)
def test_totals_and_subtotals(texts: list[str], kind: str, number: int | None) -> None:
    found = classify_row(texts)
    assert found is not None and (found.kind, found.number) == (kind, number)


def test_a_subtotal_names_the_unit_it_closes() -> None:
    assert classify_row(["Cộng chi bộ thôn 3: 31"]) == RowKind("subtotal", unit="chi_bo", number=31)
    assert classify_row(["Cộng đảng bộ xã A"]) == RowKind("subtotal", unit="dang_bo")
    assert classify_row(["Cộng"]) == RowKind("subtotal", unit="")


def test_sections_and_their_depth() -> None:
    assert classify_row(["I. ĐẢNG BỘ XÃ EA PHÊ"]) == RowKind(
        "section", depth=1, unit="dang_bo", name="ĐẢNG BỘ XÃ EA PHÊ"
    )
    assert classify_row(["1. Chi bộ thôn 3"]) == RowKind(
        "section", depth=2, unit="chi_bo", name="Chi bộ thôn 3"
    )
    assert classify_row(["1.2. Chi bộ thôn 3"]) == RowKind(
        "section", depth=3, unit="chi_bo", name="Chi bộ thôn 3"
    )
    assert classify_row(["a) Chi bộ thôn 3"]) == RowKind(
        "section", depth=3, unit="chi_bo", name="Chi bộ thôn 3"
    )
    assert classify_row(["- Chi bộ thôn 3"]) == RowKind(
        "section", depth=3, unit="chi_bo", name="Chi bộ thôn 3"
    )
    assert classify_row(["II", "Chi bộ Trường THPT"]) == RowKind(
        "section", depth=1, unit="chi_bo", name="Chi bộ Trường THPT"
    )
    assert classify_row(["3.", "Chi bộ cơ sở Trạm y tế."]) == RowKind(
        "section", depth=2, unit="chi_bo_co_so", name="Chi bộ cơ sở Trạm y tế"
    )
    assert classify_row(["Chi bộ A"]) == RowKind("section", depth=0, unit="chi_bo", name="Chi bộ A")
    assert classify_row(["Nguyễn Văn An"]) is None  # a name, not a unit
    assert classify_row(["1", "Chi bộ A", "x"]) is None  # three texts: a member row


def test_signatures_only_in_short_rows() -> None:
    short = ["Người lập biểu"] + [""] * (STRUCTURE_MAX_TEXTS - 1)
    assert classify_row(short) == RowKind("signature")
    wide = ["Người lập biểu", "a", "b", "c", "d"]  # five texts: more than a signature holds
    assert len(wide) == STRUCTURE_MAX_TEXTS + 1
    assert classify_row(wide) is None
    assert classify_row(["12", "34"]) is None  # row numbers only


def test_a_two_row_header_split_by_gender() -> None:
    index = header_alias_index()
    top = ["Họ và tên", "Ngày sinh", None, "Giới tính", None]
    sub = [None, "Nam", "Nữ", "Nam", "Nữ"]
    found = _map_double(top, sub, index)
    assert found == {
        0: (schema.FULL_NAME, "Họ và tên"),
        1: (schema.BIRTH_MALE, "Ngày sinh / Nam"),
        2: (schema.BIRTH_FEMALE, "Ngày sinh / Nữ"),
        3: (schema.MARK_MALE, "Giới tính / Nam"),
        4: (schema.MARK_FEMALE, "Giới tính / Nữ"),
    }
    # a sub-column under no group, and a group that ends where a column is empty
    found = _map_double(["Dân tộc", None, "Tôn giáo"], ["", "", "Không"], index)
    assert found[0][0] == schema.ETHNICITY and 1 not in found


def _structure(texts: list[str]) -> SheetStructure:
    """The structure of rows given as one text each (position = index)."""
    return sheet_structure([(i, classify_row([t])) for i, t in enumerate(texts)])


def test_units_set_by_unnumbered_sections() -> None:
    """Unnumbered: a đảng bộ is depth 1, a chi bộ or a đảng bộ bộ phận depth 2; a chi bộ
    cơ sở is its own organization and branch; a chi bộ beside đảng bộ sections at the top
    is a chi bộ cơ sở too."""
    found = _structure(
        [
            "Đảng bộ xã A",  # 0: the organization
            "Chi bộ thôn 1",  # 1: a branch of A
            "member",  # 2
            "Đảng bộ bộ phận khối cơ quan",  # 3: a group under A
            "Chi bộ cơ sở Trạm y tế",  # 4: its own organization and branch
            "member",  # 5
            "Cộng: 1",  # 6
            "Tổng cộng: 2",  # 7
            "Người lập biểu",  # 8: the signature: footer from here
            "Cộng: 9",  # 9: in the footer, not a check
        ]
    )
    assert found.units == [
        (0, None, "Đảng bộ xã A", None),
        (1, None, "Đảng bộ xã A", "Chi bộ thôn 1"),
        (3, None, "Đảng bộ xã A", None),
        (4, None, "Chi bộ cơ sở Trạm y tế", "Chi bộ cơ sở Trạm y tế"),
    ]
    assert found.sections == 4
    assert found.dropped == [0, 1, 3, 4, 6, 7, 8, 9]
    assert found.footer == [7, 8, 9]
    # 'Cộng: 1' counts the innermost open section (4), or those enclosing it, or all since
    # the start; the total all of the sheet
    assert found.checks == [(6, 1, (4, -1)), (7, 2, (-1,))]


def test_a_dang_bo_with_organizations_under_it_is_their_parent() -> None:
    found = _structure(
        [
            "I. Đảng bộ huyện X",  # 0: has đảng bộ under it: the parent
            "1. Đảng bộ xã A",  # 1
            "1.1. Chi bộ thôn 1",  # 2
            "2. Chi bộ cơ sở Trường học",  # 3: a chi bộ cơ sở under the parent
            "II. Đảng bộ xã B",  # 4: nothing nested: an organization
            "1. Chi bộ thôn 2",  # 5
        ]
    )
    assert found.units == [
        (0, "Đảng bộ huyện X", None, None),
        (1, "Đảng bộ huyện X", "Đảng bộ xã A", None),
        (2, "Đảng bộ huyện X", "Đảng bộ xã A", "Chi bộ thôn 1"),
        (3, "Đảng bộ huyện X", "Chi bộ cơ sở Trường học", "Chi bộ cơ sở Trường học"),
        (4, None, "Đảng bộ xã B", None),
        (5, None, "Đảng bộ xã B", "Chi bộ thôn 2"),
    ]


def test_a_chi_bo_beside_dang_bo_sections_at_the_top_is_its_own_organization() -> None:
    found = _structure(["Đảng bộ xã A", "Chi bộ thôn 1", "I. Chi bộ Trường học"])
    assert found.units == [
        (0, None, "Đảng bộ xã A", None),
        (1, None, "Đảng bộ xã A", "Chi bộ thôn 1"),
        (2, None, "Chi bộ Trường học", "Chi bộ Trường học"),  # depth 1, like the đảng bộ
    ]


def test_subtotals_close_the_section_they_name() -> None:
    found = _structure(
        [
            "Đảng bộ xã A",  # 0
            "Chi bộ thôn 1",  # 1
            "m",  # 2
            "Cộng chi bộ: 1",  # 3: closes thôn 1
            "Chi bộ thôn 2",  # 4
            "m",  # 5
            "Cộng đảng bộ: 2",  # 6: closes A (and thôn 2 inside it)
            "Cộng: 5",  # 7: nothing open: everything since the last check
        ]
    )
    assert found.checks == [(3, 1, (1,)), (6, 2, (0,)), (7, 5, (6,))]


def test_a_branch_at_the_depth_of_another_organization_stays_a_branch() -> None:
    """Thôn 1 sits at depth 2 under xã A; xã C is at depth 2 under another parent: thôn 1
    is still A's branch, not an organization of its own."""
    found = _structure(
        [
            "I. Đảng bộ xã A",
            "1. Chi bộ thôn 1",
            "II. Đảng bộ huyện Y",
            "1. Đảng bộ xã C",
        ]
    )
    assert found.units[1] == (1, None, "Đảng bộ xã A", "Chi bộ thôn 1")
    assert found.units[3] == (3, "Đảng bộ huyện Y", "Đảng bộ xã C", None)
    # under a chi bộ cơ sở the same: a branch of it, not an organization of its own
    found = _structure(
        ["I. Chi bộ cơ sở X", "1. Chi bộ Y", "II. Đảng bộ huyện Z", "1. Đảng bộ xã W"]
    )
    assert found.units[1] == (1, None, "Chi bộ cơ sở X", "Chi bộ Y")


def test_a_chi_bo_co_so_under_a_dang_bo_makes_it_the_parent() -> None:
    found = _structure(["I. Đảng bộ huyện X", "1. Chi bộ cơ sở Trường học"])
    assert found.units == [
        (0, "Đảng bộ huyện X", None, None),
        (1, "Đảng bộ huyện X", "Chi bộ cơ sở Trường học", "Chi bộ cơ sở Trường học"),
    ]


def test_a_subtotal_naming_a_unit_not_open_counts_the_innermost_section() -> None:
    found = _structure(["Đảng bộ xã A", "m", "Cộng chi bộ: 1"])
    assert found.checks == [(2, 1, (0, -1))]


def test_two_row_headers_name_fields_by_group_and_sub_column() -> None:
    index = header_alias_index()
    # 'NN' beside the other qualifications under 'Trình độ' is the foreign language
    found = _map_double(["Trình độ", None, None, None], ["GDPT", "CMNV", "LLCT", "NN"], index)
    assert found[3] == (schema.FOREIGN_LANGUAGE, "NN")
    # elsewhere 'NN' is read as an occupation word
    assert _map_double(["Khác", None], ["", "NN"], index) == {1: (schema.OCCUPATION, "NN")}
    # a sub-column named only with its group; a top cell over a sub-cell that names nothing
    found = _map_double(["Ngày", None, "Họ và tên"], ["vào Đảng", "chính thức", "A"], index)
    assert found[0] == (schema.ADMISSION_DATE, "vào Đảng")
    assert found[1] == (schema.OFFICIAL_DATE, "chính thức")
    assert found[2] == (schema.FULL_NAME, "Họ và tên")
    # a field met twice is kept where it is met first
    found = _map_double(["Họ và tên", "Họ tên", "Dân tộc"], ["", "", ""], index)
    assert found == {0: (schema.FULL_NAME, "Họ và tên"), 2: (schema.ETHNICITY, "Dân tộc")}


INDEX = header_alias_index()
THREE = ["Họ và tên", "Ngày sinh", "Dân tộc"]  # the fewest fields a header maps


def test_the_header_scan_reaches_its_last_row_and_the_row_below_it() -> None:
    grid = [["DANH SÁCH"], ["x"], THREE, ["Nguyễn Văn A", "01/02/1990", "Kinh"]]
    found = locate_header(grid, INDEX, scan=3)
    assert found is not None and found.header_rows == (2,)
    assert locate_header(grid, INDEX, scan=2) is None  # row 2 lies beyond two rows
    # a two-row header whose top is the last row scanned takes the row below it
    two = [
        ["DANH SÁCH"],
        ["TT", "Họ và tên", "Ngày, tháng, năm sinh", "", "Ngày kết nạp"],
        ["", "", "Nam", "Nữ", ""],
    ]
    found = locate_header(two, INDEX, scan=2)
    assert found is not None and found.header_rows == (1, 2)
    assert found.columns == {
        schema.FULL_NAME: 1,
        schema.BIRTH_MALE: 2,
        schema.BIRTH_FEMALE: 3,
        schema.ADMISSION_DATE: 4,
    }


def test_a_header_needs_the_name_and_two_more_fields() -> None:
    assert locate_header([["Họ và tên", "Ngày sinh"]], INDEX) is None
    assert locate_header([["Ngày sinh", "Dân tộc", "Ngày kết nạp"]], INDEX) is None
    found = locate_header([THREE], INDEX)
    assert found is not None and set(found.columns) == {
        schema.FULL_NAME,
        schema.BIRTH_DATE,
        schema.ETHNICITY,
    }


def test_a_top_row_too_short_alone_is_a_header_with_the_row_below() -> None:
    grid = [["Họ và tên", "Ngày, tháng, năm sinh", ""], ["", "Nam", "Nữ"]]
    found = locate_header(grid, INDEX)
    assert found is not None and found.header_rows == (0, 1)
    assert found.columns == {schema.FULL_NAME: 0, schema.BIRTH_MALE: 1, schema.BIRTH_FEMALE: 2}


def test_of_two_equal_headers_the_first_is_taken() -> None:
    found = locate_header([THREE, THREE, ["Nguyễn Văn A", "01/02/1990", "Kinh"]], INDEX)
    assert found is not None and found.header_rows == (0,)


def test_a_field_named_twice_in_a_row_keeps_its_first_column() -> None:
    assert _map_single(["Họ và tên", "Họ và tên", "Ngày sinh"], INDEX) == {
        0: (schema.FULL_NAME, "Họ và tên"),
        2: (schema.BIRTH_DATE, "Ngày sinh"),
    }


def test_a_two_row_header_of_rows_of_different_lengths() -> None:
    # the top row ends before the sub-header: its last group still covers what follows
    assert _map_double(["TT", "Họ và tên", "Ngày sinh"], ["", "", "Nam", "Nữ"], INDEX) == {
        1: (schema.FULL_NAME, "Họ và tên"),
        2: (schema.BIRTH_MALE, "Ngày sinh / Nam"),
        3: (schema.BIRTH_FEMALE, "Ngày sinh / Nữ"),
    }
    # 'Nam' / 'Nữ' under a group that is neither birth nor gender: marks, named alone
    assert _map_double(["Họ và tên", "Ghi chú", ""], ["", "Nam", "Nữ"], INDEX) == {
        0: (schema.FULL_NAME, "Họ và tên"),
        1: (schema.MARK_MALE, "Nam"),
        2: (schema.MARK_FEMALE, "Nữ"),
    }


@pytest.mark.parametrize(
    ("texts", "depth", "name"),
    [
        (["ii", "Chi bộ thôn 2"], 1, "Chi bộ thôn 2"),  # a lower-case roman number
        (["X.", "Chi bộ thôn 10"], 1, "Chi bộ thôn 10"),  # ten, with its dot
        (["IX)", "Chi bộ thôn 9"], 1, "Chi bộ thôn 9"),
        (["b", "Chi bộ thôn 2"], 3, "Chi bộ thôn 2"),  # a letter in its own cell
        (["đ)", "Chi bộ thôn 5"], 3, "Chi bộ thôn 5"),
        (["1.1.1.", "Chi bộ thôn 1"], 4, "Chi bộ thôn 1"),
        (["1.1.1. Chi bộ thôn 1"], 4, "Chi bộ thôn 1"),
    ],
)
def test_a_section_numbered_in_its_own_cell(texts: list[str], depth: int, name: str) -> None:
    assert classify_row(texts) == RowKind("section", depth=depth, unit="chi_bo", name=name)


def test_a_count_after_the_first_colon_and_a_note_whose_count_is_in_another_cell() -> None:
    assert classify_row(["Cộng: đảng viên: 31"]) == RowKind("subtotal", unit="", number=31)
    assert classify_row(["Cộng: 31: (5 dự bị)"]) == RowKind("subtotal", unit="", number=31)
    # 'Danh sách có … đồng chí' with the count written beside it
    assert classify_row(["Danh sách có ... đồng chí", "12"]) == RowKind("total", number=12)


def test_a_header_cell_is_cut_at_a_thousand_characters() -> None:
    assert cell_text("a" * 1001) == "a" * 1000
    assert cell_text("a" * 1000) == "a" * 1000
    assert cell_text("  Họ và tên ") == "Họ và tên"
    assert cell_text(None) == ""
