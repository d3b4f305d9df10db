"""The effectiveness window, in one place: a result counts towards the social or employment
effectiveness when it comes between the start of participation and the end of the window, a
programme's number of months (its rule, or three) after the participation ended."""

from datetime import date
from decimal import Decimal

from aktywizacja.dates import add_months
from projects.models import ProgrammeFamily

DEFAULT_WINDOW_MONTHS = 3

# The 2014–2020 active-integration rules, which the regional 2021–2027 calls kept: which
# employment counts (form, minimum months, minimum share of full time, minimum value in minimum
# monthly wages) ...
ACTIVE_INTEGRATION_EMPLOYMENT = [
    ("employment_contract", 3, Decimal("0.50"), None),
    ("civil_law", 3, None, Decimal("3")),
    ("own_business", 0, None, None),
]
# ... and the thresholds (kind, per cent, per cent for a severe disability, months after).
ACTIVE_INTEGRATION_THRESHOLDS = [
    ("social", Decimal("34"), None, 3),
    ("employment", Decimal("22"), Decimal("12"), 3),
]

# The rules a new programme of a family starts with; a family not here (PO KL 2007–2013, other)
# sets none, so every employment counts and the window is three months.
FAMILY_RULES = {
    ProgrammeFamily.RPO_2014_2020: {
        "thresholds": ACTIVE_INTEGRATION_THRESHOLDS, "employment": ACTIVE_INTEGRATION_EMPLOYMENT,
    },
    ProgrammeFamily.FE_2021_2027: {
        "thresholds": ACTIVE_INTEGRATION_THRESHOLDS, "employment": ACTIVE_INTEGRATION_EMPLOYMENT,
    },
}


def window_months(rule) -> int:
    """The months of a programme's rule of one kind (``None``: the programme has none)."""
    return rule.window_months if rule is not None else DEFAULT_WINDOW_MONTHS


def window_end(end_date: date | None, months: int) -> date | None:
    """The last day a result counts for a participation that ended on ``end_date``."""
    return add_months(end_date, months) if end_date else None
