"""The parsed-roster cache, and the two workbook readers agreeing with each other."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import AS_OF
from dvstat import sample_rosters as samples
from dvstat import schema
from dvstat.cli import app
from dvstat.errors import ConfigError
from dvstat.pipeline import load_rosters, loading
from dvstat.readers import rosters
from dvstat.readers.cache import RosterCache
from dvstat.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ROOT / "sample_data" / "dang-bo-xa-tan-lap-2024-2026.xlsx"


def _summary(runner: CliRunner, *args: str) -> dict[str, object]:
    result = runner.invoke(
        app, ["summarize", *args, "--year", "2025", "--format", "json", "--as-of", "2026-11-22"]
    )
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_a_rerun_is_served_by_the_cache_and_gives_the_same_report(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = tmp_path / "ds.xlsx"
    roster.write_bytes(ROSTER.read_bytes())
    first = _summary(runner, str(roster))
    cache = tmp_path / ".cache"
    assert len(list(cache.glob("norm-*.parquet"))) == 1  # one file: only as a normalized set
    assert len(list(cache.glob("*.parquet"))) == 1
    from dvstat.readers.cache import probably_cached

    assert probably_cached(cache, roster)  # so the next run does not parse ahead

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(rosters, "iter_sheets", no_work)
    monkeypatch.setattr(loading, "normalize_roster", no_work)
    assert _summary(runner, str(roster)) == first
    monkeypatch.undo()
    assert _summary(runner, str(roster), "--no-cache") == first


def test_the_normalized_set_comes_back_exactly_as_computed(tmp_path: Path) -> None:
    """Every dtype, category order and value of the cached frame equals a fresh one, for the
    bundled rosters (several files, odd layouts, bad values) and a value alias."""
    paths = [
        ROSTER,
        *sorted((ROOT / "sample_data" / "messy").iterdir()),
        *sorted((ROOT / "sample_data" / "errors").iterdir()),
    ]
    settings = Settings(
        cache_dir=tmp_path / "c", value_aliases={"ethnicity": {"Kinh (Việt)": "kinh"}}
    )
    fresh = load_rosters([str(p) for p in paths], settings, AS_OF)
    cached = load_rosters([str(p) for p in paths], settings, AS_OF)  # waits for the write
    assert len(list((tmp_path / "c").glob("norm-*.parquet"))) == 1
    pd.testing.assert_frame_equal(fresh.frame, cached.frame, check_exact=True)
    for name, dtype in fresh.frame.dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):
            assert list(cached.frame[name].cat.categories) == list(dtype.categories), name
    assert cached.sheets == fresh.sheets
    assert cached.issues == fresh.issues
    assert fresh.validation.rejected.sum() > 0  # the messy rosters do have rejected rows
    assert (cached.validation.rejected == fresh.validation.rejected).all()


def test_other_value_aliases_or_file_order_miss_the_normalized_set(tmp_path: Path) -> None:
    paths = [str(ROSTER), *(str(p) for p in sorted((ROOT / "sample_data" / "messy").iterdir()))]
    settings = Settings(cache_dir=tmp_path / "c")
    load_rosters(paths, settings, AS_OF)
    load_rosters(paths[::-1], settings, AS_OF)
    aliased = Settings(cache_dir=tmp_path / "c", value_aliases={"religion": {"PG": "buddhism"}})
    load_rosters(paths, aliased, AS_OF)
    assert len(list((tmp_path / "c").glob("norm-*.parquet"))) == 3
    assert len(list((tmp_path / "c").glob("*.json"))) == 3 + len(paths)


def test_pruning_drops_old_entries_and_keeps_the_newest_normalized_sets(tmp_path: Path) -> None:
    import os

    from dvstat.readers.cache import KEEP_NORMALIZED, MAX_AGE_DAYS, RosterCache

    folder = tmp_path / "c"
    folder.mkdir()
    day = 86400
    now = 1_800_000_000.0
    norm = [f"norm-{i:064x}" for i in range(KEEP_NORMALIZED + 2)]
    fresh, stale = f"{1:064x}", f"{2:064x}"
    names = [*norm, fresh, stale]
    for age, name in enumerate(names):
        for suffix in (".parquet", ".json"):
            path = folder / f"{name}{suffix}"
            path.write_text("x")
            used = now - (MAX_AGE_DAYS + 1) * day if name == stale else now - age
            os.utime(path, (used, used))
    (folder / f"id-{1:032x}").write_text(stale)
    (folder / f"id-{2:032x}").write_text(fresh)
    # files that are not dvstat's (a cache folder set to a shared one) are never touched
    (folder / "ban-do.parquet").write_text("x")
    os.utime(folder / "ban-do.parquet", (0, 0))
    (folder / "id-card.txt").write_text("x")
    RosterCache(folder).prune(now=now)
    left = sorted(p.name for p in folder.iterdir())
    kept = [*norm[:KEEP_NORMALIZED], fresh]
    assert left == sorted(
        [f"{n}{s}" for n in kept for s in (".parquet", ".json")]
        + [f"id-{2:032x}", "ban-do.parquet", "id-card.txt"]
    )


def test_a_changed_file_misses_the_cache(runner: CliRunner, tmp_path: Path) -> None:
    roster = tmp_path / "ds.xlsx"
    members = samples.make_members(seed=3)
    samples.write_clean_xlsx(members, roster)
    before = _summary(runner, str(roster))
    samples.write_clean_xlsx(members[:-10], roster)
    after = _summary(runner, str(roster))
    assert before["rows"] != after["rows"]
    assert len(list((tmp_path / ".cache").glob("norm-*.parquet"))) == 2
    assert len(list((tmp_path / ".cache").glob("*.parquet"))) == 2


def test_in_a_set_of_files_only_the_changed_one_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    samples.write_clean_xlsx(samples.make_members(seed=3), first)
    samples.write_clean_xlsx(samples.make_members(seed=4), second)
    settings = Settings(cache_dir=tmp_path / "c")
    load_rosters([str(first), str(second)], settings, AS_OF)
    samples.write_clean_xlsx(samples.make_members(seed=5), second)
    parsed: list[str] = []
    read_file = rosters._read_file

    def recording(path: Path, *args: object, **kwargs: object) -> object:
        parsed.append(path.name)
        return read_file(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rosters, "_read_file", recording)
    served = load_rosters([str(first), str(second)], settings, AS_OF)
    assert parsed == ["b.xlsx"]
    monkeypatch.undo()
    fresh = load_rosters([str(first), str(second)], Settings(cache_dir=None), AS_OF)
    pd.testing.assert_frame_equal(served.frame, fresh.frame)


@pytest.mark.parametrize("layout", ["clean", "messy"])
def test_fastexcel_and_calamine_readers_give_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
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
    columns = [
        schema.FULL_NAME,
        schema.BIRTH_DATE,
        schema.GENDER,
        schema.ETHNICITY,
        schema.GENERAL_EDUCATION,
        schema.PROFESSIONAL,
        schema.ADMISSION_DATE,
        schema.BRANCH,
        schema.SRC_ROW,
        schema.SRC_SHEET,
        "age",
    ]
    pd.testing.assert_frame_equal(
        fast.frame[columns].astype(object), slow.frame[columns].astype(object)
    )
    assert [(i.code, i.sheet, i.row) for i in fast.issues] == [
        (i.code, i.sheet, i.row) for i in slow.issues
    ]


def test_merged_branch_cells_fill_down_in_both_readers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Họ và tên", "Giới tính", "Dân tộc", "Tôn giáo", "GDPT", "Ngày kết nạp", "Chi bộ"])
    for i in range(4):
        ws.append(
            [
                f"Người {i}",
                "Nam",
                "Kinh",
                "Không",
                "12/12",
                "01/02/2025",
                "Chi bộ Gộp" if i == 0 else None,
            ]
        )
    ws.merge_cells("G2:G5")
    path = tmp_path / "gop.xlsx"
    wb.save(path)
    settings = Settings(cache_dir=None)
    fast = load_rosters([str(path)], settings, AS_OF).frame[schema.BRANCH].tolist()
    monkeypatch.setattr(rosters, "xlsx_sheets", lambda _path: None)
    slow = load_rosters([str(path)], settings, AS_OF).frame[schema.BRANCH].tolist()
    assert fast == slow == ["Chi bộ Gộp"] * 4


def test_a_prefetched_workbook_reads_the_same_and_only_for_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    # parsed early only when it is the one roster: several are read by the worker children
    from dvstat.speedups import start_parsing_early

    other = tmp_path / "other.xlsx"
    samples.write_messy_xlsx(samples.make_members(seed=6), other)
    start_parsing_early([str(path), str(other)], settings)
    assert xlsx._prefetched == {}
    start_parsing_early([str(other)], settings)
    assert len(xlsx._prefetched) == 1
    xlsx._prefetched.clear()


def test_entries_of_other_dvstat_code_are_not_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache written by another release or checkout (different normalized columns, say)
    must miss, even under the same version number."""
    from dvstat.readers import cache as cache_module

    path = tmp_path / "ds.xlsx"
    path.write_bytes(ROSTER.read_bytes())
    assert len(cache_module.code_digest()) == 64
    before = cache_module.RosterCache(tmp_path / "c")
    file_key, set_key = before.key(path, None), before.set_key([path], None, None)
    monkeypatch.setattr(cache_module, "code_digest", lambda: "other code")
    after = cache_module.RosterCache(tmp_path / "c")
    assert after.key(path, None) != file_key
    assert after.set_key([path], None, None) != set_key


def test_parsing_ahead_follows_the_workspace_config(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI starts parsing before pandas is imported, for the rosters named or those of
    dvstat.toml, and asks the cache folder of dvstat.toml (not the default) what it holds."""
    from dvstat.readers import xlsx

    roster = tmp_path / "ds.xlsx"
    roster.write_bytes(ROSTER.read_bytes())
    (tmp_path / "dvstat.toml").write_text(
        'rosters = ["ds.xlsx"]\ncache_dir = "bo-nho"\n', encoding="utf-8"
    )
    calls: list[tuple[list[str], object]] = []
    monkeypatch.setattr(
        xlsx,
        "prefetch",
        lambda specs, limits=None, cache_dir=None: calls.append((list(specs), cache_dir)),
    )
    assert runner.invoke(app, ["summarize", "--format", "json"]).exit_code == 0
    assert (
        runner.invoke(app, ["summarize", "ds.xlsx", "--no-cache", "--format", "json"]).exit_code
        == 0
    )
    assert calls == [([str(roster)], tmp_path / "bo-nho"), (["ds.xlsx"], None)]


@pytest.mark.parametrize("damage", ["meta fields", "meta not json", "parquet truncated"])
def test_a_damaged_cache_entry_is_a_miss_not_a_crash(tmp_path: Path, damage: str) -> None:
    settings = Settings(cache_dir=tmp_path / "c")
    first = load_rosters([str(ROSTER)], settings, AS_OF)
    (entry,) = (tmp_path / "c").glob("norm-*.parquet")
    if damage == "meta fields":
        meta = json.loads(entry.with_suffix(".json").read_text("utf-8"))
        meta["sheets"] = [{"bogus": 1}]
        entry.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    elif damage == "meta not json":
        entry.with_suffix(".json").write_text("{", encoding="utf-8")
    else:
        entry.write_bytes(entry.read_bytes()[:100])
    again = load_rosters([str(ROSTER)], settings, AS_OF)
    pd.testing.assert_frame_equal(first.frame, again.frame)
    assert again.sheets == first.sheets


def _cached_run(tmp_path: Path, roster: Path) -> tuple[Settings, Path]:
    cache = tmp_path / "dem"
    settings = Settings(cache_dir=cache)
    load_rosters([str(roster)], settings, AS_OF)
    return settings, cache


def test_the_cache_is_private_whatever_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    roster = tmp_path / "ds.xlsx"
    samples.write_clean_xlsx(samples.make_members(seed=3)[:30], roster)
    old = os.umask(0)
    try:
        _, cache = _cached_run(tmp_path, roster)
    finally:
        os.umask(old)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    files = list(cache.iterdir())
    assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
    # an existing folder is never chmod'ed: one others can read is used as it is (its
    # entries stay 0600); one others can write to is not used (a miss, nothing written)
    os.chmod(cache, 0o755)
    notes: list[str] = []
    assert RosterCache(cache, notes.append).usable()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o755
    os.chmod(cache, 0o777)
    before = sorted(p.name for p in cache.iterdir())
    assert not RosterCache(cache, notes.append).usable()
    load_rosters([str(roster)], Settings(cache_dir=cache), AS_OF)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o777
    assert sorted(p.name for p in cache.iterdir()) == before
    assert "others may write to it" in notes[-1]


def test_a_damaged_or_foreign_entry_is_a_miss_never_other_figures(tmp_path: Path) -> None:
    roster = tmp_path / "ds.xlsx"
    other = tmp_path / "khac.xlsx"
    samples.write_clean_xlsx(samples.make_members(seed=3)[:61], roster)
    samples.write_clean_xlsx(samples.make_members(seed=4)[:7], other)
    settings, cache = _cached_run(tmp_path, roster)
    expected = load_rosters([str(roster)], Settings(), AS_OF)
    entry = next(cache.glob("norm-*.parquet"))
    meta = entry.with_suffix(".json")
    notes: list[str] = []

    def check() -> None:
        loaded = load_rosters([str(roster)], settings, AS_OF, progress=notes.append)
        assert len(loaded.frame) == 61
        assert [i.code for i in loaded.issues] == [i.code for i in expected.issues]
        pd.testing.assert_frame_equal(loaded.frame, expected.frame)

    for target in (entry, meta):
        original = target.read_bytes()
        for position in range(0, len(original), max(1, len(original) // 40)):
            damaged = bytearray(original)
            damaged[position] ^= 0x5A
            target.write_bytes(bytes(damaged))
            check()
        target.write_bytes(original)
    assert any("damaged entry" in n for n in notes)
    # another roster's entry copied under this key
    _, other_cache = _cached_run(tmp_path / "o", other)
    foreign = next(other_cache.glob("norm-*.parquet"))
    entry.write_bytes(foreign.read_bytes())
    meta.write_bytes(foreign.with_suffix(".json").read_bytes())
    notes.clear()
    check()
    assert any("other data" in n for n in notes)


def test_cache_switches_and_where_it_lives(tmp_path: Path, runner: CliRunner) -> None:
    from dvstat.readers.config import workspace_settings

    (tmp_path / "dvstat.toml").write_text('rosters = ["ds.xlsx"]\n', "utf-8")
    assert workspace_settings(None, tmp_path).cache_dir == tmp_path / ".dvstat-cache"
    assert workspace_settings(None, tmp_path, no_cache=True).cache_dir is None
    (tmp_path / "dvstat.toml").write_text("cache = false\n", "utf-8")
    assert workspace_settings(None, tmp_path).cache_dir is None
    (tmp_path / "dvstat.toml").write_text('cache_dir = "dem"\n', "utf-8")
    assert workspace_settings(None, tmp_path).cache_dir == tmp_path / "dem"
    assert Settings().cache_dir is None  # the library keeps no cache unless asked
    for key, value in (
        ("cache_dir", "/"),
        ("output_dir", "/etc"),
        ("cache_dir", "~"),
        ("output_dir", "/tmp"),
    ):
        (tmp_path / "dvstat.toml").write_text(f'{key} = "{value}"\n', "utf-8")
        with pytest.raises(ConfigError) as caught:
            workspace_settings(None, tmp_path)
        assert f"Key '{key}' points to" in caught.value.en
