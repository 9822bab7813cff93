"""The same members, clean or in the messy classic layout, read to identical data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from conftest import AS_OF
from dvstat import sample_rosters as samples
from dvstat import schema
from dvstat.pipeline import load_rosters
from dvstat.settings import Settings

COMPARED = [
    schema.FULL_NAME,
    schema.BIRTH_DATE,
    schema.GENDER,
    schema.ETHNICITY,
    schema.RELIGION,
    schema.GENERAL_EDUCATION,
    schema.PROFESSIONAL,
    schema.POLITICAL_THEORY,
    schema.OCCUPATION,
    schema.ADMISSION_DATE,
    schema.YOUTH_UNION,
    schema.READMITTED,
    schema.BRANCH,
    "age",
]


def _canonical(path: Path) -> pd.DataFrame:
    loaded = load_rosters([str(path)], Settings(), AS_OF)
    assert not loaded.validation.rejected.any()
    frame = loaded.frame[COMPARED].astype(object)
    return frame.sort_values([schema.ADMISSION_DATE, schema.BRANCH, schema.FULL_NAME]).reset_index(
        drop=True
    )


def test_clean_and_messy_layouts_give_identical_normalized_data(tmp_path: Path) -> None:
    members = samples.make_members(seed=99)
    clean = tmp_path / "clean.xlsx"
    messy = tmp_path / "messy.xlsx"
    samples.write_clean_xlsx(members, clean)
    samples.write_messy_xlsx(members, messy, seed=5)
    a, b = _canonical(clean), _canonical(messy)
    assert len(a) == len(members)
    pd.testing.assert_frame_equal(a, b)


def test_messy_layout_really_is_messy(tmp_path: Path) -> None:
    """Guard: the messy writer must keep producing the hard cases the test above relies on."""
    from openpyxl import load_workbook

    members = samples.make_members(seed=99)
    messy = tmp_path / "messy.xlsx"
    samples.write_messy_xlsx(members, messy, seed=5)
    wb = load_workbook(messy)
    values = [
        str(c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert len(wb.sheetnames) == len(samples.BRANCHES) + 2  # + guide + hidden draft
    assert any("Nam" == v for v in values) and any("Nữ" == v for v in values)
    assert any(v.startswith("Tổng cộng") for v in values)
    assert any(v in ("ĐH", "ThS", "CĐ") for v in values)
    assert any("\u0300" in v or "\u0301" in v or "\u0303" in v for v in values)  # NFD marks
    assert any(len(v) == 10 and v[2] in "/." for v in values)  # dates typed as text
