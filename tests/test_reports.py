"""Markdown and workbook reports, user templates in the sandbox, the cron run, probation."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import dvstat
from conftest import AS_OF, make_xlsx, member, render_md, render_xlsx
from dvstat.cli import app
from dvstat.errors import OutputError, TemplateError
from dvstat.periods import year_period
from dvstat.pipeline import run_quota, run_report, run_summarize
from dvstat.readers.config import load_settings
from dvstat.settings import Settings
from dvstat.writers import files as files_module
from dvstat.writers.workbook import render_workbook

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ROOT / "sample_data" / "dang-bo-xa-tan-lap-2024-2026.xlsx"
PLAN = ROOT / "sample_data" / "chi-tieu-ket-nap.csv"
SETTINGS = Settings(organization="Đảng bộ xã Tân Lập", plan_file=PLAN)


def _reports(lang: str):  # type: ignore[no-untyped-def]
    period = year_period(2025)
    report = run_summarize([str(ROSTER)], SETTINGS, period, AS_OF, lang)
    quota = run_quota([str(ROSTER)], SETTINGS, period, AS_OF, lang)
    return report, quota


def test_markdown_of_the_hand_set_members_reads_as_worked_out_by_hand(tmp_path: Path) -> None:
    from dvstat import sample_rosters as samples
    from people import _members

    path = tmp_path / "ds.xlsx"
    samples.write_clean_xlsx(_members(), path)
    report = run_summarize([str(path)], Settings(), year_period(2025), AS_OF, "vi")
    text = render_md(report)
    assert (
        "Năm 2025, toàn đảng bộ kết nạp **12** đảng viên mới, bằng 600,00% so với cùng kỳ "
        "năm trước (2 đồng chí). Trong đó: nữ 6 đồng chí, chiếm 50,00%; dân tộc thiểu số 6 "
        "đồng chí, chiếm 50,00%; người theo tôn giáo 3 đồng chí, chiếm 25,00%; đoàn viên 8 "
        "đồng chí, chiếm 66,67%; tuổi từ 18 đến 30: 7 đồng chí, chiếm 58,33%; trình độ đại "
        "học trở lên 5 đồng chí, chiếm 41,67%. Tuổi bình quân 31,0."
    ) in text
    # Ea Kuăng / thôn 2 in 2025: Nga (33, ĐH), Long (26, Mường), Sơn (27, Thái), Yến (24, Nùng)
    assert "| Đảng bộ xã Ea Kuăng / Chi bộ thôn 2 | 4 | 2 | 3 | 0 | 3 | 3 | 1 | 27,5 | 1 |" in text
    assert (
        "| **TỔNG CỘNG** | **12** | **6** | **6** | **3** | **8** | **7** | **5** | **31,0** "
        "| **2** |"
    ) in text
    english = render_md(run_summarize([str(path)], Settings(), year_period(2025), AS_OF, "en"))
    assert (
        "admitted **12** new party members, 600.00% of the same period last year (2). Of "
        "these: women: 6 (50.00%); ethnic minorities: 6 (50.00%); religious: 3 (25.00%); "
        "Youth Union members: 8 (66.67%); aged 18–30: 7 (58.33%); university degree or "
        "higher: 5 (41.67%). Mean age 31.0."
    ) in english


def test_markdown_numbers_come_from_the_model() -> None:
    report, quota = _reports("vi")
    text = render_md(report, quota)
    h = report.stats.highlights
    assert f"kết nạp **{h['total'].count}** đảng viên mới" in text
    assert f"nữ {h['female'].count} đồng chí, chiếm 44,26%" in text
    assert h["female"].percent == 44.26
    assert "đạt 92,42% chỉ tiêu" in text and quota.total.attainment_percent == 92.42


def _cells(data: bytes, sheet: str) -> dict[str, object]:
    import io

    wb = load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}


def test_form_sheet_cells_equal_the_model() -> None:
    import io

    report, quota = _reports("vi")
    data = render_xlsx(report, quota)
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Biểu 2A - Mới kết nạp"]
    rows = {str(r[1].value): r for r in ws.iter_rows(min_row=9) if r[1].value}
    total = rows["Tổng số đảng viên mới kết nạp"]
    assert previous_is(
        total, report.stats.total, report.previous.total if report.previous else None
    )
    female = rows["Trong đó: Nữ"]
    assert (female[2].value, female[3].value) == (27, 34)
    assert female[4].value == 79.41 and female[2].data_type == "n"
    assert rows["Từ 18 đến 30 tuổi"][2].value == report.stats.count("age_band", "18_30")
    assert rows["Tuổi bình quân"][2].value == report.stats.mean_age
    assert rows["Trung học phổ thông"][2].value == report.stats.count(
        "general_education", "upper_secondary"
    )
    assert rows["Sinh viên"][2].value == report.stats.count("occupation", "university_student")
    ethnic = wb["Dân tộc, tôn giáo"]
    labels = [r[1].value for r in ethnic.iter_rows(min_row=9)]
    assert labels[:3] == ["Kinh", "Tày", "Thái"] and "Rơ Măm" in labels
    kinh = next(r for r in ethnic.iter_rows(min_row=9) if r[1].value == "Kinh")
    women = report.women.count("ethnicity", "kinh") if report.women else None
    assert (kinh[2].value, kinh[3].value) == (report.stats.count("ethnicity", "kinh"), women)
    units = wb["Theo đơn vị"]
    assert len(units._charts) == 1
    names = [r[1].value for r in units.iter_rows(min_row=8) if r[1].value]
    assert names[-1] == "TỔNG CỘNG" and len(names) == len(report.units) + 1
    plan = wb["Chỉ tiêu"]
    assert [r[1].value for r in plan.iter_rows(min_row=8) if r[1].value][-1] == "TỔNG CỘNG"
    assert len(plan._charts) == 1


def previous_is(row: tuple, now: int, before: int | None) -> bool:  # type: ignore[type-arg]
    return bool(row[2].value == now and row[3].value == before)


def test_template_styles_merges_and_widths_survive(tmp_path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "Báo cáo {{ period_label }}"
    ws.merge_cells("A1:C1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A3"] = "{%row for u in units %}{{ u.name }}"
    ws["B3"] = "{{ u.total }}"
    ws["B3"].number_format = "#,##0"
    ws["A4"] = "Cộng"
    ws["B4"] = "{{ total }}"
    ws.merge_cells("A6:B6")
    ws["A6"] = "Ghi chú"
    ws.column_dimensions["A"].width = 33
    template = tmp_path / "mau.xlsx"
    wb.save(template)
    from dvstat.writers.context import summary_context

    report, _ = _reports("vi")
    import io

    out = load_workbook(io.BytesIO(render_workbook(template, summary_context(report), "vi")))
    sheet = out.active
    assert sheet is not None
    n = len(report.units)
    assert sheet["A1"].value == "Báo cáo năm 2025" and sheet["A1"].font.b
    assert "A1:C1" in {str(r) for r in sheet.merged_cells.ranges}
    assert f"A{6 + n - 1}:B{6 + n - 1}" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.column_dimensions["A"].width == 33
    assert [sheet.cell(row=3 + i, column=2).value for i in range(n)] == [
        u.stats.total for u in report.units
    ]
    assert sheet.cell(row=3 + n, column=1).value == "Cộng"
    assert sheet.cell(row=3 + n, column=2).value == report.stats.total
    assert sheet.cell(row=4, column=2).number_format == "#,##0"


def test_undefined_name_in_a_user_template_names_template_and_line(
    tmp_path: Path, runner: CliRunner
) -> None:
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "summary.vi.md.j2").write_text(
        "# {{ period_label }}\n\nTổng: {{ total }}\n{{ so_lieu_khong_co }}\n", encoding="utf-8"
    )
    config = tmp_path / "dvstat.toml"
    config.write_text(f'rosters = ["{ROSTER}"]\ntemplates = "mau"\n', encoding="utf-8")
    result = runner.invoke(
        app, ["summarize", "--year", "2025", "--format", "markdown", "--config", str(config)]
    )
    assert result.exit_code == 1
    assert "summary.vi.md.j2" in result.output and "dòng 4" in result.output
    assert "so_lieu_khong_co" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "expression",
    [
        "{{ total.__class__.__mro__ }}",
        "{{ now.__globals__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ lipsum.__globals__['os'].system('id') }}",
    ],
)
def test_sandbox_stops_templates_reaching_for_python(tmp_path: Path, expression: str) -> None:
    (tmp_path / "summary.vi.md.j2").write_text(expression, encoding="utf-8")
    report, _ = _reports("vi")
    with pytest.raises(TemplateError):
        render_md(report, None, tmp_path)


def _workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    config = folder / "dvstat.toml"
    config.write_text(
        f'organization = "Đảng bộ xã Tân Lập"\nrosters = ["{ROSTER}"]\nplan = "{PLAN}"\n'
        'outputs = ["summary.md", "summary.xlsx", "summary.json", "quota.md", "quota.json"]\n',
        encoding="utf-8",
    )
    return config


def test_report_writes_every_output_and_the_manifest(tmp_path: Path) -> None:
    settings = load_settings(_workspace(tmp_path))
    out = tmp_path / "out"
    run = run_report(settings, year_period(2025), AS_OF, "vi", out)
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "2025-chi-tieu.json",
        "2025-chi-tieu.md",
        "2025-manifest.json",
        "2025-tong-hop.json",
        "2025-tong-hop.md",
        "2025-tong-hop.xlsx",
    ]
    manifest = json.loads(run.manifest.read_text("utf-8"))
    assert manifest["rows"]["counted"] == 61
    assert manifest["inputs"][0]["file"].endswith(ROSTER.name)
    assert len(manifest["inputs"][0]["sha256"]) == 64
    assert {o["file"] for o in manifest["outputs"]} == set(names) - {"2025-manifest.json"}
    assert not (out / ".dvstat.lock").exists()
    # personal data: readable by its owner only, whatever the umask (output_mode widens it)
    assert (out / "2025-tong-hop.md").stat().st_mode & 0o777 == 0o600


def test_two_runs_give_identical_content(tmp_path: Path) -> None:
    settings = load_settings(_workspace(tmp_path))
    first, second = tmp_path / "a", tmp_path / "b"
    run_report(settings, year_period(2025), AS_OF, "vi", first)
    run_report(settings, year_period(2025), AS_OF, "vi", second)
    for name in (
        "2025-tong-hop.md",
        "2025-chi-tieu.md",
        "2025-tong-hop.json",
        "2025-manifest.json",
    ):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    a = load_workbook(first / "2025-tong-hop.xlsx")
    b = load_workbook(second / "2025-tong-hop.xlsx")
    for sheet in a.sheetnames:
        assert [[c.value for c in r] for r in a[sheet].iter_rows()] == [
            [c.value for c in r] for r in b[sheet].iter_rows()
        ]


def test_a_crash_while_writing_leaves_earlier_outputs_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(_workspace(tmp_path))
    out = tmp_path / "out"
    run_report(settings, year_period(2025), AS_OF, "vi", out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = files_module.os.fdopen
    calls = {"n": 0}

    def failing_fdopen(fd: int, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        handle = real(fd, *args, **kwargs)  # type: ignore[call-overload]
        if calls["n"] == 3:  # the third output: fail in the middle of writing it
            handle.write(b"half a report")
            raise OSError(28, "No space left on device")
        return handle

    monkeypatch.setattr(files_module.os, "fdopen", failing_fdopen)
    with pytest.raises(OutputError):
        run_report(settings, year_period(2024), AS_OF, "vi", out)
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    for name, data in before.items():
        assert after[name] == data, name
    assert not any(p.name.endswith(".tmp") for p in out.iterdir())
    assert not (out / ".dvstat.lock").exists()


def test_a_second_run_while_the_lock_is_held_exits_1(tmp_path: Path, runner: CliRunner) -> None:
    import os
    import socket

    config = _workspace(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".dvstat.lock").write_text(
        json.dumps({"pid": os.getpid(), "host": socket.gethostname()})
    )
    result = runner.invoke(
        app, ["report", "--period", "2025", "--out", str(out), "--config", str(config)]
    )
    assert result.exit_code == 1
    assert "khóa" in result.output and str(os.getpid()) in result.output
    assert not (out / "2025-tong-hop.md").exists()


def test_a_stale_lock_from_a_crashed_run_is_replaced(tmp_path: Path) -> None:
    import socket

    settings = load_settings(_workspace(tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    (out / ".dvstat.lock").write_text(
        json.dumps({"pid": 2_000_000_000, "host": socket.gethostname()})
    )
    messages: list[str] = []
    run_report(settings, year_period(2025), AS_OF, "vi", out, log=messages.append)
    assert (out / "2025-tong-hop.md").exists()
    assert any("2000000000" in m for m in messages)


def test_formula_like_names_are_written_as_text(tmp_path: Path) -> None:
    import io

    path = make_xlsx(
        tmp_path / "a.xlsx", {"S": [member(name='=HYPERLINK("x")', ethnicity="+Ede Ede")]}
    )
    report = run_summarize([str(path)], Settings(), year_period(2025), AS_OF, "vi")
    wb = load_workbook(io.BytesIO(render_xlsx(report, None)))
    ws = wb["Vấn đề, dòng bị loại"]
    values = [c for row in ws.iter_rows() for c in row if c.value == "+Ede Ede"]
    assert values and all(c.data_type == "s" for c in values)
    from dvstat.pipeline import render_validation_workbook, run_validate

    report = run_validate([str(path)], Settings(), AS_OF, "vi")
    result = report.to_dict()
    assert any(i["value"] == "+Ede Ede" for i in result["issues"]["items"])
    wb = load_workbook(io.BytesIO(render_validation_workbook(report)))
    cells = [
        c
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(("=", "+"))
    ]
    assert cells and all(c.data_type == "s" for c in cells)


def test_hyperlink_named_member_as_text_in_the_issues_sheet(tmp_path: Path) -> None:
    import io

    person = member(name='=HYPERLINK("x")', birth="01/01/2000")
    path = make_xlsx(tmp_path / "a.xlsx", {"S": [person, person]})
    report = run_summarize([str(path)], Settings(), year_period(2025), AS_OF, "vi")
    wb = load_workbook(io.BytesIO(render_xlsx(report, None)))
    ws = wb["Vấn đề, dòng bị loại"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("x")']
    assert cells, "the duplicate-person issue quotes the name"
    assert all(c.data_type == "s" for c in cells)


def _probation_roster(tmp_path: Path, admitted: list[str]) -> Path:
    return make_xlsx(
        tmp_path / "dubi.xlsx",
        {"CB": [member(name=f"Người {i}", admitted=day) for i, day in enumerate(admitted)]},
    )


def test_probation_uses_calendar_months(tmp_path: Path, runner: CliRunner) -> None:
    path = _probation_roster(
        tmp_path,
        [
            "01/03/2023",
            "31/03/2023",
            "01/04/2023",
            "28/02/2023",
            "31/01/2023",
            "29/02/2024",
            "15/06/2023",
        ],
    )
    result = runner.invoke(
        app, ["probation", str(path), "--as-of", "2024-03-01", "--within", "30", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    items = {
        i["name"]: (i["due"], i["days"], i["status"]) for i in json.loads(result.stdout)["items"]
    }
    assert items == {
        "Người 0": ("2024-03-01", 0, "due"),
        "Người 1": ("2024-03-31", 30, "due"),
        "Người 3": ("2024-02-28", -2, "overdue"),
        "Người 4": ("2024-01-31", -30, "overdue"),
    }


def test_probation_end_of_29_february(tmp_path: Path, runner: CliRunner) -> None:
    path = _probation_roster(tmp_path, ["29/02/2024"])
    result = runner.invoke(
        app, ["probation", str(path), "--as-of", "2025-02-27", "--within", "1", "--format", "json"]
    )
    items = json.loads(result.stdout)["items"]
    assert [(i["due"], i["days"]) for i in items] == [("2025-02-28", 1)]


def test_members_with_an_official_date_are_not_listed(tmp_path: Path, runner: CliRunner) -> None:
    from conftest import HEADER

    header = [*HEADER, "Ngày chính thức"]
    rows = [
        member(name="A", admitted="01/01/2023") + ["01/01/2024"],
        member(name="B", admitted="01/01/2023") + [None],
    ]
    path = make_xlsx(tmp_path / "a.xlsx", {"CB": rows}, header=header)
    result = runner.invoke(
        app, ["probation", str(path), "--as-of", "2024-03-01", "--format", "json"]
    )
    assert [i["name"] for i in json.loads(result.stdout)["items"]] == ["B"]


def test_markdown_escapes_the_data_not_the_template(tmp_path: Path) -> None:
    roster = make_xlsx(
        tmp_path / "a.xlsx",
        {
            "S": [
                member(name="A", branch="Chi bộ | pipe <script>alert(1)</script>"),
                member(name="B", branch="![x](javascript:alert(1)) *đậm*"),
            ]
        },
    )
    report = run_summarize([str(roster)], Settings(), year_period(2025), AS_OF, "vi")
    text = render_md(report)
    import re

    assert "<script>" not in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)  # no link can form
    unit_rows = [line for line in text.splitlines() if "pipe" in line or "javascript" in line]
    assert len(unit_rows) == 2
    header = next(line for line in text.splitlines() if line.startswith("| Đơn vị |"))
    for row in unit_rows:  # a pipe in a name is escaped: every row has the header's cells
        assert row.replace("\\|", "").count("|") == header.count("|")
    assert "Chi bộ \\| pipe \\<script\\>alert(1)\\</script\\>" in text
    assert "# Báo cáo kết nạp đảng viên mới" in text  # the template's own Markdown stays


@pytest.mark.parametrize(
    ("template", "needle"),
    [
        ("{{ 'x' * 2**32 }}", "blocked by the sandbox"),
        ("{{ 'x' * 10000000 }}", "blocked by the sandbox"),
        ("{{ [1] * 5000000 }}", "blocked by the sandbox"),
        ("{{ lipsum(n=10**7) }}", "lipsum"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "ran over 2 s",
        ),
    ],
)
def test_a_runaway_user_template_is_one_error(
    tmp_path: Path, template: str, needle: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dvstat.writers import templating

    monkeypatch.setattr(templating, "RENDER_SECONDS", 2)
    (tmp_path / "summary.vi.md.j2").write_text(template, encoding="utf-8")
    report, _ = _reports("vi")
    with pytest.raises(TemplateError) as caught:
        render_md(report, None, tmp_path)
    assert needle in caught.value.en and "summary.vi.md.j2" in caught.value.en


def test_a_template_linking_out_of_its_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "leak.txt").symlink_to(secret)
    (folder / "summary.vi.md.j2").write_text("{% include 'leak.txt' %}", encoding="utf-8")
    report, _ = _reports("vi")
    with pytest.raises(TemplateError) as caught:
        render_md(report, None, folder)
    assert "links outside the templates folder" in caught.value.en


@pytest.mark.parametrize(
    ("as_of", "listed"),
    [
        # admitted 01/07/2025, due 01/07/2026; the official date 05/07/2026 is entered later
        ("2026-07-01", True),
        ("2026-07-04", True),  # the day before the official date: not yet known
        ("2026-07-05", False),  # the day of it: known
        ("2026-07-06", False),
    ],
)
def test_probation_on_a_past_date_ignores_official_dates_entered_later(
    tmp_path: Path, runner: CliRunner, as_of: str, listed: bool
) -> None:
    from conftest import HEADER

    rows = [member(name="A", admitted="01/07/2025") + ["05/07/2026"]]
    path = make_xlsx(tmp_path / "a.xlsx", {"CB": rows}, header=[*HEADER, "Ngày chính thức"])
    result = runner.invoke(
        app, ["probation", str(path), "--as-of", as_of, "--within", "30", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert [i["name"] for i in json.loads(result.stdout)["items"]] == (["A"] if listed else [])


def test_probation_lists_nobody_admitted_after_the_day(tmp_path: Path, runner: CliRunner) -> None:
    # admitted 02/07/2025 (after the day asked about), 01/07/2025 (on it): only the second
    path = _probation_roster(tmp_path, ["02/07/2025", "01/07/2025"])
    result = runner.invoke(
        app, ["probation", str(path), "--as-of", "2025-07-01", "--within", "400", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert [i["name"] for i in json.loads(result.stdout)["items"]] == ["Người 1"]


def test_a_period_without_admissions_prints_no_zero_shares(tmp_path: Path) -> None:
    """A month with no admissions: the sentence says none were admitted, never 'nữ 0 đồng
    chí, chiếm 0,00 %'."""
    import zipfile

    path = make_xlsx(tmp_path / "a.xlsx", {"CB": [member(admitted="15/03/2025")]})
    report = dvstat.summarize(str(path), period="2025-04", as_of=date(2026, 11, 22))
    text = dvstat.render(report, "markdown").decode("utf-8")
    assert "kết nạp **0** đảng viên mới" in text
    assert "Trong đó" not in text
    document = zipfile.ZipFile(io.BytesIO(dvstat.render(report, "docx")))
    assert "Trong đó" not in document.read("word/document.xml").decode("utf-8")
    march = dvstat.summarize(str(path), period="2025-03", as_of=date(2026, 11, 22))
    assert "Trong đó: nữ" in dvstat.render(march, "markdown").decode("utf-8")
