"""The regional programmes of 2014–2020 and 2021–2027 (projects 0013) take the rules of their
family: the active-integration thresholds and the employment that counts (as in 0002 and 0005).
A programme that has rules of its own keeps them."""

from decimal import Decimal

from django.db import migrations

THRESHOLDS = [("social", "34", None, 3), ("employment", "22", "12", 3)]
EMPLOYMENT = [
    ("employment_contract", 3, "0.50", None),
    ("civil_law", 3, None, "3"),
    ("own_business", 0, None, None),
]
FAMILIES = ["rpo-2014-2020", "fe-2021-2027"]


def load(apps, schema_editor):
    FundingProgramme = apps.get_model("projects", "FundingProgramme")
    EffectivenessRule = apps.get_model("results", "EffectivenessRule")
    EmploymentRule = apps.get_model("results", "EmploymentRule")
    for programme in FundingProgramme.objects.filter(family__in=FAMILIES):
        for kind, threshold, severe, window in THRESHOLDS:
            EffectivenessRule.objects.get_or_create(programme=programme, kind=kind, defaults={
                "threshold_percent": Decimal(threshold),
                "threshold_percent_severe_disability": Decimal(severe) if severe else None,
                "window_months": window,
            })
        for contract_type, months, share, wages in EMPLOYMENT:
            EmploymentRule.objects.get_or_create(
                programme=programme, contract_type=contract_type, defaults={
                    "min_months": months,
                    "min_working_time": Decimal(share) if share else None,
                    "min_value_in_minimum_wages": Decimal(wages) if wages else None,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0005_employment_rules_data"),
        ("projects", "0015_regional_programmes"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
