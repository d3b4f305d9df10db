"""The record of each anonymisation: who, when, which project, how much was removed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Anonymisation(models.Model):
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT,
        related_name="anonymisations",
    )
    # Empty when run by the management command (no one signed in).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    kept_until = models.DateField(_("documentation kept until"))
    people = models.PositiveIntegerField(_("people anonymised"))
    people_kept = models.PositiveIntegerField(
        _("people kept for another project"),
        help_text=_("Still inside another project's keeping period: their identity stays, only "
                    "this project's records about them were cleared."),
    )
    participations = models.PositiveIntegerField(_("participations"))
    records = models.PositiveIntegerField(_("records with texts cleared"))
    files = models.PositiveIntegerField(_("files deleted"))
    documents = models.PositiveIntegerField(_("document PDFs removed"))
    history_rows = models.PositiveIntegerField(_("history rows cleared"))

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.project.short_name} {self.at:%Y-%m-%d %H:%M}"
