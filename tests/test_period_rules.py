"""Period rules by hand at their bounds: the years a roster can hold, a comparison that
never counts a day twice, a period still running, a period without one of its ends."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dvstat.model import Period
from dvstat.periods import (
    PeriodError,
    check_year,
    comparison_period,
    in_period,
    longer_than_a_year,
    parse_period,
    range_period,
    resolve_period,
    year_period,
)


def test_the_years_a_roster_can_hold() -> None:
    assert check_year(1930) == 1930 and check_year(2100) == 2100
    for year in (1929, 2101):
        with pytest.raises(PeriodError) as caught:
            check_year(year)
        assert caught.value.message("vi") == (
            f"Năm {year} không hợp lệ: cần một năm từ 1930 đến 2100, ví dụ 2025."
        )
        assert caught.value.message("en") == (
            f"Year {year} is not valid: use a year from 1930 to 2100, such as 2025."
        )


def test_an_unknown_period_in_both_languages() -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period("2025-Q5", date(2026, 1, 1))
    assert caught.value.message("vi").startswith("Không hiểu kỳ '2025-Q5'. Dùng: 2023, ")
    assert caught.value.message("en").startswith("Unknown period '2025-Q5'. Use: 2023, ")


def test_a_range_ending_before_it_starts() -> None:
    with pytest.raises(PeriodError) as caught:
        range_period(date(2025, 3, 2), date(2025, 3, 1))
    assert "01/03/2025" in caught.value.message("vi") and "02/03/2025" in caught.value.message("vi")
    one_day = range_period(date(2025, 3, 1), date(2025, 3, 1))
    assert (one_day.start, one_day.end) == (date(2025, 3, 1), date(2025, 3, 1))


def test_a_period_without_an_end_is_not_longer_than_a_year() -> None:
    assert not longer_than_a_year(Period(date(2020, 1, 1), None, "", ""))
    assert not longer_than_a_year(Period(None, date(2020, 1, 1), "", ""))
    assert comparison_period(Period(date(2020, 1, 1), None, "", "")) is None
    assert comparison_period(Period(None, date(2020, 1, 1), "", "")) is None
    # one year exactly is not longer; one day more is
    assert not longer_than_a_year(Period(date(2025, 1, 1), date(2025, 12, 31), "", ""))
    assert longer_than_a_year(Period(date(2025, 1, 1), date(2026, 1, 1), "", ""))


def test_a_period_running_on_its_first_day() -> None:
    """On 1/7/2025, the first day of Q3: compared with 1/7/2024 only."""
    q3 = Period(date(2025, 7, 1), date(2025, 9, 30), "", "")
    found = comparison_period(q3, "last_year", as_of=date(2025, 7, 1))
    assert found is not None and (found.start, found.end) == (date(2024, 7, 1), date(2024, 7, 1))
    before = comparison_period(q3, "last_year", as_of=date(2025, 6, 30))  # not begun: whole
    assert before is not None and before.end == date(2024, 9, 30)


def test_a_comparison_ending_the_day_before_the_period() -> None:
    """Shifted a year, a 13-month period reaches into itself: its comparison ends the day
    before it starts; one that would then end before it starts is none."""
    long = Period(date(2025, 1, 1), date(2026, 1, 31), "", "")
    found = comparison_period(long, "last_year")
    assert found is not None and (found.start, found.end) == (date(2024, 1, 1), date(2024, 12, 31))
    # shifted, the last day lands on the first: the day before instead, never the same day
    touching = comparison_period(Period(date(2025, 1, 1), date(2026, 1, 1), "", ""), "last_year")
    assert touching is not None
    assert (touching.start, touching.end) == (date(2024, 1, 1), date(2024, 12, 31))
    exact = comparison_period(year_period(2025), "last_year")
    assert exact is not None and exact.end == date(2024, 12, 31)  # touches: kept whole


def test_in_period_both_ends_included() -> None:
    frame = pd.DataFrame(
        {"d": pd.to_datetime(["2024-12-31", "2025-01-01", "2025-12-31", "2026-01-01", None])}
    )
    assert in_period(frame, year_period(2025), "d").tolist() == [False, True, True, False, False]
    open_start = Period(None, date(2025, 1, 1), "", "")
    assert in_period(frame, open_start, "d").tolist() == [True, True, False, False, False]
    open_end = Period(date(2025, 12, 31), None, "", "")
    assert in_period(frame, open_end, "d").tolist() == [False, False, True, True, False]


@pytest.mark.parametrize(
    ("as_of", "start", "end"),
    [
        (date(2026, 6, 30), date(2025, 7, 1), date(2025, 12, 31)),  # first half: last year's 2nd
        (date(2026, 7, 1), date(2026, 1, 1), date(2026, 6, 30)),  # second half: this year's 1st
    ],
)
def test_last_half_at_the_turn_of_the_half(as_of: date, start: date, end: date) -> None:
    found = parse_period("last-half", as_of)
    assert (found.start, found.end) == (start, end)


def test_the_options_naming_a_period_and_a_bad_term() -> None:
    with pytest.raises(PeriodError) as caught:
        resolve_period(as_of=date(2026, 1, 1), term="2020-2025", end=date(2025, 1, 1))
    assert caught.value.message("vi") == "Chỉ chọn một kỳ: --term, --from/--to."
    assert caught.value.message("en") == "Choose one period only: --term, --from/--to."
    with pytest.raises(PeriodError) as caught:
        resolve_period(as_of=date(2026, 1, 1), term="2020")
    assert caught.value.message("vi") == "Nhiệm kỳ '2020' phải có dạng 2020-2025."
    assert caught.value.message("en") == "Term '2020' must look like 2020-2025."
    with pytest.raises(PeriodError) as caught:
        range_period(date(2025, 3, 2), date(2025, 3, 1))
    assert "01/03/2025" in caught.value.message("en") and "02/03/2025" in caught.value.message("en")
