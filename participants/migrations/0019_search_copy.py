"""A participation carries its person's search key too (``Person.search_text``, the folded
name and PESEL), so that the participant search across many projects is answered by the indexes
of participations: on PostgreSQL a GIN index of the key's trigrams, intersected with the index of
the projects, finds the rows of the named projects whose key matches, without walking the
list's name order or joining every matching person of the installation.

The database copies the key as it copies the names (participants 0018), whatever writes the row:
the triggers of 0018 are replaced by ones that copy the names and the key, from the person's own
``search_text`` (computed by ``Person.save``, written by the anonymisation's queryset update), so
the copy cannot drift from the person."""

import importlib

from django.db import migrations, models

SORT_NAMES = importlib.import_module("participants.migrations.0018_sort_names")
INDEX = "participation_search_trgm"

POSTGRESQL = [
    """CREATE FUNCTION participation_person_copy() RETURNS trigger AS $$
    BEGIN
        SELECT last_name, first_name, search_text
        INTO NEW.sort_last_name, NEW.sort_first_name, NEW.search_text
        FROM participants_person WHERE id = NEW.person_id;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER participation_person_copy BEFORE INSERT OR UPDATE
    ON participants_participation FOR EACH ROW EXECUTE FUNCTION participation_person_copy()""",
    """CREATE FUNCTION person_to_participations() RETURNS trigger AS $$
    BEGIN
        UPDATE participants_participation SET sort_last_name = NEW.last_name,
            sort_first_name = NEW.first_name, search_text = NEW.search_text
        WHERE person_id = NEW.id;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER person_to_participations
    AFTER UPDATE OF first_name, last_name, search_text ON participants_person FOR EACH ROW
    WHEN (OLD.first_name IS DISTINCT FROM NEW.first_name
          OR OLD.last_name IS DISTINCT FROM NEW.last_name
          OR OLD.search_text IS DISTINCT FROM NEW.search_text)
    EXECUTE FUNCTION person_to_participations()""",
    # The trigger copies the person's names and key into every row the update writes.
    "UPDATE participants_participation SET search_text = ''",
]
# SQLite's triggers cannot change the row being written: they write it again after.
COPY = """UPDATE participants_participation SET
    sort_last_name = (SELECT last_name FROM participants_person WHERE id = NEW.person_id),
    sort_first_name = (SELECT first_name FROM participants_person WHERE id = NEW.person_id),
    search_text = (SELECT search_text FROM participants_person WHERE id = NEW.person_id)
    WHERE id = NEW.id"""
SQLITE = [
    f"""CREATE TRIGGER participation_person_copy_insert AFTER INSERT ON participants_participation
    BEGIN {COPY}; END""",
    f"""CREATE TRIGGER participation_person_copy_update
    AFTER UPDATE OF person_id, sort_last_name, sort_first_name, search_text
    ON participants_participation
    BEGIN {COPY}; END""",
    """CREATE TRIGGER person_to_participations
    AFTER UPDATE OF first_name, last_name, search_text ON participants_person
    WHEN OLD.first_name IS NOT NEW.first_name OR OLD.last_name IS NOT NEW.last_name
         OR OLD.search_text IS NOT NEW.search_text
    BEGIN
        UPDATE participants_participation SET sort_last_name = NEW.last_name,
            sort_first_name = NEW.first_name, search_text = NEW.search_text
        WHERE person_id = NEW.id;
    END""",
    """UPDATE participants_participation SET
    sort_last_name = (SELECT last_name FROM participants_person AS person
                      WHERE person.id = participants_participation.person_id),
    sort_first_name = (SELECT first_name FROM participants_person AS person
                       WHERE person.id = participants_participation.person_id),
    search_text = (SELECT search_text FROM participants_person AS person
                   WHERE person.id = participants_participation.person_id)""",
]
DROP = {
    "postgresql": [
        "DROP TRIGGER participation_person_copy ON participants_participation",
        "DROP FUNCTION participation_person_copy()",
        "DROP TRIGGER person_to_participations ON participants_person",
        "DROP FUNCTION person_to_participations()",
    ],
    "sqlite": [
        "DROP TRIGGER participation_person_copy_insert",
        "DROP TRIGGER participation_person_copy_update",
        "DROP TRIGGER person_to_participations",
    ],
}


def _execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def drop_sort_names_on_sqlite(apps, schema_editor):
    """SQLite rebuilds the table to add the column: a trigger naming the table (the person's)
    would stop the rebuild, and the table's own would be lost with it."""
    if schema_editor.connection.vendor == "sqlite":
        _execute(schema_editor, SORT_NAMES.DROP["sqlite"])


def restore_sort_names_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _execute(schema_editor, SORT_NAMES.SQLITE[:-1])


def copy_search_key(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _execute(schema_editor, SQLITE)
    elif vendor == "postgresql":
        _execute(schema_editor, SORT_NAMES.DROP["postgresql"])
        _execute(schema_editor, POSTGRESQL)


def copy_names_only(apps, schema_editor):
    """Back to 0018's triggers (on SQLite once the table is rebuilt without the column:
    ``restore_sort_names_on_sqlite``)."""
    vendor = schema_editor.connection.vendor
    _execute(schema_editor, DROP.get(vendor, []))
    if vendor == "postgresql":
        _execute(schema_editor, SORT_NAMES.POSTGRESQL[:-1])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The trigrams of the key (pg_trgm: participants 0015). The named projects come from the
    # project's b-tree index: PostgreSQL intersects the two bitmaps, fetches the matches of the
    # user's projects only and sorts them (a GIN index holding the project too, by btree_gin,
    # was measured: the planner reads the project from the b-tree all the same).
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON participants_participation "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('participants', '0018_sort_names'),
    ]

    operations = [
        migrations.RunPython(drop_sort_names_on_sqlite, restore_sort_names_on_sqlite),
        migrations.AddField(
            model_name='participation',
            name='search_text',
            field=models.CharField(default='', editable=False, max_length=300),
        ),
        migrations.RunPython(copy_search_key, copy_names_only),
        migrations.RunPython(create_index, drop_index),
    ]
