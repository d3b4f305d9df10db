"""Fixtures and helpers shared by the participant tests (test_participants,
test_participant_status, test_participant_card, test_participant_list)."""


import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import Participation, ParticipationStatus

from .factories import EditionFactory, ParticipationFactory

Status = ParticipationStatus


@pytest.fixture
def sw_client(client, social_worker):
    client.force_login(social_worker)
    return client


@pytest.fixture
def applicant(project, social_worker):
    """A candidate born on 17 May 1980, not started yet."""
    return ParticipationFactory(
        project=project, social_worker=social_worker, status=Status.CANDIDATE, start_date=None
    )


def change_status(client, participation, to_status, on, reason="", version=None):
    current = Participation.objects.get(pk=participation.pk).version
    return client.post(
        reverse("participants:status_change", args=[participation.pk]),
        {
            "to_status": to_status,
            "date": on.isoformat(),
            "reason": reason,
            "version": current if version is None else version,
        },
    )


def queries_for(client, url) -> int:
    client.get(url)  # the first request warms caches (content types, sessions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_participations(project, count, social_worker):
    edition = EditionFactory(project=project)
    for _ in range(count):
        ParticipationFactory(project=project, edition=edition, social_worker=social_worker)
