"""The roles' permissions from the one table (accounts/permissions.py), replacing what eight
earlier migrations granted piece by piece (the same permissions; the administrator now also holds
those of the models added since)."""

from django.db import migrations

from accounts.migration_helpers import apply_role_permissions


def apply(apps, schema_editor):
    apply_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_support_delivery_permissions"),
        ("projects", "0009_teryt_communes"),
        ("participants", "0011_identity_belongs_to_its_organisation"),
        ("instruments", "0007_session_series"),
        ("contracts", "0004_contract_register"),
        ("trainings", "0005_competences"),
        ("employment", "0004_constraint_messages"),
        ("events", "0003_constraint_messages"),
        ("results", "0005_employment_rules_data"),
        ("monitoring", "0003_import_jobs"),
        ("documents", "0006_batch_progress_time"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
