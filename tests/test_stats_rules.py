"""Breakdowns, highlights and per-unit figures (``dvstat.stats``) on frames written here by
hand: each religion's group, each age at a band's edges, the shares, the highlights'
'unknown', the units' labels in the run's language."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dvstat import schema
from dvstat.stats import compute_stats, compute_unit_stats

GENDERS = ["male", "female", "unknown"]
RELIGIONS = [c.code for c in schema.breakdown_categories("religion")]
ETHNICITIES = [c.code for c in schema.breakdown_categories("ethnicity")]


def _frame(rows: list[tuple[str | None, str | None, str | None, float]]) -> pd.DataFrame:
    """(branch, gender, religion, age) per row, all in 'Đảng bộ xã A'; every other
    breakdown 'unknown'."""
    others = {
        name: pd.Categorical(
            ["unknown"] * len(rows), categories=[c.code for c in schema.breakdown_categories(name)]
        )
        for name in schema.BREAKDOWN_ORDER
        if name
        not in ("gender", "ethnic_minority", "religious", "religion", "age_band", "readmitted")
    }
    return pd.DataFrame(
        {
            **others,
            schema.ETHNICITY: pd.Categorical(["kinh"] * len(rows), categories=ETHNICITIES),
            "readmitted": pd.Categorical(["no"] * len(rows), categories=["yes", "no"]),
            schema.PARENT: pd.Categorical([None] * len(rows), categories=["Huyện"]),
            schema.ORG: pd.Categorical(["Đảng bộ xã A"] * len(rows)),
            schema.BRANCH: pd.Categorical([r[0] for r in rows]),
            schema.GENDER: pd.Categorical([r[1] for r in rows], categories=GENDERS),
            schema.RELIGION: pd.Categorical([r[2] for r in rows], categories=RELIGIONS),
            "age": pd.array([r[3] for r in rows], dtype="Float64"),
        }
    )


ROWS = [
    ("Chi bộ 1", "female", "buddhism", 18.0),
    ("Chi bộ 1", "male", "none", 30.0),
    ("Chi bộ 1", "unknown", "unknown", 31.0),
    ("Chi bộ 2", "female", "catholicism", 60.0),
    ("Chi bộ 2", None, None, 61.0),  # a gender and a religion not read: unknown
    ("Chi bộ 2", "male", "hoa_hao", float("nan")),
]


def _counts(stats_breakdown: tuple) -> dict[str, int]:  # type: ignore[type-arg]
    return {c.code: c.count for c in stats_breakdown}


def test_religions_group_into_none_religious_and_unknown() -> None:
    stats = compute_stats(_frame(ROWS), "vi")
    assert _counts(stats.breakdowns["religious"]) == {"none": 1, "religious": 3, "unknown": 2}
    # shares of 6, half-up at two decimals
    assert [c.percent for c in stats.breakdowns["religious"]] == [16.67, 50.0, 33.33]


def test_each_age_at_a_band_s_edges() -> None:
    stats = compute_stats(_frame(ROWS), "vi")
    assert _counts(stats.breakdowns["age_band"]) == {
        "18_30": 2,  # 18 and 30
        "31_35": 1,  # 31
        "36_40": 0,
        "41_45": 0,
        "46_50": 0,
        "51_55": 0,
        "56_60": 1,  # 60
        "over_60": 1,  # 61
        "unknown": 1,  # no age
    }
    assert stats.mean_age == 40.0  # (18 + 30 + 31 + 60 + 61) / 5


def test_labels_in_the_run_s_language_and_the_highlights_unknowns() -> None:
    vi = compute_stats(_frame(ROWS), "vi")
    en = compute_stats(_frame(ROWS), "en")
    assert [c.label for c in vi.breakdowns["gender"]] == ["Nam", "Nữ", "Không rõ"]
    assert [c.label for c in en.breakdowns["gender"]] == ["Male", "Female", "Unknown"]
    assert _counts(vi.breakdowns["gender"]) == {"male": 2, "female": 2, "unknown": 2}
    female = vi.highlights["female"]
    assert (female.count, female.percent, female.unknown) == (2, 33.33, 2)
    religious = vi.highlights["religious"]
    assert (religious.count, religious.unknown) == (3, 2)
    total = vi.highlights["total"]
    assert (total.count, total.percent) == (6, 100.0)
    empty = compute_stats(_frame([]), "vi")
    assert (empty.highlights["total"].count, empty.highlights["total"].percent) == (0, 0.0)


def test_per_unit_figures_count_a_missing_category_as_unknown() -> None:
    units = compute_unit_stats(_frame(ROWS), "branch", "vi")
    assert [(u.label, u.level, u.total, u.previous_total) for u in units] == [
        ("Chi bộ 1", "branch", 3, None),
        ("Chi bộ 2", "branch", 3, None),
    ]
    second = units[1]
    assert second.table.counts["gender"] == [1, 1, 1]  # the gender not read is 'unknown'
    assert second.table.counts["religious"] == [0, 2, 1]
    assert second.table.categories["gender"][1] == ("female", "Nữ")
    female = second.highlights["female"]
    assert (female.count, female.percent, female.unknown) == (1, 33.33, 1)
    assert second.mean_age == 60.5  # 60 and 61; the row without an age is left out
    assert units[0].mean_age == 26.3  # (18 + 30 + 31) / 3 = 26,33…


def test_per_unit_figures_with_last_year_and_an_unnamed_unit() -> None:
    previous = _frame([("Chi bộ 3", "male", "none", 40.0), (None, "male", "none", 40.0)])
    units = compute_unit_stats(_frame(ROWS), "branch", "vi", previous)
    assert [(u.label, u.total, u.previous_total) for u in units] == [
        ("Chi bộ 1", 3, 0),
        ("Chi bộ 2", 3, 0),
        ("Chi bộ 3", 0, 1),  # only last year: listed with 0
        ("(không ghi đơn vị)", 0, 1),
    ]
    assert np.array_equal(units[2].table.counts["gender"], [0, 0, 0])


def test_a_unit_without_rows_last_year_after_one_with_them() -> None:
    previous = _frame([("Chi bộ 1", "male", "none", 40.0)])
    units = compute_unit_stats(_frame(ROWS), "branch", "vi", previous)
    assert [(u.label, u.previous_total) for u in units] == [("Chi bộ 1", 1), ("Chi bộ 2", 0)]


def test_a_unit_listed_for_last_year_alone_has_every_share_at_zero() -> None:
    previous = _frame([("Chi bộ 3", "female", "none", 40.0)])
    third = compute_unit_stats(_frame(ROWS), "branch", "vi", previous)[2]
    assert third.label == "Chi bộ 3" and third.total == 0
    assert (third.highlights["total"].count, third.highlights["total"].percent) == (0, 0.0)
    assert third.highlights["female"].percent == 0.0


def test_compared_with_last_year() -> None:
    from dvstat.stats import compare_totals

    found = compare_totals(801, 800)
    assert (found.previous_total, found.percent_of_previous, found.change_percent) == (
        800,
        100.13,
        0.13,
    )
    none = compare_totals(5, 0)
    assert (none.previous_total, none.percent_of_previous, none.change_percent) == (0, None, None)
