"""Internships (3–6 months, a host employer with a NIP, monthly attendance), job placement and
job coaching: the services' rules, the participant's page, the project's lists."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from employment.models import (
    Internship,
    InternshipMonth,
    InternshipOutcome,
    JobSupportContact,
    JobSupportKind,
)
from employment.services import (
    MonthAttendance,
    internship_close,
    internship_create,
    internship_month_record,
    internship_months_record,
    internship_update,
    job_support_contact_add,
    job_support_contact_delete,
    job_support_contact_update,
)
from participants.models import ParticipationStatus
from projects.models import OrganisationKind

from .factories import (
    EmployerFactory,
    OrganisationFactory,
    ParticipationFactory,
    SupportFormFactory,
)
from .helpers.employment import contact_data, internship_data, make_internship
from .helpers.forms import form_data


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


# --- The 3–6 month rule and the other rules of an internship ---------------------------------


@pytest.mark.parametrize(
    ("start", "end", "accepted"),
    [
        (date(2025, 3, 1), date(2025, 5, 31), True),  # exactly three months
        (date(2025, 3, 1), date(2025, 5, 30), False),  # one day short of three
        (date(2025, 3, 1), date(2025, 8, 31), True),  # exactly six months
        (date(2025, 3, 1), date(2025, 9, 1), False),  # one day over six
        (date(2025, 1, 31), date(2025, 4, 30), True),  # from the end of a month
        (date(2025, 11, 15), date(2026, 2, 14), True),  # across the new year
    ],
)
def test_an_internship_lasts_from_three_to_six_months(
    participation, employer, social_worker, start, end, accepted
):
    data = internship_data(employer, start_date=start, end_date=end)
    if accepted:
        internship = internship_create(participation=participation, by=social_worker, **data)
        assert internship.pk
        return
    with pytest.raises(ValidationError) as excinfo:
        internship_create(participation=participation, by=social_worker, **data)
    assert errors_of(excinfo)["end_date"] == [_("An internship lasts from 3 to 6 months.")]
    assert not Internship.objects.exists()


def test_it_refuses_an_internship_ending_before_it_starts(participation, employer, social_worker):
    data = internship_data(employer, start_date=date(2025, 5, 1), end_date=date(2025, 3, 1))

    with pytest.raises(ValidationError) as excinfo:
        internship_create(participation=participation, by=social_worker, **data)

    assert errors_of(excinfo)["end_date"] == [_("An internship cannot end before it starts.")]


def test_it_refuses_a_host_employer_without_a_nip(participation, office, social_worker):
    no_nip = OrganisationFactory(kind=OrganisationKind.EMPLOYER, nip="", recorded_by=office)

    with pytest.raises(ValidationError) as excinfo:
        make_internship(participation, no_nip, social_worker)

    assert errors_of(excinfo)["employer"] == [
        _("Enter the host employer's NIP in its record first.")
    ]
    assert not Internship.objects.exists()


def test_it_refuses_an_internship_outside_the_project_period(
    participation, employer, social_worker
):
    project = participation.project  # 01.01.2025 – 31.12.2026

    with pytest.raises(ValidationError) as excinfo:
        make_internship(
            participation, employer, social_worker,
            start_date=date(2026, 11, 1), end_date=date(2027, 1, 31),
        )

    assert errors_of(excinfo)["start_date"] == [project.period_error()]


@pytest.mark.parametrize(
    "status", [ParticipationStatus.CANDIDATE, ParticipationStatus.REJECTED,
               ParticipationStatus.RESERVE]
)
def test_it_refuses_an_internship_for_someone_not_taking_part(
    project, employer, social_worker, status
):
    candidate = ParticipationFactory(project=project, status=status)

    with pytest.raises(ValidationError) as excinfo:
        make_internship(candidate, employer, social_worker)

    assert excinfo.value.messages == [
        _("%(name)s is not a participant of the project (status: %(status)s).")
        % {"name": candidate.person, "status": candidate.get_status_display()}
    ]


def test_it_refuses_a_support_form_of_another_project(
    participation, employer, social_worker, other_project
):
    theirs = SupportFormFactory(project=other_project)

    with pytest.raises(ValidationError) as excinfo:
        make_internship(participation, employer, social_worker, support_form=theirs)

    assert errors_of(excinfo)["support_form"] == [_("The support form belongs to another project.")]


def test_the_history_records_who_created_and_changed_an_internship(
    internship, social_worker, coordinator
):
    internship_update(
        internship=internship, by=coordinator, expected_version=internship.version,
        position="Magazynier-sprzedawca",
    )

    entries = list(internship.history.order_by("history_date"))
    assert [(e.history_type, e.history_user) for e in entries] == [
        ("+", social_worker), ("~", coordinator)
    ]
    assert entries[-1].position == "Magazynier-sprzedawca"


def test_it_refuses_new_dates_that_leave_recorded_months_outside(internship, social_worker):
    internship_update(
        internship=internship, by=social_worker, expected_version=internship.version,
        end_date=date(2025, 8, 31),
    )
    internship_month_record(
        internship=internship, month=date(2025, 8, 1), days_planned=20, days_present=19,
        by=social_worker,
    )

    with pytest.raises(ValidationError) as excinfo:
        internship_update(
            internship=internship, by=social_worker, expected_version=internship.version,
            end_date=date(2025, 5, 31),
        )

    assert "08.2025" in errors_of(excinfo)["end_date"][0]
    internship.refresh_from_db()
    assert internship.end_date == date(2025, 8, 31)


def test_it_refuses_an_unknown_field(internship, social_worker):
    with pytest.raises(TypeError):
        internship_update(
            internship=internship, by=social_worker, expected_version=internship.version,
            outcome="hired",
        )


def test_the_database_refuses_an_internship_ending_before_it_starts(internship):
    with pytest.raises(IntegrityError), transaction.atomic():
        Internship.objects.filter(pk=internship.pk).update(end_date=date(2025, 2, 1))


# --- Closing --------------------------------------------------------------------------------


def test_closing_records_the_outcome_and_then_the_internship_no_longer_changes(
    internship, social_worker
):
    internship_close(
        internship=internship, outcome=InternshipOutcome.HIRED,
        outcome_notes="Umowa o pracę od 01.06.2025.", by=social_worker,
        expected_version=internship.version,
    )

    internship.refresh_from_db()
    assert internship.outcome == InternshipOutcome.HIRED
    assert internship.history.first().history_user == social_worker
    with pytest.raises(ValidationError):
        internship_update(
            internship=internship, by=social_worker, expected_version=internship.version,
            position="Inne",
        )
    with pytest.raises(ValidationError):
        internship_close(internship=internship, outcome="completed", outcome_notes="",
                         by=social_worker, expected_version=internship.version)


def test_closing_needs_a_final_outcome(internship, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        internship_close(internship=internship, outcome=InternshipOutcome.IN_PROGRESS,
                         outcome_notes="", by=social_worker,
                         expected_version=internship.version)

    assert errors_of(excinfo)["outcome"] == [_("Choose how the internship ended.")]


def test_an_interrupted_internship_needs_the_reason(internship, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        internship_close(internship=internship, outcome=InternshipOutcome.INTERRUPTED,
                         outcome_notes="  ", by=social_worker,
                         expected_version=internship.version)

    assert errors_of(excinfo)["outcome_notes"] == [_("Say why the internship was interrupted.")]
    internship.refresh_from_db()
    assert internship.outcome == InternshipOutcome.IN_PROGRESS


# --- Monthly attendance ---------------------------------------------------------------------


def test_one_row_per_month_corrected_in_place(internship, social_worker, coordinator):
    internship_month_record(internship=internship, month=date(2025, 3, 1), days_planned=21,
                            days_present=18, by=social_worker)
    internship_month_record(internship=internship, month=date(2025, 3, 1), days_planned=21,
                            days_present=20, by=coordinator)

    month = InternshipMonth.objects.get()
    assert (month.days_planned, month.days_present) == (21, 20)
    assert month.history.first().history_user == coordinator


@pytest.mark.parametrize("month", [date(2025, 2, 1), date(2025, 6, 1), date(2026, 3, 1)])
def test_it_refuses_a_month_outside_the_internship(internship, social_worker, month):
    with pytest.raises(ValidationError) as excinfo:
        internship_month_record(internship=internship, month=month, days_planned=20,
                                days_present=20, by=social_worker)

    assert errors_of(excinfo)["month"] == [_("The month is outside the internship.")]
    assert not InternshipMonth.objects.exists()


def test_it_refuses_more_days_present_than_planned(internship, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        internship_month_record(internship=internship, month=date(2025, 4, 1), days_planned=20,
                                days_present=21, by=social_worker)

    assert errors_of(excinfo)["days_present"] == [
        _("Days present cannot exceed the working days planned.")
    ]


def test_it_refuses_a_month_not_given_by_its_first_day(internship, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        internship_month_record(internship=internship, month=date(2025, 4, 15), days_planned=20,
                                days_present=20, by=social_worker)

    assert errors_of(excinfo)["month"] == [_("Record a month by its first day.")]


def test_it_refuses_more_working_days_than_the_internship_has_in_a_month(
    participation, employer, social_worker
):
    internship = make_internship(participation, employer, social_worker,
                                 start_date=date(2025, 3, 20), end_date=date(2025, 6, 19))

    with pytest.raises(ValidationError) as excinfo:
        internship_month_record(internship=internship, month=date(2025, 3, 1), days_planned=13,
                                days_present=10, by=social_worker)

    assert errors_of(excinfo)["days_planned"] == [_(
        "The internship lasts %(days)s days in %(month)s: plan no more working days than that."
    ) % {"days": 12, "month": "03.2025"}]
    assert internship.month_starts == [
        date(2025, 3, 1), date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1)
    ]


def test_the_database_refuses_more_days_present_than_planned(internship):
    with pytest.raises(IntegrityError), transaction.atomic():
        InternshipMonth.objects.bulk_create([
            InternshipMonth(internship=internship, month=date(2025, 3, 1), days_planned=5,
                            days_present=6)
        ])


def test_the_database_refuses_a_month_not_on_its_first_day(internship):
    with pytest.raises(IntegrityError), transaction.atomic():
        InternshipMonth.objects.bulk_create([
            InternshipMonth(internship=internship, month=date(2025, 3, 2), days_planned=5,
                            days_present=5)
        ])


def test_the_database_records_a_month_once(internship):
    InternshipMonth.objects.create(internship=internship, month=date(2025, 3, 1),
                                   days_planned=5, days_present=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        InternshipMonth.objects.create(internship=internship, month=date(2025, 3, 1),
                                       days_planned=5, days_present=4)


def test_all_months_are_saved_at_once(internship, social_worker):
    internship_months_record(internship=internship, by=social_worker, months=[
        MonthAttendance(date(2025, 3, 1), 21, 21),
        MonthAttendance(date(2025, 4, 1), 21, 19),
        MonthAttendance(date(2025, 5, 1), None, None),  # not yet
    ])

    assert list(internship.months.values_list("month", "days_present")) == [
        (date(2025, 3, 1), 21), (date(2025, 4, 1), 19)
    ]


def test_one_wrong_month_saves_none(internship, social_worker):
    with pytest.raises(ValidationError) as excinfo:
        internship_months_record(internship=internship, by=social_worker, months=[
            MonthAttendance(date(2025, 3, 1), 21, 21),
            MonthAttendance(date(2025, 4, 1), 19, 21),
        ])

    assert excinfo.value.messages == [_("%(month)s: %(error)s") % {
        "month": "04.2025", "error": _("Days present cannot exceed the working days planned.")
    }]
    assert not InternshipMonth.objects.exists()
    assert not InternshipMonth.history.exists()


def test_a_recorded_month_cannot_be_emptied(internship, social_worker):
    internship_month_record(internship=internship, month=date(2025, 3, 1), days_planned=21,
                            days_present=21, by=social_worker)

    with pytest.raises(ValidationError):
        internship_months_record(internship=internship, by=social_worker, months=[
            MonthAttendance(date(2025, 3, 1), None, None),
        ])

    assert internship.months.get().days_present == 21


def test_the_attendance_percent_counts_the_months_recorded(internship, social_worker):
    internship_months_record(internship=internship, by=social_worker, months=[
        MonthAttendance(date(2025, 3, 1), 20, 20),
        MonthAttendance(date(2025, 4, 1), 20, 10),
    ])

    annotated = Internship.objects.with_attendance().get(pk=internship.pk)

    assert (annotated.months_recorded, annotated.attendance_percent) == (2, 75)


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


def _form_dates(**changes):
    return {
        "position": "Magazynier",
        "mentor_name": "Tomasz Wójcik",
        "start_date": "01.03.2025",
        "end_date": "31.05.2025",
        "monthly_stipend": "1994,40",
    } | changes


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


def test_the_months_form_saves_every_month(sw_client, internship):
    url = reverse("employment:internship_months", args=[internship.pk])
    page = sw_client.get(url)
    assert page.context["formset"].total_form_count() == 3

    response = sw_client.post(url, _months_data([(21, 21), (20, 18), ("", "")]))

    assert response.status_code == 302
    assert list(internship.months.values_list("days_planned", "days_present")) == [
        (21, 21), (20, 18)
    ]


def test_the_months_form_saves_nothing_when_a_month_is_wrong(sw_client, internship):
    url = reverse("employment:internship_months", args=[internship.pk])

    response = sw_client.post(url, _months_data([(21, 21), (20, 22), (21, "")]))

    page = response.content.decode()
    assert response.status_code == 400
    assert _("Days present cannot exceed the working days planned.") in page
    assert _("Enter both the working days planned and the days present.") in page
    assert not InternshipMonth.objects.exists()


def test_the_months_form_refuses_a_list_of_months_of_another_length(sw_client, internship):
    url = reverse("employment:internship_months", args=[internship.pk])

    response = sw_client.post(url, _months_data([(21, 21), (20, 20)]))

    assert response.status_code == 400
    assert not InternshipMonth.objects.exists()


def _months_data(rows) -> dict:
    data = {"months-TOTAL_FORMS": str(len(rows)), "months-INITIAL_FORMS": str(len(rows))}
    for index, (planned, present) in enumerate(rows):
        data[f"months-{index}-days_planned"] = str(planned)
        data[f"months-{index}-days_present"] = str(present)
    return data


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
    assert "98 %" in response.content.decode()


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


# --- One internship at a time ---------------------------------------------------------------


def _overlap_message(internship) -> str:
    return _(
        "This person already has an internship in that period: %(employer)s, "
        "%(start)s – %(end)s. Internships of one person cannot overlap."
    ) % {"employer": internship.employer, "start": "01.03.2025", "end": "31.05.2025"}


def test_an_internship_may_start_the_day_after_the_previous_one_ends(
    internship, employer, social_worker, office
):
    second = make_internship(
        internship.participation, EmployerFactory(recorded_by=office), social_worker,
        start_date=date(2025, 6, 1), end_date=date(2025, 8, 31),
    )

    assert second.pk and Internship.objects.count() == 2


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2025, 5, 31), date(2025, 8, 31)),  # starts on the other's last day
        (date(2025, 1, 2), date(2025, 4, 1)),  # ends inside the other
        (date(2025, 3, 15), date(2025, 6, 30)),
    ],
)
def test_it_refuses_overlapping_internships_of_one_person(
    internship, social_worker, office, start, end
):
    with pytest.raises(ValidationError) as excinfo:
        make_internship(internship.participation, EmployerFactory(recorded_by=office),
                        social_worker, start_date=start, end_date=end)

    assert excinfo.value.messages == [_overlap_message(internship)]
    assert Internship.objects.count() == 1


def test_another_persons_internship_may_overlap(internship, project, social_worker, employer):
    someone_else = ParticipationFactory(project=project, social_worker=social_worker)

    make_internship(someone_else, employer, social_worker)

    assert Internship.objects.count() == 2


def test_an_edit_cannot_move_an_internship_onto_another(internship, social_worker, office):
    later = make_internship(
        internship.participation, EmployerFactory(recorded_by=office), social_worker,
        start_date=date(2025, 6, 1), end_date=date(2025, 8, 31),
    )

    with pytest.raises(ValidationError) as excinfo:
        internship_update(internship=later, by=social_worker, expected_version=later.version,
                          start_date=date(2025, 5, 1))

    assert excinfo.value.messages == [_overlap_message(internship)]
    later.refresh_from_db()
    assert later.start_date == date(2025, 6, 1)


def test_an_interrupted_internship_does_not_block_a_new_one(internship, social_worker, office):
    internship_close(internship=internship, outcome=InternshipOutcome.INTERRUPTED,
                     outcome_notes="Choroba.", by=social_worker,
                     expected_version=internship.version)

    make_internship(internship.participation, EmployerFactory(recorded_by=office),
                    social_worker, start_date=date(2025, 4, 1), end_date=date(2025, 6, 30))

    assert Internship.objects.count() == 2


def test_the_form_names_the_overlapping_internship(sw_client, internship, office):
    other = EmployerFactory(recorded_by=office)
    url = reverse("employment:internship_create", args=[internship.participation_id])

    response = sw_client.post(url, _form_dates(employer=other.pk, start_date="01.05.2025",
                                               end_date="31.07.2025"))

    assert response.status_code == 400
    assert escape(_overlap_message(internship)) in response.content.decode()
    assert Internship.objects.count() == 1


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
