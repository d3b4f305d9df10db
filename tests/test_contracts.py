"""Social contracts: the kind proposed and the new-contract form, numbers without gaps, the date
rules, and the demo's contracts."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse

from contracts.models import ContractKind, Outcome, Party, SocialContract
from contracts.services import contract_add_action
from documents.models import DocumentRegister

from . import fixtures_contracts
from .factories import ContractFactory, ParticipationFactory
from .fixtures_contracts import START, create, errors

# The shared fixtures, bound here so that pytest finds them in this module.
contract = fixtures_contracts.contract
sw_client = fixtures_contracts.sw_client


# --- The kind proposed and the form prefilled -----------------------------------------------


@pytest.mark.parametrize(
    ("centre_client", "proposed"),
    [
        (True, ContractKind.SOCIAL_CONTRACT),
        (False, ContractKind.MODELLED_AGREEMENT),
        (None, None),
    ],
)
def test_it_proposes_the_kind_from_whether_the_participant_is_a_client_of_the_centre(
    sw_client, participation, centre_client, proposed
):
    participation.centre_client = centre_client
    participation.save()

    response = sw_client.get(reverse("contracts:contract_create", args=[participation.pk]))

    assert response.status_code == 200
    assert response.context["form"].initial["kind"] == proposed


def test_it_prefills_the_worker_and_the_period_of_participation(
    sw_client, participation, social_worker
):
    participation.end_date = date(2025, 10, 31)
    participation.save()

    response = sw_client.get(reverse("contracts:contract_create", args=[participation.pk]))

    initial = response.context["form"].initial
    assert initial["worker"] == social_worker.pk
    assert initial["valid_to"] == date(2025, 10, 31)


def test_it_offers_only_the_project_team_as_the_worker(
    sw_client, participation, social_worker, coordinator, outsider
):
    response = sw_client.get(reverse("contracts:contract_create", args=[participation.pk]))

    offered = set(response.context["form"].fields["worker"].queryset)
    assert {social_worker, coordinator} <= offered
    assert outsider not in offered


def test_it_refuses_a_social_contract_with_someone_who_is_not_a_client(sw_client, participation):
    participation.centre_client = False
    participation.save()

    refused = create(sw_client, participation)
    accepted = create(sw_client, participation, kind=ContractKind.MODELLED_AGREEMENT)

    assert refused.status_code == 400
    assert "kind" in errors(refused)
    assert accepted.status_code == 302
    assert SocialContract.objects.get().number == "NASZ-1/UW/2025/0001"


def test_it_records_a_contract_and_shows_it_on_the_participants_contract_page(
    sw_client, participation, social_worker
):
    response = create(sw_client, participation)

    contract = SocialContract.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contracts:contract_detail", args=[contract.pk])
    assert (contract.participation, contract.project) == (participation, participation.project)
    assert (contract.number, contract.outcome, contract.worker) == (
        "NASZ-1/KS/2025/0001",
        Outcome.IN_FORCE,
        social_worker,
    )
    assert contract.history.get().history_user == social_worker
    shown = sw_client.get(reverse("contracts:participation_contract", args=[participation.pk]))
    assert shown.context["contract"] == contract
    assert "NASZ-1/KS/2025/0001" in shown.content.decode()


def test_the_contract_page_offers_a_contract_when_there_is_none(sw_client, participation):
    response = sw_client.get(reverse("contracts:participation_contract", args=[participation.pk]))

    assert response.status_code == 200
    assert response.context["contract"] is None
    create_url = reverse("contracts:contract_create", args=[participation.pk])
    assert create_url in response.content.decode()


# --- Numbers ---------------------------------------------------------------------------------


def test_it_numbers_the_contracts_of_a_project_without_gaps(
    sw_client, project, participation, other_project, outsider
):
    others = ParticipationFactory.create_batch(2, project=project, social_worker=None)
    ContractFactory(participation=ParticipationFactory(project=other_project), worker=outsider)

    for each in [participation, *others]:
        assert create(sw_client, each, worker=participation.social_worker_id).status_code == 302

    ours = SocialContract.objects.filter(project=project).order_by("sequence")
    assert [c.number for c in ours] == [
        "NASZ-1/KS/2025/0001", "NASZ-1/KS/2025/0002", "NASZ-1/KS/2025/0003"
    ]
    assert SocialContract.objects.get(project=other_project).number == "OBCY-1/KS/2025/0001"


def test_it_creates_one_contract_from_a_double_submit(sw_client, participation):
    first = create(sw_client, participation)
    second = create(sw_client, participation)

    contract = SocialContract.objects.get()
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == contract.get_absolute_url()
    assert contract.sequence == 1


def test_a_refused_contract_takes_no_number(sw_client, participation):
    refused = create(sw_client, participation, valid_to="2024-12-31")
    accepted = create(sw_client, participation)

    assert (refused.status_code, accepted.status_code) == (400, 302)
    assert SocialContract.objects.get().number == "NASZ-1/KS/2025/0001"


def test_contracts_are_numbered_in_the_documents_register_by_kind_and_year(
    participation, project
):
    ContractFactory(participation=ParticipationFactory(project=project))
    agreement = ContractFactory(participation=ParticipationFactory(project=project),
                                kind=ContractKind.MODELLED_AGREEMENT)
    later = ContractFactory(participation=participation, signed_on=date(2026, 2, 2))

    registers = {
        (kind, year): last for kind, year, last in DocumentRegister.objects.filter(
            project=project).values_list("kind", "year", "last_number")
    }
    assert registers == {("social_contract", 2025): 1, ("modelled_agreement", 2025): 1,
                         ("social_contract", 2026): 1}
    assert agreement.number == "NASZ-1/UW/2025/0001"
    assert later.number == "NASZ-1/KS/2026/0001"


def test_the_database_refuses_a_number_twice_in_a_project(contract, project):
    second = ContractFactory(participation=ParticipationFactory(project=project))

    with pytest.raises(IntegrityError), transaction.atomic():
        SocialContract.objects.filter(pk=second.pk).update(
            sequence=contract.sequence, number=contract.number
        )


def test_the_database_refuses_two_contracts_in_force_for_one_participation(contract):
    with pytest.raises(IntegrityError), transaction.atomic():
        SocialContract.objects.create(
            participation=contract.participation,
            project=contract.project,
            kind=contract.kind,
            sequence=2,
            number="NASZ-1/KS/2025/0002",
            signed_on=START,
            valid_from=START,
            valid_to=START,
            worker=contract.worker,
            assessment="x",
            goals="y",
        )


# --- Dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("valid_to", {"valid_to": "2025-02-02"}),
        ("valid_from", {"valid_from": "2025-02-02"}),
        ("valid_to", {"valid_to": "2027-01-15"}),
        ("signed_on", {"signed_on": "2024-12-20", "valid_from": "2025-01-01"}),
        ("next_review_on", {"next_review_on": "2025-09-01"}),
    ],
    ids=[
        "ends-before-start",
        "starts-before-signing",
        "after-project",
        "signed-before-project",
        "review-after-end",
    ],
)
def test_it_rejects_contract_dates_out_of_order_or_outside_the_project(
    sw_client, participation, field, changes
):
    response = create(sw_client, participation, **changes)

    assert response.status_code == 400
    assert field in errors(response)
    assert not SocialContract.objects.exists()


def test_the_database_refuses_a_contract_that_ends_before_it_starts(contract):
    with pytest.raises(IntegrityError), transaction.atomic():
        SocialContract.objects.filter(pk=contract.pk).update(
            valid_to=F("valid_from") - timedelta(days=1)
        )


def test_it_rejects_an_action_deadline_outside_the_contract_period(sw_client, contract):
    url = reverse("contracts:action_add", args=[contract.pk])
    data = {
        "action-party": Party.PARTICIPANT,
        "action-description": "Udział w szkoleniu",
        "action-responsible": "uczestniczka",
    }

    late = sw_client.post(url, data | {"action-deadline": "2025-12-31"})
    in_time = sw_client.post(url, data | {"action-deadline": "2025-05-31"})

    assert late.status_code == 400
    assert "deadline" in errors(late, "action_form")
    assert in_time.status_code == 302
    assert list(contract.actions.values_list("deadline", flat=True)) == [date(2025, 5, 31)]


def test_it_keeps_the_period_around_the_actions(contract, social_worker):
    contract_add_action(
        contract=contract,
        by=social_worker,
        party=Party.WORKER,
        description="Skierowanie",
        deadline=date(2025, 6, 1),
        responsible="",
    )
    contract.valid_to = date(2025, 5, 1)

    with pytest.raises(ValidationError) as refused:
        contract.full_clean()

    assert "valid_to" in refused.value.message_dict
