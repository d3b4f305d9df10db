"""Permissions of the roles for sessions and attendance.

The permissions themselves are now granted by accounts 0007 from the one table in
accounts/permissions.py; this migration stays for the order of the migrations it is part of."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_support_and_path_permissions"),
        ("instruments", "0002_session_attendance"),
    ]

    operations = []
