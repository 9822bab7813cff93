"""Counted rows, validation and period -> the Report every format renders (docs/design.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd

from dvstat import schema
from dvstat.checks import Validation
from dvstat.issue_store import IssueEntries, IssueTable, RejectedRows
from dvstat.model import (
    Issue,
    IssueSummary,
    Level,
    Period,
    Report,
    RowCounts,
    Scope,
)
from dvstat.periods import TERM_YEARS, comparison_period, in_period
from dvstat.stats import compare_totals, compute_stats, compute_unit_stats


def comparison_rows(
    frame: pd.DataFrame,
    valid: pd.Series,
    period: Period,
    basis: str | None,
    term_years: int = TERM_YEARS,
    as_of: date | None = None,
) -> tuple[Period, pd.DataFrame] | None:
    """The comparison period and its valid rows, or None: no comparison asked, the whole
    roster, or a roster that does not reach back into it (no valid admission on or before
    its end), so that a roster starting this year gives 'previous: null', not 0."""
    if basis is None:
        return None
    before = comparison_period(period, basis, term_years, as_of)
    if before is None or before.end is None:
        return None
    admitted = frame.loc[valid, schema.ADMISSION_DATE]
    if not len(admitted) or admitted.min() > pd.Timestamp(before.end):
        return None
    return before, frame[valid & in_period(frame, before)]


def summarize_issues(issues: Iterable[Issue], lang: str) -> IssueSummary:
    """The counts, and the issues whose messages are made when a report prints them."""
    table = IssueTable.of(issues)
    return IssueSummary(
        errors=table.severity_count("error"),
        warnings=table.severity_count("warning"),
        infos=table.severity_count("info"),
        items=IssueEntries(table, lang),
    )


def count_rows(valid: pd.Series, counted: pd.Series, validation: Validation) -> RowCounts:
    """The reconciliation; ``valid`` = not rejected, ``counted`` = valid and in the period."""
    return RowCounts(
        read=len(valid),
        counted=int(counted.sum()),
        rejected=int(validation.rejected.sum()),
        outside_period=int((valid & ~counted).sum()),
        duplicates=int(validation.duplicate.sum()),
    )


def build_report(
    frame: pd.DataFrame,
    validation: Validation,
    issues: Sequence[Issue],
    period: Period,
    *,
    lang: str,
    by: Level | None,
    compare: str | None,
    organization: str | None,
    generated_by: str,
    inputs: Sequence[str] = (),
    term_years: int = TERM_YEARS,
    as_of: date | None = None,
) -> Report:
    """The summary report of the rows counted in ``period``, with the comparison period
    beside it where the roster covers it (``compare``: 'auto', 'last_year',
    'previous_term', or None for none)."""
    valid = ~validation.rejected
    counted = valid & in_period(frame, period)
    rows = frame[counted]
    stats = compute_stats(rows, lang)

    previous_stats = comparison = previous_period = None
    previous_rows: pd.DataFrame | None = None
    found = comparison_rows(frame, valid, period, compare, term_years, as_of)
    if found is not None:
        previous_period, previous_rows = found
        previous_stats = compute_stats(previous_rows, lang)
        comparison = compare_totals(stats.total, previous_stats.total)

    units = compute_unit_stats(rows, by, lang, previous_rows) if by else ()
    return Report(
        generated_by=generated_by,
        lang=lang,
        scope=Scope(organization=organization, unit=None, period=period),
        rows=count_rows(valid, counted, validation),
        stats=stats,
        previous=previous_stats,
        comparison=comparison,
        units=units,
        issues=summarize_issues(issues, lang),
        inputs=tuple(inputs),
        rejected=rejected_rows(frame, validation),
        women=compute_stats(rows[rows[schema.GENDER] == "female"], lang),
        previous_period=previous_period,
    )


def rejected_rows(frame: pd.DataFrame, validation: Validation) -> RejectedRows:
    """Every rejected row with its place and the code of the issue that rejected it."""
    mask = validation.rejected
    part = frame.loc[mask, [schema.SRC_FILE, schema.SRC_SHEET, schema.SRC_ROW]]
    sheets = part[schema.SRC_SHEET].astype(object)
    return RejectedRows(
        part[schema.SRC_FILE].astype(object).map(str).to_numpy(),
        sheets.where(sheets.notna(), None).map(lambda s: None if s is None else str(s)).to_numpy(),
        part[schema.SRC_ROW].astype("int64").to_numpy(),
        validation.reason[mask].astype(object).map(str).to_numpy(),
    )
