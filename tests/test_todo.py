"""The social worker's list of things to do: monitoring data missing, contracts and paths due,
counted on the start page and listed on its own page, about their own participants only."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participants.models import IndividualPath

from .conftest import make_member
from .factories import ContractFactory, ParticipationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def current(office):
    """A project running today, so that reviews can be due."""
    today = timezone.localdate()
    return ProjectFactory(lead_beneficiary=office, short_name="BIEŻĄCY-1",
                          start_date=today - timedelta(days=400),
                          end_date=today + timedelta(days=400))


@pytest.fixture
def worker(current, office):
    return make_member(current, office, "social_worker", "alicja")


# Data at entry the monitoring file needs, all given.
COMPLETE = {
    "education": "isced_3_4", "voivodeship": "lubelskie", "county": "lubartowski",
    "commune": "Lubartów", "town": "Lubartów", "postcode": "21-100", "urbanisation": "2",
    "labour_market_status": "inactive", "foreign_origin": "no", "third_country_national": "no",
    "minority": "no", "homeless": "no", "disability": "no",
}


def case(project, worker, **data):
    """A participant of ``worker`` who started 100 days ago, with complete entry data."""
    start = timezone.localdate() - timedelta(days=100)
    return ParticipationFactory(project=project, social_worker=worker, start_date=start,
                                application_date=start, **(COMPLETE | data))


def path(participation, review_in_days):
    today = timezone.localdate()
    return IndividualPath.objects.create(
        participation=participation, revision=1, drawn_up_on=participation.start_date,
        drawn_up_by=participation.social_worker, problem_situation="Bezrobocie.",
        needs="Praca.", goals="Zatrudnienie.", review_on=today + timedelta(days=review_in_days),
    )


def contract_due_in(participation, days):
    today = timezone.localdate()
    return ContractFactory(participation=participation, signed_on=participation.start_date,
                           valid_to=today + timedelta(days=days))


def test_the_start_page_counts_what_the_worker_has_to_do(client, current, worker, office):
    lacking = case(current, worker, education="")
    due = case(current, worker)
    contract_due_in(due, 5)
    path(due, 7)
    later = case(current, worker)
    path(later, 60)  # not due yet
    colleague = make_member(current, office, "social_worker", "celina")
    contract_due_in(case(current, colleague, education=""), 3)  # not this worker's
    client.force_login(worker)

    page = client.get(reverse("home:start")).content.decode()

    assert "1 osobie brakuje danych" in page
    assert "1 kontrakt do przeglądu" in page
    assert "1 ścieżka reintegracji do przeglądu" in page
    todo = client.get(reverse("home:todo")).content.decode()
    assert lacking.person.last_name in todo
    assert "wykształcenie" in todo.lower()
    assert due.contracts.get().number in todo
    assert later.person.last_name not in todo.split('id="paths"')[1]


def test_nothing_to_do_is_said(client, current, worker):
    path(case(current, worker), 60)
    client.force_login(worker)

    page = client.get(reverse("home:start")).content.decode()

    assert "Nic do zrobienia" in page


def test_the_list_costs_the_same_queries_for_two_people_as_for_twelve(client, current, worker):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home:todo")).status_code == 200
        return len(captured)

    def add(count):
        for _number in range(count):
            participation = case(current, worker, education="")
            contract_due_in(participation, 3)
            path(participation, 3)

    client.force_login(worker)
    add(2)
    few = queries()
    add(10)
    many = queries()

    assert many == few


def test_a_review_before_the_path_is_drawn_up_is_refused(current, worker):
    participation = case(current, worker)
    early = IndividualPath(
        participation=participation, revision=1, drawn_up_on=participation.start_date,
        drawn_up_by=worker, problem_situation="Bezrobocie.", needs="Praca.",
        goals="Zatrudnienie.", review_on=participation.start_date,
    )

    with pytest.raises(ValidationError) as refused:
        early.full_clean()

    assert "review_on" in refused.value.message_dict


def test_a_project_that_has_ended_is_not_on_the_list(client, office, worker):
    ended = ProjectFactory(lead_beneficiary=office, short_name="DAWNY-1",
                           start_date=timezone.localdate() - timedelta(days=900),
                           end_date=timezone.localdate() - timedelta(days=200))
    start = ended.start_date
    old = ParticipationFactory(project=ended, social_worker=worker, start_date=start,
                               application_date=start, education="")
    client.force_login(worker)

    page = client.get(reverse("home:todo")).content.decode()

    assert old.person.last_name not in page
