"""Organisations: the NIP and REGON checked and explained in the page's language, stored as ASCII
digits only, and a NIP recorded once."""


import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from projects.forms import OrganisationForm
from projects.models import Organisation

from . import fixtures_projects
from .factories import OrganisationFactory
from .fixtures_projects import choose_language

# The shared fixtures, bound here so that pytest finds them in this module.
coordinator_client = fixtures_projects.coordinator_client


VALID_NIP = "5261040828"


VALID_REGON = "123456785"


# --- NIP and REGON --------------------------------------------------------------------------


def organisation_form(**fields) -> OrganisationForm:
    return OrganisationForm(data={"name": "Fundacja Razem", "kind": "ngo"} | fields)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("nip", "5261040827", "invalid_checksum"),
        ("nip", "526104082", "invalid_length"),
        ("nip", "٥٢٦١٠٤٠٨٢٨", "invalid_format"),
        ("nip", "526104082٨", "invalid_format"),
        ("nip", "52610408a8", "invalid_format"),
        ("regon", "123456784", "invalid_checksum"),
        ("regon", "1234567", "invalid_length"),
        ("regon", "١٢٣٤٥٦٧٨٥", "invalid_format"),
    ],
    ids=[
        "nip-checksum",
        "nip-length",
        "nip-arabic-indic",
        "nip-one-arabic-indic-digit",
        "nip-letter",
        "regon-checksum",
        "regon-length",
        "regon-arabic-indic",
    ],
)
def test_it_rejects_invalid_organisation_numbers(db, field, value, code):
    form = organisation_form(**{field: value})

    assert not form.is_valid()
    assert [error.code for error in form.errors.as_data()[field]] == [code]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_it_explains_a_wrong_check_digit(coordinator_client, language):
    data = {"name": "Fundacja Razem", "kind": "ngo", "nip": "5261040827"}

    choose_language(coordinator_client, language)
    response = coordinator_client.post(reverse("projects:organisation_create"), data)

    message = "%(name)s has a wrong check digit: check it against the document."
    with translation.override(language):
        expected = escape(translation.gettext(message) % {"name": "NIP"})
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not Organisation.objects.filter(name="Fundacja Razem").exists()


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        pytest.param("nip", VALID_NIP, VALID_NIP, id="nip-plain"),
        pytest.param("nip", "526-104-08-28", VALID_NIP, id="nip-dashes-3-3-2-2"),
        pytest.param("nip", "526-10-40-828", VALID_NIP, id="nip-dashes-3-2-2-3"),
        pytest.param("nip", f" {VALID_NIP} ", VALID_NIP, id="nip-spaces-around"),
        pytest.param("regon", "123-456-785", VALID_REGON, id="regon-dashes"),
        pytest.param("regon", "12345678512347", "12345678512347", id="regon-14"),
    ],
)
def test_it_stores_organisation_numbers_as_ascii_digits_only(db, field, value, stored):
    form = organisation_form(**{field: value})

    assert form.is_valid(), form.errors
    assert getattr(form.save(), field) == stored


def test_it_rejects_a_nip_in_full_width_digits(db):
    form = organisation_form(nip="５２６１０４０８２８")

    assert not form.is_valid()
    assert form.errors.as_data()["nip"][0].code == "invalid_format"


def test_it_normalises_numbers_posted_to_the_organisation_page(coordinator_client, office):
    data = {"name": "Fundacja Razem", "kind": "ngo", "nip": "526-104-08-28", "regon": "123-456-785"}

    response = coordinator_client.post(reverse("projects:organisation_create"), data)

    assert response.status_code == 302
    assert Organisation.objects.filter(nip=VALID_NIP, regon=VALID_REGON).count() == 1


def test_it_rejects_a_nip_that_is_already_recorded(db):
    OrganisationFactory(nip=VALID_NIP)

    form = organisation_form(nip="5261040828")

    assert not form.is_valid()
    assert Organisation.objects.filter(nip=VALID_NIP).count() == 1


def test_it_allows_many_organisations_without_a_nip(db):
    OrganisationFactory(nip="")

    form = organisation_form(nip="")

    assert form.is_valid(), form.errors


def test_it_keeps_nip_unique_in_the_database(db):
    OrganisationFactory(nip=VALID_NIP)

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(nip=VALID_NIP)
