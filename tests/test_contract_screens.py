"""The contract's create and edit screens on the one form-view shape: what they answer before
the form (a contract already in force, a closed contract) and the message of a saved one."""

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext as _

from contracts.models import Outcome, SocialContract
from contracts.services import contract_close

from .factories import ContractFactory
from .helpers.contracts import contract_data


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_new_contract_is_announced_with_its_number(client, social_worker, participation):
    client.force_login(social_worker)

    response = client.post(reverse("contracts:contract_create", args=[participation.pk]),
                           contract_data(worker=social_worker.pk))

    contract = SocialContract.objects.get()
    assert response.status_code == 302
    assert response["Location"] == contract.get_absolute_url()
    assert messages_of(response) == [
        _("The contract %(number)s has been recorded.") % {"number": contract.number}
    ]


def test_a_second_contract_in_force_is_not_offered(client, social_worker, participation):
    in_force = ContractFactory(participation=participation)
    client.force_login(social_worker)

    response = client.get(reverse("contracts:contract_create", args=[participation.pk]))

    assert response.status_code == 302
    assert response["Location"] == in_force.get_absolute_url()
    assert messages_of(response) == [_("This participant already has a contract in force.")]
    assert SocialContract.objects.count() == 1


def test_a_closed_contract_cannot_be_edited(client, social_worker, participation):
    contract = ContractFactory(participation=participation)
    contract_close(contract=contract, outcome=Outcome.FULFILLED, final_assessment="Zrealizowany.",
                   on=contract.valid_to, by=social_worker, expected_version=contract.version)
    client.force_login(social_worker)

    response = client.post(reverse("contracts:contract_update", args=[contract.pk]),
                           {"goals": "Nowe cele"})

    contract.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == contract.get_absolute_url()
    assert messages_of(response) == [_("A closed contract can no longer change.")]
    assert contract.goals != "Nowe cele"
