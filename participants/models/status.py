"""The recruitment path: the statuses of a participation, the steps allowed between them, and
the log of each step taken."""


from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationStatus(models.TextChoices):
    CANDIDATE = "candidate", _("candidate")
    QUALIFIED = "qualified", _("qualified")
    RESERVE = "reserve", _("reserve list")
    REJECTED = "rejected", _("rejected")
    PARTICIPANT = "participant", _("participant")
    COMPLETED = "completed", _("completed")
    RESIGNED = "resigned", _("resigned")
    REMOVED = "removed", _("removed")


# Statuses of people who are (or were) actually supported, as the indicators count them.
TAKING_PART = [ParticipationStatus.PARTICIPANT, ParticipationStatus.COMPLETED,
               ParticipationStatus.RESIGNED, ParticipationStatus.REMOVED]

# The recruitment path: which status may follow which.
TRANSITIONS = {
    ParticipationStatus.CANDIDATE: [
        ParticipationStatus.QUALIFIED, ParticipationStatus.RESERVE, ParticipationStatus.REJECTED,
    ],
    ParticipationStatus.RESERVE: [ParticipationStatus.QUALIFIED, ParticipationStatus.REJECTED],
    ParticipationStatus.QUALIFIED: [
        ParticipationStatus.PARTICIPANT, ParticipationStatus.RESERVE,
        ParticipationStatus.RESIGNED,
    ],
    ParticipationStatus.PARTICIPANT: [
        ParticipationStatus.COMPLETED, ParticipationStatus.RESIGNED, ParticipationStatus.REMOVED,
    ],
    ParticipationStatus.REJECTED: [],
    ParticipationStatus.COMPLETED: [],
    ParticipationStatus.RESIGNED: [],
    ParticipationStatus.REMOVED: [],
}
ENDING = {ParticipationStatus.COMPLETED, ParticipationStatus.RESIGNED, ParticipationStatus.REMOVED}


# Data at entry: the person as they were on the start date, reported to the monitoring system.
# Frozen once the participation started: a later change is a correction, with its reason.


class StatusChange(models.Model):
    """One step of the recruitment path: from which status to which, when, who and why."""

    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participation"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=ParticipationStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ParticipationStatus.choices)
    date = models.DateField(_("date"))
    reason = models.TextField(_("reason"), blank=True)
    unmet_criteria = models.TextField(
        _("criteria not met"), blank=True,
        help_text=_("Qualified despite these eligibility problems, for the reason given."),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["participation", "changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
