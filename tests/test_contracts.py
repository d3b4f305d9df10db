"""Social contracts: the kind proposed, numbers without gaps, date rules, monitoring, amendments,
closing with an outcome, edits that must not overwrite each other, the due list and the PDF."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
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
from documents.models import DocumentRegister

from .factories import ContractFactory, MembershipFactory, ParticipationFactory, PersonFactory
from .helpers.contracts import amend, contract_data, pdf_bytes, pdf_text
from .helpers.forms import form_data
from .helpers.pages import page_of

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


# --- Queries that do not grow with the rows --------------------------------------------------

PAGE_QUERIES = 20
DUE_QUERIES = 15


def queries_for(client, url) -> int:
    client.get(url)  # the first request warms caches (content types, sessions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


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


def test_the_contract_page_warns_of_an_overdue_review(sw_client, current_project, social_worker):
    today = timezone.localdate()
    overdue = due_contract(current_project, social_worker, next_review_on=today - timedelta(days=2))
    on_time = due_contract(current_project, social_worker, next_review_on=today + timedelta(days=2))

    assert "alert-warning" in page(sw_client, overdue).content.decode()
    assert "alert-warning" not in page(sw_client, on_time).content.decode()


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


# --- The demo --------------------------------------------------------------------------------


def test_the_demo_has_a_fulfilled_social_contract_for_each_seed_participant(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())

    seed = SocialContract.objects.filter(project__short_name="LUB-7.1.1-2011")
    recent = SocialContract.objects.filter(project__short_name="KROK-FEL-2024")
    assert seed.count() == 25
    assert set(seed.values_list("kind", "outcome")) == {
        (ContractKind.SOCIAL_CONTRACT, Outcome.FULFILLED)
    }
    assert sorted(seed.values_list("sequence", flat=True)) == list(range(1, 26))
    assert all(c.monitoring.count() == 2 and c.actions.exists() for c in seed)
    assert recent.filter(kind=ContractKind.MODELLED_AGREEMENT).exists()
    assert not recent.filter(
        kind=ContractKind.MODELLED_AGREEMENT, participation__centre_client=True
    ).exists()
    assert recent.in_force().filter(next_review_on__isnull=False).exists()
    for contract in [*seed, *recent]:
        contract.full_clean()
