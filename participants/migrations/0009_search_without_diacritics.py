"""The search column without diacritics: "wojcik" finds "Wójcik" (see search_key)."""

import unicodedata

from django.db import migrations

BATCH = 2000


def search_key(text: str) -> str:
    # The rule as this migration was written: kept here, not imported, so it does not drift.
    folded = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    return " ".join("".join(char for char in folded if not unicodedata.combining(char)).split())


def refill(apps, schema_editor):
    Person = apps.get_model("participants", "Person")
    changed = []
    for person in Person.objects.only("first_name", "last_name", "pesel", "search_text").iterator(
        chunk_size=BATCH
    ):
        key = search_key(f"{person.last_name} {person.first_name} {person.pesel}")
        if key != person.search_text:
            person.search_text = key
            changed.append(person)
        if len(changed) >= BATCH:
            Person.objects.bulk_update(changed, ["search_text"])
            changed = []
    Person.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("participants", "0008_teryt_communes")]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
