"""On PostgreSQL, a trigram index serves the search of people by any part of the name or the
PESEL (``search_text LIKE '%…%'``, the folded text without case or diacritics), so a search does
not read every person of the installation. SQLite, the embedded default, keeps its plain scan."""

from django.db import migrations

INDEX = "participants_person_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON participants_person "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("participants", "0014_participation_organisation_required")]

    operations = [migrations.RunPython(create, drop)]
