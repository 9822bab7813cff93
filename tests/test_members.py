"""`dvstat members` reproduces, at the cut-off, the figures committees publish.

Krông Pắc (2021): "Tổng số đảng viên toàn huyện là 7.267 đồng chí, trong đó nữ 2.941 đồng
chí, chiếm 40,47%; dân tộc thiểu số 1.301 đồng chí, chiếm 17,90%; tôn giáo 74 đồng chí,
chiếm 1,02%" and "48 tổ chức cơ sở đảng trực thuộc, trong đó có 23 đảng bộ (với 492 chi bộ
trực thuộc đảng ủy cơ sở) và 25 chi bộ". Văn Bàn (2022): "6.071 đảng viên thuộc 58 tổ
chức cơ sở đảng trực thuộc (30 chi bộ và 28 đảng bộ cơ sở); có 342 chi bộ trực thuộc đảng
bộ cơ sở". The rosters around those members (leavers, later admissions) are set by hand in
membership_rosters.py; every expected number below is worked out from them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import dvstat
from conftest import INIT_OUTPUTS
from dvstat.cli import run_app
from membership_rosters import (
    ADMITTED_2021,
    CUT_OFF,
    MOVED_IN_2021,
    District,
    gone,
    later,
    write_roster,
)

TODAY = date(2026, 11, 22)
KRONG_PAC = District(
    members=7267,
    women=2941,
    minority=1301,
    religious=74,
    committees=23,
    branches=492,
    grassroots_branches=25,
)
VAN_BAN = District(
    members=6071,
    women=3000,
    minority=2500,
    religious=20,
    committees=28,
    branches=342,
    grassroots_branches=30,
    small=3,
)


@pytest.fixture(scope="module")
def krong_pac(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_roster(KRONG_PAC, tmp_path_factory.mktemp("kp") / "dang-vien.csv")


def test_krong_pac_at_the_cut_off(krong_pac: Path) -> None:
    data = dvstat.members(krong_pac, cut_off=CUT_OFF, as_of=TODAY).to_dict()
    assert data["as_of"] == "2021-12-31"
    assert data["total"] == 7267
    h = data["highlights"]
    assert (h["female"]["count"], h["female"]["percent"]) == (2941, 40.47)
    assert (h["minority"]["count"], h["minority"]["percent"]) == (1301, 17.90)
    assert (h["religious"]["count"], h["religious"]["percent"]) == (74, 1.02)
    o = data["organizations"]
    assert (
        o["grassroots"],
        o["grassroots_committees"],
        o["grassroots_branches"],
        o["branches_under_committees"],
    ) == (48, 23, 25, 492)
    assert o["branches_under_5"] == []
    # read = members + gone (76) + not yet on the list (70) + rejected
    assert gone() == 76 and later() == 70
    assert data["rows"] == {
        "read": 7267 + 76 + 70,
        "members": 7267,
        "gone": 76,
        "not_yet": 70,
        "rejected": 0,
    }
    undated = [i for i in data["issues"]["items"] if i["code"] == "leave-date-missing"]
    assert len(undated) == 3 and all(i["severity"] == "warning" for i in undated)
    # the same date a year earlier: without the 150 + 7 who came in 2021, with the 58 who
    # left in 2021 (30 died, 25 moved away, 2 expelled, 1 resigned)
    assert data["previous"]["total"] == 7267 - ADMITTED_2021 - MOVED_IN_2021 + 58 == 7168
    assert data["previous"]["as_of"] == "2020-12-31"


def test_krong_pac_increases_and_decreases_over_2021(krong_pac: Path) -> None:
    report = dvstat.members(krong_pac, year=2021, as_of=TODAY)
    changes = report.to_dict()["changes"]
    assert (changes["from"], changes["to"]) == ("2020-12-31", "2021-12-31")
    assert (
        changes["at_start"],
        changes["admitted"],
        changes["transferred_in"],
        changes["at_end"],
    ) == (7168, 150, 7, 7267)
    assert changes["left"] == {
        "died": 30,
        "transferred_out": 25,
        "removed": 0,
        "expelled": 2,
        "resigned": 1,
        "not_recognized": 0,
        "unknown": 0,
    }
    assert changes["reconciles"] and changes["left_total"] == 58
    assert sum(u["at_end"] for u in changes["units"]) == 7267
    assert all(u["reconciles"] for u in changes["units"])
    assert report.as_of == CUT_OFF


def test_van_ban_organizations_and_small_branches(tmp_path: Path) -> None:
    roster = write_roster(VAN_BAN, tmp_path / "van-ban.csv")
    data = dvstat.members(roster, cut_off=CUT_OFF, as_of=TODAY).to_dict()
    assert data["total"] == 6071
    o = data["organizations"]
    assert (
        o["grassroots"],
        o["grassroots_branches"],
        o["grassroots_committees"],
        o["branches_under_committees"],
    ) == (58, 30, 28, 342)
    assert [(b["path"], b["members"]) for b in o["branches_under_5"]] == [
        (["Đảng bộ xã 01", "Chi bộ thôn 1"], 3),
        (["Đảng bộ xã 01", "Chi bộ thôn 2"], 3),
        (["Đảng bộ xã 01", "Chi bộ thôn 3"], 3),
    ]


def test_the_command_and_its_markdown(krong_pac: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run_app(
        ["members", str(krong_pac), "--as-of", "2021-12-31", "--format", "markdown", "--no-cache"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert (
        "Tính đến ngày 31/12/2021, tổng số đảng viên toàn đảng bộ là **7.267** đồng chí "
        "(cùng kỳ năm trước: 7.168 đồng chí, bằng 101,38%); trong đó nữ 2.941 đồng chí, "
        "chiếm 40,47%; dân tộc thiểu số 1.301 đồng chí, chiếm 17,90%; tôn giáo 74 đồng "
        "chí, chiếm 1,02%"
    ) in out
    assert (
        "Toàn đảng bộ có 48 tổ chức cơ sở đảng trực thuộc, trong đó có 23 đảng bộ cơ sở "
        "(với 492 chi bộ trực thuộc đảng ủy cơ sở) và 25 chi bộ cơ sở."
    ) in out
    code = run_app(
        [
            "members",
            str(krong_pac),
            "--as-of",
            "2021-12-31",
            "--format",
            "json",
            "--no-cache",
            "--by",
            "org",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "dvstat.members/1" and len(data["units"]) == 48


def test_membership_and_party_age_on_a_small_roster(tmp_path: Path) -> None:
    """Four people set by hand: ages and years of membership at the cut-off."""
    from conftest import make_csv

    header = [
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Dân tộc",
        "Tôn giáo",
        "Trình độ văn hóa",
        "Ngày vào Đảng",
        "Ngày chính thức",
        "Chi bộ",
    ]
    rows = [
        [
            "A",
            "31/12/1961",
            "Nam",
            "Kinh",
            "Không",
            "12/12",
            "01/01/1991",
            "01/01/1992",
            "Chi bộ 1",
        ],  # 60 on the day; admitted 1/1/1991: 30 full years on 31/12/2021
        ["B", "01/01/2000", "Nữ", "Kinh", "Không", "12/12", "01/06/2021", "", "Chi bộ 1"],
        [
            "C",
            "15/03/1950",
            "Nam",
            "Kinh",
            "Không",
            "12/12",
            "31/12/1971",
            "31/12/1972",
            "Chi bộ 1",
        ],
        ["D", "01/01/1990", "Nữ", "Kinh", "Không", "12/12", "01/01/2021", "01/01/2022", "Chi bộ 1"],
    ]
    path = make_csv(tmp_path / "bon.csv", rows, header=header)
    data = dvstat.members(path, cut_off=CUT_OFF, as_of=TODAY).to_dict()
    counts = {
        name: {c["code"]: c["count"] for c in data["breakdowns"][name] if c["count"]}
        for name in ("membership", "party_age_band", "age_band")
    }
    # A: admitted 1/1/1991 -> 30 full years on 31/12/2021; C: 31/12/1971 -> exactly 50
    assert counts["party_age_band"] == {"30_39": 1, "50_plus": 1, "under_10": 2}
    # B admitted 6 months before; D's official date is after the cut-off
    assert counts["membership"] == {"official": 2, "probationary": 2}
    # ages on 31/12/2021: A 60 (birthday that day), B 21, C 71, D 31
    assert counts["age_band"] == {"18_30": 1, "31_35": 1, "56_60": 1, "over_60": 1}
    assert data["mean_age"] == 45.8  # (60 + 21 + 71 + 31) / 4 = 45,75
    assert data["milestones"]["30"] == 2 and data["milestones"]["50"] == 1
    assert data["milestones"]["40"] == 1


def test_a_unit_register_names_the_organizations_and_the_empty_branches(tmp_path: Path) -> None:
    from conftest import make_csv

    header = [
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Dân tộc",
        "Tôn giáo",
        "Trình độ văn hóa",
        "Ngày vào Đảng",
        "Chi bộ",
        "Đảng bộ cơ sở",
    ]
    people = [("Đảng bộ xã A", "Chi bộ thôn 1")] * 6 + [("Đảng bộ xã A", "Chi bộ thôn 2")] * 2
    people += [("Chi bộ Trường học", "Chi bộ Trường học")] * 4
    rows = [
        [f"P{i}", f"01/01/{1970 + i}", "Nam", "Kinh", "Không", "12/12", "01/01/2010", branch, org]
        for i, (org, branch) in enumerate(people)
    ]
    roster = make_csv(tmp_path / "dv.csv", rows, header=header)
    (tmp_path / "don-vi.csv").write_text(
        "Mã;Tên đơn vị;Loại;Trực thuộc\n"
        "A;Đảng bộ xã A;Đảng bộ cơ sở;\n"
        "A1;Chi bộ thôn 1;Chi bộ;A\n"
        "A2;Chi bộ thôn 2;Chi bộ;A\n"
        "A3;Chi bộ thôn 3;Chi bộ;Đảng bộ xã A\n"
        "B;Chi bộ Trường học;Chi bộ cơ sở;\n"
        "C;Đảng bộ xã C;Đảng bộ cơ sở;\n",
        "utf-8",
    )
    (tmp_path / "dvstat.toml").write_text('units = "don-vi.csv"\nsmall_branch = 3\n', "utf-8")
    report = dvstat.members(roster, config=tmp_path / "dvstat.toml", as_of=TODAY)
    o = report.to_dict()["organizations"]
    # the register, not the names: 2 đảng bộ cơ sở (C has no member), 1 chi bộ cơ sở,
    # 3 branches under A (thôn 3 has none); small: under 3 members
    assert (
        o["grassroots"],
        o["grassroots_committees"],
        o["grassroots_branches"],
        o["branches_under_committees"],
    ) == (3, 2, 1, 3)
    assert o["register_units_without_members"] == ["Chi bộ thôn 3"]
    assert [(b["label"], b["members"]) for b in o["branches_under_5"]] == [
        ("Đảng bộ xã A / Chi bộ thôn 2", 2),
        ("Đảng bộ xã A / Chi bộ thôn 3", 0),
    ]


def test_report_writes_the_membership_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ws"
    assert run_app(["init", str(folder)]) == 0
    config = folder / "dvstat.toml"
    text = config.read_text("utf-8")
    assert INIT_OUTPUTS in text
    text = text.replace(INIT_OUTPUTS, 'outputs = ["members.md", "members.json", "members.xlsx"]')
    config.write_text(text, "utf-8")
    monkeypatch.chdir(folder)
    assert run_app(["report", "--period", "2025", "--as-of", "2026-11-22"]) == 0
    out = folder / "bao-cao"
    assert sorted(p.name for p in out.iterdir()) == [
        "2025-dang-vien.json",
        "2025-dang-vien.md",
        "2025-dang-vien.xlsx",
        "2025-manifest.json",
    ]
    data = json.loads((out / "2025-dang-vien.json").read_text("utf-8"))
    assert data["as_of"] == "2025-12-31" and data["changes"]["reconciles"]
    direct = dvstat.members(
        folder / "dang-vien",
        year=2025,
        as_of=date(2026, 11, 22),
        settings=dvstat.load_settings(config),
    )
    assert data == json.loads(json.dumps(direct.to_dict()))
    assert "Tính đến ngày 31/12/2025" in (out / "2025-dang-vien.md").read_text("utf-8")
    capsys.readouterr()


def test_admission_rules_are_not_raised_on_long_standing_members(tmp_path: Path) -> None:
    """Admitted at 17 in 1967 with 4/10 schooling (war years): no under-18 and no
    below-lower-secondary in the membership; the same rows as admissions still get both."""
    import csv

    path = tmp_path / "dang-vien.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo",
                         "Trình độ văn hóa", "Ngày vào Đảng", "Chi bộ"])  # fmt: skip
        writer.writerow(["Lê Văn Cựu", "01/06/1950", "Nam", "Kinh", "Không", "4/10",
                         "01/01/1968", "Chi bộ 1"])  # fmt: skip
    as_members = dvstat.members(str(path), as_of=date(2026, 1, 1))
    codes = {i.issue.code for i in as_members.issues.items}
    assert not codes & {"under-18", "over-60", "below-lower-secondary"}
    as_admissions = dvstat.validate(str(path), as_of=date(2026, 1, 1))
    assert {"under-18", "below-lower-secondary"} <= {
        i.issue.code for i in as_admissions.issues.items
    }


def test_the_decreases_are_named_in_the_run_s_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One member died on 05/03/2021, one's name was removed on 04/04/2021: the terminal's
    decreases column says 'từ trần 1; xóa tên 1' in Vietnamese, 'died 1; name removed 1'
    in English."""
    import csv

    path = tmp_path / "dv.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo",
                         "Trình độ văn hóa", "Ngày vào Đảng", "Chi bộ", "Trạng thái",
                         "Ngày ra khỏi danh sách"])  # fmt: skip
        writer.writerow(["A", "01/01/1960", "Nam", "Kinh", "Không", "12/12", "01/01/1990",
                         "Chi bộ 1", "Từ trần", "05/03/2021"])  # fmt: skip
        writer.writerow(["B", "01/01/1961", "Nam", "Kinh", "Không", "12/12", "01/01/1991",
                         "Chi bộ 1", "Xóa tên", "04/04/2021"])  # fmt: skip
        writer.writerow(["C", "01/01/1962", "Nữ", "Kinh", "Không", "12/12", "01/01/1992",
                         "Chi bộ 1", "Đang sinh hoạt", ""])  # fmt: skip
    base = ["members", str(path), "--year", "2021", "--as-of", "2026-01-01"]
    assert run_app(base) == 0
    out = capsys.readouterr().out
    assert "từ trần 1; xóa tên 1" in out
    assert "died" not in out and "removed" not in out
    assert run_app([*base, "--lang", "en"]) == 0
    assert "died 1; name removed 1" in capsys.readouterr().out


def test_a_list_of_branches_naming_no_organization_is_one_organization(tmp_path: Path) -> None:
    """Three branches, no organization column, no title, no workspace: one grassroots
    organization (the list's own) with three branches, not 'Tổ chức cơ sở đảng: 0'."""
    import csv

    path = tmp_path / "dv.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo",
                         "Trình độ văn hóa", "Ngày vào Đảng", "Chi bộ"])  # fmt: skip
        for i, branch in enumerate(["Chi bộ 1", "Chi bộ 2", "Chi bộ 3"] * 2):
            writer.writerow([f"Người {i}", "01/01/1980", "Nam", "Kinh", "Không", "12/12",
                             "01/01/2010", branch])  # fmt: skip
    organizations = dvstat.members(str(path), as_of=date(2026, 1, 1)).organizations
    assert (organizations.grassroots, organizations.grassroots_committees) == (1, 1)
    assert (organizations.branches_under_committees, organizations.branches) == (3, 3)
