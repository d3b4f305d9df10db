"""A copy of one person's data for them (RODO art. 15), the coordinator's; and the data
protection officer's group, which reads the access log, the copies and the register of
processing and holds no project role (the role table, accounts/permissions.py)."""

from django.db import migrations

from accounts.migration_helpers import apply_role_permissions


def apply(apps, schema_editor):
    apply_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_support_group_permissions"),
        ("privacy", "0001_subject_exports"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
