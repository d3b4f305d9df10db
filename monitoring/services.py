"""Importing participants from a monitoring file: atomic, idempotent, attributed to a person."""

from dataclasses import dataclass
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aktywizacja.concurrency import save_checked
from instruments.models import Referral
from participants.models import Participation, ParticipationStatus, Person
from participants.services import participant_register, participation_change_status
from projects.models import Project

from .importing import ParsedFile, ParsedRow


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


def participants_import(
    *, project: Project, parsed: ParsedFile, by, only_valid: bool = False
) -> ImportResult:
    """Creates or updates the participants of the file's valid rows, all or nothing.

    A file with invalid rows imports nothing unless ``only_valid`` is chosen. People are matched
    by PESEL (or, without one, by the other identifier); what already holds the file's values is
    left untouched, so importing the same file again writes nothing.
    """
    if parsed.errors and not only_valid:
        raise ValidationError(_("The file has errors: nothing has been imported."))
    result = ImportResult(skipped=parsed.invalid_count)
    with transaction.atomic():
        for row in parsed.valid_rows:
            outcome = _import_row(project, row, by)
            setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def _import_row(project: Project, row: ParsedRow, by) -> str:
    person, person_changed = _person(row, by)
    participation = (
        Participation.objects.filter(project=project, person=person).first()
        if person.pk else None
    )
    if participation is None:
        participation = _register(project, person, row, by)
        _refer(participation, row, by)
        return "created"
    # The age at entry follows the birth date too, which the file may have corrected.
    data = row.participation | {"age_at_entry": person.age_on(row.participation["start_date"])}
    changed = _update(participation, data, by)
    changed = _refer(participation, row, by) or changed
    return "updated" if changed or person_changed else "unchanged"


def _person(row: ParsedRow, by) -> tuple[Person, bool]:
    data = row.person
    found = (
        Person.objects.filter(pesel=data["pesel"]).first() if data["pesel"]
        else Person.objects.filter(pesel="", other_identifier=data["other_identifier"]).first()
    )
    if found is None:
        return _attributed(Person(**data), by), False
    return found, _update(found, data, by)


def _update(instance, data: dict, by) -> bool:
    """Saves the fields that differ, with a version check and history; False if none do."""
    differing = {name: value for name, value in data.items() if getattr(instance, name) != value}
    if not differing:
        return False
    for name, value in differing.items():
        setattr(instance, name, value)
    if isinstance(instance, Participation):
        instance.refresh_age_at_entry()
    instance.full_clean()
    save_checked(_attributed(instance, by), expected_version=instance.version)
    return True


def _register(project: Project, person: Person, row: ParsedRow, by) -> Participation:
    """A new participation, walked along the recruitment path as the file's dates say."""
    participation = _attributed(Participation(**row.participation), by)
    participant_register(
        project=project, person=person, participation=participation, by=by, token=uuid4(),
        on=participation.start_date,
    )
    steps = [
        (ParticipationStatus.QUALIFIED, participation.start_date),
        (ParticipationStatus.PARTICIPANT, participation.start_date),
    ]
    if participation.end_date:
        ending = (
            ParticipationStatus.COMPLETED if participation.path_completed
            else ParticipationStatus.RESIGNED
        )
        steps.append((ending, participation.end_date))
    for status, day in steps:
        participation_change_status(
            participation=participation, to_status=status, on=day, by=by,
            reason=_("Imported from the monitoring file."),
            expected_version=participation.version,
        )
    return participation


def _refer(participation: Participation, row: ParsedRow, by) -> bool:
    """Referrals to the support forms the file lists; those it does not list stay."""
    existing = {referral.support_form_id: referral for referral in participation.referrals.all()}
    changed = False
    for support_form, day in row.support:
        referral = existing.get(support_form.pk)
        if referral and referral.referred_on == day:
            continue
        referral = referral or Referral(participation=participation, support_form=support_form)
        referral.referred_on = day
        referral.full_clean()
        _attributed(referral, by).save()
        changed = True
    return changed


def _attributed(instance, by):
    instance._history_user = by  # the history records who, also outside a request
    return instance


