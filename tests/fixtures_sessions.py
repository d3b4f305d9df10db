"""Fixtures and helpers shared by the session tests (test_sessions, test_session_attendance,
test_attendance_sheets): a support form, a participant referred to it, a session."""

from datetime import date, time

import pytest

from .factories import ReferralFactory, SessionFactory, SupportFormFactory


@pytest.fixture
def support_form(project):
    return SupportFormFactory(
        project=project,
        name="Trening kompetencji społecznych",
        start_date=date(2025, 3, 1),
        end_date=date(2025, 6, 30),
    )


@pytest.fixture
def referred(support_form, participation):
    ReferralFactory(participation=participation, support_form=support_form)
    return participation


@pytest.fixture
def session(support_form):
    return SessionFactory(support_form=support_form)


def session_data(**overrides):
    return {
        "kind": "group",
        "date": date(2025, 3, 3),
        "start_time": time(10, 0),
        "end_time": time(11, 30),
        "hours_unit": "teaching",
        "place": "Sala 12",
        "staff_name": "Jolanta Wiśniewska",
    } | overrides


def messages_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)
