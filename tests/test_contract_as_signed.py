"""The contract as signed stays: frozen terms, numbered annexes, a consolidated print."""

from datetime import date

import pytest
from django.urls import reverse

from contracts.models import Amendment

from .factories import ContractFactory
from .helpers.contracts import amend, pdf_text
from .helpers.forms import form_data

SIGNED_GOALS = "Podjęcie zatrudnienia; usamodzielnienie się."


@pytest.fixture
def contract(participation):
    return ContractFactory(participation=participation, goals=SIGNED_GOALS)


@pytest.fixture
def sw_client(client, social_worker):
    client.force_login(social_worker)
    return client


def test_the_terms_are_frozen_when_signed(contract):
    assert contract.signed_terms["goals"] == SIGNED_GOALS
    assert contract.signed_terms["valid_from"] == contract.valid_from.isoformat()


def test_an_amendment_is_a_numbered_annex_and_leaves_the_signed_terms(sw_client, contract):
    amend(sw_client, contract)
    amend(sw_client, contract, date="2025-05-05", goals="Trzeci cel.",
          version=str(contract.__class__.objects.get().version))

    contract.refresh_from_db()
    first, second = Amendment.objects.order_by("date")
    assert (first.number, second.number) == ("NASZ-1/AN/2025/0001", "NASZ-1/AN/2025/0002")
    assert first.changes["goals"] == [SIGNED_GOALS, "Podjęcie zatrudnienia w pełnym wymiarze."]
    assert contract.goals == "Trzeci cel."
    assert contract.signed_terms["goals"] == SIGNED_GOALS


def test_the_print_as_signed_shows_the_signed_goals(sw_client, contract, tmp_path):
    amend(sw_client, contract)
    url = reverse("contracts:contract_pdf", args=[contract.pk])

    signed = " ".join(pdf_text(sw_client.get(url + "?wersja=podpisana"), tmp_path).split())
    consolidated = " ".join(pdf_text(sw_client.get(url), tmp_path).split())

    assert "Podjęcie zatrudnienia; usamodzielnienie się." in signed
    assert "pełnym wymiarze" not in signed
    assert "bez późniejszych aneksów" in signed
    assert "pełnym wymiarze" in consolidated
    assert "Tekst jednolity" in consolidated and "NASZ-1/AN/2025/0001" in consolidated


def test_the_annex_prints_what_it_changes(sw_client, contract, tmp_path):
    amend(sw_client, contract)
    annex = Amendment.objects.get()

    text = " ".join(pdf_text(
        sw_client.get(reverse("contracts:amendment_pdf", args=[annex.pk])), tmp_path
    ).split())

    assert "ANEKS NR NASZ-1/AN/2025/0001" in text.upper()
    assert contract.number in text
    assert "30.06.2025" in text and "31.08.2025" in text  # the period, before and after
    assert "usamodzielnienie się." in text  # the goals as they were


def test_once_annexed_the_edit_form_no_longer_changes_the_terms(sw_client, contract):
    amend(sw_client, contract)
    contract.refresh_from_db()
    url = reverse("contracts:contract_update", args=[contract.pk])

    form = sw_client.get(url).context["form"]

    assert form.fields["goals"].disabled and form.fields["valid_to"].disabled
    assert not form.fields["next_review_on"].disabled


def test_a_correction_before_any_annex_corrects_the_signed_record(sw_client, contract):
    url = reverse("contracts:contract_update", args=[contract.pk])
    data = form_data(sw_client.get(url).context["form"]) | {"goals": "Poprawiona literówka."}

    assert sw_client.post(url, data).status_code == 302
    contract.refresh_from_db()
    assert contract.signed_terms["goals"] == "Poprawiona literówka."
    assert contract.signed["valid_from"] == date(2025, 1, 1)
