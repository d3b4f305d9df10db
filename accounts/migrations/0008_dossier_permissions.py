"""The roles' permissions on the participant's file (accounts/permissions.py): the team adds,
downloads and removes files; the director reads the required kinds and the totals only."""

from django.db import migrations

from accounts.migration_helpers import apply_role_permissions


def apply(apps, schema_editor):
    apply_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_role_permission_table"),
        ("dossier", "0001_participant_file"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
