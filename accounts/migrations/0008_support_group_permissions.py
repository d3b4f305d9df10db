"""The groups a support form runs in: the coordinator keeps them with the support form, the
team and the director see them (the role table, accounts/permissions.py)."""

from django.db import migrations

from accounts.migration_helpers import apply_role_permissions


def apply(apps, schema_editor):
    apply_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_role_permission_table"),
        ("instruments", "0008_support_form_groups"),
        ("projects", "0013_regional_programmes"),
        ("results", "0006_rules_of_the_regional_programmes"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
