"""The checks shared by the session, attendance and referral workflows: a participant referred
and free at a session's time, a session held, a training still open. Each raises ValidationError."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participants.models import Participation

from ..models import Attendance, Referral, Session, SessionKind, SupportForm


def _busy_sessions(participation: Participation, day: date):
    """Sessions of that day at which the participant is: attended or their own consultation."""
    return Session.objects.filter(date=day).filter(
        Q(attendances__participation=participation, attendances__present=True)
        | Q(participation=participation)
    )


def _clash_error(participation: Participation, clash: Session) -> str:
    return _(
        "%(name)s is already at another session at that time: %(form)s, "
        "%(date)s %(start)s–%(end)s."
    ) % {
        "name": participation.person,
        "form": clash.support_form,
        "date": date_format(clash.date, "SHORT_DATE_FORMAT"),
        "start": clash.start_time.strftime("%H:%M"),
        "end": clash.end_time.strftime("%H:%M"),
    }


def _overlapping(session: Session):
    """The other sessions of that day whose times overlap ``session``'s."""
    return Session.objects.filter(
        date=session.date, start_time__lt=session.end_time, end_time__gt=session.start_time
    ).exclude(pk=session.pk)


def _require_free(participation: Participation, session: Session) -> None:
    clash = (
        _busy_sessions(participation, session.date)
        .exclude(pk=session.pk)
        .filter(start_time__lt=session.end_time, end_time__gt=session.start_time)
        .select_related("support_form")
        .first()
    )
    if clash:
        raise ValidationError(_clash_error(participation, clash))


def _require_all_free(participations: list[Participation], session: Session) -> None:
    """``_require_free`` for many people at once, in two queries: each one busy is named."""
    ids = [participation.pk for participation in participations]
    overlapping = _overlapping(session).select_related("support_form")
    clashes = {}
    for attendance in Attendance.objects.filter(
        session__in=overlapping, participation__in=ids, present=True
    ).select_related("session__support_form").order_by("session"):
        clashes.setdefault(attendance.participation_id, attendance.session)
    for own in overlapping.filter(participation__in=ids).order_by("pk"):
        clashes.setdefault(own.participation_id, own)
    if clashes:
        raise ValidationError([
            _clash_error(participation, clashes[participation.pk])
            for participation in participations if participation.pk in clashes
        ])


def _require_referred(participation: Participation, support_form: SupportForm,
                      group=None) -> None:
    referrals = Referral.objects.in_force().filter(
        participation=participation, support_form=support_form
    )
    if not referrals.exists():
        raise ValidationError(
            _("%(name)s has not been referred to “%(form)s”: refer them from their path first.")
            % {"name": participation.person, "form": support_form}
        )
    if group is not None and not referrals.filter(group=group).exists():
        raise ValidationError(
            _("%(name)s is not in %(group)s of “%(form)s”.")
            % {"name": participation.person, "group": group, "form": support_form}
        )



def _require_held(session: Session) -> None:
    if session.date > timezone.localdate():
        raise ValidationError(
            _("The session of %(date)s has not taken place yet: attendance is marked after it.")
            % {"date": date_format(session.date, "SHORT_DATE_FORMAT")}
        )


def _require_attendable(participation: Participation, session: Session) -> None:
    """Attendance is a fact of the past, of someone taking part on that day."""
    _require_held(session)
    if not participation.takes_part_on(session.date):
        raise ValidationError(
            _("%(name)s did not take part in the project on %(date)s (participation: %(period)s).")
            % {
                "name": participation.person,
                "date": date_format(session.date, "SHORT_DATE_FORMAT"),
                "period": participation.period_label,
            }
        )


def _require_open(support_form: SupportForm) -> None:
    """A completed training (its course closed) takes no new or changed sessions."""
    course = getattr(support_form, "course", None)
    if course is not None and course.completed_on:
        raise ValidationError(
            _(
                "The training “%(form)s” was completed on %(date)s: it takes no new sessions "
                "and its sessions cannot be changed."
            )
            % {"form": support_form, "date": date_format(course.completed_on, "SHORT_DATE_FORMAT")}
        )


def _require_participants_free(session: Session) -> None:
    """Everyone at the session (present, or whom the consultation is for) is free at its time."""
    people = {
        participation.pk: participation
        for participation in Participation.objects.filter(
            attendances__session=session, attendances__present=True
        ).select_related("person")
    }
    if session.participation_id:
        people.setdefault(session.participation_id, session.participation)
    for participation in people.values():
        _require_free(participation, session)


def _require_consultation_consistent(session: Session) -> None:
    if session.kind != SessionKind.INDIVIDUAL:
        return
    others = Attendance.objects.present().filter(session=session).exclude(
        participation=session.participation_id
    )
    if others.exists():
        raise ValidationError(
            _(
                "Other participants are marked present at this session: it cannot become "
                "an individual consultation."
            )
        )
