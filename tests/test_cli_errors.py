"""Mistakes a user makes get one line in the run's language and the right exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import make_xlsx, member
from dvstat.cli import run_app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "dang-bo-xa-tan-lap-2024-2026.xlsx"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run_app(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--year", "20255"], "Năm 20255 không hợp lệ"),
        (["--year", "0"], "Năm 0 không hợp lệ"),
        (["--year", "25"], "Năm 25 không hợp lệ"),
        (["--year", "1929"], "từ 1930 đến 2100"),
        (["--period", "2025-Q5"], "Không hiểu kỳ '2025-Q5'"),
        (["--period", "2025-13"], "Không hiểu kỳ '2025-13'"),
        (["--from", "2025-05-01", "--to", "2025-01-01"], "trước ngày bắt đầu"),
        (["--year", "2025", "--period", "2025"], "Chỉ chọn một kỳ: --year, --period"),
        (["--term", "2025-2020"], "có năm cuối trước năm đầu"),
        (["--term", "2020/2025"], "phải có dạng 2020-2025"),
        (["--year", "abc"], "giá trị 'abc' của '--year' không phải số nguyên"),
        (["--bogus"], "không có tùy chọn --bogus"),
        (["--compare", "last-year", "--no-compare"], "Chỉ chọn một trong --compare và"),
    ],
)
def test_bad_options_are_one_line_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    code, out, err = _run(capsys, "summarize", str(SAMPLE), "--no-cache", *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert needle in err and "Lỗi:" in err
    assert "(xem: dvstat summarize --help)" in err


def test_the_year_bounds_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    for year in ("1930", "2100"):
        code, out, _ = _run(
            capsys,
            "summarize",
            str(SAMPLE),
            "--no-cache",
            "--year",
            year,
            "--format",
            "json",
            "--as-of",
            "2026-11-22",
        )
        assert code == 0 and json.loads(out)["total"] == 0


def test_usage_errors_speak_english_under_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "summarize", str(SAMPLE), "--lang", "en", "--period", "2025-Q5")
    assert code == 2
    assert "Error: Unknown period '2025-Q5'" in err and "(see: dvstat summarize --help)" in err
    code, _, err = _run(capsys, "quota", "--lang", "en", "--bogus")
    assert code == 2 and "Error: No such option: --bogus" in err


def test_a_missing_folder_and_a_renamed_word_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "validate", str(tmp_path / "khong-co"))
    assert code == 1 and "Không tìm thấy thư mục" in err
    import zipfile

    word = tmp_path / "ds.xlsx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    code, _, err = _run(capsys, "validate", str(word))
    assert code == 1 and "là tài liệu Word (.docx) bị đổi đuôi" in err
    assert err.count("\n") == 1


def test_report_without_a_workspace_says_how_to_make_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "report")
    assert code == 1
    assert "Không tìm thấy dvstat.toml" in err and "dvstat init" in err


def test_a_table_with_o_is_written_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "bang.txt"
    code, out, _ = _run(
        capsys,
        "summarize",
        str(SAMPLE),
        "--year",
        "2025",
        "-o",
        str(target),
        "--as-of",
        "2026-11-22",
    )
    assert code == 0 and out == ""
    text = target.read_text("utf-8")
    assert "KẾT NẠP ĐẢNG VIÊN MỚI — năm 2025" in text
    assert "Đọc 185 dòng = 61 được tính + 0 bị loại + 124 ngoài kỳ" in text
    assert "\x1b[" not in text


def test_probation_as_a_real_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    roster = make_xlsx(
        tmp_path / "a.xlsx",
        {
            "CB": [
                member(name="Lê Văn Một", admitted="10/12/2025"),
                member(name="Trần Thị Hai", gender="Nữ", admitted="01/10/2025"),
            ]
        },
    )
    target = tmp_path / "du-bi.xlsx"
    code, _, _ = _run(
        capsys,
        "probation",
        str(roster),
        "--as-of",
        "2026-11-22",
        "--within",
        "30",
        "--format",
        "xlsx",
        "-o",
        str(target),
    )
    assert code == 0
    ws = load_workbook(target).active
    assert ws is not None
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=8, max_row=9)]
    # 01/10/2025 + 12 months = 01/10/2026: 52 days overdue; 10/12/2026: due in 18 days
    assert rows == [
        [
            1,
            "Trần Thị Hai",
            "Chi bộ 1",
            "01/10/2025",
            "01/10/2026",
            -52,
            "Quá hạn",
            "a.xlsx / CB, dòng 3",
        ],
        [
            2,
            "Lê Văn Một",
            "Chi bộ 1",
            "10/12/2025",
            "10/12/2026",
            18,
            "Đến hạn",
            "a.xlsx / CB, dòng 2",
        ],
    ]


def test_init_in_english_and_a_report_without_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ws"
    code, _, _ = _run(capsys, "init", str(folder), "--lang", "en")
    assert code == 0
    config = (folder / "dvstat.toml").read_text("utf-8")
    assert 'lang = "en"' in config
    assert {p.name for p in (folder / "templates").iterdir()} >= {
        "bao-cao.xlsx",
        "chi-tieu.xlsx",
        "du-bi.xlsx",
        "summary.vi.md.j2",
        "quota.en.md.j2",
    }
    # no plan, no outputs line: the default set leaves the plan outputs out
    kept = [line for line in config.splitlines() if not line.startswith(("plan =", "outputs ="))]
    (folder / "dvstat.toml").write_text("\n".join(kept), "utf-8")
    monkeypatch.chdir(folder)
    code, _, err = _run(capsys, "report", "--period", "2025", "--as-of", "2026-11-22")
    assert code == 0, err
    assert sorted(p.name for p in (folder / "bao-cao").iterdir()) == [
        "2025-manifest.json",
        "2025-tong-hop.docx",
        "2025-tong-hop.json",
        "2025-tong-hop.md",
        "2025-tong-hop.xlsx",
    ]


def test_a_templates_folder_that_does_not_exist_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "dvstat.toml").write_text('templates = "mau"\n', "utf-8")
    code, _, err = _run(capsys, "summarize", str(SAMPLE), "--config", str(tmp_path / "dvstat.toml"))
    assert code == 1 and f"'{tmp_path / 'mau'}'" in err


def test_a_read_only_output_folder_is_one_line_and_keeps_old_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dvstat.writers import files

    folder = tmp_path / "ws"
    assert _run(capsys, "init", str(folder))[0] == 0
    monkeypatch.chdir(folder)
    assert _run(capsys, "report", "--period", "2025", "--as-of", "2026-11-22")[0] == 0
    before = {p.name: p.read_bytes() for p in (folder / "bao-cao").iterdir()}

    def read_only(path: Path, data: bytes, mode: int = 0o600) -> Path:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(files, "_write_temp", read_only)
    code, _, err = _run(capsys, "report", "--period", "2024", "--as-of", "2026-11-22")
    assert code == 1 and err.count("\n") == 1
    assert "Read-only file system" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in (folder / "bao-cao").iterdir()} == before
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    code, _, err = _run(capsys, "init", str(blocked / "ws"))
    assert code == 1 and "Không tạo được thư mục làm việc" in err


def test_strict_tells_why_it_exits_1_with_a_timestamp(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    errors = ROOT / "sample_data" / "errors" / "danh-sach-co-loi.csv"
    code, _, err = _run(
        capsys, "validate", str(errors), "--strict", "--format", "json", "--as-of", "2026-11-22"
    )
    assert code == 1
    line = err.strip().splitlines()[-1]
    assert line[:4].isdigit() and line[4] == "-" and line[13] == ":"  # 2026-11-23 06:05:00
    assert "--strict: 4 vấn đề mức lỗi; thoát với mã 1" in line


def test_the_same_inputs_give_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    roster = make_xlsx(
        tmp_path / "a.xlsx",
        {"S": [member(name="A", branch="Chi bộ thôn 1"), member(name="B", branch="Chi bộ thôn 2")]},
        header=[
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Dân tộc",
            "Tôn giáo",
            "Trình độ văn hóa",
            "Ngày kết nạp",
            "Chi bộ",
        ],
    )
    plan = tmp_path / "plan.csv"
    # one plan row names a branch, the other an organization that is also a branch name
    plan.write_text("Đơn vị;Năm;Chỉ tiêu\nChi bộ thôn 1;2025;3\nChi bộ thôn 2;2025;1\n", "utf-8")
    outputs = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "dvstat",
                "quota",
                str(roster),
                "--plan",
                str(plan),
                "--year",
                "2025",
                "--format",
                "json",
                "--as-of",
                "2026-11-22",
                "--no-cache",
            ],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


def _dated_roster(tmp_path: Path) -> Path:
    """Admissions set by hand: 2016: 3, 2018: 2, 2020: 4, 2021: 1, 2024: 5."""
    rows = []
    for year, count, branch in (
        (2016, 3, "Chi bộ 1"),
        (2018, 2, "Chi bộ 2"),
        (2020, 4, "Chi bộ 1"),
        (2021, 1, "Chi bộ 2"),
        (2024, 5, "Chi bộ 3"),
    ):
        rows += [
            member(
                name=f"Người {year} {i}",
                birth="01/01/1990",
                admitted=f"15/06/{year}",
                branch=branch,
            )
            for i in range(count)
        ]
    return make_xlsx(tmp_path / "nhieu-nam.xlsx", {"DS": rows})


def test_a_term_is_compared_with_the_previous_term(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = _dated_roster(tmp_path)

    def summary(*args: str) -> dict[str, object]:
        code, out, err = _run(
            capsys, "summarize", str(roster), "--format", "json", "--as-of", "2026-11-22", *args
        )
        assert code == 0, err
        data: dict[str, object] = json.loads(out)
        return data

    data = summary("--term", "2021-2025")
    previous = data["previous"]
    assert isinstance(previous, dict)
    assert (data["total"], previous["total"], previous["basis"]) == (6, 9, "previous_term")
    assert previous["period"]["from"] == "2016-01-01" and previous["period"]["to"] == "2020-12-31"
    assert data["comparison"] == {
        "previous_total": 9,
        "percent_of_previous": 66.67,
        "change_percent": -33.33,
    }
    # every unit of either period is listed, so the units' figures add up to the total's
    units = data["units"]
    assert isinstance(units, list)
    assert [(u["name"], u["total"], u["previous_total"]) for u in units] == [
        ("Chi bộ 1", 0, 7),
        ("Chi bộ 2", 1, 2),
        ("Chi bộ 3", 5, 0),
    ]
    data = summary("--term", "2020-2025")  # 2020 is not counted on both sides
    previous = data["previous"]
    assert isinstance(previous, dict)
    assert (data["total"], previous["total"]) == (10, 5)
    data = summary("--term", "2021-2025", "--compare", "last-year")
    previous = data["previous"]
    assert isinstance(previous, dict)
    assert (previous["total"], previous["basis"]) == (4, "last_year")
    assert summary("--term", "2021-2025", "--no-compare")["previous"] is None
    code, out, _ = _run(
        capsys,
        "summarize",
        str(roster),
        "--term",
        "2021-2025",
        "--format",
        "markdown",
        "--as-of",
        "2026-11-22",
    )
    assert "bằng 66,67% so với cùng kỳ nhiệm kỳ trước (9 đồng chí)" in out


def test_the_warning_count_says_what_the_warnings_are(capsys: pytest.CaptureFixture[str]) -> None:
    errors = ROOT / "sample_data" / "errors" / "danh-sach-co-loi.csv"
    code, out, _ = _run(capsys, "summarize", str(errors), "--as-of", "2026-11-22")
    assert code == 0
    line = next(x for x in out.splitlines() if "cảnh báo" in x)
    assert "duplicate-person ×1" in line and "chi tiết: dvstat validate" in line


def test_the_manifest_counts_plan_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ws"
    assert _run(capsys, "init", str(folder))[0] == 0
    plan = folder / "chi-tieu-ket-nap.csv"
    plan.write_text(plan.read_text("utf-8-sig") + "Chi bộ Không Có;2025;4\n", "utf-8")
    monkeypatch.chdir(folder)
    assert _run(capsys, "report", "--period", "2025", "--as-of", "2026-11-22")[0] == 0
    manifest = json.loads((folder / "bao-cao" / "2025-manifest.json").read_text("utf-8"))
    summary = json.loads((folder / "bao-cao" / "2025-tong-hop.json").read_text("utf-8"))
    assert manifest["issues"]["warnings"] == summary["issues"]["warnings"] + 1


def test_odd_file_names_are_shown_safely_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(capsys, "validate", "nofile[/].xlsx")
    assert code == 1 and err.count("\n") == 1 and "nofile[/].xlsx" in err
    code, _, err = _run(capsys, "validate", "a\nLỗi: giả mạo.xlsx")
    assert code == 1 and err.count("\n") == 1 and "a\\nLỗi: giả mạo.xlsx" in err
    code, _, err = _run(capsys, "validate", "\x1b[31mdo.xlsx")
    assert code == 1 and "\x1b" not in err and "\\x1b[31mdo.xlsx" in err
    literal = make_xlsx(tmp_path / "DS [T10].xlsx", {"S": [member()]})
    code, out, _ = _run(capsys, "validate", str(literal), "--format", "json")
    assert code == 0 and json.loads(out)["inputs"] == ["DS [T10].xlsx"]


def test_markup_in_cells_and_units_prints_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = make_xlsx(
        tmp_path / "a.xlsx",
        {
            "S": [
                member(name="[/x] Lê [bold]Văn", branch="Chi bộ [/x]", ethnicity="[bold]Kinh[/]"),
                member(name="B", branch="[red]Chi bộ 2", admitted="10/12/2025"),
            ]
        },
    )
    for command in (["validate"], ["summarize", "--year", "2025"], ["probation"]):
        code, out, err = _run(capsys, *command, str(roster), "--as-of", "2026-11-22")
        assert code == 0, err
        assert "Traceback" not in out + err
    code, out, _ = _run(capsys, "summarize", str(roster), "--year", "2025", "--as-of", "2026-11-22")
    assert "Chi bộ [/x]" in out and "[red]Chi bộ 2" in out
    code, out, _ = _run(capsys, "validate", str(roster), "--as-of", "2026-11-22")
    assert "'[bold]Kinh[/]'" in out


def test_links_loops_and_dangling_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import time

    folder = tmp_path / "loop"
    folder.mkdir()
    make_xlsx(folder / "a.xlsx", {"S": [member(name="A")]})
    (folder / "self").symlink_to(folder)
    (folder / "again").symlink_to(folder)
    (folder / "b.xlsx").symlink_to(folder / "a.xlsx")  # the same file under another name
    (folder / "gone.xlsx").symlink_to(tmp_path / "missing.xlsx")
    started = time.monotonic()
    code, out, err = _run(
        capsys, "validate", f"{folder}/**/*.xlsx", "--format", "json", "--as-of", "2026-11-22"
    )
    assert time.monotonic() - started < 30
    assert code == 0, err
    data = json.loads(out)
    assert data["inputs"] == ["a.xlsx"] and data["rows"]["read"] == 1
    assert [
        (i["code"], i["severity"], i["file"])
        for i in data["issues"]["items"]
        if i["code"] == "broken-link"
    ] == [("broken-link", "warning", "gone.xlsx")]
    code, out, _ = _run(
        capsys, "validate", str(folder), "--format", "json", "--as-of", "2026-11-22"
    )
    assert code == 0 and json.loads(out)["rows"]["read"] == 1


def test_template_option_points_at_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "summary.vi.md.j2").write_text("Tổng: {{ total | vn }}\n", "utf-8")
    code, out, _ = _run(
        capsys,
        "summarize",
        str(SAMPLE),
        "--year",
        "2025",
        "--format",
        "markdown",
        "--template",
        str(folder),
        "--as-of",
        "2026-11-22",
    )
    assert code == 0 and out == "Tổng: 61\n"
    code, _, err = _run(capsys, "summarize", str(SAMPLE), "--template", str(tmp_path / "no"))
    assert code == 2 and "không phải thư mục" in err


def test_the_format_follows_the_output_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["summarize", str(SAMPLE), "--year", "2025", "--as-of", "2026-11-22", "-q"]
    for name, magic in (("a.docx", b"PK"), ("a.xlsx", b"PK"), ("a.json", b"{"), ("a.md", b"#")):
        code, _, err = _run(capsys, *base, "-o", str(tmp_path / name))
        assert code == 0, err
        assert (tmp_path / name).read_bytes().startswith(magic), name
    assert zipfile.ZipFile(tmp_path / "a.docx").read("word/document.xml")
    code, _, err = _run(capsys, *base, "-o", str(tmp_path / "b.md"), "--format", "xlsx")
    assert code == 2
    assert "markdown" in err and "xlsx" in err
    assert not (tmp_path / "b.md").exists()
    code, _, _ = _run(capsys, "validate", str(SAMPLE), "-o", str(tmp_path / "v.xlsx"), "-q")
    assert code == 0
    assert zipfile.ZipFile(tmp_path / "v.xlsx").namelist()


@pytest.mark.parametrize(
    ("option", "value", "code", "said"),
    [
        ("--from", "30/06/2025", 0, ""),
        ("--from", "2025-06-30", 0, ""),
        ("--as-of", "2025-02-30", 2, "30/02/2025 không có trong lịch"),
        ("--as-of", "29/02/2025", 2, "29/02/2025 không có trong lịch"),
        ("--as-of", "29/02/2024", 0, ""),
        ("--as-of", "06-30-2025", 2, "không phải ngày"),
    ],
)
def test_days_as_clerks_type_them(
    capsys: pytest.CaptureFixture[str], option: str, value: str, code: int, said: str
) -> None:
    extra = ["--to", "31/12/2025"] if option == "--from" else ["--year", "2023"]
    found, _, err = _run(capsys, "summarize", str(SAMPLE), option, value, *extra, "-q")
    assert found == code, err
    assert said in err


def test_lang_en_in_the_workspace_applies_to_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "dvstat.toml").write_text('lang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(capsys, "summarise")
    assert code == 2
    assert "No such command 'summarise'" in err
    code, _, err = _run(capsys, "summarize", "--as-of", "2025-02-30")
    assert code == 2
    assert "2025-02-30 does not exist" in err


def test_help_speaks_english_under_lang_en(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "dvstat.toml").write_text('lang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_app(["summarize", "--help"]) == 0
    out = capsys.readouterr().out
    assert "New members of a period by every breakdown" in out
    assert "A year, e.g. 2025." in out and "Năm, ví dụ" not in out
    assert run_app(["badges", "--help", "--lang", "vi"]) == 0
    assert "Huy hiệu Đảng" in capsys.readouterr().out


def test_the_run_language_lasts_one_run_and_comes_from_its_arguments(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An English run leaves the next run Vietnamese; the language comes from the
    arguments the app is given, never from the process's own command line."""
    monkeypatch.delenv("DVSTAT_LANG", raising=False)
    monkeypatch.setattr(sys, "argv", ["dvstat", "--lang", "en"])
    code, _, err = _run(capsys, "summarize", str(SAMPLE), "--period", "2025-Q5")
    assert code == 2 and "Không hiểu kỳ '2025-Q5'" in err, err
    code, _, err = _run(capsys, "summarize", "--as-of", "2025-02-30")  # while parsing
    assert code == 2 and "ngày 30/02/2025 không có trong lịch" in err, err
    code, _, err = _run(capsys, "summarize", "--as-of", "2025-02-30", "--lang", "en")
    assert code == 2 and "2025-02-30 does not exist" in err, err
    code, _, err = _run(capsys, "summarize", str(SAMPLE), "--lang", "en", "--period", "2025-Q5")
    assert code == 2 and "Unknown period '2025-Q5'" in err
    code, _, err = _run(capsys, "summarize", str(SAMPLE), "--period", "2025-Q5")
    assert code == 2 and "Không hiểu kỳ '2025-Q5'" in err, err
    code, _, err = _run(capsys, "summarize", "khong-co.xlsx", "--lang=en")
    assert code == 1 and "File not found: 'khong-co.xlsx'" in err, err
    code, _, err = _run(capsys, "summarize", "khong-co.xlsx")
    assert code == 1 and "Không tìm thấy tệp 'khong-co.xlsx'" in err, err
