"""The indicator of agreements modelled on the social contract, counted apart from contracts."""

from django.db import migrations


def load(apps, schema_editor):
    IndicatorDefinition = apps.get_model("projects", "IndicatorDefinition")
    IndicatorDefinition.objects.update_or_create(
        code="modelled-agreements",
        defaults={
            "name": "Liczba osób, z którymi zawarto umowę na wzór kontraktu socjalnego",
            "unit": "persons", "order": 65,
        },
    )


def unload(apps, schema_editor):
    apps.get_model("projects", "IndicatorDefinition").objects.filter(
        code="modelled-agreements"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_constraint_messages")]

    operations = [migrations.RunPython(load, unload)]
