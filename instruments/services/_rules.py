"""The checks shared by the session, attendance and referral workflows: a participant referred
and free at a session's time, a session held, a training still open. Each raises ValidationError."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participants.models import Participation

from ..models import Attendance, Referral, Session, SessionKind, SupportForm


def _busy(participation_ids, days) -> dict[tuple[int, date], list[Session]]:
    """The sessions at which each person is on each of ``days`` (marked present, or their own
    consultation), by (participation, day), in the timetable's order: two queries whatever the
    number of people and days, read once for every check of a batch."""
    found: dict[tuple[int, date], dict[int, Session]] = {}
    for attendance in Attendance.objects.filter(
        present=True, participation__in=participation_ids, session__date__in=days
    ).select_related("session__support_form"):
        session = attendance.session
        found.setdefault((attendance.participation_id, session.date), {})[session.pk] = session
    for own in Session.objects.filter(
        participation__in=participation_ids, date__in=days
    ).select_related("support_form"):
        found.setdefault((own.participation_id, own.date), {})[own.pk] = own
    return {
        key: sorted(sessions.values(), key=lambda session: (session.start_time, session.pk))
        for key, sessions in found.items()
    }


def _first_clash(session: Session, busy) -> Session | None:
    """The first of ``busy`` (the person's sessions that day; unsaved ones, recorded in the same
    batch, last) whose time overlaps ``session``'s, the session itself aside."""
    clashing = [
        other for other in busy
        if other is not session and (other.pk is None or other.pk != session.pk)
        and session.overlaps(other)
    ]
    return min(clashing, key=lambda other: (other.start_time, other.pk is None, other.pk or 0),
               default=None)


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


def _require_free(participation: Participation, session: Session, busy=None) -> None:
    """Nobody at two places at once: the person is at no other session overlapping this one.

    ``busy``: the person's sessions that day when already read for a batch (``_busy``), else
    read here."""
    if busy is None:
        busy = _busy([participation.pk], [session.date]).get((participation.pk, session.date), [])
    clash = _first_clash(session, busy)
    if clash:
        raise ValidationError(_clash_error(participation, clash))


def _require_all_free(participations: list[Participation], session: Session) -> None:
    """``_require_free`` for many people at once, in two queries: each one busy is named."""
    busy = _busy([participation.pk for participation in participations], [session.date])
    problems = []
    for participation in participations:
        try:
            _require_free(participation, session, busy.get((participation.pk, session.date), []))
        except ValidationError as error:
            problems += error.messages
    if problems:
        raise ValidationError(problems)


def _referred_ids(participation_ids, support_form: SupportForm) -> set[int]:
    """Which of the people are referred to the support form, the referral not withdrawn."""
    return set(
        Referral.objects.in_force()
        .filter(participation__in=participation_ids, support_form=support_form)
        .values_list("participation_id", flat=True)
    )


def _require_referred(participation: Participation, support_form: SupportForm,
                      group=None, referred: set[int] | None = None) -> None:
    """Referred to the support form (to ``group`` of it, when given). ``referred``: the ids
    referred when already read for a batch (``_referred_ids``), else read here."""
    if referred is None:
        referred = _referred_ids([participation.pk], support_form)
    if participation.pk not in referred:
        raise ValidationError(
            _("%(name)s has not been referred to “%(form)s”: refer them from their path first.")
            % {"name": participation.person, "form": support_form}
        )
    if group is not None and not Referral.objects.in_force().filter(
        participation=participation, support_form=support_form, group=group
    ).exists():
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
    busy = _busy(list(people), [session.date])
    for participation in people.values():
        _require_free(participation, session, busy.get((participation.pk, session.date), []))


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
