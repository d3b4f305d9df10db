"""Issued documents as records: numbered in a register, frozen as PDF bytes, verifiable.

A document's PDF is stored in the database with the row (``pdf``), so the number, the file and its
SHA-256 commit together or not at all: a failed batch leaves no half-written file behind and a
database backup holds the documents with their register. Nothing updates ``pdf`` after issue;
a correction or a lost original is a new numbered document (``duplicate_of``).

Number format: ``<project short name>/<kind code>/<year>/<sequence, 4 digits>``, e.g.
``LUB-7.1.1-2011/ZS/2011/0007``: one gap-free sequence per project, kind and calendar year.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aktywizacja.constraints import Check, Unique
from projects.models import ProjectScopedQuerySet


class DocumentKind(models.TextChoices):
    TRAINING_CERTIFICATE = "training", _("training completion certificate")
    PARTICIPATION_CERTIFICATE = "participation", _("certificate of participation in the project")
    SUMMARY = "summary", _("final summary of the project")
    # Numbered in the same register, their terms frozen on the record itself (contracts app).
    SOCIAL_CONTRACT = "social_contract", _("social contract")
    MODELLED_AGREEMENT = "modelled_agreement", _("agreement modelled on the social contract")
    CONTRACT_ANNEX = "contract_annex", _("annex to a contract")


# The code of each kind inside the number (Polish abbreviations, as the office writes them).
KIND_CODES = {
    DocumentKind.TRAINING_CERTIFICATE: "ZS",  # zaświadczenie o ukończeniu szkolenia
    DocumentKind.PARTICIPATION_CERTIFICATE: "ZU",  # zaświadczenie o udziale w projekcie
    DocumentKind.SUMMARY: "PK",  # podsumowanie końcowe
    DocumentKind.SOCIAL_CONTRACT: "KS",  # kontrakt socjalny
    DocumentKind.MODELLED_AGREEMENT: "UW",  # umowa na wzór kontraktu socjalnego
    DocumentKind.CONTRACT_ANNEX: "AN",  # aneks
}

# Unambiguous base32: no 0/O, 1/I. Ten characters carry 50 random bits.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a person types (spaces, dashes, lower case) to the stored form."""
    return "".join(char for char in text.upper() if char.isalnum())[:CODE_LENGTH]


class DocumentRegister(models.Model):
    """The counter of one numbering series: a row locked while a number is taken."""

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT,
        related_name="document_registers",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document register")
        verbose_name_plural = _("document registers")
        constraints = [
            Unique(
                fields=["project", "kind", "year"], name="document_register_series_unique",
                violation_error_message=_("This series of document numbers already exists."),
            ),
        ]

    def __str__(self):
        return f"{self.project.short_name}/{KIND_CODES[self.kind]}/{self.year}"


class IssuedDocumentQuerySet(ProjectScopedQuerySet):
    # A participant's certificate: who may see the participant; the summary: the team.
    participation_path = "participation"
    participation_optional = True

    def originals(self):
        return self.filter(duplicate_of__isnull=True)

    def valid(self):
        return self.filter(revoked=False)

    def without_pdf(self):
        return self.defer("pdf")


class IssuedDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence number"), editable=False)
    number = models.CharField(_("number"), max_length=80, unique=True, editable=False)
    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="issued_documents",
    )
    training_result = models.ForeignKey(
        "trainings.TrainingResult", verbose_name=_("training result"),
        on_delete=models.PROTECT, null=True, blank=True, related_name="issued_documents",
    )
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="duplicates",
    )
    verification_code = models.CharField(
        _("verification code"), max_length=CODE_LENGTH, unique=True, editable=False,
        default=new_verification_code,
    )
    # Frozen at issue for the public check: later edits must not change what it shows.
    holder_initials = models.CharField(_("holder's initials"), max_length=20, blank=True)
    project_title = models.CharField(_("project title"), max_length=400)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    pdf = models.BinaryField(_("PDF"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    revoked = models.BooleanField(_("revoked"), default=False)
    # After the keeping period the PDF is removed (it names the holder); the entry stays in the
    # register with its number, kind, date and the SHA-256 of the removed PDF (retention app).
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True,
                                         editable=False)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        permissions = [("issue_summary", _("Can issue the project's final summary"))]
        ordering = ["project", "kind", "year", "sequence"]
        # The project's register, latest first, a page at a time (issue 13).
        indexes = [
            models.Index(fields=["project", "-issued_at", "-id"], name="document_register_order"),
        ]
        constraints = [
            Unique(
                fields=["project", "kind", "year", "sequence"],
                name="issued_document_number_unique",
                violation_error_message=_("This document number is already taken."),
            ),
            # One valid original per training result and per participation; copies are duplicates.
            Unique(
                fields=["training_result"],
                condition=Q(kind="training", duplicate_of__isnull=True, revoked=False),
                name="one_training_certificate_per_result",
                violation_error_message=_(
                    "A valid certificate of this training has already been issued to this person: "
                    "issue a duplicate instead."
                ),
            ),
            Unique(
                fields=["participation"],
                condition=Q(kind="participation", duplicate_of__isnull=True, revoked=False),
                name="one_participation_certificate_per_participation",
                violation_error_message=_(
                    "A valid certificate of participation has already been issued to this person: "
                    "issue a duplicate instead."
                ),
            ),
            Check(
                condition=~Q(kind="training") | Q(training_result__isnull=False),
                name="training_certificate_has_result",
                violation_error_message=_("A training certificate must name the training result."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    @property
    def scope_project(self):
        return self.project

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of_id is not None

    @property
    def verification_path(self) -> str:
        from django.urls import reverse

        return reverse("documents:verify", args=[self.verification_code])

    @property
    def verification_url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.verification_path

    @property
    def code_display(self) -> str:
        half = CODE_LENGTH // 2
        return f"{self.verification_code[:half]}-{self.verification_code[half:]}"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class CertificateBatchQuerySet(ProjectScopedQuerySet):
    pass


class CertificateBatch(models.Model):
    """A batch of certificates printed as one PDF, made in the background when large."""

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="certificate_batches",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    course = models.ForeignKey(
        "trainings.TrainingCourse", verbose_name=_("course"), on_delete=models.CASCADE,
        null=True, blank=True,
    )
    edition = models.ForeignKey(
        "projects.Edition", verbose_name=_("edition"), on_delete=models.CASCADE,
        null=True, blank=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("documents"), default=0)
    done = models.PositiveIntegerField(_("documents ready"), default=0)
    # Batches made before their PDF went to a file kept it in the row.
    pdf = models.BinaryField(_("PDF"), null=True, editable=False)
    # Written as it is made and downloaded from storage in pieces: a batch of ten thousand is
    # tens of megabytes, never held in memory whole.
    file = models.FileField(_("PDF file"), upload_to="certificate-batches/", blank=True,
                            editable=False)
    error = models.TextField(_("error"), blank=True)
    # Each step of the work touches it: a batch that stopped moving is known to have stalled.
    updated_at = models.DateTimeField(_("last progress"), null=True, editable=False)

    objects = CertificateBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def scope_project(self):
        return self.project

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100
