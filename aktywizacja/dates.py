"""Calendar arithmetic the domain needs (months after a date, as Polish rules count them), and
the one way a document writes a date."""

import calendar
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import pgettext


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


def month_start(day: date) -> date:
    """The first day of the month of ``day``."""
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of the month of ``day`` (15.02.2024 → 29.02.2024)."""
    return months_end(month_start(day), 1)


def next_month(day: date) -> date:
    """The first day of the month after the month of ``day``."""
    return add_months(month_start(day), 1)


def written_date(day: date | None) -> str:
    """A date as a document writes it out: "1 stycznia 2011 r." in Polish ("—" for none).
    Every document uses it (the ``written_date`` template filter too); tables of dates in a
    document use the short form, 01.01.2011."""
    if day is None:
        return "—"
    return pgettext("a date written out in a document", "%(date)s") % {
        "date": date_format(day, "DATE_FORMAT")
    }
