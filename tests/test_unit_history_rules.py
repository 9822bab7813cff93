"""The unit register's history rules on registers written here by hand: a unit's last day
and the day after, where a unit went, names a unit gives a row, the register's own errors
and the events of a span at its edges."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dvstat import schema
from dvstat.model import RegisterUnit
from dvstat.unit_history import (
    History,
    Target,
    events_between,
    register_issues,
    restate,
    units_on,
)

END = date(2025, 6, 30)  # the old communes' last day
NEW = date(2025, 7, 1)  # the new commune's first


def _merger() -> list[RegisterUnit]:
    """Two communes merged into one on 1/7/2025; a branch of each went into one branch."""
    return [
        RegisterUnit("H", "Đảng bộ huyện", "other", ""),
        RegisterUnit("A", "Đảng bộ xã A", "dang_bo_co_so", "H", valid_to=END, successors=("N",)),
        RegisterUnit("B", "Đảng bộ xã B", "dang_bo_co_so", "H", valid_to=END, successors=("N",)),
        RegisterUnit("N", "Đảng bộ xã Mới", "dang_bo_co_so", "", valid_from=NEW, former=("Xã Cũ",)),
        RegisterUnit("A1", "Chi bộ thôn 1", "chi_bo", "A", valid_to=END, successors=("N1",)),
        RegisterUnit("N1", "Chi bộ thôn Một", "chi_bo", "N", valid_from=NEW),
        RegisterUnit("C", "Chi bộ Trường học", "chi_bo_co_so", "H"),
    ]


def test_a_unit_stands_until_its_last_day_then_is_its_successor() -> None:
    history = History(_merger())
    assert history.place("A", date(2025, 6, 29)) == "A"
    assert history.place("A", END) == "A"  # its last day: still itself
    assert history.place("A", NEW) == "N"  # the day after: the new commune
    assert history.place("A1", NEW) == "N1"
    assert history.place("N", END) is None  # before it began: two predecessors, no choice
    assert history.place("N1", END) == "A1"  # one predecessor: that one
    assert history.place("Z", NEW) is None  # not in the register
    assert history.changed_on() == NEW
    assert History([RegisterUnit("C", "Chi bộ", "chi_bo_co_so", "")]).changed_on() is None


def test_a_chain_of_successors_and_a_loop_end() -> None:
    units = [
        RegisterUnit(
            "X", "Xã X", "dang_bo_co_so", "", valid_to=date(2020, 1, 1), successors=("Y",)
        ),
        RegisterUnit(
            "Y",
            "Xã Y",
            "dang_bo_co_so",
            "",
            valid_from=date(2020, 1, 2),
            valid_to=date(2024, 12, 31),
            successors=("Z",),
        ),
        RegisterUnit("Z", "Xã Z", "dang_bo_co_so", "", valid_from=date(2025, 1, 1)),
    ]
    history = History(units)
    assert history.place("X", date(2025, 1, 1)) == "Z"  # through every step
    assert history.place("Z", date(2019, 12, 31)) == "X"  # back through every step
    loop = [
        RegisterUnit("P", "P", "chi_bo", "", valid_to=date(2020, 1, 1), successors=("Q",)),
        RegisterUnit("Q", "Q", "chi_bo", "", valid_to=date(2020, 1, 1), successors=("P",)),
    ]
    assert History(loop).place("P", date(2021, 1, 1)) is None  # a loop ends, never spins


def test_names_are_found_by_kind_and_under_their_parent() -> None:
    units = [
        *_merger(),
        RegisterUnit("B1", "Chi bộ thôn 1", "chi_bo", "B", valid_to=END, successors=("N1",)),
    ]
    history = History(units)
    assert history.find("Đảng bộ xã A", ["dang_bo_co_so"]) == ["A"]
    assert history.find("Đảng bộ xã A", ["chi_bo"]) == []
    assert history.find("xã cũ", ["dang_bo_co_so"]) == ["N"]  # a former name
    assert history.find("Chi bộ thôn 1", ["chi_bo"]) == ["A1", "B1"]
    assert history.find("Chi bộ thôn 1", ["chi_bo"], parent="B") == ["B1"]
    # under a parent that holds neither: both stay; a unit that became the parent counts
    assert history.find("Chi bộ thôn 1", ["chi_bo"], parent="C") == ["A1", "B1"]
    assert history.find("Chi bộ thôn Một", ["chi_bo"], parent="N") == ["N1"]
    assert history.find("Chi bộ thôn 1", ["chi_bo"], parent="N") == ["A1", "B1"]
    # one unit of the name: the parent is not asked
    assert history.find("Đảng bộ xã A", ["dang_bo_co_so"], parent="C") == ["A"]


def test_the_names_a_placed_unit_gives_a_row() -> None:
    history = History(_merger())
    assert history.target("A") == Target("Đảng bộ huyện", "Đảng bộ xã A", None)
    assert history.target("N") == Target(None, "Đảng bộ xã Mới", None)  # no parent
    assert history.target("A1") == Target("Đảng bộ huyện", "Đảng bộ xã A", "Chi bộ thôn 1")
    assert history.target("N1") == Target(None, "Đảng bộ xã Mới", "Chi bộ thôn Một")
    orphan = History([RegisterUnit("O", "Chi bộ lẻ", "chi_bo", "")])
    assert orphan.target("O") == Target(None, None, "Chi bộ lẻ")


def test_the_register_s_errors() -> None:
    units = [
        RegisterUnit("A", "Xã A", "dang_bo_co_so", "", valid_to=END, row=2, file="dv.csv"),
        RegisterUnit("B", "Xã B", "dang_bo_co_so", "", valid_to=END, successors=("Q",), row=3),
        RegisterUnit("C", "Chi bộ 1", "chi_bo", "K", row=4),
        RegisterUnit("D", "Chi bộ 2", "chi_bo", "A", valid_from=NEW, row=5),  # A gone then
        RegisterUnit("E", "Chi bộ 3", "chi_bo", "A", valid_from=END, row=6),  # A's last day
        RegisterUnit("F", "Chi bộ 4", "chi_bo", "A", valid_to=END, successors=("E",), row=7),
        RegisterUnit("G", "Chi bộ 4", "chi_bo", "A", valid_from=END, row=8),  # a day together
        RegisterUnit(
            "I", "Chi bộ 5", "chi_bo", "A", valid_to=date(2025, 6, 29), row=9, successors=("E",)
        ),
        RegisterUnit("J", "Chi bộ 5", "chi_bo", "A", valid_from=END, row=10),  # the day after
    ]
    found = [(i.code, i.severity, i.row, i.value, dict(i.detail)) for i in register_issues(units)]
    assert found == [
        ("register-no-successor", "warning", 2, "Xã A", {"day": "30/06/2025"}),
        ("register-unknown-successor", "error", 3, "Xã B", {"other": "Q"}),
        ("register-unknown-parent", "error", 4, "Chi bộ 1", {"other": "K"}),
        ("register-parent-missing", "error", 5, "Chi bộ 2", {"other": "Xã A"}),
        ("register-overlap", "error", 8, "Chi bộ 4", {"other": "7"}),
    ]
    assert register_issues(units)[0].file == "dv.csv"
    assert register_issues(units)[1].file is None


def test_cycles_by_successor_and_by_parent() -> None:
    by_successor = [
        RegisterUnit("P", "P", "chi_bo", "", valid_to=END, successors=("Q",)),
        RegisterUnit("Q", "Q", "chi_bo", "", valid_to=END, successors=("P",)),
    ]
    by_parent = [
        RegisterUnit("R", "R", "chi_bo", "S"),
        RegisterUnit("S", "S", "dang_bo_co_so", "T"),
        RegisterUnit("T", "T", "dang_bo_co_so", "R"),
        RegisterUnit("U", "U", "chi_bo", "R"),  # under the cycle, not in it
    ]
    codes = [(i.code, i.value) for i in register_issues(by_successor + by_parent)]
    cycles = [name for code, name in codes if code == "register-cycle"]
    assert cycles == ["P", "Q", "R", "S", "T"]


def test_the_tree_on_a_day() -> None:
    units = _merger()
    assert [(d, u.code) for d, u in units_on(units, END)] == [
        (0, "H"),
        (1, "C"),
        (1, "A"),
        (2, "A1"),
        (1, "B"),
    ]
    assert [(d, u.code) for d, u in units_on(units, NEW)] == [
        (0, "H"),
        (1, "C"),
        (0, "N"),
        (1, "N1"),
    ]
    # a chain deeper than ten stops at depth 10 (a cycle is never walked for ever)
    chain = [RegisterUnit("0", "0", "other", "")]
    chain += [RegisterUnit(str(i), str(i), "other", str(i - 1)) for i in range(1, 14)]
    depths = [d for d, _ in units_on(chain, END)]
    assert depths == list(range(11))


def test_events_of_a_span_at_its_edges() -> None:
    units = [
        *_merger(),
        RegisterUnit("D", "Chi bộ giải thể", "chi_bo", "C", valid_to=date(2025, 3, 31)),
        RegisterUnit("S", "Chi bộ tách", "chi_bo", "C", valid_to=END, successors=("S1", "S2")),
        RegisterUnit("S1", "Chi bộ 1", "chi_bo", "C", valid_from=NEW),
        RegisterUnit("S2", "Chi bộ 2", "chi_bo", "C", valid_from=NEW),
        RegisterUnit("W", "Chi bộ mới lập", "chi_bo", "C", valid_from=date(2025, 4, 1)),
    ]
    events = events_between(units, END, NEW)  # after 30/6 up to 1/7: the merger's day
    assert [(e.day, e.kind, e.name, e.others) for e in events] == [
        (NEW, "formed", "Chi bộ 1", ("Chi bộ tách",)),
        (NEW, "formed", "Chi bộ 2", ("Chi bộ tách",)),
        (NEW, "formed", "Chi bộ thôn Một", ("Chi bộ thôn 1",)),
        (NEW, "formed", "Đảng bộ xã Mới", ("Đảng bộ xã A", "Đảng bộ xã B")),
        (NEW, "merged", "Chi bộ thôn 1", ("Chi bộ thôn Một",)),
        (NEW, "merged", "Đảng bộ xã A", ("Đảng bộ xã Mới",)),
        (NEW, "merged", "Đảng bộ xã B", ("Đảng bộ xã Mới",)),
        (NEW, "split", "Chi bộ tách", ("Chi bộ 1", "Chi bộ 2")),
    ]
    assert events_between(units, NEW, date(2025, 12, 31)) == []  # the day itself: before
    assert events_between(units, date(2025, 1, 1), END) == events_between(
        units, date(2025, 1, 1), date(2025, 6, 29)
    )
    spring = events_between(units, date(2025, 3, 31), date(2025, 4, 1))
    assert [(e.day, e.kind, e.name) for e in spring] == [
        (date(2025, 4, 1), "created", "Chi bộ mới lập"),
        (date(2025, 4, 1), "dissolved", "Chi bộ giải thể"),
    ]
    assert events_between(units, date(2025, 3, 30), date(2025, 3, 31)) == []


def test_a_name_under_a_parent_that_became_the_new_one() -> None:
    """Three branches named alike; under the new commune the two whose communes went into
    it, not the third."""
    units = [
        *_merger(),
        RegisterUnit("B1", "Chi bộ thôn 1", "chi_bo", "B", valid_to=END, successors=("N1",)),
        RegisterUnit("C1", "Chi bộ thôn 1", "chi_bo", "C"),
    ]
    history = History(units)
    assert history.find("Chi bộ thôn 1", ["chi_bo"], parent="N") == ["A1", "B1"]
    assert history.find("Chi bộ thôn 1", ["chi_bo"], parent="C") == ["C1"]


def _rows(paths: list[tuple[str | None, str | None, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            schema.PARENT: pd.Categorical([p for p, _, _ in paths]),
            schema.ORG: pd.Categorical([o for _, o, _ in paths]),
            schema.BRANCH: pd.Categorical([b for _, _, b in paths]),
            schema.SRC_FILE: "ds.xlsx",
            schema.SRC_SHEET: pd.Categorical([None if i == 0 else "DS" for i in range(len(paths))]),
            schema.SRC_ROW: [5 + i for i in range(len(paths))],
        }
    )


def test_rows_restated_on_the_new_units_with_one_issue_per_unit() -> None:
    frame = _rows(
        [
            (None, "Đảng bộ xã A", "Chi bộ thôn 1"),  # row 5: merged: restated (info)
            (None, "Đảng bộ xã A", "Chi bộ thôn 1"),  # row 6: the same unit, one issue
            (None, "Đảng bộ xã Mới", "Chi bộ thôn Một"),  # row 7: already today's names
            (None, "Đảng bộ xã Z", None),  # row 8: not in the register (warning)
            (None, "Đảng bộ xã A", "Chi bộ lạ"),  # row 9: a branch the register lacks
            (None, None, None),  # row 10: names nothing: left as it is
        ]
    )
    out, issues = restate(frame, _merger(), NEW)
    assert out[schema.ORG].tolist()[:3] == ["Đảng bộ xã Mới"] * 3
    assert out[schema.BRANCH].tolist()[:3] == ["Chi bộ thôn Một"] * 3
    assert out[schema.ORG].tolist()[3] == "Đảng bộ xã Z"
    assert out[schema.ORG].tolist()[4] == "Đảng bộ xã Mới"  # the commune moves, the branch
    assert out[schema.BRANCH].tolist()[4] == "Chi bộ lạ"  # keeps its name
    assert out[schema.ORG].isna().tolist()[5] and out[schema.BRANCH].isna().tolist()[5]
    found = [(i.code, i.severity, i.sheet, i.row, i.value, dict(i.detail)) for i in issues]
    assert found == [
        (
            "unit-restated",
            "info",
            None,
            5,
            "Chi bộ thôn 1",
            {"new": "Đảng bộ xã Mới / Chi bộ thôn Một", "rows": "2"},
        ),
        ("unit-not-in-register", "warning", "DS", 8, "Đảng bộ xã Z", {"new": "", "rows": "1"}),
        ("unit-restated", "info", "DS", 9, "Đảng bộ xã A", {"new": "Đảng bộ xã Mới", "rows": "1"}),
    ]
    assert all(i.file == "ds.xlsx" for i in issues)


def test_a_unit_that_split_cannot_be_placed() -> None:
    units = [
        RegisterUnit("S", "Chi bộ tách", "chi_bo_co_so", "", valid_to=END, successors=("S1", "S2")),
        RegisterUnit("S1", "Chi bộ 1", "chi_bo_co_so", "", valid_from=NEW),
        RegisterUnit("S2", "Chi bộ 2", "chi_bo_co_so", "", valid_from=NEW),
    ]
    frame = _rows([(None, "Chi bộ tách", None), (None, "Chi bộ tách", "Chi bộ tách")])
    out, issues = restate(frame, units, NEW)
    assert out[schema.ORG].tolist() == ["Chi bộ tách", "Chi bộ tách"]  # kept as written
    assert [(i.code, i.severity, i.row, i.value, dict(i.detail)) for i in issues] == [
        ("unit-not-placed", "warning", 5, "Chi bộ tách", {"new": "", "rows": "1"}),
        ("unit-not-placed", "warning", 6, "Chi bộ tách", {"new": "", "rows": "1"}),
    ]


def test_events_of_one_day_in_the_order_of_their_kinds_then_their_names() -> None:
    # names chosen so that sorting by name alone would give another order
    units = [
        RegisterUnit("M", "Chi bộ A cũ", "chi_bo", "", valid_to=END, successors=("F",)),
        RegisterUnit("F", "Chi bộ Z hợp nhất", "chi_bo", "", valid_from=NEW),
        RegisterUnit("W", "Chi bộ Y mới", "chi_bo", "", valid_from=NEW),
        RegisterUnit("S", "Chi bộ X tách", "chi_bo", "", valid_to=END, successors=("S1", "S2")),
        RegisterUnit("S1", "Chi bộ X1", "chi_bo", "", valid_from=NEW),
        RegisterUnit("S2", "Chi bộ X2", "chi_bo", "", valid_from=NEW),
        RegisterUnit("D", "Chi bộ B giải thể", "chi_bo", "", valid_to=END),
    ]
    assert [(e.kind, e.name) for e in events_between(units, END, NEW)] == [
        ("formed", "Chi bộ X1"),
        ("formed", "Chi bộ X2"),
        ("formed", "Chi bộ Z hợp nhất"),
        ("created", "Chi bộ Y mới"),
        ("merged", "Chi bộ A cũ"),
        ("split", "Chi bộ X tách"),
        ("dissolved", "Chi bộ B giải thể"),
    ]


def test_a_unit_asked_for_before_it_began_without_a_predecessor_is_nowhere() -> None:
    units = [RegisterUnit("W", "Chi bộ mới lập", "chi_bo", "", valid_from=NEW)]
    assert History(units).place("W", END) is None
    assert History(units).place("W", NEW) == "W"


def test_a_parent_that_became_the_new_one_through_two_steps() -> None:
    units = [
        RegisterUnit(
            "X", "Xã X", "dang_bo_co_so", "", valid_to=date(2020, 1, 1), successors=("Y",)
        ),
        RegisterUnit(
            "Y", "Xã Y", "dang_bo_co_so", "", valid_from=date(2020, 1, 2), valid_to=END,
            successors=("Z",),
        ),
        RegisterUnit("Z", "Xã Z", "dang_bo_co_so", "", valid_from=NEW),
        RegisterUnit("X1", "Chi bộ thôn 1", "chi_bo", "X", valid_to=date(2020, 1, 1)),
        RegisterUnit("V1", "Chi bộ thôn 1", "chi_bo", "V"),
        RegisterUnit("V", "Xã V", "dang_bo_co_so", ""),
    ]  # fmt: skip
    assert History(units).find("Chi bộ thôn 1", ["chi_bo"], parent="Z") == ["X1"]


def test_a_cycle_behind_a_successor_the_register_lacks() -> None:
    units = [
        RegisterUnit("P", "P", "chi_bo", "", valid_to=END, successors=("Q", "MISSING")),
        RegisterUnit("Q", "Q", "chi_bo", "", valid_to=END, successors=("P",)),
    ]
    cycles = [i.value for i in register_issues(units) if i.code == "register-cycle"]
    assert cycles == ["P", "Q"]


def test_a_unit_whose_parent_has_ended_stands_at_the_top_of_the_tree() -> None:
    units = [
        RegisterUnit("A", "Xã A", "dang_bo_co_so", "", valid_to=END),
        RegisterUnit("K", "Chi bộ K", "chi_bo", "A", valid_from=NEW),
        RegisterUnit("L", "Chi bộ L", "chi_bo", "GONE"),  # a parent not in the register
    ]
    assert [(d, u.code) for d, u in units_on(units, NEW)] == [(0, "K"), (0, "L")]


def _more_units() -> list[RegisterUnit]:
    """The merger, with a đảng bộ bộ phận of commune A that went into one of the new
    commune, two communes named alike, two branches named alike and a branch that split."""
    return [
        *_merger(),
        RegisterUnit(
            "P1", "Đảng bộ bộ phận khối 1", "dang_bo_bo_phan", "A", valid_to=END,
            successors=("P2",),
        ),
        RegisterUnit("P2", "Đảng bộ bộ phận khối Mới", "dang_bo_bo_phan", "N", valid_from=NEW),
        RegisterUnit("T1", "Đảng bộ xã Trùng", "dang_bo_co_so", "H"),
        RegisterUnit("T2", "Đảng bộ xã Trùng", "dang_bo_co_so", ""),
        RegisterUnit("R1", "Chi bộ thôn Hai", "chi_bo", "T1"),
        RegisterUnit("R2", "Chi bộ thôn Hai", "chi_bo", "T2"),
        RegisterUnit("Q", "Chi bộ tách đôi", "chi_bo", "C", valid_to=END, successors=("Q1", "Q2")),
        RegisterUnit("Q1", "Chi bộ 1", "chi_bo", "C", valid_from=NEW),
        RegisterUnit("Q2", "Chi bộ 2", "chi_bo", "C", valid_from=NEW),
        RegisterUnit("O", "Chi bộ lẻ", "chi_bo", ""),
    ]  # fmt: skip


def test_rows_placed_keep_or_take_each_level_of_their_path() -> None:
    frame = _rows(
        [
            ("Huyện X", "Đảng bộ xã Z", None),  # 5: not in the register: kept whole
            (None, "Chi bộ Trường học", None),  # 6: unchanged: takes its parent
            (None, "Đảng bộ xã A", "Đảng bộ bộ phận khối 1"),  # 7: a đảng bộ bộ phận moved
            (None, "Đảng bộ xã Trùng", None),  # 8: two communes of the name
            (None, None, "Chi bộ thôn Hai"),  # 9: two branches of the name
            (None, "Chi bộ Trường học", "Chi bộ tách đôi"),  # 10: split
            (None, "Đảng bộ X viết sai", "Chi bộ lẻ"),  # 11: a branch without organization
            ("Huyện Y", "Đảng bộ xã A", "Chi bộ lạ"),  # 12: a branch the register lacks
        ]
    )
    out, issues = restate(frame, _more_units(), NEW)
    paths = list(
        zip(
            out[schema.PARENT].astype(object).where(out[schema.PARENT].notna(), None),
            out[schema.ORG].astype(object).where(out[schema.ORG].notna(), None),
            out[schema.BRANCH].astype(object).where(out[schema.BRANCH].notna(), None),
            strict=True,
        )
    )
    assert paths == [
        ("Huyện X", "Đảng bộ xã Z", None),
        ("Đảng bộ huyện", "Chi bộ Trường học", None),
        (None, "Đảng bộ xã Mới", "Đảng bộ bộ phận khối Mới"),
        (None, "Đảng bộ xã Trùng", None),
        (None, None, "Chi bộ thôn Hai"),
        (None, "Chi bộ Trường học", "Chi bộ tách đôi"),
        (None, "Đảng bộ X viết sai", "Chi bộ lẻ"),
        # the register gives the new commune no parent: the row's own is kept
        ("Huyện Y", "Đảng bộ xã Mới", "Chi bộ lạ"),
    ]
    found = [(i.code, i.row, i.value, i.detail["new"]) for i in issues]
    assert found == [
        ("unit-not-in-register", 5, "Đảng bộ xã Z", ""),
        ("unit-restated", 7, "Đảng bộ bộ phận khối 1", "Đảng bộ xã Mới / Đảng bộ bộ phận khối Mới"),
        ("unit-not-placed", 8, "Đảng bộ xã Trùng", ""),
        ("unit-not-placed", 9, "Chi bộ thôn Hai", ""),
        ("unit-not-placed", 10, "Chi bộ tách đôi", ""),
        ("unit-restated", 12, "Đảng bộ xã A", "Đảng bộ xã Mới"),
    ]
