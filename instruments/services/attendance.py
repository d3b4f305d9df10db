"""Marking attendance: one participant at one session, or everyone who can attend a group
session at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from aktywizacja.history import attributed
from participants.models import Participation

from ..hours import refresh_hours
from ..models import Attendance, Session, SessionKind
from ._rules import (
    _require_all_free,
    _require_attendable,
    _require_free,
    _require_held,
    _require_referred,
)
from .referrals import referred_participations


@transaction.atomic
def attendance_set(
    *, session: Session, participation: Participation, present: bool, by
) -> Attendance:
    """Marks a referred participant present at or absent from a session.

    One cell is one fact, written at once: the last click wins by design, with no version check
    (the session's version guards its own fields, not who attended it).
    """
    _require_markable(session, participation, present)
    attendance = (
        Attendance.objects.select_for_update()
        .filter(session=session, participation=participation)
        .first()
    ) or Attendance(session=session, participation=participation)
    attendance.present = present
    attendance.full_clean()
    attributed(attendance, by).save()
    refresh_hours(marks=[(participation, session)])
    return attendance


def _require_markable(session: Session, participation: Participation, present: bool, *,
                      referred=None, busy=None) -> None:
    """The rules of one mark: the person referred (to the session's group, if it has one), the
    consultation theirs, the session held on a day they took part, and, present, free at its
    time. A batch passes ``referred`` and ``busy`` read once for all (see ``_require_free``)."""
    _require_referred(participation, session.support_form, session.group, referred=referred)
    if session.participation_id not in (None, participation.pk):
        raise ValidationError(_("This individual consultation is for another participant."))
    _require_attendable(participation, session)
    if present:
        _require_free(participation, session, busy)


@transaction.atomic
def attendance_all_present(*, session: Session, by) -> list[Participation]:
    """Marks everyone who can attend the group session present, all or nothing.

    The rules of a single mark hold for each (referred, taking part that day, the session held,
    nobody at two places at once), checked for everyone together in a few queries whatever their
    number; each one busy elsewhere is named. The office then unmarks who was absent.
    """
    if session.kind != SessionKind.GROUP:
        raise ValidationError(_("Only a group session has attendance for everyone at once."))
    _require_held(session)
    people = [
        participation for participation in (
            # who the one marking may see: a partner's staff mark their own people
            referred_participations(session.support_form_id, session.group_id).for_user(by)
            .select_related("person").order_by("person__last_name", "person__first_name", "pk")
        )
        if participation.takes_part_on(session.date)
    ]
    _require_all_free(people, session)
    marks = {
        mark.participation_id: mark
        for mark in Attendance.objects.select_for_update().filter(
            session=session, participation__in=people
        )
    }
    absent = [mark for mark in marks.values() if not mark.present]
    for mark in absent:
        mark.present = True
    bulk_update_with_history(absent, Attendance, ["present"], default_user=by)
    bulk_create_with_history(
        [Attendance(session=session, participation=participation, present=True)
         for participation in people if participation.pk not in marks],
        Attendance, default_user=by,
    )
    refresh_hours(marks=[(participation, session) for participation in people])
    return people
