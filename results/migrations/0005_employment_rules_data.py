"""Which employment counts, as data: the minimum wage by year and the programmes' rules.

The 2014–2020 active-integration rules (and the regional 2021–2027 calls that kept them): an
employment contract of at least 3 months and at least half time; a civil-law contract of at least
3 months worth at least three minimum monthly wages; or starting a business. PO KL 2007–2013 set
no such rule: every employment counts there. A call with other rules changes these rows (admin).
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

# The national minimum monthly wage (rozporządzenia Rady Ministrów), gross PLN.
MINIMUM_WAGES = [
    (date(2010, 1, 1), "1317"), (date(2011, 1, 1), "1386"), (date(2012, 1, 1), "1500"),
    (date(2013, 1, 1), "1600"), (date(2014, 1, 1), "1680"), (date(2015, 1, 1), "1750"),
    (date(2016, 1, 1), "1850"), (date(2017, 1, 1), "2000"), (date(2018, 1, 1), "2100"),
    (date(2019, 1, 1), "2250"), (date(2020, 1, 1), "2600"), (date(2021, 1, 1), "2800"),
    (date(2022, 1, 1), "3010"), (date(2023, 1, 1), "3490"), (date(2023, 7, 1), "3600"),
    (date(2024, 1, 1), "4242"), (date(2024, 7, 1), "4300"), (date(2025, 1, 1), "4666"),
    (date(2026, 1, 1), "4806"),
]
# (form of employment, minimum months, minimum working time, minimum value in minimum wages)
ACTIVE_INTEGRATION = [
    ("employment_contract", 3, "0.50", None),
    ("civil_law", 3, None, "3"),
    ("own_business", 0, None, None),
]
RULES = {"rpo-2014-2020": ACTIVE_INTEGRATION, "fel-2021-2027": ACTIVE_INTEGRATION}


def load(apps, schema_editor):
    MinimumWage = apps.get_model("results", "MinimumWage")
    EmploymentRule = apps.get_model("results", "EmploymentRule")
    FundingProgramme = apps.get_model("projects", "FundingProgramme")
    for valid_from, amount in MINIMUM_WAGES:
        MinimumWage.objects.update_or_create(
            valid_from=valid_from, defaults={"amount": Decimal(amount)}
        )
    for code, rules in RULES.items():
        programme = FundingProgramme.objects.filter(code=code).first()
        if programme is None:
            continue
        for contract_type, months, working_time, value in rules:
            EmploymentRule.objects.update_or_create(
                programme=programme, contract_type=contract_type,
                defaults={
                    "min_months": months,
                    "min_working_time": Decimal(working_time) if working_time else None,
                    "min_value_in_minimum_wages": Decimal(value) if value else None,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0004_employment_rules"),
        ("projects", "0002_code_lists"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
