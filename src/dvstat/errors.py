"""The one exception family: a file or setting that makes a trustworthy result impossible.

Bad rows are never exceptions (they become Issues); these are raised for whole inputs and
caught once, in ``cli.py``, which prints the message and exits 1.
"""

from __future__ import annotations


class DvstatError(Exception):
    """Base of every error dvstat reports to the user (exit code 1), in both languages."""

    def __init__(self, vi: str, en: str | None = None) -> None:
        super().__init__(en or vi)
        self.vi = vi
        self.en = en or vi

    def message(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def __reduce__(self) -> tuple[type[DvstatError], tuple[str, str]]:
        """Both messages survive the trip back from a reading worker (``dvstat.workers``)."""
        return type(self), (self.vi, self.en)


class RosterReadError(DvstatError):
    """A roster file cannot be read at all (missing, corrupt, encrypted, not a workbook)."""


class PlanError(DvstatError):
    """The plan file cannot be used (unreadable, missing column, bad target)."""


class ConfigError(DvstatError):
    """``dvstat.toml`` is missing a key, or a key has the wrong kind of value."""


class TemplateError(DvstatError):
    """A report template is broken, names an undefined value, or breaks the sandbox."""


class OutputError(DvstatError):
    """An output cannot be written, or another run holds the lock."""


class UsageError(DvstatError):
    """An option that names nothing dvstat can do (a period '2025-Q5', '--from' after
    '--to', a year 25): a usage error, exit code 2."""
