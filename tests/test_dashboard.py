"""The director's dashboard: charts as SVG with their data as tables, a warning for targets
falling behind, no personal data, and a fixed number of queries."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from instruments.hours import refresh_hours
from instruments.models import Attendance
from participants.models import ParticipationStatus
from reporting.dashboard import build_dashboard, falls_behind

from .factories import IndicatorTargetFactory, ParticipationFactory, ReferralFactory
from .helpers.summary import fill


@pytest.fixture
def finished(project):
    """A project whose period has passed entirely: every target should be met by now."""
    project.start_date, project.end_date = date(2020, 1, 1), date(2020, 12, 31)
    project.save()
    return project


def _page(client, user, project) -> str:
    client.force_login(user)
    response = client.get(reverse("reporting:dashboard", args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_draws_four_charts_with_text_alternatives(client, director, project):
    participations = fill(project, 4)

    page = _page(client, director, project)

    assert page.count("<svg") == 4
    assert page.count("<title id=") == 4 and page.count("<desc id=") == 4
    assert page.count('<table class="table table-sm chart-data') == 4
    assert 'font-family="DejaVu Sans' in page
    assert not re.search(r"<svg[^>]*\sstyle=", page)
    assert "css/charts.css" in page
    for participation in participations:
        assert participation.person.last_name not in page
        assert participation.person.pesel not in page


def test_it_warns_when_a_target_falls_behind(client, director, finished):
    IndicatorTargetFactory(project=finished, target_value=25)
    ParticipationFactory(project=finished, start_date=finished.start_date)

    page = _page(client, director, finished)
    dashboard = build_dashboard(finished)

    assert len(dashboard.warnings) == 1
    assert 'class="alert alert-warning"' in page
    assert dashboard.warnings[0].line.name in page


def test_it_does_not_warn_when_targets_keep_pace(client, director, finished):
    IndicatorTargetFactory(project=finished, target_value=1)
    ParticipationFactory(project=finished, start_date=finished.start_date)

    page = _page(client, director, finished)

    assert not build_dashboard(finished).warnings
    assert 'class="alert alert-warning"' not in page
    assert _("Every target in persons is keeping pace with the time elapsed.") in page


def test_statuses_are_counted_without_names(project):
    ParticipationFactory.create_batch(2, project=project, status=ParticipationStatus.COMPLETED)
    ParticipationFactory(project=project, status=ParticipationStatus.RESIGNED)

    statuses = dict(build_dashboard(project).statuses)

    assert statuses[ParticipationStatus.COMPLETED.label] == 2
    assert statuses[ParticipationStatus.RESIGNED.label] == 1
    assert statuses[ParticipationStatus.CANDIDATE.label] == 0


def test_the_dashboard_runs_a_fixed_number_of_queries(
    client, director, project, django_assert_max_num_queries
):
    fill(project, 3)
    client.force_login(director)
    url = reverse("reporting:dashboard", args=[project.pk])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    counselling = project.support_forms.get(name="Doradztwo zawodowe")
    session = counselling.sessions.get()
    for participation in ParticipationFactory.create_batch(40, project=project):
        ReferralFactory(participation=participation, support_form=counselling)
        Attendance.objects.create(session=session, participation=participation, present=True)
    refresh_hours(sessions=[session])

    with django_assert_max_num_queries(len(small)):
        response = client.get(url)
    assert response.status_code == 200


def test_the_directors_start_page_links_to_the_dashboard(client, director, project):
    client.force_login(director)

    page = client.get(reverse("home:start")).content.decode()

    assert reverse("reporting:dashboard", args=[project.pk]) in page
    assert reverse("reporting:summary", args=[project.pk]) in page


@pytest.mark.parametrize(
    ("achieved", "target", "elapsed", "behind"),
    [
        (25, 50, Decimal("0.5"), False),  # on pace
        (21, 50, Decimal("0.5"), False),  # 0.42: within the tolerance
        (19, 50, Decimal("0.5"), True),  # 0.38 < 0.40
        (0, 25, Decimal("0.05"), False),  # the first weeks: nothing expected yet
        (0, 25, Decimal("1"), True),
        (30, 25, Decimal("1"), False),  # over the target
        (None, 25, Decimal("1"), False),  # not computed: no warning from a missing value
        (5, 0, Decimal("1"), False),  # no target
    ],
)
def test_the_pace_rule(achieved, target, elapsed, behind):
    assert falls_behind(achieved=achieved, target=target, elapsed_share=elapsed) is behind
