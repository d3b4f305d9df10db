"""Code lists: funding programmes and indicator definitions. A new period adds rows here."""

from django.db import migrations

PROGRAMMES = [
    {
        "code": "po-kl-2007-2013",
        "name": "Program Operacyjny Kapitał Ludzki",
        "short_name": "PO KL",
        "fund": "Europejski Fundusz Społeczny",
        "period_start_year": 2007,
        "period_end_year": 2013,
    },
    {
        "code": "rpo-2014-2020",
        "name": "Regionalny Program Operacyjny",
        "short_name": "RPO",
        "fund": "Europejski Fundusz Społeczny",
        "period_start_year": 2014,
        "period_end_year": 2020,
    },
    {
        "code": "fel-2021-2027",
        "name": "Fundusze Europejskie dla Lubelskiego",
        "short_name": "FEL",
        "fund": "Europejski Fundusz Społeczny Plus",
        "period_start_year": 2021,
        "period_end_year": 2027,
    },
]

INDICATORS = [
    ("participants-total", "Liczba osób objętych wsparciem w projekcie", "persons", 10),
    ("participants-women", "Liczba kobiet objętych wsparciem", "persons", 20),
    ("participants-men", "Liczba mężczyzn objętych wsparciem", "persons", 30),
    ("participants-disabled", "Liczba osób z niepełnosprawnościami objętych wsparciem",
     "persons", 40),
    ("path-completed", "Liczba osób, które zakończyły udział w projekcie zgodnie ze ścieżką",
     "persons", 50),
    ("social-contracts", "Liczba osób, z którymi zawarto kontrakt socjalny", "persons", 60),
    ("qualifications", "Liczba osób, które uzyskały kwalifikacje po opuszczeniu programu",
     "persons", 70),
    ("employed", "Liczba osób pracujących po opuszczeniu programu", "persons", 80),
    ("social-progress", "Liczba osób, których sytuacja społeczna uległa poprawie", "persons", 90),
    ("social-effectiveness", "Efektywność społeczna", "percent", 100),
    ("employment-effectiveness", "Efektywność zatrudnieniowa", "percent", 110),
]


def load(apps, schema_editor):
    FundingProgramme = apps.get_model("projects", "FundingProgramme")
    IndicatorDefinition = apps.get_model("projects", "IndicatorDefinition")
    for programme in PROGRAMMES:
        FundingProgramme.objects.update_or_create(code=programme["code"], defaults=programme)
    for code, name, unit, order in INDICATORS:
        IndicatorDefinition.objects.update_or_create(
            code=code, defaults={"name": name, "unit": unit, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
