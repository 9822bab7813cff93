"""Text cleaning and folding (``dvstat.text``), each value written out by hand, with the
lengths at which a text is cut tested one below, at and one above."""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path

from dvstat.text import (
    MAX_CELL_CHARS,
    NAME_CHARS,
    cell_text,
    clean_text,
    clip,
    fold,
    fold_phrase,
    fold_spaced,
    fold_words,
    readable,
    shown_file,
    shown_name,
    slug,
    strip_accents,
    strip_controls,
    unit_key,
)


def test_clean_text() -> None:
    assert clean_text("  Nguyễn\u200b  Văn\t\nAn  ") == "Nguyễn Văn An"
    assert clean_text("Nguye\u0302\u0303n") == "Nguyễn"  # NFD to NFC
    assert clean_text("'0123") == "0123"  # Excel's text mark
    assert clean_text("' 0123") == "0123"
    assert clean_text("O'Neil") == "O'Neil"  # only a leading apostrophe
    assert clean_text("a\x00b\x1fc\x7fd\x9fe") == "abcde"
    assert clean_text("dòng\x0bmới\x0ctrang") == "dòng mới trang"
    assert clean_text("\u00adsoft\ufeff") == "soft"
    assert clean_text("") == ""


def test_cell_text() -> None:
    assert cell_text(None) is None
    assert cell_text(math.nan) is None
    assert cell_text(True) == "x" and cell_text(False) == ""
    assert cell_text(12.0) == "12" and cell_text(12.5) == "12.5"
    assert cell_text(7) == "7"
    assert cell_text(date(2025, 7, 1)) == "01/07/2025"
    assert cell_text(datetime(2025, 7, 1, 10, 30)) == "01/07/2025"
    assert cell_text("  Kinh ") == "Kinh"


def test_strip_controls_keeps_what_xml_can_hold() -> None:
    assert strip_controls("a\tb\nc\rd") == "a\tb\nc\rd"
    assert strip_controls("a\x08b\x0ec") == "abc"
    assert strip_controls("x\x0by\x0cz") == "x y z"
    assert strip_controls("\ud800ok\udfff\ufffe\uffff") == "ok"
    assert strip_controls("\x80\x85\xa0") == "\xa0"  # C1 removed; no-break space kept


def test_strip_accents_and_fold() -> None:
    assert strip_accents("Đắk Lắk") == "dak lak"
    assert strip_accents("đường") == "duong"
    assert strip_accents("ABC") == "abc"  # plain ASCII: lower case only
    assert fold("Ê - Đê") == "ede"
    assert fold("  Chi   bộ\u200b Thôn 1 ") == "chibothon1"
    assert fold("Kinh") == fold("KINH") == fold("kinh")
    assert fold("12/12") == "1212"


def test_fold_words_and_slug() -> None:
    assert fold_words("Thạc sỹ") == ("thac", "si")
    assert fold_words("Tiến sĩ, khoa học") == ("tien", "si", "khoa", "hoc")
    assert fold_words("  ") == ()
    assert fold_words("sy") == ("si",) and fold_words("syz") == ("syz",)
    assert slug("Bru-Vân Kiều") == "bru_van_kieu"
    assert slug(" -Ê Đê- ") == "e_de"


def test_unit_key_drops_the_longest_prefix_only_when_a_name_follows() -> None:
    assert unit_key("Chi bộ thôn 1") == "thon1"
    assert unit_key("Chi bộ cơ sở Trường học") == "truonghoc"  # not 'cosotruonghoc'
    assert unit_key("Đảng bộ cơ sở xã A") == "xaa"
    assert unit_key("Đảng bộ xã A") == "xaa"
    assert unit_key("Chi bộ") == "chibo"  # nothing follows: the name stays
    assert unit_key("Thôn 2") == "thon2"


def test_clip_at_the_limit() -> None:
    assert clip("a" * (MAX_CELL_CHARS - 1)) == "a" * (MAX_CELL_CHARS - 1)
    assert clip("a" * MAX_CELL_CHARS) == "a" * MAX_CELL_CHARS
    assert clip("a" * (MAX_CELL_CHARS + 1)) == "a" * MAX_CELL_CHARS + "…"
    assert MAX_CELL_CHARS == 1000


def test_readable_escapes_undecodable_bytes() -> None:
    assert readable("Danh sách.xlsx") == "Danh sách.xlsx"
    assert readable("ds\udcc3\udca1.xlsx") == "ds\\xc3\\xa1.xlsx"
    assert readable("a\udc80b\udcffc") == "a\\x80b\\xffc"
    # the first and last lone surrogates, and the letters just outside them
    assert readable("a\ud800b") == "a\\ud800b"
    assert readable("a\udfffb") == "a\\udfffb"
    assert readable("a\ud7ffb\ue000") == "a\ud7ffb\ue000"
    assert readable("a\ud800b\udc7fc\udd00") == "a\\ud800b\\udc7fc\\udd00"


def test_shown_names_are_cut_at_the_limit() -> None:
    assert NAME_CHARS == 120
    assert shown_name("s" * (NAME_CHARS - 1)) == "s" * (NAME_CHARS - 1)
    assert shown_name("s" * NAME_CHARS) == "s" * NAME_CHARS
    assert shown_name("s" * (NAME_CHARS + 1)) == "s" * NAME_CHARS + "…"
    assert shown_name("x\udcc3") == "x\\xc3"
    assert shown_file(Path("/du lieu/2025") / "ds.xlsx") == "ds.xlsx"
    assert shown_file("thu-muc/" + "f" * 130) == "f" * NAME_CHARS + "…"


def test_folding_with_spaces_keeps_or_drops_the_marks_between_words() -> None:
    assert fold_spaced("  Chi  bộ: Thôn\t3 ") == "chi bo: thon 3"
    assert fold_spaced("ĐẢNG BỘ") == "dang bo"
    assert fold_spaced("") == ""
    assert fold_phrase("Ngày 1-2-1990") == "ngay 1 2 1990"
    assert fold_phrase("Thạc sỹ / Tiến sĩ") == "thac si tien si"
    assert fold_phrase(" - ") == ""
