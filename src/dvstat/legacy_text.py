"""Vietnamese text typed in the legacy fonts: TCVN3 (ABC, the `.VnTime` fonts) and VNI
(`VNI-Times`), read back as Unicode.

A workbook typed with those fonts stores the font's bytes, which Excel shows as Latin-1
letters ("Hä vµ tªn" for "Họ và tên" in TCVN3, "Hoï vaø teân" in VNI). The tables below are
the data of the two encodings: every Vietnamese letter, lower and upper case, with its code.
Detection is per column and never touches plain ASCII or text that already holds Unicode
Vietnamese letters.

- TCVN3 gives each lower-case letter one byte; upper-case letters with marks exist only for
  Ă Â Ê Ô Ơ Ư Đ. The `.VnTimeH` fonts draw the lower-case codes as capitals, so a cell whose
  ASCII letters are all capitals is read back in capitals.
- VNI writes a letter as its base vowel followed by one or two mark bytes ("eã" = ễ); i and
  ỵ have single bytes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

# --- the tables ----------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993, VN3): each letter of the first string is written as the Latin-1
# character at the same place in the second.
_TCVN3_LETTERS = "ăâêôơưđĂÂÊÔƠƯĐàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
_TCVN3_CODES = (
    "\xa8\xa9\xaa\xab\xac\xad\xae\xa1\xa2\xa3\xa4\xa5\xa6\xa7"
    "\xb5\xb6\xb7\xb8\xb9\xbb\xbc\xbd\xbe\xc6\xc7\xc8\xc9\xca\xcb"
    "\xcc\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6"
    "\xd7\xd8\xdc\xdd\xde"
    "\xdf\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee"
    "\xef\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9"
    "\xfa\xfb\xfc\xfd\xfe"
)


def _tcvn3_table() -> dict[str, str]:
    table = dict(zip(_TCVN3_LETTERS, _TCVN3_CODES, strict=True))
    # Capitals with a tone have no code: the .VnTimeH fonts draw the small letter's code
    # as a capital, so a capital is written with it.
    for letter in _TCVN3_LETTERS[14:]:
        table.setdefault(letter.upper(), table[letter])
    return table


# VNI: the marks written after a base letter (lower case; upper case below).
_VNI_TONES = {"acute": "ù", "grave": "ø", "hook": "û", "tilde": "õ", "dot": "ï"}
_VNI_TONES_UPPER = {"acute": "Ù", "grave": "Ø", "hook": "Û", "tilde": "Õ", "dot": "Ï"}
# circumflex (â ê ô) alone and with each tone; breve (ă) alone and with each tone
_VNI_HAT = {"": "â", "acute": "á", "grave": "à", "hook": "å", "tilde": "ã", "dot": "ä"}
_VNI_HAT_UPPER = {"": "Â", "acute": "Á", "grave": "À", "hook": "Å", "tilde": "Ã", "dot": "Ä"}
_VNI_BREVE = {"": "ê", "acute": "é", "grave": "è", "hook": "ú", "tilde": "ü", "dot": "ë"}
_VNI_BREVE_UPPER = {"": "Ê", "acute": "É", "grave": "È", "hook": "Ú", "tilde": "Ü", "dot": "Ë"}
# i, ỵ: single bytes
_VNI_I = {"acute": "í", "grave": "ì", "hook": "æ", "tilde": "ó", "dot": "ò"}
_VNI_I_UPPER = {"acute": "Í", "grave": "Ì", "hook": "Æ", "tilde": "Ó", "dot": "Ò"}
_TONE_MARKS = {
    "acute": "\u0301",
    "grave": "\u0300",
    "hook": "\u0309",
    "tilde": "\u0303",
    "dot": "\u0323",
}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {"đ": "ñ", "Đ": "Ñ", "ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö"}
    for upper in (False, True):
        tones = _VNI_TONES_UPPER if upper else _VNI_TONES
        hat = _VNI_HAT_UPPER if upper else _VNI_HAT
        breve = _VNI_BREVE_UPPER if upper else _VNI_BREVE
        i_codes = _VNI_I_UPPER if upper else _VNI_I

        def case(letter: str, upper: bool = upper) -> str:
            return letter.upper() if upper else letter

        for tone, mark in _TONE_MARKS.items():
            for vowel in "aeouy":
                table[_compose(case(vowel), mark)] = case(vowel) + tones[tone]
            table[_compose(case("ơ"), mark)] = table[case("ơ")] + tones[tone]
            table[_compose(case("ư"), mark)] = table[case("ư")] + tones[tone]
            table[_compose(case("i"), mark)] = i_codes[tone]
            for vowel in "aeo":
                table[_compose(case(vowel) + "\u0302", mark)] = case(vowel) + hat[tone]
            table[_compose(case("a") + "\u0306", mark)] = case("a") + breve[tone]
        for vowel in "aeo":
            table[_compose(case(vowel) + "\u0302", "")] = case(vowel) + hat[""]
        table[_compose(case("a") + "\u0306", "")] = case("a") + breve[""]
        table[_compose(case("y"), _TONE_MARKS["dot"])] = "Î" if upper else "î"
    return table


def _compose(base: str, mark: str) -> str:
    return unicodedata.normalize("NFC", base + mark)


@cache
def tables() -> dict[str, dict[str, str]]:
    """Unicode letter -> its code, for each encoding."""
    return {"tcvn3": _tcvn3_table(), "vni": _vni_table()}


@cache
def _decoder(encoding: str) -> tuple[re.Pattern[str], dict[str, str]]:
    reverse: dict[str, str] = {}
    for letter, code in tables()[encoding].items():
        reverse.setdefault(code, letter)  # TCVN3: the small letter, listed first
    ordered = sorted(reverse, key=len, reverse=True)  # two-byte VNI codes first
    return re.compile("|".join(re.escape(code) for code in ordered)), reverse


def decode(text: str, encoding: str) -> str:
    """Text typed in ``encoding`` ('tcvn3' or 'vni') as Unicode."""
    pattern, reverse = _decoder(encoding)
    decoded = pattern.sub(lambda m: reverse[m.group(0)], text)
    if encoding == "tcvn3":
        letters = [c for c in text if c.isascii() and c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return decoded.upper()  # the .VnTimeH capitals
    return decoded


def encode(text: str, encoding: str) -> str:
    """Unicode text as ``encoding`` writes it (the tests build legacy rosters with it); in
    TCVN3 a capital with a tone is written with the small letter's code (.VnTimeH)."""
    table = tables()[encoding]
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFC", text))


# --- detection ---------------------------------------------------------------------------
# A letter beyond Latin-1 (ạ, đ, ơ, ư, ế…): the text is Unicode already.
_UNICODE_VIETNAMESE = re.compile(r"[\u0100-\u024f\u1ea0-\u1ef9]")
# Bytes only TCVN3 writes (symbols in Latin-1: ¨ © ª « ¬ ® § µ ¶ · ¸ ¹ » ¼ ½ ¾ ¡ ¢ £ ¤ ¥ ¦).
_TCVN3_SIGNS = re.compile(r"[\xa1-\xae\xb5-\xb9\xbb-\xbe]")
# VNI: mark bytes that are no Vietnamese letter (ø û ï ñ ö å ä ë æ ü î and capitals): a
# Unicode text of Latin-1 letters only ('Công giáo') never holds them.
_VNI_SIGNS = re.compile(
    r"[\xf8\xfb\xef\xf1\xf6\xe5\xe4\xeb\xe6\xfc\xee\xd8\xdb\xcf\xd1\xd6\xc5\xc4\xcb\xc6\xdc\xce]"
)


def detect(values: Iterable[str], hint: str | None = None) -> str | None:
    """The legacy encoding a column's texts are written in, or None (Unicode, ASCII, or
    too little to tell). ``hint`` is the encoding the workbook's fonts name, if any: it
    settles a column whose bytes fit both."""
    text = "\x00".join(values)
    if not text or _UNICODE_VIETNAMESE.search(text) or not re.search(r"[\x80-\xff]", text):
        return None
    tcvn3 = len(_TCVN3_SIGNS.findall(text))
    vni = len(_VNI_SIGNS.findall(text))
    if tcvn3 and (tcvn3 >= vni or hint == "tcvn3"):
        return "tcvn3"
    if vni >= 2 or (vni and hint == "vni"):
        return "vni"
    return None


def font_hint(font_names: Iterable[str]) -> str | None:
    """The encoding a workbook's font names point to: '.VnTime', '.VnArial', '.VnTimeH'
    (TCVN3), 'VNI-Times', 'VNI-Helve' (VNI)."""
    for name in font_names:
        if name.startswith(".Vn"):
            return "tcvn3"
        if name.upper().startswith("VNI-"):
            return "vni"
    return None
