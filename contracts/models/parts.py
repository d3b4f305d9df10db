"""What belongs to one contract: the actions each party undertakes, the monitoring notes of its
reviews and the amendments of its terms."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from projects.models import ProjectScopedQuerySet

from .contract import SocialContract, _not_in_future


class ContractPartQuerySet(ProjectScopedQuerySet):
    project_path = "contract__participation__project"
    participation_path = "contract__participation"


class ContractPart(models.Model):
    """What belongs to one contract: visible to whoever sees the contract."""

    class Meta:
        abstract = True

    @property
    def scope_project(self):
        return self.contract.project


class Party(models.TextChoices):
    PARTICIPANT = "participant", _("participant")
    WORKER = "worker", _("staff member")


class ContractAction(ContractPart):
    """An action one party undertakes, with its deadline."""

    contract = models.ForeignKey(
        SocialContract,
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    description = models.TextField(pgettext_lazy("contract", "action"))
    deadline = models.DateField(_("deadline"))
    responsible = models.CharField(
        _("responsible"),
        max_length=200,
        blank=True,
        help_text=_("Who carries it out, e.g. the participant, the career counsellor."),
    )
    done = models.BooleanField(_("done"), default=False)
    history = HistoricalRecords()

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract action")
        verbose_name_plural = _("contract actions")
        ordering = ["contract", "party", "deadline", "pk"]

    def __str__(self):
        return self.description

    def clean(self):
        contract = getattr(self, "contract", None)
        if (
            contract
            and self.deadline
            and not (contract.valid_from <= self.deadline <= contract.valid_to)
        ):
            raise ValidationError(
                {"deadline": _("The deadline must fall within the contract period.")}
            )


class Progress(models.TextChoices):
    NONE = "none", _("no progress")
    PARTIAL = "partial", _("partial progress")
    AS_PLANNED = "as_planned", _("as planned")


class MonitoringEntry(ContractPart):
    """A note of a review of the contract with the participant: what has been achieved."""

    contract = models.ForeignKey(
        SocialContract,
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="monitoring",
    )
    date = models.DateField(_("date"))
    note = models.TextField(_("note"))
    progress = models.CharField(_("progress"), max_length=20, choices=Progress.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("monitoring entry", "recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("monitoring entry")
        verbose_name_plural = _("monitoring entries")
        ordering = ["contract", "date", "pk"]

    def __str__(self):
        return f"{self.date}: {self.get_progress_display()}"

    def clean(self):
        contract = getattr(self, "contract", None)
        if not (contract and self.date):
            return
        if not contract.valid_from <= self.date <= contract.valid_to:
            raise ValidationError({"date": _("The date must fall within the contract period.")})
        if not _not_in_future(self.date):
            raise ValidationError({"date": _("The date cannot be in the future.")})


class Amendment(ContractPart):
    """A change of the contract's terms; the terms as they were stay in the contract's history."""

    contract = models.ForeignKey(
        SocialContract,
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    date = models.DateField(_("date"))
    description = models.TextField(_("what changes"))
    number = models.CharField(_("annex number"), max_length=80, blank=True, editable=False)
    # The terms it changed, as text: {term: [before, after]}.
    changes = models.JSONField(_("changes"), default=dict, editable=False)
    history = HistoricalRecords()

    objects = ContractPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["contract", "date", "pk"]

    def __str__(self):
        return f"{self.date}: {self.description[:60]}"

    def clean(self):
        contract = getattr(self, "contract", None)
        if not (contract and self.date):
            return
        if not contract.signed_on <= self.date <= contract.valid_to:
            raise ValidationError(
                {"date": _("An amendment is made between the signing and the end of the contract.")}
            )
        if not _not_in_future(self.date):
            raise ValidationError({"date": _("The date cannot be in the future.")})
