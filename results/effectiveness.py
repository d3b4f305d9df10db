"""The effectiveness window, in one place: a result counts towards the social or employment
effectiveness when it comes between the start of participation and the end of the window, a
programme's number of months (its rule, or three) after the participation ended."""

from datetime import date

from aktywizacja.dates import add_months

DEFAULT_WINDOW_MONTHS = 3


def window_months(rule) -> int:
    """The months of a programme's rule of one kind (``None``: the programme has none)."""
    return rule.window_months if rule is not None else DEFAULT_WINDOW_MONTHS


def window_end(end_date: date | None, months: int) -> date | None:
    """The last day a result counts for a participation that ended on ``end_date``."""
    return add_months(end_date, months) if end_date else None
