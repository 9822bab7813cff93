"""Communes that merged on 1 July 2025, and every figure restated on the units of a date.

The register (don-vi.csv) below: Bảo Thanh (A), Gia Thanh (B) and Hạ Giáp (C) end on
30/06/2025; Dân Chủ (D) begins on 01/07/2025 with khu 1-4 from A's thôn 1 and 2, B's thôn 1
and C's thôn 1; C's thôn 2 goes to Phú Lộc (F), so C is split and follows its branches; khu
1 was 'Chi bộ khu Trung tâm' (a former name). Every branch of the old communes is called
'Chi bộ thôn 1' somewhere. Counts set by hand:

- 2025 before the merger: A thôn 1: 2, A thôn 2: 1, B thôn 1: 3, C thôn 1: 1, C thôn 2: 2;
  after it: D khu 1: 1 (10 in 2025);
- 2026: D khu 1: 2 (one written with its former name), khu 2: 1, khu 3: 2, khu 4: 1; F khu
  1: 1 (7 in 2026).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

import dvstat
from dvstat.cli import run_app

REGISTER = [
    ["Mã", "Tên đơn vị", "Loại", "Trực thuộc", "Từ ngày", "Đến ngày", "Tên cũ", "Hợp nhất vào"],
    ["A", "Đảng bộ xã Bảo Thanh", "Đảng bộ cơ sở", "", "", "30/06/2025", "", "D"],
    ["A1", "Chi bộ thôn 1", "Chi bộ", "A", "", "30/06/2025", "", "D1"],
    ["A2", "Chi bộ thôn 2", "Chi bộ", "A", "", "30/06/2025", "", "D2"],
    ["B", "Đảng bộ xã Gia Thanh", "Đảng bộ cơ sở", "", "", "30/06/2025", "", "D"],
    ["B1", "Chi bộ thôn 1", "Chi bộ", "B", "", "30/06/2025", "", "D3"],
    ["C", "Đảng bộ xã Hạ Giáp", "Đảng bộ cơ sở", "", "", "30/06/2025", "", "D; F"],
    ["C1", "Chi bộ thôn 1", "Chi bộ", "C", "", "30/06/2025", "", "D4"],
    ["C2", "Chi bộ thôn 2", "Chi bộ", "C", "", "30/06/2025", "", "F1"],
    ["D", "Đảng bộ xã Dân Chủ", "Đảng bộ cơ sở", "", "01/07/2025", "", "", ""],
    ["D1", "Chi bộ khu 1", "Chi bộ", "D", "01/07/2025", "", "Chi bộ khu Trung tâm", ""],
    ["D2", "Chi bộ khu 2", "Chi bộ", "D", "01/07/2025", "", "", ""],
    ["D3", "Chi bộ khu 3", "Chi bộ", "D", "01/07/2025", "", "", ""],
    ["D4", "Chi bộ khu 4", "Chi bộ", "D", "01/07/2025", "", "", ""],
    ["F", "Đảng bộ xã Phú Lộc", "Đảng bộ cơ sở", "", "01/07/2025", "", "", ""],
    ["F1", "Chi bộ khu 1", "Chi bộ", "F", "01/07/2025", "", "", ""],
]
# (org, branch, admission day, how many)
ROWS = [
    ("Đảng bộ xã Bảo Thanh", "Chi bộ thôn 1", "10/03/2025", 2),
    ("Đảng bộ xã Bảo Thanh", "Chi bộ thôn 2", "11/03/2025", 1),
    ("Đảng bộ xã Gia Thanh", "Chi bộ thôn 1", "12/04/2025", 3),
    ("Đảng bộ xã Hạ Giáp", "Chi bộ thôn 1", "13/05/2025", 1),
    ("Đảng bộ xã Hạ Giáp", "Chi bộ thôn 2", "30/06/2025", 2),
    ("Đảng bộ xã Dân Chủ", "Chi bộ khu 1", "01/07/2025", 1),
    ("Đảng bộ xã Dân Chủ", "Chi bộ khu 1", "10/03/2026", 1),
    ("Đảng bộ xã Dân Chủ", "Chi bộ khu Trung tâm", "11/03/2026", 1),
    ("Đảng bộ xã Dân Chủ", "Chi bộ khu 2", "12/04/2026", 1),
    ("Đảng bộ xã Dân Chủ", "Chi bộ khu 3", "13/05/2026", 2),
    ("Đảng bộ xã Dân Chủ", "Chi bộ khu 4", "14/06/2026", 1),
    ("Đảng bộ xã Phú Lộc", "Chi bộ khu 1", "15/07/2026", 1),
]
AS_OF = date(2026, 12, 4)


def workspace(tmp_path: Path, register: list[list[str]] = REGISTER) -> Path:
    with (tmp_path / "don-vi.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(register)
    header = ["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Trình độ văn hóa",
              "Ngày kết nạp", "Đảng bộ cơ sở", "Chi bộ"]  # fmt: skip
    with (tmp_path / "ket-nap.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        number = 0
        for org, branch, day, count in ROWS:
            for _ in range(count):
                number += 1
                writer.writerow([f"Người {number:02d}", "01/01/1995", "Nam", "Kinh", "Không",
                                 "12/12", day, org, branch])  # fmt: skip
    (tmp_path / "dvstat.toml").write_text(
        'rosters = ["ket-nap.csv"]\nunits = "don-vi.csv"\n', encoding="utf-8"
    )
    return tmp_path / "dvstat.toml"


def units_of(report: object, key: str = "total") -> dict[str, tuple[int, int | None]]:
    data = report.to_dict()  # type: ignore[attr-defined]
    return {u["label"]: (u["total"], u["previous_total"]) for u in data["units"]}


def test_the_new_commune_is_compared_with_the_sum_of_the_old_ones(tmp_path: Path) -> None:
    config = workspace(tmp_path)
    report = dvstat.summarize(year=2026, by="org", config=config, as_of=AS_OF)
    # Dân Chủ 2026: 2 + 1 + 2 + 1 = 6; its 2025: A 3 + B 3 + C's thôn 1 1 + its own 1 = 8
    # Phú Lộc 2026: 1; its 2025: C's thôn 2, 2
    assert units_of(report) == {"Đảng bộ xã Dân Chủ": (6, 8), "Đảng bộ xã Phú Lộc": (1, 2)}
    data = report.to_dict()
    assert (
        data["highlights"]["total"]["count"],
        data["previous"]["highlights"]["total"]["count"],
    ) == (7, 10)
    assert (data["units_as_of"], data["units_changed"]) == ("2026-12-31", "2025-07-01")
    codes = sorted((i["code"], i["value"]) for i in data["issues"]["items"])
    assert ("unit-restated", "Chi bộ khu Trung tâm") in codes
    assert ("unit-restated", "Đảng bộ xã Bảo Thanh") not in codes  # placed by its branches


def test_branches_keep_their_history(tmp_path: Path) -> None:
    config = workspace(tmp_path)
    report = dvstat.summarize(year=2026, by="branch", config=config, as_of=AS_OF)
    assert units_of(report) == {
        # khu 1: 2026 the row written 'khu 1' and the one written 'khu Trung tâm'; 2025 A's
        # thôn 1 (2) and its own row after the merger (1)
        "Đảng bộ xã Dân Chủ / Chi bộ khu 1": (2, 3),
        "Chi bộ khu 2": (1, 1),
        "Chi bộ khu 3": (2, 3),
        "Chi bộ khu 4": (1, 1),
        "Đảng bộ xã Phú Lộc / Chi bộ khu 1": (1, 2),
    }


def test_the_old_view(tmp_path: Path) -> None:
    config = workspace(tmp_path)
    report = dvstat.summarize(
        year=2026, by="org", config=config, as_of=AS_OF, units_as_of=date(2025, 6, 30)
    )
    # 2026 back on the old communes: khu 1 -> A (2), khu 2 -> A (1), khu 3 -> B (2), khu 4 ->
    # C (1), Phú Lộc's khu 1 -> C (1); 2025: A 3 + D's row of 01/07 back on A (1), B 3, C 3
    assert units_of(report) == {
        "Đảng bộ xã Bảo Thanh": (3, 4),
        "Đảng bộ xã Gia Thanh": (2, 3),
        "Đảng bộ xã Hạ Giáp": (2, 3),
    }
    assert report.to_dict()["units_as_of"] == "2025-06-30"


def test_a_split_unit_named_without_its_branch_cannot_be_placed(tmp_path: Path) -> None:
    config = workspace(tmp_path)
    with (tmp_path / "ket-nap.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["Người 99", "01/01/1995", "Nam", "Kinh", "Không", "12/12",
                                     "20/05/2025", "Đảng bộ xã Hạ Giáp", ""])  # fmt: skip
    report = dvstat.summarize(year=2026, by="org", config=config, as_of=AS_OF)
    data = report.to_dict()
    assert data["previous"]["highlights"]["total"]["count"] == 11  # still in the total
    assert units_of(report)["Đảng bộ xã Hạ Giáp"] == (0, 1)
    placed = [i for i in data["issues"]["items"] if i["code"] == "unit-not-placed"]
    assert [(i["value"], i["row"]) for i in placed] == [("Đảng bộ xã Hạ Giáp", 19)]


def test_a_mapping_file_of_two_columns(tmp_path: Path) -> None:
    mapping = [
        ["Đơn vị cũ", "Đơn vị mới", "Từ ngày"],
        ["Đảng bộ xã Bảo Thanh", "Đảng bộ xã Dân Chủ", "01/07/2025"],
        ["Đảng bộ xã Gia Thanh", "Đảng bộ xã Dân Chủ", "01/07/2025"],
        ["Đảng bộ xã Hạ Giáp", "Đảng bộ xã Dân Chủ", "01/07/2025"],
    ]
    config = workspace(tmp_path, mapping)
    report = dvstat.summarize(year=2026, by="org", config=config, as_of=AS_OF)
    # every old commune in Dân Chủ (Hạ Giáp whole: the mapping knows no split); Phú Lộc is
    # not in the mapping: kept as written (none of its own in 2025), reported
    assert units_of(report) == {"Đảng bộ xã Dân Chủ": (6, 10), "Đảng bộ xã Phú Lộc": (1, 0)}
    missing = [i.issue.value for i in report.issues.items if i.issue.code == "unit-not-in-register"]
    assert missing == ["Đảng bộ xã Phú Lộc"]


def test_the_command_and_its_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = workspace(tmp_path)
    code = run_app(["summarize", "--config", str(config), "--year", "2026", "--by", "org",
                    "--as-of", "2026-12-04", "--units-as-of", "30/06/2025",
                    "-f", "json"])  # fmt: skip
    assert code == 0
    assert '"units_as_of": "2025-06-30"' in capsys.readouterr().out.replace('":"', '": "')
    (tmp_path / "dvstat.toml").write_text('rosters = ["ket-nap.csv"]\n', encoding="utf-8")
    code = run_app(["summarize", "--config", str(config), "--year", "2026",
                    "--units-as-of", "2025-06-30"])  # fmt: skip
    assert code == 2  # a usage error: the option needs a register
    assert "--units-as-of" in capsys.readouterr().err


def test_the_register_on_a_date_with_members(tmp_path: Path) -> None:
    config = workspace(tmp_path)
    on_day = dvstat.unit_register(config=config, day=date(2026, 12, 4), as_of=AS_OF)
    # every row is a member by then: Dân Chủ 8 + 6 = 14 (khu 1: 2 + 1 + 2, khu 2: 1 + 1,
    # khu 3: 3 + 2, khu 4: 1 + 1), Phú Lộc 2 + 1 = 3
    assert [(n.depth, n.unit.name, n.members) for n in on_day.units] == [
        (0, "Đảng bộ xã Dân Chủ", 14),
        (1, "Chi bộ khu 1", 5),
        (1, "Chi bộ khu 2", 2),
        (1, "Chi bộ khu 3", 5),
        (1, "Chi bộ khu 4", 2),
        (0, "Đảng bộ xã Phú Lộc", 3),
        (1, "Chi bộ khu 1", 3),
    ]
    assert on_day.members == 17
    before = dvstat.unit_register(config=config, day=date(2025, 6, 30), as_of=AS_OF)
    # on 30/06/2025 only the rows admitted by then are members: A 3, B 3, C 3
    assert [(n.unit.code, n.members) for n in before.units if n.depth == 0] == [
        ("A", 3),
        ("B", 3),
        ("C", 3),
    ]
    restated = [
        (i.issue.row, i.issue.value, i.issue.detail["new"])
        for i in on_day.issues.items
        if i.issue.code == "unit-restated"
    ]
    assert (13, "Chi bộ khu Trung tâm", "Đảng bộ xã Dân Chủ / Chi bộ khu 1") in restated


def test_register_errors_name_their_rows(tmp_path: Path) -> None:
    register = [
        ["Mã", "Tên đơn vị", "Loại", "Trực thuộc", "Từ ngày", "Đến ngày", "Hợp nhất vào"],
        ["A", "Đảng bộ xã A", "Đảng bộ cơ sở", "", "", "30/06/2025", ""],  # row 2: no successor
        ["B", "Đảng bộ xã B", "Đảng bộ cơ sở", "", "", "30/06/2025", "Z"],  # row 3: unknown
        ["C", "Đảng bộ xã C", "Đảng bộ cơ sở", "", "", "30/06/2025", "D"],  # row 4: cycle
        ["D", "Đảng bộ xã D", "Đảng bộ cơ sở", "", "01/07/2025", "31/12/2025", "C"],  # 5: cycle
        ["E1", "Chi bộ thôn 1", "Chi bộ", "A", "01/07/2025", "", ""],  # row 6: A has ended
        ["E2", "Chi bộ thôn 2", "Chi bộ", "Q", "", "", ""],  # row 7: unknown parent
        ["F", "Đảng bộ xã F", "Đảng bộ cơ sở", "", "01/01/2020", "", ""],  # row 8
        ["F2", "Đảng bộ xã F", "Đảng bộ cơ sở", "", "01/01/2024", "", ""],  # row 9: overlap
    ]
    config = workspace(tmp_path, register)
    report = dvstat.unit_register([], config=config, day=date(2026, 1, 1), as_of=AS_OF)
    found = sorted(
        (i.issue.row, i.issue.code) for i in report.issues.items if i.issue.file == "don-vi.csv"
    )
    assert found == [
        (2, "register-no-successor"),
        (3, "register-unknown-successor"),
        (4, "register-cycle"),
        (5, "register-cycle"),
        (6, "register-parent-missing"),
        (7, "register-unknown-parent"),
        (9, "register-overlap"),
    ]
    assert sum(i.issue.severity == "error" for i in report.issues.items) == 6
    # the unit is the value quoted, its row the place (no column in a register's message)
    ended = next(i for i in report.issues.items if i.issue.code == "register-no-successor")
    assert ended.message == (
        "Tệp 'don-vi.csv', dòng 2: đơn vị 'Đảng bộ xã A' kết thúc ngày 30/06/2025 "
        "nhưng không ghi hợp nhất vào đơn vị nào"
    )


def test_reports_say_the_figures_are_restated(tmp_path: Path) -> None:
    import io
    import zipfile

    config = workspace(tmp_path)
    report = dvstat.summarize(year=2026, by="org", config=config, as_of=AS_OF)
    text = dvstat.render(report, "markdown", config=config).decode("utf-8")
    assert "Số liệu cùng kỳ được quy đổi theo đơn vị hành chính mới (từ 01/07/2025)" in text
    document = zipfile.ZipFile(io.BytesIO(dvstat.render(report, "docx", config=config)))
    assert "quy đổi theo đơn vị hành chính mới" in document.read("word/document.xml").decode()
    old = dvstat.summarize(
        year=2026, by="org", config=config, as_of=AS_OF, units_as_of=date(2025, 6, 30)
    )
    text = dvstat.render(old, "markdown", config=config).decode("utf-8")
    assert "Số liệu được trình bày theo đơn vị trước ngày 01/07/2025" in text
    quota_less = dvstat.members(config=config, as_of=AS_OF)
    assert quota_less.to_dict()["units_as_of"] == "2026-12-04"


def test_members_list_the_organizational_changes_of_a_period(tmp_path: Path) -> None:
    config = workspace(tmp_path)
    report = dvstat.members(year=2025, config=config, as_of=AS_OF)
    events = [(e.day, e.kind, e.name, e.others) for e in report.unit_events]
    day = date(2025, 7, 1)
    old = ("Đảng bộ xã Bảo Thanh", "Đảng bộ xã Gia Thanh", "Đảng bộ xã Hạ Giáp")
    new = ("Đảng bộ xã Dân Chủ", "Đảng bộ xã Phú Lộc")
    assert (day, "formed", new[0], old) in events
    assert (day, "merged", old[0], new[:1]) in events
    assert (day, "split", old[2], new) in events
    assert len(events) == 15  # 7 units formed, 8 ended
    text = dvstat.render(report, "markdown", config=config).decode("utf-8")
    assert f"01/07/2025: {old[2]} được chia thành {new[0]}, {new[1]}." in text
    # the organizations counted on 31/12/2025 are the register's valid then: Dân Chủ, Phú Lộc
    assert report.organizations.grassroots == 2
    assert dvstat.members(year=2026, config=config, as_of=AS_OF).unit_events == ()
