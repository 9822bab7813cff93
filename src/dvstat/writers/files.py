"""Write outputs safely: render first, then a temporary file in the same folder and a rename.

A crash never leaves half a report, and an earlier output stays intact until the new one is
complete. A set of outputs (``dvstat report``) is written to temporary files, then a journal
naming them is put down, then they are renamed: a kill between two renames leaves the
journal, and the next run rolls the set forward before anything else, so a folder never
stays with a new summary beside last month's tables.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import socket
import time
from collections.abc import Callable
from pathlib import Path

from dvstat.errors import OutputError
from dvstat.text import readable


def _fail(path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or type(exc).__name__
    return OutputError(f"Không ghi được '{path}': {reason}.", f"Cannot write '{path}': {reason}.")


_TEMP = re.compile(r"^\..+\.(?:dvstat-\d+-[0-9a-f]{8}|[A-Za-z0-9_]{8})\.tmp$")


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.dvstat-{os.getpid()}-{secrets.token_hex(4)}.tmp")


# Outputs hold personal data (names, birth dates): readable by their owner only, in a folder
# dvstat creates 0700; ``output_mode`` in dvstat.toml may widen them for a shared office folder.
PRIVATE_FILE = 0o600


def _write_temp(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> Path:
    """``data`` in a new temporary file beside ``path`` with ``mode`` (whatever the umask),
    flushed to disk."""
    temp = _temp_name(path)
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(handle, mode)
    except OSError:
        pass
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _make_folder(folder: Path, mode: int = PRIVATE_FILE) -> None:
    """The folder, created (with its missing parents) searchable by whoever may read the
    files (0700 for private outputs); an existing folder is never changed."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, mode | ((mode & 0o444) >> 2) | 0o100)
    except OSError as exc:
        raise _fail(folder, exc) from exc


def atomic_write(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """Replace ``path`` with ``data`` in one rename; the folder is created if needed."""
    write_set(path.parent, {path.name: data}, mode)


JOURNAL = ".dvstat-set.json"


def write_set(folder: Path, files: dict[str, bytes], mode: int = PRIVATE_FILE) -> None:
    """Write several files as one set: each to a temporary name first, and only once all
    are on disk are they renamed, in order (put the manifest last), under a journal (see
    the module's docstring). A full disk or a kill while writing leaves the old set
    untouched; the temporaries are removed (or, after a kill, by the next run:
    ``remove_leftovers``)."""
    _make_folder(folder, mode)
    temps: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            temps.append((_write_temp(folder / name, data, mode), folder / name))
        if len(temps) > 1:
            pairs = [[temp.name, target.name] for temp, target in temps]
            journal = _write_temp(folder / JOURNAL, json.dumps(pairs).encode("utf-8"), mode)
            os.replace(journal, folder / JOURNAL)
            _sync_folder(folder)
    except OSError as exc:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise _fail(folder / name, exc) from exc
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise
    for position, (temp, target) in enumerate(temps):
        try:
            os.replace(temp, target)
        except OSError as exc:
            for left, _ in temps[position:]:
                left.unlink(missing_ok=True)
            (folder / JOURNAL).unlink(missing_ok=True)
            raise _fail(target, exc) from exc
    (folder / JOURNAL).unlink(missing_ok=True)
    _sync_folder(folder)


def finish_pending_set(folder: Path) -> int:
    """Complete the renames of a set a killed run left half done (call it holding the
    lock). Only plain names are followed: temporaries of dvstat's own form to targets in
    this folder. Returns how many files were put in place."""
    journal = folder / JOURNAL
    try:
        pairs = json.loads(journal.read_text("utf-8"))
    except FileNotFoundError:
        return 0
    except (OSError, ValueError):
        journal.unlink(missing_ok=True)
        return 0
    finished = 0
    for pair in pairs if isinstance(pairs, list) else []:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(n, str) for n in pair)
        ):
            continue
        temp, target = pair
        plain = all(n and "/" not in n and "\\" not in n and n not in (".", "..") for n in pair)
        if not plain or not _TEMP.match(temp) or target.startswith("."):
            continue
        try:
            os.replace(folder / temp, folder / target)
            finished += 1
        except FileNotFoundError:
            continue  # renamed before the kill
    journal.unlink(missing_ok=True)
    _sync_folder(folder)
    return finished


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (best effort: not every file system allows it)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def remove_leftovers(folder: Path) -> int:
    """Remove the temporary files a crashed or killed run left in the output folder (call
    it holding the lock: no other run is writing there). Returns how many."""
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if _TEMP.match(entry.name) and entry.is_file():
            try:
                entry.unlink()
                removed += 1
            except OSError:
                pass
    return removed


LOCK_NAME = ".dvstat.lock"


LOCK_MAX_SECONDS = 6 * 3600  # a lock older than this is a run that died on another host


def _pid_alive(pid: int) -> bool:
    """Whether a process of this host runs under ``pid`` (0, negative or absurd pids are
    no process: a lock naming one is garbage)."""
    if pid <= 1 or pid > 2**22:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, OSError):
        return False
    return True


class RunLock:
    """An exclusive lock file in the output folder so that two cron runs never overlap.

    The lock holds the owner's pid, host, start time and a random token. It is taken over
    when its process no longer exists on this host (a crashed run), when it is older than
    ``max_seconds`` whatever its host (with a warning naming it), and when it cannot be
    read (empty, garbage, a folder, a link to nowhere). ``on_stale`` is told why. Nothing
    here raises anything but OutputError.
    """

    def __init__(
        self,
        folder: Path,
        on_stale: Callable[[str], None] | None = None,
        max_seconds: float = LOCK_MAX_SECONDS,
    ) -> None:
        self.path = folder / LOCK_NAME
        self.on_stale = on_stale
        self.max_seconds = max_seconds
        self.held = False
        self.token = secrets.token_hex(8)

    def __enter__(self) -> RunLock:
        _make_folder(self.path.parent)
        for _ in range(3):
            try:
                handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                stale = self._stale()
                if stale is None:
                    continue
                if stale:
                    if self.on_stale:
                        self.on_stale(stale)
                    self._remove()
                    continue
                raise self._busy() from None
            except OSError as exc:
                raise _fail(self.path, exc) from exc
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    owner = {
                        "pid": os.getpid(),
                        "host": socket.gethostname(),
                        "started": time.time(),
                        "token": self.token,
                    }
                    json.dump(owner, out)
                    out.flush()
                    os.fsync(out.fileno())
            except OSError as exc:
                self.path.unlink(missing_ok=True)
                raise _fail(self.path, exc) from exc
            self.held = True
            return self
        raise OutputError(f"Không lấy được khóa '{self.path}'.", f"Cannot take lock '{self.path}'.")

    def _remove(self) -> None:
        """Take away a stale lock: a file or a link; a folder in its place is an error."""
        try:
            if self.path.is_dir() and not self.path.is_symlink():
                raise OutputError(
                    f"'{self.path}' là một thư mục, không phải khóa của dvstat; hãy xóa nó.",
                    f"'{self.path}' is a folder, not dvstat's lock; remove it.",
                )
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise _fail(self.path, exc) from exc

    def _stale(self) -> str | None:
        """Why the existing lock is stale ('' when it is live; None: it just went away)."""
        if self.path.is_symlink() or self.path.is_dir():
            return f"khóa không đọc được / unreadable lock '{self.path.name}'"
        owner = self._owner()
        if owner is None:
            time.sleep(0.3)  # a run may be between creating the lock and writing its owner
            owner = self._owner()
        if owner is None:
            if not os.path.lexists(self.path):
                return None
            return f"khóa không đọc được / unreadable lock '{self.path.name}'"
        pid, host, started = owner
        age = time.time() - started
        if age > self.max_seconds:
            hours = int(age // 3600)
            return f"{pid}@{host}, {hours} giờ / hours old"
        if host == socket.gethostname() and not _pid_alive(pid):
            return f"{pid}@{host}"
        return ""

    def _busy(self) -> OutputError:
        owner = self._owner()
        who = f"pid {owner[0]} trên {owner[1]}" if owner else "một tiến trình khác"
        who_en = f"pid {owner[0]} on {owner[1]}" if owner else "another process"
        return OutputError(
            f"Một lần chạy khác ({who}) đang ghi vào '{self.path.parent}' "
            f"(khóa '{self.path.name}'); thử lại sau.",
            f"Another run ({who_en}) is writing to '{self.path.parent}' "
            f"(lock '{self.path.name}'); try again later.",
        )

    def _owner(self) -> tuple[int, str, float] | None:
        """pid, host and start time of the lock's owner (the file's time for a lock of an
        older dvstat); None when it cannot be read."""
        try:
            if self.path.stat().st_size > 4096:
                return None
            data = json.loads(self.path.read_text("utf-8"))
            started = float(data["started"] if "started" in data else self.path.stat().st_mtime)
            return int(data["pid"]), str(data["host"])[:200], started
        except (OSError, ValueError, KeyError, TypeError, AttributeError, OverflowError):
            return None

    def __exit__(self, *exc: object) -> None:
        if self.held:
            owner = None
            try:
                owner = json.loads(self.path.read_text("utf-8")).get("token")
            except (OSError, ValueError, AttributeError):
                pass
            if owner == self.token:  # never remove a lock another run took over
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
    return {"file": readable(str(path)), "bytes": path.stat().st_size, "sha256": digest.hexdigest()}
