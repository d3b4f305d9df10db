"""The participant's file (teczka uczestnika): scans and photos of the documents a participant
signed, one row per file, and the kinds a project requires before someone becomes a participant.

A file removed in error keeps its row (who removed it, when and why); only the stored copy goes.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.constraints import Check, Unique
from participants.models import Participation
from projects.models import ParticipationScopedQuerySet, Project, ProjectScopedQuerySet


class DocumentKind(models.TextChoices):
    DECLARATION = "declaration", _("declaration of participation")
    APPLICATION = "application", _("application form")
    CONSENTS = "consents", _("information clause and consents")
    CONTRACT = "contract", _("signed contract")
    CERTIFICATE = "certificate", _("certificate")
    DISABILITY = "disability", _("disability certificate (orzeczenie)")
    OTHER = "other", _("other document")


# The content types accepted (checked by the content, never by the name) and the extension a
# stored file gets from its content.
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def stored_name(instance, filename) -> str:
    """A random name in the project's folder: the name the person's computer gave the file is
    never part of a path."""
    extension = EXTENSIONS.get(instance.content_type, "")
    return f"teczki/projekt-{instance.participation.project_id}/{uuid.uuid4().hex}{extension}"


class DossierFileQuerySet(ParticipationScopedQuerySet):
    """The files of the participations the user may see (``participations_seen_by``, as every
    other participant's record)."""

    def kept(self):
        return self.filter(removed_at__isnull=True)


class DossierFile(models.Model):
    participation = models.ForeignKey(
        Participation, verbose_name=_("participation"), on_delete=models.PROTECT,
        related_name="dossier_files",
    )
    kind = models.CharField(_("kind of document"), max_length=20, choices=DocumentKind.choices)
    date = models.DateField(_("date of the document"))
    file = models.FileField(_("file"), upload_to=stored_name, max_length=200, blank=True)
    original_name = models.CharField(_("name of the file sent"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("removed by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    removal_reason = models.TextField(_("reason for removal"), blank=True)
    history = HistoricalRecords()

    objects = DossierFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("file of the participant's file")
        verbose_name_plural = _("files of the participant's file")
        ordering = ["participation", "kind", "date", "pk"]
        constraints = [
            Check(
                condition=Q(removed_at__isnull=True, removed_by__isnull=True, removal_reason="")
                | (Q(removed_at__isnull=False, removed_by__isnull=False)
                   & ~Q(removal_reason="")),
                name="dossier_file_removal_recorded_whole",
                field="removal_reason",
                violation_error_message=_(
                    "A removed file keeps who removed it, when and why."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date:%d.%m.%Y})"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError(
                {"date": _("The date of the document cannot be in the future.")}
            )

    @property
    def scope_project(self):
        return self.participation.project

    @property
    def download_name(self) -> str:
        """Made from the kind and the date, never from the name the file was sent with."""
        kind = slugify(self.get_kind_display(), allow_unicode=True)
        return f"{kind}-{self.date:%Y-%m-%d}-{self.pk}{EXTENSIONS.get(self.content_type, '')}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class RequiredKind(models.Model):
    """A kind of document the project requires in the file before someone becomes a
    participant (set by the coordinator; the card and the to-do list show what is missing)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="required_dossier_kinds",
    )
    kind = models.CharField(_("kind of document"), max_length=20, choices=DocumentKind.choices)
    history = HistoricalRecords()

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("required kind of document")
        verbose_name_plural = _("required kinds of documents")
        ordering = ["project", "kind"]
        constraints = [
            Unique(
                fields=["project", "kind"], name="dossier_required_kind_once",
                violation_error_message=_("This kind of document is already required."),
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def scope_project(self):
        return self.project


def missing_kinds(participations) -> dict[int, list[str]]:
    """For each participation, the kinds its project requires that its file lacks (the kinds
    in the order of the code list): two queries whatever the number of people."""
    participations = list(participations)
    required: dict[int, set[str]] = {}
    for project_id, kind in RequiredKind.objects.filter(
        project__in={p.project_id for p in participations}
    ).values_list("project_id", "kind"):
        required.setdefault(project_id, set()).add(kind)
    present: dict[int, set[str]] = {}
    for participation_id, kind in DossierFile.objects.kept().filter(
        participation__in=[p.pk for p in participations if p.project_id in required]
    ).values_list("participation_id", "kind").distinct():
        present.setdefault(participation_id, set()).add(kind)
    return {
        p.pk: [kind for kind in DocumentKind.values
               if kind in required.get(p.project_id, set()) - present.get(p.pk, set())]
        for p in participations
    }
