from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "instruments"
    verbose_name = _("Support instruments")

    def ready(self):
        from participants.signals import participations_changed

        from .hours import refresh_after_participations_changed

        participations_changed.connect(
            refresh_after_participations_changed, dispatch_uid="instruments.hours.refresh",
        )
