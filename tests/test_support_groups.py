"""A support form run in groups (issue 11, point 8): one support form with a group per edition,
not a copy of it per group; referrals and sessions belong to a group, the attendance grid and
"all present" take the group's people only, and the hours held are counted per group."""

import subprocess
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from instruments.forms import SupportFormForm, support_group_rows
from instruments.models import Attendance, Referral, SupportGroup
from instruments.services import referrals_create, session_create
from projects.models import Organisation

from .conftest import require_tool
from .factories import (
    EditionFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    SupportFormFactory,
)
from .helpers.forms import form_data


@pytest.fixture
def editions(project):
    return [EditionFactory(project=project, number=n) for n in (1, 2)]


@pytest.fixture
def counselling(project):
    return SupportFormFactory(project=project, name="Doradztwo grupowe")


def _people(project, edition, names):
    return [ParticipationFactory(project=project, edition=edition,
                                 person=PersonFactory(last_name=name)) for name in names]


def test_the_groups_are_kept_with_the_support_form_in_one_save(
    client, coordinator, counselling, editions
):
    client.force_login(coordinator)
    form = SupportFormForm(instance=counselling, organisations=Organisation.objects.all())
    rows = support_group_rows(counselling)
    data = form_data(form) | form_data(rows.management_form) | {
        "groups-TOTAL_FORMS": "2",
        "groups-0-number": "1", "groups-0-edition": editions[0].pk, "groups-0-staff_name": "",
        "groups-0-name": "poranna",
        "groups-1-number": "2", "groups-1-edition": editions[1].pk, "groups-1-name": "",
        "groups-1-staff_name": "Jan Doradca",
    }

    response = client.post(reverse("instruments:support_form_update", args=[counselling.pk]),
                           data)

    assert response.status_code == 302
    assert list(counselling.groups.values_list("number", "name", "edition", "staff_name")) == [
        (1, "poranna", editions[0].pk, ""), (2, "", editions[1].pk, "Jan Doradca"),
    ]


def test_a_group_of_an_edition_takes_its_people_and_names_anyone_else(
    coordinator, project, counselling, editions
):
    first = SupportGroup.objects.create(support_form=counselling, number=1, edition=editions[0])
    ours = _people(project, editions[0], ["Adamska", "Bąk"])
    other = _people(project, editions[1], ["Cichy"])

    with pytest.raises(ValidationError) as refused:
        referrals_create(support_form=counselling, participations=ours + other,
                         on=date(2025, 3, 1), by=coordinator, group=first)
    referrals_create(support_form=counselling, participations=ours, on=date(2025, 3, 1),
                     by=coordinator, group=first)

    assert "Cichy" in " ".join(refused.value.messages)
    assert set(Referral.objects.filter(group=first).values_list("participation", flat=True)) == {
        p.pk for p in ours
    }


def test_the_grid_and_all_present_take_the_groups_people_and_count_its_hours(
    client, coordinator, project, counselling, editions
):
    first, second = (
        SupportGroup.objects.create(support_form=counselling, number=n, edition=edition)
        for n, edition in ((1, editions[0]), (2, editions[1]))
    )
    ours, theirs = (_people(project, editions[0], ["Adamska", "Bąk"]),
                    _people(project, editions[1], ["Cichy"]))
    for group, people in ((first, ours), (second, theirs)):
        referrals_create(support_form=counselling, participations=people,
                         on=date(2025, 3, 1), by=coordinator, group=group)
    session = session_create(support_form=counselling, by=coordinator, kind="group",
                             date=date(2025, 3, 3), start_time=time(10), end_time=time(12),
                             hours_unit="clock", group=first)
    SessionFactory(support_form=counselling, group=second, date=date(2025, 3, 4))
    before_the_groups = SessionFactory(support_form=counselling, date=date(2025, 3, 5))
    client.force_login(coordinator)
    ungrouped = client.get(reverse("instruments:attendance_grid", args=[counselling.pk]),
                           {"grupa": "0"})
    assert ungrouped.context["sessions"] == [before_the_groups]

    grid = client.get(reverse("instruments:attendance_grid", args=[counselling.pk]),
                      {"grupa": first.pk})
    client.post(reverse("instruments:attendance_all_present", args=[counselling.pk]),
                {"session": session.pk})

    assert [row.participation for row in grid.context["rows"]] == ours
    assert grid.context["sessions"] == [session]
    assert [(group, group.hours) for group in grid.context["groups"]] == [
        (first, 2), (second, 1.5)
    ]
    assert set(Attendance.objects.filter(session=session, present=True)
               .values_list("participation", flat=True)) == {p.pk for p in ours}


def test_a_session_takes_a_group_of_its_own_support_form_only(coordinator, project, counselling):
    elsewhere = SupportGroup.objects.create(
        support_form=SupportFormFactory(project=project), number=1
    )

    with pytest.raises(ValidationError) as refused:
        session_create(support_form=counselling, by=coordinator, kind="group",
                       date=date(2025, 3, 3), start_time=time(10), end_time=time(12),
                       hours_unit="clock", group=elsewhere)

    assert "group" in refused.value.message_dict


def test_a_timetable_makes_the_sessions_of_a_group(client, coordinator, counselling, editions):
    first = SupportGroup.objects.create(support_form=counselling, number=1, edition=editions[0])
    client.force_login(coordinator)

    response = client.post(reverse("instruments:session_series_create", args=[counselling.pk]), {
        "weekdays": ["0", "2"], "first_date": "2025-03-03", "last_date": "2025-03-14",
        "start_time": "10:00", "end_time": "12:00", "hours_unit": "clock", "group": first.pk,
        "utworz": "1",
    })

    assert response.status_code == 302
    assert list(counselling.sessions.values_list("group", flat=True)) == [first.pk] * 4
    sessions_page = client.get(reverse("instruments:session_list", args=[counselling.pk]))
    assert "grupa 1" in sessions_page.content.decode()


def test_the_month_sheet_of_a_group_lists_its_people_and_days(
    client, coordinator, project, counselling, editions
):
    pdftotext = require_tool("pdftotext")
    first, second = (
        SupportGroup.objects.create(support_form=counselling, number=n, edition=edition)
        for n, edition in ((1, editions[0]), (2, editions[1]))
    )
    for group, people, day in ((first, ["Adamska"], 3), (second, ["Cichy"], 4)):
        referrals_create(support_form=counselling, by=coordinator, group=group,
                         participations=_people(project, group.edition, people),
                         on=date(2025, 3, 1))
        SessionFactory(support_form=counselling, group=group, date=date(2025, 3, day))
    client.force_login(coordinator)

    response = client.get(reverse("instruments:attendance_month_pdf", args=[counselling.pk]),
                          {"month": "2025-03", "grupa": first.pk})

    text = subprocess.run([pdftotext, "-layout", "-", "-"], input=response.getvalue(),
                          capture_output=True, check=True).stdout.decode()
    assert "Adamska" in text and "03.03" in text
    assert "Cichy" not in text and "04.03" not in text
    assert str(first) in text  # the sheet says whose group it is
