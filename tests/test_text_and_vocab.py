"""Folding, slugs and the vocabularies (vocab/*.toml)."""

from __future__ import annotations

import pytest

from dvstat import schema
from dvstat.normalize import education_code, match_vocabulary
from dvstat.text import clean_text, fold, slug


def test_fold_ignores_case_accents_spaces_and_punctuation() -> None:
    assert fold("Ê - Đê") == fold("Êđê") == fold("ê-đê") == "ede"
    assert fold("Ngày, tháng, năm sinh") == "ngaythangnamsinh"
    assert fold("Ho\u0300a Ha\u0309o") == fold("Hòa Hảo")  # NFD equals NFC


def test_clean_text_removes_zero_width_and_apostrophe() -> None:
    assert clean_text("'  Nguyễn\u200b  Văn   An ") == "Nguyễn Văn An"
    assert clean_text("Nguye\u0302\u0303n") == "Nguyễn"


def test_slug_codes_match_the_spec_examples() -> None:
    assert slug("Khơ Me") == "kho_me"
    assert slug("Bru-Vân Kiều") == "bru_van_kieu"
    assert slug("Ê Đê") == "e_de"


def test_ethnicity_vocabulary_has_54_groups_in_form_order() -> None:
    vocab = schema.load_vocabulary("ethnicity")
    codes = vocab.codes
    assert len(codes) == 57  # 54 groups + other, foreign_origin, unknown
    assert codes[:12] == (
        "kinh",
        "tay",
        "thai",
        "hoa",
        "kho_me",
        "muong",
        "nung",
        "mong",
        "dao",
        "gia_rai",
        "e_de",
        "ngai",
    )
    assert codes[-3:] == ("other", "foreign_origin", "unknown")
    assert len(set(codes)) == len(codes)


def test_no_two_groups_share_a_folded_spelling() -> None:
    vocab = schema.load_vocabulary("ethnicity")
    seen: dict[str, str] = {}
    for category in vocab.categories[:54]:
        key = fold(category.vi)
        assert key not in seen, (category.vi, seen.get(key))
        seen[key] = category.code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("H'mông", "mong"),
        ("Mèo", "mong"),
        ("Khmer", "kho_me"),
        ("Ê - Đê", "e_de"),
        ("Gia-rai", "gia_rai"),
        ("M'Nông", "mnong"),
        ("Kinh (Việt)", "kinh"),
        ("KINH", "kinh"),
        ("Cao Lan", "san_chay"),
        ("Vân Kiều", "bru_van_kieu"),
        ("Chàm", "cham"),
        ("Quốc tịch gốc nước ngoài", "foreign_origin"),
    ],
)
def test_ethnic_spelling_variants(text: str, code: str) -> None:
    assert schema.load_vocabulary("ethnicity").match(text) == code


def test_unknown_ethnic_name_matches_nothing() -> None:
    assert schema.load_vocabulary("ethnicity").match("Ede Ede") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Thiên Chúa giáo", "catholicism"),
        ("Đạo Phật", "buddhism"),
        ("Hòa Hảo", "hoa_hao"),
        ("Đạo Hồi", "islam"),
        ("Tin lành", "protestantism"),
        ("không", "none"),
        ("Cao Đài", "cao_dai"),
        ("Bửu Sơn Kỳ Hương", "other"),
    ],
)
def test_religions(text: str, code: str) -> None:
    assert schema.load_vocabulary("religion").match(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("12/12", "upper_secondary"),
        ("10/10", "upper_secondary"),
        ("9/12", "lower_secondary"),
        ("8/10 phổ thông", "lower_secondary"),
        ("9/12 bổ túc", "lower_secondary"),
        ("6/10", "primary"),
        ("5/12", "primary"),
        ("THPT", "upper_secondary"),
        ("PTTH", "upper_secondary"),
        ("BTVH", "upper_secondary"),
        ("THCS", "lower_secondary"),
        ("Tiểu học", "primary"),
        ("12", "upper_secondary"),
        ("12 / 12", "upper_secondary"),
        ("Tốt nghiệp trung học phổ thông hệ 12 năm", "upper_secondary"),
        ("13/12", None),
        ("abc", None),
    ],
)
def test_general_education(text: str, code: str | None) -> None:
    assert education_code(schema.load_vocabulary("general_education"), text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ĐH", "university"),
        ("Cử nhân Luật", "university"),
        ("Kỹ sư cơ khí", "university"),
        ("Bác sỹ đa khoa", "university"),
        ("ThS", "master"),
        ("Thạc sỹ Kinh tế", "master"),
        ("TS", "doctor"),
        ("TSKH", "doctor"),
        ("CĐ", "college"),
        ("TC", "intermediate"),
        ("THCN", "intermediate"),
        ("Trung cấp thú y", "intermediate"),
        ("CNKT", "elementary"),
        ("công nhân kỹ thuật bậc 3", "elementary"),
        ("ĐH, ThS", "master"),
        ("Không", "none"),
    ],
)
def test_professional(text: str, code: str) -> None:
    assert match_vocabulary(schema.load_vocabulary("professional"), text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Sơ cấp", "elementary"),
        ("Trung cấp", "intermediate"),
        ("Cao cấp", "advanced"),
        ("Cử nhân chính trị", "advanced"),
        ("Không", "none"),
    ],
)
def test_political_theory(text: str, code: str) -> None:
    assert match_vocabulary(schema.load_vocabulary("political_theory"), text) == code


def test_undecodable_bytes_and_lone_surrogates_are_written_out_at_the_bounds() -> None:
    from dvstat.text import readable, shown_name

    # a byte Windows zips could not decode (kept as \udc80–\udcff) is \xNN; any other lone
    # surrogate, up to the last one, \uXXXX; text without them is left alone
    assert readable("a\udc80b\udcff") == "a\\x80b\\xff"
    assert readable("\ud800") == "\\ud800"
    assert readable("\udfff") == "\\udfff"
    assert readable("Chi bộ Zé") == "Chi bộ Zé"
    assert shown_name("x" * 121) == "x" * 120 + "…"
    assert shown_name("x" * 120) == "x" * 120
