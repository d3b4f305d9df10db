"""Effectiveness rules as data: thresholds and the window after finishing, per programme.

The 2014–2020 guidelines on social inclusion set 34 % social and 22 % employment effectiveness
(12 % employment for people with a severe disability); the regional 2021–2027 calls kept the same
measures. A call with other figures is a change of these rows (admin), not of code.
"""

from decimal import Decimal

from django.db import migrations

RULES = {
    "rpo-2014-2020": [("social", "34", None, 3), ("employment", "22", "12", 3)],
    "fel-2021-2027": [("social", "34", None, 3), ("employment", "22", "12", 3)],
}


def load(apps, schema_editor):
    FundingProgramme = apps.get_model("projects", "FundingProgramme")
    EffectivenessRule = apps.get_model("results", "EffectivenessRule")
    for code, rules in RULES.items():
        programme = FundingProgramme.objects.filter(code=code).first()
        if programme is None:
            continue
        for kind, threshold, severe, window in rules:
            EffectivenessRule.objects.update_or_create(
                programme=programme, kind=kind,
                defaults={
                    "threshold_percent": Decimal(threshold),
                    "threshold_percent_severe_disability": Decimal(severe) if severe else None,
                    "window_months": window,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0001_initial"),
        ("projects", "0002_code_lists"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
