"""The recruitment path: the statuses of a participation, the steps allowed between them, and
the log of each step taken."""


from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .people import Sex


class ParticipationStatus(models.TextChoices):
    """The labels are neutral ("udział zakończony"): they name the state of a participation
    where no one person is meant (filters, counts). A person's status is written by their sex
    (``status_label``): "ukończyła udział", "ukończył udział"."""

    CANDIDATE = "candidate", pgettext_lazy("participation status", "candidate")
    QUALIFIED = "qualified", pgettext_lazy("participation status", "qualified")
    RESERVE = "reserve", pgettext_lazy("participation status", "reserve list")
    REJECTED = "rejected", pgettext_lazy("participation status", "rejected")
    PARTICIPANT = "participant", pgettext_lazy("participation status", "participant")
    COMPLETED = "completed", pgettext_lazy("participation status", "completed")
    RESIGNED = "resigned", pgettext_lazy("participation status", "resigned")
    REMOVED = "removed", pgettext_lazy("participation status", "removed")


_BY_SEX = {
    Sex.FEMALE: {
        ParticipationStatus.CANDIDATE: pgettext_lazy("female", "candidate"),
        ParticipationStatus.QUALIFIED: pgettext_lazy("female", "qualified"),
        ParticipationStatus.RESERVE: pgettext_lazy("female", "on the reserve list"),
        ParticipationStatus.REJECTED: pgettext_lazy("female", "rejected"),
        ParticipationStatus.PARTICIPANT: pgettext_lazy("female", "participant"),
        ParticipationStatus.COMPLETED: pgettext_lazy("female", "completed"),
        ParticipationStatus.RESIGNED: pgettext_lazy("female", "resigned"),
        ParticipationStatus.REMOVED: pgettext_lazy("female", "removed"),
    },
    Sex.MALE: {
        ParticipationStatus.CANDIDATE: pgettext_lazy("male", "candidate"),
        ParticipationStatus.QUALIFIED: pgettext_lazy("male", "qualified"),
        ParticipationStatus.RESERVE: pgettext_lazy("male", "on the reserve list"),
        ParticipationStatus.REJECTED: pgettext_lazy("male", "rejected"),
        ParticipationStatus.PARTICIPANT: pgettext_lazy("male", "participant"),
        ParticipationStatus.COMPLETED: pgettext_lazy("male", "completed"),
        ParticipationStatus.RESIGNED: pgettext_lazy("male", "resigned"),
        ParticipationStatus.REMOVED: pgettext_lazy("male", "removed"),
    },
}


def status_label(status: str, sex: str | None) -> str:
    """A person's status in words that agree with their sex; neutral when it is not known."""
    if not status:
        return ""
    return str(_BY_SEX.get(sex, {}).get(status) or ParticipationStatus(status).label)


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

    def labels_for(self, sex: str | None) -> tuple[str, str]:
        """From and to, written for a person of this sex."""
        return status_label(self.from_status, sex), status_label(self.to_status, sex)
