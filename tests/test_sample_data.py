"""The bundled sample_data/ is what its generator writes (``dvstat init`` writes the same
files into a workspace, so the README's command and a new workspace show the same figures)."""

from __future__ import annotations

from pathlib import Path

from dvstat.sample_rosters import write_sample_data

ROOT = Path(__file__).resolve().parent.parent


def _cells(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in book.worksheets]


def test_the_bundled_samples_hold_what_the_generator_writes(tmp_path: Path) -> None:
    written = write_sample_data(tmp_path)
    assert len(written) == 9  # with the TCVN3 copy of the clean roster
    for path in written:
        bundled = ROOT / "sample_data" / path.relative_to(tmp_path)
        if path.suffix == ".xlsx":  # the bytes differ by the time of writing
            assert _cells(path) == _cells(bundled), bundled
        else:
            assert path.read_bytes() == bundled.read_bytes(), bundled
