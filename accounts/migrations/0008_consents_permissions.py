"""The roles' permissions for the forms to sign, the information clause given and consents
(accounts/permissions.py): social workers and coordinators record and print, coordinators
alone edit a project's wording of the forms."""

from django.db import migrations

from accounts.migration_helpers import apply_role_permissions


def apply(apps, schema_editor):
    apply_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_role_permission_table"),
        ("consents", "0001_forms_and_consents"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
