"""Fuzz the roster reader: `python scripts/fuzz_reader.py --minutes 10`.

Feeds random bytes, bit-flipped workbooks, workbooks with damaged XML parts, truncated files
and mangled CSV through read -> normalize -> validate. The only acceptable failure is a
RosterReadError (one clear line for the user); anything else is saved under
fuzz-failures/ with its traceback and counted. Exits 1 if any was found.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import traceback
import zipfile
from datetime import date
from io import BytesIO
from pathlib import Path

from dvstat.errors import DvstatError
from dvstat.normalize import normalize_roster
from dvstat.readers.rosters import read_rosters
from dvstat.validate import validate_roster
from dvstat.writers import samples


def seeds() -> dict[str, bytes]:
    folder = Path(tempfile.mkdtemp())
    members = samples.make_members(seed=5)[:60]
    samples.write_clean_xlsx(members, folder / "clean.xlsx")
    samples.write_messy_xlsx(members, folder / "messy.xlsx")
    samples.write_clean_csv(members, folder / "clean.csv")
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def mutate(rng: random.Random, name: str, data: bytes) -> bytes:
    kind = rng.randrange(5)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4096)))
    if kind == 1:
        out = bytearray(data)
        for _ in range(rng.randint(1, 64)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == 2:
        return data[: rng.randrange(len(data))]
    if kind == 3 and name.endswith(".xlsx"):
        source = zipfile.ZipFile(BytesIO(data))
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = bytearray(source.read(info.filename))
                if info.filename.endswith(".xml") and content and rng.random() < 0.5:
                    for _ in range(rng.randint(1, 20)):
                        position = rng.randrange(len(content))
                        content[position:position + rng.randint(1, 8)] = bytes(
                            rng.choice(b'<>"/=&;x0 \n\xc3\xa0') for _ in range(rng.randint(0, 8)))
                target.writestr(info.filename, bytes(content))
        return buffer.getvalue()
    text = data.decode("utf-8", errors="replace")
    pieces = text.split(";")
    for _ in range(rng.randint(1, 30)):
        i = rng.randrange(len(pieces))
        pieces[i] = rng.choice(["", "\"", "\n", "=1+1", "31/02/2020", "x" * 500, "\x00", "🙂",
                                "Nam", "Nữ", "12/12", ";;;", "'", "\u200b"])
    return ";".join(pieces).encode("utf-8", errors="replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = seeds()
    out = Path("fuzz-failures")
    work = Path(tempfile.mkdtemp())
    end = time.monotonic() + args.minutes * 60
    runs = refused = failures = 0
    while time.monotonic() < end:
        name = rng.choice(sorted(corpus))
        path = work / f"case{runs}{Path(name).suffix}"
        path.write_bytes(mutate(rng, name, corpus[name]))
        runs += 1
        try:
            table = read_rosters([path])
            frame = normalize_roster(table.frame)
            validate_roster(frame, table.sheets, date(2026, 1, 1))
        except DvstatError:
            refused += 1
        except Exception:  # noqa: BLE001 - the point is to catch anything that escapes
            failures += 1
            out.mkdir(exist_ok=True)
            kept = out / path.name
            kept.write_bytes(path.read_bytes())
            kept.with_suffix(".txt").write_text(traceback.format_exc(), encoding="utf-8")
        finally:
            path.unlink(missing_ok=True)
    print(f"{runs} inputs in {args.minutes:g} min: {refused} refused with a clear error, "
          f"{runs - refused - failures} read, {failures} uncaught exceptions")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
