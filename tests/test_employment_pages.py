"""The employment screens: the participant's page, the internship and close forms (also for a
partner's host employer), and the project's internship list and placement summary."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from employment.models import Internship, JobSupportKind
from employment.services import MonthAttendance, internship_months_record, job_support_contact_add
from participants.models import ParticipationStatus
from projects.models import OrganisationKind

from . import fixtures_employment
from .factories import EmployerFactory, OrganisationFactory, ParticipationFactory
from .fixtures_employment import _form_dates
from .helpers.employment import contact_data, make_internship
from .helpers.forms import form_data

# The shared fixtures, bound here so that pytest finds them in this module.
employer = fixtures_employment.employer
internship = fixtures_employment.internship
sw_client = fixtures_employment.sw_client


# --- The participant's page and its forms -----------------------------------------------------


def test_the_page_shows_the_participants_internships_and_contacts(
    sw_client, participation, internship, social_worker
):
    job_support_contact_add(participation=participation, by=social_worker, **contact_data())

    response = sw_client.get(
        reverse("employment:participation_employment", args=[participation.pk])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Magazynier" in page and "Sklep Spożywczy" in page
    assert reverse("employment:internship_months", args=[internship.pk]) in page


def test_the_page_logs_the_view_of_personal_data(sw_client, participation, social_worker):
    from accounts.models import AccessLogEntry

    sw_client.get(reverse("employment:participation_employment", args=[participation.pk]))

    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.object_id) == (social_worker, participation.pk)


def test_the_form_records_an_internship(sw_client, participation, employer, social_worker):
    url = reverse("employment:internship_create", args=[participation.pk])

    response = sw_client.post(url, _form_dates(employer=employer.pk))

    assert response.status_code == 302
    internship = Internship.objects.get()
    assert (internship.employer, internship.end_date) == (employer, date(2025, 5, 31))
    assert internship.history.get().history_user == social_worker


@pytest.mark.parametrize(
    ("end", "message"),
    [
        ("30.05.2025", "An internship lasts from 3 to 6 months."),
        ("01.09.2025", "An internship lasts from 3 to 6 months."),
    ],
)
def test_the_form_says_why_the_period_is_refused(sw_client, participation, employer, end,
                                                 message):
    url = reverse("employment:internship_create", args=[participation.pk])

    response = sw_client.post(url, _form_dates(employer=employer.pk, end_date=end))

    assert response.status_code == 400
    assert _(message) in response.content.decode()
    assert not Internship.objects.exists()


def test_the_form_refuses_an_employer_without_a_nip(sw_client, participation, office):
    no_nip = OrganisationFactory(kind=OrganisationKind.EMPLOYER, nip="", recorded_by=office)
    url = reverse("employment:internship_create", args=[participation.pk])

    response = sw_client.post(url, _form_dates(employer=no_nip.pk))

    assert response.status_code == 400
    assert escape(_("Enter the host employer's NIP in its record first.")) in (
        response.content.decode()
    )


def test_the_form_offers_no_employer_of_another_organisation(
    sw_client, participation, outsider
):
    theirs = EmployerFactory(recorded_by=outsider.organisation)
    url = reverse("employment:internship_create", args=[participation.pk])

    response = sw_client.post(url, _form_dates(employer=theirs.pk))

    assert response.status_code == 400
    assert "employer" in response.context["form"].errors
    assert not Internship.objects.exists()


def test_posted_fields_the_form_does_not_offer_change_nothing(
    sw_client, participation, employer
):
    url = reverse("employment:internship_create", args=[participation.pk])

    sw_client.post(url, _form_dates(employer=employer.pk, outcome="hired",
                                    participation=ParticipationFactory().pk))

    internship = Internship.objects.get()
    assert (internship.outcome, internship.participation) == ("in_progress", participation)


def test_the_close_form_closes_the_internship(sw_client, internship):
    url = reverse("employment:internship_close", args=[internship.pk])

    response = sw_client.post(
        url, {"outcome": "completed", "outcome_notes": "", "version": internship.version}
    )

    internship.refresh_from_db()
    assert response.status_code == 302
    assert internship.outcome == "completed"
    assert sw_client.get(url).status_code == 302  # already closed: back to the page
    assert sw_client.get(
        reverse("employment:internship_update", args=[internship.pk])
    ).status_code == 302


def test_the_leads_staff_save_a_record_whose_employer_the_partner_entered(
    client, project, coordinator
):
    """A partnership: the foundation's worker recorded the host employer and the internship;
    the centre's coordinator corrects the internship and saves it as it is."""
    from accounts.roles import Role

    from .factories import MembershipFactory, UserFactory

    foundation = OrganisationFactory(name="Fundacja Partner", kind=OrganisationKind.NGO)
    project.partners.add(foundation)
    worker = UserFactory(organisation=foundation, role=Role.SOCIAL_WORKER)
    MembershipFactory(project=project, user=worker, role=Role.SOCIAL_WORKER)
    host = EmployerFactory(recorded_by=foundation, name="Piekarnia u Partnera")
    participation = ParticipationFactory(project=project, status=ParticipationStatus.PARTICIPANT,
                                         start_date=date(2025, 2, 1))
    internship = make_internship(participation, host, worker)
    client.force_login(coordinator)
    url = reverse("employment:internship_update", args=[internship.pk])

    page = client.get(url)
    response = client.post(url, form_data(page.context["form"]) | {"position": "Piekarz"})

    assert response.status_code == 302, response.context["form"].errors
    internship.refresh_from_db()
    assert (internship.position, internship.employer) == ("Piekarz", host)


# --- The project's lists: bounded queries --------------------------------------------------


def _add_people_with_internships(project, employer, by, count):
    for _index in range(count):
        participation = ParticipationFactory(project=project)
        internship = make_internship(participation, employer, by)
        internship_months_record(internship=internship, by=by, months=[
            MonthAttendance(date(2025, 3, 1), 20, 19), MonthAttendance(date(2025, 4, 1), 20, 20)
        ])
        for kind in JobSupportKind.values:
            job_support_contact_add(
                participation=participation, by=by, **contact_data(kind=kind)
            )


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name", ["employment:internship_list", "employment:placement_summary"]
)
def test_the_project_lists_run_a_fixed_number_of_queries(
    sw_client, project, employer, social_worker, django_assert_max_num_queries, name
):
    url = reverse(name, args=[project.pk])
    _add_people_with_internships(project, employer, social_worker, 1)
    small = _query_count(sw_client, url)

    _add_people_with_internships(project, employer, social_worker, 12)

    with django_assert_max_num_queries(small):
        response = sw_client.get(url)
    assert response.status_code == 200


def test_the_participants_page_runs_a_fixed_number_of_queries(
    sw_client, project, participation, employer, social_worker, django_assert_max_num_queries
):
    url = reverse("employment:participation_employment", args=[participation.pk])
    make_internship(participation, employer, social_worker)
    job_support_contact_add(participation=participation, by=social_worker, **contact_data())
    small = _query_count(sw_client, url)

    for start, end in [(date(2025, 6, 1), date(2025, 8, 31)),
                       (date(2025, 9, 1), date(2025, 11, 30))]:
        make_internship(participation, employer, social_worker, start_date=start, end_date=end)
    for _index in range(10):
        job_support_contact_add(participation=participation, by=social_worker, **contact_data())

    with django_assert_max_num_queries(small):
        sw_client.get(url)


def test_the_internship_list_shows_months_and_attendance(
    sw_client, project, employer, social_worker
):
    _add_people_with_internships(project, employer, social_worker, 1)

    response = sw_client.get(reverse("employment:internship_list", args=[project.pk]))

    (row,) = response.context["internships"]
    assert (row.months_recorded, row.attendance_percent) == (2, 98)
    assert "98%" in response.content.decode()


def test_the_placement_summary_counts_per_participant_and_in_total(
    sw_client, project, employer, social_worker
):
    _add_people_with_internships(project, employer, social_worker, 2)
    ParticipationFactory(project=project)  # no contacts: not listed

    response = sw_client.get(reverse("employment:placement_summary", args=[project.pk]))

    rows = response.context["rows"]
    assert len(rows) == 2
    assert [(r.offers, r.interviews, r.placements, r.coaching) for r in rows] == [(1, 1, 1, 1)] * 2
    assert response.context["totals"] == {
        "offers": 2, "interviews": 2, "placements": 2, "coaching": 2
    }
    assert response.context["people_placed"] == 2


def test_the_lists_show_nothing_of_another_project(
    sw_client, project, other_project, employer, outsider
):
    _add_people_with_internships(other_project, employer, outsider, 1)

    internships = sw_client.get(reverse("employment:internship_list", args=[project.pk]))
    summary = sw_client.get(reverse("employment:placement_summary", args=[project.pk]))

    assert list(internships.context["internships"]) == []
    assert summary.context["rows"] == []
