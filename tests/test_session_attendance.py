"""Attendance at sessions: who recorded it, referrals required, no two sessions at once, the
attendance grid and its endpoint, and their bounded queries."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instruments.models import Attendance
from instruments.services import attendance_set, session_create

from . import fixtures_sessions
from .factories import ParticipationFactory, ReferralFactory, SessionFactory, SupportFormFactory
from .fixtures_sessions import messages_of, session_data

# The shared fixtures, bound here so that pytest finds them in this module.
referred = fixtures_sessions.referred
session = fixtures_sessions.session
support_form = fixtures_sessions.support_form


def toggle(client, support_form, session, participation, present, **headers):
    return client.post(
        reverse("instruments:attendance_save", args=[support_form.pk]),
        {"cell": f"{session.pk}:{participation.pk}:{int(present)}"},
        headers={"Accept": "application/json", **headers},
    )


# --- Attendance --------------------------------------------------------------------------------


def test_it_records_attendance_with_who_recorded_it(session, referred, social_worker):
    attendance = attendance_set(
        session=session, participation=referred, present=True, by=social_worker
    )
    attendance_set(session=session, participation=referred, present=False, by=social_worker)

    attendance.refresh_from_db()
    assert attendance.present is False
    assert Attendance.objects.count() == 1
    assert [h.history_user for h in attendance.history.all()] == [social_worker, social_worker]


def test_it_records_attendance_only_for_participants_referred_to_the_support_form(
    session, participation, social_worker
):
    with pytest.raises(ValidationError) as excinfo:
        attendance_set(session=session, participation=participation, present=True, by=social_worker)

    assert messages_of(excinfo) == (
        f"{participation.person} nie ma skierowania na „Trening kompetencji społecznych”: "
        "najpierw zaplanuj to wsparcie w ścieżce (IŚR)."
    )
    assert not Attendance.objects.exists()


def test_it_refuses_a_participant_at_two_sessions_at_the_same_time(
    project, session, referred, social_worker
):
    therapy = SupportFormFactory(project=project, name="Terapia psychologiczna")
    ReferralFactory(participation=referred, support_form=therapy)
    clashing = SessionFactory(support_form=therapy, start_time=time(11, 0), end_time=time(12, 0))
    attendance_set(session=session, participation=referred, present=True, by=social_worker)

    with pytest.raises(ValidationError) as excinfo:
        attendance_set(session=clashing, participation=referred, present=True, by=social_worker)

    assert messages_of(excinfo) == (
        f"{referred.person} uczestniczy w tym czasie w innych zajęciach: "
        "Trening kompetencji społecznych, 03.03.2025 10:00–11:30."
    )


def test_it_allows_back_to_back_sessions_and_absence_at_a_clashing_one(
    session, support_form, referred, social_worker
):
    next_one = SessionFactory(
        support_form=support_form, start_time=time(11, 30), end_time=time(13, 0)
    )
    clashing = SessionFactory(
        support_form=support_form, start_time=time(11, 0), end_time=time(12, 0)
    )
    attendance_set(session=session, participation=referred, present=True, by=social_worker)

    attendance_set(session=next_one, participation=referred, present=True, by=social_worker)
    attendance_set(session=clashing, participation=referred, present=False, by=social_worker)

    assert Attendance.objects.present().count() == 2


def test_it_refuses_a_consultation_while_the_participant_attends_a_group_session(
    session, support_form, referred, social_worker, coordinator
):
    attendance_set(session=session, participation=referred, present=True, by=social_worker)

    with pytest.raises(ValidationError) as excinfo:
        session_create(
            support_form=support_form,
            by=coordinator,
            **session_data(
                kind="individual",
                participation=referred,
                start_time=time(11, 0),
                end_time=time(11, 45),
            ),
        )

    assert "uczestniczy w tym czasie w innych zajęciach" in messages_of(excinfo)


# --- The attendance grid -----------------------------------------------------------------------


def test_the_grid_toggle_saves_attendance_and_answers_json(
    client, social_worker, support_form, session, referred
):
    client.force_login(social_worker)

    response = toggle(client, support_form, session, referred, True)

    assert response.status_code == 200
    assert response.json() == {
        "present": True,
        "cell": f"{session.pk}:{referred.pk}:0",
        "hours": "1,50",
    }
    attendance = Attendance.objects.get(session=session, participation=referred)
    assert attendance.present
    assert attendance.history.get().history_user == social_worker


def test_the_grid_toggle_answers_json_with_the_reason_it_refuses(
    client, social_worker, support_form, session, project
):
    stranger = ParticipationFactory(project=project)
    client.force_login(social_worker)

    response = toggle(client, support_form, session, stranger, True)

    assert response.status_code == 400
    assert "nie ma skierowania" in response.json()["error"]


def test_the_grid_works_as_a_plain_form_without_javascript(
    client, social_worker, support_form, session, referred
):
    client.force_login(social_worker)
    url = reverse("instruments:attendance_save", args=[support_form.pk])

    response = client.post(url, {"cell": f"{session.pk}:{referred.pk}:1"})

    grid = reverse("instruments:attendance_grid", args=[support_form.pk])
    assert response["Location"] == (
        f"{grid}?month={session.date:%Y-%m}#cell-{session.pk}-{referred.pk}"
    )
    assert Attendance.objects.get().present


def test_it_refuses_a_malformed_cell(client, social_worker, support_form):
    client.force_login(social_worker)
    url = reverse("instruments:attendance_save", args=[support_form.pk])

    assert client.post(url, {"cell": "1:x:1"}).status_code == 400


def test_the_grid_sums_the_clock_hours_each_participant_attended(
    client, social_worker, support_form, session, referred
):
    long_one = SessionFactory(
        support_form=support_form,
        date=date(2025, 3, 4),
        start_time=time(9, 0),
        end_time=time(12, 0),
        hours_unit="teaching",
    )
    other = ReferralFactory(support_form=support_form, participation__project=support_form.project)
    for attended in [session, long_one]:
        attendance_set(session=attended, participation=referred, present=True, by=social_worker)
    attendance_set(
        session=long_one, participation=other.participation, present=False, by=social_worker
    )
    client.force_login(social_worker)

    response = client.get(reverse("instruments:attendance_grid", args=[support_form.pk]))

    hours = {row.participation: row.hours for row in response.context["rows"]}
    assert hours == {referred: Decimal("4.50"), other.participation: Decimal("0.00")}
    html = response.content.decode()
    assert "4,50" in html
    assert f'aria-label="{referred.person}, 03.03.2025"' in html
    assert 'aria-pressed="true"' in html


# --- Bounded queries ---------------------------------------------------------------------------


def _filled(project, participants: int, sessions: int, social_worker):
    support_form = SupportFormFactory(project=project)
    people = [
        ReferralFactory(support_form=support_form, participation__project=project).participation
        for _ in range(participants)
    ]
    held = [
        SessionFactory(
            support_form=support_form,
            date=date(2025, 3, 1 + index % 28),
            start_time=time(8 + index // 28, 0),
            end_time=time(9 + index // 28, 0),
        )
        for index in range(sessions)
    ]
    Attendance.objects.bulk_create(
        Attendance(session=session, participation=person, present=(index % 2 == 0))
        for index, (session, person) in enumerate(
            (session, person) for session in held for person in people
        )
    )
    return support_form, held[0], people[0]


def _queries(client, method, url, data=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(url, data, headers={"Accept": "application/json"})
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_grid_and_its_endpoint_run_a_fixed_number_of_queries(client, project, social_worker):
    small = _filled(project, 3, 3, social_worker)
    large = _filled(project, 30, 20, social_worker)
    client.force_login(social_worker)
    counts = []
    for support_form, session, person in [small, large]:
        grid = reverse("instruments:attendance_grid", args=[support_form.pk])
        save = reverse("instruments:attendance_save", args=[support_form.pk])
        cell = {"cell": f"{session.pk}:{person.pk}:0"}
        counts.append((_queries(client, "get", grid), _queries(client, "post", save, cell)))

    assert counts[0] == counts[1]
