"""Permissions of the roles for sessions and attendance.

The director sees that sessions took place, not who attended: attendance is personal data.
"""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions

ROLE_PERMISSIONS = {
    "pracownik socjalny": [
        "instruments.view_session",
        "instruments.view_attendance", "instruments.add_attendance",
        "instruments.change_attendance",
    ],
    "koordynator": [
        "instruments.view_session", "instruments.add_session", "instruments.change_session",
        "instruments.view_attendance", "instruments.add_attendance",
        "instruments.change_attendance",
    ],
    "kierownik": ["instruments.view_session"],
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS, admin_apps=["instruments"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_support_and_path_permissions"),
        ("instruments", "0002_session_attendance"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
