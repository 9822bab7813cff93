"""Legacy Vietnamese encodings by hand: every letter of TCVN3 and VNI, written out here from
the encodings' own tables (not from dvstat's), each way, and detection at its bounds.

The decoding tables are built once per process and cached; each test starts with the cache
cleared, so a change to a table's builder shows in the test that reads it (and mutation
testing's forked runs do not reuse the parent's tables)."""

from __future__ import annotations

import pytest

from dvstat import legacy_text
from dvstat.legacy_text import decode, detect, encode, font_hint, tables


@pytest.fixture(autouse=True)
def _fresh_tables() -> None:
    legacy_text.tables.cache_clear()
    legacy_text._decoder.cache_clear()


# TCVN3 (TCVN 5712:1993): each letter and the byte the .VnTime fonts draw it with.
TCVN3 = {
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}  # fmt: skip

# VNI-Windows: a base letter and its mark bytes; i, ỵ, đ, ơ, ư have their own.
VNI_LOWER = {
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï",
    "â": "aâ", "ấ": "aá", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ậ": "aä",
    "ă": "aê", "ắ": "aé", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ặ": "aë",
    "é": "eù", "è": "eø", "ẻ": "eû", "ẽ": "eõ", "ẹ": "eï",
    "ê": "eâ", "ế": "eá", "ề": "eà", "ể": "eå", "ễ": "eã", "ệ": "eä",
    "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
    "ó": "où", "ò": "oø", "ỏ": "oû", "õ": "oõ", "ọ": "oï",
    "ô": "oâ", "ố": "oá", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ộ": "oä",
    "ơ": "ô", "ớ": "ôù", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ợ": "ôï",
    "ú": "uù", "ù": "uø", "ủ": "uû", "ũ": "uõ", "ụ": "uï",
    "ư": "ö", "ứ": "öù", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ự": "öï",
    "ý": "yù", "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î",
    "đ": "ñ",
}  # fmt: skip
VNI_UPPER = {
    "Á": "AÙ", "À": "AØ", "Ả": "AÛ", "Ã": "AÕ", "Ạ": "AÏ",
    "Â": "AÂ", "Ấ": "AÁ", "Ầ": "AÀ", "Ẩ": "AÅ", "Ẫ": "AÃ", "Ậ": "AÄ",
    "Ă": "AÊ", "Ắ": "AÉ", "Ằ": "AÈ", "Ẳ": "AÚ", "Ẵ": "AÜ", "Ặ": "AË",
    "É": "EÙ", "È": "EØ", "Ẻ": "EÛ", "Ẽ": "EÕ", "Ẹ": "EÏ",
    "Ê": "EÂ", "Ế": "EÁ", "Ề": "EÀ", "Ể": "EÅ", "Ễ": "EÃ", "Ệ": "EÄ",
    "Í": "Í", "Ì": "Ì", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò",
    "Ó": "OÙ", "Ò": "OØ", "Ỏ": "OÛ", "Õ": "OÕ", "Ọ": "OÏ",
    "Ô": "OÂ", "Ố": "OÁ", "Ồ": "OÀ", "Ổ": "OÅ", "Ỗ": "OÃ", "Ộ": "OÄ",
    "Ơ": "Ô", "Ớ": "ÔÙ", "Ờ": "ÔØ", "Ở": "ÔÛ", "Ỡ": "ÔÕ", "Ợ": "ÔÏ",
    "Ú": "UÙ", "Ù": "UØ", "Ủ": "UÛ", "Ũ": "UÕ", "Ụ": "UÏ",
    "Ư": "Ö", "Ứ": "ÖÙ", "Ừ": "ÖØ", "Ử": "ÖÛ", "Ữ": "ÖÕ", "Ự": "ÖÏ",
    "Ý": "YÙ", "Ỳ": "YØ", "Ỷ": "YÛ", "Ỹ": "YÕ", "Ỵ": "Î",
    "Đ": "Ñ",
}  # fmt: skip


def test_every_tcvn3_letter_both_ways() -> None:
    for letter, byte in TCVN3.items():
        code = chr(byte)
        assert encode(letter, "tcvn3") == code, letter
        assert decode("x" + code, "tcvn3") == "x" + letter, letter
    assert len(TCVN3) == 74


def test_tcvn3_capitals_with_a_tone_use_the_small_letters_code() -> None:
    # .VnTimeH draws the small letters' codes as capitals: À is written as à's byte
    assert encode("ÀẢÃÁẠ", "tcvn3") == "\xb5\xb6\xb7\xb8\xb9"
    assert encode("ỲỸỴ", "tcvn3") == "\xfa\xfc\xfe"
    assert encode("ẶẬỆỘỢỰ", "tcvn3") == "\xc6\xcb\xd6\xe9\xee\xf9"
    # the seven capitals with their own codes keep them
    assert encode("ĂÂÊÔƠƯĐ", "tcvn3") == "\xa1\xa2\xa3\xa4\xa5\xa6\xa7"
    # and they read back as themselves, not as the small letter
    assert decode("\xa7\xa4", "tcvn3") == "ĐÔ"


def test_tcvn3_names_and_the_vntimeh_capitals() -> None:
    assert decode("Hä vµ tªn", "tcvn3") == "Họ và tên"
    assert decode("NguyÔn V¨n An", "tcvn3") == "Nguyễn Văn An"
    assert decode("§¶ng bé x· T©n LËp", "tcvn3") == "Đảng bộ xã Tân Lập"
    # a cell whose ASCII letters are all capitals was typed in .VnTimeH: read in capitals
    assert decode("CHI Bé TH«N", "tcvn3") == "CHI BỘ THÔN"
    assert decode("§¶NG", "tcvn3") == "ĐẢNG"
    # two capital letters are enough; one is not (an initial, a single letter)
    assert decode("AB\xb5", "tcvn3") == "ABÀ"
    assert decode("A\xb5", "tcvn3") == "Aà"
    assert decode("Ab\xb5", "tcvn3") == "Abà"
    # VNI text is never put in capitals this way
    assert decode("AB" + "aù", "vni") == "ABá"


def test_every_vni_letter_both_ways() -> None:
    for letter, code in {**VNI_LOWER, **VNI_UPPER}.items():
        assert encode(letter, "vni") == code, letter
        assert decode("x" + code + "x", "vni") == "x" + letter + "x", letter
    assert len(VNI_LOWER) == len(VNI_UPPER) == 67


def test_vni_names_read_two_byte_codes_first() -> None:
    assert decode("Hoï vaø teân", "vni") == "Họ và tên"
    assert decode("Coâng giaùo", "vni") == "Công giáo"
    # 'ô' alone is ơ, but with a tone after it is one letter: ớ, not ơ and a stray mark
    assert decode("Lôùp", "vni") == "Lớp"
    assert decode("Nguyeãn Thò Hoàng", "vni") == "Nguyễn Thị Hồng"
    assert decode("ÑAÛNG BOÄ", "vni") == "ĐẢNG BỘ"


def test_encode_composes_first_and_leaves_other_text() -> None:
    decomposed = "e\u0302\u0301"  # ế typed as e, circumflex, acute
    assert encode(decomposed, "tcvn3") == "\xd5"
    assert encode(decomposed, "vni") == "eá"
    assert encode("An 12/3", "tcvn3") == "An 12/3"
    assert tables()["tcvn3"]["đ"] == "\xae"
    assert set(tables()) == {"tcvn3", "vni"}


def test_detect_at_its_bounds() -> None:
    assert detect([]) is None
    assert detect(["", ""]) is None
    assert detect(["Nguyen Van An"]) is None  # ASCII only
    assert detect(["Nguyễn Văn An", "Kh«ng"]) is None  # a Unicode letter: not legacy
    assert detect(["Công giáo"]) is None  # Latin-1 letters of Unicode text, no sign
    assert detect(["Kh«ng"]) == "tcvn3"  # one TCVN3 sign is enough
    # VNI needs two signs, or one and the workbook's font
    assert detect(["Hoï"]) is None
    assert detect(["Hoï"], hint="vni") == "vni"
    assert detect(["Hoï vaø"]) == "vni"
    assert detect(["Hoï", "vaø"]) == "vni"
    # both kinds of sign: the more frequent wins, a tie goes to TCVN3
    assert detect(["\xb5ï"]) == "tcvn3"  # 1 and 1
    assert detect(["\xb5ïø"]) == "vni"  # 1 and 2
    assert detect(["\xb5ïø"], hint="tcvn3") == "tcvn3"
    assert detect(["\xb5\xb6ïø"]) == "tcvn3"  # 2 and 2
    # a high byte that is a sign of neither
    assert detect(["caf\xe9"]) is None
    assert detect(["caf\xe9"], hint="vni") is None
    assert detect(["caf\xe9"], hint="tcvn3") is None


def test_detect_reads_every_cell_and_every_vni_sign() -> None:
    # the signs may sit in different cells; the cells are not run together into a sign
    assert detect(["a", "ø", "b", "û"]) == "vni"
    for sign in "øûïñöåäëæüîØÛÏÑÖÅÄËÆÜÎ":
        assert detect([sign + sign]) == "vni", sign
    for sign in "¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾":
        assert detect([sign]) == "tcvn3", sign
    for other in "º¿\xb4\xba":
        assert detect([other + other]) is None, other


def test_font_hint() -> None:
    assert font_hint([]) is None
    assert font_hint(["Times New Roman", "Arial"]) is None
    assert font_hint([".VnTime"]) == "tcvn3"
    assert font_hint(["Arial", ".VnTimeH"]) == "tcvn3"
    assert font_hint([".VnArial"]) == "tcvn3"
    assert font_hint(["VNI-Times"]) == "vni"
    assert font_hint(["vni-helve"]) == "vni"
    assert font_hint(["VNITimes"]) is None
    assert font_hint(["Vn Time"]) is None
    # the first font that names an encoding decides
    assert font_hint(["VNI-Times", ".VnTime"]) == "vni"
    assert font_hint([".VnTime", "VNI-Times"]) == "tcvn3"
