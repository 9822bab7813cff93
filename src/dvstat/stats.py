"""Breakdowns, highlights and mean age of the counted rows, for a scope and per unit.

Counts come from categorical value counts that keep every category, so each breakdown has
every code of its form in order and sums to the total through ``unknown``; nothing is
dropped as a blank group key (a pandas pitfall: groupby drops NaN keys).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from dvstat import schema
from dvstat.model import (
    BreakdownTable,
    CategoryCount,
    Comparison,
    Highlight,
    Level,
    Stats,
    UnitStats,
)
from dvstat.normalize import categorical_from_codes
from dvstat.rounding import change_percent, mean_of, percent, percent_table, ratio_percent
from dvstat.units import index_units

_NON_MINORITY = {
    "kinh": "kinh",
    "unknown": "unknown",
    "other": "unknown",
    "foreign_origin": "unknown",
}


def _regroup(column: pd.Series, mapping: dict[str, str], codes: tuple[str, ...]) -> pd.Series:
    """Map a categorical's categories (not its rows) onto the codes of a coarser breakdown."""
    categories = list(column.cat.categories)
    target = np.array([codes.index(mapping[c]) for c in categories] + [codes.index("unknown")])
    # a row without a category has code -1: the last entry of ``target``, 'unknown'
    new_codes = target[column.cat.codes.to_numpy()]
    return pd.Series(categorical_from_codes(new_codes, list(codes)), index=column.index)


def breakdown_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """The categorical column a breakdown counts, derived where the form groups codes."""
    codes = tuple(c.code for c in schema.breakdown_categories(name))
    if name == "ethnic_minority":
        ethnic = frame[schema.ETHNICITY]
        mapping = {c: _NON_MINORITY.get(c, "minority") for c in ethnic.cat.categories}
        return _regroup(ethnic, mapping, codes)
    if name == "religious":
        religion = frame[schema.RELIGION]
        mapping = {
            c: c if c in ("none", "unknown") else "religious" for c in religion.cat.categories
        }
        return _regroup(religion, mapping, codes)
    if name == "age_band":
        # each band up to its highest age (included); no age: the last code, 'unknown'
        highest = np.array([high for _, _, high in schema.AGE_BANDS], dtype="float64")
        ages = frame["age"].astype("float64").to_numpy()
        band = np.searchsorted(highest, ages, side="left")
        band = np.where(np.isnan(ages), len(codes) - 1, band)
        return pd.Series(categorical_from_codes(band, list(codes)), index=frame.index)
    return frame[name]


def _category_codes(column: pd.Series) -> np.ndarray:
    """Each row's category number; a row without one counts in the last category, the
    breakdown's 'unknown' (so that a breakdown always sums to its total)."""
    codes = column.cat.codes.to_numpy().astype(np.int64)
    return np.where(codes < 0, len(column.cat.categories) - 1, codes)


def compute_stats(
    frame: pd.DataFrame, lang: str, names: Sequence[str] = schema.BREAKDOWN_ORDER
) -> Stats:
    """Every breakdown (of ``names``) and highlight of the given (already counted) rows;
    a breakdown other than the new members' ones is the frame's own categorical column."""
    total = len(frame)
    breakdowns: dict[str, tuple[CategoryCount, ...]] = {}
    for name in names:
        column = breakdown_column(frame, name)
        numbers = np.bincount(_category_codes(column), minlength=len(column.cat.categories))
        counts = dict(zip(column.cat.categories, numbers.tolist(), strict=True))
        breakdowns[name] = tuple(
            CategoryCount(
                c.code, c.label(lang), counts.get(c.code, 0), percent(counts.get(c.code, 0), total)
            )
            for c in schema.breakdown_categories(name)
        )
    ages = frame["age"].dropna()
    return Stats(
        total=total,
        mean_age=mean_of(int(ages.sum()), len(ages)),
        breakdowns=breakdowns,
        highlights=_highlights(breakdowns, total),
    )


def _highlights(
    breakdowns: dict[str, tuple[CategoryCount, ...]], total: int
) -> dict[str, Highlight]:
    highlights = {"total": Highlight(total, percent(total, total) if total else 0.0)}
    for code, breakdown, members in schema.HIGHLIGHTS:
        count = sum(c.count for c in breakdowns[breakdown] if c.code in members)
        unknown = sum(c.count for c in breakdowns[breakdown] if c.code == "unknown")
        highlights[code] = Highlight(count, percent(count, total), unknown)
    return highlights


def compute_unit_stats(
    frame: pd.DataFrame,
    level: Level,
    lang: str,
    previous: pd.DataFrame | None = None,
    names: Sequence[str] = schema.BREAKDOWN_ORDER,
) -> tuple[UnitStats, ...]:
    """Stats per unit at one level, units identified by their path and sorted by it.

    Every unit present in either period is listed (a unit with 0 this period but some
    last year too), so the units' last-year figures add up to the total's. One grouped
    count per breakdown for all units at once (``bincount`` over unit x category codes).
    """
    both = frame if previous is None else pd.concat([frame, previous], ignore_index=True)
    index = index_units(both, level, lang)
    count = len(index.units)
    units_index = index.codes[: len(frame)]
    tables: dict[str, np.ndarray] = {}
    for name in names:
        column = breakdown_column(frame, name)
        width = len(column.cat.categories)
        flat = np.bincount(units_index * width + _category_codes(column), minlength=count * width)
        tables[name] = flat.reshape(count, width)
    ages = frame["age"].to_numpy(dtype="float64", na_value=np.nan)
    known = ~np.isnan(ages)
    age_sum = np.bincount(units_index[known], weights=ages[known], minlength=count)
    age_count = np.bincount(units_index[known], minlength=count)
    totals = np.bincount(units_index, minlength=count)
    previous_totals = (
        np.bincount(index.codes[len(frame) :], minlength=count).tolist()
        if previous is not None
        else None
    )
    # Plain lists from here, shared by all units: tens of thousands of units x ~130
    # categories are never one object each unless asked for (``UnitStats.stats``).
    categories = {
        name: [(c.code, c.label(lang)) for c in schema.breakdown_categories(name)] for name in names
    }
    counts = {name: table.tolist() for name, table in tables.items()}
    shares = {name: percent_table(table, totals).tolist() for name, table in tables.items()}
    highlight_counts = _highlight_table(tables, totals)
    units: list[UnitStats] = []
    for position, unit in enumerate(index.units):
        total = int(totals[position])
        highlights = {
            code: Highlight(count, share, unknown)
            for code, (count, share, unknown) in highlight_counts[position].items()
        }
        units.append(
            UnitStats(
                level=level,
                name=unit.name,
                total=total,
                mean_age=mean_of(int(round(age_sum[position])), int(age_count[position])),
                highlights=highlights,
                table=BreakdownTable(
                    categories,
                    {name: rows[position] for name, rows in counts.items()},
                    {name: rows[position] for name, rows in shares.items()},
                ),
                previous_total=None if previous_totals is None else previous_totals[position],
                path=unit.path,
                label=unit.label,
            )
        )
    return tuple(units)


def _highlight_table(
    tables: dict[str, np.ndarray], totals: np.ndarray
) -> list[dict[str, tuple[int, float, int]]]:
    """Per unit, each highlight's (count, percent, unknown), from the units x categories
    count tables at once (the same sums as ``_highlights``)."""
    columns: dict[str, tuple[list[int], list[float], list[int]]] = {
        "total": (
            totals.tolist(),
            [100.0 if t else 0.0 for t in totals.tolist()],
            [0] * len(totals),
        )
    }
    for code, breakdown, members in schema.HIGHLIGHTS:
        codes = [c.code for c in schema.breakdown_categories(breakdown)]
        table = tables[breakdown]
        count = table[:, [codes.index(m) for m in members]].sum(axis=1)
        unknown = table[:, codes.index("unknown")]  # each highlight's breakdown has one
        columns[code] = (
            count.tolist(),
            percent_table(count[:, None], totals)[:, 0].tolist(),
            unknown.tolist(),
        )
    return [
        {code: (values[0][i], values[1][i], values[2][i]) for code, values in columns.items()}
        for i in range(len(totals))
    ]


def compare_totals(current: int, previous: int) -> Comparison:
    """'% so với cùng kỳ' and the change in percent; both None when last year is 0."""
    return Comparison(
        previous_total=previous,
        percent_of_previous=ratio_percent(current, previous),
        change_percent=change_percent(current, previous),
    )
