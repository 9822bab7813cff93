"""Files that cannot be read: one clear line naming the file, exit 1, never a traceback."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import make_xlsx, member
from dvstat.cli import app


def _run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output.strip()


def _assert_one_line(output: str, *needles: str) -> None:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    for needle in needles:
        assert needle in lines[0], output


def test_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    code, out = _run(runner, str(tmp_path / "khong-co.xlsx"))
    assert code == 1
    _assert_one_line(out, "khong-co.xlsx", "Không tìm thấy")


def test_corrupt_zip(runner: CliRunner, tmp_path: Path) -> None:
    good = make_xlsx(tmp_path / "good.xlsx", {"S": [member()]})
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(good.read_bytes()[:400])
    code, out = _run(runner, str(broken))
    assert code == 1
    _assert_one_line(out, "hong.xlsx")


def test_text_file_renamed_xlsx(runner: CliRunner, tmp_path: Path) -> None:
    fake = tmp_path / "van-ban.xlsx"
    fake.write_text("Họ và tên,Ngày kết nạp\nA,01/01/2025\n", encoding="utf-8")
    code, out = _run(runner, str(fake), "--lang", "en")
    assert code == 1
    _assert_one_line(out, "van-ban.xlsx", "not an Excel workbook")


def test_empty_file(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    code, out = _run(runner, str(empty))
    assert code == 1
    _assert_one_line(out, "rong.xlsx")


def test_empty_workbook(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "trong.xlsx"
    Workbook().save(path)
    code, out = _run(runner, str(path))
    assert code == 1
    _assert_one_line(out, "trong.xlsx", "không có danh sách")


def test_real_xls_renamed_xlsx_is_read(runner: CliRunner, tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("CB 1")
    header = ["Họ và tên", "Giới tính", "Dân tộc", "Tôn giáo", "Văn hóa", "Ngày kết nạp"]
    for col, text in enumerate(header):
        sheet.write(0, col, text)
    for col, text in enumerate(["Lò Văn A", "Nam", "Thái", "Không", "12/12", "01/03/2025"]):
        sheet.write(1, col, text)
    path = tmp_path / "cu-doi-ten.xlsx"
    book.save(str(path))
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"counted": 1' in result.output


def test_password_protected_workbook(runner: CliRunner, tmp_path: Path) -> None:
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = make_xlsx(tmp_path / "plain.xlsx", {"S": [member()]})
    locked = tmp_path / "mat-khau.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("123456", target)
    del msoffcrypto
    code, out = _run(runner, str(locked))
    assert code == 1
    _assert_one_line(out, "mat-khau.xlsx", "mật khẩu")


def test_xls_renamed_xlsx_is_read_by_its_content(runner: CliRunner, tmp_path: Path) -> None:
    """A CFB (old .xls) file named .xlsx is not refused for its name (calamine reads it)."""
    cfb = tmp_path / "cu.xlsx"
    cfb.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + io.BytesIO(b"x").read())
    code, out = _run(runner, str(cfb))
    assert code == 1  # this one is also broken inside: still one line naming the file
    _assert_one_line(out, "cu.xlsx")
