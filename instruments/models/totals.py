"""The hours recorded in the attendance, summed and kept beside it so the reports need not sum
every mark on every request.

Nothing here is typed: the rows are written only by ``instruments.hours.refresh_hours``, which
every service changing attendance, sessions or participations calls in its transaction, and
``manage.py check_figures`` recomputes them from the marks and reports any difference.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aktywizacja.constraints import Unique

from .sessions import Session
from .support import SupportForm


class HoursTotal(models.Model):
    """One participation's counted attendance at one support form's sessions."""

    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.CASCADE,
        related_name="hours_totals",
    )
    support_form = models.ForeignKey(
        SupportForm, verbose_name=_("support form"), on_delete=models.CASCADE,
        related_name="hours_totals",
    )
    minutes = models.PositiveIntegerField(_("minutes attended"))
    sessions = models.PositiveIntegerField(_("sessions attended"))
    first_day = models.DateField(_("first session attended"))
    # The first inside the participation's dates: the day support started, for the summary.
    first_day_inside = models.DateField(_("first session attended while taking part"),
                                        null=True, blank=True)
    recomputed_at = models.DateTimeField(_("recomputed at"), auto_now=True)

    class Meta:
        verbose_name = _("hours total")
        verbose_name_plural = _("hours totals")
        default_permissions = ()  # written by refresh_hours only: nobody views or edits a row
        constraints = [
            Unique(
                fields=["participation", "support_form"], name="hours_total_once",
                violation_error_message=_("The hours of this participant at this support form "
                                          "are already summed."),
            ),
        ]

    def __str__(self):
        return f"{self.participation_id} · {self.support_form_id}: {self.minutes} min"


class HeldSession(models.Model):
    """How many people of one edition (or of none) were counted present at one session: a
    session with a row was held, and its people's hours are its duration times ``present``."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="held",
    )
    edition = models.ForeignKey(
        "projects.Edition", verbose_name=_("edition"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="+",
    )
    present = models.PositiveIntegerField(_("present"))
    recomputed_at = models.DateTimeField(_("recomputed at"), auto_now=True)

    class Meta:
        verbose_name = _("held session")
        verbose_name_plural = _("held sessions")
        default_permissions = ()
        constraints = [
            Unique(
                fields=["session", "edition"], name="held_session_once_per_edition",
                violation_error_message=_("This session is already counted for this edition."),
            ),
            Unique(
                fields=["session"], condition=Q(edition__isnull=True),
                name="held_session_once_without_edition",
                violation_error_message=_("This session is already counted for this edition."),
            ),
        ]

    def __str__(self):
        return f"{self.session_id} · {self.edition_id}: {self.present}"
