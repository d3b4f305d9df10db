"""Who signs what for an organisation: kept with the organisation by whoever may change it (the
coordinator, the administrator), seen by the team (the role table, accounts/permissions.py)."""

from django.db import migrations

from accounts.migration_helpers import apply_role_permissions


def apply(apps, schema_editor):
    apply_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_data_protection_permissions"),
        ("projects", "0017_signatories"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
