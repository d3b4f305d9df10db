from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import ProjectScopedQuerySet


class MonitoringAccess(models.Model):
    """No table: only the permissions of the monitoring export and import (given to roles)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("export_participants", _("Can export participants' monitoring data")),
            ("import_participants", _("Can import participants from a monitoring file")),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ImportJob(models.Model):
    """A large import, run by the task worker while the page shows its progress.

    The checked file is kept here only until the import ends (then it is erased): a request
    could not wait for thousands of rows.
    """

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    requested_by = models.ForeignKey(
        "accounts.User", verbose_name=_("requested by"), on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    only_valid = models.BooleanField(_("only the valid rows"), default=False)
    data = models.BinaryField(_("file"), null=True, editable=False)
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows imported"), default=0)
    created = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("left out"), default=0)
    error = models.TextField(_("error"), blank=True)
    updated_at = models.DateTimeField(_("last progress"), null=True, editable=False)

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.project} · {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def scope_project(self):
        return self.project


class ExportJob(models.Model):
    """A large export, written by the task worker to a file of the private media root while
    the page shows its progress. The file is erased when it is downloaded, or unfetched after
    ``MONITORING_EXPORT_KEEP_HOURS``."""

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    edition = models.ForeignKey(
        "projects.Edition", verbose_name=_("edition"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="+",
    )
    format = models.CharField(_("format"), max_length=10)
    requested_by = models.ForeignKey(
        "accounts.User", verbose_name=_("requested by"), on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("participants"), default=0)
    done = models.PositiveIntegerField(_("participants written"), default=0)
    file = models.CharField(_("file"), max_length=200, blank=True, editable=False)
    downloaded_at = models.DateTimeField(_("downloaded at"), null=True, editable=False)
    error = models.TextField(_("error"), blank=True)

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-requested_at"]
        # Made and read only through the export's pages (monitoring.export_participants).
        default_permissions = ()

    def __str__(self):
        return f"{self.project} · {self.format} · {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def scope_project(self):
        return self.project
