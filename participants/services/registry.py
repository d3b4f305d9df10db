"""Recording people and their participations: a new application, an edited participation."""

from datetime import date
from uuid import UUID, uuid4

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from aktywizacja.concurrency import save_checked
from aktywizacja.history import attributed
from projects.models import CommuneLookup, Project

from ..models import (
    ENTRY_DATA_FIELDS,
    EntryCorrection,
    Participation,
    ParticipationStatus,
    Person,
    StatusChange,
    recording_organisation,
)
from ..signals import participations_changed
from .status import RELATIONS, check_step_date


def participant_register(
    *,
    project: Project,
    person: Person,
    participation: Participation,
    by,
    token: UUID,
    on: date,
) -> Participation:
    """Records a candidate: the person (new or already known) and their participation.

    A form submitted twice carries the same token and yields the first participation.
    """
    existing = Participation.objects.filter(creation_token=token, project=project).first()
    if existing:
        return existing
    on = participation.application_date or on
    try:
        with transaction.atomic():
            if person.pk is None:
                person.full_clean()
                attributed(person, by).save()
            participation.person = person
            participation.project = project
            if participation.organisation_id is None:  # whoever recorded the application
                participation.organisation = recording_organisation(by, project)
            participation.creation_token = token
            participation.status = ParticipationStatus.CANDIDATE
            participation.refresh_age_at_entry()
            participation.full_clean()
            attributed(participation, by).save()
            check_step_date(participation, on, None)  # the first step
            StatusChange.objects.create(
                participation=participation, from_status="",
                to_status=ParticipationStatus.CANDIDATE, date=on, changed_by=by,
                reason=_("Application recorded."),
            )
    except IntegrityError:
        # The same token raced us in another request: return what it created.
        existing = Participation.objects.filter(creation_token=token, project=project).first()
        if existing:
            return existing
        _refuse_recorded_meanwhile(person, project)
        raise
    return participation


def participants_register_many(
    *, project: Project, entries: list[tuple[Person, Participation, date]], by,
) -> dict[int, ValidationError]:
    """Many candidates at once (an import): for each (person, participation, day of the
    application) what ``participant_register`` records, checked with what is read once for
    all and saved in bulk with the history and the path log. A person without a pk is new and
    known to be (the caller matched the people on record; the database holds uniqueness).
    All or nothing: the refusals by the entry's index (none: every one recorded)."""
    organisation = recording_organisation(by, project)
    communes = CommuneLookup(participation.commune_teryt for _p, participation, _d in entries)
    refusals = {}
    for index, (person, participation, on) in enumerate(entries):
        participation.person, participation.project = person, project
        if participation.organisation_id is None:  # whoever recorded the application
            participation.organisation = organisation
        participation.creation_token = uuid4()
        participation.status = ParticipationStatus.CANDIDATE
        participation.refresh_age_at_entry()
        try:
            _check_new(person, participation, communes, participation.application_date or on)
        except ValidationError as error:
            refusals[index] = error
    if refusals:
        return refusals
    people = [person for person, _p, _d in entries if person.pk is None]
    for person in people:
        person.refresh_search_text()  # what save() keeps
    bulk_create_with_history(people, Person, default_user=by)
    for person, participation, _d in entries:
        participation.person = person  # its pk, now that it has one
    participations = [participation for _p, participation, _d in entries]
    bulk_create_with_history(participations, Participation, default_user=by)
    StatusChange.objects.bulk_create([
        StatusChange(
            participation=participation, from_status="", to_status=ParticipationStatus.CANDIDATE,
            date=participation.application_date or on, changed_by=by,
            reason=_("Application recorded."),
        )
        for _p, participation, on in entries
    ])
    return {}


def _check_new(person: Person, participation: Participation, communes, on: date) -> None:
    """``full_clean`` of both, with the links and uniqueness left to the database."""
    if person.pk is None:
        person.full_clean(exclude=["organisation"], validate_unique=False)
    participation.clean_fields(exclude=RELATIONS)
    participation.clean(attended={}, communes=communes)
    participation.validate_constraints(exclude=RELATIONS)
    check_step_date(participation, on, None)


def _refuse_recorded_meanwhile(person: Person, project: Project) -> None:
    """Another submit recorded the same person a moment ago: the form's own error, not a 500."""
    if person.pk is None:
        records = Person.objects.filter(organisation=person.organisation_id)
        if person.pesel and records.filter(pesel=person.pesel).exists():
            raise ValidationError({"pesel": _(
                "A person with this PESEL was recorded a moment ago, in another window or by "
                "someone else. Submit the form again to add the person on record."
            )})
        if person.other_identifier and records.filter(
            pesel="", other_identifier=person.other_identifier
        ).exists():
            raise ValidationError({"other_identifier": _(
                "A person with this document was recorded a moment ago, in another window or by "
                "someone else. Submit the form again to add the person on record."
            )})
    elif Participation.objects.filter(person=person, project=project).exists():
        raise ValidationError(_(
            "This person was added to the project a moment ago, in another window or by someone "
            "else."
        ))


def participation_update(
    *, participation: Participation, by, expected_version: int, reason: str = ""
) -> list[EntryCorrection]:
    """Saves an edited participation; a change of frozen data at entry becomes a correction.

    Once the participation started, its data at entry are what the monitoring system was told:
    changing them needs a reason, is kept (who, when, why, old → new) and marks the person to be
    re-sent in the next SM EFS export.
    """
    with transaction.atomic():
        saved = Participation.objects.select_for_update().get(pk=participation.pk)
        changed = [
            name for name in ENTRY_DATA_FIELDS
            if getattr(saved, name) != getattr(participation, name)
        ] if saved.entry_frozen else []
        if changed and not reason.strip():
            raise ValidationError({"correction_reason": correction_reason_needed(saved)})
        corrections = [
            EntryCorrection(
                participation=participation, field_name=name, reason=reason.strip(),
                old_value=saved.entry_value_display(name),
                new_value=participation.entry_value_display(name), corrected_by=by,
            )
            for name in changed
        ]
        if corrections:
            participation.resend_to_monitoring = True
        participation.full_clean()
        save_checked(attributed(participation, by), expected_version=expected_version)
        EntryCorrection.objects.bulk_create(corrections)
        participations_changed.send(Participation, participations=[participation])
    return corrections


def correction_reason_needed(participation: Participation) -> str:
    return _(
        "The data at entry were fixed when the participation started (%(date)s): give the "
        "reason for the correction."
    ) % {"date": date_format(participation.start_date, "SHORT_DATE_FORMAT")}
