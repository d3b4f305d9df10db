"""Internships and job placement: what they are recorded with."""

from datetime import date
from decimal import Decimal

from employment.models import Internship, JobSupportKind
from employment.services import internship_create


def internship_data(employer, **changes) -> dict:
    """What a new internship is recorded with: three months as a warehouse worker."""
    return {
        "employer": employer,
        "position": "Magazynier",
        "mentor_name": "Tomasz Wójcik",
        "start_date": date(2025, 3, 1),
        "end_date": date(2025, 5, 31),
        "monthly_stipend": Decimal("1994.40"),
    } | changes


def make_internship(participation, employer, by, **changes) -> Internship:
    """An internship recorded through the service."""
    return internship_create(
        participation=participation, by=by, **internship_data(employer, **changes)
    )


def contact_data(**changes) -> dict:
    """A job placement contact: a job offer presented to the participant."""
    return {
        "kind": JobSupportKind.OFFER_PRESENTED,
        "date": date(2025, 4, 10),
        "employer_name": "Sklep Spożywczy „Pod Lipą”",
        "position": "Sprzedawca",
        "staff_name": "Marek Zieliński",
    } | changes
