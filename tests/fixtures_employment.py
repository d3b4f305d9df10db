"""Fixtures and helpers shared by the employment tests (test_internships, test_internship_months,
test_job_support, test_employment_pages): a host employer, an internship, a signed-in worker."""


import pytest

from .factories import EmployerFactory
from .helpers.employment import make_internship


@pytest.fixture
def employer(office):
    return EmployerFactory(recorded_by=office)


@pytest.fixture
def internship(participation, employer, social_worker):
    return make_internship(participation, employer, social_worker)


@pytest.fixture
def sw_client(client, social_worker):
    client.force_login(social_worker)
    return client


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def _form_dates(**changes):
    return {
        "position": "Magazynier",
        "mentor_name": "Tomasz Wójcik",
        "start_date": "01.03.2025",
        "end_date": "31.05.2025",
        "monthly_stipend": "1994,40",
    } | changes
