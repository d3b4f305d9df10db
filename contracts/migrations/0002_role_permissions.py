"""The roles' permissions on social contracts: the team works with them, the head does not.

The head of the centre (kierownik) sees totals, not people: no permission on contracts.
"""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions

MODELS = ["socialcontract", "contractaction", "monitoringentry", "amendment"]
TEAM_PERMISSIONS = [
    f"{action}_{model}" for model in MODELS for action in ("view", "add", "change")
]
ROLE_PERMISSIONS = {
    "pracownik socjalny": TEAM_PERMISSIONS,
    "koordynator": TEAM_PERMISSIONS,
    "kierownik": [],
}
ADMINISTRATOR = "administrator"  # all contract permissions, for the Django admin


def _permissions(apps, codenames=None):
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="contracts")
    return permissions if codenames is None else permissions.filter(codename__in=codenames)


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        {name: [f"contracts.{codename}" for codename in codenames]
         for name, codenames in ROLE_PERMISSIONS.items()},
        admin_apps=["contracts"],
    )


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
