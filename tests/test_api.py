"""dvstat as a library: what a notebook does with `import dvstat` alone equals the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import dvstat

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "dang-bo-xa-tan-lap-2024-2026.xlsx"
PLAN = ROOT / "sample_data" / "chi-tieu-ket-nap.csv"
AS_OF = date(2026, 11, 22)


def _cli(*args: str) -> dict[str, object]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dvstat",
            *args,
            "--format",
            "json",
            "--as-of",
            AS_OF.isoformat(),
            "--no-cache",
        ],
        capture_output=True,
        check=True,
    )
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_a_notebook_gets_the_summary_frame_the_cli_prints() -> None:
    summary = dvstat.summarize(SAMPLE, year=2025, as_of=AS_OF)
    cli = _cli("summarize", str(SAMPLE), "--year", "2025")
    assert summary.to_dict() == cli
    frame = summary.to_frame()
    breakdowns = cli["breakdowns"]
    assert isinstance(breakdowns, dict)
    expected = [
        (name, row["code"], row["count"], row["percent"])
        for name, rows in breakdowns.items()
        for row in rows
    ]
    assert (
        list(frame[["breakdown", "code", "count", "percent"]].itertuples(index=False, name=None))
        == expected
    )
    female = frame[(frame["breakdown"] == "gender") & (frame["code"] == "female")]
    assert female["count"].tolist() == [27] and female["previous_count"].tolist() == [34]
    units = summary.units_frame()
    assert units["total"].sum() == 61 and units["previous_total"].sum() == 68


def test_read_once_then_every_result_equals_its_command() -> None:
    roster = dvstat.read(SAMPLE, as_of=AS_OF)
    assert roster.rows.read == 185
    assert dvstat.validate(roster).to_dict() == _cli("validate", str(SAMPLE))
    assert dvstat.quota(roster, plan=PLAN, year=2025).to_dict() == _cli(
        "quota", str(SAMPLE), "--plan", str(PLAN), "--year", "2025"
    )
    assert dvstat.probation(roster, within=60).to_dict() == _cli(
        "probation", str(SAMPLE), "--within", "60"
    )
    by_org = dvstat.summarize(roster, period="2025-H1", by="org", compare=None)
    assert by_org.to_dict() == _cli(
        "summarize", str(SAMPLE), "--period", "2025-H1", "--by", "org", "--no-compare"
    )
    quota = dvstat.quota(roster, plan=PLAN, period="2025").to_frame()
    assert quota["admitted"].iloc[-1] == 61 and quota["level"].iloc[-1] == "total"
    issues = dvstat.validate(
        ROOT / "sample_data" / "errors" / "danh-sach-co-loi.csv", as_of=AS_OF
    ).to_frame()
    assert issues["code"].tolist()[:2] == ["unknown-ethnicity", "under-18"]


def test_the_library_keeps_no_cache_and_import_stays_light(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("DVSTAT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    dvstat.summarize(SAMPLE, year=2025, as_of=AS_OF)
    assert not (tmp_path / "xdg").exists() and not (tmp_path / ".cache").exists()
    cached = dvstat.read(SAMPLE, as_of=AS_OF, settings=dvstat.Settings(cache_dir=tmp_path / "dem"))
    assert cached.rows.read == 185
    light = subprocess.run(
        [
            sys.executable,
            "-c",
            "import dvstat, sys; print('pandas' in sys.modules, dvstat.__version__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert light.stdout.split() == ["False", dvstat.__version__]


def test_wrong_use_is_a_clear_error() -> None:
    roster = dvstat.read(SAMPLE, as_of=AS_OF)
    with pytest.raises(TypeError, match="apply to paths"):
        dvstat.summarize(roster, as_of=AS_OF)
    with pytest.raises(dvstat.DvstatError):
        dvstat.summarize(roster, period="2025-Q5")


def test_a_column_no_header_names_is_named_in_the_run_language(tmp_path: Path) -> None:
    """No 'Ngày sinh' column: each row's missing birth date names the field as the run's
    language does, in the message and in the JSON's column."""
    from conftest import make_xlsx

    header = [
        "STT",
        "Họ và tên",
        "Giới tính",
        "Dân tộc",
        "Tôn giáo",
        "Trình độ văn hóa",
        "Ngày kết nạp",
        "Chi bộ",
    ]
    roster = make_xlsx(
        tmp_path / "r.xlsx",
        {"CB": [[None, "Lê Văn An", "Nam", "Kinh", "Không", "12/12", "15/03/2025", "Chi bộ 1"]]},
        header=header,
    )
    for lang, column in (("vi", "Ngày sinh"), ("en", "birth date")):
        items = dvstat.validate(roster, lang=lang, as_of=date(2026, 11, 22)).to_dict()["issues"][
            "items"
        ]
        missing = [i for i in items if i["code"] == "missing-birth-date"]
        assert [i["column"] for i in missing] == [column]
        assert f"'{column}'" in missing[0]["message"]


def test_every_argument_is_checked_with_a_clear_error(tmp_path: Path) -> None:
    roster = dvstat.read(str(SAMPLE), as_of=date(2026, 11, 22))
    with pytest.raises(dvstat.DvstatError, match=r"by='chi-bo'.*'branch', 'org', 'parent'"):
        dvstat.summarize(roster, year=2025, by="chi-bo")  # type: ignore[arg-type]
    with pytest.raises(dvstat.DvstatError, match="compare='foo'"):
        dvstat.summarize(roster, year=2025, compare="foo")
    with pytest.raises(dvstat.DvstatError, match="output_format='docx'"):
        dvstat.render(dvstat.probation(roster), "docx")
    assert dvstat.render(dvstat.probation(roster), "xlsx")[:2] == b"PK"
    with pytest.raises(dvstat.DvstatError, match="output_format='pdf'"):
        dvstat.render(dvstat.summarize(roster, year=2025), "pdf")


def test_roster_frame_has_public_columns_only() -> None:
    frame = dvstat.read(str(SAMPLE), as_of=date(2026, 11, 22)).to_frame()
    assert list(frame.columns[:4]) == ["file", "sheet", "row", "full_name"]
    assert frame.columns[-1] == "rejected"
    assert not [c for c in frame.columns if c.startswith("_") or c.endswith(("_text", "_bad"))]
    assert "person_code" not in frame.columns
    assert len(frame) == 185
