"""The parsed-roster cache, and the two workbook readers agreeing with each other."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import AS_OF
from dvstat import schema
from dvstat.cli import app
from dvstat.pipeline import load_rosters
from dvstat.readers import rosters
from dvstat.readers.config import Settings
from dvstat.writers import samples

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ROOT / "sample_data" / "dang-bo-xa-tan-lap-2024-2026.xlsx"


def _summary(runner: CliRunner, *args: str) -> dict[str, object]:
    result = runner.invoke(app, ["summarize", *args, "--year", "2025", "--format", "json",
                                 "--as-of", "2026-11-22"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_a_rerun_is_served_by_the_cache_and_gives_the_same_report(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    roster = tmp_path / "ds.xlsx"
    roster.write_bytes(ROSTER.read_bytes())
    first = _summary(runner, str(roster))
    cache = tmp_path / ".cache"
    assert len(list(cache.glob("*.parquet"))) == 1

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(rosters, "_iter_sheets", no_parsing)
    assert _summary(runner, str(roster)) == first
    monkeypatch.undo()
    assert _summary(runner, str(roster), "--no-cache") == first


def test_a_changed_file_misses_the_cache(runner: CliRunner, tmp_path: Path) -> None:
    roster = tmp_path / "ds.xlsx"
    members = samples.make_members(seed=3)
    samples.write_clean_xlsx(members, roster)
    before = _summary(runner, str(roster))
    samples.write_clean_xlsx(members[:-10], roster)
    after = _summary(runner, str(roster))
    assert before["rows"] != after["rows"]
    assert len(list((tmp_path / ".cache").glob("*.parquet"))) == 2


@pytest.mark.parametrize("layout", ["clean", "messy"])
def test_fastexcel_and_calamine_readers_give_the_same_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    members = samples.make_members(seed=8)
    path = tmp_path / f"{layout}.xlsx"
    if layout == "clean":
        samples.write_clean_xlsx(members, path)
    else:
        samples.write_messy_xlsx(members, path)
    settings = Settings(cache_dir=None)
    fast = load_rosters([str(path)], settings, AS_OF)
    monkeypatch.setattr(rosters, "xlsx_sheets", lambda _path: None)
    slow = load_rosters([str(path)], settings, AS_OF)
    columns = [schema.FULL_NAME, schema.BIRTH_DATE, schema.GENDER, schema.ETHNICITY,
               schema.GENERAL_EDUCATION, schema.PROFESSIONAL, schema.ADMISSION_DATE,
               schema.BRANCH, schema.SRC_ROW, schema.SRC_SHEET, "age"]
    pd.testing.assert_frame_equal(fast.frame[columns].astype(object),
                                  slow.frame[columns].astype(object))
    assert [(i.code, i.sheet, i.row) for i in fast.issues] == [
        (i.code, i.sheet, i.row) for i in slow.issues]


def test_merged_branch_cells_fill_down_in_both_readers(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Họ và tên", "Giới tính", "Dân tộc", "Tôn giáo", "GDPT", "Ngày kết nạp",
               "Chi bộ"])
    for i in range(4):
        ws.append([f"Người {i}", "Nam", "Kinh", "Không", "12/12", "01/02/2025",
                   "Chi bộ Gộp" if i == 0 else None])
    ws.merge_cells("G2:G5")
    path = tmp_path / "gop.xlsx"
    wb.save(path)
    settings = Settings(cache_dir=None)
    fast = load_rosters([str(path)], settings, AS_OF).frame[schema.BRANCH].tolist()
    monkeypatch.setattr(rosters, "xlsx_sheets", lambda _path: None)
    slow = load_rosters([str(path)], settings, AS_OF).frame[schema.BRANCH].tolist()
    assert fast == slow == ["Chi bộ Gộp"] * 4


def test_a_prefetched_workbook_reads_the_same_and_only_for_that_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dvstat.readers import xlsx

    monkeypatch.setattr(xlsx, "PARALLEL_BYTES", 0)
    path = tmp_path / "messy.xlsx"
    samples.write_messy_xlsx(samples.make_members(seed=4), path)
    settings = Settings(cache_dir=None)
    plain = load_rosters([str(path)], settings, AS_OF).frame
    xlsx.prefetch([str(path)])
    assert len(xlsx._prefetched) == 1
    prefetched = load_rosters([str(path)], settings, AS_OF).frame
    assert xlsx._prefetched == {}
    pd.testing.assert_frame_equal(plain, prefetched)
    xlsx.prefetch([str(path)])
    samples.write_messy_xlsx(samples.make_members(seed=5), path)  # changed after prefetch
    assert xlsx.take_prefetched(path) is None
    xlsx._prefetched.clear()
