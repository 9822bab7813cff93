"""Every figure against counts known by construction (no files)."""

from __future__ import annotations

from conftest import AS_OF, canonical_rows
from dvstat import schema
from dvstat.checks import validate_roster
from dvstat.model import Report
from dvstat.normalize import normalize_roster
from dvstat.periods import year_period
from dvstat.report import build_report
from dvstat.rounding import mean_of, percent


def _report(
    rows: list[dict[str, object]], year: int | None = 2025, by: str | None = "branch"
) -> Report:
    frame = normalize_roster(canonical_rows(rows))
    validation = validate_roster(frame, [], AS_OF)
    from dvstat.model import WHOLE_ROSTER

    period = year_period(year) if year else WHOLE_ROSTER
    return build_report(
        frame,
        validation,
        validation.issues,
        period,
        lang="vi",
        by=by,
        compare=True,
        organization=None,  # type: ignore[arg-type]
        generated_by="test",
    )


def test_percent_rounds_half_up_at_two_decimals() -> None:
    assert percent(713, 1481) == 48.14
    assert percent(10, 1481) == 0.68
    assert percent(1, 3) == 33.33
    assert percent(2, 3) == 66.67
    assert percent(1, 8) == 12.5  # 12,50 exactly
    assert percent(1, 800) == 0.13  # 0,125 -> 0,13 half-up (banker's would give 0,12)
    assert percent(0, 0) == 0.0


def test_mean_rounds_half_up_at_one_decimal() -> None:
    assert mean_of(20 + 21, 2) == 20.5
    assert mean_of(20 + 20 + 21, 3) == 20.3
    assert mean_of(20 + 21 + 21 + 21, 4) == 20.8  # 20,75 -> 20,8
    assert mean_of(0, 0) is None


def test_highlights_of_1481_admissions() -> None:
    rows: list[dict[str, object]] = []
    for i in range(1481):
        rows.append(
            {
                schema.GENDER: "Nữ" if i < 713 else "Nam",
                schema.ETHNICITY: "Tày" if i < 294 else "Kinh",
                schema.RELIGION: "Phật giáo" if i < 10 else "Không",
            }
        )
    report = _report(rows, by=None)
    h = report.stats.highlights
    assert (h["total"].count, h["female"].count, h["female"].percent) == (1481, 713, 48.14)
    assert (h["minority"].count, h["minority"].percent) == (294, 19.85)
    assert (h["religious"].count, h["religious"].percent) == (10, 0.68)
    assert report.stats.count("ethnicity", "tay") == 294
    assert report.stats.count("religion", "buddhism") == 10


def test_every_breakdown_sums_to_the_total_through_unknown() -> None:
    rows: list[dict[str, object]] = [
        {schema.ETHNICITY: "Ede Ede"},
        {schema.ETHNICITY: ""},
        {schema.GENDER: "?"},
        {schema.BIRTH_DATE: ""},
        {schema.GENERAL_EDUCATION: "xyz"},
        {},
    ]
    report = _report(rows)
    for name, categories in report.stats.breakdowns.items():
        assert sum(c.count for c in categories) == 6, name
    assert report.stats.count("ethnicity", "other") == 1
    assert report.stats.count("ethnicity", "unknown") == 1
    assert report.stats.count("ethnic_minority", "unknown") == 2
    assert report.stats.count("gender", "unknown") == 1
    assert report.stats.count("age_band", "unknown") == 1
    assert report.stats.count("general_education", "unknown") == 1


def test_age_bands_edges_and_mean_age() -> None:
    admitted = "01/06/2025"
    births = {
        "02/06/1994": "18_30",  # 30 (31st birthday tomorrow)
        "01/06/1994": "31_35",  # 31 today
        "01/06/1965": "56_60",  # exactly 60
        "31/05/1964": "over_60",  # 61
        "01/06/2007": "18_30",
    }  # exactly 18
    rows: list[dict[str, object]] = [
        {schema.BIRTH_DATE: b, schema.ADMISSION_DATE: admitted} for b in births
    ]
    report = _report(rows)
    bands = {c.code: c.count for c in report.stats.breakdowns["age_band"]}
    assert bands == {
        "18_30": 2,
        "31_35": 1,
        "36_40": 0,
        "41_45": 0,
        "46_50": 0,
        "51_55": 0,
        "56_60": 1,
        "over_60": 1,
        "unknown": 0,
    }
    assert report.stats.mean_age == mean_of(30 + 31 + 60 + 61 + 18, 5) == 40.0


def test_university_or_higher_counts_master_and_doctor() -> None:
    rows: list[dict[str, object]] = [
        {schema.PROFESSIONAL: p} for p in ("ĐH", "ThS", "TS", "CĐ", "Trung cấp", "", "Kỹ sư")
    ]
    h = _report(rows).stats.highlights["university_or_higher"]
    assert (h.count, h.percent) == (4, 57.14)


def test_per_unit_totals_sum_to_the_scope_total() -> None:
    rows: list[dict[str, object]] = [{schema.BRANCH: f"Chi bộ {i % 3}"} for i in range(10)]
    report = _report(rows)
    assert [(u.name, u.stats.total) for u in report.units] == [
        ("Chi bộ 0", 4),
        ("Chi bộ 1", 3),
        ("Chi bộ 2", 3),
    ]
    assert sum(u.stats.total for u in report.units) == report.stats.total == 10


def test_previous_year_and_comparison() -> None:
    rows: list[dict[str, object]] = [{schema.ADMISSION_DATE: "10/03/2025"}] * 6 + [
        {schema.ADMISSION_DATE: "10/03/2024"}
    ] * 4
    rows = [dict(r, full_name=f"P{i}") for i, r in enumerate(rows)]
    report = _report(rows)
    assert report.stats.total == 6
    assert report.previous is not None and report.previous.total == 4
    assert report.comparison is not None
    assert report.comparison.percent_of_previous == 150.0
    assert report.comparison.change_percent == 50.0
    assert report.rows.outside_period == 4
    assert report.units[0].previous_total == 4


def test_roster_covering_one_year_has_no_previous() -> None:
    report = _report([{schema.ADMISSION_DATE: "10/03/2025"}])
    assert report.previous is None
    assert report.comparison is None
    assert report.to_dict()["previous"] is None


def test_reconciliation_read_equals_counted_rejected_outside() -> None:
    rows: list[dict[str, object]] = [
        {schema.ADMISSION_DATE: "10/03/2025"},
        {schema.ADMISSION_DATE: "10/03/2024"},
        {schema.ADMISSION_DATE: "xx"},
        {schema.ADMISSION_DATE: "01/01/2030"},
        {schema.FULL_NAME: "Trùng", schema.ADMISSION_DATE: "05/05/2025"},
        {schema.FULL_NAME: "Trùng", schema.ADMISSION_DATE: "05/05/2025"},
    ]
    rows_count = _report(rows).rows
    assert (
        rows_count.read,
        rows_count.counted,
        rows_count.rejected,
        rows_count.outside_period,
        rows_count.duplicates,
    ) == (6, 2, 3, 1, 1)
    assert rows_count.read == rows_count.counted + rows_count.rejected + rows_count.outside_period


def test_whole_roster_scope_counts_everything_valid() -> None:
    report = _report(
        [{schema.ADMISSION_DATE: "10/03/2025"}, {schema.ADMISSION_DATE: "10/03/2020"}], year=None
    )
    assert report.stats.total == 2 and report.previous is None


def test_percent_table_rounds_each_row_half_up_against_its_own_total() -> None:
    import numpy as np

    from dvstat.rounding import percent_table, ratio_percent

    counts = np.array([[1, 2], [1, 0], [0, 0], [2, 1]])
    totals = np.array([3, 8, 0, 1])
    table = percent_table(counts, totals)
    assert table.tolist() == [
        [33.33, 66.67],  # 1/3 = 33,333…; 2/3 = 66,666… rounds up
        [12.5, 0.0],  # 1/8 exactly 12,5
        [0.0, 0.0],  # a unit of 0: 0, not a division by zero
        [200.0, 100.0],  # a base of 1 divides like any other
    ]
    assert table.dtype == np.float64
    assert percent_table(np.array([[1]]), np.array([200000])).tolist() == [[0.0]]  # 0,0005 -> 0,00
    assert percent_table(np.array([[1]]), np.array([20000])).tolist() == [[0.01]]  # 0,005 -> 0,01
    assert ratio_percent(1, 1) == 100.0
    assert ratio_percent(3, 0) is None
    assert ratio_percent(1, 3) == 33.33
