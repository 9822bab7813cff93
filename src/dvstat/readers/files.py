"""Refuse unsafe or unreadable input files before any parser sees them (SPEC §10).

Checks the path, the size, the real container type by its first bytes (an .xls renamed
.xlsx is read as what it is; an encrypted workbook is named as such), and the zip
directory of .xlsx/.ods against a bomb: total and per-entry expansion limits.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from dvstat.errors import RosterReadError

Container = Literal["zip", "cfb", "text"]
_ZIP_MAGIC = b"PK\x03\x04"
# Everything zipfile raises on a damaged or hostile archive.
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError,
    NotImplementedError, KeyError, UnicodeDecodeError, struct.error)
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")


@dataclass(frozen=True)
class ReadLimits:
    """Limits checked before parsing; configurable in ``dvstat.toml`` [limits]."""

    max_file_mb: int = 512
    max_unzipped_mb: int = 4096
    max_ratio: int = 200  # uncompressed / compressed size of one entry

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @property
    def max_unzipped_bytes(self) -> int:
        return self.max_unzipped_mb * 1024 * 1024


def check_input_file(path: Path, limits: ReadLimits) -> Container:
    """Raise RosterReadError with the file name for anything unsafe; else its container."""
    name = path.name
    if not path.exists():
        raise RosterReadError(f"Không tìm thấy tệp '{path}'.", f"File not found: '{path}'.")
    if not path.is_file():
        raise RosterReadError(f"'{path}' không phải là tệp.", f"'{path}' is not a file.")
    size = path.stat().st_size
    if size == 0:
        raise RosterReadError(f"Tệp '{name}' rỗng (0 byte).", f"File '{name}' is empty (0 bytes).")
    if size > limits.max_file_bytes:
        raise RosterReadError(
            f"Tệp '{name}' lớn {size // 2**20} MB, vượt giới hạn {limits.max_file_mb} MB.",
            f"File '{name}' is {size // 2**20} MB, over the {limits.max_file_mb} MB limit.")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_ZIP_MAGIC):
        _check_zip(path, limits)
        return "zip"
    if head == _CFB_MAGIC:
        if path.suffix.lower() in (".xlsx", ".xlsm") and _is_encrypted(path):
            raise RosterReadError(
                f"Tệp '{name}' được đặt mật khẩu; hãy bỏ mật khẩu trong Excel rồi gửi lại.",
                f"File '{name}' is password-protected; remove the password in Excel first.")
        return "cfb"
    return "text"


def _is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return _ENCRYPTION_MARK in handle.read(8 * 2**20)


def _check_zip(path: Path, limits: ReadLimits) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except ZIP_ERRORS as exc:
        raise RosterReadError(
            f"Tệp '{name}' bị hỏng (không giải nén được): {exc}.",
            f"File '{name}' is corrupt (cannot be unzipped): {exc}.") from exc
    _refuse_other_documents(path, entries)
    _refuse_xml_declarations(path, entries)
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if total > limits.max_unzipped_bytes or (entry.file_size > 10 * 2**20
                                                 and ratio > limits.max_ratio):
            raise RosterReadError(
                f"Tệp '{name}' giải nén ra quá lớn ({total // 2**20} MB trở lên, tỷ lệ nén "
                f"{ratio:.0f}); từ chối đọc để bảo vệ máy (có thể là 'zip bomb').",
                f"File '{name}' expands too far ({total // 2**20} MB or more, ratio "
                f"{ratio:.0f}); refused (possible zip bomb).")


_OTHER_DOCUMENTS = (("word/", "tài liệu Word (.docx)", "a Word document (.docx)"),
                    ("ppt/", "bản trình chiếu PowerPoint (.pptx)",
                     "a PowerPoint presentation (.pptx)"))


def _refuse_other_documents(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    """A Word or PowerPoint file renamed .xlsx is named for what it is."""
    names = {entry.filename for entry in entries}
    if any(name.startswith("xl/") for name in names):
        return
    for prefix, vi, en in _OTHER_DOCUMENTS:
        if any(name.startswith(prefix) for name in names):
            raise RosterReadError(
                f"Tệp '{path.name}' là {vi} bị đổi đuôi, không phải bảng tính Excel; hãy mở nó "
                "và lưu danh sách dưới dạng .xlsx.",
                f"File '{path.name}' is {en} renamed, not an Excel workbook; open it and save "
                "the roster as .xlsx.")


_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")


def _refuse_xml_declarations(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    """Office files never declare a DOCTYPE or entities; one that does is refused before
    any XML parser sees it (entity expansion, 'billion laughs'). Only the head of each XML
    part is inflated: a DOCTYPE must come before the root element."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            for entry in entries:
                if not entry.filename.lower().endswith(_XML_SUFFIXES):
                    continue
                with archive.open(entry) as handle:
                    head = handle.read(4096)
                if any(mark in head for mark in _DECLARATIONS):
                    raise RosterReadError(
                        f"Tệp '{name}' chứa khai báo DOCTYPE/ENTITY trong '{entry.filename}' — "
                        "tệp Excel thật không có; từ chối đọc.",
                        f"File '{name}' declares a DOCTYPE/ENTITY in '{entry.filename}', which "
                        "real Excel files never do; refused.")
    except ZIP_ERRORS as exc:
        raise RosterReadError(
            f"Tệp '{name}' bị hỏng (không giải nén được): {exc}.",
            f"File '{name}' is corrupt (cannot be unzipped): {exc}.") from exc


def unreadable(path: Path, exc: BaseException, sheet: str | None = None) -> RosterReadError:
    """The one-line error for a file a parser choked on (password-protected named as such)."""
    where = f", sheet '{sheet}'" if sheet else ""
    reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    if "password" in reason.lower() or "encrypt" in reason.lower():
        return RosterReadError(
            f"Tệp '{path.name}' được đặt mật khẩu; hãy bỏ mật khẩu trong Excel rồi gửi lại.",
            f"File '{path.name}' is password-protected; remove the password in Excel first.")
    return RosterReadError(f"Không đọc được tệp '{path.name}'{where}: tệp hỏng ({reason}).",
                           f"Cannot read file '{path.name}'{where}: corrupt ({reason}).")


