"""Issues and rejected rows kept as columns, formatted into messages only when printed.

A folder copied five times by mistake holds four duplicates in every five rows: an object
per finding with its message would cost more memory and time than the rows themselves.
So a check records a *batch* (one code, severity and common detail for every row it
flags) and columns (the place, the quoted value, the detail that differs by row); an
``Issue`` is made only when one is looked at, and messages are formatted when a report
prints them: every one for JSON and the issues workbook, the first rows of each sheet on
the terminal (``IssueEntries.by_place``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast, overload

import numpy as np
import pyarrow as pa

from dvstat.messages import column_label, describe
from dvstat.model import Issue, IssueEntry, RejectedRow, Severity

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Batch:
    """What the rows of one rule share; ``extras`` holds per-row detail (one value per row
    of the batch, given as its ``str``), ``unnamed_field`` the field to name where a row's
    sheet has no header for the column."""

    code: str
    severity: Severity
    detail: Mapping[str, str] = field(default_factory=dict)
    extras: Mapping[str, Sequence[Any] | np.ndarray] = field(default_factory=dict)
    unnamed_field: str | None = None


TEXT = pa.large_string()


def _texts(values: Iterable[Any] | pa.Array | pa.ChunkedArray) -> pa.ChunkedArray:
    """Quoted cell texts as Arrow (None: nothing quoted): a million names cost their
    bytes, not a million Python strings."""
    if isinstance(values, pa.ChunkedArray):
        return values.cast(TEXT)
    if isinstance(values, pa.Array):
        return pa.chunked_array([values.cast(TEXT)], type=TEXT)
    return pa.chunked_array([pa.array(list(values), type=TEXT)], type=TEXT)


def _objects(values: Iterable[Any], size: int) -> np.ndarray:
    out = np.empty(size, dtype=object)
    out[:] = list(values) if not isinstance(values, np.ndarray) else values
    return out


class _EqualAsLists:
    """Equal to any sequence holding equal items in the same order (a list of issues made
    one by one compares equal to the table that stores them)."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return list(cast(Sequence[object], self)) == list(other)

    __hash__ = None  # type: ignore[assignment]


class IssueTable(_EqualAsLists, Sequence[Issue]):
    """Issues in order, one row each: the batch it belongs to, its position in the batch,
    its place (file, sheet, row, column as the sheet heads it) and the value quoted. The
    place is kept in object arrays that point at the names a roster's rows share, the
    value in Arrow, so a row costs a few machine words and its quoted text."""

    __slots__ = ("_batches", "_batch", "_pos", "_file", "_sheet", "_row", "_column", "_value")

    def __init__(
        self,
        batches: Sequence[Batch],
        batch: np.ndarray,
        pos: np.ndarray,
        file: np.ndarray,
        sheet: np.ndarray,
        row: np.ndarray,
        column: np.ndarray,
        value: pa.ChunkedArray,
    ) -> None:
        self._batches = list(batches)
        self._batch, self._pos = batch, pos
        self._file, self._sheet, self._row = file, sheet, row  # row -1: none
        self._column, self._value = column, value

    # -- building ---------------------------------------------------------------------

    @classmethod
    def empty(cls) -> IssueTable:
        return cls.of([])

    @classmethod
    def rows(
        cls,
        batch: Batch,
        file: Iterable[Any],
        sheet: Iterable[Any],
        row: Iterable[int],
        column: Iterable[Any],
        value: Iterable[Any] | pa.Array | pa.ChunkedArray,
        size: int,
    ) -> IssueTable:
        """One batch of ``size`` rows (None where a sheet, column or value is not known)."""
        return cls(
            [batch],
            np.zeros(size, np.int32),
            np.arange(size, dtype=np.int64),
            _objects(file, size),
            _objects(sheet, size),
            np.fromiter(row, dtype=np.int64, count=size),
            _objects(column, size),
            _texts(value),
        )

    @classmethod
    def of(cls, issues: Iterable[Issue]) -> IssueTable:
        """Issues made one by one (a sheet's, a file's): each its own batch."""
        if isinstance(issues, IssueTable):
            return issues
        listed = list(issues)
        size = len(listed)
        return cls(
            [Batch(i.code, i.severity, i.detail) for i in listed],
            np.arange(size, dtype=np.int32),
            np.zeros(size, np.int64),
            _objects((i.file for i in listed), size),
            _objects((i.sheet for i in listed), size),
            np.fromiter((-1 if i.row is None else i.row for i in listed), np.int64, size),
            _objects((i.column for i in listed), size),
            _texts(i.value for i in listed),
        )

    @classmethod
    def join(cls, *parts: Iterable[Issue]) -> IssueTable:
        """The parts one after the other (tables, lists of issues)."""
        tables = [cls.of(p) for p in parts]
        tables = [t for t in tables if len(t)] or [cls.empty()]
        if len(tables) == 1:
            return tables[0]
        offsets = np.cumsum([0] + [len(t._batches) for t in tables[:-1]])

        def joined(name: str) -> np.ndarray:
            return np.concatenate([getattr(t, name) for t in tables])

        return cls(
            [b for t in tables for b in t._batches],
            np.concatenate([t._batch + np.int32(o) for t, o in zip(tables, offsets, strict=True)]),
            joined("_pos"),
            joined("_file"),
            joined("_sheet"),
            joined("_row"),
            joined("_column"),
            pa.chunked_array([c for t in tables for c in t._value.chunks], type=TEXT),
        )

    def take(self, positions: np.ndarray) -> IssueTable:
        """The issues at ``positions``, in that order."""
        return IssueTable(
            self._batches,
            self._batch[positions],
            self._pos[positions],
            self._file[positions],
            self._sheet[positions],
            self._row[positions],
            self._column[positions],
            self._value.take(pa.array(positions, type=pa.int64())),
        )

    # -- reading ----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._batch)

    @overload
    def __getitem__(self, index: int) -> Issue: ...
    @overload
    def __getitem__(self, index: slice) -> IssueTable: ...
    def __getitem__(self, index: int | slice) -> Issue | IssueTable:
        if isinstance(index, slice):
            return self.take(np.arange(len(self))[index])
        return self._issue(range(len(self))[index])

    def __iter__(self) -> Iterator[Issue]:
        return (self._issue(i) for i in range(len(self)))

    def __repr__(self) -> str:
        return f"IssueTable({len(self)} issues)"

    def _issue(self, i: int) -> Issue:
        batch = self._batches[self._batch[i]]
        detail = dict(batch.detail)
        if batch.extras:
            position = int(self._pos[i])
            detail.update({key: str(values[position]) for key, values in batch.extras.items()})
        column = self._column[i]
        if column is None and batch.unnamed_field is not None:
            detail["column_field"] = batch.unnamed_field
        row = int(self._row[i])
        return Issue(
            batch.code,
            batch.severity,
            self._file[i],
            self._sheet[i],
            None if row < 0 else row,
            column,
            self._value[i].as_py(),
            detail,
        )

    def severity_count(self, severity: Severity) -> int:
        """How many issues are of ``severity`` (no issue is made)."""
        wanted = np.array([b.severity == severity for b in self._batches], dtype=bool)
        return int(wanted[self._batch].sum())

    def code_counts(self, severities: Sequence[Severity] = SEVERITIES) -> Counter[str]:
        """How many issues of each code, among those of ``severities``."""
        per_batch = np.bincount(self._batch, minlength=len(self._batches))
        counts: Counter[str] = Counter()
        for batch, n in zip(self._batches, per_batch, strict=True):
            if n and batch.severity in severities:
                counts[batch.code] += int(n)
        return counts

    def files(self) -> np.ndarray:
        return self._file

    def sheets(self) -> np.ndarray:
        return self._sheet


class IssueEntries(_EqualAsLists, Sequence[IssueEntry]):
    """The issues of a report, their messages in its language made when asked for: one at
    a time as a template or the terminal walks them, all at once for JSON."""

    def __init__(self, table: IssueTable, lang: str) -> None:
        self.table, self.lang = table, lang

    def __len__(self) -> int:
        return len(self.table)

    @overload
    def __getitem__(self, index: int) -> IssueEntry: ...
    @overload
    def __getitem__(self, index: slice) -> IssueEntries: ...
    def __getitem__(self, index: int | slice) -> IssueEntry | IssueEntries:
        if isinstance(index, slice):
            return IssueEntries(self.table[index], self.lang)
        return self._entry(self.table[index])

    def __iter__(self) -> Iterator[IssueEntry]:
        return (self._entry(issue) for issue in self.table)

    def _entry(self, issue: Issue) -> IssueEntry:
        return IssueEntry(issue, describe(issue, self.lang), column_label(issue, self.lang))

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every issue as JSON writes it."""
        return [entry.to_dict() for entry in self]

    def by_place(
        self, first: int
    ) -> list[tuple[str | None, str | None, int, IssueEntries, Counter[str]]]:
        """(file, sheet, how many issues, ``first`` of them, how many of each code) for each
        run of one sheet in the order met: what the terminal shows of a long list. The
        rows shown are the first errors, then warnings, then notes, in roster order."""
        table = self.table
        if not len(table):
            return []
        files, sheets = table.files(), table.sheets()
        changed = (files[1:] != files[:-1]) | (sheets[1:] != sheets[:-1])
        starts = np.flatnonzero(np.r_[True, changed.astype(bool)])
        ends = np.r_[starts[1:], len(table)]
        rank = np.array([SEVERITIES.index(b.severity) for b in table._batches], np.int8)
        ranks = rank[table._batch]
        out = []
        for start, end in zip(starts, ends, strict=True):
            # errors first, then warnings, then notes; shown in roster order
            worst = np.argsort(ranks[start:end], kind="stable")[:first]
            shown = start + np.sort(worst)
            out.append(
                (
                    table.files()[start],
                    table.sheets()[start],
                    int(end - start),
                    IssueEntries(table.take(shown), self.lang),
                    table.take(np.arange(start, end)).code_counts(),
                )
            )
        return out


class RejectedRows(_EqualAsLists, Sequence[RejectedRow]):
    """Every rejected row (file, sheet, row, the code that rejected it) as columns."""

    def __init__(
        self, file: np.ndarray, sheet: np.ndarray, row: np.ndarray, reason: np.ndarray
    ) -> None:
        self.file, self.sheet, self.row, self.reason = file, sheet, row, reason

    def __len__(self) -> int:
        return len(self.row)

    @overload
    def __getitem__(self, index: int) -> RejectedRow: ...
    @overload
    def __getitem__(self, index: slice) -> RejectedRows: ...
    def __getitem__(self, index: int | slice) -> RejectedRow | RejectedRows:
        if isinstance(index, slice):
            return RejectedRows(
                self.file[index], self.sheet[index], self.row[index], self.reason[index]
            )
        return RejectedRow(
            self.file[index], self.sheet[index], int(self.row[index]), self.reason[index]
        )

    def __iter__(self) -> Iterator[RejectedRow]:
        return (self[i] for i in range(len(self)))

    def to_dicts(self) -> list[dict[str, Any]]:
        return [
            {"file": f, "sheet": s, "row": int(r), "reason": why}
            for f, s, r, why in zip(self.file, self.sheet, self.row, self.reason, strict=True)
        ]
