"""The objects the access table points at, what each row posts, and what a POST could change.

Built twice: once per module for the table (tests/test_access.py) and per test for the scoping
tests (tests/test_access_scoping.py).
"""

from datetime import date, time

from contracts.forms import ContractUpdateForm
from contracts.models import Amendment, ContractAction, MonitoringEntry, SocialContract
from contracts.services import contract_add_action, contract_amend
from instruments.forms import SupportFormForm
from instruments.models import Attendance, Session, SessionSeries
from participants.forms import ParticipationForm, PersonForm
from participants.models import Participation, Person, StatusChange
from projects.forms import OrganisationUpdateForm
from projects.models import Membership, Organisation, Project

from . import access_tables
from .factories import (
    ContractFactory,
    OrganisationFactory,
    ParticipationFactory,
    ReferralFactory,
    SessionFactory,
    UserFactory,
)
from .helpers.contracts import contract_data
from .helpers.forms import form_data, project_post_data

TABLES = access_tables.modules()

def _contract_with_an_action(participation):
    contract = ContractFactory(participation=participation)
    contract_amend(contract=contract, on=contract.valid_from, description="Nowy cel.",
                   by=contract.worker, expected_version=contract.version, goals="Nowy cel.")
    action = contract_add_action(
        contract=contract,
        by=contract.worker,
        party="participant",
        description="Udział w szkoleniu",
        deadline=contract.valid_from,
        responsible="",
    )
    return contract, action


def all_objects(project, office, other_project, outsider, social_worker, participation):
    objects = _base_objects(project, office, other_project, outsider, social_worker, participation)
    for table in TABLES:
        if hasattr(table, "add_objects"):
            objects |= table.add_objects(objects)
    return objects


def _base_objects(project, office, other_project, outsider, social_worker, participation):
    partner = OrganisationFactory(name="Fundacja Partner")
    project.partners.add(partner)
    their_participation = ParticipationFactory(project=other_project, social_worker=outsider)
    contract, action = _contract_with_an_action(participation)
    their_contract, their_action = _contract_with_an_action(their_participation)
    referral = ReferralFactory(participation=participation)
    their_referral = ReferralFactory(participation=their_participation)
    support_form, their_support_form = referral.support_form, their_referral.support_form
    return {
        "project": project,
        "participation": participation,
        "their_participation": their_participation,
        "contract": contract,
        "action": action,
        "amendment": contract.amendments.get(),
        "their_contract": their_contract,
        "their_action": their_action,
        "their_amendment": their_contract.amendments.get(),
        "uncontracted": ParticipationFactory(project=project, social_worker=social_worker),
        "their_uncontracted": ParticipationFactory(project=other_project, social_worker=outsider),
        "their_project": other_project,
        "office": office,
        "partner": partner,
        "provider": OrganisationFactory(name="Centrum Szkoleń", recorded_by=office),
        "their_office": outsider.organisation,
        "their_provider": OrganisationFactory(recorded_by=outsider.organisation),
        "stranger": OrganisationFactory(name="Ktoś Obcy"),
        "registered": OrganisationFactory(name="Powiatowy Urząd Pracy", in_registry=True),
        "referral": referral,
        "their_referral": their_referral,
        "support_form": support_form,
        "session": SessionFactory(support_form=support_form),
        "their_support_form": their_support_form,
        "their_session": SessionFactory(support_form=their_support_form),
        "session_series": _series(support_form, office),
        "their_session_series": _series(their_support_form, outsider.organisation),
    }


# The support form's groups, posted with it: none.
NO_GROUPS = {"groups-TOTAL_FORMS": "0", "groups-INITIAL_FORMS": "0"}


def _series(support_form, organisation):
    return SessionSeries.objects.create(
        support_form=support_form, weekdays="0", first_date=date(2025, 3, 3),
        last_date=date(2025, 3, 31), start_time=time(10), end_time=time(12),
        created_by=UserFactory(organisation=organisation),
    )


def post_data(kind: str | None, obj, objects) -> dict:
    for table in TABLES:
        if kind in getattr(table, "POST_DATA", {}):
            return table.POST_DATA[kind](obj, objects)
    return {
        None: lambda: {},
        "new_session": lambda: {
            "kind": "group",
            "date": "03.03.2025",
            "start_time": "12:00",
            "end_time": "13:30",
            "hours_unit": "teaching",
        },
        "attendance": lambda: {"cell": f"{objects['session'].pk}:{objects['participation'].pk}:1"},
        "all_present": lambda: {"session": objects["session"].pk},
        "their_all_present": lambda: {"session": objects["their_session"].pk},
        "their_attendance": lambda: {
            "cell": f"{objects['their_session'].pk}:{objects['their_participation'].pk}:1"
        },
        "text_size": lambda: {"size": "large", "next": "/projekty/"},
        "withdrawal": lambda: {"withdrawn_on": "2025-06-02", "withdrawal_reason": "Zmiana."},
        "bulk_referral": lambda: {"referred_on": "2025-06-02"},
        "path": lambda: {
            "drawn_up_on": "2025-03-03",
            "problem_situation": "Bezrobocie.",
            "needs": "Szkolenie.",
            "goals": "Zatrudnienie.",
            "planned-TOTAL_FORMS": "0",
            "planned-INITIAL_FORMS": "0",
        },
        "new_support_form": lambda: {
            "name": "Doradztwo",
            "instrument": "vocational",
            "mode": "both",
            "start_date": "2025-02-01",
            "end_date": "2025-06-30",
            "planned_group_hours": "15",
            "planned_individual_hours": "2",
            **NO_GROUPS,
        },
        "support_form": lambda: (
            form_data(SupportFormForm(instance=obj, organisations=Organisation.objects.all()))
            | {"name": "Zmieniona forma", **NO_GROUPS}
        ),
        "new_project": lambda: {
            "title": "Nowy projekt",
            "short_name": "NOWY-1",
            "programme": objects["project"].programme_id,
            "lead_beneficiary": objects["office"].pk,
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
        },
        "project": lambda: project_post_data(obj) | {"title": "Zmieniony tytuł"},
        "new_organisation": lambda: {"name": "Nowa fundacja", "kind": "ngo"},
        "organisation": lambda: (
            form_data(OrganisationUpdateForm(instance=obj)) | {"name": "Zmieniona"}
        ),
        "new_candidate": lambda: {
            "first_name": "Łucja",
            "last_name": "Żółkiewska",
            "pesel": "85031512368",
            "sex": "K",
            "birth_date": "1985-03-15",
            "application_date": "2025-02-03",
            "social_worker": objects["participation"].social_worker_id,
            "token": "6f1c1f3e-58f0-4a1e-9d7e-3f0e2b9a1c11",
        },
        "participation": lambda: (
            form_data(ParticipationForm(instance=obj)) | {"recruitment_source": "plakat"}
        ),
        "person": lambda: form_data(PersonForm(instance=obj.person)) | {"first_name": "Ewa"},
        "status": lambda: {
            "to_status": "completed",
            "date": "2025-06-30",
            "reason": "",
            "version": str(obj.version),
        },
        "new_contract": lambda: contract_data(worker=obj.social_worker_id),
        "contract": lambda: (
            form_data(ContractUpdateForm(instance=obj)) | {"goals": "Zmienione cele"}
        ),
        "contract_action": lambda: {
            "action-party": "worker",
            "action-description": "Skierowanie na szkolenie",
            "action-deadline": "2025-03-01",
        },
        "action_done": lambda: {"done": "true"},
        "monitoring": lambda: {
            "monitoring-date": "2025-03-03",
            "monitoring-progress": "partial",
            "monitoring-note": "Uczestniczy w zajęciach.",
        },
        "amendment": lambda: {
            "amendment-date": "2025-03-03",
            "amendment-description": "Przedłużenie kontraktu.",
            "amendment-valid_to": "2025-08-31",
            "amendment-goals": obj.goals,
            "amendment-assessment": obj.assessment,
            "amendment-version": str(obj.version),
        },
        "close": lambda: {
            "close-outcome": "fulfilled",
            "close-final_assessment": "Zrealizowany.",
            "close-final_assessed_on": "2025-06-30",
            "close-version": str(obj.version),
        },
    }[kind]()


def state() -> tuple:
    """What a POST could change, including the history that every save leaves."""
    return (
        list(Project.objects.values()),
        list(Organisation.objects.values()),
        list(Membership.objects.values()),
        Project.history.count(),
        Organisation.history.count(),
        list(Person.objects.values()),
        list(Participation.objects.values()),
        list(StatusChange.objects.values()),
        Person.history.count(),
        Participation.history.count(),
        *[
            (list(model.objects.values()), model.history.count())
            for model in [
                SocialContract,
                ContractAction,
                MonitoringEntry,
                Amendment,
                Session,
                Attendance,
                *[model for table in TABLES for model in getattr(table, "STATE_MODELS", [])],
            ]
        ],
    )
