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
import selectors
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

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


Item = TypeVar("Item")


def run_in_children(
    work: Callable[[Item, Path], None],
    collect: Callable[[Item, Path], T],
    items: Sequence[Item],
    *,
    children: int,
    seconds: int,
    megabytes: int,
    on_timeout: Callable[[Item], DvstatError],
    on_crash: Callable[[Item, str], DvstatError],
    done: Callable[[T], None] | None = None,
) -> list[T]:
    """``work(item, folder)`` for every item in ``children`` forked workers, each item in
    a folder of its own that ``collect(item, folder)`` then reads here; the results in the
    items' order, ``done`` told of each as it arrives.

    A worker takes one item after another (a fork per item cost about 60 ms of copied
    pages on a file of 20.000 rows), each under its own time limit and the worker under a
    memory cap; a worker that has grown by half its cap is replaced. The first failure
    ends the run as ``run_in_child`` reports it (the other workers are killed): a
    DvstatError from ``work`` comes back as itself, a crash or signal as
    ``on_crash(item, reason)``, a time-out as ``on_timeout(item)``."""
    _sweep_once()
    pool = _Pool(items, work, seconds, megabytes)
    results: dict[int, T] = {}
    try:
        for _ in range(max(1, min(children, len(items)))):
            pool.give(pool.start())
        while pool.running:
            for worker, said in pool.answers():
                number, folder = worker.item, worker.folder
                assert number is not None and folder is not None
                if not said.startswith(b"ok"):
                    status = pool.reap(worker)
                    try:
                        raise _failure(folder, status, partial(on_crash, items[number]))
                    finally:
                        shutil.rmtree(folder, ignore_errors=True)
                # the worker's next item first: it works while its result is read here
                worker.item = worker.folder = None
                if said.startswith(b"ok, full"):  # grown by half its cap: a fresh one
                    pool.stop(worker)
                    if pool.todo:
                        pool.give(pool.start())
                else:
                    pool.give(worker)
                try:
                    results[number] = collect(items[number], folder)
                finally:
                    shutil.rmtree(folder, ignore_errors=True)
                if done is not None:
                    done(results[number])
            late = pool.late()
            if late is not None:
                raise on_timeout(items[late])
    finally:
        pool.close()
    return [results[i] for i in range(len(items))]


class _Pool:
    """The forked workers of ``run_in_children`` and the items still to give them."""

    def __init__(
        self, items: Sequence[Any], work: Callable[[Any, Path], None], seconds: int, megabytes: int
    ) -> None:
        self.items, self.work, self.seconds, self.megabytes = items, work, seconds, megabytes
        self.parent = os.getpid()
        self.die_with_parent = _prctl()
        self.todo = list(range(len(items)))[::-1]
        self.running: dict[int, _Worker] = {}  # by the fd the worker answers on
        self.chooser = selectors.DefaultSelector()

    def start(self) -> _Worker:
        """Fork a worker (it drops the other workers' pipes: each sees its input end)."""
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                for fd in (from_parent, to_parent, *self._pipes()):
                    os.close(fd)
                if self.die_with_parent is not None:  # a killed dvstat leaves no worker
                    self.die_with_parent(_PR_SET_PDEATHSIG, signal.SIGKILL)
                if os.getppid() != self.parent:
                    os._exit(5)
                os._exit(_serve(to_child, from_child, self.items, self.work, self.megabytes))
            finally:
                os._exit(6)
        os.close(to_child)
        os.close(from_child)
        worker = _Worker(pid, from_parent, to_parent)
        self.running[to_parent] = worker
        self.chooser.register(to_parent, selectors.EVENT_READ)
        return worker

    def _pipes(self) -> list[int]:
        return [fd for w in self.running.values() for fd in (w.send, w.answer)]

    def give(self, worker: _Worker) -> None:
        """The next item to ``worker``, in a private folder of its own; none left: it ends."""
        if not self.todo:
            self.stop(worker)
            return
        number = self.todo.pop()
        folder = Path(tempfile.mkdtemp(prefix=f"dvstat-{self.parent}-", dir=_shared_memory()))
        os.chmod(folder, 0o700)
        worker.item, worker.folder = number, folder
        worker.deadline = time.monotonic() + self.seconds
        os.write(worker.send, f"{number}\t{folder}\n".encode())

    def answers(self) -> list[tuple[_Worker, bytes]]:
        """The workers that answered (b'' from one that ended), waiting until the nearest
        deadline at most."""
        wait = min(w.deadline for w in self.running.values()) - time.monotonic()
        found = []
        for key, _ in self.chooser.select(timeout=max(0.0, min(wait, 3600.0))):
            worker = self.running[key.fd]
            found.append((worker, os.read(worker.answer, 64)))
        return found

    def finished(self, worker: _Worker) -> None:
        if worker.folder is not None:
            shutil.rmtree(worker.folder, ignore_errors=True)
        worker.item = worker.folder = None
        worker.deadline = float("inf")

    def late(self) -> int | None:
        """The item of a worker past its deadline, if any."""
        now = time.monotonic()
        return next(
            (w.item for w in self.running.values() if w.item is not None and now > w.deadline),
            None,
        )

    def reap(self, worker: _Worker) -> int:
        """The wait status of a worker that stopped answering (killed if it still runs);
        its folder is left for the caller to read."""
        self.chooser.unregister(worker.answer)
        del self.running[worker.answer]
        os.close(worker.send)
        os.close(worker.answer)
        return _ended(worker.pid)

    def stop(self, worker: _Worker, kill: bool = False) -> None:
        self.chooser.unregister(worker.answer)
        del self.running[worker.answer]
        if kill:
            os.kill(worker.pid, signal.SIGKILL)
        os.close(worker.send)  # its input ends: it leaves
        os.close(worker.answer)
        os.waitpid(worker.pid, 0)
        self.finished(worker)

    def close(self) -> None:
        for worker in list(self.running.values()):
            self.stop(worker, kill=True)
        self.chooser.close()


class _Worker:
    """A forked worker: its pid, the pipe it takes items on and the one it answers on, and
    the item it holds (with that item's folder and deadline)."""

    def __init__(self, pid: int, send: int, answer: int) -> None:
        self.pid, self.send, self.answer = pid, send, answer
        self.item: int | None = None
        self.folder: Path | None = None
        self.deadline = float("inf")


def _ended(pid: int) -> int:
    """The wait status of a worker that stopped answering (killed if it still runs)."""
    done, status = os.waitpid(pid, os.WNOHANG)
    if not done:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    return status


def _failure(folder: Path, status: int, on_crash: Callable[[str], DvstatError]) -> DvstatError:
    """What a worker's end means, as ``run_in_child`` says it."""
    failure = folder / "error.json"
    if failure.is_file():
        said = json.loads(failure.read_text("utf-8"))
        if "vi" in said:
            kind = getattr(errors, str(said.get("kind")), DvstatError)
            kind = kind if isinstance(kind, type) and issubclass(kind, DvstatError) else DvstatError
            return kind(said["vi"], said["en"])
        return on_crash(str(said["reason"]))
    if os.WIFSIGNALED(status):
        return on_crash(signal.Signals(os.WTERMSIG(status)).name)
    return on_crash(f"exit {os.WEXITSTATUS(status) if os.WIFEXITED(status) else status}")


def _serve(
    take: int,
    answer: int,
    items: Sequence[Item],
    work: Callable[[Item, Path], None],
    megabytes: int,
) -> int:
    """A worker's life: each item named on ``take`` worked into its folder, 'ok' (or 'ok,
    full' once grown by half its memory cap) on ``answer``; on a failure it says why in
    the folder and leaves without answering."""
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)  # a native reader's backtrace stays out of the run's stderr
    faulthandler.disable()
    _inside.append(True)
    start = _limit_memory(megabytes)
    pending = b""
    while True:
        while b"\n" not in pending:
            chunk = os.read(take, 4096)
            if not chunk:
                return 0
            pending += chunk
        line, pending = pending.split(b"\n", 1)
        number, folder = line.decode().split("\t", 1)
        where = Path(folder)
        try:
            work(items[int(number)], where)
        except DvstatError as exc:
            _say(where, {"kind": type(exc).__name__, "vi": exc.vi, "en": exc.en})
            return 3
        except BaseException as exc:  # noqa: BLE001 - untrusted work: everything is an answer
            reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            _say(where, {"reason": reason, "trace": traceback.format_exc()[-2000:]})
            return 4
        grown = start is not None and _data_kb() - start > megabytes * 512
        os.write(answer, b"ok, full\n" if grown else b"ok\n")


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


def _limit_memory(megabytes: int) -> int | None:
    """Cap the child's data (heap) at what it holds now plus ``megabytes``: an allocation
    beyond it fails in the child, not on the machine. What it held (KB), or None."""
    if resource is None:
        return None
    try:
        data_kb = _data_kb()
        cap = (data_kb * 1024) + megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    except (OSError, ValueError, StopIteration):
        return None  # no /proc or no limits here: the parent still sees the child die
    return data_kb


def _data_kb() -> int:
    with open("/proc/self/status", "rb") as status:  # bytes: no codec to import
        return next(int(line.split()[1]) for line in status if line.startswith(b"VmData:"))


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
