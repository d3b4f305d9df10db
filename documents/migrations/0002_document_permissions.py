"""Who issues certificates: the coordinator prints them; the team may see and download them."""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions

TEAM = ["documents.view_issueddocument", "documents.view_certificatebatch"]

ROLE_PERMISSIONS = {
    "pracownik socjalny": TEAM,
    "koordynator": [
        *TEAM,
        "documents.add_issueddocument",
        "documents.change_issueddocument",
        "documents.add_certificatebatch",
    ],
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS, admin_apps=["documents"])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("accounts", "0006_support_delivery_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
