"""A cache of parsed rosters, keyed by file content, so a cron re-run skips parsing.

What is cached is the reader's output for one file (member rows as text with provenance,
the sheets found, the reading issues) as Parquet + JSON under the cache folder. The key is
the SHA-256 of the file's bytes with its name, dvstat's version and the header aliases:
any change to the file or to how it is read misses. The cache is best effort: a folder that
cannot be written only costs speed, never a result.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from dvstat import __version__
from dvstat.model import Issue, SheetInfo

CACHE_FORMAT = 1


def _marker(folder: Path, path: Path) -> Path:
    """A small file saying 'this exact file (path, size, mtime) is cached under key K'."""
    stat = path.stat()
    identity = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()
    return folder / f"id-{hashlib.sha256(identity).hexdigest()[:32]}"


def probably_cached(folder: Path, path: Path) -> bool:
    """Cheap look (no hashing of the file) whether a run would be served by the cache; used
    only to decide whether parsing ahead is worth it."""
    try:
        key = _marker(folder, path).read_text("ascii").strip()
    except OSError:
        return False
    return (folder / f"{key}.parquet").is_file()


def default_cache_dir() -> Path:
    """$DVSTAT_CACHE_DIR, else $XDG_CACHE_HOME/dvstat, else ~/.cache/dvstat."""
    explicit = os.environ.get("DVSTAT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dvstat"


class RosterCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._writes: list[Future[None]] = []
        self._writer: ThreadPoolExecutor | None = None

    def store_later(self, key: str, frame: Any, sheets: list[SheetInfo], issues: list[Issue],
                    source: Path | None = None) -> None:
        """Write in a background thread (Parquet writing releases the GIL), so a first run
        normalizes while the cache is written; ``flush`` waits for it."""
        self._writer = self._writer or ThreadPoolExecutor(max_workers=1)
        self._writes.append(self._writer.submit(self.store, key, frame, sheets, issues,
                                                source))

    def flush(self) -> None:
        for write in self._writes:
            write.result()
        self._writes.clear()
        if self._writer is not None:
            self._writer.shutdown()
            self._writer = None

    def key(self, path: Path, aliases: dict[str, list[str]] | None) -> str:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 22), b""):
                digest.update(chunk)
        digest.update(json.dumps([path.name, __version__, CACHE_FORMAT, aliases or {}],
                                 ensure_ascii=False, sort_keys=True).encode("utf-8"))
        return digest.hexdigest()

    def load(self, key: str) -> tuple[Any, list[SheetInfo], list[Issue]] | None:
        """The cached (frame, sheets, issues) of a key, or None."""
        import pandas as pd

        frame_path = self.folder / f"{key}.parquet"
        meta_path = self.folder / f"{key}.json"
        if not frame_path.is_file() or not meta_path.is_file():
            return None
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            frame = pd.read_parquet(frame_path)
        except (OSError, ValueError):
            return None
        sheets = [SheetInfo(**s) for s in meta["sheets"]]
        issues = [Issue(**i) for i in meta["issues"]]
        return frame, sheets, issues

    def store(self, key: str, frame: Any, sheets: list[SheetInfo], issues: list[Issue],
              source: Path | None = None) -> None:
        meta: dict[str, Any] = {"sheets": [asdict(s) for s in sheets],
                                "issues": [asdict(i) for i in issues]}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temp = self.folder / f".{key}.{os.getpid()}.tmp"
            frame.to_parquet(temp, index=False)
            os.replace(temp, self.folder / f"{key}.parquet")
            temp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            os.replace(temp, self.folder / f"{key}.json")
            if source is not None:
                _marker(self.folder, source).write_text(key, encoding="ascii")
        except (OSError, ValueError, TypeError):
            return
