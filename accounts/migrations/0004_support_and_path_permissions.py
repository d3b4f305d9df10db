"""Permissions of the roles for support forms, referrals and individual reintegration paths."""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions

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
    grant_role_permissions(apps, ROLE_PERMISSIONS, admin_apps=["instruments"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_role_groups"),
        ("instruments", "0001_initial"),
        ("participants", "0003_individual_path"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
