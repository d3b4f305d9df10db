"""Referrals of participants to support forms: who is referred to one, many referred at once,
and a referral withdrawn with its date and reason."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from aktywizacja.history import attributed
from participants.models import Participation

from ..models import (
    REFERRAL_IN_FORCE,
    Attendance,
    Referral,
    ReferralStatus,
    SupportForm,
    SupportGroup,
)
from ._rules import _require_open


def referred_participations(support_form_id: int, group_id: int | None = None):
    """The participations referred to a support form and not withdrawn from it (to one of its
    groups, when ``group_id`` is given)."""
    in_group = {"referrals__group": group_id} if group_id else {}
    return Participation.objects.filter(
        referrals__support_form=support_form_id, referrals__status__in=REFERRAL_IN_FORCE,
        **in_group,
    )


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


def referrals_create(*, support_form: SupportForm, participations: list[Participation], on: date,
                     by, group: SupportGroup | None = None) -> list[Referral]:
    """Refers many participants to one support form at once, dated ``on``: all or nothing.

    Each person's problem is named in the error (the date outside their participation, already
    referred, a referral withdrawn earlier); the history records each referral as if made one by
    one. A constant number of queries, whatever the number of people. ``group``: the group of
    the support form they join, of their edition when it is an edition's group.
    """
    _require_open(support_form)
    if group is not None and group.support_form_id != support_form.pk:
        raise ValidationError(_("The group belongs to another support form."))
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
        elif group is not None and group.edition_id and participation.edition_id not in (
            None, group.edition_id
        ):
            problems.append(_("%(name)s takes part in another edition than %(group)s.") % {
                "name": name, "group": group
            })
    if problems:
        raise ValidationError(problems)
    created = [
        attributed(Referral(participation=participation, support_form=support_form,
                             group=group, referred_on=on), by)
        for participation in participations
    ]
    with transaction.atomic():
        return bulk_create_with_history(created, Referral, default_user=by)
