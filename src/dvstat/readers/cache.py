"""A cache of parsed rosters, keyed by file content, so a cron re-run skips parsing.

Two levels, both Parquet + JSON under the cache folder:

- per file, the reader's output (member rows as text with provenance, the sheets found, the
  reading issues), keyed by the SHA-256 of the file's bytes with its name, dvstat's version
  and code (``code_digest``) and the header aliases;
- per set of files, the normalized frame of them all with their sheets and reading issues,
  keyed by the file keys in order with the value aliases: a re-run over the same files
  skips reading and normalizing. (Normalization spans files — one spelling shown per
  unit — so it is cached for the set, not per file.) A set of one file is stored only at
  this level: the first level serves sets of several files, one of which changed.

Entries hold personal data (names, birth dates, ethnicity, religion, ID numbers): a folder
dvstat creates is 0700 and every file 0600 whatever the umask. The folder is opened once,
without following a link, and every entry is then read and written relative to that open
folder (a folder swapped or linked elsewhere afterwards is not followed); a folder owned by
someone else, or writable by others, is not used and never chmod'ed. Each entry records the
key it was written for and the SHA-256 of its data, signed together with a secret kept in
the user's own config folder (HMAC, ``cache_secret``): an entry written by anyone without
that secret, a damaged entry, or another roster's entry copied under this key, is a miss
(said with ``--verbose``), never wrong figures.

Any change to a file or to how it is read or interpreted misses. Validation is never cached:
it depends on the day (``as_of``). The cache is best effort: a folder that cannot be
written only costs speed, never a result. Entries unused for ``MAX_AGE_DAYS`` are removed,
and only the newest ``KEEP_NORMALIZED`` normalized sets are kept (they are the large ones).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from dvstat import __version__
from dvstat.model import Issue, SheetInfo

MAX_AGE_DAYS = 30
KEEP_NORMALIZED = 4
_NORMALIZED_PREFIX = "norm-"


def _marker(folder: Path, path: Path) -> Path:
    """A small file saying 'this exact file (path, size, mtime) is cached under key K'."""
    stat = path.stat()
    identity = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()
    return folder / f"id-{hashlib.sha256(identity).hexdigest()[:32]}"


def probably_cached(folder: Path, path: Path) -> bool:
    """Cheap look (no hashing of the file) whether a run would be served by the cache; used
    only to decide whether parsing ahead is worth it."""
    try:
        if folder.is_symlink():
            return False
        key = _marker(folder, path).read_text("ascii").strip()
    except OSError:
        return False
    return bool(_ENTRY.match(f"{key}.parquet")) and (folder / f"{key}.parquet").is_file()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 of dvstat's own code and vocabularies (a few milliseconds): an entry written
    by any other code — a new release, a changed checkout — is never served."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def default_cache_dir() -> Path:
    """$DVSTAT_CACHE_DIR, else $XDG_CACHE_HOME/dvstat, else ~/.cache/dvstat."""
    explicit = os.environ.get("DVSTAT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dvstat"


def _best_effort(write: Callable[..., Any], *args: Any) -> None:
    """A cache write that fails (a full disk, a folder made read-only) only costs speed
    next time; the run goes on. (Writing on a background thread was measured and earned
    under 10 % of a command: benchmarks/tricks.py.)"""
    try:
        write(*args)
    except Exception:  # noqa: BLE001, S110 - see docstring
        pass


_ENTRY = re.compile(r"^(?:norm-)?[0-9a-f]{64}\.(?:parquet|json)$")
_MARKER = re.compile(r"^id-[0-9a-f]{32}$")


class RosterCache:
    """The cache folder; ``note`` is told, in a few words, why an entry was not used."""

    def __init__(self, folder: Path, note: Callable[[str], None] | None = None) -> None:
        self.folder = folder
        self.note = note or (lambda _text: None)
        self._keys: dict[tuple[Path, str], str] = {}
        self._open: _OpenFolder | None = None
        self._tried = False
        self._secret: bytes | None = None
        self._pruned = False
        self._lock = threading.Lock()

    def usable(self) -> bool:
        """Whether the folder is ours and private and the signing secret is there (both
        looked at once; the folder stays open for the run)."""
        with self._lock:
            if not self._tried:
                self._tried = True
                self._secret = cache_secret(self.note)
                if self._secret is not None:
                    self._open = _OpenFolder.open(self.folder, self.note)
        return self._open is not None

    @property
    def _dir(self) -> _OpenFolder:
        assert self._open is not None  # callers ask usable() first
        return self._open

    def store_reading(
        self,
        key: str,
        frame: Any,
        sheets: list[SheetInfo],
        issues: list[Issue],
        source: Path | None = None,
    ) -> None:
        """Write one file's entry (best effort)."""
        _best_effort(self.store, key, frame, sheets, issues, source)

    def key(self, path: Path, aliases: dict[str, list[str]] | None) -> str:
        """The key of one file's reading; hashed once a run (both levels need it)."""
        recipe = json.dumps(
            [path.name, __version__, code_digest(), aliases or {}],
            ensure_ascii=False,
            sort_keys=True,
        )
        known = self._keys.get((path, recipe))
        if known is not None:
            return known
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 22), b""):
                digest.update(chunk)
        digest.update(recipe.encode("utf-8", "surrogatepass"))  # names need not be UTF-8
        self._keys[(path, recipe)] = key = digest.hexdigest()
        return key

    def set_key(
        self,
        paths: Sequence[Path],
        header_aliases: dict[str, list[str]] | None,
        value_aliases: Mapping[str, Mapping[str, str]] | None,
    ) -> str | None:
        """The key of the normalized frame of these files in this order, or None when one
        of them is not a plain file."""
        if not all(p.is_file() for p in paths):
            return None
        keys = [self.key(p, header_aliases) for p in paths]
        recipe = json.dumps(
            [keys, __version__, code_digest(), value_aliases or {}],
            ensure_ascii=False,
            sort_keys=True,
        )
        return _NORMALIZED_PREFIX + hashlib.sha256(recipe.encode("utf-8")).hexdigest()

    def load_normalized(
        self,
        paths: Sequence[Path],
        header_aliases: dict[str, list[str]] | None,
        value_aliases: Mapping[str, Mapping[str, str]] | None,
    ) -> tuple[Any, list[SheetInfo], list[Issue]] | None:
        """The normalized frame of these files with their sheets and reading issues (as
        ``read_rosters`` gives them), or None when any part is missing or unreadable."""
        key = self.set_key(paths, header_aliases, value_aliases)
        return None if key is None else self.load(key, with_dtypes=True)

    def store_normalized(
        self,
        paths: Sequence[Path],
        header_aliases: dict[str, list[str]] | None,
        value_aliases: Mapping[str, Mapping[str, str]] | None,
        frame: Any,
        sheets: list[SheetInfo],
        issues: list[Issue],
    ) -> None:
        """Write the normalized frame of these files (best effort). A single file is
        marked as held by it (see ``probably_cached``)."""
        key = self.set_key(paths, header_aliases, value_aliases)
        if key is None:
            return
        meta = {
            "dtypes": {str(name): str(dtype) for name, dtype in frame.dtypes.items()},
            "sheets": [asdict(s) for s in sheets],
            "issues": [asdict(i) for i in issues],
        }
        source = paths[0] if len(paths) == 1 else None
        _best_effort(self._write, key, frame, meta, source)

    def _meta(self, key: str) -> dict[str, Any] | None:
        """The entry's meta, checked: it names this key, and its digest is its own."""
        try:
            meta = json.loads(self._dir.read(f"{key}.json").decode("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            self.note("mục hỏng (không đọc được) / damaged entry (unreadable)")
            return None
        if not isinstance(meta, dict):
            self.note("mục hỏng / damaged entry")
            return None
        signature = meta.pop("meta_hmac", None)
        if not isinstance(signature, str) or not hmac.compare_digest(signature, self._sign(meta)):
            self.note(
                "mục không có chữ ký của người dùng này hoặc bị sửa / entry not signed by this"
                " user, or changed"
            )
            return None
        if meta.get("key") != key:
            self.note("mục của dữ liệu khác / entry written for other data")
            return None
        return meta

    def load(
        self, key: str, with_dtypes: bool = False
    ) -> tuple[Any, list[SheetInfo], list[Issue]] | None:
        """The cached (frame, sheets, issues) of a key, or None; ``with_dtypes`` restores
        the dtypes stored beside a normalized frame. A damaged or foreign entry is a
        miss."""
        if not self.usable():
            return None
        meta = self._meta(key)
        if meta is None:
            return None
        try:
            sheets = [SheetInfo(**s) for s in meta["sheets"]]
            issues = [Issue(**i) for i in meta["issues"]]
            dtypes = dict(meta["dtypes"]) if with_dtypes else {}
            expected = str(meta["parquet_sha256"])
        except (KeyError, TypeError, ValueError):
            self.note("mục hỏng / damaged entry")
            return None
        try:
            data = self._dir.read(f"{key}.parquet")
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != expected:
            self.note("mục hỏng (dữ liệu bị sửa) / damaged entry (data changed)")
            return None
        frame = _read_frame(data, dtypes)
        if frame is None:
            self.note("mục hỏng / damaged entry")
            return None
        self._dir.touch(f"{key}.parquet")
        return frame, sheets, issues

    def store(
        self,
        key: str,
        frame: Any,
        sheets: list[SheetInfo],
        issues: list[Issue],
        source: Path | None = None,
    ) -> None:
        meta: dict[str, Any] = {
            "sheets": [asdict(s) for s in sheets],
            "issues": [asdict(i) for i in issues],
        }
        self._write(key, frame, meta, source)

    def _write(
        self, key: str, frame: Any, meta: dict[str, Any], source: Path | None = None
    ) -> bool:
        """Frame then meta, each private (0600) through a temporary file: a reader sees
        both or misses. ``source``: the file whose identity marker should point here."""
        if not self.usable():
            return False
        import io

        try:
            buffer = io.BytesIO()
            frame.to_parquet(buffer, index=False)
            data = buffer.getvalue()
            meta = {**meta, "key": key, "parquet_sha256": hashlib.sha256(data).hexdigest()}
            meta["meta_hmac"] = self._sign(meta)
            self._dir.write(f"{key}.parquet", data)
            self._dir.write(f"{key}.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))
            if source is not None:
                self._dir.write(_marker(self.folder, source).name, key.encode("ascii"))
        except (OSError, ValueError, TypeError):
            return False
        if not self._pruned:  # once a run: a folder of 15.000 entries is not rescanned per write
            self._pruned = True
            try:
                self.prune()
            except (OSError, ValueError):
                pass  # another run pruning at the same time, or a damaged marker
        return True

    def _sign(self, meta: dict[str, Any]) -> str:
        assert self._secret is not None
        text = json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hmac.new(self._secret, text, hashlib.sha256).hexdigest()

    def prune(self, now: float | None = None) -> None:
        """Remove entries unused for MAX_AGE_DAYS and all but the newest KEEP_NORMALIZED
        normalized sets, so a daily cron over changing files does not fill the disk. Only
        dvstat's own files are touched (a cache folder set to a shared one loses nothing
        else)."""
        if not self.usable():
            return
        now = time.time() if now is None else now
        folder = self._dir
        names = folder.names()
        entries = [
            (folder.mtime(name), name)
            for name in names
            if name.endswith(".parquet") and _ENTRY.match(name)
        ]
        entries.sort(reverse=True)
        normalized = [n for _, n in entries if n.startswith(_NORMALIZED_PREFIX)]
        old = {n for mtime, n in entries if now - mtime > MAX_AGE_DAYS * 86400}
        for name in old | set(normalized[KEEP_NORMALIZED:]):
            folder.unlink(name)
            folder.unlink(name.removesuffix(".parquet") + ".json")
        kept = set(folder.names())
        for name in names:
            if not _MARKER.match(name):
                continue
            key = folder.read(name).decode("ascii", "replace").strip()
            if f"{key}.parquet" not in kept:
                folder.unlink(name)


class _OpenFolder:
    """The cache folder opened once, without following a link; every entry is reached
    relative to it, so a folder renamed or replaced by a link afterwards is not followed."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        weakref.finalize(self, os.close, fd)

    @classmethod
    def open(cls, folder: Path, note: Callable[[str], None]) -> _OpenFolder | None:
        """The folder, made 0700 if dvstat creates it; an existing one must be a folder
        (not a link) of this user that no one else may write to, and is never chmod'ed."""
        created = False
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.mkdir(folder, 0o700)
                created = True
            except FileExistsError:
                pass
            flags = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(folder, flags | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            note(
                f"không mở được thư mục bộ nhớ đệm '{folder}' (hoặc nó là liên kết); không dùng /"
                f" cannot open the cache folder '{folder}' (or it is a link); not used"
            )
            return None
        status = os.fstat(fd)
        if hasattr(os, "getuid") and status.st_uid != os.getuid():
            why = "không thuộc người dùng này / belongs to another user"
        elif not created and status.st_mode & 0o022:
            why = "người khác ghi được / others may write to it"
        else:
            if created:
                os.fchmod(fd, 0o700)  # ours, new: private whatever the umask
            return cls(fd)
        os.close(fd)
        note(f"thư mục bộ nhớ đệm '{folder}' {why}; không dùng / not used")
        return None

    def read(self, name: str) -> bytes:
        handle = os.open(name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0), dir_fd=self.fd)
        with os.fdopen(handle, "rb") as data:
            return data.read()

    def write(self, name: str, data: bytes) -> None:
        """``data`` to ``name`` through a new temporary file, 0600 whatever the umask."""
        temp = f".{name}.{os.getpid()}.{threading.get_ident()}.{secrets.token_hex(4)}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        handle = os.open(temp, flags, 0o600, dir_fd=self.fd)
        try:
            os.fchmod(handle, 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except BaseException:
            self.unlink(temp)
            raise

    def names(self) -> list[str]:
        return os.listdir(self.fd)

    def mtime(self, name: str) -> float:
        return os.stat(name, dir_fd=self.fd, follow_symlinks=False).st_mtime

    def touch(self, name: str) -> None:
        """Mark an entry as used (pruning goes by modification time)."""
        try:
            os.utime(name, dir_fd=self.fd, follow_symlinks=False)
        except (OSError, NotImplementedError):
            pass

    def unlink(self, name: str) -> None:
        try:
            os.unlink(name, dir_fd=self.fd)
        except FileNotFoundError:
            pass


def secret_path() -> Path:
    """Where the cache's signing secret lives: the user's own config folder."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "dvstat" / "cache-secret"


_SECRET_BYTES = 32


def cache_secret(note: Callable[[str], None] = lambda _text: None) -> bytes | None:
    """The user's signing secret, made on first use (0600 in a 0700 folder). One that is
    a link, someone else's, readable by others or of the wrong size is not used (and the
    cache with it): an entry signed with a secret others can read proves nothing."""
    path = secret_path()
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | flags, 0o600)
        except FileExistsError:
            pass
        else:
            os.fchmod(handle, 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(secrets.token_bytes(_SECRET_BYTES))
        handle = os.open(path, flags)
        with os.fdopen(handle, "rb") as source:
            status = os.fstat(source.fileno())
            secret = source.read(_SECRET_BYTES + 1)
    except OSError:
        note(f"không có khóa ký '{path}'; không dùng bộ nhớ đệm / no signing secret; cache off")
        return None
    mine = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    if not mine or status.st_mode & 0o077 or len(secret) != _SECRET_BYTES:
        note(f"khóa ký '{path}' không riêng tư; không dùng / signing secret not private; off")
        return None
    return secret


def _read_frame(data: bytes, dtypes: Mapping[str, str]) -> Any:
    """A cached frame with the dtypes it was stored with, or None. Parquet keeps dates in
    milliseconds (the frame has seconds) and an empty categorical as nulls; anything else
    that does not come back as it was makes the entry a miss."""
    import io

    import numpy as np
    import pandas as pd

    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except (OSError, ValueError, TypeError):
        return None
    for name, expected in dtypes.items():
        if name not in frame.columns:
            return None
        column = frame[name]
        if str(column.dtype) == expected:
            continue
        if expected.startswith("datetime64["):
            frame[name] = column.astype(np.dtype(expected))
        elif expected == "category" and column.isna().all():
            frame[name] = pd.Categorical([None] * len(frame), categories=pd.Index([], dtype=object))
        else:
            return None
    return frame
