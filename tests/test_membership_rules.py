"""The membership rules on frames set by hand, each bound tested the day before, of and
after: joining and leaving, probation's end, the changes of a span, the organizations
counted from the rows and from a unit register."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import dvstat
from dvstat import schema
from dvstat.membership import (
    changes_between,
    composition_frame,
    count_organizations,
    states_at,
)
from dvstat.model import RegisterUnit
from membership_rosters import HEADER as ROSTER_HEADER

D = date(2025, 6, 30)


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    def days(key: str) -> pd.Series:
        return pd.Series(pd.to_datetime([r.get(key) for r in rows])).astype("datetime64[s]")

    return pd.DataFrame(
        {
            schema.FULL_NAME: [r.get("name", f"P{i}") for i, r in enumerate(rows)],
            schema.BIRTH_DATE: days("birth").fillna(pd.Timestamp("1980-01-01")),
            schema.ADMISSION_DATE: days("admitted"),
            schema.OFFICIAL_DATE: days("official"),
            schema.TRANSFER_IN_DATE: days("moved_in"),
            schema.LEAVE_DATE: days("left"),
            schema.LEAVE_REASON: pd.Categorical([r.get("reason", "active") for r in rows]),
            schema.ORG: pd.Categorical([r.get("org") for r in rows]),
            schema.BRANCH: pd.Categorical([r.get("branch") for r in rows]),
            schema.PARENT: pd.Categorical([r.get("parent") for r in rows]),
        }
    )


def _valid(frame: pd.DataFrame) -> pd.Series:
    return pd.Series(True, index=frame.index)


def test_joining_and_leaving_days() -> None:
    frame = _frame(
        [
            {"admitted": "2025-06-29"},  # the day before: a member
            {"admitted": "2025-06-30"},  # admitted that day: a member that day
            {"admitted": "2025-07-01"},  # the day after: not yet
            {"admitted": "2000-01-01", "moved_in": "2025-07-01"},  # moved in the day after
            {"admitted": "2000-01-01", "left": "2025-06-30", "reason": "died"},  # gone that day
            {"admitted": "2000-01-01", "left": "2025-07-01", "reason": "died"},  # the day after
            {"admitted": "2000-01-01", "reason": "died"},  # no date: gone on every day
        ]
    )
    states = states_at(frame, _valid(frame), D)
    assert states.member.tolist() == [True, True, False, False, False, True, False]
    assert states.gone.tolist() == [False, False, False, False, True, False, True]
    assert states.not_yet.tolist() == [False, False, True, True, False, False, False]


@pytest.mark.parametrize(
    ("day", "probationary"),
    [(date(2026, 3, 9), True), (date(2026, 3, 10), False), (date(2026, 3, 11), False)],
)
def test_probation_ends_twelve_months_after_admission(day: date, probationary: bool) -> None:
    """Admitted 10/3/2025, recognised 10/3/2026: probationary the day before, full on
    the day and after."""
    frame = _frame([{"admitted": "2025-03-10", "official": "2026-03-10"}])
    found = composition_frame(frame, day)["membership"].tolist()
    assert found == ["probationary" if probationary else "official"]


def test_probationary_until_recognised_and_for_a_full_year() -> None:
    frame = _frame(
        [
            {"admitted": "2023-01-01"},  # never recognised: probationary still
            {"admitted": "2023-01-01", "official": "2025-09-01"},  # recognised late: not yet
            {"admitted": "2025-01-01", "official": "2025-03-01"},  # early date: a year first
            {"admitted": "2023-01-01", "official": "2024-01-01"},
        ]
    )
    assert composition_frame(frame, D)["membership"].tolist() == [
        "probationary",
        "probationary",
        "probationary",
        "official",
    ]


def test_years_of_membership_bands_and_eras_by_day() -> None:
    frame = _frame(
        [
            {"admitted": "2015-06-30"},  # 10 full years on 30/6/2025
            {"admitted": "2015-07-01"},  # 9 full years
            {"admitted": "1975-04-30"},  # 50 years; the last day before 1/5/1975
            {"admitted": "1975-05-01"},
            {"admitted": "1954-07-20"},
            {"admitted": "1954-07-21"},
            {"admitted": "1986-12-31"},
            {"admitted": "1987-01-01"},
        ]
    )
    found = composition_frame(frame, D)
    assert found["party_age"].tolist() == [10, 9, 50, 50, 70, 70, 38, 38]
    assert found["party_age_band"].tolist() == [
        "10_19",
        "under_10",
        "50_plus",
        "50_plus",
        "50_plus",
        "50_plus",
        "30_39",
        "30_39",
    ]
    assert found["admission_era"].tolist() == [
        "since_1987",
        "since_1987",
        "1954_1975",
        "1975_1986",
        "1945_1954",
        "1954_1975",
        "1975_1986",
        "since_1987",
    ]


START, END = date(2025, 1, 1), date(2025, 6, 30)


def test_changes_count_each_event_on_its_day() -> None:
    """Members on 1/1 and 30/6/2025 and what happened between: an event on the first day
    is before the span (in 'at start'), one on the last day within it."""
    frame = _frame(
        [
            {"admitted": "2025-01-01"},  # admitted on the first day: at start
            {"admitted": "2025-01-02"},  # the day after: admitted in the span
            {"admitted": "2025-06-30"},  # the last day: admitted, at end
            {"admitted": "2025-07-01"},  # the day after the span: nowhere
            {"admitted": "2000-01-01", "moved_in": "2025-06-30"},  # transferred in
            {"admitted": "2000-01-01", "left": "2025-01-01", "reason": "died"},  # before
            {"admitted": "2000-01-01", "left": "2025-01-02", "reason": "died"},  # in the span
            {"admitted": "2000-01-01", "left": "2025-06-30", "reason": "transferred_out"},
            {"admitted": "2000-01-01", "left": "2025-07-01", "reason": "died"},  # after
            {"admitted": "2000-01-01", "left": "2025-03-03", "reason": "active"},  # no reason
            {"admitted": "2000-01-01", "reason": "died"},  # undated: takes no part
            # admitted and gone on the same day within the span: in and out
            {"admitted": "2025-02-02", "left": "2025-02-02", "reason": "expelled"},
            # a leaving date before joining: neither an entry nor a leaving
            {"admitted": "2025-03-01", "left": "2025-02-01", "reason": "died"},
        ]
    )
    total, units = changes_between(frame, _valid(frame), START, END, None, "vi")
    assert units == []
    assert total.label == "" and total.path == ()
    # at start: rows 0, 4? no (moved in 30/6), 6, 7, 8, 9 -> 0, 6, 7, 8, 9 = 5
    assert total.at_start == 5
    assert total.admitted == 3  # rows 1, 2, 11
    assert total.transferred_in == 1  # row 4
    assert total.left["died"] == 1  # row 6 (row 5 before the span, row 8 after)
    assert total.left["transferred_out"] == 1  # row 7, on the last day
    assert total.left["unknown"] == 1  # row 9: a date without a reason
    assert total.left["expelled"] == 1  # row 11
    # at end: rows 0, 1, 2, 4, 8 = 5  (5 + 3 + 1 − 4 = 5)
    assert total.at_end == 5


def test_changes_per_unit_keep_units_with_any_movement() -> None:
    frame = _frame(
        [
            {"admitted": "2000-01-01", "branch": "Chi bộ 1"},  # a member throughout
            {
                "admitted": "2025-03-01",
                "left": "2025-04-01",
                "branch": "Chi bộ 2",
                "reason": "died",
            },  # in and out within the span: at start 0, at end 0
            {
                "admitted": "2000-01-01",
                "moved_in": "2025-05-05",
                "left": "2025-06-01",
                "branch": "Chi bộ 3",
                "reason": "transferred_out",
            },
            {"admitted": "2026-01-01", "branch": "Chi bộ 4"},  # after the span: no movement
            {
                "admitted": "2000-01-01",
                "left": "2025-02-02",
                "branch": "Chi bộ 5",
                "reason": "died",
            },  # at start, left
        ]
    )
    total, units = changes_between(frame, _valid(frame), START, END, "branch", "en")
    assert [(u.label, u.path) for u in units] == [
        ("Chi bộ 1", ("Chi bộ 1",)),
        ("Chi bộ 2", ("Chi bộ 2",)),
        ("Chi bộ 3", ("Chi bộ 3",)),
        ("Chi bộ 5", ("Chi bộ 5",)),
    ]
    assert [(u.at_start, u.admitted, u.transferred_in, u.at_end) for u in units] == [
        (1, 0, 0, 1),
        (0, 1, 0, 0),
        (0, 0, 1, 0),
        (1, 0, 0, 0),
    ]
    assert units[1].left["died"] == 1 and units[2].left["transferred_out"] == 1
    assert total.at_start == 2 and total.at_end == 1


def test_organizations_from_the_rows() -> None:
    members = _frame(
        [
            *[{"org": "Đảng bộ xã A", "branch": "Chi bộ thôn 1"}] * 5,  # 5: not small
            *[{"org": "Đảng bộ xã A", "branch": "Chi bộ thôn 2"}] * 4,  # 4 < 5: small
            *[{"org": "Chi bộ Trường học", "branch": "Chi bộ Trường học"}] * 2,
            {"org": "", "branch": "Chi bộ lẻ"},  # an empty organization cell
        ]
    )
    found = count_organizations(members, "vi")
    assert (found.grassroots, found.grassroots_committees, found.grassroots_branches) == (2, 1, 1)
    assert found.branches_under_committees == 2
    assert found.branches == 4  # thôn 1, thôn 2, Trường học, lẻ
    assert found.small_limit == 5
    assert found.members_without_organization == 1
    assert [(b.label, b.members) for b in found.small_branches] == [
        ("Chi bộ lẻ", 1),
        ("Chi bộ Trường học", 2),
        ("Chi bộ thôn 2", 4),  # sorted by path: 'Đảng bộ xã A / …' after 'Chi bộ …'
    ]
    # the workspace's organization takes the rows that name none
    found = count_organizations(members, "vi", organization="Đảng bộ xã A")
    assert found.members_without_organization == 0
    assert found.branches_under_committees == 3
    assert (found.grassroots, found.grassroots_committees) == (2, 1)


def test_a_list_naming_no_organization_is_one_in_either_language() -> None:
    members = _frame([{"branch": "Chi bộ 1"}, {"branch": "Chi bộ 2"}, {"branch": None}])
    for lang in ("vi", "en"):
        found = count_organizations(members, lang, small_limit=2)
        assert (found.grassroots, found.branches, found.members_without_organization) == (
            1,
            3,
            0,
        )
        assert len(found.small_branches) == 3  # each has 1 < 2
    # organization cells present but empty are no organization either
    blank = members.assign(**{schema.ORG: pd.Categorical([""] * 3)})
    found = count_organizations(blank, "en")
    assert (found.grassroots, found.members_without_organization) == (1, 0)
    empty = count_organizations(members.iloc[0:0], "vi")
    assert (empty.grassroots, empty.branches) == (0, 0)


def test_organizations_from_a_register() -> None:
    register = [
        RegisterUnit("A", "Đảng bộ xã A", "dang_bo_co_so", ""),
        RegisterUnit("A1", "Chi bộ thôn 1", "chi_bo", "A"),
        RegisterUnit("A2", "Chi bộ thôn 2", "chi_bo", "A"),
        RegisterUnit("A3", "Chi bộ thôn 3", "chi_bo", "A"),
        RegisterUnit("A5", "Chi bộ thôn 5", "chi_bo", "A"),
        RegisterUnit("A9", "Đảng bộ bộ phận X", "dang_bo_bo_phan", "A"),  # not a chi bộ
        RegisterUnit("Z1", "Chi bộ lạc", "chi_bo", "Z"),  # its parent is not in the register
        RegisterUnit("H", "Đảng bộ huyện", "other", ""),
        RegisterUnit("B", "Chi bộ Trường học", "chi_bo_co_so", "H"),  # has a parent
        RegisterUnit("C", "Chi bộ Trạm y tế", "chi_bo_co_so", ""),
    ]
    members = _frame(
        [
            # rows that also name the district: the branch is found by its last two names
            *[{"parent": "Đảng bộ huyện", "org": "Đảng bộ xã A", "branch": "Chi bộ thôn 1"}] * 6,
            *[{"org": "Đảng bộ xã A", "branch": "Chi bộ thôn 2"}] * 3,  # 3 = the limit
            *[{"org": None, "branch": "Chi bộ thôn 5"}] * 2,  # found by its own name
            *[{"org": "Chi bộ Trường học", "branch": "Chi bộ Trường học"}] * 2,
            *[{"org": None, "branch": "Chi bộ Trạm y tế"}] * 4,  # found by its name alone
            {"org": None, "branch": None},  # names no unit
        ]
    )
    found = count_organizations(members, "vi", small_limit=3, register=register)
    assert (found.grassroots, found.grassroots_committees, found.grassroots_branches) == (3, 1, 2)
    assert found.branches_under_committees == 4  # thôn 1–3 and 5, not the đảng bộ bộ phận
    assert found.branches == 6  # 4 under A and 2 chi bộ cơ sở
    assert found.small_limit == 3 and found.members_without_organization == 0
    assert found.register_unused == ("Chi bộ thôn 3",)
    assert [(b.label, b.path, b.members) for b in found.small_branches] == [
        ("Đảng bộ xã A / Chi bộ thôn 3", ("Đảng bộ xã A", "Chi bộ thôn 3"), 0),
        ("Đảng bộ xã A / Chi bộ thôn 5", ("Đảng bộ xã A", "Chi bộ thôn 5"), 2),
        ("Chi bộ Trường học", ("Chi bộ Trường học",), 2),
    ]


HEADER = ROSTER_HEADER[:9]  # name … official date, branch


def _members(tmp_path: Path, rows: list[list[str]], **options: object) -> dict[str, Any]:
    from conftest import make_csv

    path = make_csv(tmp_path / "dv.csv", rows, header=HEADER)
    options.setdefault("as_of", date(2026, 1, 1))
    return dvstat.members(path, **options).to_dict()  # type: ignore[arg-type]


def test_the_report_compares_with_the_same_day_a_year_earlier(tmp_path: Path) -> None:
    """A year before 30/6/2025 is 30/6/2024: a member admitted that very day makes the
    comparison; ages are those of each day."""
    rows = [
        [
            "An",
            "30/06/1990",
            "Nam",
            "Kinh",
            "Không",
            "12/12",
            "30/06/2024",
            "30/06/2025",
            "Chi bộ 1",
        ],
        ["Bình", "01/07/1980", "Nữ", "Kinh", "Không", "12/12", "01/01/2025", "", "Chi bộ 1"],
    ]
    data = _members(tmp_path, rows, cut_off=D, lang="en")
    assert data["previous"]["as_of"] == "2024-06-30"
    # on 30/6/2024 the one member, An, is 34 (born 30/6/1990); on 30/6/2025 An is 35 and
    # Bình 44 (born 1/7/1980: 45 the next day)
    assert data["previous"]["mean_age"] == 34.0
    assert data["mean_age"] == 39.5
    assert {c["code"]: c["label"] for c in data["breakdowns"]["gender"]}["male"] == "Male"
    assert [c["count"] for c in data["previous"]["breakdowns"]["age_band"] if c["count"]] == [1]
    assert [u["label"] for u in data["units"]] == ["Chi bộ 1"]
    later = [["An", "30/06/1990", "Nam", "Kinh", "Không", "12/12", "01/07/2024", "", "Chi bộ 1"]]
    data = _members(tmp_path, later, cut_off=D, by=None)
    assert data["previous"] is None and data["units"] == []
    data = _members(tmp_path, rows, cut_off=D, compare=False)
    assert data["previous"] is None


def test_the_report_in_vietnamese_with_a_workspace_organization(tmp_path: Path) -> None:
    """Everything the report names comes in the run's language and from the workspace: the
    organization of rows that name none, units without a name, changes, issues."""
    from conftest import make_csv

    header = [*HEADER, "Trạng thái", "Ngày ra khỏi danh sách"]
    rows = [
        [
            "An",
            "30/06/1990",
            "Nam",
            "Kinh",
            "Không",
            "12/12",
            "01/01/2010",
            "01/01/2011",
            "Chi bộ 1",
            "",
            "",
        ],
        ["Bình", "01/01/1995", "Nữ", "Kinh", "Không", "12/12", "01/03/2025", "", "", "", ""],
        [
            "Cường",
            "01/01/1960",
            "Nam",
            "Kinh",
            "Không",
            "12/12",
            "01/01/2000",
            "01/01/2001",
            "Chi bộ 1",
            "Từ trần",
            "",
        ],
    ]
    path = make_csv(tmp_path / "dv.csv", rows, header=header)
    config = tmp_path / "dvstat.toml"
    config.write_text('organization = "Đảng bộ xã A"\n', "utf-8")
    data = dvstat.members(
        path, config=config, period="2025-H1", as_of=date(2026, 1, 1), lang="vi"
    ).to_dict()
    assert data["generated_by"].startswith("dvstat ")
    assert data["scope"]["organization"] == "Đảng bộ xã A"
    assert data["inputs"] == ["dv.csv"]
    assert data["as_of"] == "2025-06-30"
    # An and Bình are members on 30/6/2025; Cường died (no date): gone on every day
    assert data["rows"]["members"] == 2 and data["rows"]["gone"] == 1
    o = data["organizations"]
    assert (o["grassroots"], o["grassroots_committees"], o["members_without_organization"]) == (
        1,
        1,
        0,
    )
    labels = {c["code"]: c["label"] for c in data["breakdowns"]["gender"]}
    assert labels["male"] == "Nam"
    previous = {c["code"]: c["label"] for c in data["previous"]["breakdowns"]["gender"]}
    assert previous["male"] == "Nam" and data["previous"]["total"] == 1  # An only
    units = {u["label"]: u for u in data["units"]}
    assert set(units) == {"Chi bộ 1", "dv"}  # Bình's empty cell: the file names the unit
    assert units["Chi bộ 1"]["previous_total"] == 1
    assert units["dv"]["previous_total"] == 0
    assert "membership" in units["Chi bộ 1"]["breakdowns"]
    changes = data["changes"]
    assert (changes["from"], changes["to"]) == ("2024-12-31", "2025-06-30")
    assert changes["admitted"] == 1  # Bình
    messages = [i["message"] for i in data["issues"]["items"]]
    assert messages == [
        "Tệp 'dv.csv', dòng 4, cột 'Ngày ra khỏi danh sách': 'Từ trần' nhưng không ghi "
        "ngày; được tính là đã ra khỏi danh sách, hãy bổ sung ngày"
    ]

    # rows that name no unit at all (a frame from elsewhere): the unit's name in the
    # report's language, in the composition and in the changes
    from dvstat.membership import build_members_report
    from dvstat.pipeline import load_rosters
    from dvstat.settings import Settings

    loaded = load_rosters([str(path)], Settings(cache_dir=None), date(2026, 1, 1), kind="members")
    frame = loaded.frame.assign(**{schema.BRANCH: loaded.frame[schema.BRANCH].astype(object)})
    frame.loc[frame[schema.FULL_NAME] == "Bình", schema.BRANCH] = None
    report = build_members_report(
        frame,
        loaded.validation,
        [],
        D,
        lang="vi",
        by="branch",
        organization=None,
        generated_by="test",
        span=(date(2024, 12, 31), D),
        compare=True,
    )
    assert [u.label for u in report.units] == ["Chi bộ 1", "(không ghi đơn vị)"]
    assert [u.label for u in report.change_units] == ["Chi bộ 1", "(không ghi đơn vị)"]
    # the workspace's organization takes the members whose rows name none
    orgs = ["Chi bộ Trạm y tế" if name == "An" else None for name in frame[schema.FULL_NAME]]
    report = build_members_report(
        frame.assign(**{schema.ORG: orgs}),
        loaded.validation,
        [],
        D,
        lang="vi",
        by=None,
        organization="Đảng bộ xã A",
        generated_by="test",
        compare=False,
    )
    found = report.organizations
    assert (found.grassroots, found.members_without_organization) == (2, 0)
