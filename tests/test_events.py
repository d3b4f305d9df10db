"""Events of a project: dates within the project, attendees from the project only, replaced as one
set; the director sees how many came, not who."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from events.models import Event, EventAttendance
from events.services import event_attendance_set, event_create, event_delete, event_update
from participants.models import ParticipationStatus

from .factories import ParticipationFactory
from .helpers.events import event_data


@pytest.fixture
def event(project, coordinator):
    return event_create(project=project, by=coordinator, **event_data())


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def sw_client(client, social_worker):
    client.force_login(social_worker)
    return client


# --- Services -------------------------------------------------------------------------------


def test_an_event_is_created_and_changed_with_history(event, coordinator, social_worker):
    event_update(event=event, by=social_worker, expected_version=event.version, places="Łęczna")

    history = list(event.history.order_by("history_date"))
    assert [(h.history_type, h.places, h.history_user) for h in history] == [
        ("+", "Łęczna, Chełm", coordinator), ("~", "Łęczna", social_worker)
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2024, 12, 31), None),  # the day before the project starts
        (date(2026, 12, 31), date(2027, 1, 1)),  # ends the day after the project ends
        (date(2027, 1, 1), None),
    ],
)
def test_it_refuses_an_event_outside_the_project_period(project, coordinator, start, end):
    with pytest.raises(ValidationError) as excinfo:
        event_create(project=project, by=coordinator,
                     **event_data(start_date=start, end_date=end))

    assert excinfo.value.message_dict["start_date"] == [project.period_error()]
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2025, 1, 1), None), (date(2026, 12, 30), date(2026, 12, 31))],
)
def test_an_event_may_fall_on_the_first_and_last_days_of_the_project(
    project, coordinator, start, end
):
    assert event_create(project=project, by=coordinator,
                        **event_data(start_date=start, end_date=end)).pk


def test_it_refuses_an_event_ending_before_it_starts(project, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        event_create(project=project, by=coordinator,
                     **event_data(start_date=date(2025, 5, 13), end_date=date(2025, 5, 12)))

    assert excinfo.value.message_dict["end_date"] == [_("An event cannot end before it starts.")]


def test_the_database_refuses_an_event_ending_before_it_starts(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(end_date=date(2025, 5, 1))


def test_the_attendees_are_replaced_as_one_set(event, project, social_worker, coordinator):
    anna, basia, celina = (ParticipationFactory(project=project) for _index in range(3))
    event_attendance_set(event=event, participations=[anna, basia], by=social_worker)

    event_attendance_set(event=event, participations=[basia, celina], by=coordinator)

    assert set(event.attendees.all()) == {basia, celina}
    history = EventAttendance.history.order_by("history_date")
    assert [(h.history_type, h.participation_id, h.history_user) for h in history] == [
        ("+", anna.pk, social_worker), ("+", basia.pk, social_worker),
        ("-", anna.pk, coordinator), ("+", celina.pk, coordinator),
    ]


def test_it_refuses_an_attendee_from_another_project(event, project, other_project,
                                                      social_worker):
    ours = ParticipationFactory(project=project)
    event_attendance_set(event=event, participations=[ours], by=social_worker)
    theirs = ParticipationFactory(project=other_project)

    with pytest.raises(ValidationError) as excinfo:
        event_attendance_set(event=event, participations=[theirs], by=social_worker)

    assert excinfo.value.messages == [
        _("Only participants of the event's project can attend it: %(names)s.")
        % {"names": str(theirs.person)}
    ]
    assert list(event.attendees.all()) == [ours]  # nothing changed, not even the removal


def test_it_refuses_an_attendee_who_is_only_a_candidate(event, project, social_worker):
    candidate = ParticipationFactory(project=project, status=ParticipationStatus.CANDIDATE)

    with pytest.raises(ValidationError):
        event_attendance_set(event=event, participations=[candidate], by=social_worker)

    assert not EventAttendance.objects.exists()


def test_the_database_records_an_attendee_once(event, participation):
    EventAttendance.objects.create(event=event, participation=participation)
    with pytest.raises(IntegrityError), transaction.atomic():
        EventAttendance.objects.create(event=event, participation=participation)


# --- Screens --------------------------------------------------------------------------------


def test_the_coordinator_records_an_event(coordinator_client, project, coordinator):
    response = coordinator_client.post(reverse("events:event_create", args=[project.pk]), {
        "kind": "workshop", "title": "Warsztaty kulinarne", "start_date": "03.06.2025",
        "places": "Lubartów",
    })

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.title, event.end_date, event.project) == ("Warsztaty kulinarne", None, project)
    assert event.history.get().history_user == coordinator


def test_the_form_says_the_event_is_outside_the_project(coordinator_client, project):
    response = coordinator_client.post(reverse("events:event_create", args=[project.pk]), {
        "kind": "conference", "title": "Konferencja", "start_date": "15.01.2027",
        "places": "Lublin",
    })

    assert response.status_code == 400
    assert project.period_error() in response.content.decode()
    assert not Event.objects.exists()


def test_the_coordinator_edits_an_event(coordinator_client, event):
    data = {"kind": event.kind, "title": "Wizyta studyjna (2 dni)", "start_date": "12.05.2025",
            "end_date": "13.05.2025", "places": event.places, "version": event.version}

    response = coordinator_client.post(reverse("events:event_update", args=[event.pk]), data)

    event.refresh_from_db()
    assert response.status_code == 302
    assert event.title == "Wizyta studyjna (2 dni)"


def test_the_attendees_page_ticks_the_project_participants(sw_client, event, project,
                                                            other_project):
    anna = ParticipationFactory(project=project, person__last_name="Adamczyk")
    ParticipationFactory(project=project, status=ParticipationStatus.CANDIDATE,
                         person__last_name="Kandydatka")
    ParticipationFactory(project=other_project, person__last_name="Obca")
    event_attendance_set(event=event, participations=[anna], by=None)

    response = sw_client.get(reverse("events:event_attendees", args=[event.pk]))

    page = response.content.decode()
    assert "Adamczyk" in page
    assert "Kandydatka" not in page and "Obca" not in page
    assert re.search(rf'<input[^>]*value="{anna.pk}"[^>]*checked', page)


def test_the_social_worker_sets_the_attendees(sw_client, event, project):
    anna, basia = ParticipationFactory(project=project), ParticipationFactory(project=project)

    response = sw_client.post(reverse("events:event_attendees", args=[event.pk]),
                              {"participations": [anna.pk, basia.pk]})

    assert response.status_code == 302
    assert set(event.attendees.all()) == {anna, basia}


def test_an_attendee_of_another_project_posted_changes_nothing(sw_client, event, project,
                                                                other_project):
    anna = ParticipationFactory(project=project)
    theirs = ParticipationFactory(project=other_project)

    response = sw_client.post(reverse("events:event_attendees", args=[event.pk]),
                              {"participations": [anna.pk, theirs.pk]})

    assert response.status_code == 400
    assert not EventAttendance.objects.exists()


def test_the_director_sees_counts_but_no_names(client, director, event, project):
    anna = ParticipationFactory(project=project, person__last_name="Adamczyk")
    event_attendance_set(event=event, participations=[anna], by=None)
    client.force_login(director)

    listed = client.get(reverse("events:event_list", args=[project.pk]))
    attendees = client.get(reverse("events:event_attendees", args=[event.pk]))

    assert listed.status_code == 200
    assert [e.attendee_count for e in listed.context["events"]] == [1]
    assert "Adamczyk" not in listed.content.decode()
    assert reverse("events:event_attendees", args=[event.pk]) not in listed.content.decode()
    assert attendees.status_code == 403


def test_the_list_uses_polish_plural_forms(client, coordinator, project):
    counts = [1, 2, 5, 22, 25]
    for count in counts:
        event = event_create(project=project, by=coordinator,
                             **event_data(title=f"Warsztaty {count}"))
        people = [ParticipationFactory(project=project) for _index in range(count)]
        event_attendance_set(event=event, participations=people, by=coordinator)
    client.force_login(coordinator)

    page = client.get(reverse("events:event_list", args=[project.pk]),
                      HTTP_ACCEPT_LANGUAGE="pl").content.decode()

    with override("pl"):
        expected = [ngettext("%(counter)s person", "%(counter)s people", n) % {"counter": n}
                    for n in counts]
    for text in expected:
        assert text in page


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _add_events(project, by, count, attendees=3):
    people = [ParticipationFactory(project=project) for _index in range(attendees)]
    for index in range(count):
        event = event_create(project=project, by=by, **event_data(title=f"Warsztaty {index}"))
        event_attendance_set(event=event, participations=people, by=by)
    return people


def test_the_event_list_runs_a_fixed_number_of_queries(
    coordinator_client, project, coordinator, django_assert_max_num_queries
):
    url = reverse("events:event_list", args=[project.pk])
    _add_events(project, coordinator, 1, attendees=1)
    small = _query_count(coordinator_client, url)

    _add_events(project, coordinator, 15, attendees=6)

    with django_assert_max_num_queries(small):
        coordinator_client.get(url)


def test_the_attendees_page_runs_a_fixed_number_of_queries(
    coordinator_client, project, coordinator, django_assert_max_num_queries
):
    event = event_create(project=project, by=coordinator, **event_data())
    url = reverse("events:event_attendees", args=[event.pk])
    event_attendance_set(event=event, participations=[ParticipationFactory(project=project)],
                         by=coordinator)
    small = _query_count(coordinator_client, url)

    people = [ParticipationFactory(project=project) for _index in range(20)]
    event_attendance_set(event=event, participations=people[:12], by=coordinator)

    with django_assert_max_num_queries(small):
        coordinator_client.get(url)


# --- Deleting -------------------------------------------------------------------------------


def test_deleting_an_event_without_attendees_records_who(event, coordinator):
    event_delete(event=event, by=coordinator)

    assert not Event.objects.exists()
    assert Event.history.order_by("history_date").last().history_type == "-"
    assert Event.history.order_by("history_date").last().history_user == coordinator


def test_an_event_with_attendees_is_deleted_only_when_confirmed(event, coordinator, participation):
    event_attendance_set(event=event, participations=[participation], by=coordinator)

    with pytest.raises(ValidationError) as excinfo:
        event_delete(event=event, by=coordinator)

    assert excinfo.value.messages == [ngettext(
        "%(count)d participant attended this event: confirm that their attendance is to "
        "be deleted with it.",
        "%(count)d participants attended this event: confirm that their attendance is to "
        "be deleted with it.",
        1,
    ) % {"count": 1}]
    assert EventAttendance.objects.count() == 1
    event_delete(event=event, by=coordinator, attendance_confirmed=True)
    assert not Event.objects.exists() and not EventAttendance.objects.exists()
    removed = EventAttendance.history.filter(history_type="-").get()
    assert removed.history_user == coordinator


def test_the_delete_page_asks_first_and_refuses_without_the_tick(
    coordinator_client, event, coordinator, participation
):
    event_attendance_set(event=event, participations=[participation], by=coordinator)
    url = reverse("events:event_delete", args=[event.pk])

    page = coordinator_client.get(url)
    refused = coordinator_client.post(url)

    assert page.status_code == 200
    assert 'name="confirm_attendance"' in page.content.decode()
    assert Event.objects.exists()  # the confirmation page deletes nothing
    assert refused.status_code == 400
    assert ngettext(
        "%(count)d participant attended this event: confirm that their attendance is to "
        "be deleted with it.",
        "%(count)d participants attended this event: confirm that their attendance is to "
        "be deleted with it.",
        1,
    ) % {"count": 1} in refused.content.decode()
    assert Event.objects.filter(pk=event.pk).exists()
    done = coordinator_client.post(url, {"confirm_attendance": "on"})
    assert done.status_code == 302
    assert done["Location"] == reverse("events:event_list", args=[event.project_id])
    assert not Event.objects.exists()


def test_the_list_offers_delete_to_the_coordinator_only(
    client, event, coordinator, social_worker
):
    url = reverse("events:event_list", args=[event.project_id])
    delete = reverse("events:event_delete", args=[event.pk])
    client.force_login(coordinator)
    assert delete in client.get(url).content.decode()
    client.force_login(social_worker)
    assert delete not in client.get(url).content.decode()
    assert client.post(delete).status_code == 403
    assert Event.objects.exists()
