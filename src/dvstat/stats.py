"""Breakdowns, highlights and mean age of the counted rows, for a scope and per unit (SPEC §5).

Counts come from categorical value counts that keep every category, so each breakdown has
every code of its form in order and sums to the total through ``unknown``; nothing is
dropped as a blank group key (PERF_NOTES pitfall 3).
"""

from __future__ import annotations

import pandas as pd

from dvstat import schema
from dvstat.model import CategoryCount, Comparison, Highlight, Level, Stats, UnitStats
from dvstat.rounding import mean_of, percent, ratio_percent
from dvstat.text import fold

_NON_MINORITY = {"kinh": "kinh", "unknown": "unknown", "other": "unknown",
                 "foreign_origin": "unknown"}


def breakdown_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """The categorical column a breakdown counts, derived where the form groups codes."""
    codes = tuple(c.code for c in schema.breakdown_categories(name))
    if name == "ethnic_minority":
        values = frame[schema.ETHNICITY].astype(object).map(
            lambda c: _NON_MINORITY.get(c, "minority"))
    elif name == "religious":
        values = frame[schema.RELIGION].astype(object).map(
            lambda c: c if c in ("none", "unknown") else "religious")
    elif name == "age_band":
        bins = [-1] + [high for _, _, high in schema.AGE_BANDS]
        labels = [code for code, _, _ in schema.AGE_BANDS]
        banded = pd.cut(frame["age"].astype("float64"), bins=bins, labels=labels)
        values = banded.astype(object).where(banded.notna(), "unknown")
    else:
        values = frame[name].astype(object)
    return pd.Series(pd.Categorical(values, categories=list(codes)), index=frame.index)



def compute_stats(frame: pd.DataFrame, lang: str) -> Stats:
    """Every breakdown and highlight of the given (already counted) rows."""
    total = len(frame)
    breakdowns: dict[str, tuple[CategoryCount, ...]] = {}
    for name in schema.BREAKDOWN_ORDER:
        counts = breakdown_column(frame, name).value_counts(sort=False, dropna=False)
        breakdowns[name] = tuple(
            CategoryCount(c.code, c.label(lang), int(counts.get(c.code, 0)),
                          percent(int(counts.get(c.code, 0)), total))
            for c in schema.breakdown_categories(name))
    highlights = {"total": Highlight(total, percent(total, total) if total else 0.0)}
    for code, breakdown, members in schema.HIGHLIGHTS:
        count = sum(c.count for c in breakdowns[breakdown] if c.code in members)
        highlights[code] = Highlight(count, percent(count, total))
    ages = frame["age"].dropna()
    return Stats(total=total, mean_age=mean_of(int(ages.sum()), len(ages)),
                 breakdowns=breakdowns, highlights=highlights)


UNIT_COLUMNS: dict[Level, str] = {"branch": schema.BRANCH, "org": schema.ORG,
                                  "parent": schema.PARENT}
UNSPECIFIED = {"vi": "(không ghi đơn vị)", "en": "(no unit given)"}


def unit_labels(frame: pd.DataFrame, level: Level, lang: str) -> pd.Series:
    """The unit name of each row at a level; rows without one share one labelled group."""
    column = frame[UNIT_COLUMNS[level]].astype(object)
    return column.where(column.notna() & (column != ""), UNSPECIFIED[lang])


def compute_unit_stats(frame: pd.DataFrame, level: Level, lang: str,
                       previous: pd.DataFrame | None = None) -> tuple[UnitStats, ...]:
    """Stats per unit at one level, units in alphabetical order (accents folded)."""
    labels = unit_labels(frame, level, lang)
    previous_counts: dict[str, int] = {}
    if previous is not None:
        previous_counts = {str(k): int(v) for k, v in
                           unit_labels(previous, level, lang).value_counts().items()}
    units: list[UnitStats] = []
    for name in sorted(labels.unique(), key=lambda n: (fold(str(n)), str(n))):
        rows = frame[labels == name]
        units.append(UnitStats(level=level, name=str(name), stats=compute_stats(rows, lang),
                               previous_total=(int(previous_counts.get(name, 0))
                                               if previous is not None else None)))
    return tuple(units)


def compare_totals(current: int, previous: int) -> Comparison:
    """'% so với cùng kỳ' and the change in percent; both None when last year is 0."""
    share = ratio_percent(current, previous)
    change = None if share is None else round(share - 100, 2)
    return Comparison(previous_total=previous, percent_of_previous=share, change_percent=change)
