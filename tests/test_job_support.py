"""Job placement and job coaching: contacts recorded with their history, the employer named where
it is needed, the project's period, participants only, and the contact form."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from employment.models import JobSupportContact, JobSupportKind
from employment.services import (
    job_support_contact_add,
    job_support_contact_delete,
    job_support_contact_update,
)
from participants.models import ParticipationStatus

from . import fixtures_employment
from .factories import ParticipationFactory
from .fixtures_employment import errors_of
from .helpers.employment import contact_data

# The shared fixtures, bound here so that pytest finds them in this module.
sw_client = fixtures_employment.sw_client


# --- Job placement and job coaching ---------------------------------------------------------


def test_a_contact_is_added_changed_and_deleted_with_history(participation, social_worker,
                                                             coordinator):
    contact = job_support_contact_add(participation=participation, by=social_worker,
                                      **contact_data())
    job_support_contact_update(contact=contact, by=coordinator, kind=JobSupportKind.INTERVIEW)
    job_support_contact_delete(contact=contact, by=coordinator)

    assert not JobSupportContact.objects.exists()
    history = list(JobSupportContact.history.order_by("history_date"))
    assert [(h.history_type, h.kind, h.history_user) for h in history] == [
        ("+", "offer", social_worker), ("~", "interview", coordinator),
        ("-", "interview", coordinator),
    ]


@pytest.mark.parametrize(
    "kind", [JobSupportKind.OFFER_PRESENTED, JobSupportKind.INTERVIEW, JobSupportKind.PLACEMENT]
)
def test_an_offer_interview_or_placement_names_the_employer(participation, social_worker, kind):
    with pytest.raises(ValidationError) as excinfo:
        job_support_contact_add(participation=participation, by=social_worker,
                                **contact_data(kind=kind, employer_name=""))

    assert errors_of(excinfo)["employer_name"] == [_("Name the employer.")]


def test_a_job_coach_contact_needs_no_employer(participation, social_worker):
    contact = job_support_contact_add(
        participation=participation, by=social_worker,
        **contact_data(kind=JobSupportKind.JOB_COACH, employer_name="", duration_minutes=45),
    )

    assert contact.employer_label == ""


def test_it_refuses_a_contact_outside_the_project_period(participation, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        job_support_contact_add(participation=participation, by=social_worker,
                                **contact_data(date=date(2024, 12, 31)))

    assert errors_of(excinfo)["date"] == [participation.project.period_error()]


def test_it_refuses_a_contact_for_a_candidate(project, social_worker):
    candidate = ParticipationFactory(project=project, status=ParticipationStatus.CANDIDATE)

    with pytest.raises(ValidationError):
        job_support_contact_add(participation=candidate, by=social_worker, **contact_data())

    assert not JobSupportContact.objects.exists()


# --- The contact form ------------------------------------------------------------------------


def test_the_contact_form_records_and_edits_a_contact(sw_client, participation):
    create = reverse("employment:contact_create", args=[participation.pk])

    response = sw_client.post(create, {
        "kind": "placement", "date": "02.06.2025", "employer_name": "Piekarnia Kłos",
        "position": "Pomocnik piekarza",
    })

    contact = JobSupportContact.objects.get()
    assert response.status_code == 302
    assert (contact.kind, contact.employer_label) == ("placement", "Piekarnia Kłos")
    response = sw_client.post(
        reverse("employment:contact_update", args=[contact.pk]),
        {"kind": "placement", "date": "03.06.2025", "employer_name": "Piekarnia Kłos"},
    )
    contact.refresh_from_db()
    assert contact.date == date(2025, 6, 3)


def test_the_contact_form_says_to_name_the_employer(sw_client, participation):
    create = reverse("employment:contact_create", args=[participation.pk])

    response = sw_client.post(create, {"kind": "interview", "date": "02.06.2025"})

    assert response.status_code == 400
    assert _("Name the employer.") in response.content.decode()
