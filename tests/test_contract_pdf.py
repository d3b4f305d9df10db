"""The social contract's PDF: the parties, goals and actions in Polish letters, the outcome of a
closed contract, and a download that browsers do not keep."""

from datetime import date

import pytest
from django.urls import reverse

from contracts.models import Party
from contracts.services import contract_add_action

from . import fixtures_contracts
from .factories import ContractFactory, ParticipationFactory, PersonFactory
from .fixtures_contracts import close
from .helpers.contracts import pdf_bytes, pdf_text

# The shared fixtures, bound here so that pytest finds them in this module.
contract = fixtures_contracts.contract
sw_client = fixtures_contracts.sw_client


# --- The PDF ---------------------------------------------------------------------------------


@pytest.fixture
def lucja_contract(project, social_worker):
    person = PersonFactory(first_name="Łucja", last_name="Żółkiewska")
    participation = ParticipationFactory(
        person=person,
        project=project,
        social_worker=social_worker,
        street="ul. Źródlana 5",
        postcode="21-100",
        town="Lubartów",
    )
    contract = ContractFactory(
        participation=participation,
        goals="Zdobycie kwalifikacji opiekunki osoby starszej.",
        assessment="Trudności w znalezieniu pracy; gotowość do nauki.",
    )
    for party, description in [
        (Party.PARTICIPANT, "Udział w szkoleniu „Opiekunka osoby starszej”"),
        (Party.WORKER, "Pokrycie kosztów dojazdu na szkolenie"),
    ]:
        contract_add_action(
            contract=contract,
            by=social_worker,
            party=party,
            description=description,
            deadline=date(2025, 5, 30),
            responsible="Łucja Żółkiewska",
        )
    return contract


def test_the_pdf_holds_the_parties_goals_actions_and_polish_letters(
    sw_client, lucja_contract, social_worker, office, tmp_path
):
    response = sw_client.get(reverse("contracts:contract_pdf", args=[lucja_contract.pk]))

    text = " ".join(pdf_text(response, tmp_path).split())
    person = lucja_contract.participation.person
    assert pdf_bytes(response).startswith(b"%PDF")
    for expected in [
        "NASZ-1/KS/2025/0001",
        office.name,
        str(social_worker),
        "Łucja Żółkiewska",
        "ul. Źródlana 5",
        "21-100 Lubartów",
        person.pesel,
        "Zdobycie kwalifikacji opiekunki osoby starszej.",
        "Trudności w znalezieniu pracy",
        "Udział w szkoleniu „Opiekunka osoby starszej”",
        "Pokrycie kosztów dojazdu na szkolenie",
        "30.05.2025",
    ]:
        assert expected in text, expected


def test_the_pdf_shows_the_outcome_of_a_closed_contract(sw_client, contract, tmp_path):
    close(sw_client, contract)

    response = sw_client.get(reverse("contracts:contract_pdf", args=[contract.pk]))

    text = " ".join(pdf_text(response, tmp_path).split())
    assert "Ukończyła szkolenie i podjęła pracę w sklepie." in text


def test_the_pdf_is_a_download_that_browsers_do_not_keep(sw_client, contract):
    response = sw_client.get(reverse("contracts:contract_pdf", args=[contract.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="NASZ-1-KS-2025-0001.pdf"'
    assert "no-store" in [part.strip() for part in response["Cache-Control"].split(",")]


def test_a_foundations_agreement_names_it_an_organisation_not_a_centre(
    sw_client, lucja_contract, social_worker, office, tmp_path
):
    office.name, office.kind = "Fundacja „Krok Dalej”", "ngo"
    office.save()

    response = sw_client.get(reverse("contracts:contract_pdf", args=[lucja_contract.pk]))

    text = " ".join(pdf_text(response, tmp_path).split())
    assert "Organizacja Fundacja „Krok Dalej”" in text
    assert "Ośrodek" not in text
