"""Results of a participation (employment, documented social progress) and the programme rules
that turn them into effectiveness indicators."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from aktywizacja.constraints import Check, Unique
from aktywizacja.dates import months_end
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
    working_time = models.DecimalField(
        _("working time (share of full time)"), max_digits=3, decimal_places=2, null=True,
        blank=True, help_text=_("For an employment contract: 1 is full time, 0.5 half time."),
    )
    contract_value = models.DecimalField(
        _("value of the contract (PLN gross)"), max_digits=10, decimal_places=2, null=True,
        blank=True, help_text=_("For a civil-law contract: its whole value."),
    )
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
            Check(
                condition=Q(working_time__isnull=True)
                | Q(working_time__gt=0, working_time__lte=1),
                name="employment_working_time_a_share", field="working_time",
                violation_error_message=_(
                    "Working time is a share of full time: more than 0, at most 1."
                ),
            ),
            Check(
                condition=Q(contract_value__isnull=True) | Q(contract_value__gte=0),
                name="employment_value_not_negative", field="contract_value",
                violation_error_message=_("The value cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.participation} · {self.get_contract_type_display()}"

    def clean(self):
        if self.start_date and self.start_date > timezone.localdate():
            raise ValidationError({"start_date": _(
                "Employment is recorded once taken up: the date cannot be in the future."
            )})
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


class MinimumWage(models.Model):
    """The national minimum monthly wage from a date on (a code list: each year adds a row)."""

    valid_from = models.DateField(_("valid from"), unique=True)
    amount = models.DecimalField(_("minimum monthly wage (PLN)"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("minimum wage")
        verbose_name_plural = _("minimum wages")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.valid_from:%d.%m.%Y}: {self.amount} zł"


def minimum_wage_on(day, wages: list[MinimumWage]) -> MinimumWage | None:
    """The wage in force on ``day``, from ``wages`` ordered newest first."""
    return next((wage for wage in wages if wage.valid_from <= day), None)


class EmploymentRule(models.Model):
    """A programme's rule of which employment counts for employment effectiveness (as data).

    A programme with no rules counts every employment; with rules, only a form of employment
    that has a rule and meets it. The 2014–2020 active-integration rules: an employment contract
    of at least 3 months and at least half time, a civil-law contract of at least 3 months worth
    at least three minimum monthly wages, or starting a business.
    """

    programme = models.ForeignKey(
        FundingProgramme, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="employment_rules",
    )
    contract_type = models.CharField(_("form of employment"), max_length=30,
                                     choices=ContractType.choices)
    min_months = models.PositiveSmallIntegerField(_("minimum length (months)"), default=0)
    min_working_time = models.DecimalField(
        _("minimum working time (share of full time)"), max_digits=3, decimal_places=2,
        null=True, blank=True,
    )
    min_value_in_minimum_wages = models.DecimalField(
        _("minimum value (minimum monthly wages)"), max_digits=5, decimal_places=2, null=True,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("employment rule")
        verbose_name_plural = _("employment rules")
        ordering = ["programme", "contract_type"]
        constraints = [
            Unique(
                fields=["programme", "contract_type"], name="employment_rule_once",
                field="contract_type",
                violation_error_message=_("This programme already has a rule for this form."),
            ),
        ]

    def __str__(self):
        return f"{self.programme} · {self.get_contract_type_display()}"

    def problems(self, employment, wages: list[MinimumWage]) -> list[str]:
        """Why ``employment`` falls short of this rule (empty: it counts)."""
        found = []
        if self.min_months and employment.end_date is not None and employment.end_date < (
            months_end(employment.start_date, self.min_months)
        ):
            found.append(ngettext(
                "shorter than %(months)s month", "shorter than %(months)s months",
                self.min_months,
            ) % {"months": self.min_months})
        if self.min_working_time is not None and (
            employment.working_time is None or employment.working_time < self.min_working_time
        ):
            found.append(_("working time below %(share)s of full time") % {
                "share": number_format(self.min_working_time, 2)
            })
        if self.min_value_in_minimum_wages is not None:
            wage = minimum_wage_on(employment.start_date, wages)
            required = wage.amount * self.min_value_in_minimum_wages if wage else None
            if employment.contract_value is None or (
                required is not None and employment.contract_value < required
            ):
                count = self.min_value_in_minimum_wages
                found.append(ngettext(
                    "worth less than %(count)s minimum wage (%(amount)s PLN)",
                    "worth less than %(count)s minimum wages (%(amount)s PLN)", int(count),
                ) % {
                    "count": number_format(count.normalize(), 0),
                    "amount": number_format(required, 2, force_grouping=True)
                    if required is not None else "?",
                })
        return found


def employment_problems(employment, rules: dict[str, EmploymentRule] | None,
                        wages: list[MinimumWage]) -> list[str]:
    """Why the employment does not count under the programme's rules (empty: it counts).

    ``rules``: the programme's rules by form of employment; empty when it has none (all count).
    """
    if not rules:
        return []
    rule = rules.get(employment.contract_type)
    if rule is None:
        return [_("this form of employment does not count in the programme")]
    return rule.problems(employment, wages)
