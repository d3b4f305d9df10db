"""Fixtures and helpers shared by the social-contract tests (test_contracts, test_contract_page,
test_contract_due, test_contract_pdf): a signed-in social worker, a contract, its page and forms."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contracts.models import Outcome

from .factories import ContractFactory
from .helpers.contracts import contract_data

START = date(2025, 1, 1)  # the first day of the test project (tests/factories.py)


@pytest.fixture
def sw_client(client, social_worker):
    client.force_login(social_worker)
    return client


@pytest.fixture
def contract(participation):
    return ContractFactory(participation=participation)


def create(client, participation, **changes):
    url = reverse("contracts:contract_create", args=[participation.pk])
    worker = changes.pop("worker", participation.social_worker_id)
    return client.post(url, contract_data(worker=worker, **changes))


def errors(response, name="form") -> dict:
    return response.context[name].errors


def page(client, contract):
    response = client.get(reverse("contracts:contract_detail", args=[contract.pk]))
    assert response.status_code == 200
    return response


def close(client, contract, **changes):
    data = {
        "close-outcome": Outcome.FULFILLED,
        "close-final_assessment": "Ukończyła szkolenie i podjęła pracę w sklepie.",
        "close-final_assessed_on": "2025-06-30",
        "close-version": str(contract.version),
    }
    return client.post(
        reverse("contracts:contract_close", args=[contract.pk]),
        data | {f"close-{key}": value for key, value in changes.items()},
    )


def queries_for(client, url) -> int:
    client.get(url)  # the first request warms caches (content types, sessions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)
