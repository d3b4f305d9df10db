"""The calendar helpers every app uses (aktywizacja/dates.py): one of each."""

from datetime import date

import pytest

from aktywizacja.dates import (
    add_months,
    full_months,
    month_end,
    month_start,
    months_end,
    next_month,
)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2025, 1, 31), 1, date(2025, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2025, 11, 30), 3, date(2026, 2, 28)),
    (date(2025, 3, 15), 0, date(2025, 3, 15)),
])
def test_months_after_a_date_keep_the_day_or_take_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_a_period_of_months_ends_the_day_before_the_same_day():
    assert months_end(date(2025, 3, 1), 3) == date(2025, 5, 31)
    assert full_months(date(2025, 3, 1), date(2025, 5, 31)) == 3
    assert full_months(date(2025, 3, 1), date(2025, 5, 30)) == 2


@pytest.mark.parametrize(("day", "first", "last", "after"), [
    (date(2024, 2, 15), date(2024, 2, 1), date(2024, 2, 29), date(2024, 3, 1)),
    (date(2025, 2, 1), date(2025, 2, 1), date(2025, 2, 28), date(2025, 3, 1)),
    (date(2025, 12, 31), date(2025, 12, 1), date(2025, 12, 31), date(2026, 1, 1)),
])
def test_the_month_of_a_day(day, first, last, after):
    assert (month_start(day), month_end(day), next_month(day)) == (first, last, after)
