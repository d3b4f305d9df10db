"""Calendar arithmetic the domain needs: months after a date, as Polish rules count them."""

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when shorter (31.01 + 1 → 28.02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def months_end(day: date, months: int) -> date:
    """The last day of a period of ``months`` months starting on ``day`` (01.03 + 3 → 31.05)."""
    return add_months(day, months) - timedelta(days=1)


def full_months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``, both days included (01.03–31.05 → 3)."""
    months = 0
    while months_end(start, months + 1) <= end:
        months += 1
    return months
