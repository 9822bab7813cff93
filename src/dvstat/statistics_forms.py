"""The official statistics forms filled from the figures dvstat computes.

A form is data (``templates/forms/<set>/<form>.toml``, read by ``readers/form_sets.py``):
its rows in order, each naming the figure that fills it. This module turns the reports of
the other commands into named figures ("facts": ``new.gender.female``,
``change.left.died``, ``badges.30``…) and fills the rows with them, for the period and for
the same period a year earlier. A row whose figure the rosters cannot give is never a
silent zero: it stays empty for hand entry and the form's notes say why. Pure: no file,
no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dvstat import schema
from dvstat.model import (
    BadgesReport,
    FilledForm,
    FormRow,
    Issue,
    MembersReport,
    Stats,
)
from dvstat.rounding import percent, ratio_percent
from dvstat.unit_words import organization_type, unit_kind

Facts = Mapping[str, float]


@dataclass(frozen=True)
class FormSpec:
    """One form as its file describes it."""

    name: str  # the file's name: bieu-1
    code: str
    title: str
    title_en: str
    source: str  # admissions | members | badges
    layout: str  # compare | list | types
    orientation: str
    rows: tuple[tuple[str, str, str], ...] = ()
    sections: tuple[tuple[str, str, str], ...] = ()
    columns: tuple[tuple[str, str], ...] = ()
    checks: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class FormSet:
    """A set of forms (2021, or its 2025 variant) and the first day it applies to."""

    code: str
    name: str
    name_en: str
    valid_from: date
    forms: tuple[FormSpec, ...]


# Why a row is left for hand entry: what the rosters do not record.
HAND_REASONS: dict[str, tuple[str, str]] = {
    "transfer_place": (
        "danh sách không ghi nơi chuyển đến, chuyển đi (tỉnh khác hay trong tỉnh)",
        "the roster does not say where transfers came from or went to",
    ),
    "restored": (
        "danh sách không ghi việc phục hồi đảng tịch",
        "the roster does not record restored membership",
    ),
    "probationary_removed": (
        "danh sách không ghi đảng viên dự bị bị xóa tên",
        "the roster does not say which removed members were probationary",
    ),
    "private_owner": (
        "danh sách không có cột chủ doanh nghiệp tư nhân",
        "the roster has no private business owner column",
    ),
    "family_planning": (
        "danh sách không có cột vi phạm chính sách kế hoạch hóa gia đình",
        "the roster has no family-planning violation column",
    ),
    "foreign_marriage": (
        "danh sách không có cột quan hệ hôn nhân với người nước ngoài",
        "the roster has no column for marriage to a foreigner",
    ),
    "academic_title": (
        "danh sách không có cột chức danh khoa học",
        "the roster has no academic title column",
    ),
    "units_admitting": (
        "cần biết loại của từng tổ chức cơ sở đảng có kết nạp",
        "needs the type of each grassroots organization that admitted members",
    ),
    "units_without_candidates": (
        "cần danh sách quần chúng ưu tú của từng tổ chức cơ sở đảng",
        "needs each grassroots organization's list of candidates",
    ),
    "retired": (
        "danh sách không ghi đảng viên đã nghỉ hưu, mất sức",
        "the roster does not record retired members",
    ),
    "no_column": (
        "danh sách không có cột của mục này",
        "the roster has no column for this group",
    ),
    "missing": (
        "chưa có danh sách cho biểu này (cấu hình members / rosters trong dvstat.toml)",
        "no roster for this form (members / rosters in dvstat.toml)",
    ),
}
HAND = "hand:"
# The reason a row of a form-only column is empty: the roster has no such column.
_MISSING_COLUMN = {
    schema.PRIVATE_OWNER: "private_owner",
    schema.FAMILY_PLANNING: "family_planning",
    schema.FOREIGN_MARRIAGE: "foreign_marriage",
    schema.ACADEMIC_TITLE: "academic_title",
}


def admission_facts(stats: Stats, women: Stats | None) -> dict[str, float]:
    """The new members' figures by name: new.total, new.mean_age, new.<breakdown>.<code>
    and, for the list by ethnic group and religion, new.women.<breakdown>.<code>."""
    facts = _stats_facts("new", stats)
    if women is not None:
        facts.update(_stats_facts("new.women", women))
    return facts


def flag_facts(rows: pd.DataFrame, roster: pd.DataFrame) -> dict[str, float]:
    """The new members' marks only the forms read (private business owner, family-planning
    violation, marriage to a foreigner, academic title): new.<field>.<code>; a field the
    whole ``roster`` lacks (every row 'unknown') gives nothing, so its rows are left for
    hand entry."""
    facts: dict[str, float] = {}
    for name in (*schema.FORM_FLAGS, schema.ACADEMIC_TITLE):
        if name not in roster or bool((roster[name] == "unknown").all()):
            continue
        for code, count in rows[name].value_counts().items():
            facts[f"new.{name}.{code}"] = int(count)
    return facts


def membership_facts(report: MembersReport) -> dict[str, float]:
    """The whole membership (members.*), its changes in the period (change.*) and its
    organizations (orgs.*)."""
    facts = _stats_facts("members", report.stats)
    orgs = report.organizations
    facts["orgs.grassroots_committees"] = orgs.grassroots_committees
    facts["orgs.grassroots_branches"] = orgs.grassroots_branches
    if report.changes is not None:
        change = report.changes
        facts["change.at_start"] = change.at_start
        facts["change.admitted"] = change.admitted
        facts["change.transferred_in"] = change.transferred_in
        facts["change.at_end"] = change.at_end
        for reason, count in change.left.items():
            facts[f"change.left.{reason}"] = count
        facts["change.left.total"] = sum(change.left.values())
    return facts


def badge_facts(report: BadgesReport) -> dict[str, float]:
    """Badges of each kind awarded in the report's waves (badges.30 … badges.90)."""
    facts: dict[str, float] = {f"badges.{c.years}": c.count for c in report.totals}
    facts["badges.total"] = sum(c.count for c in report.totals)
    return facts


def _stats_facts(prefix: str, stats: Stats) -> dict[str, float]:
    """A breakdown every row of which is unknown (the roster has no such column) gives no
    figures: its rows are left for hand entry, never filled with zeros."""
    facts: dict[str, float] = {f"{prefix}.total": stats.total}
    if stats.mean_age is not None:
        facts[f"{prefix}.mean_age"] = stats.mean_age
    for name, counts in stats.breakdowns.items():
        unknown = sum(c.count for c in counts if c.code == "unknown")
        if stats.total and unknown == stats.total:
            continue
        for count in counts:
            facts[f"{prefix}.{name}.{count.code}"] = count.count
    return facts


TYPE_COLUMNS = ("committees", "branches", "sub_committees", "sub_branches", "members")


def organization_types(report: MembersReport) -> dict[str, tuple[int, ...]]:
    """Grassroots organizations by type (from the words of their names), each with the
    form's columns: đảng bộ cơ sở, chi bộ cơ sở, đảng bộ bộ phận, chi bộ trực thuộc, members.
    A branch's organization is the unit above it in its path (a parent committee above that
    is not counted); an organization with units under it is a đảng bộ cơ sở, one alone a
    chi bộ cơ sở."""
    grouped: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for unit in report.units:
        path = unit.path or (unit.label,)
        if unit.level == "branch" and len(path) >= 2 and path[-1] != path[-2]:
            grouped.setdefault(path[:-1], []).append((path[-1], unit.total))
        else:
            grouped.setdefault(path, []).append(("", unit.total))
    found: dict[str, list[int]] = {}
    for org, parts in grouped.items():
        row = found.setdefault(organization_type(org[-1]), [0] * len(TYPE_COLUMNS))
        below = [name for name, _ in parts if name]
        if below:
            row[0] += 1
            row[2] += sum(unit_kind(name) in ("dang_bo", "group") for name in below)
            row[3] += sum(unit_kind(name) not in ("dang_bo", "group") for name in below)
        else:
            row[1] += 1
        row[4] += sum(total for _, total in parts)
    return {code: tuple(values) for code, values in found.items()}


def evaluate(expression: str, facts: Facts | None) -> float | None:
    """'a + b - c' over the facts; None when a figure is missing (or no facts at all)."""
    if facts is None or not expression or expression.startswith(HAND):
        return None
    total = 0.0
    sign = 1
    for token in expression.split():
        if token in ("+", "-"):
            sign = 1 if token == "+" else -1
            continue
        if token not in facts:
            return None
        total += sign * facts[token]
    return total


def _number(value: float | None) -> float | None:
    """Counts as integers, means as they are."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _percent(now: float | None, before: float | None) -> float | None:
    """2 × 100 / 3 on counts, half-up to 2 decimals; None ('–') for a zero or missing base
    or a mean (a percent of an average age says nothing)."""
    if now is None or before is None:
        return None
    if not (float(now).is_integer() and float(before).is_integer()):
        return None
    return ratio_percent(int(now), int(before))


def fill_compare(spec: FormSpec, now: Facts | None, before: Facts | None, lang: str) -> FilledForm:
    """A 'Kỳ này / Cùng kỳ năm trước / %' form."""
    rows = []
    for number, label, expression in spec.rows:
        if not expression:
            rows.append(FormRow(number, label, heading=True))
            continue
        hand = _hand_reason(expression, now)
        value_now = _number(evaluate(expression, now))
        value_before = _number(evaluate(expression, before))
        if value_now is None and hand is None:
            field = expression.split(".")[1] if "." in expression else ""
            hand = _MISSING_COLUMN.get(field, "no_column")
        rows.append(
            FormRow(
                number,
                label,
                value_now,
                value_before,
                None if ".mean_age" in expression else _percent(value_now, value_before),
                hand=hand,
            )
        )
    columns = _compare_columns(lang)
    return _form(spec, lang, columns, rows, now is not None)


def _compare_columns(lang: str) -> tuple[str, ...]:
    if lang == "en":
        return ("Item", "This period", "Same period last year", "(%) this / last year")
    return ("Tiêu chí", "Kỳ này", "Cùng kỳ năm trước", "(%) kỳ này so với cùng kỳ năm trước")


def fill_list(spec: FormSpec, now: Facts | None, lang: str) -> FilledForm:
    """A list by ethnic group and religion: total, of whom women, percent of all new
    members."""
    total = evaluate("new.total", now)
    rows: list[FormRow] = [
        FormRow(
            "",
            "Tổng số" if lang == "vi" else "Total",
            _number(total),
            _w(now, "new.total"),
            100.0 if total else None,
            hand=None if now is not None else "missing",
        )
    ]
    for number, label, breakdown in spec.sections:
        rows.append(FormRow(number, label, heading=True))
        kept = [
            c for c in schema.breakdown_categories(breakdown) if c.code not in ("unknown", "none")
        ]
        for position, category in enumerate(kept, start=1):
            key = f"new.{breakdown}.{category.code}"
            count = evaluate(key, now)
            share = None
            if count is not None and total:
                share = percent(int(count), int(total))
            text = category.label(lang)
            hand = None if count is not None else ("missing" if now is None else "no_column")
            rows.append(
                FormRow(str(position), text, _number(count), _w(now, key), share, hand=hand)
            )
    columns = (
        ("TT", "Tên dân tộc, tôn giáo", "Tổng số", "Trong đó: nữ", "Tỷ lệ (%)")
        if lang == "vi"
        else ("No.", "Ethnic group, religion", "Total", "Of whom women", "Share (%)")
    )
    return _form(spec, lang, columns, rows, now is not None)


def _w(facts: Facts | None, key: str) -> float | None:
    """The women's figure of a key (new.x.y -> new.women.x.y)."""
    return _number(evaluate(key.replace("new.", "new.women.", 1), facts))


def fill_types(
    spec: FormSpec, types: Mapping[str, tuple[int, ...]] | None, lang: str
) -> FilledForm:
    """Organizations by type: one row per type, a column per kind of unit and members."""
    rows: list[FormRow] = []
    width = len(spec.columns)
    if types is not None:
        sums = [sum(values[i] for values in types.values()) for i in range(width)]
        rows.append(FormRow("", "Tổng số" if lang == "vi" else "Total", values=tuple(sums)))
    else:
        rows.append(FormRow("", "Tổng số" if lang == "vi" else "Total", hand="missing"))
    for number, label, code in spec.rows:
        if types is None:
            rows.append(FormRow(number, label, hand="missing"))
            continue
        values = types.get(code, (0,) * width)
        rows.append(FormRow(number, label, values=tuple(values)))
    columns = (("Loại hình" if lang == "vi" else "Type"), *(label for _, label in spec.columns))
    return _form(spec, lang, columns, rows, types is not None)


def _hand_reason(expression: str, facts: Facts | None) -> str | None:
    if facts is None:
        return "missing"
    if expression.startswith(HAND):
        return expression[len(HAND) :]
    return None


def _form(
    spec: FormSpec,
    lang: str,
    columns: Sequence[str],
    rows: Sequence[FormRow],
    available: bool,
) -> FilledForm:
    return FilledForm(
        code=spec.code,
        title=spec.title if lang == "vi" else spec.title_en,
        layout=spec.layout,
        orientation=spec.orientation,
        columns=tuple(columns),
        rows=tuple(rows),
        notes=tuple(hand_notes(rows, lang)),
        available=available,
    )


def hand_notes(rows: Sequence[FormRow], lang: str) -> list[str]:
    """One note per reason: which rows are left for hand entry, and why. Rows without a
    column of their own are named by their group ('Nghề nghiệp'), the others by number."""
    by_reason: dict[str, list[str]] = {}
    group = ""
    for row in rows:
        if row.heading:
            group = row.label
        if not row.hand:
            continue
        if row.hand == "no_column" and group:
            named = f"'{group}'"
        elif row.number not in ("", "-", "+"):
            named = row.number
        else:
            named = f"'{row.label}'"
        by_reason.setdefault(row.hand, []).append(named)
    notes = []
    for reason, names in by_reason.items():
        vi, en = HAND_REASONS.get(reason, (reason, reason))
        if reason == "missing":
            notes.append(f"Cả biểu để trống: {vi}." if lang == "vi" else f"Left blank: {en}.")
            continue
        shown = ", ".join(dict.fromkeys(names))
        if lang == "vi":
            notes.append(f"Dòng {shown} để trống, điền tay: {vi}.")
        else:
            notes.append(f"Rows {shown} are left for hand entry: {en}.")
    return notes


def form_checks(spec: FormSpec, now: Facts | None, before: Facts | None) -> list[Issue]:
    """The form's own checks (Biểu 1: A + B - C = D), in each column."""
    issues = []
    for label, left, right in spec.checks:
        for column, facts in (("now", now), ("before", before)):
            a, b = evaluate(left, facts), evaluate(right, facts)
            if a is not None and b is not None and a != b:
                detail = {
                    "form": spec.code,
                    "check": label,
                    "left": str(_number(a)),
                    "right": str(_number(b)),
                    "column": column,
                }
                issues.append(Issue("form-check-failed", "error", detail=detail))
    return issues


def cross_check(
    name: str, first: tuple[str, float | None], second: tuple[str, float | None]
) -> list[Issue]:
    """Two forms' rows that must agree (Biểu 2's total and Biểu 1's admissions; Biểu 5's
    members and Biểu 3's)."""
    (left_row, left), (right_row, right) = first, second
    if left is None or right is None or left == right:
        return []
    detail = {
        "check": name,
        "first": left_row,
        "second": right_row,
        "left": str(_number(left)),
        "right": str(_number(right)),
    }
    return [Issue("form-cross-check", "error", detail=detail)]


@dataclass(frozen=True)
class FormInputs:
    """What fills the forms, for the period and the same period a year earlier (None where
    the rosters were not given)."""

    new_now: Stats | None = None
    new_women: Stats | None = None
    new_before: Stats | None = None
    flags_now: Mapping[str, float] | None = None  # flag_facts of the period's new members
    flags_before: Mapping[str, float] | None = None
    members_now: MembersReport | None = None
    members_before: MembersReport | None = None
    badges_now: BadgesReport | None = None
    badges_before: BadgesReport | None = None


def fill_set(
    form_set: FormSet, inputs: FormInputs, lang: str
) -> tuple[list[FilledForm], list[Issue]]:
    """Every form of the set, filled as far as the inputs allow, and the checks that fail."""
    new_now = new_before = None
    if inputs.new_now is not None:
        new_now = {**admission_facts(inputs.new_now, inputs.new_women), **(inputs.flags_now or {})}
    if inputs.new_before is not None:
        new_before = {**admission_facts(inputs.new_before, None), **(inputs.flags_before or {})}
    members_now = _members_facts(inputs.members_now)
    members_before = _members_facts(inputs.members_before)
    if new_now is not None and members_now is not None:  # Biểu 2 III counts organizations
        new_now = {**new_now, **_orgs(members_now)}
    if new_before is not None and members_before is not None:
        new_before = {**new_before, **_orgs(members_before)}
    badges_now = badge_facts(inputs.badges_now) if inputs.badges_now is not None else None
    badges_before = badge_facts(inputs.badges_before) if inputs.badges_before is not None else None
    sources = {
        "admissions": (new_now, new_before),
        "members": (members_now, members_before),
        "badges": (badges_now, badges_before),
    }
    filled: list[FilledForm] = []
    issues: list[Issue] = []
    for spec in form_set.forms:
        now, before = sources[spec.source]
        if spec.layout == "list":
            filled.append(fill_list(spec, now, lang))
        elif spec.layout == "types":
            types = organization_types(inputs.members_now) if inputs.members_now else None
            filled.append(fill_types(spec, types, lang))
        else:
            filled.append(fill_compare(spec, now, before, lang))
            issues.extend(form_checks(spec, now, before))
    issues.extend(_cross_checks(filled, new_now, members_now))
    return filled, issues


def _members_facts(report: MembersReport | None) -> dict[str, float] | None:
    return membership_facts(report) if report is not None else None


def _orgs(facts: Facts) -> dict[str, float]:
    return {k: v for k, v in facts.items() if k.startswith("orgs.")}


def _cross_checks(
    filled: Sequence[FilledForm], new: Facts | None, members: Facts | None
) -> list[Issue]:
    issues = []
    admitted = evaluate("change.admitted", members)
    issues += cross_check(
        "Biểu 2 / Biểu 1",
        ("Biểu 2, I", evaluate("new.total", new)),
        ("Biểu 1, B.1", admitted),
    )
    by_type = next((f for f in filled if f.layout == "types" and f.available), None)
    if by_type is not None:
        total = by_type.rows[0].values[-1] if by_type.rows[0].values else None
        issues += cross_check(
            "Biểu 5 / Biểu 3",
            ("Biểu 5, tổng số đảng viên", total),
            ("Biểu 3, I", evaluate("members.total", members)),
        )
    return issues
