"""Header and footer detection on grids built in code (no files)."""

from __future__ import annotations

import pytest

from dvstat import layout, schema

INDEX = schema.header_alias_index()


def test_single_header_below_title_rows() -> None:
    grid = [
        ["ĐẢNG BỘ XÃ A"],
        [],
        ["DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP NĂM 2025"],
        [],
        ["TT", "Họ và tên", "Ngày sinh", "Dân tộc", "Ngày vào Đảng"],
        [1, "A", "", "", ""],
    ]
    found = layout.locate_header(grid, INDEX)
    assert found is not None
    assert found.header_rows == (4,)
    assert found.columns == {
        schema.FULL_NAME: 1,
        schema.BIRTH_DATE: 2,
        schema.ETHNICITY: 3,
        schema.ADMISSION_DATE: 4,
    }
    assert found.data_start == 5


def test_two_row_header_with_nam_nu_birth_pair_and_merged_group() -> None:
    grid = [
        ["TT", "Họ và tên", "Ngày, tháng, năm sinh", "", "Trình độ", "", "", "Ngày kết nạp"],
        ["", "", "Nam", "Nữ", "GDPT", "CMNV", "LLCT", ""],
        [1, "Nguyễn Văn A", "01/01/1990", "", "12/12", "ĐH", "", "01/01/2025"],
    ]
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
    grid = [
        ["Họ và tên", "Giới tính", "Dân tộc", "Ngày kết nạp"],
        ["Nguyễn Văn A", "Nam", "Kinh", "01/01/2025"],
    ]
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


def _kind(texts: list[str]) -> str | None:
    found = layout.classify_row(texts)
    return None if found is None else found.kind


def test_numbering_row_and_footer_kinds() -> None:
    assert layout.is_numbering_row(["(1)", "(2)", "(3)", "(4)"])
    assert layout.is_numbering_row([1, 2, 3, 4.0])
    assert not layout.is_numbering_row([1, "Nguyễn Văn A", "Kinh"])
    assert _kind(["Tổng cộng: 25 đồng chí"]) == "total"
    assert _kind(["Cộng"]) == "subtotal"
    assert _kind(["NGƯỜI LẬP BIỂU", "T/M CHI ỦY"]) == "signature"
    assert _kind(["Tân Lập, ngày 05 tháng 01 năm 2027"]) == "signature"
    # Names that fold like the words of a total row are members, not totals.
    assert _kind(["Công Văn Định"]) is None
    assert _kind(["Tống Sơn Hà"]) is None
    assert _kind(["Nguyễn Văn A", "Kinh", "Không", "12/12", "ĐH"]) is None


@pytest.mark.parametrize(
    ("texts", "number"),
    [
        (["Cộng: 31"], 31),
        (["Cộng", "31"], 31),
        (["31", "Cộng"], 31),
        (["Cộng chi bộ thôn 3: 31"], 31),
        (["Tổng cộng 61 đồng chí"], 61),
        (["Tổng cộng: 61 đồng chí, trong đó nữ 27"], 61),
        (["Cộng"], None),
        (["Cộng", "5", "3", "2"], None),
    ],
)
def test_the_count_a_subtotal_states(texts: list[str], number: int | None) -> None:
    found = layout.classify_row(texts)
    assert found is not None and found.number == number


@pytest.mark.parametrize(
    ("texts", "depth", "unit", "name"),
    [
        (["I. ĐẢNG BỘ XÃ EA PHÊ"], 1, "dang_bo", "ĐẢNG BỘ XÃ EA PHÊ"),
        (["1. Chi bộ thôn 3"], 2, "chi_bo", "Chi bộ thôn 3"),
        (["II", "Chi bộ Trường THPT B"], 1, "chi_bo", "Chi bộ Trường THPT B"),
        (["Chi bộ A"], 0, "chi_bo", "Chi bộ A"),
        (["1.", "Đảng ủy xã A"], 2, "dang_bo", "Đảng ủy xã A"),
        (["IV) Chi bộ cơ sở Trường THPT"], 1, "chi_bo_co_so", "Chi bộ cơ sở Trường THPT"),
        (["a) Đảng bộ bộ phận X"], 3, "group", "Đảng bộ bộ phận X"),
    ],
)
def test_section_rows(texts: list[str], depth: int, unit: str, name: str) -> None:
    found = layout.classify_row(texts)
    assert found is not None
    assert (found.kind, found.depth, found.unit, found.name) == ("section", depth, unit, name)


def test_a_bare_unit_word_is_not_a_section() -> None:
    assert layout.classify_row(["CHI BỘ"]) is None


def _section(text: str) -> layout.RowKind:
    found = layout.classify_row([text])
    assert found is not None
    return found


def test_sections_set_units_and_subtotals_check_their_section() -> None:
    rows = [
        (0, _section("I. Đảng bộ xã A")),
        (1, _section("1. Chi bộ thôn 1")),
        (4, layout.classify_row(["Cộng: 2"])),
        (5, _section("2. Chi bộ thôn 2")),
        (7, layout.classify_row(["Cộng", "1"])),
        (8, layout.classify_row(["Cộng: 3"])),
        (9, _section("II. Chi bộ Trường THPT")),
        (11, layout.classify_row(["Tổng cộng: 4"])),
        (12, layout.classify_row(["NGƯỜI LẬP BIỂU"])),
        (13, None),
    ]
    found = layout.sheet_structure(rows)
    assert found.dropped == [0, 1, 4, 5, 7, 8, 9, 11, 12, 13]
    assert found.footer == [11, 12, 13]
    assert found.units == [
        (0, None, "Đảng bộ xã A", None),
        (1, None, "Đảng bộ xã A", "Chi bộ thôn 1"),
        (5, None, "Đảng bộ xã A", "Chi bộ thôn 2"),
        # beside a 'Đảng bộ' at the top, a 'Chi bộ' is a chi bộ cơ sở
        (9, None, "Chi bộ Trường THPT", "Chi bộ Trường THPT"),
    ]
    # (row, stated, members counted after: the section it closes first, then the sections
    # enclosing it, then the last check): thôn 1 from 1, thôn 2 from 5, the org from 0
    assert found.checks == [
        (4, 2, (1, 0, -1)),
        (7, 1, (5, 0, 4)),
        (8, 3, (0, 7)),
        (11, 4, (-1,)),
    ]


def test_group_rows_k_j_numbering_and_subtotals_of_a_group() -> None:
    rows = [
        (0, _section("A. KHỐI XÃ, THỊ TRẤN")),
        (1, _section("1. Đảng bộ xã A")),
        (2, _section("1.1. Chi bộ thôn 1")),
        (5, _section("1.2. Chi bộ thôn 2")),
        (7, layout.classify_row(["Cộng", "5 đồng chí"])),
        (8, layout.classify_row(["Cộng khối", "5"])),
        (9, _section("B. KHỐI CƠ QUAN")),
        (10, _section("2. Chi bộ cơ quan số 3")),
        (12, layout.classify_row(["Cộng khối: 1"])),
        (13, layout.classify_row(["Danh sách có 6 đồng chí."])),
    ]
    found = layout.sheet_structure(rows)
    assert found.units == [
        (0, "KHỐI XÃ, THỊ TRẤN", None, None),
        (1, "KHỐI XÃ, THỊ TRẤN", "Đảng bộ xã A", None),
        (2, "KHỐI XÃ, THỊ TRẤN", "Đảng bộ xã A", "Chi bộ thôn 1"),
        (5, "KHỐI XÃ, THỊ TRẤN", "Đảng bộ xã A", "Chi bộ thôn 2"),
        (9, "KHỐI CƠ QUAN", None, None),
        (10, "KHỐI CƠ QUAN", "Chi bộ cơ quan số 3", "Chi bộ cơ quan số 3"),
    ]
    # 'Cộng' closes thôn 2 (from 5) or what encloses it; 'Cộng khối' the group from 0;
    # the note is a total of the whole sheet
    assert found.checks == [
        (7, 5, (5, 1, 0, -1)),
        (8, 5, (0,)),
        (12, 1, (9,)),
        (13, 6, (-1,)),
    ]
    assert found.footer == [13]


def test_nested_dang_bo_sections_make_the_outer_one_the_parent() -> None:
    rows = [
        (0, _section("I. Đảng bộ huyện X")),
        (1, _section("1. Đảng bộ xã A")),
        (2, _section("a) Chi bộ thôn 1")),
        (4, _section("2. Đảng bộ xã B")),
    ]
    found = layout.sheet_structure(rows)
    assert found.units == [
        (0, "Đảng bộ huyện X", None, None),
        (1, "Đảng bộ huyện X", "Đảng bộ xã A", None),
        (2, "Đảng bộ huyện X", "Đảng bộ xã A", "Chi bộ thôn 1"),
        (4, "Đảng bộ huyện X", "Đảng bộ xã B", None),
    ]


def test_branch_sections_without_an_organization_are_branches() -> None:
    rows = [(0, _section("I. Chi bộ thôn 1")), (3, _section("II. Chi bộ thôn 2"))]
    assert layout.sheet_structure(rows).units == [
        (0, None, None, "Chi bộ thôn 1"),
        (3, None, None, "Chi bộ thôn 2"),
    ]


def test_only_rows_that_can_be_structure_rows_are_classified(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rows without an admission date but with more than four texts (a candidate, a member
    whose date is missing) are listed without a look; blank rows are not listed; a section
    merged across the table and a total row with many cells are classified."""
    import pandas as pd

    from dvstat.readers import rosters

    looked: list[list[str]] = []
    real = layout.classify_row

    def counting(texts: list[str]) -> layout.RowKind | None:
        looked.append(list(texts))
        return real(texts)

    monkeypatch.setattr(layout, "classify_row", counting)
    person = ["1", "Lò Văn A", "1990", "Nam", "Thái", "Không"]
    body = pd.DataFrame(
        [
            ["I. ĐẢNG BỘ XÃ EA PHÊ"] * 6,  # merged across the table: one text
            person,
            [None, "  ", None, None, None, None],  # blank
            person,
            ["Tổng cộng", "2", "1", "1", "0", "0"],  # a total with six cells
        ],
        dtype=object,
    )
    no_date = pd.Series([True] * 5)
    kinds = rosters._row_kinds(body, no_date)
    assert [(p, k.kind if k else None) for p, k in kinds] == [
        (0, "section"),
        (1, None),
        (3, None),
        (4, "total"),
    ]
    assert looked == [["I. ĐẢNG BỘ XÃ EA PHÊ"], ["Tổng cộng", "2", "1", "0"]]
