"""Screens moved onto the one form-view shape: what the contract screens answer before the form
(a contract already in force, a closed contract), the message of a saved one, the one conflict
page, and the indicators page's old address."""

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext as _

from contracts.forms import ContractUpdateForm
from contracts.models import Outcome, SocialContract
from contracts.services import contract_close

from .factories import ContractFactory
from .helpers.contracts import contract_data
from .helpers.forms import form_data


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


def test_a_conflict_shows_both_versions_of_a_long_text_line_by_line(
    client, social_worker, participation
):
    contract = ContractFactory(participation=participation)
    data = form_data(ContractUpdateForm(instance=contract)) | {
        "goals": "Ukończenie kursu.\nPodjęcie pracy.", "version": contract.version + 1,
    }
    client.force_login(social_worker)

    response = client.post(reverse("contracts:contract_update", args=[contract.pk]), data)

    assert response.status_code == 409
    assert "Ukończenie kursu.<br>Podjęcie pracy." in response.content.decode()


def test_the_old_address_of_the_indicators_page_leads_to_the_new_one(client, director, project):
    client.force_login(director)

    response = client.get(f"/rezultaty/projekt/{project.pk}/wskazniki/")

    assert response.status_code == 301
    assert response["Location"] == reverse("reporting:project_indicators", args=[project.pk])
