"""The one speed trick of the command line that earns its keep: start parsing large .xlsx
rosters before pandas is imported.

Measured by ``benchmarks/tricks.py`` (whole commands at 100.000 rows, the median of nine
runs each; a trick stays only where it earns at least 10 % of a command):

| trick | first run | cached re-run | kept |
|---|---:|---:|---|
| parse .xlsx before importing pandas (here) | 14 % | 1 % | yes |
| clean names on a second thread (``normalize``) | 15 % | 1 % | yes, in the core |
| garbage collector off while importing, then frozen | -3 % | 3 % | removed |
| end with ``os._exit`` | -3 % | -1 % | removed |
| write the cache on a background thread | -4 % | -5 % | removed |

fastexcel parses without the GIL, so the import of pandas (about half a second) overlaps
the parse of a big workbook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dvstat.settings import Settings


def start_parsing_early(rosters: list[str], settings: Settings) -> None:
    """Start parsing a large .xlsx roster (named, or in dvstat.toml) now, when it is the
    only one: several files are read by the worker children, which would parse them again.
    A file the cache folder of these settings already holds is not parsed. Best effort: the
    normal reader takes whatever this leaves."""
    if len(rosters) == 1:
        from dvstat.readers.xlsx import prefetch

        prefetch(rosters, settings.limits, settings.cache_dir)
