"""Permissions of the roles for support forms, referrals and individual reintegration paths.

The permissions themselves are now granted by accounts 0007 from the one table in
accounts/permissions.py; this migration stays for the order of the migrations it is part of."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_role_groups"),
        ("instruments", "0001_initial"),
        ("participants", "0003_individual_path"),
    ]

    operations = []
