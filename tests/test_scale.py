"""National scale: files read side by side in children, rows kept in compact columns, the
figures the same whatever the number of workers (values worked out by hand)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import AS_OF, make_xlsx, member
from dvstat import schema, workers
from dvstat.cli import app
from dvstat.errors import ConfigError, RosterReadError
from dvstat.normalize import normalize_roster
from dvstat.readers import rosters
from dvstat.readers.config import load_settings
from dvstat.settings import ReadLimits


def _folder(tmp_path: Path) -> Path:
    """Three files: 2 + 3 + 1 admissions in 2025, one of them in 2024."""
    folder = tmp_path / "ds"
    folder.mkdir()
    make_xlsx(
        folder / "Đảng bộ xã A.xlsx",
        {"DS": [member("Lò Văn A", gender="Nam"), member("Lò Thị B", gender="Nữ")]},
    )
    make_xlsx(
        folder / "Đảng bộ xã B.xlsx",
        {
            "DS": [
                member("Vi Văn C", ethnicity="Tày"),
                member("Vi Thị D", gender="Nữ", ethnicity="Tày"),
                member("Vi Văn E", admitted="10/10/2024"),
            ]
        },
    )
    make_xlsx(folder / "Đảng bộ xã C.xlsx", {"DS": [member("Hà Thị G", gender="Nữ")]})
    return folder


@pytest.mark.parametrize("jobs", ["1", "2", "3"])
def test_the_same_figures_with_one_two_or_three_files_at_once(
    runner: CliRunner, tmp_path: Path, jobs: str
) -> None:
    folder = _folder(tmp_path)
    result = runner.invoke(
        app,
        ["summarize", str(folder), "--year", "2025", "--format", "json", "--by", "org"]
        + ["--as-of", AS_OF.isoformat(), "--no-cache", "--jobs", jobs],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # 6 rows read, 5 in 2025 (Vi Văn E was admitted in 2024): 2 men, 3 women, 2 Tày
    assert data["rows"] == {
        "read": 6,
        "counted": 5,
        "rejected": 0,
        "outside_period": 1,
        "duplicates": 0,
    }
    assert data["total"] == 5
    by_gender = {r["code"]: r["count"] for r in data["breakdowns"]["gender"]}
    assert by_gender["male"] == 2 and by_gender["female"] == 3
    by_group = {r["code"]: r["count"] for r in data["breakdowns"]["ethnic_minority"]}
    assert by_group["kinh"] == 3 and by_group["minority"] == 2
    units = {u["name"]: u["total"] for u in data["units"]}
    assert units == {"Đảng bộ xã A": 2, "Đảng bộ xã B": 2, "Đảng bộ xã C": 1}


def test_a_bad_file_among_others_is_named_once_whatever_the_workers(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    (folder / "dang-bo-xa-d.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    result = runner.invoke(
        app, ["summarize", str(folder), "--year", "2025", "--no-cache", "--jobs", "2"]
    )
    assert result.exit_code == 1
    assert "dang-bo-xa-d.xlsx" in result.output
    assert "Traceback" not in result.output


def test_an_error_raised_in_a_worker_comes_back_with_both_languages(tmp_path: Path) -> None:
    empty = make_xlsx(tmp_path / "trong.xlsx", {"DS": [["chỉ có chữ"]]}, header=None)
    other = make_xlsx(tmp_path / "khac.xlsx", {"DS": [member()]})
    index = schema.header_alias_index(None)
    with pytest.raises(RosterReadError) as caught:
        rosters.read_files([other, empty, other], index, ReadLimits(), jobs=2)
    assert "trong.xlsx" in caught.value.vi and "trong.xlsx" in caught.value.en
    assert caught.value.vi != caught.value.en


def test_files_read_in_workers_give_the_rows_read_here(tmp_path: Path) -> None:
    paths = [
        make_xlsx(
            tmp_path / f"dang-bo-xa-{n}.xlsx",
            {"DS": [member(f"Lò Văn {n}"), member(f"Lò Thị {n}", gender="Nữ", birth="")]},
        )
        for n in "abcde"
    ]
    index = schema.header_alias_index(None)
    heard: list[int] = []
    apart = rosters.read_files(paths, index, ReadLimits(), jobs=2, done=lambda r: heard.append(1))
    here = rosters.read_files(paths, index, ReadLimits(isolate=False))
    assert len(apart) == len(here) == 5 and len(heard) == 5
    for (frame, sheets, issues), (frame_here, sheets_here, issues_here) in zip(
        apart, here, strict=True
    ):
        pd.testing.assert_frame_equal(frame, frame_here)
        assert sheets == sheets_here and issues == issues_here
    assert [f[schema.FULL_NAME].iloc[0] for f, _, _ in apart] == [f"Lò Văn {n}" for n in "abcde"]


def test_a_worker_that_crashes_names_its_file_and_the_others_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal

    paths = [make_xlsx(tmp_path / f"{n}.xlsx", {"DS": [member()]}) for n in "abcd"]
    real = rosters._read_file

    def crashing(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "c.xlsx":
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rosters, "_read_file", crashing)
    with pytest.raises(RosterReadError) as caught:
        rosters.read_files(paths, schema.header_alias_index(None), ReadLimits(), jobs=2)
    assert "c.xlsx" in caught.value.vi and "SIGSEGV" in caught.value.en


def test_a_worker_past_its_time_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    paths = [make_xlsx(tmp_path / f"{n}.xlsx", {"DS": [member()]}) for n in "ab"]
    real = rosters._read_file

    def slow(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "b.xlsx":
            time.sleep(30)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rosters, "_read_file", slow)
    started = time.monotonic()
    with pytest.raises(RosterReadError, match="b.xlsx"):
        rosters.read_files(
            paths, schema.header_alias_index(None), ReadLimits(max_parse_seconds=1), jobs=2
        )
    assert time.monotonic() - started < 10


def test_compact_rows_keeps_every_value_and_costs_a_byte_a_row() -> None:
    raw = pd.DataFrame(
        {
            schema.FULL_NAME: ["Lò Văn A", "Lò Thị B", np.nan],
            schema.GENDER: ["Nam", "Nữ", ""],
            schema.ETHNICITY: ["Tày", "Tày", "Tày"],
            schema.RELIGION: [np.nan, np.nan, np.nan],  # a column the sheet does not have
            schema.SRC_ROW: [2, 3, 4],
        }
    ).astype({schema.FULL_NAME: object, schema.GENDER: object, schema.ETHNICITY: object})
    compact = rosters.compact_rows(raw)
    assert isinstance(compact[schema.GENDER].dtype, pd.CategoricalDtype)
    assert compact[schema.GENDER].cat.codes.dtype == np.int8
    assert list(compact[schema.GENDER].astype(object)) == ["Nam", "Nữ", ""]
    assert str(compact[schema.FULL_NAME].dtype) == "string"
    assert compact[schema.FULL_NAME].isna().tolist() == [False, False, True]
    assert len(compact[schema.RELIGION].cat.categories) == 0
    assert compact[schema.RELIGION].isna().all()
    assert compact[schema.SRC_ROW].tolist() == [2, 3, 4]


def test_concat_rows_merges_categories_in_the_order_met() -> None:
    first = rosters.compact_rows(
        pd.DataFrame(
            {schema.BRANCH: ["Chi bộ 2", "Chi bộ 1"], schema.SRC_ROW: [2, 3]}, dtype=object
        )
    )
    second = rosters.compact_rows(
        pd.DataFrame(
            {schema.BRANCH: ["Chi bộ 3", "Chi bộ 1"], schema.GENDER: ["Nữ", "Nam"]}, dtype=object
        ).assign(**{schema.SRC_ROW: [5, 6]})
    )
    both = rosters.concat_rows([first, second])
    assert list(both[schema.BRANCH].astype(object)) == [
        "Chi bộ 2",
        "Chi bộ 1",
        "Chi bộ 3",
        "Chi bộ 1",
    ]
    # the first file had no gender column: its rows are missing, not ''
    assert both[schema.GENDER].isna().tolist() == [True, True, False, False]
    assert list(both[schema.GENDER].astype(object))[2:] == ["Nữ", "Nam"]
    assert both[schema.SRC_ROW].tolist() == [2, 3, 5, 6]
    # every roster column is there (absent ones all missing): normalize sees a whole roster
    assert set(schema.RAW_FIELDS) <= set(both.columns)


def test_normalizing_compact_rows_gives_what_plain_rows_give() -> None:
    plain = pd.DataFrame(
        {
            schema.FULL_NAME: ["Lò Văn A", " Lò  Thị B ", "Hà Văn C"],
            schema.BIRTH_DATE: ["1990-01-02 00:00:00", "05/03/1995", ""],
            schema.GENDER: ["Nam", "Nữ", "nu"],
            schema.ETHNICITY: ["Tày", "Kinh", "Thái"],
            schema.ADMISSION_DATE: ["2025-03-15 00:00:00", "15/03/2025", "2024-12-31"],
            schema.BRANCH: ["Chi bộ 1", "chi bộ 1", "Chi bộ 2"],
            schema.SRC_FILE: ["a.xlsx", "a.xlsx", "b.xlsx"],
            schema.SRC_SHEET: ["DS", "DS", "DS"],
            schema.SRC_ROW: [2, 3, 2],
            schema.SRC_UNIT: ["a", "a", "b"],
            schema.ORG_SOURCE: ["", "", ""],
        },
        dtype=object,
    ).astype({schema.SRC_ROW: "int64"})
    expected = normalize_roster(plain.reindex(columns=rosters._ROW_COLUMNS))
    compact = normalize_roster(
        rosters.concat_rows(
            [rosters.compact_rows(plain.iloc[:2]), rosters.compact_rows(plain.iloc[2:])]
        )
    )
    pd.testing.assert_frame_equal(compact, expected)
    # 'chi bộ 1' is shown as first written
    assert list(compact[schema.BRANCH].astype(object)) == ["Chi bộ 1", "Chi bộ 1", "Chi bộ 2"]


@pytest.mark.parametrize(
    ("jobs", "items", "cores", "expected"),
    [(0, 10, 2, 2), (None, 10, 4, 4), (1, 10, 4, 1), (3, 10, 2, 3), (0, 1, 8, 1), (5, 2, 8, 2)],
)
def test_worker_count(
    monkeypatch: pytest.MonkeyPatch, jobs: int | None, items: int, cores: int, expected: int
) -> None:
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda _pid: set(range(cores)))
    assert workers.worker_count(jobs, items) == expected


def test_run_each_keeps_the_order_and_tells_each_result() -> None:
    heard: list[int] = []
    assert workers.run_each(lambda n: n * n, [3, 1, 2], jobs=2, done=heard.append) == [9, 1, 4]
    assert sorted(heard) == [1, 4, 9]
    with pytest.raises(ValueError, match="bad"):
        workers.run_each(lambda n: (_ for _ in ()).throw(ValueError("bad")), [1, 2], jobs=2)


def test_jobs_in_the_config(tmp_path: Path) -> None:
    config = tmp_path / "dvstat.toml"
    config.write_text("jobs = 3\n", encoding="utf-8")
    assert load_settings(config).jobs == 3
    config.write_text("jobs = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="jobs"):
        load_settings(config)
    config.write_text('jobs = "hai"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="jobs"):
        load_settings(config)


def test_the_tally_counts_files_and_rows(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    heard: list[tuple[int, int, int]] = []
    paths = rosters.expand_roster_paths([folder]).paths
    table = rosters.read_rosters(paths, jobs=2, tally=lambda *t: heard.append(t))
    assert len(table.frame) == 6
    assert sorted(heard) == sorted(heard, key=lambda t: t[0])  # counts only grow
    assert [t[0] for t in sorted(heard)] == [1, 2, 3]
    assert all(t[1] == 3 for t in heard)
    assert sorted(heard)[-1][2] == 6


def test_no_bar_when_stderr_is_not_a_terminal(runner: CliRunner, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = runner.invoke(app, ["summarize", str(folder), "--year", "2025", "--no-cache"])
    assert result.exit_code == 0
    assert "Đang đọc" not in result.output and "tệp" not in result.output.split("\n")[0]


def test_a_process_forked_after_a_read_reads_again(tmp_path: Path) -> None:
    """The reading threads do not survive a fork (a library user's, a test runner's): a
    forked process that reads a workbook gets a pool of its own instead of waiting forever
    on the parent's threads."""
    import os
    import signal

    path = make_xlsx(tmp_path / "a.xlsx", {"DS": [member("An"), member("Bình")]})
    first = rosters.read_rosters([path], {}, ReadLimits()).frame
    assert len(first) == 2 and workers._reading is not None
    pid = os.fork()
    if pid == 0:  # the child: read again, exit 0 on success
        code = 1
        try:
            signal.alarm(60)
            again = rosters.read_rosters([path], {}, ReadLimits()).frame
            code = 0 if len(again) == 2 else 3
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
