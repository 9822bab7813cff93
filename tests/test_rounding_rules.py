"""Rounding at its smallest bases, worked out by hand."""

from __future__ import annotations

from dvstat.rounding import change_percent, mean_of, percent, ratio_percent


def test_a_mean_of_one_and_of_nobody() -> None:
    assert mean_of(31, 1) == 31.0
    assert mean_of(0, 0) is None
    assert mean_of(61, 2) == 30.5
    assert mean_of(62, 3) == 20.7  # 20,666… half-up


def test_a_change_against_one_and_against_nothing() -> None:
    assert change_percent(2, 1) == 100.0  # twice as many: +100 %
    assert change_percent(0, 1) == -100.0
    assert change_percent(5, 0) is None and change_percent(5, None) is None


def test_percent_of_one() -> None:
    assert percent(1, 1) == 100.0 and percent(0, 1) == 0.0 and percent(1, 0) == 0.0
    assert ratio_percent(1, 1) == 100.0 and ratio_percent(1, 0) is None
