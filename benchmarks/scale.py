"""National scale: 1, 2 and 5 million rows, distinct and duplicated; not a test.

    python benchmarks/scale.py                  # the whole table (generates ~5M rows once)
    python benchmarks/scale.py --sizes 1000000  # one size
    python benchmarks/scale.py --repeat 3       # medians of three fresh processes

Rows are generated like benchmarks/bench.py's (distinct people, admissions 2020–2024), one
file per grassroots organization of about 20.833 rows, into benchmarks/data/scale/
(git-ignored, reused). The folders of 1M and 2M rows are the first 48 and 96 of the 240
files (hard links); "duplicated" is a clerk's everyday mistake: the files of a fifth of the
rows copied five times into one folder ("… - Copy 2.xlsx"), so four rows in five are
duplicates. Each figure is `dvstat summarize --no-cache` (the terminal report) in a fresh
process (wall seconds, peak RSS of the process tree), the median of --repeat runs; for the
smallest duplicated folder also `--format json`, which writes every duplicate out. The
last rows compare one 1.000.000-row file with the ten-line polars script of
benchmarks/goals.py and time the cached re-run.

Bounds (issue 25): 5M distinct in at most 45 s and 2,5 GB; 5M costs at most 5,5x 1M;
the duplicated folder within 1,2x the distinct one's time and memory; one 1M file at most
1,0x the polars script; a cached re-run under 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import (  # noqa: E402
    DATA,
    EDUCATION,
    ETHNIC,
    GIVEN,
    HEADER,
    MIDDLE,
    OCCUPATION,
    PROFESSIONAL,
    RELIGION,
    SURNAMES,
    THEORY,
    make_clean,
)
from goals import POLARS  # noqa: E402

SCALE = DATA / "scale"
FILES = 240
PER_FILE = 5_000_000 // FILES + 1  # 20.834: 240 files hold 5.000.160 rows
SUMMARIZE = [
    "summarize",
    "--year",
    "2024",
    "--by",
    "org",
    "--as-of",
    "2026-01-01",
]  # the terminal report a clerk reads (issues counted, not each written out)


def _write_file(number: int) -> None:
    """One grassroots organization's roster (its own seed: the same file every time)."""
    import xlsxwriter

    path = SCALE / "all" / f"dang-bo-{number:03d}.xlsx"
    if path.exists():
        return
    rng = random.Random(number)
    temp = path.with_suffix(".tmp")
    book = xlsxwriter.Workbook(str(temp))
    sheet = book.add_worksheet("Danh sách")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, HEADER)
    start = date(2020, 1, 1)
    for r in range(1, PER_FILE + 1):
        person = number * PER_FILE + r
        admitted = start + timedelta(days=rng.randrange(5 * 365))
        birth = admitted - timedelta(days=rng.randrange(18 * 366, 50 * 365))
        sheet.write_number(r, 0, r)
        sheet.write_string(
            r, 1, f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {person}"
        )
        sheet.write_datetime(r, 2, birth, day)  # type: ignore[arg-type]
        for c, choices in enumerate(
            (
                ("Nam", "Nữ"),
                ETHNIC,
                RELIGION,
                EDUCATION,
                PROFESSIONAL,
                THEORY,
                OCCUPATION,
            ),
            start=3,
        ):
            sheet.write_string(r, c, rng.choice(choices))
        sheet.write_datetime(r, 10, admitted, day)  # type: ignore[arg-type]
        sheet.write_string(r, 11, "x" if rng.random() < 0.6 else "")
        sheet.write_string(r, 12, f"Chi bộ {rng.randrange(40)}")
        sheet.write_string(r, 13, f"Đảng bộ {number:03d}")
    book.close()
    temp.rename(path)


def _linked(name: str, numbers: range, copies: int = 1) -> Path:
    """A folder of hard links to some of the generated files (``copies`` times each)."""
    folder = SCALE / name
    folder.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        for copy in range(1, copies + 1):
            suffix = "" if copy == 1 else f" - Copy {copy}"
            link = folder / f"dang-bo-{number:03d}{suffix}.xlsx"
            if not link.exists():
                os.link(SCALE / "all" / f"dang-bo-{number:03d}.xlsx", link)
    return folder


def make_data(files: int) -> None:
    (SCALE / "all").mkdir(parents=True, exist_ok=True)
    missing = [n for n in range(files) if not (SCALE / "all" / f"dang-bo-{n:03d}.xlsx").exists()]
    if missing:
        print(f"generating {len(missing)} files of {PER_FILE:,} rows…", file=sys.stderr)
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(_write_file, missing))


def _tree(pid: int) -> list[int]:
    """The process and its descendants, from /proc."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return found


def _pss_mb(pids: list[int]) -> float:
    """Proportional set size of the processes together (pages shared after a fork are
    counted once), in MB."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total / 1024


def command(args: list[str], cache: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak MB of one dvstat run: the largest of its own peak RSS and the
    memory of the whole process tree (workers and parsing children), sampled every 50 ms."""
    env = dict(os.environ)
    if cache is not None:
        env["DVSTAT_CACHE_DIR"] = str(cache)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "dvstat", *args], env=env, stdout=subprocess.DEVNULL
    )
    peak = 0.0
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _pss_mb(_tree(child.pid)))
        time.sleep(0.05)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"dvstat {' '.join(args)} failed")
    return wall, max(peak, usage.ru_maxrss / 1024)


def median(repeat: int, args: list[str], **options: object) -> tuple[float, float]:
    runs = [command(args, **options) for _ in range(repeat)]  # type: ignore[arg-type]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000_000, 2_000_000, 5_000_000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-duplicates", action="store_true")
    parser.add_argument("--no-single", action="store_true", help="skip the one-file rows")
    parser.add_argument("--jobs", type=int, default=None, help="passed to dvstat as --jobs")
    options = parser.parse_args()
    most = max(options.sizes, default=0)
    if most:
        make_data(min(FILES, -(-most // PER_FILE)))
    jobs = ["--jobs", str(options.jobs)] if options.jobs else []
    print(f"| rows, this machine ({os.cpu_count()} cores) | files | seconds | peak MB |")
    print("|---|---:|---:|---:|")

    def row(label: str, files: int | str, seconds: float, peak: float | None = None) -> None:
        shown = "" if peak is None else f"{peak:,.0f}"
        print(f"| {label} | {files} | {seconds:.2f} | {shown} |", flush=True)

    distinct: dict[int, tuple[float, float]] = {}
    for size in options.sizes:
        count = -(-size // PER_FILE)
        folder = _linked(f"distinct-{count}", range(count))
        wall, peak = median(options.repeat, [*SUMMARIZE, str(folder), "--no-cache", *jobs])
        distinct[size] = (wall, peak)
        row(f"{count * PER_FILE:,} distinct", count, wall, peak)
        if not options.no_duplicates:
            fifth = -(-count // 5)
            folder = _linked(f"copied-{fifth}x5", range(fifth), copies=5)
            dup_wall, dup_peak = median(
                options.repeat, [*SUMMARIZE, str(folder), "--no-cache", *jobs]
            )
            row(
                f"{fifth * 5 * PER_FILE:,} of which 4/5 duplicates "
                f"({dup_wall / wall:.2f}x time, {dup_peak / peak:.2f}x memory)",
                fifth * 5,
                dup_wall,
                dup_peak,
            )
            if size == min(options.sizes):
                row(
                    "the same, --format json (every duplicate written out)",
                    fifth * 5,
                    *median(
                        options.repeat,
                        [*SUMMARIZE, str(folder), "--no-cache", "--format", "json", *jobs],
                    ),
                )
    if len(distinct) > 1:
        low, high = min(distinct), max(distinct)
        ratio = distinct[high][0] / distinct[low][0]
        print(f"\n{high // low}x the rows cost {ratio:.2f}x the time.")
    if options.no_single:
        return
    print()
    roster = make_clean(1_000_000)
    walls = []
    for _ in range(options.repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", POLARS, str(roster)], check=True)
        walls.append(time.perf_counter() - start)
    polars = statistics.median(walls)
    row("one file of 1.000.000 rows: polars read_excel + group_by", 1, polars)
    wall, peak = median(options.repeat, [*SUMMARIZE, str(roster), "--no-cache", *jobs])
    row(f"the same, dvstat summarize --no-cache ({wall / polars:.2f}x polars)", 1, wall, peak)
    with tempfile.TemporaryDirectory() as cache:
        command([*SUMMARIZE, str(roster)], cache=Path(cache))
        row(
            "the same, re-run from the cache",
            1,
            *median(options.repeat, [*SUMMARIZE, str(roster)], cache=Path(cache)),
        )


if __name__ == "__main__":
    main()
