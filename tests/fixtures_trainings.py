"""Fixtures shared by the vocational-training tests (test_trainings, test_training_results,
test_training_pages): a training support form, its sessions and its course."""

from datetime import date, time

import pytest

from .factories import SessionFactory, SupportFormFactory
from .helpers.trainings import set_up

COURSE_NAME = "Magazynier z obsługą wózków jezdniowych"


@pytest.fixture
def training_form(project):
    return SupportFormFactory(
        project=project, name=COURSE_NAME, instrument="educational", mode="training",
        start_date=date(2025, 3, 1), end_date=date(2025, 6, 30), planned_group_hours=80,
        planned_individual_hours=0,
    )


@pytest.fixture
def sessions(training_form):
    """Group sessions of 79, 1 and 20 minutes: 100 minutes held in all."""
    return [
        SessionFactory(support_form=training_form, date=date(2025, 3, day),
                       start_time=time(10, 0), end_time=end)
        for day, end in [(3, time(11, 19)), (4, time(10, 1)), (5, time(10, 20))]
    ]


@pytest.fixture
def course(training_form, coordinator):
    return set_up(training_form, coordinator)
