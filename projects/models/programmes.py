"""Code lists of the funding periods: programmes and the indicators they define."""


from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from aktywizacja.constraints import Check


class ProgrammeFamily(models.TextChoices):
    """Programmes that share their rules: the regional programmes of one period set the same
    effectiveness measures, so a new one takes its family's rules (results.effectiveness)."""

    POKL_2007_2013 = "pokl-2007-2013", _("Human Capital 2007–2013 (ESF)")
    RPO_2014_2020 = "rpo-2014-2020", _("regional operational programmes 2014–2020 (ESF)")
    FE_2021_2027 = "fe-2021-2027", _("regional European Funds programmes 2021–2027 (ESF+)")
    OTHER = "other", _("other")


class FundingProgramme(models.Model):
    """A code list entry: an EU funding programme of one period (data, not code)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=40)
    fund = models.CharField(_("fund"), max_length=120, help_text=_("e.g. European Social Fund"))
    period_start_year = models.PositiveSmallIntegerField(_("first year of the period"))
    period_end_year = models.PositiveSmallIntegerField(_("last year of the period"))
    family = models.CharField(
        _("programme family"), max_length=20, choices=ProgrammeFamily.choices,
        default=ProgrammeFamily.OTHER,
        help_text=_("A new programme takes the effectiveness and employment rules of its family; "
                    "its own rows may then differ, as its calls say."),
    )

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["-period_start_year", "name"]
        constraints = [
            Check(
                condition=Q(period_end_year__gte=F("period_start_year")),
                name="programme_period_ordered",
                field="period_end_year",
                violation_error_message=_("The programme period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.short_name} {self.period_start_year}–{self.period_end_year}"

    @property
    def reports_to_sl2014(self) -> bool:
        """A 2014–2020 programme: its projects report participants to the SL2014 system."""
        return self.period_start_year == 2014


class IndicatorUnit(models.TextChoices):
    PERSONS = "persons", _("persons")
    PERCENT = "percent", _("per cent")


class IndicatorDefinition(models.Model):
    """A code list entry: an indicator a project can set a target for."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=10, choices=IndicatorUnit.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name
