"""Recording, editing and deleting a session, each checked as the timetable requires: the training
open, an individual consultation's participant referred, the people at it free at its time."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aktywizacja.concurrency import claim_version
from aktywizacja.history import attributed
from participants.models import Participation

from ..hours import refresh_hours
from ..models import Attendance, Session, SessionKind, SessionSeries, SupportForm, SupportGroup
from ._rules import (
    _require_attendable,
    _require_consultation_consistent,
    _require_free,
    _require_open,
    _require_participants_free,
    _require_referred,
)


@transaction.atomic
def session_create(
    *,
    support_form: SupportForm,
    by,
    kind: str,
    date: date,
    start_time: time,
    end_time: time,
    hours_unit: str,
    place: str = "",
    staff_name: str = "",
    participation: Participation | None = None,
    series: SessionSeries | None = None,
    group: SupportGroup | None = None,
) -> Session:
    """Records a session; an individual consultation is for a referred participant who is free."""
    session = Session(
        series=series,
        support_form=support_form,
        kind=kind,
        date=date,
        start_time=start_time,
        end_time=end_time,
        hours_unit=hours_unit,
        place=place,
        staff_name=staff_name,
        participation=participation if kind == SessionKind.INDIVIDUAL else None,
        group=group,
    )
    _require_creatable(session)
    attributed(session, by).save()
    return session


def _require_creatable(session: Session, *, exclude=None, referred=None, busy=None) -> None:
    """The rules of a new session: its fields valid (times, the support form's period), the
    training open; a consultation's participant referred and free at its time.

    A batch passes what it read once for all its sessions: ``exclude`` the relations it chose
    itself (not read again one by one), ``referred`` (``_referred_ids``) and ``busy`` (the
    person's sessions that day, ``_busy``)."""
    session.full_clean(exclude=exclude)
    _require_open(session.support_form)
    if session.participation:
        _require_referred(session.participation, session.support_form, referred=referred)
        _require_free(session.participation, session, busy)


SESSION_FIELDS = (
    "kind", "date", "start_time", "end_time", "hours_unit", "place", "staff_name",
    "participation", "group",
)


@transaction.atomic
def session_update(*, session: Session, by, expected_version: int, **changes) -> Session:
    """Edits a session, checked as a new one is: period, times, the people at it being free.

    ``expected_version`` is the version the person saw: EditConflict if someone saved since.
    """
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"session_update() got unexpected fields: {sorted(unknown)}")
    session = Session.objects.select_for_update().select_related("support_form").get(pk=session.pk)
    claim_version(session, expected_version=expected_version)
    _require_open(session.support_form)
    for name, value in changes.items():
        setattr(session, name, value)
    if session.kind == SessionKind.GROUP:
        session.participation = None
    session.full_clean()
    if session.participation:
        _require_referred(session.participation, session.support_form)
    _require_consultation_consistent(session)
    _require_participants_free(session)
    _require_marks_still_true(session)
    attributed(session, by).save()
    refresh_hours(sessions=[session])  # its date and duration are its people's hours
    return session


def _require_marks_still_true(session: Session) -> None:
    """A session moved with its attendance marked keeps them true: held by its new date, with
    each person marked present taking part on that day (else every count of hours would have
    to decide whether a mark in the future counts)."""
    present = list(
        Attendance.objects.present().filter(session=session).select_related("participation__person")
    )
    if not present:
        return
    if session.date > timezone.localdate():
        raise ValidationError({"date": _(
            "Attendance of this session is already marked: it cannot be moved to a day that has "
            "not come yet."
        )})
    for attendance in present:
        _require_attendable(attendance.participation, session)


def session_present_count(session: Session) -> int:
    return Attendance.objects.present().filter(session=session).count()


@transaction.atomic
def session_delete(*, session: Session, by, attendance_confirmed: bool = False) -> None:
    """Deletes a session and its attendance; with people marked present only when confirmed."""
    present = session_present_count(session)
    if present and not attendance_confirmed:
        raise ValidationError(
            ngettext(
                "%(count)d participant is marked present at this session: confirm that their "
                "attendance is to be deleted with it.",
                "%(count)d participants are marked present at this session: confirm that their "
                "attendance is to be deleted with it.",
                present,
            )
            % {"count": present}
        )
    marks = list(Attendance.objects.filter(session=session))
    for attendance in marks:
        attributed(attendance, by).delete()
    attributed(session, by).delete()
    refresh_hours(marks=[(mark.participation_id, mark.session_id) for mark in marks])
