from django.db import models
from django.utils.translation import gettext_lazy as _


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
