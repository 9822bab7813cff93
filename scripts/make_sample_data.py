"""Regenerate sample_data/ deterministically: `python scripts/make_sample_data.py`."""

from pathlib import Path

from dvstat.sample_rosters import write_sample_data

if __name__ == "__main__":
    for path in write_sample_data(Path(__file__).resolve().parent.parent / "sample_data"):
        print(path)
