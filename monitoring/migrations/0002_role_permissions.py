"""The coordinator exports and imports the participants' monitoring data.

The permissions themselves are now granted by accounts 0007 from the one table in
accounts/permissions.py; this migration stays for the order of the migrations it is part of."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("accounts", "0006_support_delivery_permissions"),
    ]

    operations = []
