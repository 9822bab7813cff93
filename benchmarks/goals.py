"""The speed goals of issue 17, measured side by side in one run (1.000.000 rows):

    python benchmarks/goals.py            # needs xlsxwriter; polars for its reference row

| goal | measured as |
|---|---|
| whole command at most 1,3x the parse alone | `dvstat summarize --no-cache` / fastexcel parse |
| faster than a twelve-line polars script | the same, against read_excel + group_by in polars |
| peak memory at most 1,2 GB | the command's peak RSS |
| many files on both cores: at most 0,65x one core | 48 files, `taskset -c 0` vs both |
| cached re-run under 1 s | the command again over the cache |
| a membership roster as fast as a new-member roster | `dvstat members` on the same rows |

Each command is the median of --repeat fresh processes; the data is generated into
benchmarks/data/ (git-ignored) and reused.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import DATA, HEADER, _rows, make_clean, run_child  # noqa: E402

POLARS = r"""
import sys, polars as pl
frame = pl.read_excel(sys.argv[1], infer_schema_length=0)
for column in ["Giới tính", "Dân tộc", "Tôn giáo", "Giáo dục phổ thông", "Chuyên môn nghiệp vụ",
               "Lý luận chính trị", "Nghề nghiệp", "Đoàn viên"]:
    frame.group_by(["Đảng bộ cơ sở", "Chi bộ", column]).len()
frame.group_by(["Đảng bộ cơ sở", "Chi bộ"]).len()
"""


def make_folder(n: int, files: int = 48) -> Path:
    """The same rows as make_clean(n), one file per group of organizations."""
    import xlsxwriter

    folder = DATA / f"folder-{files}-{n}"
    if folder.is_dir() and len(list(folder.glob("*.xlsx"))) == files:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    books = [xlsxwriter.Workbook(str(folder / f"dang-bo-{i:02d}.xlsx")) for i in range(files)]
    sheets = [b.add_worksheet("Danh sách") for b in books]
    formats = [b.add_format({"num_format": "dd/mm/yyyy"}) for b in books]
    rows = [1] * files
    for ws in sheets:
        ws.write_row(0, 0, HEADER)
    for i, row in enumerate(_rows(n)):
        f = i % files
        for c, value in enumerate(row):
            if hasattr(value, "year"):
                sheets[f].write_datetime(rows[f], c, value, formats[f])  # type: ignore[arg-type]
            else:
                sheets[f].write(rows[f], c, value)
        rows[f] += 1
    for book in books:
        book.close()
    return folder


def command(
    args: list[str], cache: Path | None = None, cores: str | None = None
) -> tuple[float, float]:
    """Wall seconds and peak MB of one `dvstat` process."""
    env = dict(os.environ)
    if cache is not None:
        env["DVSTAT_CACHE_DIR"] = str(cache)
    prefix = ["taskset", "-c", cores] if cores else []
    start = time.perf_counter()
    child = subprocess.Popen(
        [*prefix, sys.executable, "-m", "dvstat", *args], env=env, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"dvstat {' '.join(args)} failed")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def median(repeat: int, args: list[str], **options: object) -> tuple[float, float]:
    runs = [command(args, **options) for _ in range(repeat)]  # type: ignore[arg-type]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    n, repeat = options.rows, options.repeat
    roster, folder = make_clean(n), make_folder(n)
    summarize = [
        "summarize",
        "--year",
        "2024",
        "--by",
        "org",
        "--format",
        "json",
        "--as-of",
        "2026-01-01",
    ]
    print(f"| {n:,} rows, this machine, one run | seconds | peak MB |")
    print("|---|---:|---:|")

    def row(label: str, seconds: float, peak: float | None = None) -> None:
        print(f"| {label} | {seconds:.2f} | {'' if peak is None else f'{peak:,.0f}'} |", flush=True)

    imports = statistics.median(
        float(run_child("imports", "-")["total"])  # type: ignore[arg-type]
        for _ in range(repeat)
    )
    row("reference: import pandas (how fast the machine is now)", imports)
    parses = [run_child("fastexcel", str(roster)) for _ in range(repeat)]
    parse = statistics.median(float(p["total"]) for p in parses)  # type: ignore[arg-type]
    row(
        "fastexcel parse alone, every cell as text", parse, max(float(p["peak_mb"]) for p in parses)
    )  # type: ignore[arg-type]
    try:
        import polars  # noqa: F401

        walls = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", POLARS, str(roster)], check=True)
            walls.append(time.perf_counter() - start)
        row("polars read_excel + group_by (no checks)", statistics.median(walls))
    except ImportError:
        print("| polars not installed: no reference row | | |")
    wall, peak = median(repeat, [*summarize, str(roster), "--no-cache"])
    row(f"dvstat summarize --no-cache ({wall / parse:.2f}x the parse)", wall, peak)
    with tempfile.TemporaryDirectory() as cache:
        command([*summarize, str(roster)], cache=Path(cache))
        row(
            "dvstat summarize, re-run from the cache",
            *median(repeat, [*summarize, str(roster)], cache=Path(cache)),
        )
    members = [
        "members",
        str(roster),
        "--as-of",
        "2026-01-01",
        "--by",
        "org",
        "--format",
        "json",
        "--no-cache",
    ]
    row("dvstat members --no-cache (the same rows as a membership)", *median(repeat, members))
    one, _ = median(repeat, [*summarize, str(folder), "--no-cache"], cores="0")
    both, peak = median(repeat, [*summarize, str(folder), "--no-cache"])
    row("48 files, one core", one)
    row(f"48 files, both cores ({both / one:.2f}x one core)", both, peak)


if __name__ == "__main__":
    main()
