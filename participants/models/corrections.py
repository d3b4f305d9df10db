"""The data at entry that freeze once a participation starts, and the record of each correction
made to them afterwards."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aktywizacja.constraints import Check

from .participation import Participation

ENTRY_DATA_FIELDS = [
    "start_date", "labour_market_status", "unemployment_months", "education", "disability",
    "disability_degree", "foreign_origin", "third_country_national", "minority", "homeless",
    "centre_client", "exclusion_reasons", "voivodeship", "county", "commune", "commune_teryt",
    "town",
    "postcode", "urbanisation", "in_support_area", "occupation", "employer",
    "jobless_household", "jobless_household_children", "single_adult_household",
    "other_disadvantage",
]


class EntryCorrection(models.Model):
    """A change of data at entry after the participation started: what, from what, who and why."""

    participation = models.ForeignKey(
        Participation, verbose_name=_("participation"), on_delete=models.CASCADE,
        related_name="entry_corrections",
    )
    field_name = models.CharField(_("field"), max_length=40)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)
    reason = models.TextField(_("reason"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("corrected by"), on_delete=models.PROTECT,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("correction of data at entry")
        verbose_name_plural = _("corrections of data at entry")
        ordering = ["participation", "-corrected_at", "pk"]
        constraints = [
            Check(
                condition=~Q(reason=""), name="entry_correction_has_reason", field="reason",
                violation_error_message=_("Give the reason for the correction."),
            ),
        ]

    def __str__(self):
        return f"{self.field_label}: {self.old_value} → {self.new_value}"

    @property
    def field_label(self) -> str:
        return str(Participation._meta.get_field(self.field_name).verbose_name)
