from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CardConfig(AppConfig):
    """The participant's card: a composition app on top, imported by none."""

    name = "card"
    verbose_name = _("Participant's card")
