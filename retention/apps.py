from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """After a project's keeping period: its participants anonymised, its totals kept."""

    name = "retention"
    verbose_name = _("Retention and anonymisation")
