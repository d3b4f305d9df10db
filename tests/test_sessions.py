"""Sessions (zajęcia), attendance and the attendance sheet (lista obecności)."""

import subprocess
from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instruments.models import Attendance, Session
from instruments.services import attendance_set, session_create

from .conftest import require_tool
from .factories import (
    ParticipationFactory,
    PersonFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
)


@pytest.fixture
def support_form(project):
    return SupportFormFactory(
        project=project,
        name="Trening kompetencji społecznych",
        start_date=date(2025, 3, 1),
        end_date=date(2025, 6, 30),
    )


@pytest.fixture
def referred(support_form, participation):
    ReferralFactory(participation=participation, support_form=support_form)
    return participation


@pytest.fixture
def session(support_form):
    return SessionFactory(support_form=support_form)


def session_data(**overrides):
    return {
        "kind": "group",
        "date": date(2025, 3, 3),
        "start_time": time(10, 0),
        "end_time": time(11, 30),
        "hours_unit": "teaching",
        "place": "Sala 12",
        "staff_name": "Jolanta Wiśniewska",
    } | overrides


def messages_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)


def toggle(client, support_form, session, participation, present, **headers):
    return client.post(
        reverse("instruments:attendance_save", args=[support_form.pk]),
        {"cell": f"{session.pk}:{participation.pk}:{int(present)}"},
        headers={"Accept": "application/json", **headers},
    )


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
    assert response["Location"] == f"{grid}#cell-{session.pk}-{referred.pk}"
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


# --- The attendance sheet ----------------------------------------------------------------------


def test_the_attendance_sheet_lists_the_referred_participants(
    client, social_worker, support_form, session, project
):
    pdftotext = require_tool("pdftotext")
    for first, last in [("Łucja", "Żółkiewska"), ("Grzegorz", "Brzęczyszczykiewicz")]:
        person = PersonFactory(first_name=first, last_name=last)
        ReferralFactory(
            support_form=support_form, participation__project=project, participation__person=person
        )
    client.force_login(social_worker)

    response = client.get(reverse("instruments:attendance_sheet_pdf", args=[session.pk]))

    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = subprocess.run(
        [pdftotext, "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Trening kompetencji społecznych" in text
    assert "Jolanta Wiśniewska" in text
    numbered = [line.split() for line in text.splitlines() if line.strip()[:2] in {"1.", "2."}]
    assert [words[:3] for words in numbered] == [
        ["1.", "Grzegorz", "Brzęczyszczykiewicz"],
        ["2.", "Łucja", "Żółkiewska"],
    ]
