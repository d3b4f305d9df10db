"""Two people editing the same session, internship, event or course results: the second is told,
nothing the first saved is overwritten."""

from datetime import date, time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from employment.models import Internship, InternshipOutcome
from employment.services import internship_close, internship_update
from events.models import Event
from events.services import event_create, event_update
from instruments.models import Session
from instruments.services import session_update
from trainings.forms import ResultForm
from trainings.models import TrainingResult

from .factories import EmployerFactory, SessionFactory, SupportFormFactory
from .helpers.employment import make_internship
from .helpers.events import event_data
from .helpers.forms import form_data
from .helpers.trainings import enrol, record, set_up

CONFLICT_TITLE = "Someone else saved this record in the meantime"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def opened_form(client, url) -> dict:
    """What the person's browser would send back from the page as it was when opened."""
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.context["form"])


def assert_conflict_page(response, *values):
    page = response.content.decode()
    assert response.status_code == 409
    assert _(CONFLICT_TITLE) in page
    for value in values:
        assert value in page


# --- Sessions -------------------------------------------------------------------------------


@pytest.fixture
def session(project):
    return SessionFactory(support_form=SupportFormFactory(project=project), place="Sala 12")


def test_a_stale_session_edit_is_refused_and_nothing_is_overwritten(session, coordinator):
    url = reverse("instruments:session_update", args=[session.pk])
    client = client_of(coordinator)
    stale = opened_form(client, url) | {"place": "Sala 3"}
    session_update(session=session, by=coordinator, expected_version=1, place="Sala 7")

    response = client.post(url, stale)

    assert_conflict_page(response, "Sala 3", "Sala 7")
    session.refresh_from_db()
    assert (session.place, session.version) == ("Sala 7", 2)
    assert session.history.count() == 2  # created, then the colleague's change only


def test_a_fresh_session_edit_saves_and_moves_the_version_on(session, coordinator):
    url = reverse("instruments:session_update", args=[session.pk])
    client = client_of(coordinator)

    response = client.post(url, opened_form(client, url) | {"place": "Sala 3"})

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.place, session.version) == ("Sala 3", 2)


def test_the_session_service_refuses_a_stale_version(session, coordinator):
    session_update(session=session, by=coordinator, expected_version=1, place="Sala 7")

    with pytest.raises(Exception, match="edit conflict"):
        session_update(session=session, by=coordinator, expected_version=1,
                       start_time=time(8, 0))

    assert Session.objects.get().start_time == time(10, 0)


# --- Internships ----------------------------------------------------------------------------


@pytest.fixture
def internship(participation, office, social_worker):
    return make_internship(participation, EmployerFactory(recorded_by=office), social_worker)


def test_a_stale_internship_edit_is_refused_and_nothing_is_overwritten(
    internship, social_worker, coordinator
):
    url = reverse("employment:internship_update", args=[internship.pk])
    client = client_of(social_worker)
    stale = opened_form(client, url) | {"position": "Sprzedawca", "monthly_stipend": "1994,40"}
    internship_update(internship=Internship.objects.get(), by=coordinator, expected_version=1,
                      position="Kasjer")

    response = client.post(url, stale)

    assert_conflict_page(response, "Sprzedawca", "Kasjer")
    internship.refresh_from_db()
    assert (internship.position, internship.version) == ("Kasjer", 2)


def test_a_fresh_internship_edit_saves(internship, social_worker):
    url = reverse("employment:internship_update", args=[internship.pk])
    client = client_of(social_worker)
    data = opened_form(client, url) | {"position": "Sprzedawca", "monthly_stipend": "1994,40"}

    response = client.post(url, data)

    assert response.status_code == 302
    internship.refresh_from_db()
    assert (internship.position, internship.version) == ("Sprzedawca", 2)


def test_closing_on_a_stale_page_is_refused(internship, social_worker, coordinator):
    url = reverse("employment:internship_close", args=[internship.pk])
    client = client_of(social_worker)
    stale = opened_form(client, url) | {"outcome": "completed", "outcome_notes": "Ukończony."}
    internship_update(internship=Internship.objects.get(), by=coordinator, expected_version=1,
                      mentor_name="Anna Kowal")

    response = client.post(url, stale)

    assert_conflict_page(response, "Ukończony.")
    internship.refresh_from_db()
    assert (internship.outcome, internship.mentor_name) == (
        InternshipOutcome.IN_PROGRESS, "Anna Kowal"
    )


def test_closing_on_a_fresh_page_closes(internship, social_worker):
    url = reverse("employment:internship_close", args=[internship.pk])
    client = client_of(social_worker)

    response = client.post(url, opened_form(client, url) | {"outcome": "completed"})

    assert response.status_code == 302
    internship.refresh_from_db()
    assert (internship.outcome, internship.version) == (InternshipOutcome.COMPLETED, 2)


def test_the_close_service_refuses_a_stale_version(internship, social_worker, coordinator):
    internship_update(internship=Internship.objects.get(), by=coordinator, expected_version=1,
                      mentor_name="Anna Kowal")

    with pytest.raises(Exception, match="edit conflict"):
        internship_close(internship=internship, outcome="completed", outcome_notes="",
                         by=social_worker, expected_version=1)

    assert Internship.objects.get().outcome == InternshipOutcome.IN_PROGRESS


# --- Events ---------------------------------------------------------------------------------


@pytest.fixture
def event(project, coordinator):
    return event_create(project=project, by=coordinator, **event_data())


def test_a_stale_event_edit_is_refused_and_nothing_is_overwritten(event, coordinator):
    url = reverse("events:event_update", args=[event.pk])
    client = client_of(coordinator)
    stale = opened_form(client, url) | {"places": "Lublin"}
    event_update(event=Event.objects.get(), by=coordinator, expected_version=1, places="Chełm")

    response = client.post(url, stale)

    assert_conflict_page(response, "Lublin", "Chełm")
    event.refresh_from_db()
    assert (event.places, event.version) == ("Chełm", 2)


def test_a_fresh_event_edit_saves(event, coordinator):
    url = reverse("events:event_update", args=[event.pk])
    client = client_of(coordinator)

    response = client.post(url, opened_form(client, url) | {"places": "Lublin"})

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.places, event.version) == ("Lublin", 2)


# --- Course results: one version per row ---------------------------------------------------


@pytest.fixture
def course(project, coordinator):
    training_form = SupportFormFactory(
        project=project, name="Magazynier", instrument="educational", mode="training",
        start_date=date(2025, 3, 1), end_date=date(2025, 6, 30),
    )
    return set_up(training_form, coordinator)


def results_form(client, course) -> dict:
    """Every row of the results table as the page showed it, hidden versions included."""
    response = client.get(reverse("trainings:course_detail", args=[course.pk]))
    assert response.status_code == 200
    data = {}
    for form in response.context["forms"]:
        data |= form_data(form)
    return data


def test_a_row_saved_by_someone_else_stops_the_whole_table(course, social_worker, coordinator):
    anna = enrol(course.support_form, social_worker, last_name="Adamska")
    bogdan = enrol(course.support_form, social_worker, last_name="Borowski")
    record(course, anna, social_worker, exam_result="failed", document_kind="none")
    client = client_of(social_worker)
    stale = results_form(client, course) | {
        f"p{anna.pk}-exam_result": "passed", f"p{anna.pk}-exam_date": "16.06.2025",
        f"p{bogdan.pk}-exam_result": "passed", f"p{bogdan.pk}-exam_date": "16.06.2025",
    }
    record(course, anna, coordinator, exam_result="not_taken", exam_date=None,
           document_kind="none")

    response = client.post(reverse("trainings:course_detail", args=[course.pk]), stale)

    assert_conflict_page(response, str(anna.person))
    assert {
        (row["mine"], row["saved"]) for row in response.context["differences"]
        if row["label"].startswith(str(anna.person))
    } >= {(_("passed"), _("not taken"))}
    # nothing saved: neither the row in conflict nor Bogdan's untouched-by-anyone row
    assert dict(TrainingResult.objects.values_list("participation", "exam_result")) == {
        anna.pk: "not_taken"
    }


def test_a_stale_results_table_answers_with_the_one_conflict_page_listing_what_was_typed(
    course, social_worker, coordinator
):
    """The rows typed but not saved either are on the page too: it is all that shows them."""
    anna = enrol(course.support_form, social_worker, last_name="Adamska")
    bogdan = enrol(course.support_form, social_worker, last_name="Borowski")
    record(course, anna, social_worker, exam_result="failed", document_kind="none")
    client = client_of(social_worker)
    stale = results_form(client, course) | {
        f"p{anna.pk}-exam_result": "passed", f"p{anna.pk}-exam_date": "16.06.2025",
        f"p{bogdan.pk}-document_number": "BR/7/2025",
    }
    record(course, anna, coordinator, exam_result="not_taken", exam_date=None,
           document_kind="none")

    response = client.post(reverse("trainings:course_detail", args=[course.pk]), stale)

    assert_conflict_page(response, "BR/7/2025")
    assert [template.name for template in response.templates][0] == "conflict.html"
    rows = {(row["label"], row["mine"], row["saved"]) for row in response.context["differences"]}
    label = {name: field.label for name, field in ResultForm.base_fields.items()}
    assert {
        (f"{anna.person}, {label['exam_result']}", _("passed"), _("not taken")),
        (f"{bogdan.person}, {label['document_number']}", "BR/7/2025", "—"),
    } <= rows
    assert not TrainingResult.objects.filter(participation=bogdan).exists()


def test_a_result_first_recorded_by_someone_else_is_a_conflict(
    course, social_worker, coordinator
):
    anna = enrol(course.support_form, social_worker)
    client = client_of(social_worker)
    stale = results_form(client, course) | {
        f"p{anna.pk}-exam_result": "passed", f"p{anna.pk}-exam_date": "16.06.2025",
    }
    assert f"p{anna.pk}-version" not in stale  # no result yet: no version to send
    record(course, anna, coordinator, exam_result="failed", document_kind="none")

    response = client.post(reverse("trainings:course_detail", args=[course.pk]), stale)

    assert response.status_code == 409
    result = TrainingResult.objects.get()
    assert (result.exam_result, result.version) == ("failed", 1)


def test_after_a_conflict_the_row_reopens_with_the_saved_version_and_saves(
    course, social_worker, coordinator
):
    anna = enrol(course.support_form, social_worker)
    record(course, anna, social_worker, exam_result="failed", document_kind="none")
    client = client_of(social_worker)
    url = reverse("trainings:course_detail", args=[course.pk])
    stale = results_form(client, course) | {f"p{anna.pk}-exam_result": "passed"}
    record(course, anna, coordinator, exam_result="failed", exam_date=date(2025, 6, 17),
           document_kind="none")
    conflict = client.post(url, stale)
    assert conflict.status_code == 409
    assert f'href="{url}"' in conflict.content.decode()  # "Open the current version"

    again = results_form(client, course) | {f"p{anna.pk}-exam_result": "passed"}
    response = client.post(url, again)

    assert response.status_code == 302
    result = TrainingResult.objects.get()
    assert (result.exam_result, result.exam_date, result.version) == (
        "passed", date(2025, 6, 17), 3
    )


def test_fresh_rows_save_and_each_moves_its_own_version(course, social_worker):
    anna = enrol(course.support_form, social_worker, last_name="Adamska")
    bogdan = enrol(course.support_form, social_worker, last_name="Borowski")
    record(course, anna, social_worker, exam_result="failed", document_kind="none")
    client = client_of(social_worker)
    data = results_form(client, course) | {
        f"p{anna.pk}-exam_result": "passed",
        f"p{bogdan.pk}-exam_result": "passed", f"p{bogdan.pk}-exam_date": "16.06.2025",
    }

    response = client.post(reverse("trainings:course_detail", args=[course.pk]), data)

    assert response.status_code == 302
    rows = TrainingResult.objects.values_list("participation", "exam_result", "version")
    assert sorted(rows) == [(anna.pk, "passed", 2), (bogdan.pk, "passed", 1)]


def test_a_row_nobody_touched_is_not_saved_again(course, social_worker):
    anna = enrol(course.support_form, social_worker)
    record(course, anna, social_worker, exam_result="failed", document_kind="none")
    client = client_of(social_worker)

    response = client.post(
        reverse("trainings:course_detail", args=[course.pk]), results_form(client, course)
    )

    assert response.status_code == 302
    assert TrainingResult.objects.get().version == 1
