"""Permissions of the roles for trainings, internships, job placement, events and results.

The permissions themselves are now granted by accounts 0007 from the one table in
accounts/permissions.py; this migration stays for the order of the migrations it is part of."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_access_log"),
        ("trainings", "0001_initial"),
        ("employment", "0001_initial"),
        ("events", "0001_initial"),
        ("results", "0002_effectiveness_rules"),
        ("instruments", "0003_session_permissions"),
    ]

    operations = []
