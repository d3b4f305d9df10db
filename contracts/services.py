"""Workflows of a social contract: each one atomic, validated, and attributed to a person."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aktywizacja.concurrency import save_checked
from aktywizacja.history import attributed
from documents.models import DocumentKind
from documents.services import number_take
from participants.models import Participation

from .models import (
    CLOSING_OUTCOMES,
    Amendment,
    ContractAction,
    MonitoringEntry,
    SocialContract,
)

AMENDABLE_TERMS = {"valid_to", "goals", "assessment"}




def _require_in_force(contract: SocialContract) -> None:
    if not contract.in_force:
        raise ValidationError(
            _("This contract is closed (%(outcome)s): it can no longer change.")
            % {"outcome": contract.get_outcome_display()}
        )


@transaction.atomic
def contract_create(*, participation: Participation, by, **data) -> SocialContract:
    """Signs a contract with the participant: numbered in the documents register (its kind's
    series of the year it was signed), its terms frozen as signed."""
    project = participation.project
    contract = SocialContract(participation=participation, project=project, **data)
    # The number is not the person's input to check: the register and a constraint guard it.
    contract.full_clean(exclude=["sequence", "number"])
    contract.sequence, contract.number = number_take(
        project=project, kind=contract.kind, year=contract.signed_on.year
    )
    contract.signed_terms = contract.terms()
    attributed(contract, by).save()
    return contract


def contract_correct(*, contract: SocialContract, by, expected_version: int) -> SocialContract:
    """Saves a correction of how the contract was typed in (``contract`` holds the new values).

    Before any annex the record and the signed paper are one text: the frozen terms follow the
    correction. Once annexed, the terms change only by annexes (the form offers them no more).
    """
    _require_in_force(contract)
    with transaction.atomic():
        if not contract.amendments.exists():
            contract.signed_terms = contract.terms()
        contract.full_clean()
        save_checked(attributed(contract, by), expected_version=expected_version)
    return contract


def contract_add_action(*, contract: SocialContract, by, **data) -> ContractAction:
    _require_in_force(contract)
    action = ContractAction(contract=contract, **data)
    action.full_clean()
    attributed(action, by).save()
    return action


def action_set_done(*, action: ContractAction, done: bool, by) -> ContractAction:
    _require_in_force(action.contract)
    action.done = done
    attributed(action, by).save(update_fields=["done"])
    return action


def contract_add_monitoring(
    *,
    contract: SocialContract,
    on: date,
    note: str,
    progress: str,
    next_review_on: date | None,
    by,
) -> MonitoringEntry:
    """Records a review of the contract and when the next one is due (none: ``None``)."""
    _require_in_force(contract)
    if next_review_on and on and next_review_on <= on:
        raise ValidationError({"next_review_on": _("The next review comes after this one.")})
    with transaction.atomic():
        entry = MonitoringEntry(
            contract=contract, date=on, note=note, progress=progress, recorded_by=by
        )
        entry.full_clean()
        attributed(entry, by).save()
        if contract.next_review_on != next_review_on:
            contract.next_review_on = next_review_on
            contract.full_clean()
            # the version moves on, so an edit form opened earlier cannot undo the new date
            save_checked(attributed(contract, by), expected_version=contract.version)
    return entry


def contract_amend(
    *,
    contract: SocialContract,
    on: date,
    description: str,
    by,
    expected_version: int,
    **terms,
) -> Amendment:
    """Changes the terms (period, goals, assessment) and records the amendment that did it.

    The terms as they were remain readable in the contract's history.
    """
    _require_in_force(contract)
    unknown = set(terms) - AMENDABLE_TERMS
    if unknown:
        raise TypeError(f"not an amendable term: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        before = contract.terms()
        for name, value in terms.items():
            setattr(contract, name, value)
        contract.full_clean()
        save_checked(attributed(contract, by), expected_version=expected_version)
        after = contract.terms()
        amendment = Amendment(
            contract=contract, date=on, description=description,
            changes={name: [before[name], after[name]] for name in after
                     if before[name] != after[name]},
        )
        amendment.full_clean()
        if on:
            _sequence, amendment.number = number_take(
                project=contract.project, kind=DocumentKind.CONTRACT_ANNEX, year=on.year
            )
        attributed(amendment, by).save()
    return amendment


def contract_close(
    *,
    contract: SocialContract,
    outcome: str,
    final_assessment: str,
    on: date,
    by,
    expected_version: int,
) -> SocialContract:
    """Ends the contract: fulfilled, broken or terminated, with the assessment of it."""
    _require_in_force(contract)
    if outcome not in CLOSING_OUTCOMES:
        raise ValidationError({"outcome": _("Choose how the contract ended.")})
    with transaction.atomic():
        contract.outcome = outcome
        contract.final_assessment = final_assessment
        contract.final_assessed_on = on
        contract.next_review_on = None
        contract.full_clean()
        save_checked(attributed(contract, by), expected_version=expected_version)
    return contract
