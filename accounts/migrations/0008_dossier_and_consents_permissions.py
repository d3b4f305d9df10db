"""The roles' permissions on the participant's file and on the forms to sign and consents
(accounts/permissions.py): the team adds, downloads and removes files and records consents;
the coordinator alone edits a project's wording of the forms; the director reads the required
kinds and the totals only. One migration for both apps: the table names the permissions of
both, so both must exist before it is applied."""

from django.db import migrations

from accounts.migration_helpers import apply_role_permissions


def apply(apps, schema_editor):
    apply_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_role_permission_table"),
        ("consents", "0001_forms_and_consents"),
        ("dossier", "0001_participant_file"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
