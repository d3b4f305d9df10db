"""Used by the migration that gives the roles (groups) their permissions from the table in
accounts/permissions.py.

Kept apart from the models so that a migration uses only the historical models it is given.
"""

from django.contrib.auth.management import create_permissions


def apply_role_permissions(apps):
    """Makes each role group hold exactly the permissions of the table (what the table no longer
    gives is taken away), and the administrator every permission of its apps."""
    from accounts.permissions import ADMINISTRATOR_APPS, group_permissions
    from accounts.roles import ADMINISTRATOR_GROUP

    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    known = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for name, permissions in group_permissions().items():
        missing = sorted(permissions - known.keys())
        if missing:
            raise LookupError(f"The role table names permissions that do not exist: {missing}")
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([known[permission] for permission in permissions])
    administrator, _created = Group.objects.get_or_create(name=ADMINISTRATOR_GROUP)
    administrator.permissions.set(
        Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
    )


def _create_permissions(apps):
    """Permissions are normally created after all migrations; a migration needs them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
