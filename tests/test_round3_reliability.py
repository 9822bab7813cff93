"""Reliability, round 3: files LibreOffice writes, characters XML cannot hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import dvstat
from conftest import make_csv, member

DATA = Path(__file__).parent / "data"


def test_a_real_libreoffice_ods_is_read() -> None:
    """`soffice --convert-to ods` of the bundled sample: its meta.xml says
    meta:cell-count="2626", which is no promise a reader allocates by (it was refused as
    forged). The figures are the sample's: 61 admitted in 2025, 27 women, 23 minority."""
    report = dvstat.summarize(
        str(DATA / "libreoffice-written.ods"), year=2025, as_of=date(2026, 11, 22)
    )
    assert report.rows.counted == 61
    assert report.stats.highlights["female"].count == 27
    assert report.stats.highlights["minority"].count == 23


def test_characters_xml_forbids_never_stop_an_output(tmp_path: Path) -> None:
    """Vertical tab, form feed, U+FFFE and U+FFFF in a name, a unit and the heading: every
    workbook and document is still written (they are removed, the breaks become spaces)."""
    rows = [
        member(name="Nguyễn\x0bVăn An", branch="Chi bộ\ufffe thôn 1"),
        member(name="Trần Thị\x0cBình", branch="Chi bộ thôn 2\uffff"),
    ]
    path = make_csv(tmp_path / "ds.csv", rows)
    settings = dvstat.Settings(
        report=dvstat.ReportHeading(issuer="Đảng ủy\x0bxã A", signer_name="Lê\ufffeVăn B")
    )
    report = dvstat.summarize(str(path), year=2025, as_of=date(2026, 11, 22), settings=settings)
    assert sorted(u.label for u in report.units) == ["Chi bộ thôn 1", "Chi bộ thôn 2"]
    for output in ("xlsx", "docx", "markdown"):
        data = dvstat.render(report, output, settings=settings)
        assert len(data) > 0
    from dvstat.text import strip_controls

    assert strip_controls("a\x0bb\x0cc\ufffe\uffffd\x01") == "a b cd"


def test_lock_files_plans_and_old_reports_among_the_rosters(tmp_path: Path) -> None:
    """A roster open in Excel leaves '~$…xlsx' beside it; a plan and last month's report
    dropped into the rosters' folder: passed over with what each is, the figures unchanged
    (the sample: 61 in 2025); named alone, a plan is an error saying what it is."""
    import shutil

    root = Path(__file__).parent.parent
    folder = tmp_path / "danh-sach"
    folder.mkdir()
    roster = folder / "dang-bo-xa-tan-lap.xlsx"
    shutil.copy(root / "sample_data" / "dang-bo-xa-tan-lap-2024-2026.xlsx", roster)
    (folder / "~$dang-bo-xa-tan-lap.xlsx").write_bytes(b"\x00lock")
    shutil.copy(root / "sample_data" / "chi-tieu-ket-nap.csv", folder / "chi-tieu.csv")
    summary = dvstat.summarize(str(roster), year=2025, as_of=date(2026, 11, 22))
    (folder / "bao-cao-thang-10.xlsx").write_bytes(dvstat.render(summary, "xlsx"))
    for spec in (str(folder), str(folder / "*.*")):
        report = dvstat.summarize(spec, year=2025, as_of=date(2026, 11, 22))
        assert report.rows.counted == 61
        found = sorted((i.issue.code, i.issue.file) for i in report.issues.items if i.issue.code in
                       ("lock-file-skipped", "not-a-roster"))  # fmt: skip
        assert found == [
            ("lock-file-skipped", "~$dang-bo-xa-tan-lap.xlsx"),
            ("not-a-roster", "bao-cao-thang-10.xlsx"),
            ("not-a-roster", "chi-tieu.csv"),
        ]
    with pytest.raises(dvstat.DvstatError, match="a plan file"):
        dvstat.read(str(folder / "chi-tieu.csv"))
    with pytest.raises(dvstat.DvstatError, match="a report dvstat wrote"):
        dvstat.read(str(folder / "bao-cao-thang-10.xlsx"))
