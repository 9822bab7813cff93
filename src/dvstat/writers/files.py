"""Write outputs safely: render first, then a temporary file in the same folder and a rename.

A crash never leaves half a report, and an earlier output stays intact until the new one is
complete (SPEC §8).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path

from dvstat.errors import OutputError


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename; the folder is created if needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    except OSError as exc:
        raise OutputError(f"Không ghi được '{path}': {exc.strerror}.",
                          f"Cannot write '{path}': {exc.strerror}.") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a report is an ordinary file
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"Không ghi được '{path}': {exc.strerror}.",
                          f"Cannot write '{path}': {exc.strerror}.") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


LOCK_NAME = ".dvstat.lock"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RunLock:
    """An exclusive lock file in the output folder so that two cron runs never overlap.

    The lock holds the owner's pid and host; a lock whose process no longer exists on this
    host is stale (a crashed run) and is replaced. ``on_stale`` is told when that happens.
    """

    def __init__(self, folder: Path, on_stale: Callable[[str], None] | None = None) -> None:
        self.path = folder / LOCK_NAME
        self.on_stale = on_stale
        self.held = False

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = self._owner()
                if owner is not None and owner[1] == socket.gethostname() and not _pid_alive(
                        owner[0]):
                    if self.on_stale:
                        self.on_stale(f"{owner[0]}@{owner[1]}")
                    self.path.unlink(missing_ok=True)
                    continue
                who = f"pid {owner[0]} trên {owner[1]}" if owner else "một tiến trình khác"
                who_en = f"pid {owner[0]} on {owner[1]}" if owner else "another process"
                raise OutputError(
                    f"Một lần chạy khác ({who}) đang ghi vào '{self.path.parent}' "
                    f"(khóa '{self.path.name}'); thử lại sau.",
                    f"Another run ({who_en}) is writing to '{self.path.parent}' "
                    f"(lock '{self.path.name}'); try again later.") from None
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"pid": os.getpid(), "host": socket.gethostname()}, out)
            self.held = True
            return self
        raise OutputError(f"Không lấy được khóa '{self.path}'.", f"Cannot take lock '{self.path}'.")

    def _owner(self) -> tuple[int, str] | None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return int(data["pid"]), str(data["host"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def __exit__(self, *exc: object) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> dict[str, object]:
    """Name, size and SHA-256 of an input file, for the run manifest."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return {"file": str(path), "bytes": path.stat().st_size, "sha256": digest.hexdigest()}
