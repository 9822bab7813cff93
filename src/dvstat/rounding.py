"""Percent and mean rounding in exact integer arithmetic (half-up, never banker's)."""

from __future__ import annotations

from typing import Any


def percent(count: int, total: int) -> float:
    """count × 100 / total, half-up to 2 decimals: 713 of 1.481 -> 48.14; 0.0 when total is 0."""
    if total <= 0:
        return 0.0
    hundredths = (2 * count * 10000 + total) // (2 * total)
    return hundredths / 100


def ratio_percent(numerator: int, denominator: int) -> float | None:
    """numerator × 100 / denominator (2 decimals, half-up); None when the base is 0."""
    return percent(numerator, denominator) if denominator > 0 else None


def mean_of(total: int, count: int) -> float | None:
    """total / count half-up to 1 decimal; None for nobody."""
    if count <= 0:
        return None
    return ((2 * total * 10 + count) // (2 * count)) / 10


def change_percent(now: int, before: int | None) -> float | None:
    """The change against the comparison figure in percent, 2 decimals: '% so với cùng kỳ'
    minus 100, from the same half-up hundredths (89,71% of last year -> -10,29); None
    when there is no comparison figure or it is 0."""
    if not before or before <= 0:
        return None
    hundredths = (2 * now * 10000 + before) // (2 * before)
    return (hundredths - 10000) / 100


def percent_table(counts: Any, totals: Any) -> Any:
    """``percent`` for a units x categories numpy table at once (the same integer half-up:
    each row against its unit's total, 0.0 where the total is 0)."""
    import numpy as np

    base = totals.astype(np.int64)[:, None]
    hundredths = (2 * counts.astype(np.int64) * 10000 + base) // np.maximum(2 * base, 1)
    return np.where(base > 0, hundredths, 0) / 100
