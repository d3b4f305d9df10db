"""Recording a participant's results, the card's Support and Results tabs, the indicators page."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.defaultfilters import floatformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employment.models import Internship, JobSupportContact
from events.models import Event, EventAttendance
from instruments.hours import refresh_hours
from instruments.models import Attendance
from participants.models import ParticipationStatus as Status
from results.models import Employment, SocialProgress
from results.services import (
    employment_delete,
    employment_record,
    employment_update,
    latest_result_date,
    social_progress_record,
)
from trainings.models import TrainingCourse, TrainingResult

from .factories import (
    OrganisationFactory,
    ParticipationFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
)
from .helpers.indicators import employ, progress, take_part

CARD_QUERIES = 18  # the results tab reads the programme's employment rules (3 queries)
PAGE_QUERIES = 19  # the employment rules, wages and employments; the user's groups


@pytest.fixture
def sw_client(client, social_worker):
    client.force_login(social_worker)
    return client


@pytest.fixture
def finished(project, social_worker):
    """Took part from 01.01.2025 to 15.03.2025."""
    return ParticipationFactory(
        project=project, social_worker=social_worker, status=Status.COMPLETED,
        end_date=date(2025, 3, 15), path_completed=True,
    )


def employment_data(**changes):
    return {
        "contract_type": "employment_contract", "employer_name": "Sklep Społem",
        "position": "sprzedawca", "start_date": "01.04.2025", "end_date": "",
        "evidence": "umowa o pracę", **changes,
    }


# --- Services -------------------------------------------------------------------------------


def test_it_records_employment_with_who_recorded_it(finished, social_worker):
    employment = employment_record(
        participation=finished, by=social_worker, contract_type="civil_law",
        employer_name="Firma", start_date=date(2025, 4, 1), evidence="umowa zlecenia",
    )

    assert employment.history.latest().history_user == social_worker


def test_it_refuses_employment_before_the_participation_started(finished, social_worker):
    with pytest.raises(ValidationError) as error:
        employment_record(
            participation=finished, by=social_worker, contract_type="civil_law",
            employer_name="Firma", start_date=date(2024, 12, 31), evidence="umowa",
        )

    assert error.value.message_dict["start_date"] == [
        _("The date cannot be before the start of participation (%(start)s).")
        % {"start": "01.01.2025"}
    ]


def test_it_refuses_a_date_more_than_a_year_after_the_end(finished, social_worker):
    with pytest.raises(ValidationError) as error:
        employment_record(
            participation=finished, by=social_worker, contract_type="own_business",
            start_date=date(2026, 3, 16), evidence="CEIDG",
        )

    assert "start_date" in error.value.message_dict
    last_day = employment_record(
        participation=finished, by=social_worker, contract_type="own_business",
        start_date=date(2026, 3, 15), evidence="CEIDG",
    )
    assert last_day.pk


def test_it_refuses_results_of_a_candidate(project, social_worker):
    candidate = ParticipationFactory(project=project, status=Status.CANDIDATE, start_date=None)

    with pytest.raises(ValidationError) as error:
        social_progress_record(
            participation=candidate, by=social_worker, description="x", evidence="y",
            date=date(2025, 3, 1),
        )

    assert error.value.messages == [
        _("Results are recorded only for a participant whose participation has started.")
    ]


def test_it_refuses_progress_dated_in_the_future(participation, social_worker):
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert tomorrow <= latest_result_date(participation)

    with pytest.raises(ValidationError) as error:
        social_progress_record(
            participation=participation, by=social_worker, description="Terapia",
            evidence="zaświadczenie", date=tomorrow,
        )

    assert error.value.message_dict["date"] == [
        _("Progress is recorded once documented: the date cannot be in the future.")
    ]


def test_it_refuses_the_same_employment_twice(finished, social_worker):
    data = {"contract_type": "civil_law", "employer_name": "Firma",
            "start_date": date(2025, 4, 1), "evidence": "umowa"}
    employment_record(participation=finished, by=social_worker, **data)

    with pytest.raises(ValidationError) as error:
        employment_record(participation=finished, by=social_worker, **data)

    assert error.value.messages == [_("This result is already recorded.")]
    assert Employment.objects.count() == 1


def test_it_reports_the_models_and_the_date_errors_together(finished, social_worker):
    with pytest.raises(ValidationError) as error:
        employment_record(
            participation=finished, by=social_worker, contract_type="civil_law",
            start_date=date(2024, 1, 1), evidence="umowa",
        )

    assert set(error.value.message_dict) == {"employer_name", "start_date"}
    assert error.value.message_dict["employer_name"] == [_("Name the employer.")]


def test_it_updates_and_deletes_with_the_history_attributed(finished, social_worker, coordinator):
    employment = employ(finished, date(2025, 4, 1))

    pk = employment.pk
    employment_update(employment=employment, by=coordinator, position="magazynier")
    employment_delete(employment=employment, by=social_worker)

    history = Employment.history.filter(id=pk).order_by("history_date")
    assert [(h.history_type, h.history_user) for h in history][1:] == [
        ("~", coordinator), ("-", social_worker),
    ]


# --- Screens --------------------------------------------------------------------------------


def test_the_team_records_employment(sw_client, finished, social_worker):
    url = reverse("results:employment_create", args=[finished.pk])

    response = sw_client.post(url, employment_data())

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "card:participation_tab", args=[finished.pk, "results"]
    )
    employment = finished.employments.get()
    assert (employment.employer_name, employment.start_date) == ("Sklep Społem", date(2025, 4, 1))
    assert employment.history.get().history_user == social_worker


def test_it_shows_the_date_error_on_the_form(sw_client, finished):
    url = reverse("results:employment_create", args=[finished.pk])

    response = sw_client.post(url, employment_data(start_date="01.12.2024"))

    assert response.status_code == 400
    assert response.context["form"].errors["start_date"] == [
        _("The date cannot be before the start of participation (%(start)s).")
        % {"start": "01.01.2025"}
    ]
    assert not Employment.objects.exists()


def test_it_requires_the_evidence_of_employment(sw_client, finished):
    url = reverse("results:employment_create", args=[finished.pk])

    response = sw_client.post(url, employment_data(evidence=""))

    assert response.status_code == 400
    assert "evidence" in response.context["form"].errors


def test_it_refuses_an_employer_the_user_cannot_see(sw_client, finished, other_project):
    url = reverse("results:employment_create", args=[finished.pk])
    theirs = other_project.lead_beneficiary

    response = sw_client.post(url, employment_data(employer=theirs.pk, employer_name=""))

    assert response.status_code == 400
    assert "employer" in response.context["form"].errors


def test_it_accepts_an_employer_on_record(sw_client, finished, office):
    employer = OrganisationFactory(name="Hurtownia", kind="employer", recorded_by=office)
    url = reverse("results:employment_create", args=[finished.pk])

    response = sw_client.post(url, employment_data(employer=employer.pk, employer_name=""))

    assert response.status_code == 302
    assert finished.employments.get().employer == employer


def test_the_team_edits_and_deletes_social_progress(sw_client, finished):
    item = progress(finished, date(2025, 4, 1))
    edit = reverse("results:progress_update", args=[item.pk])

    response = sw_client.post(edit, {"description": "Zakończył terapię", "evidence": "opinia",
                                      "date": "02.04.2025"})
    item.refresh_from_db()
    assert response.status_code == 302
    assert (item.description, item.date) == ("Zakończył terapię", date(2025, 4, 2))

    confirm = sw_client.get(reverse("results:progress_delete", args=[item.pk]))
    assert confirm.status_code == 200
    sw_client.post(reverse("results:progress_delete", args=[item.pk]))
    assert not SocialProgress.objects.exists()


# --- The card's tabs ------------------------------------------------------------------------


def add_support(participation, serial):
    referral = ReferralFactory(participation=participation)
    session = SessionFactory(
        support_form=referral.support_form, date=date(2025, 3, serial % 28 + 1),
        start_time=time(10, 0), end_time=time(11, 30),
    )
    Attendance.objects.create(session=session, participation=participation, present=True)
    refresh_hours(participations=[participation])
    course = TrainingCourse.objects.create(support_form=SupportFormFactory(
        project=participation.project, mode="training", instrument="educational"))
    TrainingResult.objects.create(
        course=course, participation=participation, document_kind="qualification",
        document_body="UDT", document_number=f"{serial}/2025", document_date=date(2025, 3, 1),
    )
    employer = OrganisationFactory(nip="5260250274" if serial == 0 else "", kind="employer")
    if serial == 0:
        Internship.objects.create(
            participation=participation, employer=employer, position="magazynier",
            mentor_name="Jan Kowal", start_date=date(2025, 2, 1), end_date=date(2025, 5, 31),
        )
    JobSupportContact.objects.create(
        participation=participation, kind="offer", date=date(2025, 3, 2),
        employer_name=f"Pracodawca {serial}",
    )
    event = Event.objects.create(project=participation.project, kind="workshop",
                                 title=f"Warsztaty {serial}", start_date=date(2025, 3, 3),
                                 places="Lubartów")
    EventAttendance.objects.create(event=event, participation=participation)
    employ(participation, date(2025, 4, serial % 28 + 1))
    progress(participation, date(2025, 4, serial % 28 + 1))


def card_queries(client, participation, tab) -> tuple[int, str]:
    url = reverse("card:participation_tab", args=[participation.pk, tab])
    client.get(url)  # warms caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("tab", ["support", "results"])
def test_the_tab_uses_the_same_queries_for_little_and_much_support(sw_client, finished, tab):
    add_support(finished, 0)
    few, _page = card_queries(sw_client, finished, tab)

    for serial in range(1, 8):
        add_support(finished, serial)
    many, page = card_queries(sw_client, finished, tab)

    assert many == few
    assert few <= CARD_QUERIES
    assert "Pracodawca 7" in page if tab == "support" else "7/2025" in page


def test_the_support_tab_shows_hours_per_support_form(sw_client, finished):
    add_support(finished, 0)
    add_support(finished, 1)

    _count, page = card_queries(sw_client, finished, "support")

    one_and_a_half = floatformat(Decimal("1.5"), "-2")  # as the page's language writes it
    assert page.count(f">{one_and_a_half}<") == 2  # 90 minutes at each of two forms
    assert f'fw-semibold">{floatformat(Decimal(3), "-2")}<' in page  # the total
    assert "Warsztaty 1" in page
    assert "magazynier" in page


def test_the_results_tab_marks_what_counts_for_effectiveness(sw_client, finished):
    employ(finished, date(2025, 6, 15))
    Employment.objects.create(participation=finished, contract_type="civil_law",
                              employer_name="Późny", start_date=date(2025, 6, 16),
                              contract_value=15000, evidence="umowa")

    _count, page = card_queries(sw_client, finished, "results")

    assert page.count(_("outside the window")) == 1
    assert page.count(f">{_('counts')}<") == 1
    assert reverse("results:employment_create", args=[finished.pk]) in page


# --- The indicators page --------------------------------------------------------------------


def page_queries(client, project) -> tuple[int, str]:
    url = reverse("reporting:project_indicators", args=[project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_director_sees_the_totals_and_no_names(client, director, project, finished):
    employ(finished, date(2025, 4, 1))
    client.force_login(director)

    _count, page = page_queries(client, project)

    assert finished.person.last_name not in page
    assert "100%" in page  # one who finished, employed
    assert "bar-w-" in page and "style=" not in page


def test_the_indicators_page_runs_the_same_queries_for_few_and_many(
    client, coordinator, project, social_worker
):
    client.force_login(coordinator)
    take_part(project, "K", 1)
    few, _page = page_queries(client, project)

    for serial in range(2, 40):
        someone = take_part(project, "K" if serial % 2 else "M", serial)
        employ(someone, date(2025, 4, 1))
    many, page = page_queries(client, project)

    assert many == few <= PAGE_QUERIES
    assert "39" in page
