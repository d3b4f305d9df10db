"""What a participant signs: the forms printed from a project's templates (declaration of
participation, application form, information clause), the information clause given to them
(which version, when), and their consents with the day each was given and withdrawn.

A withdrawal is recorded on the consent (``withdrawn_on``), never by editing or deleting it: the
history keeps every state with the person who recorded it. A consent given again after a
withdrawal is a new record.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique
from projects.models import ParticipationScopedQuerySet, Project, ProjectScopedQuerySet

from .placeholders import unknown_placeholders

DEFAULT_VERSION = 0  # the application's own wording, which no project has edited


class FormKind(models.TextChoices):
    """The forms a participant signs; the value is the form's part of its address."""

    DECLARATION = "deklaracja", _("declaration of participation")
    APPLICATION = "formularz-zgloszeniowy", _("application form")
    CLAUSE = "klauzula", _("information clause")


class ConsentKind(models.TextChoices):
    """The consents a participant may give or refuse (RODO art. 6(1)(a), 9(2)(a)); the data the
    project must process to run and report is not asked as a consent."""

    IMAGE = "image", _("use of their image (photographs, recordings)")
    CONTACT_AFTER = "contact_after", _("contact after the project (follow-up, evaluation)")
    ELECTRONIC = "electronic", _("contact by e-mail and text message")
    EMPLOYERS = "employers", _("passing their CV and contact details to employers")
    HEALTH = "health", _("processing of health data for the support they receive")


class FormTemplate(Versioned):
    """A project's own wording of one form; each save raises ``version`` by one and dates it.

    The text holds placeholders from a fixed list (``consents.placeholders``), filled with the
    participant's data when the form is printed; nothing else of it is interpreted.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="form_templates",
    )
    kind = models.CharField(_("form"), max_length=30, choices=FormKind.choices)
    body = models.TextField(_("text"))
    changed_on = models.DateField(_("version date"))
    history = HistoricalRecords()

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("form template")
        verbose_name_plural = _("form templates")
        ordering = ["project", "kind"]
        constraints = [
            Unique(
                fields=["project", "kind"], name="form_template_once_per_project",
                field="kind",
                violation_error_message=_("The project already has its own text of this form."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.project.short_name}"

    def clean(self):
        unknown = unknown_placeholders(self.body or "")
        if unknown:
            raise ValidationError({"body": _(
                "Unknown placeholders: %(names)s. Use only those listed beside the text."
            ) % {"names": ", ".join(f"{{{name}}}" for name in unknown)}})

    @property
    def scope_project(self):
        return self.project


def _not_in_future(day, field: str, message, errors: dict) -> None:
    if day and day > timezone.localdate():
        errors.setdefault(field, message)


class ClauseReceipt(models.Model):
    """The information clause (RODO art. 13/14) given to a participant: which version, when."""

    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.PROTECT,
        related_name="clause_receipts",
    )
    version = models.PositiveIntegerField(
        _("version of the clause"),
        help_text=_("The version printed in the footer of the clause the person signed "
                    "(0: the application's default text)."),
    )
    given_on = models.DateField(_("given on"))
    history = HistoricalRecords()

    objects = ParticipationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("information clause given")
        verbose_name_plural = _("information clauses given")
        ordering = ["-given_on", "-pk"]
        constraints = [
            Unique(
                fields=["participation", "version"], name="clause_receipt_once_per_version",
                field="version",
                violation_error_message=_(
                    "This version of the clause is already recorded as given to the person."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.participation} · {self.version_label}"

    def clean(self):
        errors = {}
        _not_in_future(self.given_on, "given_on",
                       _("The clause is recorded once given: the date cannot be in the future."),
                       errors)
        if errors:
            raise ValidationError(errors)

    @property
    def version_label(self) -> str:
        return version_label(self.version)

    @property
    def scope_project(self):
        return self.participation.project


def version_label(version: int, changed_on=None) -> str:
    """"wersja 3 z 12.05.2025"; the default wording has no date of its own."""
    if version == DEFAULT_VERSION:
        return str(_("default version"))
    if changed_on is None:
        return str(_("version %(number)s")) % {"number": version}
    return str(_("version %(number)s of %(date)s")) % {
        "number": version, "date": date_format(changed_on, "SHORT_DATE_FORMAT"),
    }


class ConsentQuerySet(ParticipationScopedQuerySet):
    def in_force(self):
        return self.filter(withdrawn_on__isnull=True)


class Consent(models.Model):
    """One consent of a participant: given on a day and, once withdrawn, the day of withdrawal."""

    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.PROTECT,
        related_name="consents",
    )
    kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["kind", "-given_on", "-pk"]
        constraints = [
            Check(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="consent_withdrawn_after_given", field="withdrawn_on",
                violation_error_message=_(
                    "A consent cannot be withdrawn before the day it was given."
                ),
            ),
            Unique(
                fields=["participation", "kind"], condition=Q(withdrawn_on__isnull=True),
                name="consent_once_in_force", field="kind",
                violation_error_message=_(
                    "The person has already given this consent and not withdrawn it."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.participation} · {self.get_kind_display()}"

    def clean(self):
        # "Not in the future" needs today's date, which a CHECK cannot read on every database
        # (SQLite refuses non-deterministic functions there): it is checked here.
        errors = {}
        _not_in_future(self.given_on, "given_on",
                       _("A consent is recorded once given: the date cannot be in the future."),
                       errors)
        _not_in_future(self.withdrawn_on, "withdrawn_on",
                       _("A withdrawal is recorded once made: the date cannot be in the future."),
                       errors)
        if errors:
            raise ValidationError(errors)

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None

    @property
    def scope_project(self):
        return self.participation.project
