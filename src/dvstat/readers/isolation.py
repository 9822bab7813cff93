"""Run a native parser in a child process, so that a file that makes it abort, crash, loop or
exhaust memory ends as one clear error instead of killing dvstat.

The Rust readers (fastexcel, python-calamine) trust what a workbook declares: a 2 KB file
naming cell XFD1048576 makes them allocate 550 GB and abort the process — a signal, not an
exception. A forked child parses (with a memory limit and a time limit) and hands its Arrow
tables back through files in shared memory, which the parent maps without copying: the
class of attacks ends in exit 1 whatever the reader does, for about no time (measured on
1.000.000 rows: 4,4-5,3 s forked against 4,8 s in-process). Where the platform cannot fork,
the parse runs in-process behind the pre-checks of ``readers/files.py`` and the sheet scan.
"""

from __future__ import annotations

import faulthandler
import json
import os
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dvstat.errors import DvstatError, RosterReadError
from dvstat.readers.files import ReadLimits, unreadable

CAN_FORK = hasattr(os, "fork")
# One piece of parsed output: an Arrow table (or record batch) and JSON-able facts about it.
Piece = tuple[Any, dict[str, Any]]


def run_isolated(path: Path, work: Callable[[], list[Piece]], limits: ReadLimits
                 ) -> list[Piece]:
    """``work()`` (which parses ``path``) in a forked child; its pieces, as Arrow tables.

    A DvstatError raised by ``work`` comes back as itself; any other failure of the child
    (an exception, a signal, more than ``limits.max_parse_seconds``) is a RosterReadError
    naming the file."""
    if not CAN_FORK or not limits.isolate:
        try:
            return work()
        except (DvstatError, KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except BaseException as exc:  # noqa: B036 - untrusted input; Rust panics included
            raise unreadable(path, exc) from exc
    import pyarrow as pa  # noqa: F401 - imported before the fork: the child only writes

    folder = Path(tempfile.mkdtemp(prefix="dvstat-parse-", dir=_shared_memory()))
    os.chmod(folder, 0o700)
    try:
        pid = os.fork()
        if pid == 0:  # the child: parse, write, leave without running any cleanup
            os._exit(_child(folder, work, limits))
        status = _wait(pid, limits.max_parse_seconds)
        if status is None:
            raise RosterReadError(
                f"Đọc tệp '{path.name}' quá {limits.max_parse_seconds} giây; dừng lại (tệp có "
                "thể bị hỏng hoặc giả mạo; giới hạn: max_parse_seconds trong [limits]).",
                f"Reading '{path.name}' took over {limits.max_parse_seconds} s; stopped (the "
                "file may be damaged or forged; limit: max_parse_seconds in [limits]).")
        return _collect(path, folder, status)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _shared_memory() -> str | None:
    """A RAM-backed folder where there is one (Linux), else the temporary folder."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def _child(folder: Path, work: Callable[[], list[Piece]], limits: ReadLimits) -> int:
    import pyarrow as pa
    import pyarrow.ipc as ipc

    try:
        # What a native reader prints as it fails (a Rust backtrace) stays out of the run's
        # stderr: the parent says what happened in one line.
        quiet = os.open(folder / "stderr.txt", os.O_WRONLY | os.O_CREAT, 0o600)
        os.dup2(quiet, 2)
        faulthandler.disable()
        _limit_memory(limits.max_parse_mb)
        pieces = work()
        facts = []
        for number, (table, meta) in enumerate(pieces):
            with pa.OSFile(str(folder / f"{number}.arrow"), "wb") as sink, \
                    ipc.new_file(sink, table.schema) as writer:
                writer.write(table)
            facts.append(meta)
        (folder / "done.json").write_text(json.dumps(facts), encoding="utf-8")
        return 0
    except DvstatError as exc:
        (folder / "error.json").write_text(json.dumps({"vi": exc.vi, "en": exc.en}), "utf-8")
        return 3
    except BaseException as exc:  # noqa: BLE001 - untrusted input: everything is an answer
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        (folder / "error.json").write_text(json.dumps(
            {"reason": reason, "trace": traceback.format_exc()[-2000:]}), "utf-8")
        return 4


def _limit_memory(megabytes: int) -> None:
    """Cap the child's data (heap) at what it holds now plus ``megabytes``: an allocation
    beyond it fails in the child, not on the machine."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as status:
            data_kb = next(int(line.split()[1]) for line in status if line.startswith("VmData:"))
        cap = (data_kb * 1024) + megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    except (ImportError, OSError, ValueError, StopIteration):
        pass  # no /proc or no limits here: the parent still sees the child die


def _wait(pid: int, seconds: int) -> int | None:
    """The child's wait status, or None once it ran out of time (it is killed)."""
    deadline = time.monotonic() + seconds
    pause = 0.001
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        time.sleep(pause)
        pause = min(pause * 2, 0.02)


def _collect(path: Path, folder: Path, status: int) -> list[Piece]:
    import pyarrow as pa
    import pyarrow.ipc as ipc

    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        raise RosterReadError(
            f"Tệp '{path.name}' làm bộ đọc dừng đột ngột ({name}): tệp bị hỏng hoặc giả mạo, "
            "hoặc cần nhiều bộ nhớ hơn giới hạn (max_parse_mb trong [limits]).",
            f"File '{path.name}' made the reader stop ({name}): it is damaged or forged, or "
            "needs more memory than allowed (max_parse_mb in [limits]).")
    error = folder / "error.json"
    if error.is_file():
        said = json.loads(error.read_text("utf-8"))
        if "vi" in said:
            raise RosterReadError(said["vi"], said["en"])
        raise unreadable(path, RuntimeError(said["reason"]))
    facts = json.loads((folder / "done.json").read_text("utf-8"))
    pieces: list[Piece] = []
    for number, meta in enumerate(facts):
        source = pa.memory_map(str(folder / f"{number}.arrow"))
        pieces.append((ipc.open_file(source).read_all(), meta))
    return pieces
