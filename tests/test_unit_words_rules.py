"""Unit words (``dvstat.unit_words``) by hand: the kind a name starts with, abbreviations
written out, titles in the usual case, the organization a committee stands for, the units
a title names, names compared across sources, an organization's type."""

from __future__ import annotations

import pytest

from dvstat.unit_words import (
    comparable,
    display_name,
    expand,
    is_branch_name,
    is_generic_sheet,
    names_organization,
    organization_of,
    organization_type,
    title_units,
    unit_kind,
)


def test_the_kind_a_name_starts_with() -> None:
    assert unit_kind("Đảng bộ xã A") == "dang_bo"
    assert unit_kind("Chi bộ thôn 1") == "chi_bo"
    assert unit_kind("Chi bộ cơ sở Trạm y tế") == "chi_bo_co_so"
    assert unit_kind("Đảng bộ bộ phận khối cơ quan") == "group"
    assert unit_kind("Chi bộ") is None  # a unit word and nothing after it
    assert unit_kind("Thôn 1") is None
    assert names_organization("Đảng bộ xã A") and names_organization("Chi bộ cơ sở C")
    assert not names_organization("Chi bộ thôn 1")
    assert is_branch_name("Chi bộ thôn 1") and is_branch_name("Chi bộ cơ sở C")
    assert not is_branch_name("Đảng bộ xã A") and not is_branch_name("Tổ 3")


def test_abbreviations_written_out() -> None:
    assert expand("01 CB co quan so 1") == "Chi bộ co quan số 1"
    assert expand("ĐB P. Tân Lập") == "Đảng bộ phường Tân Lập"
    assert expand("dang-bo-xa-a") == "dang bo xa a"
    assert expand("2. CB THCS Tân Lập") == "Chi bộ Trường Trung học cơ sở Tân Lập"
    assert expand("CB THCS Tân Lập", everything=False) == "Chi bộ THCS Tân Lập"
    assert expand("CB Trường THCS A") == "Chi bộ Trường Trung học cơ sở A"  # no second 'Trường'
    assert expand("Tổ so") == "Tổ so"  # 'so' not before a number stays
    assert expand("CB thôn P") == "Chi bộ thôn P"  # a lone last 'P' is a name, not 'phường'


def test_titles_in_the_usual_case() -> None:
    assert display_name("ĐẢNG ỦY XÃ TÂN LẬP") == "Đảng ủy xã Tân Lập"
    assert display_name("CHI BỘ TRƯỜNG THCS TÂN LẬP") == "Chi bộ trường THCS Tân Lập"
    assert display_name("Chi bộ thôn 1") == "Chi bộ thôn 1"  # not all capitals: as written
    assert display_name("Chi bộ Trường THCS Tân Lập") == "Chi bộ Trường THCS Tân Lập"
    assert display_name("123") == "123"


def test_the_organization_a_committee_stands_for() -> None:
    assert organization_of("ĐẢNG ỦY XÃ TÂN LẬP") == "Đảng bộ xã Tân Lập"
    assert organization_of("Đảng ủy Đảng bộ xã A") == "Đảng bộ xã A"
    assert organization_of("Đảng bộ xã A") == "Đảng bộ xã A"


def test_the_units_a_title_names() -> None:
    assert title_units(["ĐẢNG BỘ HUYỆN X", "ĐẢNG ỦY XÃ TÂN LẬP", "DANH SÁCH ĐẢNG VIÊN"]) == (
        "Đảng bộ xã Tân Lập",
        None,
    )
    assert title_units(["DANH SÁCH ĐẢNG VIÊN CỦA CHI BỘ THÔN 3"]) == (None, "Chi bộ thôn 3")
    assert title_units(["ĐẢNG CỘNG SẢN VIỆT NAM", "Danh sách"]) == (None, None)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("CB CQ so 1", "Chi bộ Cơ quan 1"),
        ("Chi bộ  thôn   3", "chi bo thon 3"),
        ("ĐB xã A", "Đảng bộ xã A"),
    ],
)
def test_names_compared_across_sources(first: str, second: str) -> None:
    assert comparable(first) == comparable(second)


def test_comparable_keeps_what_tells_names_apart() -> None:
    assert comparable("Chi bộ thôn 1") != comparable("Chi bộ thôn 2")
    assert comparable("Chi bộ số 1") == comparable("Chi bộ 1")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Đảng bộ xã Tân Lập", "xa"),
        ("Chi bộ Hợp tác xã Tân Tiến", "hop_tac_xa"),  # before 'xã'
        ("Chi bộ Công ty CP Tân Tiến", "dn_ngoai_nha_nuoc"),
        ("Đảng bộ Tổng công ty Điện lực", "dn_nha_nuoc"),
        ("Chi bộ Công an xã", "cong_an"),
        ("Chi bộ Trường THCS", "su_nghiep_cong_lap"),
        ("Đảng bộ phường B", "phuong"),
        ("Chi bộ thôn 1", "khac"),
    ],
)
def test_an_organization_s_type(name: str, code: str) -> None:
    assert organization_type(name) == code


@pytest.mark.parametrize("key", ["X", "TT", "TH", "MN", "CA", "P"])
def test_a_lone_last_short_abbreviation_stays_as_written(key: str) -> None:
    """'CB TT' is a branch named TT, not 'Chi bộ thị trấn'; before a name it is written out."""
    assert expand(f"CB {key}") == f"Chi bộ {key}"


def test_short_abbreviations_before_a_name_are_written_out() -> None:
    assert expand("CB X A") == "Chi bộ xã A"
    assert expand("CB TT A") == "Chi bộ thị trấn A"
    assert expand("CB CA xã") == "Chi bộ công an xã"  # an office word inside a name: small


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Thôn CB", "Thôn Chi bộ"),
        ("Thôn CBCS", "Thôn Chi bộ cơ sở"),
        ("Thôn ĐB", "Thôn Đảng bộ"),
        ("Thôn ĐBCS", "Thôn Đảng bộ cơ sở"),
        ("Thôn ĐU", "Thôn Đảng ủy"),
    ],
)
def test_unit_words_keep_their_capitals_inside_a_name(name: str, shown: str) -> None:
    assert expand(name) == shown


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("CHI BỘ KHU PHỐ IX", "Chi bộ khu phố IX"),
        ("CHI BỘ TỔ DÂN PHỐ XII", "Chi bộ tổ dân phố XII"),
        ("CHI BỘ ẤP IV", "Chi bộ ấp IV"),
        ("CHI BỘ XÓM VI", "Chi bộ xóm VI"),
        ("CHI BỘ KHÓM I", "Chi bộ khóm I"),
        ("CHI BỘ BUÔN ĐĂK", "Chi bộ buôn Đăk"),
        ("CHI BỘ LÀNG XIVA", "Chi bộ làng Xiva"),  # not a roman number: a name
        ("CHI BỘ SÓC XX", "Chi bộ sóc XX"),
        ("CHI BỘ ĐỘI 3", "Chi bộ đội 3"),
        ("CHI BỘ HTX TÂN TIẾN", "Chi bộ HTX Tân Tiến"),  # a three-letter abbreviation
        ("CHI BỘ TDP 5", "Chi bộ TDP 5"),
        ("CHI BỘ CA XÃ", "Chi bộ Ca xã"),  # two letters: a name's word, not 'CA'
    ],
)
def test_a_title_keeps_roman_numbers_and_abbreviations_and_lowers_hamlet_words(
    title: str, shown: str
) -> None:
    assert display_name(title) == shown


def test_the_word_so_is_a_number_before_a_digit_only() -> None:
    assert expand("CB so 1a") == "Chi bộ số 1a"  # the next word starts with a digit
    assert expand("CB so 12") == "Chi bộ số 12"
    assert expand("CB so") == "Chi bộ so"
    assert expand("So Y te") == "So Y te"
    # an abbreviation that starts the name keeps its capital; inside it a place is small
    assert expand("UBND xã Tân Lập") == "Ủy ban nhân dân xã Tân Lập"
    assert expand("CB UBND xã") == "Chi bộ ủy ban nhân dân xã"
    assert expand("P. Tân Lập") == "phường Tân Lập"
    assert expand("ĐB P. Tân Lập") == "Đảng bộ phường Tân Lập"
    assert expand("tt Tân Lập") == "thị trấn Tân Lập"


def test_title_lines_skipped_and_searched_on() -> None:
    # the party's name line is no unit; the next line still is read
    assert title_units(["ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ XÃ TÂN LẬP"]) == (
        "Đảng bộ xã Tân Lập",
        None,
    )
    assert title_units(["ĐẢNG CỘNG SẢN VIỆT NAM - ĐẢNG BỘ HUYỆN X"]) == (None, None)
    # a line naming no unit does not stop the search
    assert title_units(["DANH SÁCH ĐẢNG VIÊN", "CHI BỘ THÔN 3"]) == (None, "Chi bộ thôn 3")
    # a stray combining mark folds away, so the line's positions would not match: not read
    assert title_units(["CHI BỘ THÔN 3\u0305"]) == (None, None)
    assert title_units(["CHI BỘ THÔN 3\u0305", "CHI BỘ THÔN 4"]) == (None, "Chi bộ thôn 4")
    # separators after the name are dropped; a roman number is the name's, not stripped
    assert title_units(["Của Chi bộ thôn 3: -"]) == (None, "Chi bộ thôn 3")
    assert title_units(["CHI BỘ KHU PHỐ IX"]) == (None, "Chi bộ khu phố IX")
    assert title_units(["CHI BỘ CƠ SỞ TRƯỜNG THPT A"]) == ("Chi bộ cơ sở trường THPT A", None)


def test_comparable_values_written_out() -> None:
    assert comparable("Chi bộ số 1") == "chibo1"
    assert comparable("CB CQ so 1") == "chibocoquan1"
    assert comparable("Chi bộ - Số 1") == "chibo1"


@pytest.mark.parametrize(
    ("name", "code"),
    [("Xã Tân Lập", "xa"), ("HTX", "hop_tac_xa"), ("Chi bộ HTX", "hop_tac_xa")],
)
def test_an_organization_type_word_at_either_end(name: str, code: str) -> None:
    assert organization_type(name) == code


@pytest.mark.parametrize(
    "name",
    ["Sheet1", "Sheet 1", "Sheet-2", "sheet", "Trang_tính1", "Trang tính 3", "Trangtinh",
     "Danh sách", "DANH SACH 2", "DS", "DS 2", "ds_3", "Data", "Dữ liệu", "Du lieu 1", "Bảng 3"],
)  # fmt: skip
def test_a_sheet_name_that_names_no_unit(name: str) -> None:
    assert is_generic_sheet(name)


@pytest.mark.parametrize(
    "name",
    ["Chi bộ 3", "Thôn 1", "DS chi bộ 3", "Sheet 1a", "Dsach", "Bảng tổng hợp", "12", ""],
)
def test_a_sheet_name_that_may_name_a_unit(name: str) -> None:
    assert not is_generic_sheet(name)
