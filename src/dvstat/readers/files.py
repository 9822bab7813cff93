"""Refuse unsafe or unreadable input files before any parser sees them (README, privacy).

Checks the path, the size, the real container type by its first bytes (an .xls renamed
.xlsx is read as what it is; an encrypted workbook is named as such), and the zip
directory of .xlsx/.ods against a bomb: total and per-entry expansion limits.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Literal

from dvstat.errors import RosterReadError
from dvstat.settings import ReadLimits
from dvstat.text import shown_file

Container = Literal["zip", "cfb", "text"]
_ZIP_MAGIC = b"PK\x03\x04"
# Everything zipfile raises on a damaged or hostile archive.
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    ValueError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    KeyError,
    UnicodeDecodeError,
    struct.error,
)
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")


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
            f"File '{name}' is {size // 2**20} MB, over the {limits.max_file_mb} MB limit.",
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_ZIP_MAGIC):
        _check_zip(path, limits)
        return "zip"
    if head == _CFB_MAGIC:
        if path.suffix.lower() in (".xlsx", ".xlsm") and _is_encrypted(path):
            raise RosterReadError(
                f"Tệp '{name}' được đặt mật khẩu; hãy bỏ mật khẩu trong Excel rồi gửi lại.",
                f"File '{name}' is password-protected; remove the password in Excel first.",
            )
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
            f"File '{name}' is corrupt (cannot be unzipped): {exc}.",
        ) from exc
    _refuse_other_documents(path, entries)
    _refuse_xml_declarations(path, entries)
    _refuse_declared_lies(path, entries, limits)
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if total > limits.max_unzipped_bytes or (
            entry.file_size > 10 * 2**20 and ratio > limits.max_ratio
        ):
            raise RosterReadError(
                f"Tệp '{name}' giải nén ra quá lớn ({total // 2**20} MB trở lên, tỷ lệ nén "
                f"{ratio:.0f}); từ chối đọc để bảo vệ máy (có thể là 'zip bomb').",
                f"File '{name}' expands too far ({total // 2**20} MB or more, ratio "
                f"{ratio:.0f}); refused (possible zip bomb).",
            )


_OTHER_DOCUMENTS = (
    ("word/", "tài liệu Word (.docx)", "a Word document (.docx)"),
    ("ppt/", "bản trình chiếu PowerPoint (.pptx)", "a PowerPoint presentation (.pptx)"),
)


def _refuse_other_documents(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    """A Word or PowerPoint file renamed .xlsx is named for what it is."""
    names = {entry.filename for entry in entries}
    if any(name.startswith("xl/") for name in names):
        return
    for prefix, vi, en in _OTHER_DOCUMENTS:
        if any(name.startswith(prefix) for name in names):
            raise RosterReadError(
                f"Tệp '{shown_file(path)}' là {vi} bị đổi đuôi, không phải bảng tính Excel; hãy "
                "mở nó và lưu danh sách dưới dạng .xlsx.",
                f"File '{shown_file(path)}' is {en} renamed, not an Excel workbook; open it and "
                "save the roster as .xlsx.",
            )


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
                        "real Excel files never do; refused.",
                    )
    except ZIP_ERRORS as exc:
        raise RosterReadError(
            f"Tệp '{name}' bị hỏng (không giải nén được): {exc}.",
            f"File '{name}' is corrupt (cannot be unzipped): {exc}.",
        ) from exc


# The OOXML attributes a native reader allocates by; 'meta:cell-count' of an .ods (how many
# cells the file holds, not a promise of a table) is no such attribute.
_DECLARED = re.compile(rb'(?<![\w:.-])(count|uniqueCount)="(\d+)"')


def _refuse_declared_lies(path: Path, entries: list[zipfile.ZipInfo], limits: ReadLimits) -> None:
    """Refuse a workbook whose parts declare more items than they can hold, before a native
    reader trusts the declaration and aborts the process allocating it (a signal, not an
    error): a string table declaring 4.294.967.295 strings in 2 KB. Each part's declared
    counts are checked against its size; the grid a sheet's cells span is checked as the
    sheet is read (``readers/xlsx.py``)."""
    try:
        with zipfile.ZipFile(path) as archive:
            for entry in entries:
                lower = entry.filename.lower()
                if not lower.endswith(".xml") or not lower.startswith("xl/"):
                    continue  # only the workbook parts of an .xlsx declare counts
                with archive.open(entry) as handle:
                    head = handle.read(4096)
                for m in _DECLARED.finditer(head):
                    if m[1] == b"count" and lower.endswith("sharedstrings.xml"):
                        continue  # there 'count' is how often the strings are used
                    if int(m[2]) > entry.file_size // 8 + 16:  # an item takes >= 8 bytes
                        raise declared_lie(path, entry.filename)
    except ZIP_ERRORS as exc:
        raise RosterReadError(
            f"Tệp '{shown_file(path)}' bị hỏng (không giải nén được): {exc}.",
            f"File '{shown_file(path)}' is corrupt (cannot be unzipped): {exc}.",
        ) from exc


def declared_lie(path: Path, part: str) -> RosterReadError:
    """The error for a part that declares more than it holds (see ``_refuse_declared_lies``
    and the sheet scan in ``readers/xlsx.py``)."""
    return RosterReadError(
        f"Tệp '{shown_file(path)}' bị hỏng: phần '{part}' khai báo nhiều hơn nó chứa (có thể là "
        "tệp giả mạo); từ chối đọc để bảo vệ máy.",
        f"File '{shown_file(path)}' is damaged: part '{part}' declares more than it holds "
        "(possibly a forged file); refused to protect the machine.",
    )


def unreadable(path: Path, exc: BaseException, sheet: str | None = None) -> RosterReadError:
    """The one-line error for a file a parser choked on (password-protected named as such)."""
    where = f", sheet '{sheet}'" if sheet else ""
    reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    if "password" in reason.lower() or "encrypt" in reason.lower():
        return RosterReadError(
            f"Tệp '{shown_file(path)}' được đặt mật khẩu; hãy bỏ mật khẩu trong Excel rồi gửi lại.",
            f"File '{shown_file(path)}' is password-protected; remove the password in Excel first.",
        )
    return RosterReadError(
        f"Không đọc được tệp '{shown_file(path)}'{where}: tệp hỏng ({reason}).",
        f"Cannot read file '{shown_file(path)}'{where}: corrupt ({reason}).",
    )


def native_name_ok(path: Path) -> bool:
    """Whether the native readers can be given the file's name: they take UTF-8 text only,
    and a name made on another system (a Windows zip) may hold bytes that are not; such a
    file is given to them by its content."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
