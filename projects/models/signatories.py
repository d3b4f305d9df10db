"""Who signs what: an organisation's signatory for each kind of document, in a period.

A certificate, a contract, an attendance sheet or a summary prints, under its signature line,
the person who signs that kind of document for the organisation on the document's date
(``Organisation.signatory_for``); with no signatory recorded for that day, the head of the
organisation (``Organisation.head_name`` / ``head_title``).

Two periods of one organisation and kind never share a day. The constraints below hold what a
unique or check constraint can (an open start or end once, one start and one end date once);
the rest of the rule (periods that cross) is held by ``Signatory.clean`` for the forms and by a
trigger in the database (migration ``0017_signatories``) for every other way in.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.constraints import Check, Unique


class SignatoryKind(models.TextChoices):
    """The printed documents that carry the organisation's signature. Certificates, the summary
    and the contracts use the values of ``documents.DocumentKind`` (an annex is signed as its
    contract)."""

    PARTICIPATION_CERTIFICATE = "participation", _("certificate of participation in the project")
    TRAINING_CERTIFICATE = "training", _("training completion certificate")
    SOCIAL_CONTRACT = "social_contract", _("social contract and its annexes")
    MODELLED_AGREEMENT = "modelled_agreement", _(
        "agreement modelled on the social contract and its annexes"
    )
    ATTENDANCE_SHEET = "attendance_sheet", _("attendance sheet")
    FORMS = "forms", _("declaration of participation and application form")
    SUMMARY = "summary", _("final summary of the project")


OVERLAP_MESSAGE = _("Another signatory of this organisation signs this kind of document on some "
                    "of these days. The periods of one kind of document cannot overlap.")


class Signatory(models.Model):
    organisation = models.ForeignKey(
        "projects.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="signatories",
    )
    kind = models.CharField(_("document"), max_length=30, choices=SignatoryKind.choices)
    title = models.CharField(
        _("position"), max_length=150,
        help_text=_("As printed under the signature, e.g. “Prezes Zarządu”."),
    )
    name = models.CharField(_("first name and last name"), max_length=150)
    valid_from = models.DateField(
        _("signs from"), null=True, blank=True, help_text=_("Empty: from the beginning.")
    )
    valid_to = models.DateField(
        _("signs until"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["organisation", "kind", F("valid_from").asc(nulls_first=True)]
        constraints = [
            Check(
                condition=Q(valid_to__gte=F("valid_from")), name="signatory_period_order",
                violation_error_message=_("A signatory cannot stop signing before they start."),
                field="valid_to",
            ),
            Unique(
                fields=["organisation", "kind"], condition=Q(valid_from__isnull=True),
                name="signatory_open_start_once",
                violation_error_message=OVERLAP_MESSAGE, field="valid_from",
            ),
            Unique(
                fields=["organisation", "kind"], condition=Q(valid_to__isnull=True),
                name="signatory_open_end_once",
                violation_error_message=OVERLAP_MESSAGE, field="valid_to",
            ),
            Unique(
                fields=["organisation", "kind", "valid_from"], name="signatory_start_once",
                violation_error_message=OVERLAP_MESSAGE, field="valid_from",
            ),
            Unique(
                fields=["organisation", "kind", "valid_to"], name="signatory_end_once",
                violation_error_message=OVERLAP_MESSAGE, field="valid_to",
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.name}"

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def overlaps(self, other: "Signatory") -> bool:
        return (
            (self.valid_from is None or other.valid_to is None or self.valid_from <= other.valid_to)
            and (other.valid_from is None or self.valid_to is None
                 or other.valid_from <= self.valid_to)
        )

    @property
    def period_label(self) -> str:
        start = date_format(self.valid_from, "SHORT_DATE_FORMAT") if self.valid_from else "…"
        end = date_format(self.valid_to, "SHORT_DATE_FORMAT") if self.valid_to else "…"
        return f"{start} – {end}"

    # Set by a form whose rows are checked against each other instead (projects.forms).
    periods_checked_together = False

    def clean(self):
        super().clean()
        if not self.organisation_id or not self.kind or self.periods_checked_together:
            return
        others = Signatory.objects.filter(
            organisation=self.organisation_id, kind=self.kind
        ).exclude(pk=self.pk)
        clash = next((other for other in others if self.overlaps(other)), None)
        if clash is not None:
            raise ValidationError({"valid_from": clash_message(clash)})


def clash_message(clash: Signatory) -> str:
    return _("%(title)s %(name)s signs this kind of document in %(period)s. The periods of one "
             "kind of document cannot overlap.") % {
        "title": clash.title, "name": clash.name, "period": clash.period_label,
    }


def signatory_on(rows, *, organisation, kind: str, on: date) -> Signatory:
    """The row of ``kind`` valid ``on`` that day, else the organisation's head (unsaved)."""
    for row in rows:
        if row.kind == kind and row.covers(on):
            return row
    return Signatory(organisation=organisation, kind=kind, title=organisation.head_title,
                     name=organisation.head_name)
