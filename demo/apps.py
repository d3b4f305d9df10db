from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo projects (``manage.py load_demo``): on top of every app, imported by none."""

    name = "demo"
    verbose_name = _("Demo")
