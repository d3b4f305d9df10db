"""Workflows of sessions and attendance: each atomic, validated and attributed to a person."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from aktywizacja.concurrency import claim_version
from aktywizacja.history import attributed
from participants.models import IndividualPath, Participation, PlannedSupport

from .models import (
    REFERRAL_IN_FORCE,
    Attendance,
    Referral,
    ReferralStatus,
    Session,
    SessionKind,
    SessionSeries,
    SupportForm,
)


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
    referrals = Referral.objects.in_force()
    if not referrals.filter(participation=participation, support_form=support_form).exists():
        raise ValidationError(
            _("%(name)s has not been referred to “%(form)s”: refer them from their path first.")
            % {"name": participation.person, "form": support_form}
        )


def referred_participations(support_form_id: int):
    """The participations referred to a support form and not withdrawn from it."""
    return Participation.objects.filter(
        referrals__support_form=support_form_id, referrals__status__in=REFERRAL_IN_FORCE
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
    )
    session.full_clean()
    _require_open(support_form)
    if session.participation:
        _require_referred(session.participation, support_form)
        _require_free(session.participation, session)
    attributed(session, by).save()
    return session


SESSION_FIELDS = (
    "kind", "date", "start_time", "end_time", "hours_unit", "place", "staff_name",
    "participation",
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
    for attendance in Attendance.objects.filter(session=session):
        attributed(attendance, by).delete()
    attributed(session, by).delete()


@transaction.atomic
def attendance_set(
    *, session: Session, participation: Participation, present: bool, by
) -> Attendance:
    """Marks a referred participant present at or absent from a session.

    One cell is one fact, written at once: the last click wins by design, with no version check
    (the session's version guards its own fields, not who attended it).
    """
    _require_referred(participation, session.support_form)
    if session.participation_id not in (None, participation.pk):
        raise ValidationError(_("This individual consultation is for another participant."))
    _require_attendable(participation, session)
    if present:
        _require_free(participation, session)
    attendance = (
        Attendance.objects.select_for_update()
        .filter(session=session, participation=participation)
        .first()
    ) or Attendance(session=session, participation=participation)
    attendance.present = present
    attendance.full_clean()
    attributed(attendance, by).save()
    return attendance


@transaction.atomic
def referral_withdraw(*, referral: Referral, on: date, reason: str, by) -> Referral:
    """Withdraws a referral the path no longer plans: dated, with its reason, kept in the record.

    Attendance already marked stays (it happened); none can be marked after the withdrawal.
    """
    referral = Referral.objects.select_for_update().select_related(
        "participation__project", "participation__person", "support_form"
    ).get(pk=referral.pk)
    if referral.status in (ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN):
        raise ValidationError(
            _("A referral that is “%(status)s” cannot be withdrawn.")
            % {"status": referral.get_status_display()}
        )
    if not reason.strip():
        raise ValidationError({"withdrawal_reason": _("Give the reason for the withdrawal.")})
    problem = referral.participation.support_date_problem(on)
    if problem is None and on < referral.referred_on:
        problem = _("The referral is dated %(date)s: it cannot be withdrawn earlier.") % {
            "date": date_format(referral.referred_on, "SHORT_DATE_FORMAT")
        }
    if problem is None:
        later = Attendance.objects.present().filter(
            participation=referral.participation_id, session__support_form=referral.support_form_id,
            session__date__gt=on,
        ).order_by("-session__date").first()
        if later:
            problem = _(
                "The person was present at a session of this support form on %(date)s: the "
                "withdrawal cannot be dated earlier."
            ) % {"date": date_format(later.session.date, "SHORT_DATE_FORMAT")}
    if problem:
        raise ValidationError({"withdrawn_on": problem})
    referral.status = ReferralStatus.WITHDRAWN
    referral.withdrawn_on = on
    referral.withdrawal_reason = reason.strip()
    referral.full_clean()
    attributed(referral, by).save()
    return referral


@transaction.atomic
def attendance_all_present(*, session: Session, by) -> list[Participation]:
    """Marks everyone who can attend the group session present, all or nothing.

    Each mark goes through ``attendance_set`` (referred, taking part that day, the session held,
    nobody at two places at once); the office then unmarks who was absent.
    """
    if session.kind != SessionKind.GROUP:
        raise ValidationError(_("Only a group session has attendance for everyone at once."))
    _require_held(session)
    marked = []
    for participation in (
        referred_participations(session.support_form_id)
        .select_related("person").order_by("person__last_name", "person__first_name", "pk")
    ):
        if participation.takes_part_on(session.date):
            attendance_set(session=session, participation=participation, present=True, by=by)
            marked.append(participation)
    return marked


def path_draw_up(
    *,
    participation: Participation,
    path: IndividualPath,
    planned: list[PlannedSupport],
    by,
) -> IndividualPath:
    """Records a new revision of the diagnosis and IŚR; earlier revisions stay untouched.

    Here rather than in participants: the IŚR plans support forms, and planning one refers the
    participant to it (a referral is this app's record).

    The path is dated as drawn up (``path.drawn_up_on``, typed in from paper if need be); support
    forms it plans become referrals of the participant of that date (once each).
    """
    with transaction.atomic():
        latest = (
            IndividualPath.objects.select_for_update()
            .filter(participation=participation)
            .order_by("-revision")
            .first()
        )
        path.participation = participation
        path.revision = (latest.revision + 1) if latest else 1
        path.drawn_up_by = by
        if latest and path.drawn_up_on and path.drawn_up_on < latest.drawn_up_on:
            raise ValidationError({"drawn_up_on": _(
                "The previous revision is dated %(date)s: a revision cannot be earlier."
            ) % {"date": date_format(latest.drawn_up_on, "SHORT_DATE_FORMAT")}})
        path.full_clean()
        path.save()
        for item in planned:
            item.path = path
            item.full_clean()
        PlannedSupport.objects.bulk_create(planned)
        referred = set(participation.referrals.values_list("support_form_id", flat=True))
        bulk_create_with_history(
            [
                Referral(participation=participation, support_form=item.support_form,
                         referred_on=path.drawn_up_on)
                for item in planned
                if item.support_form_id not in referred
            ],
            Referral,
            default_user=by,
        )
    return path


def referrals_create(*, support_form: SupportForm, participations: list[Participation], on: date,
                     by) -> list[Referral]:
    """Refers many participants to one support form at once, dated ``on``: all or nothing.

    Each person's problem is named in the error (the date outside their participation, already
    referred, a referral withdrawn earlier); the history records each referral as if made one by
    one. A constant number of queries, whatever the number of people.
    """
    _require_open(support_form)
    existing = {
        referral.participation_id: referral
        for referral in Referral.objects.filter(
            support_form=support_form, participation__in=participations
        )
    }
    problems = []
    for participation in participations:
        name = str(participation.person)
        if participation.project_id != support_form.project_id:
            problems.append(_("%(name)s takes part in another project.") % {"name": name})
            continue
        referral = existing.get(participation.pk)
        if referral is not None and referral.status == ReferralStatus.WITHDRAWN:
            problems.append(_(
                "%(name)s: the referral was withdrawn on %(date)s; refer again through the "
                "individual path."
            ) % {"name": name, "date": date_format(referral.withdrawn_on, "SHORT_DATE_FORMAT")})
        elif referral is not None:
            problems.append(_("%(name)s is already referred to this support form.") % {
                "name": name
            })
        elif problem := participation.support_date_problem(on):
            problems.append(f"{name}: {problem}")
    if problems:
        raise ValidationError(problems)
    created = [
        attributed(Referral(participation=participation, support_form=support_form,
                             referred_on=on), by)
        for participation in participations
    ]
    with transaction.atomic():
        return bulk_create_with_history(created, Referral, default_user=by)
