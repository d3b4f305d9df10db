"""The hours kept summed beside the attendance (``instruments.HoursTotal``, ``HeldSession``): kept
equal to the marks by every service that changes them, checked and repaired by
``manage.py check_figures``, and read by the dashboard and the summary instead of the marks."""

import random
from datetime import date, time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instruments.hours import hours_differences, support_form_hours
from instruments.models import HeldSession, HoursTotal
from instruments.services import (
    Consultation,
    attendance_all_present,
    attendance_set,
    consultations_record,
    session_create,
    session_delete,
    session_update,
)
from participants.models import Participation, ParticipationStatus
from participants.services import participation_update, participations_change_status

from .factories import EditionFactory, ParticipationFactory, ReferralFactory, SupportFormFactory
from .helpers.summary import fill


@pytest.fixture
def workshop(project):
    return SupportFormFactory(project=project, name="Warsztaty", start_date=date(2025, 3, 1),
                              end_date=date(2025, 6, 30))


def referred_people(project, support_form, count, social_worker):
    people = ParticipationFactory.create_batch(count, project=project,
                                               social_worker=social_worker)
    for participation in people:
        ReferralFactory(participation=participation, support_form=support_form)
    return people


def group_session(support_form, by, day, end=time(11, 30)):
    return session_create(support_form=support_form, by=by, kind="group", date=day,
                          start_time=time(10), end_time=end, hours_unit="clock")


def assert_agree(project):
    assert hours_differences(project) == []


def test_every_service_that_changes_attendance_keeps_the_sums_equal_to_the_marks(
    project, workshop, social_worker
):
    people = referred_people(project, workshop, 4, social_worker)
    first = group_session(workshop, social_worker, date(2025, 3, 3))
    second = group_session(workshop, social_worker, date(2025, 3, 10))
    steps = [
        lambda: attendance_all_present(session=first, by=social_worker),
        lambda: attendance_set(session=first, participation=people[0], present=False,
                               by=social_worker),
        lambda: attendance_set(session=second, participation=people[1], present=True,
                               by=social_worker),
        lambda: consultations_record(
            support_form=workshop, hours_unit="clock", staff_name="", place="", by=social_worker,
            consultations=[Consultation(people[2], date(2025, 3, 4), time(9), time(10, 15))],
        ),
        lambda: session_update(session=first, by=social_worker,
                               expected_version=first.version, end_time=time(12, 45)),
        lambda: participation_update(participation=_in_edition(people[1]), by=social_worker,
                                     expected_version=people[1].version),
        lambda: participations_change_status(
            participations=[people[3]], versions={people[3].pk: people[3].version},
            to_status=ParticipationStatus.RESIGNED, on=date(2025, 3, 5), reason="",
            by=social_worker,
        ),
        lambda: session_delete(session=second, by=social_worker, attendance_confirmed=True),
    ]
    for step in steps:
        step()
        first.refresh_from_db()
        for participation in people:
            participation.refresh_from_db()
        assert_agree(project)
    assert HoursTotal.objects.filter(participation__in=people).exists()
    assert HeldSession.objects.filter(session=first).exists()


def _in_edition(participation):
    participation.edition = EditionFactory(project=participation.project)
    return participation


def test_any_sequence_of_marks_keeps_the_sums_equal_to_the_marks(
    project, workshop, social_worker
):
    people = referred_people(project, workshop, 5, social_worker)
    sessions = [group_session(workshop, social_worker, date(2025, 3, day)) for day in (3, 5, 7)]
    chosen = random.Random(13)
    for _ in range(25):
        attendance_set(session=chosen.choice(sessions), participation=chosen.choice(people),
                       present=chosen.random() < 0.7, by=social_worker)

    assert_agree(project)
    call_command("check_figures", "--project", project.short_name)  # no difference: no exit


def test_check_figures_reports_a_planted_difference_and_fix_repairs_it(
    project, workshop, social_worker, capsys
):
    people = referred_people(project, workshop, 2, social_worker)
    session = group_session(workshop, social_worker, date(2025, 3, 3))
    attendance_all_present(session=session, by=social_worker)
    total = HoursTotal.objects.get(participation=people[0])
    HoursTotal.objects.filter(pk=total.pk).update(minutes=total.minutes + 60)
    HeldSession.objects.filter(session=session).delete()

    with pytest.raises(SystemExit) as exited:
        call_command("check_figures", "--project", project.short_name)

    assert exited.value.code == 1
    out = capsys.readouterr()
    assert (f"{project.short_name}: HoursTotal ({people[0].pk}, {workshop.pk}): "
            f"zapisano (150, 1, {date(2025, 3, 3)!r}") in out.out
    assert f"HeldSession ({session.pk}, None): zapisano None, przeliczono ponownie (2,)" in out.out
    assert "2 różnice." in out.err

    with pytest.raises(SystemExit):
        call_command("check_figures", "--project", project.short_name, "--fix")
    assert "Przeliczono je ponownie z list obecności." in capsys.readouterr().err
    call_command("check_figures")
    assert "zgadzają się" in capsys.readouterr().out
    assert HoursTotal.objects.get(pk__isnull=False, participation=people[0]).minutes == 90
    assert support_form_hours(project)[0].delivered_group_hours == 1.5


def test_check_figures_names_an_unknown_project(db):
    with pytest.raises(Exception, match="NIEMA"):
        call_command("check_figures", "--project", "NIEMA")


PAGES = ["reporting:dashboard", "reporting:project_indicators", "reporting:summary_preview"]


def _queries(client, project) -> dict[str, list[str]]:
    result = {}
    for name in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name, args=[project.pk]))
        assert response.status_code == 200
        result[name] = [query["sql"] for query in queries]
    return result


def test_the_reports_read_no_attendance_mark_and_a_fixed_number_of_queries(
    client, director, project, social_worker
):
    fill(project, 3)
    client.force_login(director)
    small = _queries(client, project)
    counselling = project.support_forms.get(name="Doradztwo zawodowe")
    session = counselling.sessions.get()
    for participation in referred_people(project, counselling, 27, social_worker):
        attendance_set(session=session, participation=participation, present=True,
                       by=social_worker)
    assert Participation.objects.filter(project=project).count() == 30

    large = _queries(client, project)

    for name in PAGES:
        assert len(large[name]) == len(small[name]), name
        assert not [sql for sql in large[name] if "instruments_attendance" in sql], name
