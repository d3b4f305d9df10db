"""Workflows of project events: each atomic, validated and attributed to a person."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aktywizacja.concurrency import claim_version
from aktywizacja.history import attributed
from participants.models import TAKING_PART, Participation
from projects.models import Project

from .models import Event, EventAttendance

EVENT_FIELDS = {"kind", "title", "start_date", "end_date", "places", "description"}




def _only(data: dict) -> dict:
    unknown = set(data) - EVENT_FIELDS
    if unknown:
        raise TypeError(f"not a field of an event: {', '.join(sorted(unknown))}")
    return data


@transaction.atomic
def event_create(*, project: Project, by, **data) -> Event:
    """Records a study visit, workshop, conference or other event within the project period."""
    event = Event(project=project, **_only(data))
    event.full_clean()
    attributed(event, by).save()
    return event


@transaction.atomic
def event_update(*, event: Event, by, expected_version: int, **data) -> Event:
    """Changes an event; EditConflict if someone saved it after ``expected_version`` was read."""
    claim_version(event, expected_version=expected_version)
    for name, value in _only(data).items():
        setattr(event, name, value)
    event.full_clean()
    attributed(event, by).save()
    return event


@transaction.atomic
def event_delete(*, event: Event, by, attendance_confirmed: bool = False) -> None:
    """Deletes an event; one with attendees only when the deletion of their attendance is confirmed.

    Every row deleted leaves a history entry saying who deleted it.
    """
    attendance = list(event.attendance.select_for_update())
    if attendance and not attendance_confirmed:
        raise ValidationError(
            ngettext(
                "%(count)d participant attended this event: confirm that their attendance is to "
                "be deleted with it.",
                "%(count)d participants attended this event: confirm that their attendance is to "
                "be deleted with it.",
                len(attendance),
            )
            % {"count": len(attendance)}
        )
    for row in attendance:
        attributed(row, by).delete()
    attributed(event, by).delete()


def _require_participants(event: Event, participations: list[Participation]) -> None:
    strangers = [p for p in participations if p.project_id != event.project_id]
    if strangers:
        raise ValidationError(
            _("Only participants of the event's project can attend it: %(names)s.")
            % {"names": ", ".join(str(p.person) for p in strangers)}
        )
    not_taking_part = [p for p in participations if p.status not in TAKING_PART]
    if not_taking_part:
        raise ValidationError(
            _("These people are not participants of the project: %(names)s.")
            % {"names": ", ".join(str(p.person) for p in not_taking_part)}
        )
    outside = [p for p in participations if not p.takes_part_on(event.start_date)]
    if outside:
        raise ValidationError(
            _("These people did not take part in the project on the day of the event "
              "(%(date)s): %(names)s.")
            % {"date": date_format(event.start_date, "SHORT_DATE_FORMAT"),
               "names": ", ".join(f"{p.person} ({p.period_label})" for p in outside)}
        )


@transaction.atomic
def event_attendance_set(
    *, event: Event, participations: Iterable[Participation], by
) -> list[EventAttendance]:
    """Makes the given participants the event's attendees, no more and no fewer.

    Rows of people who stay are kept untouched; those removed and added leave history entries.
    """
    wanted = {p.pk: p for p in participations}
    _require_participants(event, list(wanted.values()))
    current = {a.participation_id: a for a in event.attendance.select_for_update()}
    for participation_id, attendance in current.items():
        if participation_id not in wanted:
            attributed(attendance, by).delete()
    for participation_id, participation in wanted.items():
        if participation_id not in current:
            attendance = EventAttendance(event=event, participation=participation)
            attendance.full_clean()
            attributed(attendance, by).save()
    return list(event.attendance.select_related("participation__person"))
