"""A person supported by two projects at the same time is flagged for the coordinator."""

from datetime import date

import pytest
from django.urls import reverse

from participants.models import Participation, ParticipationStatus

from .factories import ParticipationFactory, PersonFactory, ProjectFactory


def take_part(person, project, start, end=None):
    return ParticipationFactory(
        person=person,
        project=project,
        status=ParticipationStatus.PARTICIPANT,
        start_date=start,
        end_date=end,
    )


@pytest.mark.parametrize(
    ("other_start", "other_end", "flagged"),
    [
        (date(2025, 6, 1), date(2025, 9, 30), True),
        (date(2025, 6, 1), None, True),
        (date(2026, 7, 1), date(2026, 9, 30), False),
        (date(2024, 1, 1), date(2025, 2, 28), False),
    ],
    ids=["overlapping", "open-ended-overlapping", "after", "before"],
)
def test_it_flags_participations_that_overlap_in_time(project, other_start, other_end, flagged):
    person = PersonFactory()
    ours = take_part(person, project, date(2025, 3, 1), date(2026, 6, 30))
    other = ProjectFactory(start_date=date(2024, 1, 1), end_date=date(2026, 12, 31))
    take_part(person, other, other_start, other_end)

    overlapping = set(Participation.objects.overlapping_elsewhere())

    assert (ours in overlapping) is flagged


def test_it_does_not_flag_candidates_who_were_never_supported(project):
    person = PersonFactory()
    take_part(person, project, date(2025, 3, 1))
    other = ProjectFactory()
    ParticipationFactory(
        person=person, project=other, status=ParticipationStatus.REJECTED, start_date=None
    )

    assert not Participation.objects.overlapping_elsewhere().exists()


def test_it_shows_the_overlap_to_the_coordinator(client, coordinator, project):
    person = PersonFactory(last_name="Podwójna")
    take_part(person, project, date(2025, 3, 1))
    take_part(person, ProjectFactory(), date(2025, 4, 1))
    client.force_login(coordinator)

    page = client.get(reverse("home:start")).content.decode()

    assert "Podwójna" in page
