"""Results of a participation (employment, documented social progress) and the programme rules
that turn them into effectiveness indicators."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.constraints import Check, Unique
from projects.models import (
    FundingProgramme,
    Organisation,
    ParticipationScopedQuerySet,
)


class ContractType(models.TextChoices):
    EMPLOYMENT_CONTRACT = "employment_contract", _("employment contract")
    CIVIL_LAW = "civil_law", _("civil-law contract")
    OWN_BUSINESS = "own_business", _("own business")


class Employment(models.Model):
    """Work a participant took up: the fact behind employment effectiveness."""

    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.PROTECT,
        related_name="employments",
    )
    contract_type = models.CharField(_("form of employment"), max_length=30,
                                     choices=ContractType.choices)
    employer = models.ForeignKey(
        Organisation, verbose_name=_("employer"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="employments",
    )
    employer_name = models.CharField(_("employer (if not on record)"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True,
                                help_text=_("Leave empty for an open-ended contract."))
    evidence = models.CharField(
        _("evidence"), max_length=300, blank=True,
        help_text=_("e.g. copy of the contract, CEIDG entry, employer's statement"),
    )
    history = HistoricalRecords()

    objects = ParticipationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employment")
        ordering = ["-start_date", "-pk"]
        constraints = [
            Check(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="employment_period_ordered",
                violation_error_message=_("Employment cannot end before it starts."),
                field="end_date",
            ),
        ]

    def __str__(self):
        return f"{self.participation} · {self.get_contract_type_display()}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Employment cannot end before it starts.")})
        if self.contract_type != ContractType.OWN_BUSINESS and not (
            self.employer_id or self.employer_name
        ):
            raise ValidationError({"employer_name": _("Name the employer.")})

    @property
    def scope_project(self):
        return self.participation.project

    @property
    def employer_label(self) -> str:
        return str(self.employer) if self.employer_id else self.employer_name


class SocialProgress(models.Model):
    """Documented progress in a participant's social situation: the fact behind social
    effectiveness."""

    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.PROTECT,
        related_name="social_progress",
    )
    description = models.CharField(_("what improved"), max_length=300)
    evidence = models.CharField(
        _("evidence"), max_length=300,
        help_text=_("e.g. social worker's assessment, therapist's certificate, contract review"),
    )
    date = models.DateField(_("date documented"))
    history = HistoricalRecords()

    objects = ParticipationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("social progress")
        verbose_name_plural = _("social progress")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.participation} · {self.description}"

    @property
    def scope_project(self):
        return self.participation.project


class EffectivenessKind(models.TextChoices):
    SOCIAL = "social", _("social effectiveness")
    EMPLOYMENT = "employment", _("employment effectiveness")


class EffectivenessRule(models.Model):
    """A programme's rule: the share of those who finished that must show the result in time."""

    programme = models.ForeignKey(
        FundingProgramme, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="effectiveness_rules",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EffectivenessKind.choices)
    threshold_percent = models.DecimalField(
        _("threshold (%)"), max_digits=5, decimal_places=2, validators=[MaxValueValidator(100)]
    )
    threshold_percent_severe_disability = models.DecimalField(
        _("threshold for people with a severe disability (%)"), max_digits=5, decimal_places=2,
        null=True, blank=True, validators=[MaxValueValidator(100)],
    )
    window_months = models.PositiveSmallIntegerField(
        _("months after finishing"), default=3,
        help_text=_("The result counts when it comes within this many months of finishing."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("effectiveness rule")
        verbose_name_plural = _("effectiveness rules")
        ordering = ["programme", "kind"]
        constraints = [
            Unique(
                fields=["programme", "kind"], name="effectiveness_rule_once",
                field="kind",
                violation_error_message=_("This programme already has a rule of this kind."),
            ),
            Check(
                condition=Q(threshold_percent__gte=0) & Q(threshold_percent__lte=100),
                name="effectiveness_threshold_is_a_percentage",
                field="threshold_percent",
                violation_error_message=_("The threshold is a percentage from 0 to 100."),
            ),
        ]

    def __str__(self):
        return f"{self.programme} · {self.get_kind_display()}"
