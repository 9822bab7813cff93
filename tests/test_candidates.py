"""`dvstat candidates`: a hand-set candidate roster whose stages, flows, warnings and plan
verdicts are worked out below, row by row, on the as-of date 30/06/2026.

Branch 'Chi bộ thôn 1' (A), 'Chi bộ thôn 2' (B), 'Chi bộ thôn 3' (C). Each row's stage on
30/06/2026 is the furthest stage whose date has come (the column comment in ROWS).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import dvstat
from conftest import INIT_OUTPUTS, make_xlsx
from dvstat.cli import run_app

DAY = date(2026, 6, 30)
HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Trình độ văn hóa",
    "Nghề nghiệp / đối tượng",
    "Đoàn viên",
    "Chi bộ",
    "Số CCCD",
    "Ngày đưa vào danh sách",
    "Ngày chi bộ công nhận cảm tình Đảng",
    "Ngày cấp giấy chứng nhận",
    "Ngày làm hồ sơ",
    "Ngày dự kiến kết nạp",
    "Ngày kết nạp",
    "Ghi chú",
]
A, B, C = "Chi bộ thôn 1", "Chi bộ thôn 2", "Chi bộ thôn 3"


def row(
    name: str,
    birth: str,
    sex: str,
    ethnicity: str,
    religion: str,
    occupation: str,
    youth: str | None,
    branch: str,
    listed: str | None = None,
    sympathizer: str | None = None,
    classed: str | None = None,
    dossier: str | None = None,
    planned: str | None = None,
    admitted: str | None = None,
    note: str | None = None,
    cccd: str | None = None,
) -> list[Any]:
    return [
        None,
        name,
        birth,
        sex,
        ethnicity,
        religion,
        "12/12",
        occupation,
        youth,
        branch,
        cccd,
        listed,
        sympathizer,
        classed,
        dossier,
        planned,
        admitted,
        note,
    ]


ROWS = [
    # A1 listed
    row("Lò Văn Một", "10/04/1998", "Nam", "Thái", "Không", "Nông dân", "x", A, "10/01/2025"),
    # A2 sympathizer; 17 years 11 months on 31/12/2026 (no planned date): under 18
    row(
        "Lò Thị Hai",
        "01/01/2009",
        "Nữ",
        "Thái",
        "Không",
        "Học sinh",
        "x",
        A,
        "01/03/2024",
        "01/09/2024",
    ),
    # A3 listed; exactly 18 years (216 months) on 31/12/2026: no warning
    row("Lò Văn Ba", "31/12/2008", "Nam", "Kinh", "Không", "Học sinh", "x", A, "01/05/2025"),
    # A4 class; certificate valid to 29/06/2026 < 30/06/2026: expired
    row(
        "Vi Văn Bốn",
        "02/02/1990",
        "Nam",
        "Tày",
        "Không",
        "Nông dân",
        None,
        A,
        "01/01/2020",
        "01/06/2020",
        "29/06/2021",
    ),
    # A5 class; valid to 30/06/2026, the as-of day itself: still valid, expiring
    row(
        "Vi Thị Năm",
        "05/05/1995",
        "Nữ",
        "Tày",
        "Tin Lành",
        "Nông dân",
        None,
        A,
        "01/02/2020",
        "01/08/2020",
        "30/06/2021",
    ),
    # A6 class; valid to 28/09/2026 = 30/06/2026 + 90 days: expiring
    row(
        "Vi Văn Sáu",
        "06/06/1994",
        "Nam",
        "Kinh",
        "Không",
        "Sinh viên",
        "x",
        A,
        "01/01/2021",
        "01/03/2021",
        "28/09/2021",
    ),
    # A7 class; valid to 29/09/2026, 91 days ahead: no warning
    row(
        "Vi Văn Bảy",
        "07/07/1993",
        "Nam",
        "Kinh",
        "Không",
        "Nông dân",
        None,
        A,
        "01/01/2021",
        "01/03/2021",
        "29/09/2021",
    ),
    # A8 dossier since 30/12/2025: six months end 30/06/2026, not yet overdue
    row(
        "Hà Văn Tám",
        "08/08/1992",
        "Nam",
        "Kinh",
        "Công giáo",
        "Nông dân",
        None,
        A,
        "01/06/2024",
        "01/01/2025",
        "01/10/2025",
        "30/12/2025",
    ),
    # A9 dossier since 29/12/2025: six months ended 29/06/2026: overdue
    row(
        "Hà Văn Chín",
        "09/09/1991",
        "Nam",
        "Mường",
        "Không",
        "Nông dân",
        None,
        A,
        "01/06/2024",
        "01/01/2025",
        "01/10/2025",
        "29/12/2025",
    ),
    # A10 admitted 15/03/2026 (class 01/09/2025: 6 full months to admission)
    row(
        "Hà Thị Mười",
        "10/10/1999",
        "Nữ",
        "Kinh",
        "Không",
        "Nông dân",
        "x",
        A,
        "01/01/2024",
        "01/06/2024",
        "01/09/2025",
        "01/12/2025",
        None,
        "15/03/2026",
    ),
    # A11 taken off the list
    row(
        "Ma Văn Mười Một",
        "01/01/1997",
        "Nam",
        "Kinh",
        "Không",
        "Nông dân",
        None,
        A,
        "01/01/2024",
        note="Đưa ra khỏi danh sách",
    ),
    # A12 listed only on 01/08/2026: not yet on the list
    row("Ma Thị Mười Hai", "01/01/2000", "Nữ", "Kinh", "Không", "Nông dân", "x", A, "01/08/2026"),
    # B1 admitted 01/12/2025 (class 01/03/2025: 9 full months)
    row(
        "Nông Văn Mười Ba",
        "03/03/1996",
        "Nam",
        "Nùng",
        "Không",
        "Nông dân",
        None,
        B,
        "01/01/2023",
        "01/06/2023",
        "01/03/2025",
        "01/06/2025",
        None,
        "01/12/2025",
    ),
    # B2 sympathizer since 01/05/2026
    row(
        "Nông Thị Mười Bốn",
        "04/04/2001",
        "Nữ",
        "Nùng",
        "Không",
        "Sinh viên",
        "x",
        B,
        "01/02/2026",
        "01/05/2026",
    ),
    # C1 admitted 10/01/2026 (class 01/05/2025: 8 full months)
    row(
        "Đặng Văn Mười Lăm",
        "15/05/1995",
        "Nam",
        "Dao",
        "Không",
        "Nông dân",
        "x",
        C,
        "01/01/2024",
        "01/06/2024",
        "01/05/2025",
        "01/10/2025",
        None,
        "10/01/2026",
        "Đã kết nạp",
        cccd="001095000015",
    ),
    # no name: rejected
    row("", "01/01/1990", "Nam", "Kinh", "Không", "Nông dân", None, C, "01/01/2025"),
]


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("nguon") / "quan-chung-uu-tu.xlsx"
    return make_xlsx(path, {"Nguồn": ROWS}, header=HEADER)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "chi-tieu.csv"
    path.write_text(
        "Đơn vị;Năm;Chỉ tiêu\nChi bộ thôn 1;2026;4\nChi bộ thôn 2;2026;3\n"
        "Chi bộ thôn 3;2026;1\nToàn đảng bộ;2026;9\n",
        encoding="utf-8",
    )
    return path


ADMISSION_HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Trình độ văn hóa",
    "Ngày kết nạp",
    "Chi bộ",
    "Số CCCD",
]


@pytest.fixture(scope="module")
def admissions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The new members: A10 (same name and birth), A8 (admitted 20/05/2026, after its
    dossier), C1 under another spelling but the same CCCD, B1 in 2025, and two admitted in
    2026 who were never candidates, one of them in a branch with no candidate at all."""
    rows = [
        [None, "Hà Thị Mười", "10/10/1999", "Nữ", "Kinh", "Không", "12/12", "15/03/2026", A, None],
        [
            None,
            "HÀ VĂN  TÁM",
            "08/08/1992",
            "Nam",
            "Kinh",
            "Công giáo",
            "12/12",
            "20/05/2026",
            A,
            None,
        ],
        [
            None,
            "Đặng Văn Mười Năm",
            "15/05/1995",
            "Nam",
            "Dao",
            "Không",
            "12/12",
            "10/01/2026",
            C,
            "001095000015",
        ],
        [
            None,
            "Nông Văn Mười Ba",
            "03/03/1996",
            "Nam",
            "Nùng",
            "Không",
            "12/12",
            "01/12/2025",
            B,
            None,
        ],
        [
            None,
            "Trần Văn Mới",
            "01/01/2000",
            "Nam",
            "Kinh",
            "Không",
            "12/12",
            "01/04/2026",
            A,
            None,
        ],
        [
            None,
            "Lý Văn Cũ",
            "02/02/1998",
            "Nam",
            "Dao",
            "Không",
            "12/12",
            "01/02/2026",
            "Chi bộ thôn 4",
            None,
        ],
    ]
    path = tmp_path_factory.mktemp("ket-nap") / "dang-vien-moi.xlsx"
    return make_xlsx(path, {"DS": rows}, header=ADMISSION_HEADER)


def _codes(data: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [i for i in data["issues"]["items"] if i["code"] == code]


def test_stages_and_groups_on_the_day(roster: Path) -> None:
    data = dvstat.candidates(roster, as_of=DAY).to_dict()
    assert data["schema"] == "dvstat.candidates/1"
    # 16 rows: A11 taken off, A12 not yet listed, the nameless row rejected, 13 on the list
    assert data["rows"] == {"read": 16, "on_list": 13, "dropped": 1, "not_yet": 1, "rejected": 1}
    stages = {s["code"]: (s["count"], s["groups"]) for s in data["stages"]}
    assert stages == {
        # A1, A3: one Thái; both youth union; A3 a pupil
        "listed": (
            2,
            {"female": 0, "minority": 1, "religious": 0, "youth_union": 2, "students": 1},
        ),
        # A2 (Thái, pupil), B2 (Nùng, student): both women, youth union
        "sympathizer": (
            2,
            {"female": 2, "minority": 2, "religious": 0, "youth_union": 2, "students": 2},
        ),
        # A4 Tày, A5 Tày woman Tin Lành, A6 student youth, A7
        "class": (4, {"female": 1, "minority": 2, "religious": 1, "youth_union": 1, "students": 1}),
        # A8 Công giáo, A9 Mường
        "dossier": (
            2,
            {"female": 0, "minority": 1, "religious": 1, "youth_union": 0, "students": 0},
        ),
        # A10 woman youth, B1 Nùng, C1 Dao youth
        "admitted": (
            3,
            {"female": 1, "minority": 2, "religious": 0, "youth_union": 2, "students": 0},
        ),
    }
    assert data["total"] == 13
    units = {u["label"]: u["stages"] for u in data["units"]}
    assert units == {
        A: {"listed": 2, "sympathizer": 1, "class": 4, "dossier": 2, "admitted": 1},
        B: {"listed": 0, "sympathizer": 1, "class": 0, "dossier": 0, "admitted": 1},
        C: {"listed": 0, "sympathizer": 0, "class": 0, "dossier": 0, "admitted": 1},
    }
    assert [u["path"] for u in data["units"] if u["label"] == C] == [[C]]


def test_a_stage_is_the_furthest_reached_by_the_day(roster: Path) -> None:
    """On 30/04/2026 B2 is still listed (cảm tình Đảng from 01/05/2026) and A10 is not yet
    admitted (15/03/2026 is before, so it is); A12 is not yet on the list."""
    data = dvstat.candidates(roster, as_of=date(2026, 4, 30)).to_dict()
    counts = {s["code"]: s["count"] for s in data["stages"]}
    assert counts == {"listed": 3, "sympathizer": 1, "class": 4, "dossier": 2, "admitted": 3}
    data = dvstat.candidates(roster, as_of=date(2026, 3, 14)).to_dict()
    counts = {s["code"]: s["count"] for s in data["stages"]}
    # A10 the day before its admission: in dossier since 01/12/2025
    assert counts == {"listed": 3, "sympathizer": 1, "class": 4, "dossier": 3, "admitted": 2}


def test_flows_of_a_period_stop_at_the_day(roster: Path) -> None:
    # 2026 up to 30/06: B2 listed 01/02 and sympathizer 01/05; A10 and C1 admitted. A12's
    # listing on 01/08/2026 is still to come.
    data = dvstat.candidates(roster, as_of=DAY, year=2026).to_dict()
    flows = {k: v for k, v in data["flows"].items() if k != "period"}
    assert flows == {"listed": 1, "sympathizer": 1, "class": 0, "dossier": 0, "admitted": 2}
    assert data["flows"]["period"]["from"] == "2026-01-01"
    # 2025: A1, A3 listed; A8, A9 sympathizers 01/01; A8, A9, A10, B1, C1 class; A8, A9,
    # A10, B1, C1 dossiers; B1 admitted 01/12/2025
    data = dvstat.candidates(roster, as_of=DAY, year=2025).to_dict()
    flows = {k: v for k, v in data["flows"].items() if k != "period"}
    assert flows == {"listed": 2, "sympathizer": 2, "class": 5, "dossier": 5, "admitted": 1}
    # bounds: both ends of a range count. On 01/10/2025 A8 and A9 finished the class and
    # C1's dossier opened; on 01/12/2025 A10's dossier opened and B1 was admitted.
    data = dvstat.candidates(
        roster, as_of=DAY, start=date(2025, 10, 1), end=date(2025, 12, 1)
    ).to_dict()
    flows = {k: v for k, v in data["flows"].items() if k != "period"}
    assert flows == {"listed": 0, "sympathizer": 0, "class": 2, "dossier": 2, "admitted": 1}
    data = dvstat.candidates(
        roster, as_of=DAY, start=date(2025, 10, 2), end=date(2025, 11, 30)
    ).to_dict()
    flows = {k: v for k, v in data["flows"].items() if k != "period"}
    assert flows == {"listed": 0, "sympathizer": 0, "class": 0, "dossier": 0, "admitted": 0}
    assert dvstat.candidates(roster, as_of=DAY).to_dict()["flows"] is None


def test_conversion_from_class_to_admission(roster: Path) -> None:
    # class in (30/06/2024, 30/06/2026]: A8, A9, A10, B1, C1; admitted: A10, B1, C1.
    # Months from class to admission: 6, 9, 8 -> median 8.
    conversion = dvstat.candidates(roster, as_of=DAY).to_dict()["conversion"]
    assert conversion == {
        "months": 24,
        "classed": 5,
        "admitted": 3,
        "percent": 60.0,
        "median_months_to_admission": 8.0,
    }


def test_each_warning_at_its_row(roster: Path) -> None:
    data = dvstat.candidates(roster, as_of=DAY).to_dict()
    expired = _codes(data, "certificate-expired")
    assert [(i["row"], i["value"], i["column"]) for i in expired] == [
        (5, "29/06/2021", "Ngày cấp giấy chứng nhận")
    ]  # A4: header row 1, A1 on row 2
    expiring = _codes(data, "certificate-expiring")
    assert [(i["row"], i["value"]) for i in expiring] == [(6, "30/06/2021"), (7, "28/09/2021")]
    assert "hết hạn ngày 30/06/2026" in expiring[0]["message"]
    assert "hết hạn ngày 28/09/2026" in expiring[1]["message"]
    overdue = _codes(data, "dossier-overdue")
    assert [(i["row"], i["value"]) for i in overdue] == [(10, "29/12/2025")]
    young = _codes(data, "candidate-under-18")
    assert [(i["row"], i["value"]) for i in young] == [(3, "01/01/2009")]
    assert "31/12/2026" in young[0]["message"]
    idle = _codes(data, "no-admission-this-year")
    assert [i["value"] for i in idle] == [B]
    assert all(i["severity"] == "warning" for i in expired + expiring + overdue + young + idle)
    # nobody left in C's pipeline (Mười Lăm admitted, row 17 has no name): said with or
    # without the admission rosters
    assert [i["value"] for i in _codes(data, "no-candidates")] == [C]
    # the list to act on names the candidate
    assert overdue[0]["message"].endswith(
        "Hà Văn Chín: hồ sơ làm từ ngày '29/12/2025' đã quá 6 tháng chưa kết nạp; cần đôn đốc"
    )
    assert [i["row"] for i in _codes(data, "missing-name")] == [17]


def test_a_dossier_and_a_certificate_counted_by_dossier_months(
    roster: Path, tmp_path: Path
) -> None:
    (tmp_path / "dvstat.toml").write_text("dossier_months = 5\ncache = false\n", encoding="utf-8")
    data = dvstat.candidates(roster, as_of=DAY, config=tmp_path / "dvstat.toml").to_dict()
    # five months: A8 (30/12/2025 + 5 = 30/05/2026) and A9 are both overdue
    assert [i["row"] for i in _codes(data, "dossier-overdue")] == [9, 10]


def test_the_plan_and_the_short_units(roster: Path, plan: Path) -> None:
    data = dvstat.candidates(roster, as_of=DAY, plan=plan).to_dict()
    # A: 4 − 1 (A10) = 3 to admit; past the class with a valid certificate: A5, A6, A7,
    # A8, A9 (A4's certificate expired) = 5 -> reachable. B: 3 to admit, none ready ->
    # short. C: 1 admitted of 1 -> met. Short first.
    assert [
        (u["label"], u["target"], u["admitted"], u["remaining"], u["ready"], u["status"])
        for u in data["plan"]
    ] == [(B, 3, 0, 3, 0, "short"), (A, 4, 1, 3, 5, "reachable"), (C, 1, 1, 0, 0, "met")]
    total = data["plan_total"]
    assert (
        total["target"],
        total["admitted"],
        total["remaining"],
        total["ready"],
        total["status"],
    ) == (9, 2, 7, 5, "short")
    assert total["label"] == "TỔNG CỘNG"
    english = dvstat.candidates(roster, as_of=DAY, plan=plan, lang="en").to_dict()
    assert english["plan_total"]["label"] == "TOTAL"
    assert dvstat.candidates(roster, as_of=DAY).to_dict()["plan_total"] is None


def test_linked_with_the_admission_rosters(roster: Path, plan: Path, admissions: Path) -> None:
    data = dvstat.candidates(roster, as_of=DAY, plan=plan, admissions=admissions).to_dict()
    # A8 is found among the new members (name in capitals, two spaces): admitted
    counts = {s["code"]: s["count"] for s in data["stages"]}
    assert counts == {"listed": 2, "sympathizer": 2, "class": 4, "dossier": 1, "admitted": 4}
    # admitted in 2026 by the admission rosters: A 3 (Mười, Tám, Mới), C 1 (by CCCD),
    # 'Chi bộ thôn 4' 1. A: 4 − 3 = 1 to admit, ready A5, A6, A7, A9 -> reachable.
    assert [
        (u["label"], u["admitted"], u["remaining"], u["ready"], u["status"]) for u in data["plan"]
    ] == [(B, 0, 3, 0, "short"), (A, 3, 1, 4, "reachable"), (C, 1, 0, 0, "met")]
    total = data["plan_total"]
    assert (total["admitted"], total["remaining"], total["ready"], total["status"]) == (
        5,
        4,
        4,
        "reachable",
    )
    unseen = _codes(data, "admitted-without-candidacy")
    assert [(i["value"], i["severity"], i["row"]) for i in unseen] == [
        ("Trần Văn Mới", "info", 6),
        ("Lý Văn Cũ", "info", 7),
    ]
    assert unseen[0]["file"] == "dang-vien-moi.xlsx"
    # no one waiting in C (its only candidate admitted) nor in branch 4
    assert sorted(i["value"] for i in _codes(data, "no-candidates")) == [C, "Chi bộ thôn 4"]
    assert [i["value"] for i in _codes(data, "no-admission-this-year")] == [B]
    # A8 admitted: its dossier no longer counts as overdue or open
    assert [i["row"] for i in _codes(data, "dossier-overdue")] == [10]


def test_cli_table_json_markdown_and_workbook(
    roster: Path, plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "candidates",
        str(roster),
        "--as-of",
        "2026-06-30",
        "--plan",
        str(plan),
        "--year",
        "2026",
    ]
    assert run_app([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plan_total"]["status"] == "short"
    assert run_app([*args, "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    # 10 waiting; 8 sympathizers or further; 6 past the class, 2 in dossier
    assert (
        "toàn đảng bộ hiện có **10** quần chúng ưu tú trong nguồn phát triển đảng viên, "
        "trong đó 8 quần chúng đã được chi bộ công nhận cảm tình Đảng, 6 quần chúng đã học "
        "lớp bồi dưỡng nhận thức về Đảng (2 đang làm hồ sơ đề nghị kết nạp)"
    ) in text
    # waiting: women A2, B2, A5; minorities A1, A2, B2, A4, A5, A9; religious A5, A8;
    # youth A1, A3, A2, B2, A6; pupils and students A3, A2, B2, A6
    assert (
        "Trong nguồn có 3 nữ, 6 người dân tộc thiểu số, 2 người theo tôn giáo, 5 đoàn viên"
        " và 4 học sinh, sinh viên."
    ) in text
    assert f"| {B} | 3 | 0 | 3 | 0 | Không đủ nguồn |" in text
    assert "| **TỔNG CỘNG** | **9** | **2** | **7** | **5** | **Không đủ nguồn** |" in text
    assert (
        "dòng 10, cột 'Ngày làm hồ sơ': Hà Văn Chín: hồ sơ làm từ ngày '29/12/2025' đã quá 6 tháng"
        in text
    )
    assert run_app(args) == 0
    table = capsys.readouterr().out
    assert "không đủ nguồn" in table and "Đọc 16 dòng = 13 trong nguồn" in table
    out = tmp_path / "nguon.xlsx"
    assert run_app([*args, "--format", "xlsx", "-o", str(out)]) == 0
    from openpyxl import load_workbook

    wb = load_workbook(out)
    stages = wb["Nguồn phát triển"]
    assert [stages.cell(row=r, column=3).value for r in range(8, 14)] == [2, 2, 4, 2, 3, 10]
    assert [stages.cell(row=12, column=c).value for c in range(4, 9)] == [1, 2, 0, 2, 0]
    plan_sheet = wb["Khả năng đạt chỉ tiêu"]
    assert [plan_sheet.cell(row=8, column=c).value for c in range(2, 8)] == [
        B,
        3,
        0,
        3,
        0,
        "Không đủ nguồn",
    ]
    assert [plan_sheet.cell(row=11, column=c).value for c in range(2, 8)] == [
        "TỔNG CỘNG",
        9,
        2,
        7,
        5,
        "Không đủ nguồn",
    ]


def test_no_candidate_roster_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dvstat.toml").write_text('rosters = ["x.xlsx"]\n', encoding="utf-8")
    assert run_app(["candidates"]) == 1
    err = capsys.readouterr().err
    assert "'candidates'" in err and "Traceback" not in err


def test_english_report(roster: Path) -> None:
    report = dvstat.candidates(roster, as_of=DAY, lang="en")
    text = dvstat.render(report, "markdown", day=DAY).decode()
    assert "has **10** candidates in the admission pipeline" in text
    assert "the certificate of the class on the Party, dated '29/06/2021'" in text


def test_report_writes_the_pipeline_with_its_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workspace from `dvstat init`: the sample candidate list is read as candidates, its
    file is in the manifest with its kind, and its rows and warnings are counted there."""
    assert run_app(["init", str(tmp_path / "ws")]) == 0
    monkeypatch.chdir(tmp_path / "ws")
    config = Path("dvstat.toml")
    text = config.read_text(encoding="utf-8")
    assert INIT_OUTPUTS in text
    text = text.replace(INIT_OUTPUTS, 'outputs = ["candidates.md", "candidates.json"]')
    config.write_text("cache = false\n" + text, encoding="utf-8")
    assert run_app(["report", "--period", "2026", "--as-of", "2026-11-22", "--quiet"]) == 0
    out = Path("bao-cao")
    assert sorted(p.name for p in out.iterdir()) == [
        "2026-manifest.json",
        "2026-nguon-phat-trien.json",
        "2026-nguon-phat-trien.md",
    ]
    manifest = json.loads((out / "2026-manifest.json").read_text(encoding="utf-8"))
    kinds = {Path(i["file"]).name: i["kind"] for i in manifest["inputs"]}
    assert kinds == {
        "dang-bo-xa-tan-lap.xlsx": "rosters",
        "xa-khuoi-my-truoc-sap-nhap.xlsx": "rosters",
        "dang-bo-xa-tan-lap-quan-chung-uu-tu.xlsx": "candidates",
    }
    data = json.loads((out / "2026-nguon-phat-trien.json").read_text(encoding="utf-8"))
    assert manifest["candidate_rows"] == data["rows"]
    assert data["rows"]["read"] == sum(
        data["rows"][k] for k in ("on_list", "dropped", "not_yet", "rejected")
    )
    # the manifest counts the pipeline's own warnings (certificates, dossiers, units)
    warnings = sum(i["severity"] == "warning" for i in data["issues"]["items"])
    assert warnings >= 1 and manifest["issues"]["warnings"] >= warnings


def test_a_list_without_class_dossier_or_planned_columns(tmp_path: Path) -> None:
    """Only listing and cảm tình Đảng dates: nobody is past cảm tình Đảng, no certificate
    or dossier warning can arise, and each person sits at the stage their dates reach."""
    path = make_xlsx(
        tmp_path / "ngan.xlsx",
        {
            "DS": [
                [None, "Lò Văn Một", "01/02/2000", "Nam", "Thái", A, "10/01/2025", None],
                [None, "Lò Thị Hai", "01/03/2001", "Nữ", "Thái", A, "10/01/2025", "01/03/2026"],
                [None, "Vi Văn Ba", "01/04/2002", "Nam", "Tày", B, "10/01/2025", "01/07/2026"],
            ]
        },
        header=[
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Dân tộc",
            "Chi bộ",
            "Ngày đưa vào danh sách",
            "Ngày chi bộ công nhận cảm tình Đảng",
        ],
    )
    data = dvstat.candidates(path, as_of=DAY).to_dict()
    # Ba's cảm tình Đảng date (01/07/2026) is after the day: still listed
    assert {s["code"]: s["count"] for s in data["stages"]} == {
        "listed": 2,
        "sympathizer": 1,
        "class": 0,
        "dossier": 0,
        "admitted": 0,
    }
    units = {u["label"]: u["stages"] for u in data["units"]}
    assert units[A] == {"listed": 1, "sympathizer": 1, "class": 0, "dossier": 0, "admitted": 0}
    assert units[B] == {"listed": 1, "sympathizer": 0, "class": 0, "dossier": 0, "admitted": 0}
    assert data["rows"]["on_list"] == 3


def test_admitted_by_status_only_without_admission_rosters(tmp_path: Path) -> None:
    """Two candidates of Chi bộ 1 finished the class on 01/03/2026 and are marked 'Đã kết
    nạp' without a date (the date is in the admission rosters, not given): the conversion
    says 2 of 2 admitted, and 'no admission this year' is not claimed for a unit whose
    admissions cannot be dated; Chi bộ 1 has a third still waiting."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Chi bộ",
               "Ngày cấp giấy chứng nhận", "Trạng thái"])  # fmt: skip
    ws.append(["An", "01/01/1995", "Nam", "Kinh", "Không", "Chi bộ 1", "01/03/2026", "Đã kết nạp"])
    ws.append(["Bình", "01/01/1996", "Nam", "Kinh", "Không", "Chi bộ 1", "01/03/2026",
               "Đã kết nạp"])  # fmt: skip
    ws.append(["Cường", "01/01/1997", "Nam", "Kinh", "Không", "Chi bộ 1", "", "Trong nguồn"])
    path = tmp_path / "nguon.xlsx"
    wb.save(path)
    data = dvstat.candidates(str(path), as_of=date(2026, 11, 22)).to_dict()
    assert (data["conversion"]["classed"], data["conversion"]["admitted"]) == (2, 2)
    assert _codes(data, "no-admission-this-year") == []
