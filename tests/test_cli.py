"""The commands as a user runs them: exit codes, JSON contract, sample data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import make_xlsx, member
from dvstat import __version__
from dvstat import sample_rosters as samples
from dvstat.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
SAMPLE_FILES = sorted(
    p for p in SAMPLES.rglob("*") if p.suffix in (".xlsx", ".csv") and "chi-tieu" not in p.name
)


def _json(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--format", "json", "--as-of", "2026-11-22"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_validate_json_reconciles_on_every_sample_file(runner: CliRunner, path: Path) -> None:
    data = _json(runner, "validate", str(path))
    rows = data["rows"]
    assert rows["read"] == rows["counted"] + rows["rejected"] + rows["outside_period"]
    assert rows["read"] > 0
    assert len(data["rejected"]) == rows["rejected"]
    codes = {i["code"] for i in data["issues"]["items"]}
    for rejected in data["rejected"]:
        assert rejected["reason"] in codes


def test_validate_lists_the_error_sample(runner: CliRunner) -> None:
    data = _json(runner, "validate", str(SAMPLES / "errors" / "danh-sach-co-loi.csv"))
    assert data["rows"] == {
        "read": 8,
        "counted": 5,
        "rejected": 3,
        "outside_period": 0,
        "duplicates": 1,
    }
    assert [(r["row"], r["reason"]) for r in data["rejected"]] == [
        (6, "bad-date"),
        (8, "duplicate-person"),
        (9, "future-date"),
    ]


def test_strict_exits_1_when_there_are_errors(runner: CliRunner) -> None:
    path = str(SAMPLES / "errors" / "danh-sach-co-loi.csv")
    assert runner.invoke(app, ["validate", path, "--as-of", "2026-11-22"]).exit_code == 0
    result = runner.invoke(app, ["validate", path, "--strict", "--as-of", "2026-11-22"])
    assert result.exit_code == 1


SUMMARY_KEYS = {
    "schema": str,
    "generated_by": str,
    "scope": dict,
    "rows": dict,
    "total": int,
    "mean_age": (float, type(None)),
    "breakdowns": dict,
    "highlights": dict,
    "previous": (dict, type(None)),
    "units": list,
    "issues": dict,
}


def test_summarize_json_has_the_fixed_keys_and_types(runner: CliRunner) -> None:
    data = _json(runner, "summarize", str(SAMPLE_FILES[0]), "--year", "2025")
    for key, kind in SUMMARY_KEYS.items():
        assert isinstance(data[key], kind), key
    assert data["schema"] == "dvstat.summary/1"
    assert set(data["scope"]) == {"organization", "unit", "period"}
    assert data["scope"]["period"] == {
        "from": "2025-01-01",
        "to": "2025-12-31",
        "label": "năm 2025",
    }
    assert set(data["rows"]) == {"read", "counted", "rejected", "outside_period", "duplicates"}
    assert list(data["breakdowns"]) == [
        "gender",
        "ethnic_minority",
        "ethnicity",
        "religious",
        "religion",
        "general_education",
        "professional",
        "political_theory",
        "age_band",
        "youth_union",
        "occupation",
        "readmitted",
    ]
    for rows in data["breakdowns"].values():
        assert sum(r["count"] for r in rows) == data["total"]
        for r in rows:
            assert set(r) == {"code", "label", "count", "percent"}
            assert isinstance(r["count"], int) and isinstance(r["percent"], float)
    assert set(data["highlights"]) == {
        "total",
        "female",
        "minority",
        "religious",
        "youth_union",
        "aged_18_30",
        "university_or_higher",
    }
    assert data["previous"]["total"] > 0  # the sample covers 2024
    unit = data["units"][0]
    assert unit["level"] == "branch" and isinstance(unit["name"], str)
    assert {"total", "breakdowns", "highlights"} <= set(unit)
    assert sum(u["total"] for u in data["units"]) == data["total"]
    assert set(data["issues"]) == {"errors", "warnings", "infos", "items"}


def test_summarize_counts_match_the_generated_members(runner: CliRunner) -> None:
    members = [m for m in samples.make_members() if m.admitted.year == 2025]
    data = _json(runner, "summarize", str(SAMPLE_FILES[0]), "--year", "2025")
    assert data["total"] == len(members)
    assert data["highlights"]["female"]["count"] == sum(m.female for m in members)
    assert data["highlights"]["youth_union"]["count"] == sum(m.youth for m in members)


def _strip_provenance(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    for key in ("issues", "inputs", "rejected"):
        data.pop(key, None)
    return data


def test_one_file_sheets_or_files_per_branch_give_the_same_json(
    runner: CliRunner, tmp_path: Path
) -> None:
    rows = {
        f"Chi bộ {b}": [
            member(
                name=f"Người {b}{i}",
                branch=f"Chi bộ {b}",
                gender="Nữ" if i % 2 else "Nam",
                ethnicity="Tày" if i % 3 == 0 else "Kinh",
            )
            for i in range(1, 4 + b)
        ]
        for b in range(1, 4)
    }
    one = make_xlsx(tmp_path / "one.xlsx", {"Tất cả": [r for rs in rows.values() for r in rs]})
    sheets = make_xlsx(tmp_path / "sheets.xlsx", rows)
    folder = tmp_path / "files"
    folder.mkdir()
    for name, branch_rows in rows.items():
        make_xlsx(folder / f"{name}.xlsx", {"Sheet1": branch_rows})
    results = [_strip_provenance(_json(runner, "summarize", str(p))) for p in (one, sheets, folder)]
    assert results[0]["total"] == 4 + 5 + 6  # range(1, 4 + b) for b = 1, 2, 3
    assert results[0] == results[1] == results[2]


def test_xlsx_format_needs_an_output_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["summarize", str(SAMPLE_FILES[0]), "--format", "xlsx"])
    assert result.exit_code == 2
    assert "-o" in result.output


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(app, ["summarize", "--by", "tinh"]).exit_code == 2


def test_every_command_has_help(runner: CliRunner) -> None:
    for command in app.registered_commands:
        assert command.callback is not None and command.callback.__doc__, command.name
        result = runner.invoke(app, [command.name or command.callback.__name__, "--help"])
        assert result.exit_code == 0


def test_help_and_version_do_not_import_pandas() -> None:
    code = (
        "import sys; from dvstat.cli import app; "
        "sys.argv=['dvstat','--version']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().endswith("False")


def test_summarize_terminal_report_shows_reconciliation(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["summarize", str(SAMPLE_FILES[0]), "--year", "2025", "--as-of", "2026-11-22"]
    )
    assert result.exit_code == 0
    assert "Đọc 185 dòng = 61 được tính + 0 bị loại + 124 ngoài kỳ" in result.output
    assert "TỔNG CỘNG" in result.output
    result = runner.invoke(
        app,
        [
            "summarize",
            str(SAMPLE_FILES[0]),
            "--year",
            "2025",
            "--lang",
            "en",
            "--as-of",
            "2026-11-22",
        ],
    )
    assert "Read 185 rows = 61 counted" in result.output


def _entry_point(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m dvstat`` (the same ``main`` as the console script) in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "dvstat", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "DVSTAT_CACHE_DIR": str(cwd / "cache")},
    )


def test_the_entry_point_exits_with_the_right_code_and_all_its_output(tmp_path: Path) -> None:
    """``main`` ends the process itself (no module teardown): every byte must still be out
    and the exit code kept — 0, 1 for an error or --strict, 2 for a usage error."""
    done = _entry_point(
        "summarize",
        str(SAMPLE_FILES[0]),
        "--by",
        "branch",
        "--format",
        "json",
        "--as-of",
        "2026-11-22",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"]["read"] == 185  # the whole document, flushed
    done = _entry_point("summarize", str(tmp_path / "khong-co.xlsx"), cwd=tmp_path)
    assert done.returncode == 1
    assert "khong-co.xlsx" in done.stderr
    errors = str(SAMPLES / "errors" / "danh-sach-co-loi.csv")
    done = _entry_point("validate", errors, "--strict", "--as-of", "2026-11-22", cwd=tmp_path)
    assert done.returncode == 1
    assert "future-date" in done.stdout and "4 lỗi" in done.stdout  # the table came out
    assert _entry_point("summarize", "--by", "tinh", cwd=tmp_path).returncode == 2
    done = _entry_point("--version", cwd=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, f"dvstat {__version__}")


def test_the_entry_point_finishes_a_slow_cache_write_before_ending(tmp_path: Path) -> None:
    """The cache is written in the background while the report is made; ``main`` ends the
    process itself, so it must wait for that write (here made to take a second)."""
    code = (
        "import sys, time\n"
        "import dvstat.readers.cache as cache\n"
        "write = cache.RosterCache._write\n"
        "def slow(*args, **kwargs):\n"
        "    time.sleep(1)\n"
        "    return write(*args, **kwargs)\n"
        "cache.RosterCache._write = slow\n"
        "from dvstat.cli import main\n"
        "sys.argv = ['dvstat', *sys.argv[1:]]\n"
        "main()\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "summarize",
            str(SAMPLE_FILES[0]),
            "--format",
            "json",
            "--as-of",
            "2026-11-22",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "DVSTAT_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    entries = list((tmp_path / "cache").glob("norm-*.parquet"))
    assert len(entries) == 1
    assert json.loads(entries[0].with_suffix(".json").read_text("utf-8"))["sheets"]
    import pandas as pd

    assert len(pd.read_parquet(entries[0])) == 185
