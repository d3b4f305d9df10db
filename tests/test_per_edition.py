"""The indicators, the dashboard, the summary preview and the monitoring export limited to one
edition of a project: its people only, and the editions together add up to the whole project."""

from datetime import date, time

import pytest
from django.urls import reverse

from events.models import Event, EventAttendance
from instruments.hours import refresh_hours
from instruments.models import Attendance
from participants.models import ParticipationStatus
from projects.models import IndicatorDefinition
from reporting.summary import build_summary

from .conftest import make_other_project
from .factories import (
    EditionFactory,
    ParticipationFactory,
    PersonFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions(project):
    first = EditionFactory(project=project, number=1, name="Edycja I",
                           start_date=date(2025, 1, 1), end_date=date(2025, 6, 30))
    second = EditionFactory(project=project, number=2, name="Edycja II",
                            start_date=date(2025, 7, 1), end_date=date(2026, 6, 30))
    return first, second


@pytest.fixture
def people(project, editions):
    """Edition I: two women and a man; edition II: a woman and a man."""
    first, second = editions
    made = {}
    for edition, sexes in ((first, "KKM"), (second, "KM")):
        made[edition.number] = [
            ParticipationFactory(
                project=project, edition=edition, start_date=edition.start_date,
                person=PersonFactory(sex=sex, organisation=project.lead_beneficiary,
                                     last_name=f"Edycyjna{'ABC'[edition.number]}{'XYZ'[n]}"),
            )
            for n, sex in enumerate(sexes)
        ]
    return made


def achieved(response, code):
    return {row.code: row.achieved for row in response.context["results"]}[code]


def test_the_indicators_of_each_edition_add_up_to_the_whole_project(
    client, coordinator, project, editions, people
):
    IndicatorDefinition.objects.get(code="participants-total")
    client.force_login(coordinator)
    url = reverse("reporting:project_indicators", args=[project.pk])

    whole, first, second = (client.get(url, params) for params in (
        {}, {"edycja": editions[0].pk}, {"edycja": editions[1].pk}
    ))

    for code, expected in (("participants-total", (5, 3, 2)), ("participants-women", (3, 2, 1)),
                           ("participants-men", (2, 1, 1))):
        assert [achieved(r, code) for r in (whole, first, second)] == list(expected), code
    assert all(row.target is None for row in first.context["results"])
    assert "Edycja I" in first.content.decode()


def test_the_dashboard_of_an_edition_counts_its_people_and_the_hours_they_attended(
    client, coordinator, project, editions, people
):
    workshop = SupportFormFactory(project=project, mode="group")
    for participation in people[1]:
        ReferralFactory(participation=participation, support_form=workshop)
    session = SessionFactory(support_form=workshop, date=date(2025, 3, 4), start_time=time(9),
                             end_time=time(12))
    for participation in people[1]:
        Attendance.objects.create(session=session, participation=participation, present=True)
    refresh_hours(sessions=[session])
    client.force_login(coordinator)
    url = reverse("reporting:dashboard", args=[project.pk])

    first = client.get(url, {"edycja": editions[0].pk}).context["dashboard"]
    second = client.get(url, {"edycja": editions[1].pk}).context["dashboard"]

    participant = ParticipationStatus.PARTICIPANT.label
    assert dict(first.statuses)[participant] == 3 and dict(second.statuses)[participant] == 2
    [first_hours] = first.instruments
    assert first_hours.delivered_group_hours == 3 and first_hours.participants == 3
    assert second.instruments == []  # nobody of edition II was referred to the workshop
    assert sum(hours for _month, hours in first.months) == 9  # 3 people × 3 hours
    assert not second.months
    assert not first.whole_project and len(first.charts) == 3


def test_the_monitoring_file_of_an_edition_lists_its_people(
    client, coordinator, project, editions, people
):
    client.force_login(coordinator)
    url = reverse("monitoring:export_download", args=[project.pk, "sm-efs"])

    page = client.get(reverse("monitoring:export", args=[project.pk]), {"edycja": editions[1].pk})
    download = client.get(url, {"edycja": editions[1].pk})

    assert page.context["participant_count"] == 2
    assert f"{url}?edycja={editions[1].pk}" in page.content.decode()
    rows = download.getvalue().decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 1 + 2  # the header and the edition's two people
    names = {p.person.last_name for p in people[2]} | {p.person.last_name for p in people[1]}
    listed = {name for name in names if any(name in row for row in rows)}
    assert listed == {p.person.last_name for p in people[2]}
    assert "-edycja-2-" in download["Content-Disposition"]


def test_another_projects_edition_is_not_found(client, coordinator, project, editions):
    other = EditionFactory(project=make_other_project(), number=1, start_date=date(2025, 1, 1),
                           end_date=date(2025, 6, 30))
    client.force_login(coordinator)

    for name in ("reporting:project_indicators", "reporting:dashboard", "monitoring:export"):
        response = client.get(reverse(name, args=[project.pk]), {"edycja": other.pk})
        assert response.status_code == 404, name
        assert client.get(reverse(name, args=[project.pk]), {"edycja": "x"}).status_code == 404


def test_the_summary_preview_of_an_edition_tells_its_people_and_their_events(
    client, coordinator, project, editions, people
):
    visit = Event.objects.create(project=project, kind="study_visit", title="Wizyta studyjna",
                                 start_date=date(2025, 3, 5), places="Chełm")
    for participation in people[1]:
        EventAttendance.objects.create(event=visit, participation=participation)
    whole, first, second = (build_summary(project, edition)
                            for edition in (None, *editions))

    assert [s.participants.total for s in (whole, first, second)] == [5, 3, 2]
    assert first.participants.women + second.participants.women == whole.participants.women
    assert [s.recruitment.applications.total for s in (first, second)] == [3, 2]
    assert [event.attendees for event in first.events] == [3]
    assert second.events == []
    assert (first.edition, whole.edition) == ("Edycja I", "")
    assert first.indicators == []
    client.force_login(coordinator)
    page = client.get(reverse("reporting:summary", args=[project.pk])).content.decode()
    preview = reverse("reporting:summary_preview", args=[project.pk])
    assert f"{preview}?edycja={editions[0].pk}" in page
    response = client.get(preview, {"edycja": editions[0].pk})
    assert response.status_code == 200
    assert "-edycja-1-" in response["Content-Disposition"]
