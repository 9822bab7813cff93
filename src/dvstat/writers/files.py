"""Write outputs safely: render first, then a temporary file in the same folder and a rename.

A crash never leaves half a report, and an earlier output stays intact until the new one is
complete (SPEC §8).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dvstat.errors import OutputError


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
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"Không ghi được '{path}': {exc.strerror}.",
                          f"Cannot write '{path}': {exc.strerror}.") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
