"""The consultation log: many individual consultations of a support form recorded at once,
each checked by the rules of a single consultation and counted as attended, in a fixed number
of queries whatever the number of lines."""

from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from participants.models import Participation

from ..hours import refresh_hours
from ..models import Attendance, Session, SessionKind, SupportForm
from ._rules import _busy, _referred_ids
from .attendance import _require_markable
from .sessions import _require_creatable

# Chosen by the log itself (the support form of the screen, a referred person), not read again.
CHOSEN = ["support_form", "participation", "series", "group"]


@dataclass(frozen=True)
class Consultation:
    """One line of the log: who, when, from and to."""

    participation: Participation
    date: date
    start_time: time
    end_time: time


@transaction.atomic
def consultations_record(*, support_form: SupportForm, consultations: list[Consultation],
                         hours_unit: str, staff_name: str, place: str, by) -> list[Session]:
    """Records the consultations and marks each person present: all or nothing, each refusal
    naming the line, the person and the day. The rules of one consultation (``session_create``
    and ``attendance_set``) hold for each: referred, taking part that day, held, nobody at two
    places at once, the log's own earlier lines included. What they read is read once for all
    lines, and the consultations and marks are written in bulk with their history."""
    if not consultations:
        raise ValidationError(_("Enter at least one consultation."))
    ids = {consultation.participation.pk for consultation in consultations}
    referred = _referred_ids(ids, support_form)
    busy = _busy(ids, {consultation.date for consultation in consultations})
    problems, sessions = [], []
    for line, consultation in enumerate(consultations, start=1):
        participation = consultation.participation
        session = Session(
            support_form=support_form, kind=SessionKind.INDIVIDUAL, date=consultation.date,
            start_time=consultation.start_time, end_time=consultation.end_time,
            hours_unit=hours_unit, place=place, staff_name=staff_name,
            participation=participation,
        )
        day = busy.setdefault((participation.pk, consultation.date), [])
        try:
            _require_creatable(session, exclude=CHOSEN, referred=referred, busy=day)
            _require_markable(session, participation, True, referred=referred, busy=day)
        except ValidationError as error:
            problems.append(_("Line %(line)s, %(name)s, %(date)s: %(error)s") % {
                "line": line, "name": participation.person,
                "date": date_format(consultation.date, "SHORT_DATE_FORMAT"),
                "error": " ".join(error.messages),
            })
            continue
        day.append(session)  # where the person is for the lines below
        sessions.append(session)
    if problems:
        raise ValidationError(problems)
    bulk_create_with_history(sessions, Session, default_user=by)
    marks = [Attendance(session=session, participation=session.participation, present=True)
             for session in sessions]
    for mark in marks:
        mark.full_clean(exclude=["session", "participation"])  # new sessions: no mark yet
    bulk_create_with_history(marks, Attendance, default_user=by)
    refresh_hours(marks=[(session.participation, session) for session in sessions])
    return sessions
