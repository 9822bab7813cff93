"""Fuzz the readers: `python scripts/fuzz_reader.py --minutes 10`.

Feeds random bytes, bit-flipped workbooks, workbooks with damaged XML parts, structural lies
(a string table or a sheet declaring far more than it holds, cells at the end of the grid,
cells without references, huge merged ranges, rows repeated a million times in .ods),
truncated files and mangled CSV through read -> normalize -> validate, as a roster and as a
plan. Each input runs in a forked child, so that a native reader aborting the process (a
signal) is seen and counted like any other crash. The only acceptable outcomes are a
result or a DvstatError (one clear line for the user); anything else — an exception, a
signal, more than ``--seconds`` — is saved under fuzz-failures/ and counted. Exits 1 if any.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path

from dvstat import sample_rosters as samples
from dvstat.checks import validate_roster
from dvstat.errors import DvstatError
from dvstat.normalize import normalize_roster
from dvstat.readers.plans import read_plan
from dvstat.readers.rosters import read_rosters


def seeds() -> dict[str, bytes]:
    folder = Path(tempfile.mkdtemp())
    members = samples.make_members(seed=5)[:60]
    samples.write_clean_xlsx(members, folder / "clean.xlsx")
    samples.write_messy_xlsx(members, folder / "messy.xlsx")
    samples.write_section_xlsx(members, folder / "sections.xlsx")
    samples.write_clean_csv(members, folder / "clean.csv")
    samples.write_plan_csv(folder / "plan.csv")
    corpus = {p.name: p.read_bytes() for p in folder.iterdir()}
    tests = Path(__file__).resolve().parents[1] / "tests"
    corpus["libreoffice.ods"] = (tests / "data" / "libreoffice-written.ods").read_bytes()
    try:  # the official form as an old .xls (xlwt is a development dependency)
        import sys

        sys.path.insert(0, str(tests))
        from layouts_round3 import official_xls

        corpus["official.xls"] = official_xls(folder / "official.xls").read_bytes()
    except ImportError:
        pass
    return corpus


def xls_lie(rng: random.Random, data: bytes) -> bytes:
    """The .xls with a BIFF record declaring far more than the file holds: the sheet's
    DIMENSIONS (rows and columns) or the string table's counts."""
    out = bytearray(data)
    for marker, offset, size in ((b"\x00\x02\x0e\x00", 8, 4), (b"\xfc\x00", 4, 8)):
        at = out.find(marker)
        while at != -1 and rng.random() < 0.9:
            value = rng.choice((0xFFFFFFFF, 2**31, 65536, 10**9))
            chunk = value.to_bytes(4, "little") * (size // 4)
            out[at + offset : at + offset + size] = chunk
            at = out.find(marker, at + 1)
    return bytes(out)


def ods_lie(rng: random.Random, data: bytes) -> bytes:
    """The LibreOffice .ods with its counts made lies: meta.xml's cell count, cells and rows
    repeated or spanned up to the sheet's limits."""
    lies = (
        (rb'meta:cell-count="\d+"', b'meta:cell-count="99999999999"'),
        (rb'table:number-columns-repeated="\d+"', b'table:number-columns-repeated="16384"'),
        (rb'table:number-rows-repeated="\d+"', b'table:number-rows-repeated="1048576"'),
        (rb"<table:table-cell ", b'<table:table-cell table:number-columns-spanned="16384" '),
    )
    pattern, replacement = rng.choice(lies)
    count = rng.choice((1, 5, 0))
    return _edit_xml_parts(data, lambda content: re.sub(pattern, replacement, content, count=count))


def csv_lie(rng: random.Random, data: bytes) -> bytes:
    """A CSV that lies about its shape: a quote never closed, a line of 200.000 fields, a
    UTF-16 mark before UTF-8 text, a title line of megabytes."""
    kind = rng.randrange(4)
    if kind == 0:
        return b'"' + data
    if kind == 1:
        return data + b";" * 200_000 + b"\n"
    if kind == 2:
        return b"\xff\xfe" + data
    return b"x" * 3_000_000 + b"\n" + data


_ATTRIBUTE_LIES = (
    (rb'(count|uniqueCount)="\d+"', lambda r: b'\\1="%d"' % r.choice((2**32 - 1, 10**12, 2**31))),
    (
        rb'<c r="[A-Z]+\d+"',
        lambda r: (
            b'<c r="%s%d"'
            % (r.choice((b"XFD", b"ZZZ", b"A", b"BJ")), r.choice((1048576, 99999999, 7)))
        ),
    ),
    (rb'<row r="\d+"', lambda r: b'<row r="%d"' % r.choice((1048576, 4000000, 2**31))),
    (rb'ref="[A-Z]+\d+(:[A-Z]+\d+)?"', lambda r: b'ref="A1:XFD1048576"'),
    (rb' r="[A-Z]+\d+"', lambda r: b""),  # cells placed by counting
)


def _edit_xml_parts(data: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    """The same zip with ``edit`` applied to every XML part."""
    source = zipfile.ZipFile(BytesIO(data))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".xml"):
                content = edit(content)
            target.writestr(info.filename, content)
    return buffer.getvalue()


def structural_lie(rng: random.Random, data: bytes) -> bytes:
    """The same workbook with one kind of declared number made a lie in every XML part."""
    pattern, replace = rng.choice(_ATTRIBUTE_LIES)

    def edit(content: bytes) -> bytes:
        content = re.sub(pattern, replace(rng), content, count=rng.choice((1, 3, 0)))
        if pattern.startswith(rb" r=") and b"<sheetData>" in content:
            content = content.replace(b"</row>", b"<c><v>1</v></c>" * 200 + b"</row>", 2)
        return content

    return _edit_xml_parts(data, edit)


def ods_repeat(rng: random.Random) -> bytes:
    """An .ods whose rows and cells are repeated up to the sheet's limits."""
    rows, cols = rng.choice(((1048576, 16384), (1000000, 1), (1, 16384), (2**31, 2)))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="S"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>Họ và tên</text:p>'
        f"</table:table-cell></table:table-row><table:table-row table:number-rows-repeated="
        f'"{rows}"><table:table-cell table:number-columns-repeated="{cols}" '
        'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        target.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        target.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# Complex by design: one branch per kind of damage.
def mutate(rng: random.Random, name: str, data: bytes) -> tuple[str, bytes]:  # noqa: C901
    kind = rng.randrange(8)
    if kind == 7 or (kind in (4, 5) and not name.endswith(".xlsx")):
        if name.endswith(".xls"):
            return name, xls_lie(rng, data)
        if name.endswith(".ods"):
            return name, ods_lie(rng, data)
        if name.endswith(".csv"):
            return name, csv_lie(rng, data)
    if kind == 0:
        return name, bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4096)))
    if kind == 1:
        out = bytearray(data)
        for _ in range(rng.randint(1, 64)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return name, bytes(out)
    if kind == 2:
        return name, data[: rng.randrange(len(data))]
    if kind == 3 and name.endswith(".xlsx"):
        source = zipfile.ZipFile(BytesIO(data))
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = bytearray(source.read(info.filename))
                if info.filename.endswith(".xml") and content and rng.random() < 0.5:
                    for _ in range(rng.randint(1, 20)):
                        position = rng.randrange(len(content))
                        content[position : position + rng.randint(1, 8)] = bytes(
                            rng.choice(b'<>"/=&;x0 \n\xc3\xa0') for _ in range(rng.randint(0, 8))
                        )
                target.writestr(info.filename, bytes(content))
        return name, buffer.getvalue()
    if kind in (4, 5) and name.endswith(".xlsx"):
        return name, structural_lie(rng, data)
    if kind == 6:
        return "repeat.ods", ods_repeat(rng)
    text = data.decode("utf-8", errors="replace")
    pieces = text.split(";")
    for _ in range(rng.randint(1, 30)):
        i = rng.randrange(len(pieces))
        pieces[i] = rng.choice(
            [
                "",
                '"',
                "\n",
                "=1+1",
                "31/02/2020",
                "x" * 500,
                "\x00",
                "🙂",
                "Nam",
                "Nữ",
                "12/12",
                ";;;",
                "'",
                "\u200b",
                "x" * 200000,
            ]
        )
    return name, ";".join(pieces).encode("utf-8", errors="replace")


def _read(path: Path, as_plan: bool) -> None:
    """What dvstat does with a roster (or a plan): the child's whole job."""
    if as_plan:
        read_plan(path)
        return
    table = read_rosters([path])
    frame = normalize_roster(table.frame)
    validate_roster(frame, table.sheets, date(2026, 1, 1))


def run_case(path: Path, as_plan: bool, seconds: float) -> str:
    """'read', 'refused', or what went wrong: the case runs in a forked child."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report one word and a traceback, then leave at once
        os.close(reader)
        try:
            _read(path, as_plan)
            outcome = "read"
        except DvstatError:
            outcome = "refused"
        except BaseException:  # noqa: BLE001 - the point is to catch anything that escapes
            outcome = "exception\n" + traceback.format_exc()
        os.write(writer, outcome.encode("utf-8", "replace"))
        os._exit(0)
    os.close(writer)
    deadline = time.monotonic() + seconds
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(reader)
            return f"timeout after {seconds:g} s"
        time.sleep(0.01)
    with os.fdopen(reader, "rb") as pipe:
        said = pipe.read().decode("utf-8", "replace")
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return said or f"exit {os.WEXITSTATUS(status)} without an outcome"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=60, help="time limit of one input")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = seeds()
    out = Path("fuzz-failures")
    work = Path(tempfile.mkdtemp())
    end = time.monotonic() + args.minutes * 60
    counts = {"runs": 0, "refused": 0, "read": 0, "failures": 0, "lies": 0}
    while time.monotonic() < end:
        name = rng.choice(sorted(corpus))
        case_name, data = mutate(rng, name, corpus[name])
        counts["lies"] += case_name == "repeat.ods" or data != corpus.get(case_name)
        path = work / f"case{counts['runs']}{Path(case_name).suffix}"
        path.write_bytes(data)
        counts["runs"] += 1
        outcome = run_case(
            path, as_plan=name == "plan.csv" or rng.random() < 0.1, seconds=args.seconds
        )
        if outcome in ("read", "refused"):
            counts[outcome] += 1
        else:
            counts["failures"] += 1
            out.mkdir(exist_ok=True)
            kept = out / path.name
            kept.write_bytes(data)
            kept.with_suffix(".txt").write_text(outcome, encoding="utf-8")
        path.unlink(missing_ok=True)
    print(
        f"{counts['runs']} inputs in {args.minutes:g} min: {counts['refused']} refused with "
        f"a clear error, {counts['read']} read, {counts['failures']} crashes (exceptions, "
        f"signals or timeouts)"
    )
    return 1 if counts["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
