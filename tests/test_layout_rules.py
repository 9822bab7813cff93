"""What a row of a roster is (``dvstat.layout``), row texts written out by hand: the
numbering row under a header, totals and subtotals in their words, sections with their
numbering depth, the count a total states, two-row headers split by gender."""

from __future__ import annotations

import pytest

from dvstat import schema
from dvstat.layout import (
    STRUCTURE_MAX_TEXTS,
    RowKind,
    _map_double,
    classify_row,
    is_numbering_row,
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
