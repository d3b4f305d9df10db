"""The social contract itself: its kind, outcome and numbered terms, frozen when signed, and the
rules of its period, its participation and its closing."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique
from participants.models import Participation
from projects.models import Project, ProjectScopedQuerySet


class ContractKind(models.TextChoices):
    SOCIAL_CONTRACT = "social_contract", _("social contract")
    MODELLED_AGREEMENT = "modelled_agreement", _("agreement modelled on the social contract")


class Outcome(models.TextChoices):
    IN_FORCE = "in_force", _("in force")
    FULFILLED = "fulfilled", _("fulfilled")
    BROKEN = "broken", _("broken")
    TERMINATED = "terminated", _("terminated")


CLOSING_OUTCOMES = [Outcome.FULFILLED, Outcome.BROKEN, Outcome.TERMINATED]
TERM_DATES = {"signed_on", "valid_from", "valid_to"}


def proposed_kind(participation: Participation) -> ContractKind | None:
    """A client of the centre signs a social contract, anyone else the modelled agreement."""
    if participation.centre_client is None:
        return None
    if participation.centre_client:
        return ContractKind.SOCIAL_CONTRACT
    return ContractKind.MODELLED_AGREEMENT


def _not_in_future(day: date | None) -> bool:
    return day is None or day <= timezone.localdate()


# The day a contract falls due: its next review, or its end when that comes first or no review
# is set (an expression index of contracts 0005 serves it, so the list of those due is read in
# order, a page at a time).
DUE_ON = Least(Coalesce("next_review_on", "valid_to"), F("valid_to"))


class SocialContractQuerySet(ProjectScopedQuerySet):
    project_path = "participation__project"
    participation_path = "participation"

    def in_force(self):
        return self.filter(outcome=Outcome.IN_FORCE)

    def due(self, on_date: date, days: int = 14):
        """Contracts in force whose review or end falls within ``days`` of the date, or passed
        (``due_on``: the earlier of the two)."""
        horizon = on_date + timedelta(days=days)
        return self.in_force().annotate(due_on=DUE_ON).filter(due_on__lte=horizon)



class SocialContract(Versioned):
    participation = models.ForeignKey(
        Participation,
        verbose_name=_("participation"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    # The participation's project, copied when the contract is made: the database can hold the
    # rule "one number once per project" only with the project on the row.
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="social_contracts",
        editable=False,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContractKind.choices)
    sequence = models.PositiveIntegerField(_("sequence number"), editable=False)
    number = models.CharField(_("number"), max_length=80, editable=False)
    signed_on = models.DateField(_("signed on"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("social worker or contract specialist"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessment = models.TextField(
        _("assessment of the situation"),
        help_text=_("The person's situation, the causes of their difficulties, their resources."),
    )
    goals = models.TextField(_("goals"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.IN_FORCE
    )
    final_assessment = models.TextField(
        _("assessment of how the contract was carried out"), blank=True
    )
    final_assessed_on = models.DateField(_("date of the final assessment"), null=True, blank=True)
    next_review_on = models.DateField(
        _("next review on"),
        null=True,
        blank=True,
        help_text=_("When the progress is next to be checked with the participant."),
    )
    # Frozen when signed: what the paper says. An annex changes the terms, never this.
    signed_terms = models.JSONField(_("terms as signed"), default=dict, editable=False)
    history = HistoricalRecords()

    objects = SocialContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("social contract")
        verbose_name_plural = _("social contracts")
        ordering = ["project", "sequence"]
        indexes = [
            models.Index(DUE_ON, F("number"), F("id"), name="contract_due_order",
                         condition=Q(outcome=Outcome.IN_FORCE)),
            models.Index(F("project"), DUE_ON, F("number"), F("id"),
                         name="contract_project_due_order",
                         condition=Q(outcome=Outcome.IN_FORCE)),
        ]
        constraints = [
            Unique(
                fields=["project", "number"], name="contract_number_unique_per_project",
                violation_error_message=_("This contract number is already taken in this project."),
            ),
            Unique(
                fields=["participation"],
                condition=Q(outcome=Outcome.IN_FORCE),
                name="contract_one_in_force_per_participation",
                violation_error_message=_(
                    "This participant already has a contract in force: amend or close it first."
                ),
            ),
            Check(
                condition=Q(sequence__gte=1), name="contract_sequence_positive",
                violation_error_message=_("Contracts are numbered from 1."),
            ),
            Check(
                condition=Q(valid_from__gte=F("signed_on")) & Q(valid_to__gte=F("valid_from")),
                name="contract_dates_ordered",
                violation_error_message=_(
                    "A contract takes effect when or after it is signed and ends after it starts."
                ),
                field="valid_from",
            ),
            Check(
                condition=Q(next_review_on__isnull=True)
                | Q(next_review_on__gte=F("valid_from"), next_review_on__lte=F("valid_to")),
                name="contract_review_within_period",
                field="next_review_on",
                violation_error_message=_(
                    "The next review must fall within the contract's period."
                ),
            ),
            Check(
                condition=Q(outcome=Outcome.IN_FORCE, final_assessed_on__isnull=True)
                | (~Q(outcome=Outcome.IN_FORCE) & Q(final_assessed_on__gte=F("signed_on"))),
                name="contract_closed_with_assessment_date",
                field="final_assessed_on",
                violation_error_message=_(
                    "A closed contract needs the date of its final assessment, not earlier than "
                    "its signing."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def get_absolute_url(self):
        return reverse("contracts:contract_detail", args=[self.pk])

    @property
    def scope_project(self):
        return self.project

    @property
    def in_force(self) -> bool:
        return self.outcome == Outcome.IN_FORCE

    @property
    def worker_title(self) -> str:
        if self.kind == ContractKind.MODELLED_AGREEMENT:
            return _("contract specialist")
        return _("social worker")

    def terms(self) -> dict:
        """The terms of the contract as text, as they are now (and as frozen when signed)."""
        return {
            "signed_on": self.signed_on.isoformat(), "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat(), "assessment": self.assessment,
            "goals": self.goals,
        }

    @property
    def signed(self) -> dict:
        """The terms as signed, with dates as dates (for the print of the signed contract)."""
        terms = self.signed_terms or self.terms()
        return {name: date.fromisoformat(value) if name in TERM_DATES else value
                for name, value in terms.items()}

    def clean(self):
        errors = self._period_errors()
        participation = getattr(self, "participation", None)
        if participation is not None:
            errors = self._participation_errors(participation) | errors
        if not self.in_force:
            errors = self._closing_errors() | errors
        if errors:
            raise ValidationError(errors)

    def _period_errors(self) -> dict:
        errors = {}
        if self.signed_on and self.valid_from and self.valid_from < self.signed_on:
            errors["valid_from"] = _("A contract cannot take effect before it is signed.")
        if not (self.valid_from and self.valid_to):
            return errors
        if self.valid_to < self.valid_from:
            errors["valid_to"] = _("A contract cannot end before it starts.")
            return errors
        if self.next_review_on and not self.valid_from <= self.next_review_on <= self.valid_to:
            errors["next_review_on"] = _("The next review must fall within the contract period.")
        period = (self.valid_from, self.valid_to)
        if self.pk and self.actions.exclude(deadline__range=period).exists():
            errors["valid_to"] = _(
                "Some actions of this contract have deadlines outside this period."
            )
        return errors

    def _participation_errors(self, participation) -> dict:
        errors = {}
        project = participation.project
        for name in ("signed_on", "valid_from", "valid_to"):
            if not project.contains_period(getattr(self, name), None):
                errors[name] = project.period_error()
        if self.kind == ContractKind.SOCIAL_CONTRACT and participation.centre_client is False:
            errors["kind"] = _(
                "A social contract is signed with clients of the centre; with anyone else, "
                "sign an agreement modelled on the social contract."
            )
        if self.project_id and self.project_id != participation.project_id:
            errors["participation"] = _("The participation belongs to another project.")
        return errors

    def _closing_errors(self) -> dict:
        errors = {}
        if not self.final_assessment.strip():
            errors["final_assessment"] = _("Describe how the contract was carried out.")
        day = self.final_assessed_on
        if day is None:
            errors["final_assessed_on"] = _("Enter the date of the final assessment.")
        elif self.signed_on and day < self.signed_on:
            errors["final_assessed_on"] = _(
                "The final assessment cannot come before the contract was signed."
            )
        elif not _not_in_future(day):
            errors["final_assessed_on"] = _("The date cannot be in the future.")
        elif self.project_id and not self.project.contains_period(day, None):
            errors["final_assessed_on"] = self.project.period_error()
        return errors
