from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossierConfig(AppConfig):
    """The participant's file (teczka uczestnika): scans of the documents they signed."""

    name = "dossier"
    verbose_name = _("Participant's file")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check)
