"""The contract's page: actions, reviews, amendments, closing with an outcome, edits that must not
overwrite each other, its queries and labels, and the roles' permissions on contracts."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from contracts.models import (
    Amendment,
    ContractAction,
    ContractKind,
    MonitoringEntry,
    Outcome,
    Party,
    Progress,
    SocialContract,
)
from contracts.services import contract_add_action, contract_add_monitoring

from . import fixtures_contracts
from .factories import ContractFactory, ParticipationFactory
from .fixtures_contracts import START, close, create, errors, page, queries_for
from .helpers.contracts import amend
from .helpers.forms import form_data
from .helpers.pages import page_of

# The shared fixtures, bound here so that pytest finds them in this module.
contract = fixtures_contracts.contract
sw_client = fixtures_contracts.sw_client


# --- Actions, monitoring, amendments ---------------------------------------------------------


def test_it_marks_an_action_done(sw_client, contract, social_worker):
    action = contract_add_action(
        contract=contract,
        by=social_worker,
        party=Party.PARTICIPANT,
        description="Udział w doradztwie zawodowym",
        deadline=date(2025, 3, 31),
        responsible="",
    )

    response = sw_client.post(reverse("contracts:action_done", args=[action.pk]), {"done": "true"})

    action.refresh_from_db()
    assert response.status_code == 302
    assert action.done is True
    assert action.history.first().history_user == social_worker


def test_it_records_a_review_and_the_next_review_date(sw_client, contract, social_worker):
    response = sw_client.post(
        reverse("contracts:monitoring_add", args=[contract.pk]),
        {
            "monitoring-date": "2025-03-03",
            "monitoring-progress": Progress.PARTIAL,
            "monitoring-note": "Uczęszcza na zajęcia, szuka pracy – żółta kartka za spóźnienia.",
            "monitoring-next_review_on": "2025-04-30",
        },
    )

    entry = MonitoringEntry.objects.get()
    contract.refresh_from_db()
    assert response.status_code == 302
    assert (entry.contract, entry.date, entry.progress, entry.recorded_by) == (
        contract,
        date(2025, 3, 3),
        Progress.PARTIAL,
        social_worker,
    )
    assert contract.next_review_on == date(2025, 4, 30)
    assert "żółta kartka" in page(sw_client, contract).content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"monitoring-date": "2024-12-31"}, "date"),
        (
            {"monitoring-date": "2025-06-30", "monitoring-next_review_on": "2025-08-01"},
            "next_review_on",
        ),
        ({"monitoring-next_review_on": "2025-02-01"}, "next_review_on"),
    ],
    ids=["before-the-contract", "next-review-after-the-end", "next-review-before-this-one"],
)
def test_it_rejects_a_review_with_dates_that_do_not_fit(sw_client, contract, changes, field):
    data = {
        "monitoring-date": "2025-03-03",
        "monitoring-progress": Progress.NONE,
        "monitoring-note": "Brak kontaktu.",
    }

    response = sw_client.post(
        reverse("contracts:monitoring_add", args=[contract.pk]), data | changes
    )

    contract.refresh_from_db()
    assert response.status_code == 400
    assert field in errors(response, "monitoring_form")
    assert not MonitoringEntry.objects.exists()
    assert contract.version == 1


def test_it_rejects_a_review_dated_in_the_future(participation, social_worker):
    today = timezone.localdate()
    project = participation.project
    project.start_date, project.end_date = today - timedelta(days=30), today + timedelta(days=300)
    project.save()
    contract = ContractFactory(
        participation=participation,
        signed_on=project.start_date,
        valid_to=project.end_date,
    )

    with pytest.raises(ValidationError) as refused:
        contract_add_monitoring(
            contract=contract,
            on=today + timedelta(days=1),
            note="Plan.",
            progress=Progress.NONE,
            next_review_on=None,
            by=social_worker,
        )

    assert "date" in refused.value.message_dict


def test_it_amends_the_terms_and_keeps_the_earlier_text_in_the_history(
    sw_client, contract, social_worker
):
    earlier_goals = contract.goals

    response = amend(sw_client, contract)

    contract.refresh_from_db()
    amendment = Amendment.objects.get()
    assert response.status_code == 302
    assert (contract.valid_to, contract.goals) == (
        date(2025, 8, 31),
        "Podjęcie zatrudnienia w pełnym wymiarze.",
    )
    assert (amendment.date, amendment.contract) == (date(2025, 4, 1), contract)
    before = contract.history.order_by("history_date")[0]
    assert before.goals == earlier_goals
    html = page(sw_client, contract).content.decode()
    assert "Przedłużenie kontraktu" in html
    assert earlier_goals in html  # the history section shows the earlier text
    assert contract.history.first().history_user == social_worker


def test_it_refuses_an_amendment_from_a_stale_page(sw_client, contract):
    stale = contract.version
    SocialContract.objects.filter(pk=contract.pk).update(version=F("version") + 1)

    response = amend(sw_client, contract, version=str(stale))

    contract.refresh_from_db()
    assert response.status_code == 409
    assert not Amendment.objects.exists()
    assert contract.valid_to == date(2025, 6, 30)


# --- Closing ---------------------------------------------------------------------------------


def test_it_closes_a_contract_with_its_outcome_and_assessment(sw_client, contract, social_worker):
    response = close(sw_client, contract)

    contract.refresh_from_db()
    assert response.status_code == 302
    assert contract.outcome == Outcome.FULFILLED
    assert contract.final_assessed_on == date(2025, 6, 30)
    assert contract.final_assessment.startswith("Ukończyła szkolenie")
    assert contract.history.first().history_user == social_worker
    assert "Ukończyła szkolenie" in page(sw_client, contract).content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"final_assessment": ""}, "final_assessment"),
        ({"outcome": Outcome.IN_FORCE}, "outcome"),
        ({"final_assessed_on": "2024-12-31"}, "final_assessed_on"),
    ],
)
def test_it_refuses_to_close_without_an_outcome_assessment_or_a_fitting_date(
    sw_client, contract, changes, field
):
    response = close(sw_client, contract, **changes)

    contract.refresh_from_db()
    assert response.status_code == 400
    assert field in errors(response, "close_form")
    assert contract.outcome == Outcome.IN_FORCE


def test_it_refuses_to_close_a_contract_from_a_stale_page(sw_client, contract):
    stale = contract.version
    amend(sw_client, contract)

    response = close(sw_client, contract, version=str(stale))

    contract.refresh_from_db()
    assert response.status_code == 409
    assert contract.outcome == Outcome.IN_FORCE


def test_a_closed_contract_no_longer_changes(sw_client, contract):
    close(sw_client, contract)
    contract.refresh_from_db()
    before = SocialContract.objects.filter(pk=contract.pk).values().get()

    edit = sw_client.get(reverse("contracts:contract_update", args=[contract.pk]))
    review = sw_client.post(
        reverse("contracts:monitoring_add", args=[contract.pk]),
        {
            "monitoring-date": "2025-03-03",
            "monitoring-progress": Progress.NONE,
            "monitoring-note": "Po zamknięciu.",
        },
    )
    again = close(sw_client, contract, outcome=Outcome.BROKEN)

    assert edit.status_code == 302
    assert (review.status_code, again.status_code) == (400, 400)
    assert SocialContract.objects.filter(pk=contract.pk).values().get() == before
    assert not MonitoringEntry.objects.exists()


def test_a_new_contract_may_follow_a_closed_one_with_the_next_number(sw_client, contract):
    close(sw_client, contract, outcome=Outcome.BROKEN)

    response = create(
        sw_client,
        contract.participation,
        signed_on="2025-07-01",
        valid_from="2025-07-01",
        valid_to="2025-12-31",
        next_review_on="",
    )

    latest = SocialContract.objects.latest("sequence")
    assert response.status_code == 302
    assert latest.number == "NASZ-1/KS/2025/0002"
    shown = sw_client.get(
        reverse("contracts:participation_contract", args=[contract.participation_id])
    )
    assert shown.context["contract"] == latest
    assert shown.context["other_contracts"] == [contract]


# --- Two people editing one contract ---------------------------------------------------------


def opened_form(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.context["form"])


def test_it_refuses_to_overwrite_a_contract_saved_meanwhile(
    client, social_worker, coordinator, contract
):
    url = reverse("contracts:contract_update", args=[contract.pk])
    client.force_login(social_worker)
    mine = opened_form(client, url) | {"goals": "Cel pracownicy"}
    colleague = client.__class__()
    colleague.force_login(coordinator)
    theirs = opened_form(colleague, url) | {"goals": "Cel koordynatora"}
    assert colleague.post(url, theirs).status_code == 302

    response = client.post(url, mine)

    contract.refresh_from_db()
    assert response.status_code == 409
    assert [(r["mine"], r["saved"]) for r in response.context["differences"]] == [
        ("Cel pracownicy", "Cel koordynatora")
    ]
    assert "Cel pracownicy" in response.content.decode()
    assert (contract.goals, contract.version) == ("Cel koordynatora", 2)


def test_it_saves_an_edit_when_nobody_saved_meanwhile(sw_client, contract, social_worker):
    url = reverse("contracts:contract_update", args=[contract.pk])

    response = sw_client.post(url, opened_form(sw_client, url) | {"goals": "Nowe cele"})

    contract.refresh_from_db()
    assert response.status_code == 302
    assert (contract.goals, contract.version) == ("Nowe cele", 2)
    assert contract.history.first().history_user == social_worker


def test_a_review_with_a_new_date_makes_an_older_edit_form_conflict(sw_client, contract):
    url = reverse("contracts:contract_update", args=[contract.pk])
    stale_form = opened_form(sw_client, url)
    sw_client.post(
        reverse("contracts:monitoring_add", args=[contract.pk]),
        {
            "monitoring-date": "2025-03-03",
            "monitoring-progress": Progress.AS_PLANNED,
            "monitoring-note": "Zgodnie z planem.",
            "monitoring-next_review_on": "2025-05-05",
        },
    )

    response = sw_client.post(url, stale_form)

    contract.refresh_from_db()
    assert response.status_code == 409
    assert contract.next_review_on == date(2025, 5, 5)


def test_it_ignores_fields_the_contract_form_does_not_offer(sw_client, contract, other_project):
    url = reverse("contracts:contract_update", args=[contract.pk])
    data = opened_form(sw_client, url) | {
        "number": "KS/PODROBIONY/99",
        "sequence": "99",
        "project": other_project.pk,
        "participation": ParticipationFactory(project=other_project).pk,
        "outcome": Outcome.FULFILLED,
        "kind": ContractKind.MODELLED_AGREEMENT,
        "goals": "Nowe cele",
    }

    sw_client.post(url, data)

    after = SocialContract.objects.filter(pk=contract.pk).values().get()
    assert after["goals"] == "Nowe cele"
    assert (after["number"], after["sequence"], after["project_id"]) == (
        "NASZ-1/KS/2025/0001",
        1,
        contract.project_id,
    )
    assert (after["participation_id"], after["outcome"], after["kind"]) == (
        contract.participation_id,
        Outcome.IN_FORCE,
        ContractKind.SOCIAL_CONTRACT,
    )


# --- Queries that do not grow with the rows --------------------------------------------------


PAGE_QUERIES = 20


def add_rows(contract, worker, count):
    for number in range(count):
        day = date(2025, 1, 2) + timedelta(days=number)
        contract_add_action(
            contract=contract,
            by=worker,
            party=Party.PARTICIPANT,
            description=f"Działanie {number}",
            deadline=day,
            responsible="",
        )
        contract_add_monitoring(
            contract=contract,
            on=day,
            note=f"Notatka {number}",
            progress=Progress.PARTIAL,
            next_review_on=None,
            by=worker,
        )
        Amendment.objects.create(contract=contract, date=day, description=f"Aneks {number}")


@pytest.mark.parametrize("name", ["contracts:contract_detail", "contracts:participation_contract"])
def test_the_contract_page_uses_the_same_queries_for_few_and_many_rows(
    sw_client, contract, social_worker, name
):
    target = contract if name == "contracts:contract_detail" else contract.participation
    url = reverse(name, args=[target.pk])
    add_rows(contract, social_worker, 2)
    few = queries_for(sw_client, url)

    add_rows(contract, social_worker, 30)
    sw_client.post(
        reverse("contracts:contract_update", args=[contract.pk]),
        opened_form(sw_client, reverse("contracts:contract_update", args=[contract.pk]))
        | {"goals": "Zmienione cele"},
    )
    many = queries_for(sw_client, url)

    assert many == few
    assert few <= PAGE_QUERIES


# --- Pages and roles -------------------------------------------------------------------------


def test_the_contract_page_has_no_inline_styles_or_scripts(sw_client, contract, social_worker):
    add_rows(contract, social_worker, 1)

    response = page(sw_client, contract)

    parsed = page_of(response)
    assert 'style="' not in response.content.decode()
    assert not parsed.find("style")
    assert all(attributes.get("src") for attributes, _body in parsed.scripts)


def test_the_contract_page_asks_to_close_a_contract_whose_period_has_ended(sw_client, contract):
    SocialContract.objects.filter(pk=contract.pk).update(
        valid_to=timezone.localdate() - timedelta(days=1)
    )

    response = page(sw_client, contract)

    assert "alert-warning" in response.content.decode()


def test_every_field_of_the_contract_page_forms_has_a_label(sw_client, contract):
    html = page(sw_client, contract).content.decode()

    for prefix, names in [
        ("action", ["party", "description", "deadline", "responsible"]),
        ("monitoring", ["date", "progress", "note", "next_review_on"]),
        ("amendment", ["date", "description", "valid_to", "goals", "assessment"]),
        ("close", ["outcome", "final_assessment", "final_assessed_on"]),
    ]:
        for name in names:
            assert f'for="id_{prefix}-{name}"' in html, (prefix, name)


@pytest.mark.parametrize(
    ("group", "allowed"),
    [("pracownik socjalny", True), ("koordynator", True), ("kierownik", False)],
)
def test_the_roles_permissions_on_contracts(db, group, allowed):
    granted = set(
        Permission.objects.filter(
            group__name=group, content_type__app_label="contracts"
        ).values_list("codename", flat=True)
    )
    expected = {
        f"{action}_{model}"
        for model in ["socialcontract", "contractaction", "monitoringentry", "amendment"]
        for action in ["view", "add", "change"]
    }

    assert granted == (expected if allowed else set())


def test_the_services_refuse_to_change_a_closed_contract(contract, social_worker):
    SocialContract.objects.filter(pk=contract.pk).update(
        outcome=Outcome.TERMINATED, final_assessed_on=START, final_assessment="Rezygnacja."
    )
    contract.refresh_from_db()

    with pytest.raises(ValidationError):
        contract_add_action(
            contract=contract,
            by=social_worker,
            party=Party.WORKER,
            description="x",
            deadline=START,
            responsible="",
        )

    assert not ContractAction.objects.exists()
