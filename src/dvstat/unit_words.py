"""How a unit's name is written: what kind of unit it names ('Chi bộ …', 'Đảng bộ …',
'Đảng ủy …', 'Khối …') and the abbreviations offices use in sheet and file names ('CB CQ
so 1' is 'Chi bộ cơ quan số 1', 'ĐB P. Tân Lập' is 'Đảng bộ phường Tân Lập').

The one home of these words: section rows (``layout``), sheet, file and title names
(``readers.rosters``), organizations (``membership``) and plan names use them.
"""

from __future__ import annotations

import re

from dvstat.text import clean_text, fold_phrase, fold_spaced

# Folded leading words -> kind of unit, longest first.
UNIT_WORDS: tuple[tuple[str, str], ...] = (
    ("khoi", "khoi"),  # 'A. KHỐI CƠ QUAN': a group of organizations (the parent level)
    ("dang bo bo phan", "group"),
    ("chi bo co so", "chi_bo_co_so"),
    ("dang bo co so", "dang_bo"),
    ("dang uy dang bo", "dang_bo"),
    ("dang bo", "dang_bo"),
    ("dang uy", "dang_bo"),
    ("chi bo", "chi_bo"),
    ("chibo", "chi_bo"),
)

# Abbreviations (folded, as whole words) and what they stand for. 'P.' / 'X.' / 'TT' only
# before a name ('ĐB P. Tân Lập'); 'so' is 'số' written without accents.
ABBREVIATIONS: dict[str, str] = {
    "cb": "Chi bộ",
    "cbcs": "Chi bộ cơ sở",
    "db": "Đảng bộ",
    "dbcs": "Đảng bộ cơ sở",
    "du": "Đảng ủy",
    "cq": "cơ quan",
    "tdp": "tổ dân phố",
    "htx": "hợp tác xã",
    "thcs": "Trung học cơ sở",
    "thpt": "Trung học phổ thông",
    "th": "Tiểu học",
    "mn": "Mầm non",
    "ubnd": "Ủy ban nhân dân",
    "bv": "Bệnh viện",
    "tyt": "Trạm y tế",
    "ca": "Công an",
    "qs": "Quân sự",
    "p": "phường",
    "x": "xã",
    "tt": "thị trấn",
    "so": "số",
}
_WORD = re.compile(r"[^\W_]+\.?|\S", re.UNICODE)


# Names Excel and the offices give a sheet that name no unit: 'Sheet1', 'Trang_tính1',
# 'Danh sách', 'DS 2', 'Data', 'Dữ liệu', 'Bảng 3'.
_GENERIC_SHEET = re.compile(r"(?:sheet|trang ?tinh|danh ?sach|ds|data|du ?lieu|bang) ?\d*")


def is_generic_sheet(name: str) -> bool:
    """Whether a sheet's name is one that names no unit (its rows take the file's unit)."""
    return _GENERIC_SHEET.fullmatch(fold_phrase(name)) is not None


def unit_kind(name: str) -> str | None:
    """The kind of unit a name starts with: 'dang_bo', 'chi_bo', 'chi_bo_co_so', 'khoi',
    'group' (a đảng bộ bộ phận), or None."""
    words = " ".join(re.findall(r"[a-z0-9]+", fold_spaced(name)))
    for start, kind in UNIT_WORDS:
        if words.startswith(start + " "):  # a word follows: the words have no end space
            return kind
    return None


def names_organization(name: str) -> bool:
    """A grassroots organization's name ('Đảng bộ xã A', 'Đảng ủy phường B', 'Chi bộ cơ sở
    C'), not a branch's."""
    return unit_kind(name) in ("dang_bo", "chi_bo_co_so")


def is_branch_name(name: str) -> bool:
    """'Chi bộ …' (a branch, or a grassroots chi bộ when it stands at the organization
    level)."""
    return unit_kind(name) in ("chi_bo", "chi_bo_co_so")


# What a name keeps abbreviated when shown: school and office acronyms read as written
# ('Chi bộ Trường THCS Tân Lập'); the unit and place words are written out.
_SHOWN_AS_WRITTEN = ("thcs", "thpt", "th", "mn", "htx", "ubnd", "bv", "tyt", "ca", "qs")


def expand(name: str, everything: bool = True) -> str:
    """A sheet or file name with the offices' abbreviations written out, leading numbers
    and separators dropped: '01 CB co quan so 1' -> 'Chi bộ co quan số 1', 'ĐB P. Tân Lập'
    -> 'Đảng bộ phường Tân Lập', 'dang-bo-xa-a' -> 'dang bo xa a'. Only a name that then
    starts with a unit word is a unit's name (see ``unit_kind``)."""
    text = re.sub(r"[-_]+", " ", clean_text(name)).strip()
    text = re.sub(r"^\(?\d{1,3}[.)]?\s+", "", text)  # '01 CB …', '2. CB …'
    words = _WORD.findall(text)
    out: list[str] = []
    for position, word in enumerate(words):
        key = fold_spaced(word).rstrip(".")  # folded: 'đ' is already 'd'
        full = ABBREVIATIONS.get(key)
        if not everything and key in _SHOWN_AS_WRITTEN:
            full = None
        has_next = position + 1 < len(words)
        if full is None or (key in ("p", "x", "tt", "th", "mn", "ca") and not has_next):
            out.append(word)
        elif key == "so" and not (has_next and words[position + 1][:1].isdigit()):
            out.append(word)
        else:
            if key in _SCHOOLS and (not out or fold_spaced(out[-1]) != "truong"):
                out.append("Trường")
            out.append(full if not out else _lower_first(full, key))
    return " ".join(out)


_SCHOOLS = ("thcs", "thpt", "th", "mn")
# Words an all-capital title writes that a name keeps in small letters.
_SMALL = set(
    "bộ ủy cơ quan số xã phường thị trấn thôn bản tổ dân phố trường học sở ban nhân công an "
    "quân sự hợp tác trạm y tế bệnh viện mầm non tiểu trung phổ thông khối huyện tỉnh "
    "chi khu xóm ấp khóm buôn làng sóc đội".split()
)
# A roman number ('KHU PHỐ IX', 'TỔ XII'), kept in capitals.
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")


def display_name(name: str) -> str:
    """A unit's name as reports print it: an all-capital title ('ĐẢNG ỦY XÃ TÂN LẬP') in
    the usual case ('Đảng ủy xã Tân Lập'); other names as written."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return name
    words = name.split()
    shown = []
    for i, word in enumerate(words):
        lower = word.lower()
        if (fold_spaced(lower) in ABBREVIATIONS and len(word) > 2) or _ROMAN.fullmatch(word):
            shown.append(word)  # THCS, HTX, UBND, IX stay capitals
        elif i and lower in _SMALL:
            shown.append(lower)
        else:
            shown.append(lower[:1].upper() + lower[1:])
    return " ".join(shown)


def organization_of(name: str) -> str:
    """The organization a committee's or a title's name stands for: 'Đảng ủy xã A' and
    'Đảng ủy Đảng bộ xã A' are 'Đảng bộ xã A'."""
    text = display_name(clean_text(name))
    folded = fold_spaced(text)
    if folded.startswith("dang uy dang bo "):
        return text.split(None, 2)[2]
    if folded.startswith("dang uy "):
        return "Đảng bộ " + text.split(None, 2)[2]
    return text


_TITLE_UNIT = re.compile(r"(?:chi bo|dang bo|dang uy)\b")


def title_units(texts: list[str]) -> tuple[str | None, str | None]:
    """The organization and the branch the title rows above a table name: of each kind the
    last line naming one ('ĐẢNG BỘ HUYỆN …' above 'ĐẢNG ỦY XÃ TÂN LẬP': the lower is the
    issuer), from the unit word on ('DANH SÁCH … CỦA CHI BỘ THÔN 3')."""
    org = branch = None
    for text in texts:
        clean = clean_text(text)
        folded = fold_spaced(clean)
        if len(folded) != len(clean) or folded.startswith("dang cong san"):
            continue  # letters that fold to two: positions would not match
        matches = list(_TITLE_UNIT.finditer(folded))
        if not matches:
            continue
        candidate = clean[matches[-1].start() :].strip(" .:-")
        kind = unit_kind(candidate)
        if kind in ("dang_bo", "chi_bo_co_so"):
            org = organization_of(candidate)
        elif kind == "chi_bo":
            branch = display_name(candidate)
    return org, branch


def _lower_first(full: str, key: str) -> str:
    """Inside a name, unit words and schools keep their capitals ('Chi bộ', 'Trung học cơ
    sở'), places do not ('xã', 'phường')."""
    keep = ("cb", "cbcs", "db", "dbcs", "du", *_SCHOOLS)
    return full if key in keep else full[0].lower() + full[1:]


def comparable(name: str) -> str:
    """A name folded for comparing across sources: abbreviations expanded, accents, case,
    spaces and the word 'số' before a number ignored ('CB CQ so 1' = 'Chi bộ Cơ quan 1')."""
    folded = fold_spaced(expand(name))
    folded = re.sub(r"\bso (?=\d)", "", folded)
    return re.sub(r"[^a-z0-9]+", "", folded)


# The type of a grassroots organization by the words of its name, for the form of
# organizations by type; the first that matches wins ('hợp tác xã' before 'xã').
ORGANIZATION_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("hop_tac_xa", ("hop tac xa", "htx")),
    ("dn_von_nuoc_ngoai", ("von nuoc ngoai", "von dau tu nuoc ngoai", "fdi")),
    ("dn_nha_nuoc", ("tong cong ty", "doanh nghiep nha nuoc", "cong ty nha nuoc")),
    ("dn_ngoai_nha_nuoc", ("cong ty", "doanh nghiep")),
    ("cong_an", ("cong an",)),
    ("quan_doi", ("quan su", "quan doi", "bien phong", "trung doan", "su doan", "lu doan")),
    ("su_nghiep_ngoai_cong_lap", ("tu thuc", "dan lap", "ngoai cong lap")),
    ("su_nghiep_cong_lap", ("truong", "benh vien", "tram y te", "trung tam", "vien ")),
    ("co_quan_dang", ("mat tran", "doan the", "co quan dang", "ban tuyen giao", "lien doan")),
    ("co_quan_nha_nuoc", ("uy ban", "ubnd", "chi cuc", "kho bac", "co quan")),
    ("thi_tran", ("thi tran", "dac khu")),
    ("phuong", ("phuong",)),
    ("xa", ("xa",)),
    ("ngoai_nuoc", ("ngoai nuoc",)),
)


def organization_type(name: str) -> str:
    """'Đảng bộ xã Tân Lập' -> 'xa', 'Chi bộ Công ty CP Tân Tiến' -> 'dn_ngoai_nha_nuoc';
    'khac' when no word says."""
    words = " " + " ".join(re.findall(r"[a-z0-9]+", fold_spaced(name))) + " "
    for code, keys in ORGANIZATION_TYPES:
        if any(f" {key.strip()} " in words for key in keys):
            return code
    return "khac"
