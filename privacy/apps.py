from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data as the law asks: a person's copy of their data (RODO art. 15) and the data
    protection officer's pages (the access log, the exports, the register of processing)."""

    name = "privacy"
    verbose_name = _("Data protection")
