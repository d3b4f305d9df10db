"""The groups a support form runs in: the coordinator keeps them with the support form, the
team and the director see them (the role table, accounts/permissions.py)."""

from django.db import migrations

from accounts.migration_helpers import apply_role_permissions


def apply(apps, schema_editor):
    apply_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_dossier_and_consents_permissions"),
        ("instruments", "0008_support_form_groups"),
        ("projects", "0015_regional_programmes"),
        ("results", "0006_rules_of_the_regional_programmes"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
