"""An office's work at volume, counted in page loads and actions as a person would do it
(issue: a page per person). Each test makes exactly the requests a person would make."""

from datetime import date

import pytest
from django.urls import reverse

from instruments.models import Attendance, Session
from participants.models import Participation, ParticipationStatus

from .factories import (
    ParticipationFactory,
    PersonFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
)

pytestmark = pytest.mark.django_db


class Counting:
    """The test client, counting the requests made through it."""

    def __init__(self, client):
        self.client, self.requests = client, 0

    def get(self, *args, **kwargs):
        self.requests += 1
        return self.client.get(*args, **kwargs)

    def post(self, *args, **kwargs):
        self.requests += 1
        return self.client.post(*args, **kwargs)


def test_a_hundred_participations_are_closed_in_three_page_loads(client, coordinator, project):
    people = [ParticipationFactory(project=project, start_date=date(2025, 3, 1),
                                   person=PersonFactory(organisation=project.lead_beneficiary))
              for _n in range(100)]
    client.force_login(coordinator)
    browser = Counting(client)
    url = reverse("participants:bulk_status", args=[project.pk])

    page = browser.get(url, {"obecny": "participant", "wszyscy": "1"})
    ticked = page.context["form"].initial["participations"]
    saved = browser.post(url, {
        "obecny": "participant", "participations": [p.pk for p in ticked],
        **{f"wersja-{p.pk}": p.version for p in ticked},
        "to_status": "completed", "date": "30.09.2025", "reason": "",
        "situation_at_exit": "job_seeking", "path_completed": "true",
    })
    browser.get(saved["Location"])

    assert browser.requests == 3
    assert Participation.objects.filter(pk__in=[p.pk for p in people],
                                        status=ParticipationStatus.COMPLETED).count() == 100


def test_a_25_person_session_is_marked_in_one_action_plus_one_per_absent_person(
    client, coordinator, project
):
    workshop = SupportFormFactory(project=project, mode="group")
    people = [ParticipationFactory(project=project, start_date=date(2025, 3, 1),
                                   person=PersonFactory(organisation=project.lead_beneficiary))
              for _n in range(25)]
    for participation in people:
        ReferralFactory(participation=participation, support_form=workshop)
    session = SessionFactory(support_form=workshop, date=date(2025, 3, 10))
    absent = people[:2]
    client.force_login(coordinator)
    browser = Counting(client)

    browser.get(reverse("instruments:attendance_grid", args=[workshop.pk]),
                {"month": "2025-03"})
    actions_before = browser.requests
    browser.post(reverse("instruments:attendance_all_present", args=[workshop.pk]),
                 {"session": session.pk})
    for participation in absent:
        browser.post(reverse("instruments:attendance_save", args=[workshop.pk]),
                     {"cell": f"{session.pk}:{participation.pk}:0"},
                     headers={"Accept": "application/json"})

    assert browser.requests - actions_before == 1 + len(absent)
    marks = Attendance.objects.filter(session=session)
    assert marks.count() == 25
    assert set(marks.filter(present=False).values_list("participation", flat=True)) == {
        p.pk for p in absent
    }


def test_a_40_session_term_comes_from_one_form(client, coordinator, project):
    workshop = SupportFormFactory(project=project, mode="group")
    client.force_login(coordinator)
    browser = Counting(client)

    browser.post(reverse("instruments:session_series_create", args=[workshop.pk]), {
        "weekdays": ["0", "2"], "first_date": "2025-09-01", "last_date": "2026-01-19",
        "start_time": "10:00", "end_time": "12:00", "hours_unit": "clock",
        "place": "Sala 12", "staff_name": "Ewa Doradczyni", "utworz": "1",
    })

    assert browser.requests == 1
    assert Session.objects.filter(support_form=workshop).count() == 40
