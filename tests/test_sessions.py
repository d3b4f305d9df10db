"""Sessions (zajęcia): hours, validation, editing and deleting, the session forms and lists, and
a completed training that takes no new sessions."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from instruments.models import Attendance, Session
from instruments.services import attendance_set, session_create, session_delete, session_update
from participants.models import Participation, ParticipationStatus
from trainings.models import TrainingCourse

from . import fixtures_sessions
from .factories import ReferralFactory, SessionFactory, SupportFormFactory
from .fixtures_sessions import messages_of, session_data

# The shared fixtures, bound here so that pytest finds them in this module.
referred = fixtures_sessions.referred
session = fixtures_sessions.session
support_form = fixtures_sessions.support_form


# --- Hours -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "clock", "teaching"),
    [
        (time(10, 0), time(11, 30), "1.50", "2.00"),
        (time(9, 0), time(9, 45), "0.75", "1.00"),
        (time(8, 0), time(12, 0), "4.00", "5.33"),
    ],
)
def test_it_converts_minutes_to_clock_and_teaching_hours(
    support_form, coordinator, start, end, clock, teaching
):
    session = session_create(
        support_form=support_form, by=coordinator, **session_data(start_time=start, end_time=end)
    )

    session.refresh_from_db()
    assert (session.clock_hours, session.teaching_hours) == (Decimal(clock), Decimal(teaching))
    assert session.hours == Decimal(teaching)  # counted in teaching hours, as recorded


def test_it_records_who_created_a_session(support_form, coordinator):
    session = session_create(support_form=support_form, by=coordinator, **session_data())

    assert session.duration_minutes == 90
    assert session.history.get().history_user == coordinator


# --- Validation --------------------------------------------------------------------------------


def test_it_refuses_a_session_that_ends_before_it_starts(support_form, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        session_create(
            support_form=support_form,
            by=coordinator,
            **session_data(start_time=time(12, 0), end_time=time(11, 0)),
        )

    assert excinfo.value.message_dict == {
        "end_time": ["Zajęcia muszą zakończyć się później, niż się zaczynają."]
    }


def test_it_refuses_a_session_outside_the_support_forms_period(support_form, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        session_create(
            support_form=support_form, by=coordinator, **session_data(date=date(2025, 7, 1))
        )

    assert excinfo.value.message_dict["date"] == [
        "Zajęcia muszą odbyć się w okresie realizacji formy wsparcia: 01.03.2025 – 30.06.2025."
    ]


def test_the_database_refuses_a_session_ending_before_it_starts(session):
    with pytest.raises(IntegrityError):
        Session.objects.filter(pk=session.pk).update(end_time=time(9, 0))


def test_it_requires_the_participant_of_an_individual_consultation(support_form, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        session_create(support_form=support_form, by=coordinator, **session_data(kind="individual"))

    assert "Wybierz uczestnika konsultacji indywidualnej." in messages_of(excinfo)


def test_it_refuses_a_consultation_for_someone_not_referred(
    support_form, coordinator, participation
):
    with pytest.raises(ValidationError) as excinfo:
        session_create(
            support_form=support_form,
            by=coordinator,
            **session_data(kind="individual", participation=participation),
        )

    assert "nie ma skierowania na „Trening kompetencji społecznych”" in messages_of(excinfo)


# --- Pages -------------------------------------------------------------------------------------


def test_the_coordinator_creates_a_session_from_the_form(client, coordinator, support_form):
    client.force_login(coordinator)
    data = {
        "kind": "group",
        "date": "03.03.2025",
        "start_time": "10:00",
        "end_time": "11:30",
        "hours_unit": "teaching",
        "place": "Sala 12",
        "staff_name": "Jolanta Wiśniewska",
    }

    response = client.post(reverse("instruments:session_create", args=[support_form.pk]), data)

    assert response.status_code == 302
    session = support_form.sessions.get()
    assert (session.teaching_hours, session.history.get().history_user) == (2, coordinator)


def test_the_session_form_shows_the_period_message(client, coordinator, support_form):
    client.force_login(coordinator)
    data = {
        "kind": "group",
        "date": "01.07.2025",
        "start_time": "10:00",
        "end_time": "11:00",
        "hours_unit": "clock",
    }

    response = client.post(reverse("instruments:session_create", args=[support_form.pk]), data)

    assert response.status_code == 400
    assert "w okresie realizacji formy wsparcia" in response.content.decode()
    assert not Session.objects.exists()


def test_the_support_form_list_links_to_sessions_and_attendance(
    client, social_worker, support_form
):
    client.force_login(social_worker)

    response = client.get(reverse("instruments:support_form_list", args=[support_form.project.pk]))

    html = response.content.decode()
    assert reverse("instruments:session_list", args=[support_form.pk]) in html
    assert reverse("instruments:attendance_grid", args=[support_form.pk]) in html


def test_the_director_sees_sessions_but_not_who_came(
    client, director, support_form, referred, coordinator
):
    session_create(
        support_form=support_form,
        by=coordinator,
        **session_data(kind="individual", participation=referred),
    )
    client.force_login(director)

    response = client.get(reverse("instruments:session_list", args=[support_form.pk]))

    assert response.status_code == 200
    assert referred.person.last_name not in response.content.decode()


# --- Editing and deleting sessions -------------------------------------------------------------


def test_it_updates_a_session_and_records_who(session, coordinator):
    updated = session_update(
        session=session, by=coordinator, expected_version=session.version,
        **session_data(date=date(2025, 3, 10), place="Sala 3"),
    )

    session.refresh_from_db()
    assert (session.date, session.place) == (date(2025, 3, 10), "Sala 3")
    assert session.duration_minutes == 90
    assert updated.history.first().history_user == coordinator


def test_an_update_is_checked_against_the_support_forms_period(session, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        session_update(
            session=session, by=coordinator, expected_version=session.version, date=date(2025, 7, 1)
        )

    assert "date" in excinfo.value.message_dict
    session.refresh_from_db()
    assert session.date == date(2025, 3, 3)


def test_an_update_must_end_after_it_starts(session, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        session_update(
            session=session, by=coordinator, expected_version=session.version, end_time=time(9, 0)
        )

    assert excinfo.value.message_dict == {"end_time": [_("A session must end after it starts.")]}


def test_an_update_refuses_to_move_a_participant_into_another_session(
    project, session, referred, social_worker, coordinator
):
    therapy = SupportFormFactory(project=project, name="Terapia psychologiczna")
    ReferralFactory(participation=referred, support_form=therapy)
    other = SessionFactory(support_form=therapy, start_time=time(13, 0), end_time=time(14, 0))
    attendance_set(session=session, participation=referred, present=True, by=social_worker)
    attendance_set(session=other, participation=referred, present=True, by=social_worker)

    with pytest.raises(ValidationError) as excinfo:
        session_update(
            session=other, by=coordinator, expected_version=other.version, start_time=time(11, 0)
        )

    assert messages_of(excinfo) == _(
        "%(name)s is already at another session at that time: %(form)s, "
        "%(date)s %(start)s–%(end)s."
    ) % {
        "name": referred.person,
        "form": session.support_form,
        "date": "03.03.2025",
        "start": "10:00",
        "end": "11:30",
    }


def test_a_session_with_attendance_marked_cannot_move_to_a_day_still_to_come(
    session, referred, social_worker, coordinator, monkeypatch
):
    attendance_set(session=session, participation=referred, present=True, by=social_worker)
    monkeypatch.setattr(timezone, "localdate", lambda: date(2025, 3, 5))

    with pytest.raises(ValidationError) as excinfo:
        session_update(
            session=session, by=coordinator, expected_version=session.version,
            date=date(2025, 3, 10),
        )

    assert excinfo.value.message_dict == {"date": [_(
        "Attendance of this session is already marked: it cannot be moved to a day that has "
        "not come yet."
    )]}
    session.refresh_from_db()
    assert session.date == date(2025, 3, 3)


def test_a_session_with_attendance_marked_moves_only_within_each_participation(
    session, referred, social_worker, coordinator, monkeypatch
):
    attendance_set(session=session, participation=referred, present=True, by=social_worker)
    Participation.objects.filter(pk=referred.pk).update(
        status=ParticipationStatus.COMPLETED, end_date=date(2025, 3, 5)
    )
    monkeypatch.setattr(timezone, "localdate", lambda: date(2025, 4, 1))

    with pytest.raises(ValidationError) as excinfo:
        session_update(
            session=session, by=coordinator, expected_version=session.version,
            date=date(2025, 3, 10),
        )

    assert str(referred.person) in messages_of(excinfo)
    moved = session_update(
        session=session, by=coordinator, expected_version=session.version, date=date(2025, 3, 4)
    )
    assert moved.date == date(2025, 3, 4)


def test_an_update_refuses_a_consultation_for_someone_not_referred(
    support_form, session, participation, coordinator
):
    with pytest.raises(ValidationError) as excinfo:
        session_update(
            session=session, by=coordinator, expected_version=session.version, kind="individual",
            participation=participation,
        )

    assert messages_of(excinfo) == _(
        "%(name)s has not been referred to “%(form)s”: refer them from their path first."
    ) % {"name": participation.person, "form": support_form}
    session.refresh_from_db()
    assert session.kind == "group"


def test_the_coordinator_edits_a_session_from_the_form(client, coordinator, session):
    client.force_login(coordinator)
    url = reverse("instruments:session_update", args=[session.pk])
    data = {"kind": "group", "date": "05.03.2025", "start_time": "09:00", "end_time": "09:45",
            "hours_unit": "teaching", "place": "Sala 1", "staff_name": "",
            "version": session.version}

    assert client.get(url).status_code == 200
    response = client.post(url, data)

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.date, session.teaching_hours) == (date(2025, 3, 5), 1)
    assert session.history.first().history_user == coordinator


def test_the_edit_form_shows_the_period_message(client, coordinator, session, support_form):
    client.force_login(coordinator)
    data = {"kind": "group", "date": "01.07.2025", "start_time": "10:00", "end_time": "11:00",
            "hours_unit": "clock"}

    response = client.post(reverse("instruments:session_update", args=[session.pk]), data)

    assert response.status_code == 400
    period = _(
        "The session must take place within the support form's period, %(start)s – %(end)s."
    ) % {"start": "01.03.2025", "end": "30.06.2025"}
    assert period in response.content.decode()


def test_it_deletes_a_session_without_attendance(session, coordinator):
    session_delete(session=session, by=coordinator)

    assert not Session.objects.exists()
    assert Session.history.filter(history_type="-").get().history_user == coordinator


_DELETE_REFUSED = ngettext(
    "%(count)d participant is marked present at this session: confirm that their "
    "attendance is to be deleted with it.",
    "%(count)d participants are marked present at this session: confirm that their "
    "attendance is to be deleted with it.",
    1,
)


def test_it_refuses_to_delete_attendance_marked_present_unless_confirmed(
    session, referred, social_worker, coordinator
):
    attendance_set(session=session, participation=referred, present=True, by=social_worker)

    with pytest.raises(ValidationError) as excinfo:
        session_delete(session=session, by=coordinator)

    assert messages_of(excinfo) == _DELETE_REFUSED % {"count": 1}
    assert Attendance.objects.exists()

    session_delete(session=session, by=coordinator, attendance_confirmed=True)

    assert not Session.objects.exists() and not Attendance.objects.exists()
    deleted = Attendance.history.filter(history_type="-").get()
    assert deleted.history_user == coordinator


def test_the_delete_page_asks_first_and_needs_the_tick(
    client, coordinator, session, referred, social_worker, support_form
):
    attendance_set(session=session, participation=referred, present=True, by=social_worker)
    client.force_login(coordinator)
    url = reverse("instruments:session_delete", args=[session.pk])

    page = client.get(url)
    refused = client.post(url, {})

    assert page.status_code == 200 and 'name="confirm_attendance"' in page.content.decode()
    assert refused.status_code == 400
    assert escape(_DELETE_REFUSED % {"count": 1}) in refused.content.decode()
    assert Session.objects.filter(pk=session.pk).exists()

    done = client.post(url, {"confirm_attendance": "on"})

    assert done["Location"] == reverse("instruments:session_list", args=[support_form.pk])
    assert not Session.objects.exists()


def test_the_session_list_offers_edit_and_delete_to_the_coordinator_only(
    client, coordinator, social_worker, session, support_form
):
    url = reverse("instruments:session_list", args=[support_form.pk])
    edit = reverse("instruments:session_update", args=[session.pk])
    client.force_login(coordinator)
    assert edit in client.get(url).content.decode()
    client.force_login(social_worker)
    assert edit not in client.get(url).content.decode()


# --- A completed training takes no new sessions ------------------------------------------------


@pytest.fixture
def closed_course(project):
    course_form = SupportFormFactory(
        project=project, name="Magazynier", mode="training",
        start_date=date(2025, 3, 1), end_date=date(2025, 6, 30),
    )
    return TrainingCourse.objects.create(support_form=course_form, completed_on=date(2025, 5, 31))


def _closed_message(course):
    return _(
        "The training “%(form)s” was completed on %(date)s: it takes no new sessions "
        "and its sessions cannot be changed."
    ) % {"form": course.support_form, "date": "31.05.2025"}


def test_a_completed_training_takes_no_new_sessions(closed_course, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        session_create(support_form=closed_course.support_form, by=coordinator, **session_data())

    assert messages_of(excinfo) == _closed_message(closed_course)
    assert not Session.objects.exists()


def test_a_completed_trainings_sessions_cannot_be_changed(closed_course, coordinator):
    session = SessionFactory(support_form=closed_course.support_form)

    with pytest.raises(ValidationError) as excinfo:
        session_update(
            session=session, by=coordinator, expected_version=session.version, place="Sala 9"
        )

    assert messages_of(excinfo) == _closed_message(closed_course)


def test_an_open_training_takes_sessions(closed_course, coordinator):
    closed_course.completed_on = None
    closed_course.save()

    session_create(support_form=closed_course.support_form, by=coordinator, **session_data())

    assert Session.objects.count() == 1


def test_the_session_form_shows_that_the_training_is_completed(client, coordinator, closed_course):
    client.force_login(coordinator)
    data = {"kind": "group", "date": "03.03.2025", "start_time": "10:00", "end_time": "11:00",
            "hours_unit": "clock"}

    response = client.post(
        reverse("instruments:session_create", args=[closed_course.support_form.pk]), data
    )

    assert response.status_code == 400
    assert escape(_closed_message(closed_course)) in response.content.decode()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_times_are_typed_as_hh_mm_whatever_the_computers_locale(
    client, coordinator, support_form, language
):
    """A plain text field, 24-hour: the browser's time field would ask for AM and PM on an
    English system. "9.30" is accepted as Poles also write it."""
    client.force_login(coordinator)
    client.cookies["django_language"] = language
    url = reverse("instruments:session_create", args=[support_form.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {
        "kind": "group", "date": "03.03.2025", "start_time": "9.30", "end_time": "13:45",
        "hours_unit": "clock", "place": "", "staff_name": "",
    })

    assert 'type="time"' not in page
    assert 'name="start_time"' in page and 'inputmode="numeric"' in page
    assert response.status_code == 302
    session = support_form.sessions.get()
    assert (session.start_time, session.end_time) == (time(9, 30), time(13, 45))
