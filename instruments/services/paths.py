"""A new revision of the diagnosis and individual reintegration path (IŚR), which refers the
participant to each support form it plans."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from participants.models import IndividualPath, Participation, PlannedSupport

from ..models import Referral


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
