"""Units are their path: same-named branches of different organizations stay apart."""

from __future__ import annotations

import pandas as pd

from dvstat import schema
from dvstat.normalize import normalize_roster
from dvstat.stats import compute_unit_stats
from dvstat.units import index_units, label_units, matches, plan_key, short_key


def _frame(rows: list[tuple[str | None, str | None, str]]) -> pd.DataFrame:
    """Unit columns as ``normalize`` makes them: categories in the order first met."""
    frame = pd.DataFrame(rows, columns=[schema.PARENT, schema.ORG, schema.BRANCH])
    for column in frame:
        seen = list(dict.fromkeys(v for v in frame[column] if pd.notna(v)))
        frame[column] = pd.Categorical(frame[column], categories=seen)
    return frame


def test_same_named_branches_of_two_orgs_are_two_units() -> None:
    frame = _frame(
        [(None, "Đảng bộ xã A", "Chi bộ thôn 1")] * 3
        + [(None, "Đảng bộ xã B", "Chi bộ thôn 1")] * 2
        + [(None, "Đảng bộ xã B", "Chi bộ thôn 2")]
    )
    index = index_units(frame, "branch", "vi")
    assert [(u.name, u.path, u.label) for u in index.units] == [
        ("Chi bộ thôn 1", ("Đảng bộ xã A", "Chi bộ thôn 1"), "Đảng bộ xã A / Chi bộ thôn 1"),
        ("Chi bộ thôn 1", ("Đảng bộ xã B", "Chi bộ thôn 1"), "Đảng bộ xã B / Chi bộ thôn 1"),
        ("Chi bộ thôn 2", ("Đảng bộ xã B", "Chi bộ thôn 2"), "Chi bộ thôn 2"),
    ]
    assert index.codes.tolist() == [0, 0, 0, 1, 1, 2]


def test_spelling_differences_are_one_unit_shown_as_first_written() -> None:
    frame = _frame(
        [
            (None, "Đảng bộ xã A", "Chi bộ thôn 1"),
            (None, "ĐẢNG BỘ XÃ A", "chi bo thon 1"),
            (None, None, "Chi bộ thôn 1"),
        ]
    )
    index = index_units(frame, "branch", "vi")
    assert [u.path for u in index.units] == [("Chi bộ thôn 1",), ("Đảng bộ xã A", "Chi bộ thôn 1")]
    assert index.codes.tolist() == [1, 1, 0]
    assert [u.label for u in index.units] == ["Chi bộ thôn 1", "Đảng bộ xã A / Chi bộ thôn 1"]


def test_org_level_and_rows_without_an_org() -> None:
    frame = _frame([(None, "Đảng bộ xã A", "x"), (None, None, "y")])
    index = index_units(frame, "org", "en")
    assert [(u.name, u.path) for u in index.units] == [
        ("Đảng bộ xã A", ("Đảng bộ xã A",)),
        ("(no unit given)", ("(no unit given)",)),
    ]
    assert index.codes.tolist() == [0, 1]


def test_a_chi_bo_co_so_is_its_own_org_once_in_its_path() -> None:
    frame = _frame([("Huyện ủy X", "Chi bộ Trường THPT", "Chi bộ Trường THPT")])
    assert index_units(frame, "branch", "vi").units[0].path == ("Huyện ủy X", "Chi bộ Trường THPT")


def test_unit_stats_keep_same_named_branches_apart_and_list_last_years_units() -> None:
    rows = (
        [("Đảng bộ xã A", "Chi bộ thôn 1", "01/06/2025")] * 3
        + [("Đảng bộ xã B", "Chi bộ thôn 1", "01/06/2025")] * 2
        + [("Đảng bộ xã B", "Chi bộ thôn 9", "01/06/2024")] * 4
    )
    raw = pd.DataFrame(
        [
            {
                schema.FULL_NAME: f"Người {i}",
                schema.ORG: org,
                schema.BRANCH: branch,
                schema.ADMISSION_DATE: admitted,
                schema.SRC_FILE: "f.xlsx",
                schema.SRC_SHEET: "S",
                schema.SRC_ROW: i + 2,
                schema.SRC_UNIT: "S",
            }
            for i, (org, branch, admitted) in enumerate(rows)
        ],
        dtype=object,
    )
    frame = normalize_roster(raw)
    this_year = frame[schema.ADMISSION_DATE].dt.year == 2025
    units = compute_unit_stats(frame[this_year], "branch", "vi", frame[~this_year])
    assert [(u.label, u.stats.total, u.previous_total) for u in units] == [
        ("Đảng bộ xã A / Chi bộ thôn 1", 3, 0),
        ("Đảng bộ xã B / Chi bộ thôn 1", 2, 0),
        ("Chi bộ thôn 9", 0, 4),
    ]
    assert units[0].to_dict()["path"] == ["Đảng bộ xã A", "Chi bộ thôn 1"]
    assert units[0].to_dict()["name"] == "Chi bộ thôn 1"
    assert units[2].stats.breakdowns["gender"][2].count == 0


def test_labels_go_up_only_as_far_as_needed() -> None:
    frame = _frame(
        [
            ("Tỉnh ủy P", "Đảng bộ xã A", "Chi bộ 1"),
            ("Tỉnh ủy Q", "Đảng bộ xã A", "Chi bộ 1"),
            ("Tỉnh ủy P", "Đảng bộ xã B", "Chi bộ 1"),
        ]
    )
    units = label_units(index_units(frame, "branch", "vi").units)
    assert sorted(u.label for u in units) == [
        "Tỉnh ủy P / Đảng bộ xã A / Chi bộ 1",
        "Tỉnh ủy Q / Đảng bộ xã A / Chi bộ 1",
        "Đảng bộ xã B / Chi bộ 1",
    ]


def test_plan_keys_match_a_path_suffix() -> None:
    frame = _frame([(None, "Đảng bộ xã Chi Lăng", "Chi bộ thôn 1")])
    unit = index_units(frame, "branch", "vi").units[0]
    assert matches(unit, plan_key("Đảng bộ xã Chi Lăng / Chi bộ thôn 1"))
    assert matches(unit, plan_key("thôn 1"))
    assert matches(unit, plan_key("xã Chi Lăng / thôn 1"))
    assert not matches(unit, plan_key("Đảng bộ xã Khác / Chi bộ thôn 1"))
    assert not matches(unit, plan_key("X / Đảng bộ xã Chi Lăng / Chi bộ thôn 1"))


def test_unit_highlights_equal_those_of_their_own_breakdowns() -> None:
    """The units' highlights come from the count tables at once; the report's from each
    breakdown: both ways give the same figures on the bundled roster."""
    from pathlib import Path

    from conftest import AS_OF
    from dvstat.periods import year_period
    from dvstat.pipeline import run_summarize
    from dvstat.settings import Settings
    from dvstat.stats import _highlights

    roster = Path(__file__).resolve().parent.parent / "sample_data" / "messy"
    report = run_summarize(
        [str(roster / "dang-bo-xa-tan-lap-mau-cu.xlsx")], Settings(), year_period(2025), AS_OF, "vi"
    )
    assert len(report.units) == 8
    for unit in report.units:
        assert unit.highlights == _highlights(unit.stats.breakdowns, unit.total)
        assert unit.to_dict()["breakdowns"]["gender"] == [
            {"code": c.code, "label": c.label, "count": c.count, "percent": c.percent}
            for c in unit.stats.breakdowns["gender"]
        ]


def test_a_short_key_drops_the_last_word_of_three_or_more() -> None:
    # 'Chi bộ' is no part of a key; the last word goes only when two are left
    assert short_key("Chi bộ Quân sự xã") == "quansu"
    assert short_key("Công an xã") == "congan"  # three words: the first two
    assert short_key("Trạm y tế xã") == "tramyte"
    assert short_key("Quân sự") == ""  # two words: dropping one would name too much
    assert short_key("A") == ""
    assert short_key("") == ""
