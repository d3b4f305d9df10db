"""Employment counts by the programme's rules, held as data (form, length, working time, value)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from participants.models import ParticipationStatus
from projects.models import FundingProgramme
from reporting.indicators import project_indicators
from results.counting import employment_verdicts, first_counted_employment
from results.models import Employment, EmploymentRule, MinimumWage

from .factories import ParticipationFactory


@pytest.fixture
def finished(project, social_worker):
    """An RPO 2014–2020 project's participant who finished on 15.03.2025."""
    return ParticipationFactory(
        project=project, social_worker=social_worker, status=ParticipationStatus.COMPLETED,
        end_date=date(2025, 3, 15), path_completed=True,
    )


def employ(participation, **data) -> Employment:
    values = {"contract_type": "employment_contract", "employer_name": "Sklep",
              "start_date": date(2025, 4, 1), "evidence": "umowa"} | data
    return Employment.objects.create(participation=participation, **values)


def counts(participation) -> bool:
    return participation.pk in first_counted_employment([participation])


def test_the_2014_2020_rules_are_data(db):
    programme = FundingProgramme.objects.get(code="rpo-2014-2020")
    rules = {r.contract_type: r for r in EmploymentRule.objects.filter(programme=programme)}

    assert (rules["employment_contract"].min_months,
            rules["employment_contract"].min_working_time) == (3, Decimal("0.50"))
    assert (rules["civil_law"].min_months, rules["civil_law"].min_value_in_minimum_wages) == (
        3, Decimal("3.00")
    )
    assert rules["own_business"].min_months == 0
    assert MinimumWage.objects.get(valid_from=date(2025, 1, 1)).amount == Decimal("4666")


def test_a_ten_day_civil_law_contract_does_not_count(finished):
    employ(finished, contract_type="civil_law", end_date=date(2025, 4, 10),
           contract_value=Decimal("20000"))

    assert not counts(finished)
    achieved = {row.code: row.achieved for row in project_indicators(finished.project)}
    assert achieved["employed"] == 0


@pytest.mark.parametrize(
    ("end", "working_time", "expected"),
    [
        (date(2025, 6, 30), Decimal("0.50"), True),  # 01.04–30.06: three months, half time
        (date(2025, 6, 29), Decimal("0.50"), False),  # a day short
        (None, Decimal("0.40"), False),  # open-ended, but under half time
        (None, None, False),  # working time unknown: cannot be shown to count
        (None, Decimal("1"), True),
    ],
)
def test_an_employment_contract_needs_three_months_and_half_time(
    finished, end, working_time, expected
):
    employ(finished, end_date=end, working_time=working_time)

    assert counts(finished) is expected


@pytest.mark.parametrize(
    ("value", "expected"), [(Decimal("13998.00"), True), (Decimal("13997.99"), False)]
)
def test_a_civil_law_contract_needs_three_minimum_wages_of_its_start(finished, value, expected):
    # From 01.01.2025 the minimum wage is 4,666 zł: three are 13,998 zł.
    employ(finished, contract_type="civil_law", end_date=date(2025, 6, 30),
           contract_value=value)

    assert counts(finished) is expected


def test_starting_a_business_counts(finished):
    employ(finished, contract_type="own_business", employer_name="")

    assert counts(finished)


def test_a_programme_without_rules_counts_every_employment(db, social_worker):
    from .factories import ProjectFactory

    old = ProjectFactory(
        programme=FundingProgramme.objects.get(code="po-kl-2007-2013"),
        start_date=date(2011, 1, 1), end_date=date(2011, 12, 31),
    )
    participation = ParticipationFactory(
        project=old, status=ParticipationStatus.COMPLETED, end_date=date(2011, 12, 14)
    )
    employ(participation, start_date=date(2011, 12, 20), end_date=date(2011, 12, 30))

    assert counts(participation)


def test_the_card_shows_why_an_employment_does_not_count(client, social_worker, finished):
    short = employ(finished, contract_type="civil_law", end_date=date(2025, 4, 10),
                   contract_value=Decimal("1000"))
    client.force_login(social_worker)

    page = client.get(
        reverse("card:participation_tab", args=[finished.pk, "results"])
    ).content.decode()

    assert employment_verdicts(finished)[short.pk] == [
        "krótsze niż 3 miesiące",
        "o wartości niższej niż 3 minimalne wynagrodzenia (13\xa0998,00 zł)",
    ]
    assert "nie jest liczone" in page and "krótsze niż 3 miesiące" in page


def test_no_employment_dated_after_today(finished):
    tomorrow = timezone.localdate() + timedelta(days=1)
    employment = Employment(participation=finished, contract_type="own_business",
                            start_date=tomorrow, evidence="CEIDG")

    with pytest.raises(ValidationError) as refused:
        employment.full_clean()

    assert "start_date" in refused.value.error_dict
