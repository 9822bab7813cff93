"""Broken, odd and hostile inputs: one clear line and exit 1, or the exact issue; never a
traceback, a hang, a lost row or a double count."""

from __future__ import annotations

import json
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import AS_OF, HEADER, make_csv, make_xlsx, member
from dvstat.cli import app
from dvstat.errors import RosterReadError
from dvstat.pipeline import load_rosters, run_validate
from dvstat.readers.files import check_input_file
from dvstat.settings import ReadLimits, Settings

SETTINGS = Settings(cache_dir=None)


def _one_error_line(runner: CliRunner, path: Path, *needles: str) -> None:
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    for needle in needles:
        assert needle in lines[0]


def _rewrite(path: Path, part: str, change: object) -> None:
    """Rewrite one part of a workbook (``change`` maps its text to new text)."""
    with zipfile.ZipFile(path) as source:
        parts = {n: source.read(n) for n in source.namelist()}
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")  # type: ignore[operator]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_zip_bomb_is_refused_before_parsing_and_stays_small(
    runner: CliRunner, tmp_path: Path
) -> None:
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as handle:
            chunk = b" " * (1 << 20)
            for _ in range(64):  # 64 MB of spaces -> about 64 KB compressed
                handle.write(chunk)
    assert bomb.stat().st_size < 200_000
    tracemalloc.start()
    with pytest.raises(RosterReadError) as caught:
        check_input_file(bomb, ReadLimits())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 2**20  # refused from the zip directory, nothing inflated
    assert "zip bomb" in caught.value.en
    _one_error_line(runner, bomb, "bom.xlsx", "zip bomb")


def test_total_uncompressed_limit_is_configurable(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "a.xlsx", {"S": [member()]})
    with pytest.raises(RosterReadError):
        check_input_file(path, ReadLimits(max_unzipped_mb=0))
    with pytest.raises(RosterReadError):
        check_input_file(path, ReadLimits(max_file_mb=0))


def test_xml_entity_expansion_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "laughs.xlsx", {"S": [member()]})
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{"&lol{}".format(i - 1 if i else "") * 10};">' for i in range(1, 9)
        )
        + "]>"
    )
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda text: text.replace(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', ""
        ).replace("<worksheet", laughs + "<worksheet", 1),
    )
    _one_error_line(runner, path, "laughs.xlsx", "DOCTYPE")


def test_xls_content_renamed_xlsx_is_not_refused_for_its_name(tmp_path: Path) -> None:
    """A genuine CFB container named .xlsx is handed to calamine, which names the file."""
    path = tmp_path / "cu.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    with pytest.raises(RosterReadError) as caught:
        load_rosters([str(path)], SETTINGS, AS_OF)
    assert "cu.xlsx" in caught.value.en


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed vowels (â ê ô ơ ư ă), combining tone marks."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
            out += (base + "".join(p for p in parts if p in tones)).encode("cp1258")
    return out


def test_cp1258_csv_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cu.csv"
    text = "Họ và tên,Giới tính,Dân tộc,Tôn giáo,Trình độ văn hóa,Ngày kết nạp,Chi bộ\n"
    text += "Lò Văn Trẻ,Nam,Thái,Không,12/12,01/03/2025,Chi bộ 1\n"
    path.write_bytes(_cp1258(text))
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert [i.code for i in loaded.issues] == ["csv-encoding", "missing-birth-date"]
    assert loaded.frame["full_name"].tolist() == ["Lò Văn Trẻ"]
    assert loaded.frame["ethnicity"].tolist() == ["thai"]


def test_latin1_csv_is_read_with_a_warning_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    text = "Ho va ten,Gioi tinh,Dan toc,Ton giao,Van hoa,Ngay ket nap\n"
    text += "José Ñ,Nam,Kinh,Không,12/12,01/03/2025\n"
    path.write_bytes(text.replace("Không", "Khong").encode("latin-1"))
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert "csv-encoding" in [i.code for i in loaded.issues]
    assert len(loaded.frame) == 1


def test_control_characters_in_csv_are_kept_out_of_the_way(tmp_path: Path) -> None:
    path = make_csv(tmp_path / "c.csv", [member(name="Nguyễn\x07 Văn\x1f An", ethnicity="Kinh")])
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert len(loaded.frame) == 1 and not loaded.validation.rejected.any()


def test_empty_sheet_and_header_without_rows(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Trống"
    only_header = wb.create_sheet("Chỉ tiêu đề")
    only_header.append(HEADER)
    path = tmp_path / "a.xlsx"
    wb.save(path)
    result = run_validate([str(path)], SETTINGS, AS_OF, "vi").to_dict()
    assert result["rows"]["read"] == 0
    assert [(i["code"], i["sheet"]) for i in result["issues"]["items"]] == [("no-header", "Trống")]


def test_ten_thousand_blank_rows_after_the_data(tmp_path: Path) -> None:
    rows = [member(name=f"N{i}") for i in range(3)] + [[None, None, None, " "]] * 10_000
    rows.append([None, "Tổng cộng: 3"])
    path = make_xlsx(tmp_path / "a.xlsx", {"S": rows})
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert len(loaded.frame) == 3


def test_formula_cells_use_cached_values_and_errors_count_as_missing(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "f.xlsx", {"S": [member(name="A"), member(name="B")]})
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda text: text.replace(
            '<c r="E3" t="inlineStr"><is><t>Kinh</t></is></c>',
            '<c r="E3" t="e"><f>#REF!+1</f><v>#REF!</v></c>',
        ).replace(
            '<c r="F2" t="inlineStr"><is><t>Không</t></is></c>',
            '<c r="F2" t="str"><f>"Kh"&amp;"ông"</f><v>Không</v></c>',
        ),
    )
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert loaded.frame["religion"].tolist() == ["none", "none"]
    missing = [i for i in loaded.issues if i.code == "missing-value"]
    assert [(i.row, i.column) for i in missing] == [(3, "Dân tộc")]


def test_1904_dates_and_serial_numbers(tmp_path: Path) -> None:
    from datetime import date

    from openpyxl import load_workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    path = make_xlsx(
        tmp_path / "mac.xlsx",
        {
            "S": [
                member(name="A", birth=date(1990, 5, 1), admitted=date(2025, 3, 1)),
                member(name="B", birth=32994, admitted="45717"),
            ]
        },
    )
    wb = load_workbook(path)
    wb.epoch = CALENDAR_MAC_1904
    wb.save(path)
    frame = load_rosters([str(path)], SETTINGS, AS_OF).frame
    assert [d.date() for d in frame["birth_date"]] == [date(1990, 5, 1), date(1990, 5, 1)]
    assert [d.date() for d in frame["admission_date"]] == [date(2025, 3, 1)] * 2


def test_strange_text_is_kept_and_quoted(tmp_path: Path) -> None:
    long = "Dân tộc " + "x" * 10_000
    rows = [
        member(name="Nguye\u0302\u0303n\u200b Văn\u00a0An", ethnicity="Kinh\u200b"),
        member(name="Nguyễn Văn An 🙂", ethnicity=long),
        member(name="שלום مرحبا", ethnicity="Tày"),
    ]
    path = make_xlsx(tmp_path / "s.xlsx", {"S": rows})
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    frame = loaded.frame
    assert frame["full_name"].tolist()[0] == "Nguyễn Văn An"
    assert frame["ethnicity"].tolist() == ["kinh", "other", "tay"]
    too_long = [i for i in loaded.issues if i.code == "value-too-long"]
    assert [(i.row, i.severity, len(i.value or "")) for i in too_long] == [(3, "warning", 1001)]
    assert too_long[0].value == long[:1000] + "…"
    assert not [i for i in loaded.issues if i.code == "unknown-ethnicity"]


def test_huge_cells_cost_linear_time_and_are_quoted_cut(tmp_path: Path) -> None:
    import time

    words = "Cử nhân " * 250_000  # 2 MB of words in a prefix-matched column
    rows = [member(name="A", education=words), member(name="B", ethnicity="Kinh " * 200_000)]
    path = make_csv(tmp_path / "lon.csv", rows)
    started = time.perf_counter()
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert time.perf_counter() - started < 10  # was minutes: quadratic prefix matching
    issues = [
        (i.code, i.row, len(i.value or "")) for i in loaded.issues if i.code == "value-too-long"
    ]
    assert issues == [("value-too-long", 2, 1001), ("value-too-long", 3, 1001)]
    assert loaded.frame["general_education"].tolist() == ["unknown", "upper_secondary"]


def test_vocabulary_matching_is_linear_in_words() -> None:
    from dvstat.schema import load_vocabulary

    vocab = load_vocabulary("professional")
    assert vocab.longest_prefix <= 12  # the longest alias, in words
    assert vocab.match("Cử nhân " + "Luật " * 100_000) == "university"


def test_duplicate_header_names_use_the_first_and_two_header_like_rows(tmp_path: Path) -> None:
    header = [*HEADER, "Dân tộc"]
    rows = [[*member(name="A"), "Tày"]]
    path = make_xlsx(tmp_path / "d.xlsx", {"S": [HEADER, *rows]}, header=header)
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert len(loaded.frame) == 1  # the header repeated below itself is not a member
    assert loaded.frame["ethnicity"].tolist() == ["kinh"]
    assert not loaded.validation.rejected.any()
    repeated = [i for i in loaded.issues if i.code == "repeated-header"]
    assert [(i.row, i.detail["rows"]) for i in repeated] == [(2, "1")]


def test_csv_with_ragged_title_rows_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    lines = ["DANH SÁCH ĐẢNG VIÊN MỚI", "", ",".join(HEADER)]
    lines += [",".join("" if v is None else str(v) for v in member(name=f"N{i}")) for i in range(5)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert loaded.frame["_row"].tolist() == [4, 5, 6, 7, 8]


def test_semicolon_csv_with_bom(tmp_path: Path) -> None:
    path = make_csv(tmp_path / "b.csv", [member(name="A")], delimiter=";")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert loaded.frame["full_name"].tolist() == ["A"]


def test_logs_never_print_personal_data(tmp_path: Path, runner: CliRunner) -> None:
    """At default and verbose levels, names and birth dates appear only in the issue list."""
    rows = [
        member(name="Bí Mật Một", birth="17/08/1994"),
        member(name="Bí Mật Hai", birth="18/09/1995", ethnicity="Ede Ede"),
    ]
    path = make_xlsx(tmp_path / "p.xlsx", {"S": rows})
    config = tmp_path / "dvstat.toml"
    config.write_text(
        f'rosters = ["{path}"]\noutputs = ["summary.md", "summary.json"]\n', encoding="utf-8"
    )
    for extra in ([], ["--verbose"]):
        result = runner.invoke(
            app,
            [
                "report",
                "--period",
                "2025",
                "--config",
                str(config),
                "--out",
                str(tmp_path / "out"),
                *extra,
            ],
        )
        assert result.exit_code == 0, result.output
        for secret in ("Bí Mật", "17/08/1994", "1994-08-17", "18/09/1995"):
            assert secret not in result.output
    summary = (tmp_path / "out" / "2025-tong-hop.md").read_text("utf-8")
    assert "Bí Mật" not in summary and "17/08/1994" not in summary
    data = json.loads((tmp_path / "out" / "2025-tong-hop.json").read_text("utf-8"))
    outside_issues = json.dumps(
        {k: v for k, v in data.items() if k != "issues"}, ensure_ascii=False
    )
    assert "Bí Mật" not in outside_issues


def test_a_bad_file_among_good_ones_names_the_bad_one(runner: CliRunner, tmp_path: Path) -> None:
    make_xlsx(tmp_path / "1-tot.xlsx", {"S": [member()]})
    (tmp_path / "2-hong.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    _one_error_line(runner, tmp_path, "2-hong.xlsx")


def test_random_bytes_never_escape_as_tracebacks(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    good = make_xlsx(tmp_path / "g.xlsx", {"S": [member()]}).read_bytes()
    for i in range(40):
        data = bytearray(good)
        for _ in range(rng.randint(1, 50)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"m{i}.xlsx"
        path.write_bytes(bytes(data))
        try:
            load_rosters([str(path)], SETTINGS, AS_OF)
        except RosterReadError:
            pass


def test_csv_with_a_bare_carriage_return_inside_a_field(tmp_path: Path) -> None:
    """Found by scripts/fuzz_reader.py: the csv module refused a lone CR in a field."""
    path = tmp_path / "cr.csv"
    path.write_bytes(
        (
            "TIÊU ĐỀ\n"
            + ",".join(HEADER)
            + "\n"
            + ",".join("" if v is None else str(v) for v in member(name="A\rB"))
            + "\n"
        ).encode("utf-8")
    )
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    # A lone CR ends a line, as in Excel: the row splits in two, both read and rejected
    # with their reason; nothing is counted silently.
    assert loaded.frame["_row"].tolist() == [3, 4]
    assert loaded.validation.reason.tolist() == ["missing-admission-date", "bad-date"]


def test_csv_whose_first_line_has_a_lone_carriage_return(tmp_path: Path) -> None:
    """Found by scripts/fuzz_reader.py: sizing the columns from the first line failed."""
    path = tmp_path / "cr1.csv"
    path.write_bytes(
        (
            "A\rB;C\n"
            + ";".join(HEADER)
            + "\n"
            + ";".join("" if v is None else str(v) for v in member(name="X"))
            + "\n"
        ).encode("utf-8")
    )
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert loaded.frame["full_name"].tolist() == ["X"]
    assert loaded.frame["_row"].tolist() == [4]  # the CR ends line 1, as in Excel


def _sheet_with(tmp_path: Path, name: str, cells: str, strings: int = 1) -> Path:
    """A real roster workbook whose sheet gets ``cells`` appended (as a forger would)."""
    path = tmp_path / name
    if strings != 1:  # a workbook with a string table, as Excel writes it
        import xlsxwriter

        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("S")
        sheet.write_row(0, 0, HEADER)
        sheet.write_row(1, 0, [1, *member()[1:]])
        book.close()
    else:
        make_xlsx(path, {"S": [member()]})
    if cells:
        _rewrite(
            path,
            "xl/worksheets/sheet1.xml",
            lambda text: text.replace("</sheetData>", cells + "</sheetData>"),
        )
    if strings != 1:
        _rewrite(
            path,
            "xl/sharedStrings.xml",
            lambda text: re.sub(r'(count|uniqueCount)="\d+"', f'\\1="{strings}"', text),
        )
    return path


@pytest.mark.parametrize(
    ("name", "cells", "strings"),
    [
        # a string table declaring 4.294.967.295 strings: the native reader asked for 100 GB
        ("sst.xlsx", "", 2**32 - 1),
        # one cell at the end of the grid: 1.048.576 x 16.384 cells, 550 GB
        ("corner.xlsx", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', 1),
        # a row beyond Excel's last: 100 million rows x 26 columns
        ("deep.xlsx", '<row r="99999999"><c r="Z99999999"><v>1</v></c></row>', 1),
        # cells without references, placed by counting: 16.384 columns x 999.999 rows
        (
            "counted.xlsx",
            '<row r="30">' + "<c><v>1</v></c>" * 16_384 + "</row>"
            '<row r="999999"><c r="A999999"><v>1</v></c></row>',
            1,
        ),
    ],
)
def test_structural_lies_end_in_exit_1_never_a_signal(
    tmp_path: Path, name: str, cells: str, strings: int
) -> None:
    import subprocess
    import sys

    path = _sheet_with(tmp_path, name, cells, strings)
    plan = tmp_path / "plan.csv"
    plan.write_text("Đơn vị;Năm;Chỉ tiêu\nA;2025;1\n", "utf-8")
    for args in (
        ["validate", str(path)],
        ["quota", str(plan), "--plan", str(path), "--year", "2025"],
    ):
        if args[0] == "quota":
            args = [
                "quota",
                str(make_xlsx(tmp_path / "ok.xlsx", {"S": [member()]})),
                "--plan",
                str(path),
                "--year",
                "2025",
            ]
        result = subprocess.run(
            [sys.executable, "-m", "dvstat", *args, "--no-cache"],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 1, (args, result.returncode, result.stderr[-500:])
        err = result.stderr.decode("utf-8")
        assert err.count("\n") == 1, err
        assert "khai báo nhiều hơn nó chứa" in err or "làm bộ đọc dừng đột ngột" in err


def test_a_wide_real_sheet_under_the_limit_is_read(tmp_path: Path) -> None:
    # a roster with notes far to the right (column BZ) and references on every cell
    path = _sheet_with(
        tmp_path,
        "rong.xlsx",
        '<row r="40"><c r="BZ40" t="inlineStr"><is><t>ghi chú</t></is></c></row>',
    )
    loaded = load_rosters([str(path)], SETTINGS, AS_OF)
    assert len(loaded.frame) == 1


def test_a_zip_bomb_as_a_plan_is_refused_like_a_roster(tmp_path: Path) -> None:
    from dvstat.errors import PlanError
    from dvstat.readers.plans import read_plan

    bomb = tmp_path / "chi-tieu.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as handle:
            for _ in range(64):
                handle.write(b" " * (1 << 20))
    tracemalloc.start()
    with pytest.raises(PlanError) as caught:
        read_plan(bomb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 2**20 and "zip bomb" in caught.value.en


def test_the_isolated_reader_turns_a_crash_a_hang_and_an_error_into_one_error(
    tmp_path: Path,
) -> None:
    import os
    import time
    from dataclasses import replace

    import pyarrow as pa

    from dvstat.readers.isolation import run_isolated

    path = tmp_path / "x.xlsx"
    limits = replace(ReadLimits(), max_parse_seconds=1)
    with pytest.raises(RosterReadError) as caught:
        run_isolated(path, os.abort, limits)
    assert "(SIGABRT)" in caught.value.vi and "'x.xlsx'" in caught.value.vi
    with pytest.raises(RosterReadError) as caught:
        run_isolated(path, lambda: time.sleep(30) or [], limits)  # type: ignore[func-returns-value]
    assert "quá 1 giây" in caught.value.vi
    with pytest.raises(RosterReadError) as caught:
        run_isolated(path, lambda: [][1], limits)
    assert "list index out of range" in caught.value.vi
    with pytest.raises(RosterReadError) as caught:
        run_isolated(path, lambda: (_ for _ in ()).throw(RosterReadError("riêng", "own")), limits)
    assert (caught.value.vi, caught.value.en) == ("riêng", "own")
    pieces = run_isolated(path, lambda: [(pa.table({"a": ["x", "y"]}), {"name": "S"})], limits)
    assert [(t.column("a").to_pylist(), meta) for t, meta in pieces] == [
        (["x", "y"], {"name": "S"})
    ]


@pytest.mark.parametrize("name", ["corner.xlsx", "deep.xlsx", "counted.xlsx"])
def test_without_isolation_the_sheet_scan_refuses_the_grid(tmp_path: Path, name: str) -> None:
    from dataclasses import replace

    cells = {
        "corner.xlsx": '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        "deep.xlsx": '<row r="99999999"><c r="Z99999999"><v>1</v></c></row>',
        "counted.xlsx": '<row r="30">' + "<c><v>1</v></c>" * 16_384 + "</row>"
        '<row r="999999"><c r="A999999"><v>1</v></c></row>',
    }[name]
    path = _sheet_with(tmp_path, name, cells)
    settings = Settings(cache_dir=None, limits=replace(ReadLimits(), isolate=False))
    with pytest.raises(RosterReadError) as caught:
        load_rosters([str(path)], settings, AS_OF)
    assert "khai báo nhiều hơn nó chứa" in caught.value.vi


_CHILD_IMPORTS = r"""
import os, sys
from pathlib import Path
import dvstat.isolation as iso

real = iso._serve
out = Path(sys.argv[1])

def serve(*args):
    before = set(sys.modules)
    code = real(*args)
    new = sorted(set(sys.modules) - before)
    (out / f"child-{os.getpid()}.txt").write_text("\n".join(new), encoding="utf-8")
    return code

iso._serve = serve
import dvstat
roster = dvstat.read([sys.argv[2], sys.argv[3]])
assert roster.to_frame().shape[0] == 2, roster.to_frame().shape
"""


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".txt"])
def test_the_parsing_child_imports_nothing(tmp_path: Path, suffix: str) -> None:
    """Files are read side by side, each in a child forked from a thread: a module that
    the other thread was importing at the fork would stay locked in the child for ever. So
    everything the child needs is imported before the fork (checked in a fresh process)."""
    import subprocess
    import sys

    for name, person in (("a", "Lò Văn A"), ("b", "Lò Thị B")):
        if suffix == ".xlsx":
            make_xlsx(tmp_path / f"{name}.xlsx", {"S": [member(name=person)]})
        else:
            text = make_csv(tmp_path / f"{name}.csv", [member(name=person)]).read_text("utf-8")
            if suffix == ".txt":  # Excel's "Unicode Text": UTF-16 with tabs
                (tmp_path / f"{name}.csv").unlink()
                (tmp_path / f"{name}.txt").write_text(text.replace(",", "\t"), encoding="utf-16")
    (tmp_path / "out").mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD_IMPORTS,
            str(tmp_path / "out"),
            str(tmp_path / f"a{suffix}"),
            str(tmp_path / f"b{suffix}"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    reports = sorted((tmp_path / "out").glob("child-*.txt"))
    assert len(reports) == 2
    assert [r.read_text(encoding="utf-8") for r in reports] == ["", ""]
