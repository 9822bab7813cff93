"""Run untrusted work in a forked child: an abort, a crash, a loop or a runaway allocation
ends as one clear DvstatError instead of killing (or freezing) dvstat.

Two kinds of work are untrusted: native parsers reading a workbook (the Rust readers trust
what a file declares: 2 KB naming cell XFD1048576 make them allocate 550 GB and abort the
process, a signal rather than an exception) and user templates (a nested loop, a 4 GB
string). The child gets a memory cap and a time limit and leaves its result in files of a
private folder, in shared memory where there is some, which the parent reads (an Arrow file
is mapped, not copied: 1.000.000 parsed rows cost no measurable time). Stdlib only: the
callers bring their own way of writing and reading results. Where the platform cannot fork,
the work runs in-process behind the callers' own checks.

The child must import nothing: a module that another thread of the parent was importing at
the moment of the fork stays locked in the child for ever (files are read two at a time),
so callers import what their work needs before calling ``run_in_child``.
"""

from __future__ import annotations

import ctypes
import faulthandler
import json
import os
import re
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dvstat import errors
from dvstat.errors import DvstatError

try:
    import resource  # imported here, not in the child (see above)
except ImportError:  # not on Windows, which cannot fork either
    resource = None  # type: ignore[assignment]

CAN_FORK = hasattr(os, "fork")
T = TypeVar("T")
_inside: list[bool] = []  # set in a child: its own work is isolated already


def in_child() -> bool:
    """Whether this process is an isolated child: work it runs needs no child of its own
    (a file read whole in a child parses in that child, not in a grandchild)."""
    return bool(_inside)


def run_in_child(
    work: Callable[[Path], None],
    collect: Callable[[Path], T],
    *,
    seconds: int,
    megabytes: int,
    on_timeout: Callable[[], DvstatError],
    on_crash: Callable[[str], DvstatError],
) -> T:
    """``work(folder)`` in a forked child, which leaves its result in ``folder``; then
    ``collect(folder)`` in the parent.

    A DvstatError raised by ``work`` comes back as itself; another exception becomes
    ``on_crash(reason)``, a signal ``on_crash(signal name)``, more than ``seconds``
    ``on_timeout()``. The folder is removed afterwards (an Arrow file mapped by ``collect``
    stays readable)."""
    _sweep_once()
    parent = os.getpid()
    die_with_parent = _prctl()
    folder = Path(tempfile.mkdtemp(prefix=f"dvstat-{parent}-", dir=_shared_memory()))
    os.chmod(folder, 0o700)
    try:
        pid = os.fork()
        if pid == 0:  # the child: work, then leave without running any cleanup
            if die_with_parent is not None:  # a killed dvstat leaves no child running
                die_with_parent(_PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != parent:  # it died before the line above
                os._exit(5)
            os._exit(_child(folder, work, megabytes))
        status = _wait(pid, seconds)
        if status is None:
            raise on_timeout()
        if os.WIFSIGNALED(status):
            raise on_crash(signal.Signals(os.WTERMSIG(status)).name)
        failure = folder / "error.json"
        if failure.is_file():
            said = json.loads(failure.read_text("utf-8"))
            if "vi" in said:
                kind = getattr(errors, str(said.get("kind")), DvstatError)
                kind = (
                    kind
                    if isinstance(kind, type) and issubclass(kind, DvstatError)
                    else (DvstatError)
                )
                raise kind(said["vi"], said["en"])
            raise on_crash(str(said["reason"]))
        if os.WEXITSTATUS(status) != 0:
            raise on_crash(f"exit {os.WEXITSTATUS(status)}")
        return collect(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_PR_SET_PDEATHSIG = 1
_prctl_cache: list[Callable[[int, int], int] | None] = []
_swept: list[bool] = []
_LEFT = re.compile(r"dvstat-(\d+)-")


def _prctl() -> Callable[[int, int], int] | None:
    """Linux's ``prctl``, looked up once in the parent (the child must not load anything)."""
    if not _prctl_cache:
        function = None
        if os.uname().sysname == "Linux":
            try:
                function = ctypes.CDLL(None, use_errno=True).prctl
            except (OSError, AttributeError):
                function = None
        _prctl_cache.append(function)
    return _prctl_cache[0]


def _sweep_once() -> None:
    """Remove the result folders of runs that were killed (``kill -9`` leaves them in shared
    memory, which is RAM): ours, named after a process that is no longer alive. Once a run."""
    if _swept:
        return
    _swept.append(True)
    where = _shared_memory() or tempfile.gettempdir()
    try:
        entries = list(os.scandir(where))
    except OSError:
        return
    for entry in entries:
        match = _LEFT.match(entry.name)
        if not match or not _left_behind(entry, int(match.group(1))):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)


def _left_behind(entry: os.DirEntry[str], pid: int) -> bool:
    """A folder of this user, not a link, whose run is gone."""
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not entry.is_dir(follow_symlinks=False) or info.st_uid != os.getuid():
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def _shared_memory() -> str | None:
    """A RAM-backed folder where there is one (Linux), else the temporary folder."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def _child(folder: Path, work: Callable[[Path], None], megabytes: int) -> int:
    try:
        # What a native reader prints as it fails (a Rust backtrace) stays out of the run's
        # stderr: the parent says what happened in one line.
        quiet = os.open(folder / "stderr.txt", os.O_WRONLY | os.O_CREAT, 0o600)
        os.dup2(quiet, 2)
        faulthandler.disable()
        _inside.append(True)
        _limit_memory(megabytes)
        work(folder)
        return 0
    except DvstatError as exc:
        _say(folder, {"kind": type(exc).__name__, "vi": exc.vi, "en": exc.en})
        return 3
    except BaseException as exc:  # noqa: BLE001 - untrusted work: everything is an answer
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        _say(folder, {"reason": reason, "trace": traceback.format_exc()[-2000:]})
        return 4


def _say(folder: Path, what: dict[str, str]) -> None:
    try:
        (folder / "error.json").write_text(json.dumps(what), encoding="utf-8")
    except OSError:
        pass  # the parent still sees the exit code


def _limit_memory(megabytes: int) -> None:
    """Cap the child's data (heap) at what it holds now plus ``megabytes``: an allocation
    beyond it fails in the child, not on the machine."""
    if resource is None:
        return
    try:
        with open("/proc/self/status", "rb") as status:  # bytes: no codec to import
            data_kb = next(int(line.split()[1]) for line in status if line.startswith(b"VmData:"))
        cap = (data_kb * 1024) + megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    except (OSError, ValueError, StopIteration):
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
