"""Used by the data migrations that give the roles (groups) their permissions.

Kept apart from the models so that a migration uses only the historical models it is given.
"""

from django.contrib.auth.management import create_permissions


def grant_role_permissions(apps, role_permissions: dict[str, list[str]], admin_apps=()):
    """Adds permissions ("app_label.codename") to the role groups, creating what is missing.

    Permissions are normally created after all migrations; a migration needs them now.
    """
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in role_permissions.items():
        group, _created = Group.objects.get_or_create(name=name)
        for permission in permissions:
            app_label, codename = permission.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    if admin_apps:
        administrator, _created = Group.objects.get_or_create(name="administrator")
        administrator.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=admin_apps)
        )
