"""The recruitment path is dated as it happened: in order, inside the project, never ahead."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from participants.models import Participation, ParticipationStatus, StatusChange
from participants.services import participation_change_status

from .factories import ParticipationFactory
from .helpers.forms import form_data
from .helpers.participants import register

Status = ParticipationStatus


@pytest.fixture
def applicant(project, social_worker):
    """Applied on 03.02.2025 (the project runs 01.01.2025 – 31.12.2026)."""
    participation = ParticipationFactory(
        project=project, social_worker=social_worker, status=Status.CANDIDATE, start_date=None,
        application_date=date(2025, 2, 3),
    )
    StatusChange.objects.create(
        participation=participation, to_status=Status.CANDIDATE, date=date(2025, 2, 3),
        changed_by=social_worker,
    )
    return participation


def change(participation, to_status, on, by):
    participation.refresh_from_db()
    return participation_change_status(
        participation=participation, to_status=to_status, on=on, reason="Decyzja komisji",
        by=by, expected_version=participation.version,
    )


def refused_on_date(participation, to_status, on, by) -> str:
    with pytest.raises(ValidationError) as refused:
        change(participation, to_status, on, by)
    assert list(refused.value.error_dict) == ["date"]
    return " ".join(refused.value.messages)


def test_it_refuses_qualifying_before_the_application(applicant, social_worker):
    message = refused_on_date(applicant, Status.QUALIFIED, date(2025, 2, 2), social_worker)

    assert "03.02.2025" in message
    applicant.refresh_from_db()
    assert applicant.status == Status.CANDIDATE


def test_it_refuses_a_step_dated_before_the_previous_one(applicant, social_worker):
    change(applicant, Status.QUALIFIED, date(2025, 3, 10), social_worker)

    message = refused_on_date(applicant, Status.PARTICIPANT, date(2025, 3, 9), social_worker)

    assert "10.03.2025" in message
    assert Participation.objects.get(pk=applicant.pk).start_date is None


def test_it_refuses_a_step_after_the_project_ends(project, social_worker):
    ended_project_person = ParticipationFactory(project=project, social_worker=social_worker)
    project.end_date = date(2025, 12, 31)
    project.save()

    message = refused_on_date(
        ended_project_person, Status.COMPLETED, date(2026, 1, 2), social_worker
    )

    assert "31.12.2025" in message


def test_it_refuses_a_step_dated_after_today(applicant, social_worker):
    tomorrow = timezone.localdate() + timedelta(days=1)

    refused_on_date(applicant, Status.QUALIFIED, tomorrow, social_worker)

    assert applicant.status_changes.count() == 1


def test_it_accepts_a_path_dated_in_the_past_in_order(applicant, social_worker):
    change(applicant, Status.QUALIFIED, date(2025, 2, 3), social_worker)
    change(applicant, Status.PARTICIPANT, date(2025, 3, 1), social_worker)

    applicant.refresh_from_db()
    assert (applicant.status, applicant.start_date) == (Status.PARTICIPANT, date(2025, 3, 1))


def test_the_status_form_shows_the_date_problem_on_the_date(client, social_worker, applicant):
    client.force_login(social_worker)

    response = client.post(
        reverse("participants:status_change", args=[applicant.pk]),
        {"to_status": Status.QUALIFIED, "date": "2025-01-15", "version": applicant.version},
    )

    assert response.status_code == 400
    assert "03.02.2025" in " ".join(response.context["status_form"].errors["date"])


def test_the_application_is_logged_on_its_own_date(client, social_worker, project):
    client.force_login(social_worker)
    register(client, project, application_date="2025-02-03")

    assert StatusChange.objects.get().date == date(2025, 2, 3)


@pytest.mark.parametrize(
    ("day", "fragment"),
    [(date(2024, 12, 31), "01.01.2025"), (timezone.localdate() + timedelta(days=1), "dzisiaj")],
)
def test_the_application_form_refuses_a_date_outside_the_project_or_ahead(
    client, social_worker, project, day, fragment
):
    client.force_login(social_worker)
    response = register(client, project, application_date=day.isoformat())

    assert response.status_code == 400
    assert fragment in " ".join(response.context["form"].errors["application_date"])
    assert not Participation.objects.exists()


@pytest.mark.parametrize("blanked", ["application_date", "social_worker"])
def test_the_edit_form_does_not_blank_what_the_application_required(
    client, social_worker, participation, blanked
):
    url = reverse("participants:participation_update", args=[participation.pk])
    client.force_login(social_worker)
    data = form_data(client.get(url).context["form"]) | {blanked: ""}

    response = client.post(url, data)

    assert response.status_code == 400
    assert blanked in response.context["form"].errors
    participation.refresh_from_db()
    assert getattr(participation, blanked) is not None
