"""The coordinator exports and imports the participants' monitoring data."""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions

PERMISSIONS = ["monitoring.export_participants", "monitoring.import_participants"]


def grant(apps, schema_editor):
    grant_role_permissions(apps, {"koordynator": PERMISSIONS}, admin_apps=["monitoring"])


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("accounts", "0006_support_delivery_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
