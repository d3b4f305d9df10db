"""Eligibility decides: qualifying someone who fails the criteria needs an override and a reason."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from monitoring.importing import parse_file
from monitoring.services import participants_import
from participants.models import Participation, ParticipationStatus, StatusChange

from .factories import ParticipationFactory, PersonFactory
from .helpers.monitoring import VALID, csv_file


@pytest.fixture
def strict_project(project):
    """An 18–64 project for the town of Lubartów."""
    project.eligible_min_age, project.eligible_max_age = 18, 64
    project.save()
    project.support_area.create(voivodeship="lubelskie", county="lubartowski",
                                commune="Lubartów")
    return project


@pytest.fixture
def seventy_five(strict_project, social_worker):
    """A 75-year-old candidate living outside the support area."""
    return ParticipationFactory(
        project=strict_project, social_worker=social_worker, status=ParticipationStatus.CANDIDATE,
        start_date=None, application_date=date(2025, 2, 3), commune="Serniki",
        person=PersonFactory(birth_date=date(1949, 6, 1), pesel="", other_identifier="X1"),
    )


def qualify(client, participation, **data):
    return client.post(
        reverse("participants:status_change", args=[participation.pk]),
        {"to_status": "qualified", "date": "2025-02-10", "reason": "",
         "version": participation.version} | data,
    )


def test_qualifying_someone_who_fails_the_criteria_is_refused(client, social_worker,
                                                             seventy_five):
    client.force_login(social_worker)

    response = qualify(client, seventy_five)

    assert response.status_code == 400
    message = " ".join(response.context["status_form"].errors["to_status"])
    assert "75" in message and "Serniki" in message
    assert Participation.objects.get().status == ParticipationStatus.CANDIDATE


def test_an_override_needs_a_reason(client, social_worker, seventy_five):
    client.force_login(social_worker)

    response = qualify(client, seventy_five, override="on")

    assert response.status_code == 400
    assert "reason" in response.context["status_form"].errors
    assert not StatusChange.objects.exists()


def test_an_override_with_a_reason_is_kept_in_the_log(client, social_worker, seventy_five):
    client.force_login(social_worker)

    response = qualify(client, seventy_five, override="on",
                       reason="Zgoda instytucji pośredniczącej z 05.02.2025")

    assert response.status_code == 302
    change = StatusChange.objects.get()
    assert change.to_status == ParticipationStatus.QUALIFIED
    assert change.reason == "Zgoda instytucji pośredniczącej z 05.02.2025"
    assert "75" in change.unmet_criteria and "Serniki" in change.unmet_criteria
    tab = client.get(reverse("card:participation_tab",
                             args=[seventy_five.pk, "recruitment"])).content.decode()
    assert "Zakwalifikowano mimo:" in tab


def test_an_eligible_candidate_is_qualified_without_an_override(
    client, social_worker, strict_project
):
    eligible = ParticipationFactory(
        project=strict_project, social_worker=social_worker,
        status=ParticipationStatus.CANDIDATE, start_date=None, commune="Lubartów",
    )
    client.force_login(social_worker)

    response = qualify(client, eligible)

    assert response.status_code == 302
    assert StatusChange.objects.get().unmet_criteria == ""


def test_the_import_refuses_what_the_status_form_would(strict_project, coordinator):
    too_old = VALID | {"birth_date": "1949-06-01", "age_at_entry": "75", "pesel": "Brak PESEL",
                       "other_identifier": "X2"}

    with pytest.raises(ValidationError) as refused:
        participants_import(project=strict_project, parsed=parse_file(
            csv_file(too_old), strict_project), by=coordinator)

    assert "Wiersz 2" in refused.value.messages[0]
    assert not Participation.objects.exists()
