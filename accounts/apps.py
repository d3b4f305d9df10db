from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .reauth import on_sign_in
        from .two_factor import remember_device_at_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="accounts.reauth.on_sign_in")
        user_logged_in.connect(
            remember_device_at_sign_in,
            dispatch_uid="accounts.two_factor.remember_device_at_sign_in",
        )
