"""Workflows of internships and job placement: each atomic, validated and attributed to a person."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aktywizacja.concurrency import claim_version
from aktywizacja.history import attributed
from participants.models import TAKING_PART, Participation

from .models import (
    Internship,
    InternshipMonth,
    InternshipOutcome,
    JobSupportContact,
)

INTERNSHIP_FIELDS = {
    "employer", "position", "mentor_name", "start_date", "end_date", "monthly_stipend",
    "support_form",
}
CONTACT_FIELDS = {
    "kind", "date", "employer", "employer_name", "position", "staff_name", "duration_minutes",
    "notes", "support_form",
}




def _only(fields: set[str], data: dict) -> dict:
    unknown = set(data) - fields
    if unknown:
        raise TypeError(f"not a field to set here: {', '.join(sorted(unknown))}")
    return data


def require_taking_part(participation: Participation) -> None:
    """Support is recorded for participants, not for candidates or people turned down."""
    if participation.status not in TAKING_PART:
        raise ValidationError(
            _("%(name)s is not a participant of the project (status: %(status)s).")
            % {"name": participation.person, "status": participation.status_label}
        )


def _require_open(internship: Internship) -> None:
    if internship.is_closed:
        raise ValidationError(
            _("This internship is closed (%(outcome)s): it can no longer change.")
            % {"outcome": internship.get_outcome_display()}
        )


# --- Internships ----------------------------------------------------------------------------


@transaction.atomic
def internship_create(*, participation: Participation, by, **data) -> Internship:
    """Records an internship: 3–6 months, within the project, with an employer that has a NIP."""
    require_taking_part(participation)
    internship = Internship(participation=participation, **_only(INTERNSHIP_FIELDS, data))
    internship.full_clean()
    attributed(internship, by).save()
    return internship


@transaction.atomic
def internship_update(
    *, internship: Internship, by, expected_version: int, **data
) -> Internship:
    """Changes the terms of an open internship; months already recorded must stay inside it.

    ``expected_version`` is the version the person saw: EditConflict if someone saved since.
    """
    _require_open(internship)
    claim_version(internship, expected_version=expected_version)
    for name, value in _only(INTERNSHIP_FIELDS, data).items():
        setattr(internship, name, value)
    internship.full_clean()
    outside = [
        month for month in internship.months.all()
        if not internship.start_date.replace(day=1) <= month.month <= internship.end_date
    ]
    if outside:
        raise ValidationError({"end_date": _(
            "Attendance is recorded for %(months)s, outside the new dates: correct the dates."
        ) % {"months": ", ".join(f"{m.month:%m.%Y}" for m in outside)}})
    attributed(internship, by).save()
    return internship


@transaction.atomic
def internship_close(
    *, internship: Internship, outcome: str, outcome_notes: str, by, expected_version: int
) -> Internship:
    """Ends the internship: completed, completed with a job at the host employer, interrupted."""
    _require_open(internship)
    claim_version(internship, expected_version=expected_version)
    if outcome == InternshipOutcome.IN_PROGRESS or outcome not in InternshipOutcome.values:
        raise ValidationError({"outcome": _("Choose how the internship ended.")})
    if outcome == InternshipOutcome.INTERRUPTED and not outcome_notes.strip():
        raise ValidationError(
            {"outcome_notes": _("Say why the internship was interrupted.")}
        )
    internship.outcome = outcome
    internship.outcome_notes = outcome_notes
    internship.full_clean()
    attributed(internship, by).save(update_fields=["outcome", "outcome_notes", "version"])
    return internship


@dataclass(frozen=True)
class MonthAttendance:
    month: date
    days_planned: int | None
    days_present: int | None


@transaction.atomic
def internship_month_record(
    *, internship: Internship, month: date, days_planned: int, days_present: int, by
) -> InternshipMonth:
    """Records (or corrects) the attendance of one month: one row per month of an internship.

    A month's two numbers are written at once, without a version check: the last save wins by
    design (the internship's version guards its terms, not its monthly attendance).
    """
    record = (
        InternshipMonth.objects.select_for_update().filter(internship=internship, month=month)
        .first()
    ) or InternshipMonth(internship=internship, month=month)
    if (record.days_planned, record.days_present) == (days_planned, days_present):
        return record  # nothing changed: no history entry
    record.days_planned, record.days_present = days_planned, days_present
    record.full_clean()
    attributed(record, by).save()
    return record


@transaction.atomic
def internship_months_record(
    *, internship: Internship, months: list[MonthAttendance], by
) -> list[InternshipMonth]:
    """The monthly attendance of a whole internship at once: all months saved, or none.

    A month left empty stays unrecorded; a month already recorded cannot be emptied.
    """
    recorded = {row.month: row for row in internship.months.all()}
    errors, saved = [], []
    for row in months:
        empty = row.days_planned is None and row.days_present is None
        if empty and row.month not in recorded:
            continue
        try:
            if row.days_planned is None or row.days_present is None:
                raise ValidationError(
                    _("Enter both the working days planned and the days present.")
                )
            saved.append(internship_month_record(
                internship=internship, month=row.month, days_planned=row.days_planned,
                days_present=row.days_present, by=by,
            ))
        except ValidationError as error:
            errors.append(ValidationError(
                _("%(month)s: %(error)s") % {
                    "month": f"{row.month:%m.%Y}", "error": " ".join(error.messages)
                }
            ))
    if errors:
        raise ValidationError(errors)
    return saved


# --- Job placement and job coaching ---------------------------------------------------------


@transaction.atomic
def job_support_contact_add(
    *, participation: Participation, by, **data
) -> JobSupportContact:
    """Records a job offer presented, an interview, a placement or a job coach's contact."""
    require_taking_part(participation)
    contact = JobSupportContact(participation=participation, **_only(CONTACT_FIELDS, data))
    contact.full_clean()
    attributed(contact, by).save()
    return contact


@transaction.atomic
def job_support_contact_update(*, contact: JobSupportContact, by, **data) -> JobSupportContact:
    for name, value in _only(CONTACT_FIELDS, data).items():
        setattr(contact, name, value)
    contact.full_clean()
    attributed(contact, by).save()
    return contact


@transaction.atomic
def job_support_contact_delete(*, contact: JobSupportContact, by) -> None:
    """Deletes a contact entered by mistake; its history keeps who deleted it."""
    attributed(contact, by).delete()
