"""The indicator counts qualifications and competences confirmed in four stages, as defined."""

from django.db import migrations

NAMES = {
    "new": "Liczba osób, które uzyskały kwalifikacje lub nabyły kompetencje po opuszczeniu "
           "programu",
    "old": "Liczba osób, które uzyskały kwalifikacje po opuszczeniu programu",
}


def rename(to):
    def run(apps, schema_editor):
        apps.get_model("projects", "IndicatorDefinition").objects.filter(
            code="qualifications"
        ).update(name=NAMES[to])
    return run


class Migration(migrations.Migration):
    dependencies = [("projects", "0007_modelled_agreements_indicator")]

    operations = [migrations.RunPython(rename("new"), rename("old"))]
