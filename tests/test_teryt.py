"""The commune from the TERYT code list: chosen, not typed, and compared by code."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from participants.eligibility import eligibility_problems
from participants.models import ParticipationStatus
from projects.models import Commune

from .factories import ParticipationFactory
from .helpers.forms import form_data

# An excerpt in the layout of GUS's TERC file; the codes are for the tests only.
SAMPLE = Path(__file__).parent / "data" / "terc_sample.csv"


@pytest.fixture
def communes(db):
    call_command("load_teryt", str(SAMPLE))
    return {c.code: c for c in Commune.objects.all()}


def test_it_loads_the_communes_of_a_terc_file(communes):
    assert sorted(communes) == ["0608011", "0608062", "0608073", "0608122"]  # not 4 and 5
    town = communes["0608011"]
    assert (town.name, town.kind, town.county, town.voivodeship) == (
        "Lubartów", "1", "lubartowski", "lubelskie"
    )


def test_loading_again_changes_nothing(communes):
    call_command("load_teryt", str(SAMPLE))

    assert Commune.objects.count() == 4


@pytest.fixture
def area(project):
    """The town of Lubartów, as the support area, by its code."""
    return project.support_area.create(voivodeship="lubelskie", county="lubartowski",
                                       commune="Lubartów (miasto)", teryt="0608011")


def test_a_commune_typed_differently_but_coded_the_same_is_inside(project, area):
    candidate = ParticipationFactory(project=project, status=ParticipationStatus.CANDIDATE,
                                     commune="Lubartów", commune_teryt="0608011")

    assert eligibility_problems(candidate, [area]) == []


def test_the_rural_commune_of_the_same_name_is_outside(project, area):
    candidate = ParticipationFactory(project=project, status=ParticipationStatus.CANDIDATE,
                                     commune="Lubartów", commune_teryt="0608062")

    assert len(eligibility_problems(candidate, [area])) == 1


def test_the_form_takes_the_commune_as_the_list_shows_it(client, social_worker, participation,
                                                          communes):
    url = reverse("participants:participation_update", args=[participation.pk])
    client.force_login(social_worker)
    page = client.get(url)
    data = form_data(page.context["form"]) | {
        "commune_teryt": communes["0608122"].label, "correction_reason": "Adres z dowodu.",
    }

    response = client.post(url, data)

    participation.refresh_from_db()
    assert 'list="teryt-communes"' in page.content.decode()
    assert communes["0608122"].label in page.content.decode()  # the datalist offers it
    assert response.status_code == 302
    assert (participation.commune_teryt, participation.commune, participation.county,
            participation.voivodeship) == ("0608122", "Serniki", "lubartowski", "lubelskie")


def test_a_code_not_on_the_list_is_refused(client, social_worker, participation, communes):
    url = reverse("participants:participation_update", args=[participation.pk])
    client.force_login(social_worker)
    data = form_data(client.get(url).context["form"]) | {
        "commune_teryt": "9999999", "correction_reason": "Adres z dowodu.",
    }

    response = client.post(url, data)

    assert response.status_code == 400
    assert "commune_teryt" in response.context["form"].errors


def test_the_support_area_is_chosen_from_the_list_once_it_is_loaded(project, communes):
    from projects.forms import SupportAreaCommuneForm

    typed = SupportAreaCommuneForm(data={"voivodeship": "lubelskie", "county": "lubartowski",
                                         "commune": "Lubartów"})
    chosen = SupportAreaCommuneForm(data={"teryt": communes["0608011"].label})

    assert "teryt" in typed.errors
    assert chosen.is_valid(), chosen.errors
    assert (chosen.cleaned_data["teryt"], chosen.cleaned_data["commune"]) == (
        "0608011", "Lubartów"
    )


def test_the_support_area_takes_many_communes_in_one_save(client, coordinator, project, communes):
    """Codes typed or pasted at once: a county's 4 digits add all its communes, one already in
    the area is not added twice, and each row is attributed to who saved the project."""
    from projects.models import SupportAreaCommune

    from .helpers.forms import project_post_data

    client.force_login(coordinator)
    url = reverse("projects:project_update", args=[project.pk])

    response = client.post(url, project_post_data(project) | {"area_codes": "0608011, 0608062"})
    assert response.status_code == 302
    again = client.post(url, project_post_data(project) | {"area_codes": "0608"})
    assert again.status_code == 302

    area = SupportAreaCommune.objects.filter(project=project)
    assert sorted(area.values_list("teryt", flat=True)) == sorted(communes)
    lubartow = area.get(teryt="0608011")
    assert (lubartow.commune, lubartow.county, lubartow.voivodeship) == (
        "Lubartów", "lubartowski", "lubelskie"
    )
    assert not SupportAreaCommune.history.filter(history_user__isnull=True).exists()


def test_an_unknown_code_is_named_and_nothing_is_saved(client, coordinator, project, communes):
    from projects.models import SupportAreaCommune

    from .helpers.forms import project_post_data

    client.force_login(coordinator)
    url = reverse("projects:project_update", args=[project.pk])

    response = client.post(url, project_post_data(project) | {
        "area_codes": "0608011 9999999 123", "title": "Zmieniony",
    })

    assert response.status_code == 400
    page = response.content.decode()
    assert "9999999" in page and "123" in page
    assert not SupportAreaCommune.objects.filter(project=project).exists()
    project.refresh_from_db()
    assert project.title != "Zmieniony"
