"""Workflows of sessions and attendance: each atomic, validated and attributed to a person."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participants.models import Participation

from .models import Attendance, Referral, Session, SessionKind, SupportForm


def _attributed(instance, by):
    instance._history_user = by  # the history records who, also outside a request
    return instance


def _busy_sessions(participation: Participation, day: date):
    """Sessions of that day at which the participant is: attended or their own consultation."""
    return Session.objects.filter(date=day).filter(
        Q(attendances__participation=participation, attendances__present=True)
        | Q(participation=participation)
    )


def _require_free(participation: Participation, session: Session) -> None:
    clash = (
        _busy_sessions(participation, session.date)
        .exclude(pk=session.pk)
        .filter(start_time__lt=session.end_time, end_time__gt=session.start_time)
        .select_related("support_form")
        .first()
    )
    if clash:
        raise ValidationError(
            _(
                "%(name)s is already at another session at that time: %(form)s, "
                "%(date)s %(start)s–%(end)s."
            )
            % {
                "name": participation.person,
                "form": clash.support_form,
                "date": date_format(clash.date, "SHORT_DATE_FORMAT"),
                "start": clash.start_time.strftime("%H:%M"),
                "end": clash.end_time.strftime("%H:%M"),
            }
        )


def _require_referred(participation: Participation, support_form: SupportForm) -> None:
    if not Referral.objects.filter(participation=participation, support_form=support_form).exists():
        raise ValidationError(
            _("%(name)s has not been referred to “%(form)s”: refer them from their path first.")
            % {"name": participation.person, "form": support_form}
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
) -> Session:
    """Records a session; an individual consultation is for a referred participant who is free."""
    session = Session(
        support_form=support_form,
        kind=kind,
        date=date,
        start_time=start_time,
        end_time=end_time,
        hours_unit=hours_unit,
        place=place,
        staff_name=staff_name,
        participation=participation if kind == SessionKind.INDIVIDUAL else None,
    )
    session.full_clean()
    if session.participation:
        _require_referred(session.participation, support_form)
        _require_free(session.participation, session)
    _attributed(session, by).save()
    return session


@transaction.atomic
def attendance_set(
    *, session: Session, participation: Participation, present: bool, by
) -> Attendance:
    """Marks a referred participant present at or absent from a session."""
    _require_referred(participation, session.support_form)
    if session.participation_id not in (None, participation.pk):
        raise ValidationError(_("This individual consultation is for another participant."))
    if present:
        _require_free(participation, session)
    attendance = (
        Attendance.objects.select_for_update()
        .filter(session=session, participation=participation)
        .first()
    ) or Attendance(session=session, participation=participation)
    attendance.present = present
    attendance.full_clean()
    _attributed(attendance, by).save()
    return attendance
