"""The coordinator's agenda, the social worker's sessions of today, and hours on support pages."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from instruments.hours import refresh_hours
from instruments.models import Attendance

from .factories import (
    MembershipFactory,
    ParticipationFactory,
    ProjectFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
)


def today():
    return timezone.localdate()


def current_form(project, **kwargs):
    """A support form running now, whatever day the tests run on."""
    return SupportFormFactory(
        project=project, start_date=today() - timedelta(days=60),
        end_date=today() + timedelta(days=60), **kwargs,
    )


def on(support_form, days_from_today, **kwargs):
    return SessionFactory(
        support_form=support_form, date=today() + timedelta(days=days_from_today), **kwargs
    )


# --- The agenda --------------------------------------------------------------------------------


@pytest.fixture
def second_project(office, coordinator):
    project = ProjectFactory(lead_beneficiary=office, short_name="NASZ-2")
    MembershipFactory(project=project, user=coordinator, role=Role.COORDINATOR)
    return project


def test_the_agenda_lists_the_next_14_days_of_the_coordinators_projects(
    client, coordinator, project, second_project, other_project
):
    ours, second = current_form(project, name="Doradztwo"), current_form(second_project)
    theirs = current_form(other_project)
    upcoming = [on(ours, 0), on(second, 3), on(ours, 13)]
    on(ours, -1)  # past
    on(ours, 14)  # beyond the 14 days
    on(theirs, 1)  # another organisation's project
    client.force_login(coordinator)

    response = client.get(reverse("instruments:agenda"))

    assert list(response.context["sessions"]) == upcoming
    html = response.content.decode()
    assert reverse("instruments:attendance_grid", args=[ours.pk]) in html
    assert "NASZ-2" in html


def test_the_agenda_filters_by_project_and_period(
    client, coordinator, project, second_project
):
    ours, second = current_form(project), current_form(second_project)
    near, later = on(ours, 1), on(ours, 20)
    on(second, 1)
    client.force_login(coordinator)

    response = client.get(reverse("instruments:agenda"), {"project": project.pk, "days": 31})

    assert list(response.context["sessions"]) == [near, later]


def test_the_agenda_ignores_a_project_the_user_is_not_on(
    client, coordinator, project, other_project
):
    mine = on(current_form(project), 1)
    on(current_form(other_project), 1)
    client.force_login(coordinator)

    response = client.get(reverse("instruments:agenda"), {"project": other_project.pk})

    assert list(response.context["sessions"]) == [mine]  # an unknown choice: the default view


def test_the_agenda_says_when_nothing_is_planned(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("instruments:agenda"))

    assert _("No sessions planned in this period.") in response.content.decode()


def test_the_coordinators_start_page_links_to_the_agenda(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("home:start"))

    assert reverse("instruments:agenda") in response.content.decode()


def test_the_agenda_runs_a_fixed_number_of_queries(
    client, coordinator, project, second_project, django_assert_max_num_queries
):
    def fill(count):
        for index in range(count):
            on(current_form(project if index % 2 else second_project), index % 14)

    client.force_login(coordinator)
    fill(2)
    with django_assert_max_num_queries(50) as small:
        client.get(reverse("instruments:agenda"))
    fill(40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("instruments:agenda"))

    assert len(response.context["sessions"]) == 42


# --- Today's sessions on the social worker's start page ----------------------------------------


def test_the_social_worker_sees_todays_sessions_of_their_participants(
    client, social_worker, project, participation
):
    colleague = ParticipationFactory(project=project)
    mine, others, tomorrow = (current_form(project, name=n) for n in ["Mój", "Cudzy", "Jutro"])
    consulting = current_form(project, name="Konsultacje")
    for support_form in [mine, tomorrow, consulting]:
        ReferralFactory(participation=participation, support_form=support_form)
    ReferralFactory(participation=colleague, support_form=others)
    ReferralFactory(participation=colleague, support_form=consulting)
    group = on(mine, 0)
    on(others, 0)
    on(tomorrow, 1)
    own_consultation = on(consulting, 0, kind="individual", participation=participation,
                          start_time=time(12), end_time=time(13))
    on(consulting, 0, kind="individual", participation=colleague)
    client.force_login(social_worker)

    response = client.get(reverse("home:start"))

    assert list(response.context["today_sessions"]) == [group, own_consultation]
    html = response.content.decode()
    assert reverse("instruments:attendance_grid", args=[mine.pk]) in html
    assert reverse("instruments:attendance_grid", args=[others.pk]) not in html


def test_the_social_worker_is_told_when_there_is_no_session_today(client, social_worker):
    client.force_login(social_worker)

    response = client.get(reverse("home:start"))

    assert _("None of your participants has a session today.") in response.content.decode()


# --- Hours on the support form list ------------------------------------------------------------


def _attended(support_form, participation, days_ago, present=True):
    session = on(support_form, -days_ago)
    Attendance.objects.create(session=session, participation=participation, present=present)
    refresh_hours(marks=[(participation, session)])  # as the services do
    return session


def test_the_support_form_list_shows_planned_and_delivered_hours(
    client, director, project, participation
):
    counselling = current_form(project, name="Doradztwo zawodowe", instrument="vocational",
                               planned_group_hours=Decimal(10), planned_individual_hours=2)
    ReferralFactory(participation=participation, support_form=counselling)
    ReferralFactory(participation__project=project, support_form=counselling)
    _attended(counselling, participation, 1)
    _attended(counselling, participation, 2, present=False)
    on(counselling, 5)  # planned, not held yet
    client.force_login(director)

    response = client.get(reverse("instruments:support_form_list", args=[project.pk]))

    assert response.status_code == 200
    (total, rows), = response.context["instruments"]
    # delivered by the attendance records: the session nobody attended delivered nothing
    assert (rows[0].planned_total_hours, rows[0].delivered_group_hours) == (14, Decimal("1.50"))
    assert (total.label, total.delivered_total_hours, total.participants) == (
        _("vocational"), Decimal("1.50"), 1
    )
    html = response.content.decode()
    assert "14,00" in html and "1,50" in html
    assert _("Total: %(kind)s") % {"kind": _("vocational")} in html
    assert participation.person.last_name not in html


def test_the_support_form_list_runs_a_fixed_number_of_queries(
    client, coordinator, project, django_assert_max_num_queries
):
    def fill(forms, people):
        for index in range(forms):
            support_form = current_form(project, instrument=["social", "health"][index % 2])
            for _person in range(people):
                participation = ReferralFactory(
                    participation__project=project, support_form=support_form
                ).participation
                _attended(support_form, participation, 1 + index % 20)

    client.force_login(coordinator)
    fill(1, 1)
    url = reverse("instruments:support_form_list", args=[project.pk])
    with django_assert_max_num_queries(50) as small:
        client.get(url)
    fill(12, 5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)

    assert sum(len(rows) for _total, rows in response.context["instruments"]) == 13
