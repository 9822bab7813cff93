"""Units that changed (the communes merged on 1 July 2025, branches renamed, moved, split):
the register's history, and every row placed on the units as they stand on a chosen date.

A roster names a unit as it was when the roster was written ('Đảng bộ xã Bảo Thanh' in
2024, 'Đảng bộ xã Dân Chủ' in 2026). The register says which unit each name is (its name,
its former names, under which parent), when each unit was valid (both days included) and
which units it went into when it ended. A row is placed on the unit its names resolve to,
then followed forward through its successors (or back to its only predecessor) to the unit
valid on the chosen day: the old communes' 2025 admissions count under the new commune for
"cùng kỳ năm trước". A row whose unit cannot be placed keeps its names (its figures stay in
the total) and is reported once per unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from dvstat import schema
from dvstat.model import Issue, RegisterUnit, UnitEvent
from dvstat.unit_words import comparable

GRASSROOTS = ("dang_bo_co_so", "chi_bo_co_so")
# The words reports print when figures were restated (the date the new units began).
RESTATED_NOTE = (
    "Số liệu cùng kỳ được quy đổi theo đơn vị hành chính mới (từ {day})",
    "Earlier figures are restated on the new units (from {day})",
)


@dataclass(frozen=True)
class Target:
    """Where a unit stands on the chosen day: its organization and its branch names."""

    parent: str | None
    org: str | None
    branch: str | None


class History:
    """The register as a history: names to units, units to their successors."""

    def __init__(self, units: Sequence[RegisterUnit]) -> None:
        self.units = {u.code: u for u in units}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.before: dict[str, list[str]] = defaultdict(list)
        for unit in units:
            for name in (unit.name, *unit.former):
                key = comparable(name)
                if unit.code not in self.by_name[key]:
                    self.by_name[key].append(unit.code)
            for successor in unit.successors:
                self.before[successor].append(unit.code)

    @property
    def has_history(self) -> bool:
        return any(
            u.valid_from or u.valid_to or u.successors or u.former for u in self.units.values()
        )

    def changed_on(self) -> date | None:
        """The first day a unit began after another ended (1/7/2025 for the merger)."""
        days = [u.valid_to + timedelta(days=1) for u in self.units.values() if u.valid_to]
        return min(days) if days else None

    def find(self, name: str, kinds: Sequence[str], parent: str | None = None) -> list[str]:
        """The units of these kinds a name (or a former name) is, under ``parent`` (a code)
        where it is given and one of them is there."""
        found = [c for c in self.by_name.get(comparable(name), []) if self.units[c].kind in kinds]
        if parent is not None and len(found) > 1:
            under = [c for c in found if self._under(c, parent)]
            found = under or found
        return found

    def _under(self, code: str, parent: str) -> bool:
        """The unit sits under ``parent`` or under a unit that became ``parent``."""
        seen = {parent, *self._lineage(parent)}
        return self.units[code].parent in seen

    def _lineage(self, code: str) -> set[str]:
        found: set[str] = set()
        stack = [code]
        while stack:
            for earlier in self.before.get(stack.pop(), []):
                if earlier not in found:
                    found.add(earlier)
                    stack.append(earlier)
        return found

    def place(self, code: str, day: date) -> str | None:
        """The unit ``code`` is on ``day``: itself, the unit it went into (through every
        step), or its only predecessor; None where a split or a merge leaves a choice."""
        seen: set[str] = set()
        current = code
        while current not in seen:
            seen.add(current)
            unit = self.units.get(current)
            if unit is None:
                return None
            if unit.valid_on(day):
                return current
            if unit.valid_to is not None and day > unit.valid_to:
                if len(unit.successors) != 1:
                    return None
                current = unit.successors[0]
            else:  # the day is before the unit began: back to its only predecessor
                earlier = self.before.get(current, [])
                if len(earlier) != 1:
                    return None
                current = earlier[0]
        return None

    def target(self, code: str) -> Target:
        """The names a placed unit gives a row: a branch and its organization, or an
        organization and its parent."""
        unit = self.units[code]
        parent = self.units.get(unit.parent)
        if unit.kind in GRASSROOTS:
            return Target(parent.name if parent else None, unit.name, None)
        grand = self.units.get(parent.parent) if parent else None
        return Target(grand.name if grand else None, parent.name if parent else None, unit.name)


def restate(
    frame: pd.DataFrame, units: Sequence[RegisterUnit], day: date
) -> tuple[pd.DataFrame, list[Issue]]:
    """The rows with their units as they stand on ``day`` (per distinct unit path), and an
    issue per unit that could not be placed or was written with a former name."""
    history = History(units)
    columns = [schema.PARENT, schema.ORG, schema.BRANCH]
    paths = frame[columns].astype(object).where(frame[columns].notna(), None)
    keys = pd.MultiIndex.from_frame(paths.fillna(""))
    codes, uniques = pd.factorize(keys)
    new_values: list[tuple[str | None, str | None, str | None]] = []
    issues: list[Issue] = []
    for position, (parent, org, branch) in enumerate(uniques):
        first = int(np.flatnonzero(codes == position)[0])
        placed, issue = _place_path(history, parent, org, branch, day)
        new_values.append(placed)
        if issue is not None:
            rows = int((codes == position).sum())
            issues.append(_issue(frame, first, issue, rows))
    out = frame.copy()
    for index, column in enumerate(columns):
        values = np.array([v[index] for v in new_values] + [None], dtype=object)
        restated = values[np.where(codes < 0, len(new_values), codes)]
        out[column] = pd.Categorical(restated)
    return out, issues


def _place_path(
    history: History, parent: str, org: str, branch: str, day: date
) -> tuple[tuple[str | None, str | None, str | None], tuple[str, str, str] | None]:
    """A row's (parent, org, branch) on ``day`` and what to report: (code, unit, detail)."""
    keep = (parent or None, org or None, branch or None)
    if not (org or branch):  # a row that names no unit: nothing to place or report
        return keep, None
    org_codes = history.find(org, GRASSROOTS) if org else []
    org_code = org_codes[0] if len(org_codes) == 1 else None
    branch_codes = (
        history.find(branch, ("chi_bo", "dang_bo_bo_phan", *GRASSROOTS), org_code) if branch else []
    )
    source = branch_codes[0] if len(branch_codes) == 1 else org_code
    if source is None:
        if not org_codes and not branch_codes:
            return keep, ("unit-not-in-register", org or branch, "")
        return keep, ("unit-not-placed", branch or org, "")
    placed = history.place(source, day)
    if placed is None:  # a split, or a merge seen backwards
        return keep, ("unit-not-placed", org if source == org_code else branch, "")
    target = history.target(placed)
    names = (target.parent or keep[0], target.org or keep[1], target.branch or keep[2])
    if source == org_code and branch:
        names = (names[0], names[1], branch)  # a branch the register does not list
    written = branch if source != org_code else org
    unit = history.units[placed]
    if written and comparable(written) != comparable(unit.name):
        shown = (
            " / ".join(n for n in (names[1], names[2]) if n) if source != org_code else unit.name
        )
        return names, ("unit-restated", written, shown)
    return names, None


def _issue(frame: pd.DataFrame, row: int, found: tuple[str, str, str], rows: int) -> Issue:
    code, unit, new = found
    return Issue(
        code,
        "info" if code == "unit-restated" else "warning",
        str(frame[schema.SRC_FILE].iloc[row]),
        _sheet(frame[schema.SRC_SHEET].iloc[row]),
        int(frame[schema.SRC_ROW].iloc[row]),
        value=unit,
        detail={"new": new, "rows": str(rows)},
    )


def _sheet(value: object) -> str | None:
    return None if value is None or value != value else str(value)


# --- the register on a date, and its checks ---------------------------------------------------
def register_issues(units: Sequence[RegisterUnit]) -> list[Issue]:
    """What is wrong with a register's history, each at its row: a cycle, a unit that ends
    without a successor, two units of one name under one parent valid at once, a parent
    that did not exist when its unit began, a successor that is not in the register."""
    history = History(units)
    found: list[Issue] = []

    def issue(unit: RegisterUnit, code: str, severity: str, **detail: str) -> None:
        found.append(
            Issue(
                code,
                severity,  # type: ignore[arg-type]
                unit.file or None,
                None,
                unit.row or None,
                value=unit.name,
                detail=detail,
            )
        )

    for unit in units:
        for code, severity, detail in _unit_findings(history, unit):
            issue(unit, code, severity, **detail)
    seen: dict[tuple[str, str], list[RegisterUnit]] = defaultdict(list)
    for unit in units:
        seen[(comparable(unit.name), unit.parent)].append(unit)
    for same in seen.values():
        for first, second in zip(same, same[1:], strict=False):
            if _overlap(first, second):
                issue(second, "register-overlap", "error", other=str(first.row))
    return found


def _unit_findings(history: History, unit: RegisterUnit) -> list[tuple[str, str, dict[str, str]]]:
    """The findings of one register row: (code, severity, detail)."""
    found: list[tuple[str, str, dict[str, str]]] = []
    if _in_cycle(history, unit.code):
        found.append(("register-cycle", "error", {}))
    if unit.valid_to is not None and not unit.successors:
        day = unit.valid_to.strftime("%d/%m/%Y")
        found.append(("register-no-successor", "warning", {"day": day}))
    for successor in unit.successors:
        if successor not in history.units:
            found.append(("register-unknown-successor", "error", {"other": successor}))
    parent = history.units.get(unit.parent)
    if unit.parent and parent is None:
        found.append(("register-unknown-parent", "error", {"other": unit.parent}))
    elif parent is not None and not _covers(parent, unit):
        found.append(("register-parent-missing", "error", {"other": parent.name}))
    return found


def _next_units(unit: RegisterUnit, by_parent: bool) -> list[str]:
    if by_parent:
        return [unit.parent] if unit.parent else []
    return list(unit.successors)


def _in_cycle(history: History, code: str) -> bool:
    """A unit that is its own successor or its own parent, through any number of steps."""
    for by_parent in (False, True):
        seen: set[str] = set()
        stack = _next_units(history.units[code], by_parent)
        while stack:
            current = stack.pop()
            if current == code:
                return True
            if current in seen or current not in history.units:
                continue
            seen.add(current)
            stack.extend(_next_units(history.units[current], by_parent))
    return False


def _covers(parent: RegisterUnit, unit: RegisterUnit) -> bool:
    """The parent exists on the day the unit begins (its first day, else its last)."""
    day = unit.valid_from or unit.valid_to
    return day is None or parent.valid_on(day)


def _overlap(first: RegisterUnit, second: RegisterUnit) -> bool:
    start = max(first.valid_from or date.min, second.valid_from or date.min)
    end = min(first.valid_to or date.max, second.valid_to or date.max)
    return start <= end


def units_on(units: Sequence[RegisterUnit], day: date) -> list[tuple[int, RegisterUnit]]:
    """The units valid on ``day`` as a tree, top down: (depth, unit)."""
    valid = [u for u in units if u.valid_on(day)]
    codes = {u.code for u in valid}
    children: dict[str, list[RegisterUnit]] = defaultdict(list)
    for unit in valid:
        children[unit.parent if unit.parent in codes else ""].append(unit)
    tree: list[tuple[int, RegisterUnit]] = []

    def walk(parent: str, depth: int) -> None:
        for unit in sorted(children.get(parent, []), key=lambda u: comparable(u.name)):
            tree.append((depth, unit))
            if depth < 10:  # a cycle is reported, never walked for ever
                walk(unit.code, depth + 1)

    walk("", 0)
    return tree


def events_between(units: Sequence[RegisterUnit], start: date, end: date) -> list[UnitEvent]:
    """The organizational changes that took effect after ``start`` up to ``end``: units
    formed from others or created, merged into another, split, dissolved (the day after a
    unit's last day is the day its change took effect)."""
    history = History(units)
    found: list[UnitEvent] = []
    for unit in units:
        if unit.valid_from is not None and start < unit.valid_from <= end:
            earlier = tuple(history.units[c].name for c in history.before.get(unit.code, []))
            found.append(
                UnitEvent(unit.valid_from, "formed" if earlier else "created", unit.name, earlier)
            )
        if unit.valid_to is not None and start < unit.valid_to + timedelta(days=1) <= end:
            later = tuple(history.units[c].name for c in unit.successors if c in history.units)
            kind = "merged" if len(later) == 1 else ("split" if later else "dissolved")
            found.append(UnitEvent(unit.valid_to + timedelta(days=1), kind, unit.name, later))
    order = {"formed": 0, "created": 1, "merged": 2, "split": 3, "dissolved": 4}
    return sorted(found, key=lambda e: (e.day, order[e.kind], comparable(e.name)))
