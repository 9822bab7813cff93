"""dvstat: statistics of party members, admissions and candidates from branch rosters.

The library (see ``dvstat.api`` and docs/api.md)::

    import dvstat
    summary = dvstat.summarize("danh-sach/", year=2025)
    summary.to_frame()

The names below load on first use, so ``import dvstat`` (and ``dvstat --help``) stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

_API = {
    "read": "dvstat.api",
    "validate": "dvstat.api",
    "summarize": "dvstat.api",
    "quota": "dvstat.api",
    "probation": "dvstat.api",
    "members": "dvstat.api",
    "candidates": "dvstat.api",
    "badges": "dvstat.api",
    "forms": "dvstat.api",
    "unit_register": "dvstat.api",
    "render": "dvstat.api",
    "choose": "dvstat.api",
    "Roster": "dvstat.api",
    "ReportHeading": "dvstat.settings",
    "Settings": "dvstat.settings",
    "ReadLimits": "dvstat.settings",
    "load_settings": "dvstat.readers.config",
    "Period": "dvstat.model",
    "FormsReport": "dvstat.model",
    "DvstatError": "dvstat.errors",
}
__all__ = [
    "DvstatError",
    "Period",
    "ReadLimits",
    "ReportHeading",
    "Roster",
    "Settings",
    "__version__",
    "badges",
    "candidates",
    "choose",
    "load_settings",
    "members",
    "probation",
    "quota",
    "read",
    "render",
    "summarize",
    "unit_register",
    "validate",
]

if TYPE_CHECKING:
    from dvstat.api import (
        Roster,
        badges,
        candidates,
        choose,
        members,
        probation,
        quota,
        read,
        render,
        summarize,
        unit_register,
        validate,
    )
    from dvstat.errors import DvstatError
    from dvstat.model import Period
    from dvstat.readers.config import load_settings
    from dvstat.settings import ReadLimits, ReportHeading, Settings


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'dvstat' has no attribute {name!r}")
