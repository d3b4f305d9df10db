"""Workflows of the participant registry: each one atomic, each change attributable."""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aktywizacja.concurrency import EditConflict, save_checked
from aktywizacja.history import attributed
from projects.models import Project

from .codelists import ExitReason
from .eligibility import eligibility_problems
from .models import (
    ENDING,
    ENTRY_DATA_FIELDS,
    EntryCorrection,
    Participation,
    ParticipationStatus,
    Person,
    StatusChange,
    recording_organisation,
)

EXIT_REASONS = {
    ParticipationStatus.COMPLETED: ExitReason.COMPLETED,
    ParticipationStatus.RESIGNED: ExitReason.RESIGNED,
    ParticipationStatus.REMOVED: ExitReason.REMOVED,
}


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
            _require_status_date(participation, on)
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


def _short(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _require_status_date(participation: Participation, on: date) -> None:
    """A step of the path happened: not after today, in the project, not before the last step."""
    today = timezone.localdate()
    if on > today:
        raise ValidationError(
            {"date": _("A step of the path cannot be dated after today (%(today)s).")
             % {"today": _short(today)}}
        )
    project = participation.project
    if not project.contains_period(on, None):
        raise ValidationError({"date": project.period_error()})
    if participation.application_date and on < participation.application_date:
        raise ValidationError(
            {"date": _("The application was made on %(date)s: a later step cannot be dated "
                       "earlier.") % {"date": _short(participation.application_date)}}
        )
    last = (
        participation.status_changes.order_by("-date").first() if participation.pk else None
    )
    if last and on < last.date:
        raise ValidationError(
            {"date": _("The previous step (“%(status)s”) is dated %(date)s: this one cannot be "
                       "earlier.") % {"status": last.get_to_status_display(),
                                      "date": _short(last.date)}}
        )


def participation_change_status(
    *,
    participation: Participation,
    to_status: str,
    on: date,
    reason: str,
    by,
    expected_version: int,
    override: bool = False,
) -> Participation:
    """Moves a participation one legal step along the recruitment path, with its log entry.

    Qualifying someone who fails the project's criteria is refused, unless ``override`` is set
    with a ``reason``: the criteria not met are then kept in the log beside the reason.
    """
    to_status = ParticipationStatus(to_status)
    if to_status not in participation.next_statuses:
        raise ValidationError(
            _("A participation with the status “%(current)s” cannot become “%(new)s”.")
            % {"current": participation.get_status_display(), "new": to_status.label}
        )
    _require_status_date(participation, on)
    unmet = _unmet_criteria(participation, to_status, override=override, reason=reason)
    with transaction.atomic():
        from_status = participation.status
        participation.status = to_status
        if to_status == ParticipationStatus.PARTICIPANT and participation.start_date is None:
            participation.start_date = on
        if to_status in ENDING:
            participation.end_date = participation.end_date or on
            participation.exit_reason = participation.exit_reason or EXIT_REASONS[to_status]
            if to_status == ParticipationStatus.COMPLETED and participation.path_completed is None:
                participation.path_completed = True
        participation.refresh_age_at_entry()
        participation.full_clean()
        save_checked(attributed(participation, by), expected_version=expected_version)
        StatusChange.objects.create(
            participation=participation, from_status=from_status, to_status=to_status,
            date=on, reason=reason, changed_by=by, unmet_criteria="\n".join(unmet),
        )
    return participation


def _unmet_criteria(participation, to_status, *, override: bool, reason: str) -> list[str]:
    """The eligibility problems a qualification overrides (none to override: an empty list)."""
    if to_status != ParticipationStatus.QUALIFIED:
        return []
    problems = eligibility_problems(participation, list(participation.project.support_area.all()))
    if problems and not override:
        raise ValidationError({"to_status": _(
            "The candidate does not meet the project's criteria: %(problems)s To qualify them "
            "anyway, tick the override and give the reason."
        ) % {"problems": " ".join(problems)}})
    if problems and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for qualifying despite the criteria.")})
    return problems


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
    return corrections


def correction_reason_needed(participation: Participation) -> str:
    return _(
        "The data at entry were fixed when the participation started (%(date)s): give the "
        "reason for the correction."
    ) % {"date": _short(participation.start_date)}


def participations_change_status(
    *,
    participations: list[Participation],
    versions: dict[int, int],
    to_status: str,
    on: date,
    reason: str,
    by,
    edition=None,
    exit_data: dict | None = None,
) -> list[Participation]:
    """The same step of the path for many people at once: all or nothing.

    Each change is made as the status form makes it (the same rules, the path log, the
    history, a version check against the version the page showed); every refusal is collected
    and names the person, and then nothing is saved. ``edition`` is set on those who start
    without one; ``exit_data`` (reason for leaving, situation at exit, path completed) on those
    who end.
    """
    problems = []
    with transaction.atomic():
        for participation in participations:
            name = str(participation.person)
            if participation.version != versions.get(participation.pk):
                problems.append(_(
                    "%(name)s: changed by someone else since the page was opened; open it again."
                ) % {"name": name})
                continue
            if edition is not None and participation.edition_id is None:
                participation.edition = edition
            if to_status in ENDING and exit_data:
                for field, value in exit_data.items():
                    if value not in (None, ""):
                        setattr(participation, field, value)
            try:
                participation_change_status(
                    participation=participation, to_status=to_status, on=on, reason=reason,
                    by=by, expected_version=participation.version,
                )
            except EditConflict:
                problems.append(_(
                    "%(name)s: changed by someone else since the page was opened; open it again."
                ) % {"name": name})
            except ValidationError as error:
                problems.append(f"{name}: {' '.join(error.messages)}")
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ValidationError(problems)
    return participations
