"""Canonical roster fields, their header aliases, and the breakdowns with codes and labels.

Column names of the canonical frame exist only here. Category vocabularies are data
(``vocab/*.toml``), loaded once; forms change, so they are not code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from importlib import resources

from dvstat.party_rules import BADGE_YEARS
from dvstat.text import fold, fold_words

# --- canonical fields --------------------------------------------------------------------
FULL_NAME = "full_name"
BIRTH_DATE = "birth_date"
GENDER = "gender"
ETHNICITY = "ethnicity"
RELIGION = "religion"
GENERAL_EDUCATION = "general_education"
PROFESSIONAL = "professional"
POLITICAL_THEORY = "political_theory"
ADMISSION_DATE = "admission_date"
OFFICIAL_DATE = "official_date"
BRANCH = "branch"
ORG = "org"
PARENT = "parent"
YOUTH_UNION = "youth_union"
OCCUPATION = "occupation"
READMITTED = "readmitted"
RECORD_NO = "record_no"
CARD_NO = "card_no"
CITIZEN_ID = "citizen_id"
NOTES = "notes"  # "Ghi chú": classic forms note a readmission there ("Kết nạp lại")
STATUS = "status"  # "Trạng thái": membership rosters say who has died or left
LEAVE_DATE = "leave_date"  # the day a member left the list (died, moved away, …)
LEAVE_REASON = "leave_reason"
TRANSFER_IN_DATE = "transfer_in_date"  # the day a member moved in from elsewhere
# The admission pipeline (dvstat candidates): the day each stage was reached.
LISTED_DATE = "listed_date"  # put on the list of quần chúng ưu tú
SYMPATHIZER_DATE = "sympathizer_date"  # recognised by the branch as cảm tình Đảng
CLASS_DATE = "class_date"  # certificate of the lớp bồi dưỡng nhận thức về Đảng
DOSSIER_DATE = "dossier_date"  # the committee allowed the dossier (làm hồ sơ)
PLANNED_DATE = "planned_date"  # the admission the branch plans
HELPER = "helper"  # the member assigned to help (Đảng viên giúp đỡ)
CERTIFICATE_NO = "certificate_no"
# Party badges (dvstat badges): what delays, advances or settles an award.
BIRTHPLACE = "birthplace"  # "Quê quán", a column of the list offices send
BADGE_HELD = "badge_held"  # the highest badge already awarded, in years (0: none)
INTERRUPTED_FROM = "interrupted_from"  # one interruption of party life: its first day
INTERRUPTED_TO = "interrupted_to"  # and the day party life resumed
INTERRUPTED_MONTHS = "interrupted_months"  # or the months out of party life, all told
PRIOR_MONTHS = "prior_months"  # service before a re-admission that the committee counts
DISCIPLINE = "discipline"  # the disciplinary measure in force (khiển trách, cảnh cáo, …)
DISCIPLINE_DATE = "discipline_date"  # the day of the decision
# Columns only the official forms read (new members form, section I and II.5): yes/no
# marks, and the academic title (Phó Giáo sư, Giáo sư).
PRIVATE_OWNER = "private_owner"
FAMILY_PLANNING = "family_planning"
FOREIGN_MARRIAGE = "foreign_marriage"
ACADEMIC_TITLE = "academic_title"
FORM_FLAGS: tuple[str, ...] = (PRIVATE_OWNER, FAMILY_PLANNING, FOREIGN_MARRIAGE)
# Read so that it is not taken for another field ('NN' under 'Trình độ' is ngoại ngữ);
# no statistic uses it.
FOREIGN_LANGUAGE = "foreign_language"
# The classic form writes the birth date under "Nam" or "Nữ"; gender may also be an x-mark
# under "Nam" / "Nữ" sub-columns of "Giới tính".
BIRTH_MALE = "birth_date_male"
BIRTH_FEMALE = "birth_date_female"
MARK_MALE = "gender_mark_male"
MARK_FEMALE = "gender_mark_female"

# Provenance columns carried by every row from reading to the issue list.
SRC_FILE = "_file"
SRC_SHEET = "_sheet"
SRC_ROW = "_row"
SRC_UNIT = "_sheet_unit"  # unit name taken from the sheet name, else the file name
# Where a row's organization was read when no cell names it: 'title', 'sheet', 'file',
# 'branch' (a chi bộ on its own); '' from a cell or a section row.
ORG_SOURCE = "_org_source"
# Same integer = same person (cleaned name, case and spaces ignored); -1 = no name.
PERSON_CODE = "person_code"

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    FULL_NAME: (
        "Họ và tên",
        "Họ tên",
        "Họ và tên khai sinh",
        "Tên",
        "Họ và tên đảng viên",
        "Họ tên đảng viên",
        "Họ và tên đảng viên mới",
    ),
    BIRTH_DATE: (
        "Ngày sinh",
        "Ngày tháng năm sinh",
        "Năm sinh",
        "Ngày, tháng, năm sinh",
        "Sinh ngày",
        "Ngày tháng năm Sinh",
    ),
    GENDER: ("Giới tính", "Nam/Nữ", "Phái", "Giới", "Nam, Nữ", "Nam hay Nữ"),
    # A lone "Nữ" column marked x for women (or "Nam" and "Nữ" mark columns).
    MARK_FEMALE: ("Nữ", "Là nữ", "Giới tính nữ"),
    MARK_MALE: ("Nam", "Giới tính nam"),
    ETHNICITY: ("Dân tộc", "DT", "Dân tộc (DT)"),
    RELIGION: ("Tôn giáo", "TG", "Tôn giáo (TG)"),
    GENERAL_EDUCATION: (
        "Giáo dục phổ thông",
        "GDPT",
        "Trình độ học vấn",
        "Học vấn",
        "Văn hóa",
        "Trình độ văn hóa",
        "Trình độ GDPT",
        "Trình độ giáo dục phổ thông",
        "Trình độ Giáo dục phổ thông",
    ),
    PROFESSIONAL: (
        "Chuyên môn",
        "Chuyên môn nghiệp vụ",
        "Trình độ chuyên môn",
        "CMNV",
        "Học vị",
        "Trình độ chuyên môn nghiệp vụ",
        "Trình độ CMNV",
        "Trình độ CM",
    ),
    POLITICAL_THEORY: (
        "Lý luận chính trị",
        "LLCT",
        "Chính trị",
        "Trình độ LLCT",
        "Trình độ lý luận chính trị",
        "Lí luận chính trị",
    ),
    ADMISSION_DATE: (
        "Ngày kết nạp",
        "Ngày vào Đảng",
        "Ngày kết nạp Đảng",
        "Kết nạp",
        "Ngày tháng năm kết nạp",
        "Ngày, tháng, năm kết nạp",
        "Ngày kết nạp đảng viên",
        "Ngày vào đảng dự bị",
    ),
    OFFICIAL_DATE: (
        "Ngày chính thức",
        "Ngày công nhận chính thức",
        "Chính thức",
        "Ngày tháng năm chính thức",
        "Ngày vào Đảng chính thức",
        "Ngày chuyển chính thức",
        "Ngày công nhận đảng viên chính thức",
        "Ngày được công nhận chính thức",
    ),
    BRANCH: (
        "Chi bộ",
        "Sinh hoạt tại chi bộ",
        "Tên chi bộ",
        "Chi bộ sinh hoạt",
        "Chi bộ đang sinh hoạt",
        "Đang sinh hoạt tại chi bộ",
        "Chi bộ trực thuộc",
    ),
    ORG: (
        "Đảng bộ cơ sở",
        "Tổ chức cơ sở đảng",
        "TCCSĐ",
        "TCCS Đảng",
        "Đảng bộ",
        "Đơn vị",
        "Chi bộ cơ sở, đảng bộ cơ sở",
        "Đảng bộ, chi bộ cơ sở",
    ),
    PARENT: ("Đảng bộ cấp trên", "Trực thuộc", "Cấp trên", "Đảng bộ trực thuộc"),
    YOUTH_UNION: (
        "Đoàn viên",
        "Là đoàn viên",
        "Ngày vào Đoàn",
        "Đoàn viên TNCS HCM",
        "Đoàn viên Đoàn TNCS Hồ Chí Minh",
        "Ngày vào Đoàn TNCS HCM",
    ),
    OCCUPATION: (
        "Nghề nghiệp",
        "Nghề nghiệp hiện nay",
        "Đối tượng",
        "Thành phần",
        "Nghề nghiệp, chức vụ",
        "Nghề nghiệp khi kết nạp",
        "NN",
    ),
    READMITTED: ("Kết nạp lại",),
    RECORD_NO: ("Số lý lịch", "Số LL", "Mã số lý lịch", "Số lý lịch đảng viên"),
    CARD_NO: ("Số thẻ đảng viên", "Số thẻ", "Số thẻ ĐV", "Số thẻ Đảng"),
    NOTES: ("Ghi chú", "Ghi chú khác"),
    STATUS: (
        "Trạng thái",
        "Tình trạng",
        "Trạng thái đảng viên",
        "Tình trạng đảng viên",
        "Trạng thái sinh hoạt",
    ),
    LEAVE_DATE: (
        "Ngày ra khỏi danh sách",
        "Ngày chuyển đi",
        "Ngày ra khỏi Đảng",
        "Ngày từ trần",
        "Ngày xóa tên",
        "Ngày khai trừ",
        "Ngày giảm",
        "Ngày chuyển sinh hoạt đi",
        "Ngày ra khỏi Đảng bộ",
        "Ngày thôi sinh hoạt",
    ),
    LEAVE_REASON: (
        "Lý do",
        "Lý do ra khỏi danh sách",
        "Lý do giảm",
        "Hình thức giảm",
        "Lý do ra khỏi Đảng",
        "Hình thức ra khỏi Đảng",
        "Lí do",
    ),
    TRANSFER_IN_DATE: (
        "Ngày chuyển đến",
        "Ngày chuyển sinh hoạt đến",
        "Ngày đến",
        "Ngày nhận sinh hoạt",
    ),
    LISTED_DATE: (
        "Ngày đưa vào danh sách",
        "Ngày vào danh sách nguồn",
        "Ngày bình xét",
        "Ngày đưa vào nguồn",
        "Ngày giới thiệu",
    ),
    SYMPATHIZER_DATE: (
        "Ngày chi bộ công nhận cảm tình Đảng",
        "Ngày công nhận cảm tình Đảng",
        "Ngày vào diện cảm tình Đảng",
        "Cảm tình Đảng",
        "Ngày cảm tình Đảng",
        "Ngày được công nhận cảm tình Đảng",
    ),
    CLASS_DATE: (
        "Ngày học lớp",
        "Ngày cấp giấy chứng nhận",
        "Ngày cấp giấy chứng nhận bồi dưỡng nhận thức về Đảng",
        "Ngày học lớp bồi dưỡng nhận thức về Đảng",
        "Học lớp nhận thức về Đảng",
        "Ngày cấp GCN",
        "Ngày cấp giấy CN",
        "Ngày học lớp cảm tình Đảng",
        "Lớp bồi dưỡng nhận thức về Đảng",
    ),
    DOSSIER_DATE: (
        "Ngày làm hồ sơ",
        "Ngày đảng ủy cho phép làm hồ sơ",
        "Ngày cho phép làm hồ sơ",
        "Ngày lập hồ sơ",
        "Làm hồ sơ",
    ),
    PLANNED_DATE: ("Ngày dự kiến kết nạp", "Dự kiến kết nạp", "Thời gian dự kiến kết nạp"),
    HELPER: (
        "Đảng viên giúp đỡ",
        "Người giúp đỡ",
        "Đảng viên được phân công giúp đỡ",
        "Đảng viên phân công giúp đỡ",
    ),
    CERTIFICATE_NO: ("Số giấy chứng nhận", "Số GCN", "Số giấy CN"),
    FOREIGN_LANGUAGE: ("Ngoại ngữ", "Trình độ ngoại ngữ"),
    PRIVATE_OWNER: (
        "Chủ doanh nghiệp tư nhân",
        "Chủ DNTN",
        "Là chủ doanh nghiệp tư nhân",
        "Chủ doanh nghiệp",
    ),
    FAMILY_PLANNING: (
        "Vi phạm chính sách KHHGĐ",
        "Vi phạm KHHGĐ",
        "Vi phạm chính sách kế hoạch hóa gia đình",
        "Quần chúng vi phạm chính sách KHHGĐ",
        "Sinh con thứ ba",
        "Sinh con thứ 3",
    ),
    FOREIGN_MARRIAGE: (
        "Có quan hệ hôn nhân với người nước ngoài",
        "Hôn nhân với người nước ngoài",
        "Kết hôn với người nước ngoài",
        "Vợ (chồng) là người nước ngoài",
    ),
    ACADEMIC_TITLE: ("Chức danh khoa học", "Học hàm", "Học hàm, học vị khoa học", "GS, PGS"),
    BIRTHPLACE: ("Quê quán", "Nguyên quán", "Quê quán (xã, tỉnh)"),
    BADGE_HELD: (
        "Huy hiệu đã tặng",
        "Huy hiệu Đảng đã tặng",
        "Đã nhận huy hiệu",
        "Đã nhận Huy hiệu Đảng",
        "Huy hiệu đã nhận",
        "Huy hiệu Đảng đã nhận",
        "Đã được tặng huy hiệu",
    ),
    INTERRUPTED_FROM: (
        "Gián đoạn từ ngày",
        "Gián đoạn từ",
        "Ngày gián đoạn",
        "Thời gian gián đoạn từ",
        "Gián đoạn sinh hoạt từ ngày",
        "Ngày bắt đầu gián đoạn",
    ),
    INTERRUPTED_TO: (
        "Gián đoạn đến ngày",
        "Gián đoạn đến",
        "Thời gian gián đoạn đến",
        "Gián đoạn sinh hoạt đến ngày",
        "Ngày kết thúc gián đoạn",
    ),
    INTERRUPTED_MONTHS: (
        "Số tháng gián đoạn",
        "Thời gian gián đoạn (tháng)",
        "Gián đoạn (tháng)",
        "Số tháng không tính tuổi đảng",
    ),
    PRIOR_MONTHS: (
        "Tuổi đảng trước khi kết nạp lại (tháng)",
        "Số tháng tuổi đảng trước khi kết nạp lại",
        "Tuổi đảng được tính thêm (tháng)",
    ),
    DISCIPLINE: ("Kỷ luật", "Hình thức kỷ luật", "Kỷ luật Đảng", "Hình thức kỷ luật Đảng"),
    DISCIPLINE_DATE: ("Ngày kỷ luật", "Ngày quyết định kỷ luật", "Ngày bị kỷ luật"),
    CITIZEN_ID: (
        "Số CCCD",
        "Căn cước",
        "CCCD",
        "Số căn cước",
        "Số căn cước công dân",
        "Số định danh cá nhân",
        "CMND",
        "Số CMND",
        "Số định danh",
        "Mã định danh",
        "Số CCCD/CMND",
        "Số CMND/CCCD",
    ),
}

# A sheet lacking one of these cannot place its rows: they are rejected (docs/layouts.md).
COUNTING_FIELDS: tuple[str, ...] = (FULL_NAME, ADMISSION_DATE)
# A sheet lacking one of these is an error for that sheet; its rows still count, and the
# breakdown the column feeds counts them as unknown (round 2: rejecting the whole sheet
# dropped real members from totals and plans).
BREAKDOWN_FIELDS: tuple[str, ...] = (GENDER, ETHNICITY, RELIGION, GENERAL_EDUCATION)
PIPELINE_DATES: tuple[str, ...] = (
    LISTED_DATE,
    SYMPATHIZER_DATE,
    CLASS_DATE,
    DOSSIER_DATE,
    PLANNED_DATE,
)
# Read only where a roster has them (a membership roster for dvstat badges).
BADGE_DATES: tuple[str, ...] = (INTERRUPTED_FROM, INTERRUPTED_TO, DISCIPLINE_DATE)
BADGE_NUMBERS: tuple[str, ...] = (INTERRUPTED_MONTHS, PRIOR_MONTHS)
DATE_FIELDS: tuple[str, ...] = (
    BIRTH_DATE,
    ADMISSION_DATE,
    OFFICIAL_DATE,
    LEAVE_DATE,
    TRANSFER_IN_DATE,
    *PIPELINE_DATES,
    *BADGE_DATES,
)
ID_FIELDS: tuple[str, ...] = (RECORD_NO, CARD_NO, CITIZEN_ID)
UNIT_FIELDS: tuple[str, ...] = (BRANCH, ORG, PARENT)
# Every field a raw roster frame may carry (the pair columns fold into gender / birth_date).
RAW_FIELDS: tuple[str, ...] = (*HEADER_ALIASES, BIRTH_MALE, BIRTH_FEMALE)
# A row with one of these filled is a person's row, read and counted or rejected with a
# reason (a row with a birth date but no name is an error to show, not a blank to skip).
PERSON_FIELDS: tuple[str, ...] = (
    FULL_NAME,
    ADMISSION_DATE,
    BIRTH_DATE,
    BIRTH_MALE,
    BIRTH_FEMALE,
    CITIZEN_ID,
    RECORD_NO,
    CARD_NO,
    *PIPELINE_DATES,
)

# Sub-header words of the classic form (two-row header).
MALE_SUBHEADER = "nam"
FEMALE_SUBHEADER = "nu"


def header_alias_index(extra: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Folded header text -> field, with the user's aliases from ``dvstat.toml`` added."""
    index: dict[str, str] = {}
    for name, aliases in HEADER_ALIASES.items():
        for alias in aliases:
            index.setdefault(fold(alias), name)
    for name, user_aliases in (extra or {}).items():
        for alias in user_aliases:
            index[fold(alias)] = name
    return index


# --- categories and breakdowns ------------------------------------------------------------
@dataclass(frozen=True)
class Category:
    """One row of a breakdown: a stable code and its labels."""

    code: str
    vi: str
    en: str

    def label(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True)
class Vocabulary:
    """The categories of one field and the written forms that map to them.

    ``exact`` vocabularies compare the whole folded value ('Ê - Đê' == 'Êđê'); ``prefix``
    ones also accept a value whose first words are an alias ('Cử nhân Luật' -> university).
    """

    name: str
    categories: tuple[Category, ...]
    exact: dict[str, str]
    prefixes: dict[tuple[str, ...], str] = field(default_factory=dict)
    unmatched: str = "unknown"

    @cached_property
    def longest_prefix(self) -> int:
        return max((len(words) for words in self.prefixes), default=0)

    def match(self, text: str) -> str | None:
        """The category code of ``text``, or None when nothing matches. Linear in the text:
        only the first words, as many as the longest alias has, are tried as a prefix."""
        code = self.exact.get(fold(text))
        if code is not None:
            return code
        longest = self.longest_prefix
        if not longest:
            return None
        words = fold_words(text)
        for size in range(min(len(words), longest), 0, -1):
            code = self.prefixes.get(words[:size])
            if code is not None:
                return code
        return None

    def with_aliases(self, extra: dict[str, str]) -> Vocabulary:
        """A copy that also maps the user's written forms (``text -> code``)."""
        exact = dict(self.exact)
        exact.update({fold(text): code for text, code in extra.items()})
        return Vocabulary(self.name, self.categories, exact, self.prefixes, self.unmatched)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(category.code for category in self.categories)


@cache
def load_vocabulary(name: str) -> Vocabulary:
    """Read ``vocab/<name>.toml`` shipped with the package."""
    source = resources.files("dvstat.vocab").joinpath(f"{name}.toml")
    data = tomllib.loads(source.read_text("utf-8"))
    categories: list[Category] = []
    exact: dict[str, str] = {}
    prefixes: dict[tuple[str, ...], str] = {}
    use_prefix = data.get("match") == "prefix"
    for entry in data["category"]:
        category = Category(entry["code"], entry["vi"], entry["en"])
        categories.append(category)
        if category.code == "unknown":
            continue
        for text in (category.vi, *entry.get("aliases", [])):
            exact.setdefault(fold(text), category.code)
            if use_prefix:
                prefixes.setdefault(fold_words(text), category.code)
    return Vocabulary(name, tuple(categories), exact, prefixes, data.get("unmatched", "unknown"))


VOCABULARY_FIELDS: tuple[str, ...] = (
    ETHNICITY,
    RELIGION,
    GENERAL_EDUCATION,
    PROFESSIONAL,
    POLITICAL_THEORY,
    OCCUPATION,
)

_UNKNOWN = Category("unknown", "Không rõ", "Unknown")
_YES_NO = (Category("yes", "Có", "Yes"), Category("no", "Không", "No"))

FIXED_BREAKDOWNS: dict[str, tuple[Category, ...]] = {
    "gender": (Category("male", "Nam", "Male"), Category("female", "Nữ", "Female"), _UNKNOWN),
    "ethnic_minority": (
        Category("kinh", "Dân tộc Kinh", "Kinh"),
        Category("minority", "Dân tộc thiểu số", "Ethnic minorities"),
        _UNKNOWN,
    ),
    "religious": (
        Category("none", "Không theo tôn giáo", "No religion"),
        Category("religious", "Theo tôn giáo", "Religious"),
        _UNKNOWN,
    ),
    "age_band": (
        Category("18_30", "Từ 18 đến 30 tuổi", "18–30"),
        Category("31_35", "Từ 31 đến 35 tuổi", "31–35"),
        Category("36_40", "Từ 36 đến 40 tuổi", "36–40"),
        Category("41_45", "Từ 41 đến 45 tuổi", "41–45"),
        Category("46_50", "Từ 46 đến 50 tuổi", "46–50"),
        Category("51_55", "Từ 51 đến 55 tuổi", "51–55"),
        Category("56_60", "Từ 56 đến 60 tuổi", "56–60"),
        Category("over_60", "Trên 60 tuổi", "Over 60"),
        _UNKNOWN,
    ),
    "youth_union": (*_YES_NO, _UNKNOWN),
    "readmitted": _YES_NO,
    # The whole membership at a date (dvstat members)
    "membership": (
        Category("official", "Đảng viên chính thức", "Full members"),
        Category("probationary", "Đảng viên dự bị", "Probationary members"),
    ),
    "party_age_band": (
        Category("under_10", "Dưới 10 năm tuổi Đảng", "Under 10 years"),
        Category("10_19", "Từ 10 đến 19 năm", "10–19 years"),
        Category("20_29", "Từ 20 đến 29 năm", "20–29 years"),
        Category("30_39", "Từ 30 đến 39 năm", "30–39 years"),
        Category("40_49", "Từ 40 đến 49 năm", "40–49 years"),
        Category("50_plus", "Từ 50 năm trở lên", "50 years and more"),
    ),
    "admission_era": (
        Category("before_1945", "Trước ngày 19/8/1945", "Before 19/8/1945"),
        Category("1945_1954", "Từ 19/8/1945 đến 20/7/1954", "19/8/1945 to 20/7/1954"),
        Category("1954_1975", "Từ 21/7/1954 đến 30/4/1975", "21/7/1954 to 30/4/1975"),
        Category("1975_1986", "Từ 01/5/1975 đến 31/12/1986", "1/5/1975 to 31/12/1986"),
        Category("since_1987", "Từ 01/01/1987 đến nay", "Since 1/1/1987"),
        _UNKNOWN,
    ),
}
# The first day of each admission era after the first (the whole-membership form counts
# members by when they were admitted).
ADMISSION_ERA_STARTS: tuple[date, ...] = (
    date(1945, 8, 19),
    date(1954, 7, 21),
    date(1975, 5, 1),
    date(1987, 1, 1),
)
FIXED_BREAKDOWNS["stage"] = (
    Category("listed", "Quần chúng ưu tú", "Listed (quần chúng ưu tú)"),
    Category("sympathizer", "Cảm tình Đảng", "Sympathizers (cảm tình Đảng)"),
    Category("class", "Đã học lớp bồi dưỡng nhận thức về Đảng", "Finished the class"),
    Category("dossier", "Đang làm hồ sơ", "Dossier in progress"),
    Category("admitted", "Đã kết nạp", "Admitted"),
)
# The pipeline's stages in order, and those still waiting for admission.
STAGES: tuple[str, ...] = tuple(c.code for c in FIXED_BREAKDOWNS["stage"])
WAITING_STAGES: tuple[str, ...] = STAGES[:-1]
# The groups committees count candidates by (the ones the articles say are short).
CANDIDATE_GROUPS: dict[str, tuple[str, str]] = {
    "female": ("Nữ", "Women"),
    "minority": ("Dân tộc thiểu số", "Ethnic minorities"),
    "religious": ("Tôn giáo", "Religious"),
    "youth_union": ("Đoàn viên", "Youth union"),
    "students": ("Học sinh, sinh viên", "Pupils and students"),
}
# Breakdowns of the whole membership: the new members' ones and these two.
MEMBERSHIP_BREAKDOWNS: tuple[str, ...] = ("membership", "party_age_band", "admission_era")
# Full years of party membership of each party_age_band code (its lowest).
PARTY_AGE_BANDS: tuple[tuple[str, int], ...] = (
    ("under_10", 0),
    ("10_19", 10),
    ("20_29", 20),
    ("30_39", 30),
    ("40_49", 40),
    ("50_plus", 50),
)
# "Huy hiệu Đảng" milestones: years of membership the committees count and honour.
PARTY_AGE_MILESTONES: tuple[int, ...] = BADGE_YEARS

BREAKDOWN_ORDER: tuple[str, ...] = (
    "gender",
    "ethnic_minority",
    "ethnicity",
    "religious",
    "religion",
    "general_education",
    "professional",
    "political_theory",
    "age_band",
    "youth_union",
    "occupation",
    "readmitted",
)

# Age bands of the official form: (code, lowest full age, highest full age).
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("18_30", 0, 30),
    ("31_35", 31, 35),
    ("36_40", 36, 40),
    ("41_45", 41, 45),
    ("46_50", 46, 50),
    ("51_55", 51, 55),
    ("56_60", 56, 60),
    ("over_60", 61, 200),
)

BREAKDOWN_TITLES: dict[str, tuple[str, str]] = {
    "gender": ("Giới tính", "Gender"),
    "ethnic_minority": ("Dân tộc Kinh / thiểu số", "Kinh / minorities"),
    "ethnicity": ("Dân tộc", "Ethnic group"),
    "religious": ("Theo tôn giáo", "Religious"),
    "religion": ("Tôn giáo", "Religion"),
    "general_education": ("Giáo dục phổ thông", "General education"),
    "professional": ("Chuyên môn nghiệp vụ", "Professional qualification"),
    "political_theory": ("Lý luận chính trị", "Political theory"),
    "age_band": ("Tuổi đời", "Age at admission"),
    "youth_union": ("Đoàn viên", "Youth Union members"),
    "occupation": ("Nghề nghiệp", "Occupation"),
    "readmitted": ("Kết nạp lại", "Readmitted"),
    "membership": ("Chính thức / dự bị", "Full / probationary"),
    "party_age_band": ("Tuổi Đảng", "Years of membership"),
    "admission_era": ("Thời gian kết nạp vào Đảng", "Admitted in"),
}


def breakdown_categories(name: str) -> tuple[Category, ...]:
    """The categories of a breakdown, in form order, ``unknown`` last where it exists."""
    if name in FIXED_BREAKDOWNS:
        return FIXED_BREAKDOWNS[name]
    return load_vocabulary(name).categories


# Highlights: (code, breakdown, the categories of it that count), in report order.
HIGHLIGHTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("female", "gender", ("female",)),
    ("minority", "ethnic_minority", ("minority",)),
    ("religious", "religious", ("religious",)),
    ("youth_union", "youth_union", ("yes",)),
    ("aged_18_30", "age_band", ("18_30",)),
    ("university_or_higher", "professional", ("university", "master", "doctor")),
)
HIGHLIGHT_TITLES: dict[str, tuple[str, str]] = {
    "total": ("Tổng số", "Total"),
    "female": ("Nữ", "Women"),
    "minority": ("Dân tộc thiểu số", "Ethnic minorities"),
    "religious": ("Người theo tôn giáo", "Religious"),
    "youth_union": ("Đoàn viên", "Youth Union members"),
    "aged_18_30": ("Tuổi 18–30", "Aged 18–30"),
    "university_or_higher": ("Đại học trở lên", "University or higher"),
    "mean_age": ("Tuổi bình quân", "Mean age"),
}


# Plan attainment statuses (docs/plan.md): 'below' only for a finished period; a running one is
# on track or behind its pro-rata pace, a future one has not started.
QUOTA_STATUS: dict[str, tuple[str, str]] = {
    "exceeded": ("vượt", "exceeded"),
    "met": ("đạt", "met"),
    "below": ("chưa đạt", "below"),
    "on_track": ("đúng tiến độ", "on track"),
    "behind": ("chậm tiến độ", "behind"),
    "not_started": ("chưa bắt đầu", "not started"),
    "no_plan": ("chưa giao", "no plan"),
}


def leaving_labels(lang: str) -> dict[str, str]:
    """How each way of leaving the list is named in ``lang`` (the leave_reason vocabulary,
    and 'unknown' for a reason no word says), in the vocabulary's order."""
    labels = {
        c.code: c.label(lang)
        for c in load_vocabulary(LEAVE_REASON).categories
        if c.code not in ("active", "unknown")
    }
    labels["unknown"] = "Lý do khác" if lang == "vi" else "Other reason"
    return labels
