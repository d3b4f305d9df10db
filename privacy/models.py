from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import ProjectScopedQuerySet

EXPORT_SUBJECT_DATA = "privacy.export_subject_data"
OVERSEE = "privacy.oversee_data_protection"


class SubjectExport(models.Model):
    """One copy of a person's data given out on their request (RODO art. 15): who made it, when,
    for whom and the fingerprint of the ZIP, never its content."""

    person = models.ForeignKey(
        "participants.Person", verbose_name=_("person"), on_delete=models.SET_NULL, null=True,
        related_name="+",
    )
    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participation"),
        on_delete=models.SET_NULL, null=True, related_name="+",
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT,
        related_name="+",
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("exported by"), on_delete=models.PROTECT,
        related_name="+",
    )
    exported_at = models.DateTimeField(_("exported at"), auto_now_add=True, db_index=True)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    files = models.PositiveIntegerField(_("uploaded files included"), default=0)

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("copy of a person's data (art. 15)")
        verbose_name_plural = _("copies of people's data (art. 15)")
        ordering = ["-exported_at"]
        default_permissions = ("view",)
        permissions = [
            ("export_subject_data", _("Can export a person's data for them (RODO art. 15)")),
            ("oversee_data_protection",
             _("Can read the access log, the exports and the register of processing")),
        ]

    def __str__(self):
        return f"{self.exported_at:%Y-%m-%d %H:%M} {self.exported_by}"

    @property
    def scope_project(self):
        return self.project
