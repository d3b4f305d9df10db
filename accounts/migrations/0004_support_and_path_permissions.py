"""Permissions of the roles for support forms, referrals and individual reintegration paths."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "pracownik socjalny": [
        "instruments.view_supportform", "instruments.view_referral",
        "instruments.add_referral", "instruments.change_referral",
        "participants.view_individualpath", "participants.add_individualpath",
        "participants.view_plannedsupport", "participants.add_plannedsupport",
    ],
    "koordynator": [
        "instruments.view_supportform", "instruments.add_supportform",
        "instruments.change_supportform", "instruments.view_referral",
        "instruments.add_referral", "instruments.change_referral",
        "participants.view_individualpath", "participants.add_individualpath",
        "participants.view_plannedsupport", "participants.add_plannedsupport",
    ],
    "kierownik": ["instruments.view_supportform"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for permission in permissions:
            app_label, codename = permission.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    Group.objects.get(name="administrator").permissions.add(
        *Permission.objects.filter(content_type__app_label="instruments")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_role_groups"),
        ("instruments", "0001_initial"),
        ("participants", "0003_individual_path"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
