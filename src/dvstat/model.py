"""Frozen records passed between the layers: issues, periods, and the report model (docs/design.md).

Nothing here imports pandas: the CLI reads these to print, and ``dvstat --help`` stays fast.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Level = Literal["branch", "org", "parent"]


@dataclass(frozen=True)
class Issue:
    """One finding, pinned to the place a user finds it in Excel (row as Excel shows it)."""

    code: str
    severity: Severity
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    detail: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Period:
    """An inclusive date range; ``start``/``end`` None means open (the whole roster)."""

    start: date | None
    end: date | None
    label_vi: str
    label_en: str
    code: str = ""  # short name for file names: 2025, 2025-Q3, 2025-07, 2020-2025
    basis: str = ""  # of a comparison period: "last_year" or "previous_term"

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The period as the JSON models write it (one home for its shape)."""
        data: dict[str, Any] = {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "label": self.label(lang),
        }
        if self.basis:
            data["basis"] = self.basis
        return data


WHOLE_ROSTER = Period(None, None, "toàn bộ danh sách", "whole roster", "tat-ca")


@dataclass(frozen=True)
class RowCounts:
    """The reconciliation: read = counted + rejected + outside_period (duplicates are rejected)."""

    read: int
    counted: int
    rejected: int
    outside_period: int
    duplicates: int

    def to_dict(self) -> dict[str, int]:
        return {
            "read": self.read,
            "counted": self.counted,
            "rejected": self.rejected,
            "outside_period": self.outside_period,
            "duplicates": self.duplicates,
        }


@dataclass(frozen=True)
class CategoryCount:
    code: str
    label: str
    count: int
    percent: float  # written to JSON by Stats.to_dict


@dataclass(frozen=True)
class Highlight:
    """A headline figure; ``unknown`` counts the rows whose value is not known (a column
    missing, a value unreadable), so a report says "không rõ: 31" rather than 0%."""

    count: int
    percent: float
    unknown: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "percent": self.percent, "unknown": self.unknown}


@dataclass(frozen=True)
class Stats:
    """Every breakdown and highlight of one scope (the whole report, a unit, last year)."""

    total: int
    mean_age: float | None
    breakdowns: dict[str, tuple[CategoryCount, ...]]
    highlights: dict[str, Highlight]

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "mean_age": self.mean_age,
            # inline: a report by unit holds tens of thousands of these
            "breakdowns": {
                name: [
                    {"code": c.code, "label": c.label, "count": c.count, "percent": c.percent}
                    for c in rows
                ]
                for name, rows in self.breakdowns.items()
            },
            "highlights": {code: h.to_dict() for code, h in self.highlights.items()},
        }

    def count(self, breakdown: str, code: str) -> int:
        """Count of one category, 0 when absent."""
        return next((c.count for c in self.breakdowns.get(breakdown, ()) if c.code == code), 0)


@dataclass(frozen=True)
class BreakdownTable:
    """Every breakdown of one unit as plain lists beside the categories they count (shared by
    all units): a national report has tens of thousands of units x ~130 categories, too
    many to build an object per figure unless one is asked for."""

    categories: Mapping[str, Sequence[tuple[str, str]]]  # breakdown -> (code, label)
    counts: Mapping[str, Sequence[int]]
    shares: Mapping[str, Sequence[float]]

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {
            name: [
                {"code": code, "label": label, "count": count, "percent": share}
                for (code, label), count, share in zip(
                    rows, self.counts[name], self.shares[name], strict=True
                )
            ]
            for name, rows in self.categories.items()
        }

    def rows(self) -> dict[str, tuple[CategoryCount, ...]]:
        return {
            name: tuple(
                CategoryCount(code, label, count, share)
                for (code, label), count, share in zip(
                    rows, self.counts[name], self.shares[name], strict=True
                )
            )
            for name, rows in self.categories.items()
        }


@dataclass(frozen=True)
class UnitStats:
    """A unit's figures; ``path`` holds the names from the top down to it (a unit is its
    path: every commune has a 'Chi bộ thôn 1'), ``label`` the name with as much of the path
    as tells it apart from other units of the same name."""

    level: Level
    name: str
    total: int
    mean_age: float | None
    highlights: dict[str, Highlight]
    table: BreakdownTable
    previous_total: int | None = None
    path: tuple[str, ...] = ()
    label: str = ""

    @cached_property
    def stats(self) -> Stats:
        """The unit's figures as a Stats (built when first asked for)."""
        return Stats(
            total=self.total,
            mean_age=self.mean_age,
            breakdowns=self.table.rows(),
            highlights=self.highlights,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "name": self.name,
            "path": list(self.path or (self.name,)),
            "label": self.label or self.name,
            "total": self.total,
            "mean_age": self.mean_age,
            "previous_total": self.previous_total,
            "breakdowns": self.table.to_dict(),
            "highlights": {code: h.to_dict() for code, h in self.highlights.items()},
        }


@dataclass(frozen=True)
class Comparison:
    """'% so với cùng kỳ' of the total: this × 100 / last year, and the change in percent."""

    previous_total: int
    percent_of_previous: float | None
    change_percent: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "previous_total": self.previous_total,
            "percent_of_previous": self.percent_of_previous,
            "change_percent": self.change_percent,
        }


@dataclass(frozen=True)
class IssueEntry:
    """An issue with its message rendered in the report's language."""

    issue: Issue
    message: str
    column: str | None = None  # the column in the report's language where no header names it

    def to_dict(self) -> dict[str, Any]:
        i = self.issue
        return {
            "code": i.code,
            "severity": i.severity,
            "file": i.file,
            "sheet": i.sheet,
            "row": i.row,
            "column": i.column or self.column,
            "value": i.value,
            "message": self.message,
        }


def _dicts(items: Sequence[Any]) -> list[dict[str, Any]]:
    """Items as JSON writes them; a column store (dvstat.issue_store) writes its own in bulk."""
    bulk = getattr(items, "to_dicts", None)
    return bulk() if bulk is not None else [item.to_dict() for item in items]


@dataclass(frozen=True)
class IssueSummary:
    errors: int
    warnings: int
    infos: int
    items: Sequence[IssueEntry]  # formatted when read (dvstat.issue_store.IssueEntries)

    def to_dict(self) -> dict[str, Any]:
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "items": _dicts(self.items),
        }


@dataclass(frozen=True)
class RejectedRow:
    """A row read but not counted, and the code of the issue that rejected it."""

    file: str
    sheet: str | None
    row: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "reason": self.reason}


@dataclass(frozen=True)
class Scope:
    organization: str | None
    unit: str | None
    period: Period

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "organization": self.organization,
            "unit": self.unit,
            "period": self.period.to_dict(lang),
        }


def units_keys(
    data: dict[str, Any], units_as_of: date | None, units_changed: date | None
) -> dict[str, Any]:
    """The JSON of a report that can be restated on the units of a date: 'units_as_of' and
    'units_changed' (the day the changed units began), null without a register history."""
    data["units_as_of"] = units_as_of.isoformat() if units_as_of else None
    data["units_changed"] = units_changed.isoformat() if units_changed else None
    return data


@dataclass(frozen=True)
class Report:
    """The one model every output format renders (docs/design.md)."""

    generated_by: str
    lang: str
    scope: Scope
    rows: RowCounts
    stats: Stats
    previous: Stats | None
    comparison: Comparison | None
    units: tuple[UnitStats, ...]
    issues: IssueSummary
    inputs: tuple[str, ...] = ()
    rejected: Sequence[RejectedRow] = ()
    women: Stats | None = None  # the same breakdowns over women only ("trong đó: nữ")
    previous_period: Period | None = None  # the dates ``previous`` covers, with its basis
    # with a unit register that has history: the day the units are those of, and the day the
    # changed units began (reports then say that earlier figures are restated)
    units_as_of: date | None = None
    units_changed: date | None = None
    schema: str = "dvstat.summary/1"

    def to_dict(self) -> dict[str, Any]:
        return units_keys(self._fields(), self.units_as_of, self.units_changed)

    def _fields(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema": self.schema,
            "generated_by": self.generated_by,
            "scope": self.scope.to_dict(self.lang),
            "rows": self.rows.to_dict(),
        }
        data.update(self.stats.to_dict())
        data["previous"] = None
        if self.previous is not None:
            data["previous"] = self.previous.to_dict()
            if self.previous_period is not None:
                data["previous"]["basis"] = self.previous_period.basis
                data["previous"]["period"] = self.previous_period.to_dict(self.lang)
        data["comparison"] = self.comparison.to_dict() if self.comparison else None
        data["units"] = [u.to_dict() for u in self.units]
        data["issues"] = self.issues.to_dict()
        data["women"] = self.women.to_dict() if self.women else None
        data["rejected"] = _dicts(self.rejected)
        data["inputs"] = list(self.inputs)
        return data

    def to_frame(self) -> Any:
        """Every breakdown as a pandas DataFrame, one row per category: breakdown, code,
        label, count, percent, and the comparison period's count where there is one."""
        import pandas as pd

        previous = self.previous
        return pd.DataFrame(
            [
                {
                    "breakdown": name,
                    "code": c.code,
                    "label": c.label,
                    "count": c.count,
                    "percent": c.percent,
                    "previous_count": previous.count(name, c.code) if previous else None,
                }
                for name, rows in self.stats.breakdowns.items()
                for c in rows
            ]
        )

    def units_frame(self) -> Any:
        """One row per unit: its path, total, highlights and comparison total."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "level": u.level,
                    "path": " / ".join(u.path or (u.name,)),
                    "name": u.name,
                    "total": u.total,
                    "mean_age": u.mean_age,
                    "previous_total": u.previous_total,
                    **{code: h.count for code, h in u.highlights.items() if code != "total"},
                }
                for u in self.units
            ]
        )


@dataclass(frozen=True)
class SheetInfo:
    """What the reader found in one sheet: where the header is and which fields it maps."""

    file: str
    sheet: str | None
    header_row: int | None  # Excel row number of the (last) header row
    headers: dict[str, str]  # field -> header text as written, for issue messages
    rows: int  # member rows read (blank and footer rows excluded)


@dataclass(frozen=True)
class PlanTarget:
    """One row of the plan: a unit's target for a year or a span of years (inclusive)."""

    unit: str
    key: str
    first_year: int
    last_year: int
    low: int
    high: int
    source: str
    row: int


@dataclass(frozen=True)
class Attainment:
    """Plan against admissions for one unit, or the whole scope (docs/plan.md)."""

    name: str
    level: str
    low: int | None
    high: int | None
    admitted: int
    attainment_percent: float | None
    gap: int | None
    status: str
    expected_to_date: float | None
    behind: bool | None
    previous_admitted: int | None
    change_percent: float | None
    cumulative: int | None = None  # a period inside a year: the year's total to its end
    pace_date: date | None = None  # the day ``expected_to_date`` is for
    path: tuple[str, ...] = ()

    @property
    def expected_members(self) -> int | None:
        """The pro-rata expectation in whole members (54,9 -> 55: nobody admits 0,9 of a
        member); being behind it is the same as being behind ``expected_to_date``."""
        if self.expected_to_date is None:
            return None
        return math.ceil(round(self.expected_to_date, 6))

    def to_dict(self) -> dict[str, Any]:
        target: int | dict[str, int] | None = None
        if self.low is not None and self.high is not None:
            target = self.low if self.low == self.high else {"min": self.low, "max": self.high}
        return {
            "name": self.name,
            "level": self.level,
            "target": target,
            "admitted": self.admitted,
            "attainment_percent": self.attainment_percent,
            "gap": self.gap,
            "status": self.status,
            "expected_to_date": self.expected_to_date,
            "expected_members": self.expected_members,
            "behind": self.behind,
            "previous_admitted": self.previous_admitted,
            "change_percent": self.change_percent,
            "cumulative": self.cumulative,
            "pace_date": self.pace_date.isoformat() if self.pace_date else None,
            "path": list(self.path),
        }


@dataclass(frozen=True)
class QuotaReport:
    generated_by: str
    lang: str
    period: Period
    as_of: date
    units: tuple[Attainment, ...]
    total: Attainment
    issues: IssueSummary
    comparison: Period | None = None  # the period 'previous_admitted' counts
    target_years: tuple[int, int] | None = None
    within: bool = False  # a period inside a year: measured by the year's running total
    # with a unit register that has history: the day the units are those of, and the day the
    # changed units began (reports then say that earlier figures are restated)
    units_as_of: date | None = None
    units_changed: date | None = None
    schema: str = "dvstat.quota/1"

    def to_dict(self) -> dict[str, Any]:
        return units_keys(self._fields(), self.units_as_of, self.units_changed)

    def _fields(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "generated_by": self.generated_by,
            "period": self.period.to_dict(self.lang),
            "as_of": self.as_of.isoformat(),
            "target": {
                "years": list(self.target_years) if self.target_years else None,
                "running_total": self.within,
            },
            "previous_period": (self.comparison.to_dict(self.lang) if self.comparison else None),
            "units": [u.to_dict() for u in self.units],
            "total": self.total.to_dict(),
            "issues": self.issues.to_dict(),
        }

    def to_frame(self) -> Any:
        """One row per unit (the total last), the fields of the JSON model; a range target
        as target_min / target_max."""
        import pandas as pd

        rows = []
        for row in (*self.units, self.total):
            data = row.to_dict()
            data.pop("target")
            data["path"] = " / ".join(data["path"])
            rows.append({"target_min": row.low, "target_max": row.high, **data})
        return pd.DataFrame(rows)


@dataclass(frozen=True)
class ProbationItem:
    """A probationary member whose 12 months end by the horizon (``days`` < 0: overdue)."""

    name: str
    branch: str
    file: str
    sheet: str | None
    row: int
    admitted: date
    due: date
    days: int
    status: str  # "due" or "overdue"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "branch": self.branch,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "admitted": self.admitted.isoformat(),
            "due": self.due.isoformat(),
            "days": self.days,
            "status": self.status,
        }


@dataclass(frozen=True)
class ValidationReport:
    """What ``validate`` found: the reconciliation, every issue, every rejected row."""

    generated_by: str
    lang: str
    inputs: tuple[str, ...]
    rows: RowCounts
    issues: IssueSummary
    rejected: Sequence[RejectedRow]
    schema: str = "dvstat.validate/1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "generated_by": self.generated_by,
            "inputs": list(self.inputs),
            "rows": self.rows.to_dict(),
            "issues": self.issues.to_dict(),
            "rejected": _dicts(self.rejected),
        }

    def to_frame(self) -> Any:
        """The issues as a pandas DataFrame, one row each, in roster order."""
        import pandas as pd

        columns = ["code", "severity", "file", "sheet", "row", "column", "value", "message"]
        return pd.DataFrame(_dicts(self.issues.items), columns=columns)


@dataclass(frozen=True)
class ProbationReport:
    """Probationary members whose 12 months end within ``within_days`` of ``as_of``."""

    generated_by: str
    lang: str
    as_of: date
    within_days: int
    items: tuple[ProbationItem, ...]
    schema: str = "dvstat.probation/1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "generated_by": self.generated_by,
            "lang": self.lang,
            "as_of": self.as_of.isoformat(),
            "within_days": self.within_days,
            "items": [i.to_dict() for i in self.items],
        }

    def to_frame(self) -> Any:
        import pandas as pd

        columns = ["name", "branch", "file", "sheet", "row", "admitted", "due", "days", "status"]
        return pd.DataFrame([i.to_dict() for i in self.items], columns=columns)


# --- the whole membership (dvstat members) ---------------------------------------------
@dataclass(frozen=True)
class UnitChange:
    """The increases and decreases of one unit (or of the whole list) between two dates."""

    label: str
    path: tuple[str, ...]
    at_start: int
    admitted: int
    transferred_in: int
    left: dict[str, int]  # by reason (died, transferred_out, …, unknown)
    at_end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "path": list(self.path),
            "at_start": self.at_start,
            "admitted": self.admitted,
            "transferred_in": self.transferred_in,
            "left": dict(self.left),
            "left_total": sum(self.left.values()),
            "at_end": self.at_end,
            "reconciles": self.reconciles,
        }

    @property
    def reconciles(self) -> bool:
        return (
            self.at_start + self.admitted + self.transferred_in - sum(self.left.values())
            == self.at_end
        )


@dataclass(frozen=True)
class Branch:
    label: str
    path: tuple[str, ...]
    members: int


@dataclass(frozen=True)
class Organizations:
    """Grassroots organizations by type, the branches under grassroots committees, and the
    branches with fewer than ``small_limit`` members (Biểu 5; "chi bộ dưới 5 đảng viên")."""

    grassroots: int
    grassroots_committees: int  # đảng bộ cơ sở
    grassroots_branches: int  # chi bộ cơ sở
    branches_under_committees: int
    branches: int
    small_limit: int
    small_branches: tuple[Branch, ...]
    members_without_organization: int
    register_unused: tuple[str, ...] = ()  # units of the register with no member

    def to_dict(self) -> dict[str, object]:
        return {
            "grassroots": self.grassroots,
            "grassroots_committees": self.grassroots_committees,
            "grassroots_branches": self.grassroots_branches,
            "branches_under_committees": self.branches_under_committees,
            "branches": self.branches,
            "branches_under_5": [
                {"label": b.label, "path": list(b.path), "members": b.members}
                for b in self.small_branches
            ],
            "small_limit": self.small_limit,
            "members_without_organization": self.members_without_organization,
            "register_units_without_members": list(self.register_unused),
        }


@dataclass(frozen=True)
class RegisterUnit:
    """A row of the unit register (don-vi.csv): code, name, type and parent code, and where
    it has them the unit's history: valid from and to (both days included), former names,
    and the units it went into when it ended (merged into one, or split in several)."""

    code: str
    name: str
    kind: str  # dang_bo_co_so | chi_bo_co_so | chi_bo | dang_bo_bo_phan | other
    parent: str
    valid_from: date | None = None
    valid_to: date | None = None
    former: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    row: int = 0  # the register's row, for the issues that name it
    file: str = ""

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class UnitEvent:
    """A change of the organization in a period, from the unit register: a unit formed
    (from others, or new), merged into another, split, or dissolved, on the day it took
    effect."""

    day: date
    kind: str  # formed | created | merged | split | dissolved
    name: str
    others: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "kind": self.kind,
            "name": self.name,
            "others": list(self.others),
        }


@dataclass(frozen=True)
class MembersReport:
    """The whole membership at a date (``dvstat members``): composition with every breakdown
    of ``summarize`` plus full/probationary and years of membership, the same date a year
    earlier, the organizations, and the increases and decreases over a span."""

    generated_by: str
    lang: str
    organization: str | None
    as_of: date  # the cut-off: membership on this day
    rows: dict[str, int]  # read = members + gone + not_yet + rejected
    stats: Stats
    milestones: dict[int, int]
    previous: Stats | None
    previous_date: date | None
    units: tuple[UnitStats, ...]
    organizations: Organizations
    changes: UnitChange | None
    change_units: tuple[UnitChange, ...]
    span: tuple[date, date] | None
    issues: IssueSummary
    inputs: tuple[str, ...] = ()
    # with a unit register that has history: the day the units are those of, and the day the
    # changed units began (reports then say that earlier figures are restated)
    unit_events: tuple[UnitEvent, ...] = ()  # the register's changes over the span
    units_as_of: date | None = None
    units_changed: date | None = None
    schema: str = "dvstat.members/1"

    def to_dict(self) -> dict[str, Any]:
        data = units_keys(self._fields(), self.units_as_of, self.units_changed)
        data["unit_events"] = [e.to_dict() for e in self.unit_events]
        return data

    def _fields(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema": self.schema,
            "generated_by": self.generated_by,
            "as_of": self.as_of.isoformat(),
            "scope": {"organization": self.organization, "as_of": self.as_of.isoformat()},
            "rows": dict(self.rows),
        }
        data.update(self.stats.to_dict())
        data["milestones"] = {str(years): count for years, count in self.milestones.items()}
        data["previous"] = None
        if self.previous is not None and self.previous_date is not None:
            data["previous"] = {**self.previous.to_dict(), "as_of": self.previous_date.isoformat()}
        data["organizations"] = self.organizations.to_dict()
        data["units"] = [u.to_dict() for u in self.units]
        data["changes"] = None
        if self.changes is not None and self.span is not None:
            data["changes"] = {
                "from": self.span[0].isoformat(),
                "to": self.span[1].isoformat(),
                **self.changes.to_dict(),
                "units": [u.to_dict() for u in self.change_units],
            }
        data["issues"] = self.issues.to_dict()
        data["inputs"] = list(self.inputs)
        return data

    def to_frame(self) -> Any:
        """Every breakdown of the membership, one row per category (as ``Report``)."""
        import pandas as pd

        previous = self.previous
        return pd.DataFrame(
            [
                {
                    "breakdown": name,
                    "code": c.code,
                    "label": c.label,
                    "count": c.count,
                    "percent": c.percent,
                    "previous_count": previous.count(name, c.code) if previous else None,
                }
                for name, rows in self.stats.breakdowns.items()
                for c in rows
            ]
        )


# --- the admission pipeline (dvstat candidates) -------------------------------------------
@dataclass(frozen=True)
class StageCount:
    """How many candidates stand at a stage, and of them the groups committees watch."""

    code: str
    label: str
    count: int
    groups: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "count": self.count,
            "groups": dict(self.groups),
        }


@dataclass(frozen=True)
class UnitStages:
    label: str
    path: tuple[str, ...]
    counts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "path": list(self.path),
            "stages": dict(self.counts),
            "total": sum(self.counts.values()),
        }


@dataclass(frozen=True)
class UnitFeasibility:
    """Can a unit still meet this year's target? ``remaining`` = target − admitted so far;
    ``ready`` = candidates past the class or in dossier; 'short' where even all of them
    would not reach it."""

    label: str
    path: tuple[str, ...]
    target: int
    admitted: int
    remaining: int
    ready: int
    status: str  # met | reachable | short

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "path": list(self.path),
            "target": self.target,
            "admitted": self.admitted,
            "remaining": self.remaining,
            "ready": self.ready,
            "status": self.status,
        }


@dataclass(frozen=True)
class Conversion:
    """Of those who finished the class in the last ``months`` months, how many were admitted;
    the median full months from class to admission of those admitted in that time."""

    months: int
    classed: int
    admitted: int
    percent: float | None
    median_months_to_admission: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "months": self.months,
            "classed": self.classed,
            "admitted": self.admitted,
            "percent": self.percent,
            "median_months_to_admission": self.median_months_to_admission,
        }


@dataclass(frozen=True)
class CandidatesReport:
    """The admission pipeline on a date (``dvstat candidates``, model dvstat.candidates/1)."""

    generated_by: str
    lang: str
    organization: str | None
    as_of: date
    rows: dict[str, int]  # read = on_list + dropped + not_yet + rejected
    stages: tuple[StageCount, ...]
    units: tuple[UnitStages, ...]
    period: Period | None
    flows: dict[str, int] | None
    conversion: Conversion
    feasibility: tuple[UnitFeasibility, ...]  # the units with a target this year
    feasibility_total: UnitFeasibility | None  # the whole scope, where there is a plan
    issues: IssueSummary
    inputs: tuple[str, ...] = ()
    # with a unit register that has history: the day the units are those of, and the day the
    # changed units began (reports then say that earlier figures are restated)
    units_as_of: date | None = None
    units_changed: date | None = None
    schema: str = "dvstat.candidates/1"

    def to_dict(self) -> dict[str, Any]:
        return units_keys(self._fields(), self.units_as_of, self.units_changed)

    def _fields(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "generated_by": self.generated_by,
            "as_of": self.as_of.isoformat(),
            "scope": {"organization": self.organization, "as_of": self.as_of.isoformat()},
            "rows": dict(self.rows),
            "total": sum(s.count for s in self.stages),
            "stages": [s.to_dict() for s in self.stages],
            "units": [u.to_dict() for u in self.units],
            "flows": (
                {"period": self.period.to_dict(self.lang), **self.flows}
                if self.flows is not None and self.period is not None
                else None
            ),
            "conversion": self.conversion.to_dict(),
            "plan": [u.to_dict() for u in self.feasibility],
            "plan_total": (
                self.feasibility_total.to_dict() if self.feasibility_total is not None else None
            ),
            "issues": self.issues.to_dict(),
            "inputs": list(self.inputs),
        }

    def to_frame(self) -> Any:
        """One row per unit and stage count (the units' table of the report)."""
        import pandas as pd

        return pd.DataFrame(
            [{"unit": u.label, "path": " / ".join(u.path), **u.counts} for u in self.units]
        )


# The reports that render to Markdown, a workbook or a Word document.
# --- the unit register on a date (dvstat units) ---------------------------------------------
@dataclass(frozen=True)
class UnitNode:
    """A unit of the register valid on the day, with its depth in the tree and its members
    on that day (None when no roster was given)."""

    depth: int
    unit: RegisterUnit
    members: int | None

    def to_dict(self) -> dict[str, Any]:
        u = self.unit
        return {
            "depth": self.depth,
            "code": u.code,
            "name": u.name,
            "kind": u.kind,
            "parent": u.parent or None,
            "valid_from": u.valid_from.isoformat() if u.valid_from else None,
            "valid_to": u.valid_to.isoformat() if u.valid_to else None,
            "former_names": list(u.former),
            "members": self.members,
        }


@dataclass(frozen=True)
class UnitsReport:
    """The unit register as it stands on a day, checked (the model ``dvstat.units/1``)."""

    generated_by: str
    lang: str
    as_of: date
    units: tuple[UnitNode, ...]
    issues: IssueSummary
    members: int | None  # members on the day in the rosters given
    schema: str = "dvstat.units/1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "generated_by": self.generated_by,
            "lang": self.lang,
            "as_of": self.as_of.isoformat(),
            "units": [u.to_dict() for u in self.units],
            "members": self.members,
            "issues": self.issues.to_dict(),
        }


# --- party badges (dvstat badges) ------------------------------------------------------------
def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class BadgeCount:
    """How many of one badge ('30_nam': 30 years)."""

    code: str
    years: int
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "years": self.years, "count": self.count}


@dataclass(frozen=True)
class BadgeMember:
    """One line of the list a committee sends: who, which badge, and why now."""

    name: str
    birth_date: date | None
    birthplace: str | None
    admitted: date | None
    official: date | None
    card_no: str | None
    branch: str
    path: tuple[str, ...]
    badge: int
    kind: str  # due | early (very ill) | missed | posthumous
    reached: date | None  # the day the years are reached
    file: str
    sheet: str | None
    row: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "birth_date": _iso(self.birth_date),
            "birthplace": self.birthplace,
            "admitted": _iso(self.admitted),
            "official": _iso(self.official),
            "card_no": self.card_no,
            "branch": self.branch,
            "path": list(self.path),
            "badge": self.badge,
            "kind": self.kind,
            "reached": _iso(self.reached),
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
        }


@dataclass(frozen=True)
class BadgeDelay:
    """A member whose badge a disciplinary measure delays: the day it may be awarded."""

    member: BadgeMember
    until: date
    award_day: date

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.member.to_dict(),
            "until": self.until.isoformat(),
            "award_day": self.award_day.isoformat(),
        }


@dataclass(frozen=True)
class BadgeWave:
    """One award day (3/2, 19/5, 2/9, 7/11): the members proposed, those proposed
    posthumously, those delayed, and the count per badge."""

    day: date
    label: str
    members: tuple[BadgeMember, ...]
    posthumous: tuple[BadgeMember, ...]
    delayed: tuple[BadgeDelay, ...]
    counts: tuple[BadgeCount, ...]
    posthumous_counts: tuple[BadgeCount, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "label": self.label,
            "count": len(self.members),
            "posthumous_count": len(self.posthumous),
            "badges": [c.to_dict() for c in self.counts],
            "posthumous_badges": [c.to_dict() for c in self.posthumous_counts],
            "members": [m.to_dict() for m in self.members],
            "posthumous": [m.to_dict() for m in self.posthumous],
            "delayed": [d.to_dict() for d in self.delayed],
        }


@dataclass(frozen=True)
class BadgeUnit:
    """Badges proposed in one unit over the run."""

    label: str
    path: tuple[str, ...]
    counts: tuple[BadgeCount, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "path": list(self.path),
            "badges": [c.to_dict() for c in self.counts],
            "total": sum(c.count for c in self.counts),
        }


@dataclass(frozen=True)
class BadgesReport:
    """The badge proposals of one or more award days (the model ``dvstat.badges/1``)."""

    generated_by: str
    lang: str
    organization: str | None
    as_of: date
    label: str  # 'năm 2027' / 'đợt 03/02/2027'
    waves: tuple[BadgeWave, ...]
    totals: tuple[BadgeCount, ...]
    units: tuple[BadgeUnit, ...]
    issues: IssueSummary
    rows: dict[str, int]
    inputs: tuple[str, ...] = ()
    schema: str = "dvstat.badges/1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "generated_by": self.generated_by,
            "lang": self.lang,
            "organization": self.organization,
            "as_of": self.as_of.isoformat(),
            "label": self.label,
            "inputs": list(self.inputs),
            "rows": dict(self.rows),
            "waves": [w.to_dict() for w in self.waves],
            "totals": [c.to_dict() for c in self.totals],
            "total": sum(c.count for c in self.totals),
            "units": [u.to_dict() for u in self.units],
            "issues": self.issues.to_dict(),
        }

    def to_frame(self) -> Any:
        """One row per member proposed, with the award day."""
        import pandas as pd

        rows = [
            {"wave": w.day.isoformat(), **m.to_dict()}
            for w in self.waves
            for m in (*w.members, *w.posthumous)
        ]
        columns = ["wave", *BadgeMember.__dataclass_fields__]
        return pd.DataFrame(rows, columns=[c for c in columns if c != "path"] + ["path"])


AnyReport = Report | QuotaReport | MembersReport | CandidatesReport | BadgesReport


@dataclass(frozen=True)
class FormRow:
    """One row of a filled form: its number and label as the form writes them, the figure
    of the period and of the same period a year earlier (None: left for hand entry, said in
    ``hand``), and the percent 2 × 100 / 3 (None shown '–'). ``values`` holds the columns of
    a form laid out by type or by list instead (one per column of the form)."""

    number: str
    label: str
    now: float | None = None
    before: float | None = None
    percent: float | None = None
    hand: str | None = None  # why the rosters cannot fill it
    heading: bool = False  # a row that only names a group
    values: tuple[float | None, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "label": self.label,
            "now": self.now,
            "before": self.before,
            "percent": self.percent,
            "hand": self.hand,
            "heading": self.heading,
            **({"values": list(self.values)} if self.values else {}),
        }


@dataclass(frozen=True)
class FilledForm:
    """One official form filled from the rosters; ``layout`` 'compare' (Kỳ này / Cùng kỳ /
    %), 'list' (total, of whom women, percent) or 'types' (a column per kind of unit)."""

    code: str
    title: str
    layout: str
    orientation: str
    columns: tuple[str, ...]
    rows: tuple[FormRow, ...]
    notes: tuple[str, ...]
    available: bool  # False: the inputs it needs were not given (every cell by hand)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "layout": self.layout,
            "orientation": self.orientation,
            "columns": list(self.columns),
            "available": self.available,
            "rows": [r.to_dict() for r in self.rows],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class FormsReport:
    """``dvstat forms``: the forms of one set filled for a period."""

    generated_by: str
    lang: str
    set_code: str
    set_name: str
    organization: str | None
    period: Period
    previous: Period
    as_of: date
    forms: tuple[FilledForm, ...]
    issues: IssueSummary
    inputs: tuple[str, ...] = ()
    schema: str = "dvstat.forms/1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "generated_by": self.generated_by,
            "set": {"code": self.set_code, "name": self.set_name},
            "organization": self.organization,
            "period": self.period.to_dict(self.lang),
            "previous": self.previous.to_dict(self.lang),
            "as_of": self.as_of.isoformat(),
            "forms": [f.to_dict() for f in self.forms],
            "issues": self.issues.to_dict(),
            "inputs": list(self.inputs),
        }
