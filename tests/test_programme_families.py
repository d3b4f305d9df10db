"""The programme code list holds the regional programmes of 2014–2020 and 2021–2027 of all
sixteen voivodeships, each with the effectiveness rules of its family; a new programme takes its
family's rules, so nobody types them again (issue 11, point 8)."""

from decimal import Decimal

from django.urls import reverse

from projects.models import FundingProgramme, ProgrammeFamily
from results.effectiveness import FAMILY_RULES
from results.models import EffectivenessRule
from results.services import programme_rules_adopt

from .factories import UserFactory

Family = ProgrammeFamily


def _rules(programme) -> tuple[set, set]:
    return (
        set(programme.effectiveness_rules.values_list(
            "kind", "threshold_percent", "threshold_percent_severe_disability", "window_months"
        )),
        set(programme.employment_rules.values_list(
            "contract_type", "min_months", "min_working_time", "min_value_in_minimum_wages"
        )),
    )


def _family_rules(family) -> tuple[set, set]:
    return set(FAMILY_RULES[family]["thresholds"]), set(FAMILY_RULES[family]["employment"])


def test_every_voivodeships_programme_of_both_periods_is_listed_with_its_familys_rules(db):
    regional = {
        (Family.RPO_2014_2020, 2014, 2020): "Województwa Zachodniopomorskiego",
        (Family.FE_2021_2027, 2021, 2027): "dla Pomorza Zachodniego",
    }
    for (family, first, last), example in regional.items():
        programmes = FundingProgramme.objects.filter(family=family).exclude(code="rpo-2014-2020")
        assert programmes.count() == 16
        assert {(p.period_start_year, p.period_end_year) for p in programmes} == {(first, last)}
        assert programmes.filter(name__contains=example).exists()
        for programme in programmes:
            assert _rules(programme) == _family_rules(family), programme.code
    assert FundingProgramme.objects.get(code="rpo-wl-2014-2020").short_name == "RPO WL"
    assert FundingProgramme.objects.get(code="fel-2021-2027").family == Family.FE_2021_2027


def test_a_new_programme_takes_its_familys_rules_and_keeps_its_own(db):
    programme = FundingProgramme.objects.create(
        code="fe-nowy-2021-2027", name="Fundusze Europejskie dla Nowego Regionu",
        short_name="FENR", fund="EFS+", period_start_year=2021, period_end_year=2027,
        family=Family.FE_2021_2027,
    )
    EffectivenessRule.objects.create(programme=programme, kind="social",
                                     threshold_percent=Decimal("40"), window_months=3)

    added = programme_rules_adopt(programme=programme)

    assert added == 4
    thresholds, employment = _rules(programme)
    assert ("social", Decimal("40"), None, 3) in thresholds  # its call's own figure stays
    assert ("employment", Decimal("22"), Decimal("12"), 3) in thresholds
    assert employment == _family_rules(Family.FE_2021_2027)[1]


def test_the_administrator_adds_a_programme_and_its_rules_come_with_it(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    inline = {f"{prefix}-{name}": value for prefix in ("effectiveness_rules", "employment_rules")
              for name, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}

    response = client.post(reverse("admin:projects_fundingprogramme_add"), {
        "code": "rpo-nowy-2014-2020", "name": "Regionalny Program Operacyjny Nowego Regionu",
        "short_name": "RPO NR", "fund": "EFS", "period_start_year": "2014",
        "period_end_year": "2020", "family": Family.RPO_2014_2020, **inline,
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    programme = FundingProgramme.objects.get(code="rpo-nowy-2014-2020")
    assert _rules(programme) == _family_rules(Family.RPO_2014_2020)
