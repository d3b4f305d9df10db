from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from django.contrib.auth.models import Group, Permission
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from . import group_permissions
        from .middleware import stamp_signed_in_session
        from .reauth import on_sign_in
        from .two_factor import remember_device_at_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="accounts.reauth.on_sign_in")
        user_logged_in.connect(
            remember_device_at_sign_in,
            dispatch_uid="accounts.two_factor.remember_device_at_sign_in",
        )
        user_logged_in.connect(
            stamp_signed_in_session, dispatch_uid="accounts.middleware.stamp_signed_in_session"
        )
        # Whatever changes a group or what it grants gives the groups' permissions a new key.
        m2m_changed.connect(
            group_permissions.changed, sender=Group.permissions.through,
            dispatch_uid="accounts.group_permissions.m2m_changed",
        )
        for signal, name in ((post_save, "post_save"), (post_delete, "post_delete")):
            for model in (Group, Permission):
                signal.connect(
                    group_permissions.changed, sender=model,
                    dispatch_uid=f"accounts.group_permissions.{name}.{model.__name__}",
                )
        post_migrate.connect(
            group_permissions.migrated, sender=self,
            dispatch_uid="accounts.group_permissions.migrated",
        )
