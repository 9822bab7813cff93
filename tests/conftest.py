"""Shared builders: tiny workbooks and CSVs written in the test, a fixed as-of date."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

AS_OF = date(2026, 11, 22)
# The outputs line `dvstat init` writes (tests replace it to choose what a report writes).
INIT_OUTPUTS = (
    'outputs = ["summary.md", "summary.xlsx", "summary.docx", "summary.json", "quota.md"]'
)

# Settings made when a test module is imported must not use the machine's cache either.
_SESSION_CACHE = tempfile.mkdtemp(prefix="dvstat-tests-cache-")
_SESSION_PID = os.getpid()
os.environ["DVSTAT_CACHE_DIR"] = _SESSION_CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the session's cache (only in the process that made it, not a forked child)."""
    if os.getpid() == _SESSION_PID:
        shutil.rmtree(_SESSION_CACHE, ignore_errors=True)


HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Trình độ văn hóa",
    "Ngày kết nạp",
    "Chi bộ",
]


def canonical_rows(rows: Sequence[dict[str, object]]) -> Any:
    """A frame of canonical fields as a reader gives them: each row's own values over a
    Kinh man born 01/01/1995, no religion, 12/12, admitted 01/06/2025 in Chi bộ 1, named
    'Người i' unless given a name, read from sheet 'S' of f.xlsx from row 2."""
    import pandas as pd

    from dvstat import schema

    base = {
        schema.FULL_NAME: None,
        schema.BIRTH_DATE: "01/01/1995",
        schema.GENDER: "Nam",
        schema.ETHNICITY: "Kinh",
        schema.RELIGION: "Không",
        schema.GENERAL_EDUCATION: "12/12",
        schema.ADMISSION_DATE: "01/06/2025",
        schema.BRANCH: "Chi bộ 1",
    }
    records = []
    for i, row in enumerate(rows):
        record = {**base, **row}
        record[schema.FULL_NAME] = record[schema.FULL_NAME] or f"Người {i}"
        record[schema.SRC_FILE] = "f.xlsx"
        record[schema.SRC_SHEET] = "S"
        record[schema.SRC_ROW] = i + 2
        record[schema.SRC_UNIT] = "S"
        records.append(record)
    return pd.DataFrame(records, dtype=object)


def member(
    name: str = "Nguyễn Văn An",
    birth: Any = "01/02/1995",
    gender: str = "Nam",
    ethnicity: str = "Kinh",
    religion: str = "Không",
    education: str = "12/12",
    admitted: Any = "15/03/2025",
    branch: str = "Chi bộ 1",
) -> list[Any]:
    """One roster row in the order of HEADER (STT filled by the writer)."""
    return [None, name, birth, gender, ethnicity, religion, education, admitted, branch]


def make_xlsx(
    path: Path,
    sheets: dict[str, Sequence[Sequence[Any]]],
    header: Sequence[str] | None = HEADER,
    title_rows: int = 0,
) -> Path:
    """A workbook with one sheet per entry; rows under an optional header and title rows."""
    from openpyxl import Workbook

    wb = Workbook()
    first = True
    for name, rows in sheets.items():
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        ws.title = name
        first = False
        for i in range(title_rows):
            ws.append([f"Dòng tiêu đề {i + 1}"])
        if header is not None:
            ws.append(list(header))
        for number, row in enumerate(rows, start=1):
            values = list(row)
            if values and values[0] is None and header is not None and header[0] == "STT":
                values[0] = number
            ws.append(values)
            if any(isinstance(v, str) and v.startswith("=") for v in values):
                for cell in ws[ws.max_row]:
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        cell.data_type = "s"  # text that looks like a formula, as typed
    wb.save(path)
    return path


def make_csv(
    path: Path, rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER, delimiter: str = ","
) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
    return path


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _isolate_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test picks up a dvstat.toml or $DVSTAT_CONFIG from the machine, and width is fixed."""
    monkeypatch.delenv("DVSTAT_CONFIG", raising=False)
    monkeypatch.setenv("DVSTAT_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))  # the cache secret
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.chdir(tmp_path)


def render_md(report: Any, quota: Any = None, templates: Path | None = None) -> str:
    """A report as Markdown through the library's one render call (dated AS_OF)."""
    import dvstat
    from dvstat.settings import Settings

    return dvstat.render(
        report, "markdown", settings=Settings(templates=templates), day=AS_OF, quota=quota
    ).decode("utf-8")


def render_xlsx(report: Any, quota: Any = None, templates: Path | None = None) -> bytes:
    import dvstat
    from dvstat.settings import Settings

    return dvstat.render(
        report, "xlsx", settings=Settings(templates=templates), day=AS_OF, quota=quota
    )
