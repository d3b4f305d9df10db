"""Attendance only where it can be true: inside the person's participation, never in the future."""

import subprocess
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from instruments.models import Attendance
from instruments.services import attendance_all_present, attendance_set
from participants.models import ParticipationStatus

from .conftest import require_tool
from .factories import ParticipationFactory, ReferralFactory, SessionFactory, SupportFormFactory


@pytest.fixture
def support_form(project):
    return SupportFormFactory(project=project, name="Trening kompetencji społecznych")


@pytest.fixture
def joined_in_september(project, social_worker, support_form):
    """A participant who joined on 01.09.2025 and is still taking part."""
    participation = ParticipationFactory(
        project=project, social_worker=social_worker, start_date=date(2025, 9, 1)
    )
    ReferralFactory(participation=participation, support_form=support_form)
    return participation


def mark(session, participation, by, present=True):
    return attendance_set(session=session, participation=participation, present=present, by=by)


def test_it_refuses_attendance_before_the_participation_started(
    support_form, joined_in_september, social_worker
):
    session = SessionFactory(support_form=support_form, date=date(2025, 4, 11))

    with pytest.raises(ValidationError) as refused:
        mark(session, joined_in_september, social_worker)

    assert "11.04.2025" in " ".join(refused.value.messages)
    assert "01.09.2025" in " ".join(refused.value.messages)
    assert not Attendance.objects.exists()


def test_it_refuses_attendance_after_the_participation_ended(
    project, support_form, social_worker
):
    finished = ParticipationFactory(
        project=project, status=ParticipationStatus.COMPLETED, end_date=date(2025, 8, 31)
    )
    ReferralFactory(participation=finished, support_form=support_form)
    session = SessionFactory(support_form=support_form, date=date(2025, 9, 2))

    with pytest.raises(ValidationError):
        mark(session, finished, social_worker, present=False)

    assert not Attendance.objects.exists()


def test_it_refuses_attendance_of_someone_who_has_not_started(
    project, support_form, social_worker
):
    qualified = ParticipationFactory(
        project=project, status=ParticipationStatus.QUALIFIED, start_date=None
    )
    ReferralFactory(participation=qualified, support_form=support_form)
    session = SessionFactory(support_form=support_form, date=date(2025, 9, 2))

    with pytest.raises(ValidationError):
        mark(session, qualified, social_worker)


def test_it_refuses_attendance_at_a_session_still_to_come(
    project, social_worker, joined_in_september
):
    tomorrow = timezone.localdate() + timedelta(days=1)
    later = SupportFormFactory(project=project, start_date=tomorrow, end_date=project.end_date)
    ReferralFactory(participation=joined_in_september, support_form=later)
    session = SessionFactory(support_form=later, date=tomorrow)

    with pytest.raises(ValidationError) as refused:
        mark(session, joined_in_september, social_worker)

    assert "jeszcze się nie odbyły" in " ".join(refused.value.messages)


def test_it_records_attendance_inside_the_participation(
    support_form, joined_in_september, social_worker
):
    session = SessionFactory(support_form=support_form, date=date(2025, 9, 1))

    mark(session, joined_in_september, social_worker)

    assert Attendance.objects.get().present


def test_the_grid_shows_a_cell_outside_the_participation_as_not_applicable(
    client, social_worker, support_form, joined_in_september
):
    before = SessionFactory(support_form=support_form, date=date(2025, 4, 11))
    inside = SessionFactory(support_form=support_form, date=date(2025, 9, 8))
    client.force_login(social_worker)

    grid = reverse("instruments:attendance_grid", args=[support_form.pk])
    april = client.get(grid, {"month": "2025-04"})
    september = client.get(grid, {"month": "2025-09"})

    applies = {cell.session: cell.applies
               for response in (april, september) for cell in response.context["rows"][0].cells}
    assert applies == {before: False, inside: True}
    assert f'id="cell-{inside.pk}-{joined_in_september.pk}"' in september.content.decode()
    assert f'id="cell-{before.pk}-{joined_in_september.pk}"' not in april.content.decode()


def test_the_grid_shows_a_month_at_a_time_the_latest_held_first(
    client, social_worker, support_form, joined_in_september
):
    """Hundreds of sessions are not one page: a month at a time, with the months to choose."""
    september = SessionFactory(support_form=support_form, date=date(2025, 9, 8))
    october = SessionFactory(support_form=support_form, date=date(2025, 10, 6))
    client.force_login(social_worker)
    grid = reverse("instruments:attendance_grid", args=[support_form.pk])

    latest = client.get(grid)
    chosen = client.get(grid, {"month": "2025-09"})

    assert latest.context["sessions"] == [october]
    assert chosen.context["sessions"] == [september]
    html = latest.content.decode()
    assert "?month=2025-09" in html and 'aria-current="page"' in html
    assert client.get(grid, {"month": "wrzesień"}).status_code == 400


def test_the_server_refuses_a_forged_cell_outside_the_participation(
    client, social_worker, support_form, joined_in_september
):
    session = SessionFactory(support_form=support_form, date=date(2025, 4, 11))
    client.force_login(social_worker)

    response = client.post(
        reverse("instruments:attendance_save", args=[support_form.pk]),
        {"cell": f"{session.pk}:{joined_in_september.pk}:1"},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 400
    assert "01.09.2025" in response.json()["error"]
    assert not Attendance.objects.exists()


def test_the_period_cannot_shrink_to_leave_out_a_session_attended(
    support_form, joined_in_september, social_worker
):
    mark(SessionFactory(support_form=support_form, date=date(2025, 9, 15)),
         joined_in_september, social_worker)
    joined_in_september.start_date = date(2025, 9, 16)

    with pytest.raises(ValidationError) as refused:
        joined_in_september.full_clean()

    assert "start_date" in refused.value.error_dict


def test_the_sheet_of_a_session_leaves_out_who_had_left(client, project, social_worker,
                                                        support_form, joined_in_september):
    left = ParticipationFactory(project=project, status=ParticipationStatus.RESIGNED,
                                end_date=date(2025, 8, 31))
    ReferralFactory(participation=left, support_form=support_form)
    session = SessionFactory(support_form=support_form, date=date(2025, 9, 8))
    client.force_login(social_worker)

    response = client.get(reverse("instruments:attendance_sheet_pdf", args=[session.pk]))

    assert response.status_code == 200
    pdf = response.getvalue()
    text = subprocess.run([require_tool("pdftotext"), "-layout", "-", "-"],
                          input=pdf, capture_output=True, check=True).stdout.decode()
    assert joined_in_september.person.last_name in text
    assert left.person.last_name not in text


# --- Everyone present at once ------------------------------------------------------------


def all_present(client, support_form, session):
    return client.post(reverse("instruments:attendance_all_present", args=[support_form.pk]),
                       {"session": session.pk})


def test_all_present_marks_who_can_attend_then_the_absent_are_unticked(
    client, project, social_worker, support_form, joined_in_september
):
    left = ParticipationFactory(project=project, status=ParticipationStatus.RESIGNED,
                                end_date=date(2025, 8, 31))
    ReferralFactory(participation=left, support_form=support_form)
    session = SessionFactory(support_form=support_form, date=date(2025, 9, 8))
    client.force_login(social_worker)

    response = all_present(client, support_form, session)

    assert response.status_code == 302
    assert list(Attendance.objects.values_list("participation", "present")) == [
        (joined_in_september.pk, True)
    ]
    page = client.get(response["Location"]).content.decode()
    assert "1 osoba" in page and "odznacz" in page


def test_all_present_saves_nothing_when_one_person_cannot_be_there(
    client, project, social_worker, support_form, joined_in_september
):
    busy = ParticipationFactory(project=project, start_date=date(2025, 9, 1))
    ReferralFactory(participation=busy, support_form=support_form)
    other_form = SupportFormFactory(project=project, name="Terapia")
    ReferralFactory(participation=busy, support_form=other_form)
    mark(SessionFactory(support_form=other_form, date=date(2025, 9, 8)), busy, social_worker)
    session = SessionFactory(support_form=support_form, date=date(2025, 9, 8))
    client.force_login(social_worker)

    response = all_present(client, support_form, session)

    assert response.status_code == 302
    assert not Attendance.objects.filter(session=session).exists()
    page = client.get(response["Location"]).content.decode()
    assert busy.person.last_name in page


def test_all_present_costs_the_same_queries_for_three_people_as_for_thirty(
    project, social_worker, support_form
):
    """A whole group marked at once: the checks run for everyone together, so the number of
    queries does not grow with the group (it did: about eight per person)."""
    def group_of(size, day):
        for _number in range(size):
            participation = ParticipationFactory(project=project, start_date=date(2025, 9, 1))
            ReferralFactory(participation=participation, support_form=support_form)
        return SessionFactory(support_form=support_form, date=day)

    def queries_for(session):
        marking = type(social_worker).objects.get(pk=social_worker.pk)  # nothing cached on it
        with CaptureQueriesContext(connection) as queries:
            marked = attendance_all_present(session=session, by=marking)
        return len(queries), len(marked)

    small = queries_for(group_of(3, date(2025, 9, 8)))
    large = queries_for(group_of(27, date(2025, 9, 9)))

    assert small[1] == 3 and large[1] == 30
    assert large[0] == small[0]
    assert Attendance.objects.filter(present=True).count() == 33
    assert Attendance.history.filter(history_user=social_worker).count() == 33


def test_all_present_waits_for_the_session(client, project, social_worker, joined_in_september):
    tomorrow = timezone.localdate() + timedelta(days=1)
    later = SupportFormFactory(project=project, start_date=tomorrow, end_date=project.end_date)
    ReferralFactory(participation=joined_in_september, support_form=later)
    session = SessionFactory(support_form=later, date=tomorrow)
    client.force_login(social_worker)

    all_present(client, later, session)

    assert not Attendance.objects.exists()
