"""The roles' permissions on social contracts: the team works with them, the head does not.

The permissions themselves are now granted by accounts 0007 from the one table in
accounts/permissions.py; this migration stays for the order of the migrations it is part of."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0001_initial"),
        ("accounts", "0003_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
