"""The consultation log: many individual consultations of a support form recorded at once,
each made and checked as a single consultation is and counted as attended."""

from dataclasses import dataclass
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participants.models import Participation

from ..models import Session, SessionKind, SupportForm
from .attendance import attendance_set
from .sessions import session_create


@dataclass(frozen=True)
class Consultation:
    """One line of the log: who, when, from and to."""

    participation: Participation
    date: date
    start_time: time
    end_time: time


def consultations_record(*, support_form: SupportForm, consultations: list[Consultation],
                         hours_unit: str, staff_name: str, place: str, by) -> list[Session]:
    """Records the consultations and marks each person present: all or nothing, each refusal
    naming the person and the day (the rules of one consultation hold for each: referred,
    taking part that day, held, nobody at two places at once, the log's own lines included)."""
    if not consultations:
        raise ValidationError(_("Enter at least one consultation."))
    problems, sessions = [], []
    with transaction.atomic():
        for line, consultation in enumerate(consultations, start=1):
            person = consultation.participation.person
            try:
                with transaction.atomic():
                    session = session_create(
                        support_form=support_form, by=by, kind=SessionKind.INDIVIDUAL,
                        date=consultation.date, start_time=consultation.start_time,
                        end_time=consultation.end_time, hours_unit=hours_unit,
                        place=place, staff_name=staff_name,
                        participation=consultation.participation,
                    )
                    attendance_set(session=session, participation=consultation.participation,
                                   present=True, by=by)
                    sessions.append(session)
            except ValidationError as error:
                problems.append(_("Line %(line)s, %(name)s, %(date)s: %(error)s") % {
                    "line": line, "name": person,
                    "date": date_format(consultation.date, "SHORT_DATE_FORMAT"),
                    "error": " ".join(error.messages),
                })
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ValidationError(problems)
    return sessions
