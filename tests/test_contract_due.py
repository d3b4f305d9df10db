"""Contracts due for review or ending: the selection, the due list and its queries, and the
contract page's warning of an overdue review."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contracts.models import Outcome, SocialContract

from . import fixtures_contracts
from .factories import ContractFactory, MembershipFactory, ParticipationFactory
from .fixtures_contracts import page, queries_for

# The shared fixtures, bound here so that pytest finds them in this module.
sw_client = fixtures_contracts.sw_client


# --- Contracts due for review or ending ------------------------------------------------------


def test_due_selects_contracts_in_force_whose_review_or_end_is_near_or_past(project):
    on = date(2025, 3, 1)

    def signed(valid_to, next_review_on=None):
        return ContractFactory(
            participation=ParticipationFactory(project=project),
            worker=MembershipFactory(project=project).user,
            valid_to=valid_to,
            next_review_on=next_review_on,
        )

    review_soon = signed(date(2025, 12, 31), date(2025, 3, 15))
    review_missed = signed(date(2025, 12, 31), date(2025, 2, 1))
    ending_soon = signed(date(2025, 3, 10))
    ended = signed(date(2025, 2, 28))
    signed(date(2025, 12, 31), date(2025, 3, 16))  # the review is 15 days away
    signed(date(2025, 12, 31))  # no review planned, far from its end
    closed = signed(date(2025, 2, 28))
    SocialContract.objects.filter(pk=closed.pk).update(
        outcome=Outcome.FULFILLED, final_assessed_on=date(2025, 2, 28)
    )

    due = set(SocialContract.objects.due(on))

    assert due == {review_soon, review_missed, ending_soon, ended}
    assert set(SocialContract.objects.due(on, days=15)) == due | {
        SocialContract.objects.get(next_review_on=date(2025, 3, 16))
    }


@pytest.fixture
def current_project(project):
    """The test project moved around today: the due list looks at the real date."""
    today = timezone.localdate()
    project.start_date, project.end_date = today - timedelta(days=200), today + timedelta(days=200)
    project.save()
    return project


def due_contract(project, worker, **changes):
    today = timezone.localdate()
    values = {
        "signed_on": today - timedelta(days=100),
        "valid_to": today + timedelta(days=100),
        "next_review_on": today + timedelta(days=3),
        "worker": worker,
    }
    participation = ParticipationFactory(
        project=project, social_worker=worker, start_date=project.start_date
    )
    return ContractFactory(participation=participation, **values | changes)


def test_the_due_list_shows_the_contracts_of_the_users_projects_soonest_first(
    client, current_project, social_worker, other_project, outsider
):
    today = timezone.localdate()
    later = due_contract(current_project, social_worker)
    overdue = due_contract(current_project, social_worker, next_review_on=today - timedelta(days=5))
    due_contract(current_project, social_worker, next_review_on=today + timedelta(days=40))
    other_project.start_date, other_project.end_date = (
        current_project.start_date,
        (current_project.end_date),
    )
    other_project.save()
    theirs = due_contract(other_project, outsider)
    client.force_login(social_worker)

    response = client.get(reverse("contracts:contract_due"))

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [overdue, later]
    html = response.content.decode()
    assert overdue.participation.person.last_name in html
    assert theirs.participation.person.last_name not in html


def test_the_contract_page_warns_of_an_overdue_review(sw_client, current_project, social_worker):
    today = timezone.localdate()
    overdue = due_contract(current_project, social_worker, next_review_on=today - timedelta(days=2))
    on_time = due_contract(current_project, social_worker, next_review_on=today + timedelta(days=2))

    assert "alert-warning" in page(sw_client, overdue).content.decode()
    assert "alert-warning" not in page(sw_client, on_time).content.decode()


# --- Queries that do not grow with the rows --------------------------------------------------


DUE_QUERIES = 5  # a list page: at most 5 (issue 13)


def test_the_due_list_uses_the_same_queries_for_few_and_many_contracts(
    sw_client, current_project, social_worker
):
    url = reverse("contracts:contract_due")
    for _ in range(2):
        due_contract(current_project, social_worker)
    few = queries_for(sw_client, url)

    for _ in range(30):
        due_contract(current_project, social_worker)
    many = queries_for(sw_client, url)

    assert many == few
    assert few <= DUE_QUERIES
