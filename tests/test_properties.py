"""Properties over random rosters mixing valid and invalid rows (hypothesis, bounded)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AS_OF, render_md
from dvstat import schema
from dvstat.checks import validate_roster
from dvstat.formatting import format_int
from dvstat.model import Report
from dvstat.normalize import normalize_roster
from dvstat.periods import year_period
from dvstat.pipeline import run_summarize
from dvstat.report import build_report
from dvstat.schema import HIGHLIGHT_TITLES
from dvstat.settings import Settings

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lò Văn Cường", "", "Hà Thị Dung", "Vi Văn Em"]
BIRTHS = [
    "01/02/1990",
    "15/06/2001",
    "1985",
    "31/02/1990",
    "",
    "12/12/2010",
    "01/01/1950",
    "2000-07-01",
]
GENDERS = ["Nam", "Nữ", "", "?", "nam", "NỮ"]
ETHNIC = ["Kinh", "Tày", "H'mông", "Ede Ede", "", "Khmer", "Quốc tịch gốc nước ngoài"]
RELIGION = ["Không", "Phật giáo", "Thiên Chúa giáo", "Đạo Mẫu", ""]
EDUCATION = ["12/12", "9/12", "7/12", "THPT", "", "xyz"]
ADMITTED = [
    "15/03/2024",
    "01/10/2025",
    "29/02/2024",
    "31/12/2025",
    "",
    "xx",
    "01/01/2030",
    "01/01/2025",
    "2025-06-30",
]
BRANCHES = ["Chi bộ 1", "Chi bộ 2", "chi bo 1", "Chi bộ 3", ""]

row_strategy = st.tuples(
    *(
        st.sampled_from(v)
        for v in (NAMES, BIRTHS, GENDERS, ETHNIC, RELIGION, EDUCATION, ADMITTED, BRANCHES)
    )
)
roster_strategy = st.lists(row_strategy, min_size=0, max_size=40)
FIELDS = [
    schema.FULL_NAME,
    schema.BIRTH_DATE,
    schema.GENDER,
    schema.ETHNICITY,
    schema.RELIGION,
    schema.GENERAL_EDUCATION,
    schema.ADMISSION_DATE,
    schema.BRANCH,
]
HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Văn hóa",
    "Ngày kết nạp",
    "Chi bộ",
]
PROPERTY_SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _raw(rows: list[tuple[str, ...]]) -> pd.DataFrame:
    data = {f: [r[i] for r in rows] for i, f in enumerate(FIELDS)}
    frame = pd.DataFrame(data, dtype=object)
    frame[schema.SRC_FILE] = "f.csv"
    frame[schema.SRC_SHEET] = None
    frame[schema.SRC_ROW] = range(2, 2 + len(rows))
    frame[schema.SRC_UNIT] = "f"
    return frame


def _report(rows: list[tuple[str, ...]]) -> Report:
    frame = normalize_roster(_raw(rows))
    validation = validate_roster(frame, [], AS_OF)
    return build_report(
        frame,
        validation,
        validation.issues,
        year_period(2025),
        lang="vi",
        by="branch",
        compare=True,
        organization=None,
        generated_by="test",
    )


@PROPERTY_SETTINGS
@given(roster_strategy)
def test_rows_reconcile_and_breakdowns_sum(rows: list[tuple[str, ...]]) -> None:
    report = _report(rows)
    r = report.rows
    assert r.read == len(rows)
    assert r.read == r.counted + r.rejected + r.outside_period
    assert r.counted == report.stats.total
    for name, categories in report.stats.breakdowns.items():
        assert sum(c.count for c in categories) == report.stats.total, name
    assert sum(u.stats.total for u in report.units) == report.stats.total
    for unit in report.units:
        for categories in unit.stats.breakdowns.values():
            assert sum(c.count for c in categories) == unit.stats.total
    if report.previous is not None:
        for categories in report.previous.breakdowns.values():
            assert sum(c.count for c in categories) == report.previous.total


def _write_csv(path: Path, rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@PROPERTY_SETTINGS
@given(roster_strategy, st.integers(min_value=1, max_value=4))
def test_splitting_into_files_never_changes_the_result(
    tmp_path_factory: object, rows: list[tuple[str, ...]], parts: int
) -> None:
    folder = tmp_path_factory.mktemp("split")  # type: ignore[attr-defined]
    whole = _write_csv(folder / "all.csv", rows)
    pieces_dir = folder / "pieces"
    pieces_dir.mkdir()
    size = max(1, -(-len(rows) // parts))
    for index in range(parts):
        _write_csv(pieces_dir / f"part{index}.csv", rows[index * size : (index + 1) * size])
    plain = Settings(cache_dir=None)
    one = run_summarize([str(whole)], plain, year_period(2025), AS_OF, "vi")
    split = run_summarize([str(pieces_dir)], plain, year_period(2025), AS_OF, "vi")
    a, b = one.to_dict(), split.to_dict()
    for key in ("rows", "total", "mean_age", "breakdowns", "highlights", "previous"):
        assert a[key] == b[key], key
    # Units: a branch left empty falls back to the file name, which differs by design.
    named = {u["name"]: u["total"] for u in a["units"] if u["name"] != "all"}
    named_split = {u["name"]: u["total"] for u in b["units"] if not u["name"].startswith("part")}
    assert named == named_split


@PROPERTY_SETTINGS
@given(roster_strategy)
def test_markdown_numbers_equal_the_json(rows: list[tuple[str, ...]]) -> None:
    report = _report(rows)
    text = render_md(report)
    data = report.to_dict()
    for code, item in data["highlights"].items():
        assert f"| {HIGHLIGHT_TITLES[code][0]} | {format_int(item['count'], 'vi')} |" in text
    r = data["rows"]
    assert (
        f"Đọc {format_int(r['read'], 'vi')} dòng = {format_int(r['counted'], 'vi')} được "
        f"tính + {format_int(r['rejected'], 'vi')} bị loại"
    ) in text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 1_000_000), st.integers(0, 1_000_000)), min_size=1, max_size=30
    )
)
def test_percent_table_rounds_exactly_like_percent(pairs: list[tuple[int, int]]) -> None:
    """The vectorized percent of the per-unit tables equals the integer half-up one."""
    import numpy as np

    from dvstat.rounding import percent, percent_table

    totals = np.array([max(a, b) for a, b in pairs] + [0])
    counts = np.array([[min(a, b), max(a, b)] for a, b in pairs] + [[0, 0]])
    table = percent_table(counts, totals).tolist()
    expected = [
        [percent(int(c), int(t)) for c in row] for row, t in zip(counts, totals, strict=True)
    ]
    assert table == expected
