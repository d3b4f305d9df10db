"""The roles as groups with their permissions.

The permissions themselves are now granted by accounts 0007 from the one table in
accounts/permissions.py; this migration stays for the order of the migrations it is part of."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("projects", "0002_code_lists"),
        ("participants", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
