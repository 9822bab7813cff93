"""The one pool of workers a run uses: roster files read side by side, as many at a time as
the machine has cores (``jobs`` in dvstat.toml, ``--jobs N``).

Each file is read whole in its own forked child (``readers.rosters.read_file``: parse,
header, rows, compact columns; ``dvstat.isolation`` caps its memory and time), so the Python
half of reading runs on every core instead of queuing for one interpreter lock; the
threads here only start children and wait for them. One file, or a run from the cache,
starts no such thread. Nothing starts at import.

A file read in the run itself (one file, or ``--jobs 1``) uses the run's one pool of
reading threads (``reading_threads``): its native parse in a child, two lanes for a
workbook of several sheets, and its merged cells scanned meanwhile (2,5 s of a 1.000.000-
row file's 10 s). The command line starts that parse before pandas is imported
(``speedups``). A worker child never uses it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

Item = TypeVar("Item")
Result = TypeVar("Result")


def worker_count(jobs: int | None, items: int) -> int:
    """Workers for ``items`` files: ``jobs`` (0 or None: one per core), never more than
    the files."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    wanted = jobs if jobs and jobs > 0 else (cores or 1)
    return max(1, min(wanted, items))


def run_each(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int | None = None,
    done: Callable[[Result], None] | None = None,
) -> list[Result]:
    """``work(item)`` for each item, ``jobs`` at a time; the results in the items' order.
    ``done`` is told of each result as it arrives (for a progress bar). The first error
    ``work`` raises is raised here, after the items already started have ended."""
    count = worker_count(jobs, len(items))
    if count < 2:
        results = []
        for item in items:
            results.append(work(item))
            if done is not None:
                done(results[-1])
        return results
    from concurrent.futures import ThreadPoolExecutor, as_completed

    found: dict[int, Result] = {}
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="dvstat-file") as pool:
        futures = {pool.submit(work, item): i for i, item in enumerate(items)}
        try:
            for future in as_completed(futures):
                found[futures[future]] = future.result()
                if done is not None:
                    done(found[futures[future]])
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [found[i] for i in range(len(items))]


READING_THREADS = 3  # two fastexcel lanes and the scan of merged cells
_reading: ThreadPoolExecutor | None = None


def _forget_threads() -> None:
    """In a process forked from one that had the pool (a library user's fork, a test
    runner's): its threads did not come along, so a new pool is made when asked for."""
    global _reading
    _reading = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_threads)


def reading_threads() -> ThreadPoolExecutor:
    """The run's one pool of threads for a file read in the run itself, made when first
    asked for (never at import, never in a worker child: it reads its file alone)."""
    global _reading
    from dvstat.isolation import in_child

    if in_child():
        raise RuntimeError("a worker child reads its file without threads")
    if _reading is None:
        from concurrent.futures import ThreadPoolExecutor

        _reading = ThreadPoolExecutor(max_workers=READING_THREADS, thread_name_prefix="dvstat-read")
    return _reading
