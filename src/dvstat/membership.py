"""The whole membership at a date: who is a member, its composition, its organizations, and
the increases and decreases between two dates (Biểu 1 "tăng, giảm đảng viên", Biểu 5).

A row joins the list on its transfer-in date if it has one, else on its admission date, and
leaves it on its leaving date. A status or reason that says the member left, with no date,
counts as gone at every date (the file is today's list) and is reported so the clerk can
add the date. Events and states use the same rule, so members at D1 + joined − left =
members at D2 holds by construction; ``Changes.reconciles`` checks it anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from dvstat import schema
from dvstat.checks import GONE, Validation
from dvstat.dates import add_months, full_years
from dvstat.model import (
    Branch,
    Issue,
    Level,
    MembersReport,
    Organizations,
    RegisterUnit,
    UnitChange,
)
from dvstat.normalize import categorical_from_codes
from dvstat.periods import shift_year
from dvstat.report import summarize_issues
from dvstat.stats import compute_stats, compute_unit_stats
from dvstat.text import fold
from dvstat.unit_words import is_branch_name
from dvstat.units import UNSPECIFIED, index_units

SMALL_BRANCH = 5  # "chi bộ có dưới 5 đảng viên": branches the committees strengthen


@dataclass(frozen=True)
class States:
    """Per row at a date: a member, gone, not yet on the list (valid rows only)."""

    member: pd.Series
    gone: pd.Series
    not_yet: pd.Series


def joined_on(frame: pd.DataFrame) -> pd.Series:
    """The day each row joined this list: its transfer-in date, else its admission."""
    moved = frame[schema.TRANSFER_IN_DATE]
    return moved.where(moved.notna(), frame[schema.ADMISSION_DATE])


def undated_gone(frame: pd.DataFrame) -> pd.Series:
    """Rows whose status says they left, without a date: gone whatever the date."""
    return frame[schema.LEAVE_REASON].isin(GONE) & frame[schema.LEAVE_DATE].isna()


def states_at(frame: pd.DataFrame, valid: pd.Series, day: date) -> States:
    """Who is a member on ``day`` (joined on or before it, not gone by it), who is gone,
    who has not joined yet: a partition of the valid rows."""
    stamp = pd.Timestamp(day)
    gone = valid & (undated_gone(frame) | (frame[schema.LEAVE_DATE] <= stamp))
    joined = joined_on(frame) <= stamp
    return States(member=valid & ~gone & joined, gone=gone, not_yet=valid & ~gone & ~joined)


def composition_frame(members: pd.DataFrame, day: date) -> pd.DataFrame:
    """The member rows with what a date decides: age at the date (the 'age' the breakdowns
    read), full or probationary, and years of membership."""
    frame = members.copy()
    frame["age"] = full_years(frame[schema.BIRTH_DATE], day)
    stamp = pd.Timestamp(day)
    admitted = frame[schema.ADMISSION_DATE]
    official = frame[schema.OFFICIAL_DATE]
    within_a_year = add_months(admitted, 12) > stamp
    probationary = official.isna() | (official > stamp) | within_a_year
    frame["membership"] = pd.Categorical(
        np.where(probationary, "probationary", "official"), categories=["official", "probationary"]
    )
    years = full_years(admitted, day).astype("float64").to_numpy()
    lows = np.array([low for _, low in schema.PARTY_AGE_BANDS], dtype="float64")
    band = np.searchsorted(lows, years, side="right") - 1
    codes = [code for code, _ in schema.PARTY_AGE_BANDS]
    frame["party_age_band"] = categorical_from_codes(np.clip(band, 0, len(codes) - 1), codes)
    frame["party_age"] = years
    starts = np.array([np.datetime64(d, "ns") for d in schema.ADMISSION_ERA_STARTS])
    days = admitted.to_numpy(dtype="datetime64[ns]")
    era = np.searchsorted(starts, days, side="right")
    era_codes = [c.code for c in schema.FIXED_BREAKDOWNS["admission_era"]]
    frame["admission_era"] = categorical_from_codes(
        np.where(np.isnat(days), len(era_codes) - 1, era), era_codes
    )
    return frame


def milestones(frame: pd.DataFrame) -> dict[int, int]:
    """Members with at least N years of membership, for each 'huy hiệu Đảng' milestone."""
    years = frame["party_age"].to_numpy(dtype="float64")
    return {n: int(np.sum(years >= n)) for n in schema.PARTY_AGE_MILESTONES}


def changes_between(
    frame: pd.DataFrame, valid: pd.Series, start: date, end: date, level: Level | None, lang: str
) -> tuple[UnitChange, list[UnitChange]]:
    """Members at ``start``, + admitted, + transferred in, − each leaving reason, = members at
    ``end``, in total and per unit at ``level`` (rows of undated leavers take no part)."""
    d1, d2 = pd.Timestamp(start), pd.Timestamp(end)
    rows = valid & ~undated_gone(frame)
    joined = joined_on(frame)
    left_on = frame[schema.LEAVE_DATE]
    stays = left_on.isna() | (left_on >= joined)
    member_at = {d: rows & (joined <= d) & (left_on.isna() | (left_on > d)) for d in (d1, d2)}
    enters = rows & (joined > d1) & (joined <= d2) & stays
    moved_in = frame[schema.TRANSFER_IN_DATE].notna()
    leaves = rows & left_on.notna() & (left_on > d1) & (left_on <= d2) & (joined <= left_on)
    reasons = (
        frame[schema.LEAVE_REASON]
        .astype(object)
        .where(~frame[schema.LEAVE_REASON].isin(["active"]), "unknown")
    )
    masks = {
        "at_start": member_at[d1],
        "admitted": enters & ~moved_in,
        "transferred_in": enters & moved_in,
        "at_end": member_at[d2],
    }
    leaving_codes = [*GONE, "unknown"]
    for code in leaving_codes:
        masks[f"left:{code}"] = leaves & (reasons == code)
    total = _change("", (), {name: int(mask.sum()) for name, mask in masks.items()})
    if level is None:
        return total, []
    involved = frame[rows]
    index = index_units(involved, level, lang)
    counts = {
        name: np.bincount(index.codes[mask[rows].to_numpy()], minlength=len(index.units))
        for name, mask in masks.items()
    }
    units = [
        _change(unit.label, unit.path, {name: int(c[i]) for name, c in counts.items()})
        for i, unit in enumerate(index.units)
    ]
    return total, [
        u
        for u in units
        if u.at_start or u.at_end or u.admitted or u.transferred_in or any(u.left.values())
    ]


def _change(label: str, path: tuple[str, ...], counts: dict[str, int]) -> UnitChange:
    return UnitChange(
        label=label,
        path=path,
        at_start=counts["at_start"],
        admitted=counts["admitted"],
        transferred_in=counts["transferred_in"],
        left={
            name.removeprefix("left:"): count
            for name, count in counts.items()
            if name.startswith("left:")
        },
        at_end=counts["at_end"],
    )


# --- organizations -------------------------------------------------------------------------
def count_organizations(
    members: pd.DataFrame,
    lang: str,
    small_limit: int = SMALL_BRANCH,
    register: Sequence[RegisterUnit] = (),
    organization: str | None = None,
) -> Organizations:
    """Organizations of the member rows, from their unit columns (a grassroots unit named
    'Đảng bộ …' is a đảng bộ cơ sở with branches under it, one named 'Chi bộ …' a chi bộ cơ
    sở), or from a unit register where one is given. Rows that name no organization belong
    to ``organization`` (the workspace's, e.g. a commune's đảng bộ) where there is one."""
    if register:
        return _from_register(members, lang, small_limit, register)
    named_any = (members[schema.ORG].notna() & (members[schema.ORG].astype(str) != "")).any()
    if not organization and not named_any and len(members):
        # a list of branches that names no organization is one organization's: its own
        organization = UNSPECIFIED[lang]
    if organization:
        org = members[schema.ORG].astype(object)
        members = members.assign(**{schema.ORG: org.where(org.notna() & (org != ""), organization)})
    has_org = members[schema.ORG].notna() & (members[schema.ORG].astype(str) != "")
    named = members[has_org.to_numpy()]
    orgs = index_units(named, "org", lang).units
    committees = sum(1 for u in orgs if not is_branch_name(u.name))
    branch_index = index_units(named, "branch", lang)
    sizes = np.bincount(branch_index.codes, minlength=len(branch_index.units))
    under = [
        (u, int(n))
        for u, n in zip(branch_index.units, sizes, strict=True)
        if len(u.path) >= 2 and not is_branch_name(u.path[-2])
    ]
    all_branches = index_units(members, "branch", lang)
    all_sizes = np.bincount(all_branches.codes, minlength=len(all_branches.units))
    small = tuple(
        Branch(u.label, u.path, int(n))
        for u, n in zip(all_branches.units, all_sizes, strict=True)
        if n < small_limit
    )
    return Organizations(
        grassroots=len(orgs),
        grassroots_committees=committees,
        grassroots_branches=len(orgs) - committees,
        branches_under_committees=len(under),
        branches=len(all_branches.units),
        small_limit=small_limit,
        small_branches=small,
        members_without_organization=int((~has_org).sum()),
    )


def _from_register(
    members: pd.DataFrame, lang: str, small_limit: int, register: Sequence[RegisterUnit]
) -> Organizations:
    by_code = {u.code: u for u in register}
    grassroots = [u for u in register if u.kind in ("dang_bo_co_so", "chi_bo_co_so")]
    under = [
        u
        for u in register
        if u.kind == "chi_bo"
        and by_code.get(u.parent, RegisterUnit("", "", "", "")).kind == "dang_bo_co_so"
    ]
    index = index_units(members, "branch", lang)
    sizes = np.bincount(index.codes, minlength=len(index.units))
    counted: dict[tuple[str, ...], int] = {}
    for found, size in zip(index.units, sizes, strict=True):
        counted[tuple(fold(n) for n in found.path[-2:])] = int(size)
    small = []
    unused = []
    for unit in [*under, *[u for u in grassroots if u.kind == "chi_bo_co_so"]]:
        parent = by_code.get(unit.parent)
        key = (
            (fold(parent.name), fold(unit.name))
            if parent and unit.kind == "chi_bo"
            else (fold(unit.name),)
        )
        size = counted.get(key, counted.get(key[-1:], 0))
        if size == 0:
            unused.append(unit.name)
        if size < small_limit:
            path = (parent.name, unit.name) if parent and unit.kind == "chi_bo" else (unit.name,)
            small.append(Branch(" / ".join(path), path, size))
    return Organizations(
        grassroots=len(grassroots),
        grassroots_committees=sum(u.kind == "dang_bo_co_so" for u in grassroots),
        grassroots_branches=sum(u.kind == "chi_bo_co_so" for u in grassroots),
        branches_under_committees=len(under),
        branches=len(under) + sum(u.kind == "chi_bo_co_so" for u in grassroots),
        small_limit=small_limit,
        small_branches=tuple(small),
        members_without_organization=0,
        register_unused=tuple(unused),
    )


def build_members_report(
    frame: pd.DataFrame,
    validation: Validation,
    issues: Sequence[Issue],
    day: date,
    *,
    lang: str,
    by: Level | None,
    organization: str | None,
    generated_by: str,
    inputs: Sequence[str] = (),
    span: tuple[date, date] | None = None,
    compare: bool,
    small_limit: int = SMALL_BRANCH,
    register: Sequence[RegisterUnit] = (),
) -> MembersReport:
    """The membership report on ``day`` (the model ``dvstat.members/1``): the same date a
    year earlier beside it where the rosters reach back that far, and the changes over
    ``span`` (two dates) when given."""
    valid = ~validation.rejected
    states = states_at(frame, valid, day)
    members = composition_frame(frame[states.member], day)
    names = (*schema.BREAKDOWN_ORDER, *schema.MEMBERSHIP_BREAKDOWNS)
    stats = compute_stats(members, lang, names)
    previous = previous_date = None
    previous_members: pd.DataFrame | None = None
    if compare:
        before = shift_year(day, -1)
        if (joined_on(frame[valid]) <= pd.Timestamp(before)).any():
            previous_date = before
            previous_members = composition_frame(
                frame[states_at(frame, valid, before).member], before
            )
            previous = compute_stats(previous_members, lang, names)
    units = compute_unit_stats(members, by, lang, previous_members, names) if by else ()
    changes, change_units = (
        changes_between(frame, valid, span[0], span[1], by, lang) if span else (None, [])
    )
    rows = {
        "read": len(frame),
        "members": int(states.member.sum()),
        "gone": int(states.gone.sum()),
        "not_yet": int(states.not_yet.sum()),
        "rejected": int(validation.rejected.sum()),
    }
    return MembersReport(
        generated_by=generated_by,
        lang=lang,
        organization=organization,
        as_of=day,
        rows=rows,
        stats=stats,
        milestones=milestones(members),
        previous=previous,
        previous_date=previous_date,
        units=units,
        organizations=count_organizations(members, lang, small_limit, register, organization),
        changes=changes,
        change_units=tuple(change_units),
        span=span,
        issues=summarize_issues(issues, lang),
        inputs=tuple(inputs),
    )
