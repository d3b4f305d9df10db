"""The roles' permissions on social contracts: the team works with them, the head does not.

The head of the centre (kierownik) sees totals, not people: no permission on contracts.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["socialcontract", "contractaction", "monitoringentry", "amendment"]
TEAM_PERMISSIONS = [
    f"{action}_{model}" for model in MODELS for action in ("view", "add", "change")
]
ROLE_PERMISSIONS = {
    "pracownik socjalny": TEAM_PERMISSIONS,
    "koordynator": TEAM_PERMISSIONS,
    "kierownik": [],
}
ADMINISTRATOR = "administrator"


def _permissions(apps, codenames=None):
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="contracts")
    return permissions if codenames is None else permissions.filter(codename__in=codenames)


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codenames))
    administrator, _created = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[*ROLE_PERMISSIONS, ADMINISTRATOR]):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0001_initial"),
        ("accounts", "0003_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
