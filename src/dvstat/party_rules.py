"""Constants of the party's rules, each with where it comes from: the one place to change
them when a rule changes (docs/design.md lists who uses them).

Sources (public texts):
- Quy định 24-QĐ/TW (2021) and Hướng dẫn 01-HD/TW (28/9/2021) on carrying out the Party
  Statute: admission age, probation, the class certificate;
- Hướng dẫn 01-HD/TW, mục 18 (Huy hiệu Đảng): the badges, the award days, early awards;
- "Cách tính tuổi đảng" (Ban Tổ chức Tỉnh ủy Lâm Đồng): years counted from the admission
  decision, less the time out of party life.
"""

from __future__ import annotations

# The Party was founded on 3 February 1930: no admission, and no year a report covers,
# comes before.
FOUNDING_YEAR = 1930

# --- admission (01-HD/TW, mục 3) ---------------------------------------------------------
ADULT_MONTHS = 18 * 12  # a candidate is at least 18 years old (by month) when the branch votes
SENIOR_MONTHS = 60 * 12  # and not over 60 unless the higher committee agrees
PROBATION_MONTHS = 12  # probation: 12 calendar months from the admission decision
CERTIFICATE_MONTHS = 60  # the class certificate (lớp bồi dưỡng nhận thức về Đảng) is valid 5 years

# --- Huy hiệu Đảng (01-HD/TW, mục 18) ----------------------------------------------------
# Years of membership a badge honours. There is no 35-year badge.
BADGE_YEARS: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
# The award days (month, day): 3/2 (founding of the Party), 19/5, 2/9, 7/11.
AWARD_DAYS: tuple[tuple[int, int], ...] = ((2, 3), (5, 19), (9, 2), (11, 7))
# A member who is very ill may be proposed early: up to 12 months for 30-65 years, up to 24
# months for 70-90 years (mục 18.1); a posthumous award up to 12 months early (mục 18.2).
ILL_EARLY_MONTHS_UP_TO_65 = 12
ILL_EARLY_MONTHS_FROM_70 = 24
POSTHUMOUS_EARLY_MONTHS = 12
# A disciplinary measure delays the award. Sources disagree (cảnh cáo: 6 or 9 months), so
# these are defaults that `[badges.delay_months]` in dvstat.toml overrides, per measure.
DISCIPLINE_DELAY_MONTHS: dict[str, int] = {
    "khien_trach": 6,  # khiển trách (reprimand)
    "canh_cao": 6,  # cảnh cáo (warning); some provinces use 9
    "cach_chuc": 12,  # cách chức (removal from office)
}
# The words offices write for each measure (folded: no accents, no spaces).
DISCIPLINE_WORDS: dict[str, tuple[str, ...]] = {
    "khien_trach": ("khientrach",),
    "canh_cao": ("canhcao",),
    "cach_chuc": ("cachchuc",),
}


def ill_early_months(years: int) -> int:
    """How many months early a very ill member may be proposed for the ``years`` badge."""
    return ILL_EARLY_MONTHS_FROM_70 if years >= 70 else ILL_EARLY_MONTHS_UP_TO_65
