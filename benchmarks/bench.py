"""Benchmark dvstat on generated national-scale rosters; not a test.

    python benchmarks/bench.py                 # 10.000, 100.000 and 1.000.000 rows
    python benchmarks/bench.py --sizes 100000  # one size

Generates clean and messy rosters (xlsx, and CSV for the clean one) into benchmarks/data/
(git-ignored; reused when present), then runs each phase in one fresh process and whole
commands (``python -m dvstat``, the median of ``--repeat`` runs) in fresh processes,
measuring wall time and peak memory (ru_maxrss of the child). The naive approach
(pandas.read_excel with openpyxl, then groupby) runs in the same session for the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Giáo dục phổ thông",
    "Chuyên môn nghiệp vụ",
    "Lý luận chính trị",
    "Nghề nghiệp",
    "Ngày kết nạp",
    "Đoàn viên",
    "Chi bộ",
    "Đảng bộ cơ sở",
]
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Vi",
    "Lò",
    "Hà",
    "Nông",
    "Lục",
    "Triệu",
    "Giàng",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Hữu", "Thanh", "Quốc", "Hồng"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Hương",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Việt",
    "Yến",
]
ETHNIC = ["Kinh"] * 17 + [
    "Tày",
    "Thái",
    "Mường",
    "Khơ-me",
    "H'mông",
    "Nùng",
    "Dao",
    "Ê Đê",
    "Gia-rai",
    "Ba Na",
]
RELIGION = ["Không"] * 16 + ["Phật giáo", "Công giáo", "Tin lành", "Cao Đài", "Hòa Hảo"]
EDUCATION = ["12/12"] * 8 + ["9/12", "THPT", "10/10", "THCS"]
PROFESSIONAL = ["Đại học", "ĐH", "Cao đẳng", "Trung cấp", "Không", "Thạc sĩ", "ThS", "CNKT"]
THEORY = ["Không", "Sơ cấp", "Trung cấp", "Cao cấp"]
OCCUPATION = [
    "Nông dân",
    "Công nhân",
    "Viên chức",
    "Công chức",
    "Sinh viên",
    "Học sinh",
    "Công an",
    "Quân nhân",
    "Tự do",
    "Nhân viên",
]


def _rows(n: int, seed: int = 1):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    for i in range(n):
        admitted = start + timedelta(days=rng.randrange(5 * 365))
        birth = admitted - timedelta(days=rng.randrange(18 * 366, 50 * 365))
        org = f"Đảng bộ {rng.randrange(200):03d}"
        yield [
            i + 1,
            f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {i}",
            birth,
            rng.choice(("Nam", "Nữ")),
            rng.choice(ETHNIC),
            rng.choice(RELIGION),
            rng.choice(EDUCATION),
            rng.choice(PROFESSIONAL),
            rng.choice(THEORY),
            rng.choice(OCCUPATION),
            admitted,
            "x" if rng.random() < 0.6 else "",
            f"Chi bộ {rng.randrange(40)}",
            org,
        ]


def make_clean(n: int) -> Path:
    import xlsxwriter

    path = DATA / f"clean-{n}.xlsx"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    # Shared strings, as Excel writes them (constant_memory would write inline strings).
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Danh sách")
    date_format = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, HEADER)
    for r, row in enumerate(_rows(n), start=1):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(r, c, value, date_format)  # type: ignore[arg-type]
            else:
                ws.write(r, c, value)
    wb.close()
    return path


def make_csv(n: int) -> Path:
    import csv

    path = DATA / f"clean-{n}.csv"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for row in _rows(n):
            writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, date) else v for v in row])
    return path


def make_messy(n: int) -> Path:
    """A sheet per grassroots organization, title rows, a two-row header with the birth
    date under Nam/Nữ, text dates, a numbering row, totals and signatures."""
    import xlsxwriter

    path = DATA / f"messy-{n}.xlsx"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    sheets = 20
    wb = xlsxwriter.Workbook(str(path))
    generator = _rows(n, seed=2)
    per_sheet = n // sheets
    merge = wb.add_format({"bold": True, "align": "center"})
    for s in range(sheets):
        ws = wb.add_worksheet(f"Đảng bộ {s:02d}")
        ws.write(0, 0, "ĐẢNG BỘ TỈNH MẪU")
        ws.merge_range(2, 0, 2, 13, "DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP", merge)
        top = [
            "TT",
            "Họ và tên",
            "Ngày, tháng, năm sinh",
            "",
            "Dân tộc",
            "Tôn giáo",
            "Trình độ",
            "",
            "",
            "Nghề nghiệp",
            "Ngày kết nạp",
            "Đoàn viên",
            "Chi bộ",
            "Đảng bộ cơ sở",
        ]
        sub = ["", "", "Nam", "Nữ", "", "", "GDPT", "CMNV", "LLCT", "", "", "", "", ""]
        ws.write_row(4, 0, top)
        ws.write_row(5, 0, sub)
        ws.write_row(6, 0, [f"({i})" for i in range(1, 15)])
        count = per_sheet if s < sheets - 1 else n - per_sheet * (sheets - 1)
        r = 7
        for _ in range(count):
            row = next(generator)
            male = row[3] == "Nam"
            birth = row[2].strftime("%d/%m/%Y")
            values = [
                row[0],
                row[1],
                birth if male else "",
                "" if male else birth,
                *row[4:10],
                row[10].strftime("%d.%m.%Y"),
                row[11],
                row[12],
                row[13],
            ]
            ws.write_row(r, 0, values)
            r += 1
        ws.write_row(r + 1, 0, ["", f"Tổng cộng: {count} đồng chí"])
        ws.write_row(r + 3, 0, ["", "NGƯỜI LẬP BIỂU", "", "", "", "", "", "", "T/M BAN TỔ CHỨC"])
        ws.write_row(r + 6, 0, ["", "Nguyễn Văn Lập", "", "", "", "", "", "", "Trần Văn Ký"])
    wb.close()
    return path


CHILD = r"""
import sys, time, json, resource
t0 = time.perf_counter()
phase = {}
mode, path = sys.argv[1], sys.argv[2]
if mode == "imports":
    import pandas
elif mode == "naive":
    import pandas as pd
    t = time.perf_counter()
    df = pd.read_excel(path, engine="openpyxl")
    phase["read"] = time.perf_counter() - t
    t = time.perf_counter()
    for col in ["Giới tính", "Dân tộc", "Tôn giáo", "Chi bộ"]:
        df.groupby(["Đảng bộ cơ sở", col], dropna=False).size()
    phase["statistics"] = time.perf_counter() - t
elif mode == "fastexcel":  # the parse alone, dvstat's floor on big workbooks
    import fastexcel
    t = time.perf_counter()
    reader = fastexcel.read_excel(path)
    for name in reader.sheet_names:
        reader.load_sheet(name, header_row=None, dtypes="string", schema_sample_rows=None,
                          eager=True)
    phase["read"] = time.perf_counter() - t
elif mode == "phases":
    import gc
    gc.disable()  # as dvstat.cli.main does while the libraries are imported
    from datetime import date
    from pathlib import Path
    from dvstat.readers.rosters import read_rosters
    from dvstat.normalize import normalize_roster
    from dvstat.checks import validate_roster
    from dvstat.report import build_report
    from dvstat.periods import year_period
    import dvstat
    gc.freeze()
    gc.enable()

    def timed(step, action):
        start = time.perf_counter()
        value = action()
        phase[step] = time.perf_counter() - start
        return value

    table = timed("read", lambda: read_rosters([Path(path)]))
    frame = timed("normalize", lambda: normalize_roster(table.frame))
    v = timed("validate", lambda: validate_roster(frame, table.sheets, date(2026, 1, 1)))
    r = timed("statistics", lambda: build_report(
        frame, v, v.issues, year_period(2024), lang="vi", by="org", compare=True,
        organization=None, generated_by="bench"))
    timed("render", lambda: dvstat.render(r, "markdown", day=date(2026, 1, 1)))
    phase["rows"] = r.rows.read
print(json.dumps({"phases": phase, "total": time.perf_counter() - t0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_child(*args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def run_command(*args: str, cache_dir: Path | None = None) -> tuple[float, float]:
    """Wall seconds (the whole process, interpreter start included) and peak MB of one
    ``python -m dvstat`` command (the console script's ``main``) in a fresh process."""
    env = dict(os.environ)
    if cache_dir is not None:
        env["DVSTAT_CACHE_DIR"] = str(cache_dir)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "dvstat", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"dvstat {' '.join(args)} failed: "
            f"{child.stderr.read().decode() if child.stderr else ''}"
        )
    return wall, usage.ru_maxrss / 1024


def compile_bytecode() -> None:
    """Compile dvstat's modules as ``pip install`` does, so runs load bytecode even where
    PYTHONDONTWRITEBYTECODE is set (it is on some machines; every run would then compile
    dvstat's own modules again, +0.05 s, which no installed copy pays)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("dvstat")
    assert spec is not None and spec.origin is not None, "install dvstat first"
    compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)


def median_command(
    repeat: int, *args: str, fresh_cache: bool = False, cache_dir: Path | None = None
) -> tuple[float, float]:
    """Median wall time and highest peak of ``repeat`` runs of one command: single runs
    on a shared 2-core machine vary by ±20 %. With ``fresh_cache`` each run gets an empty
    cache folder (a first run); with ``cache_dir`` all share it (re-runs)."""
    walls: list[float] = []
    peaks: list[float] = []
    for _ in range(repeat):
        if fresh_cache:
            with tempfile.TemporaryDirectory() as cache:
                wall, peak = run_command(*args, cache_dir=Path(cache))
        else:
            wall, peak = run_command(*args, cache_dir=cache_dir)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--skip-naive-above", type=int, default=1_000_000)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each whole command; the table shows the median",
    )
    args = parser.parse_args()
    lines = [
        f"| rows | input | step | seconds (commands: median of {args.repeat}) | peak MB |",
        "|---:|---|---|---:|---:|",
    ]

    def add(n: int, kind: str, step: str, seconds: float, peak: float | str) -> None:
        peak_text = f"{peak:,.0f}" if isinstance(peak, float) else peak
        lines.append(f"| {n:,} | {kind} | {step} | {seconds:.2f} | {peak_text} |")
        print(lines[-1], flush=True)

    print("\n".join(lines), flush=True)
    compile_bytecode()
    add(0, "-", "dvstat --version", *median_command(args.repeat, "--version"))
    # How fast this machine is right now (shared 2-core VMs vary by ±20 % over an hour).
    imports = [run_child("imports", "-") for _ in range(args.repeat)]
    add(
        0,
        "-",
        "reference: python -c 'import pandas'",
        statistics.median(float(r["total"]) for r in imports),  # type: ignore[arg-type]
        max(float(r["peak_mb"]) for r in imports),
    )  # type: ignore[arg-type]
    for n in args.sizes:
        inputs = {
            "clean xlsx": make_clean(n),
            "messy xlsx": make_messy(n),
            "clean csv": make_csv(n),
        }
        for kind, path in inputs.items():
            result = run_child("phases", str(path))
            phases = result["phases"]
            assert isinstance(phases, dict)
            for step in ("read", "normalize", "validate", "statistics", "render"):
                add(n, kind, step, float(phases[step]), "")
            add(
                n,
                kind,
                "all phases (one process)",
                float(result["total"]),  # type: ignore[arg-type]
                float(result["peak_mb"]),
            )  # type: ignore[arg-type]
            if kind.endswith("xlsx"):
                parse = run_child("fastexcel", str(path))
                add(
                    n,
                    kind,
                    "reference: fastexcel parse alone (the floor)",
                    float(parse["total"]),
                    float(parse["peak_mb"]),
                )  # type: ignore[arg-type]
            cmd = [
                "summarize",
                str(path),
                "--year",
                "2024",
                "--by",
                "org",
                "--format",
                "json",
                "--as-of",
                "2026-01-01",
            ]
            add(
                n,
                kind,
                "dvstat summarize --no-cache",
                *median_command(args.repeat, *cmd, "--no-cache"),
            )
            add(
                n,
                kind,
                "dvstat summarize, first run (fills the cache)",
                *median_command(args.repeat, *cmd, fresh_cache=True),
            )
            with tempfile.TemporaryDirectory() as cache:
                run_command(*cmd, cache_dir=Path(cache))
                add(
                    n,
                    kind,
                    "dvstat summarize, re-run (cache)",
                    *median_command(args.repeat, *cmd, cache_dir=Path(cache)),
                )
        if n <= args.skip_naive_above:
            naive = run_child("naive", str(inputs["clean xlsx"]))
            add(
                n,
                "clean xlsx",
                "naive: read_excel(openpyxl) + groupby",
                float(naive["total"]),
                float(naive["peak_mb"]),
            )  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
