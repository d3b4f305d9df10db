from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The start pages of the roles: a composition app on top, imported by none."""

    name = "home"
    verbose_name = _("Start pages")
