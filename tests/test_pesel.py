"""PESEL numbers: normalisation, consistency with the person's data, database constraints."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from stdnum.pl import pesel as stdnum_pesel

from demo.people import make_pesel
from participants.models import Person
from participants.pesel import normalise_pesel

from .factories import OrganisationFactory, PersonFactory
from .helpers.participants import register

BIRTH = date(1980, 5, 17)
VALID = make_pesel(BIRTH, 123, "K")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def wrong_check_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def error_code(value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        normalise_pesel(value)
    return caught.value.code


def test_it_accepts_a_valid_pesel():
    assert stdnum_pesel.is_valid(VALID)
    assert normalise_pesel(VALID) == VALID


def test_it_strips_surrounding_whitespace():
    assert normalise_pesel(f"  {VALID}\n") == VALID


@pytest.mark.parametrize("value", ["8005171234", "800517123456", "1"])
def test_it_rejects_a_wrong_length(value):
    assert error_code(value) == "invalid_length"


def test_it_rejects_a_wrong_check_digit():
    assert error_code(wrong_check_digit(VALID)) == "invalid_checksum"


def test_it_rejects_a_date_that_does_not_exist():
    body = "8013321234"  # month 13 of the 1900s
    assert error_code(body + stdnum_pesel.calc_check_digit(body)) == "invalid_date"


@pytest.mark.parametrize("value", ["8005171234A", "ABCDEFGHIJK", "800517l2345"])
def test_it_rejects_letters(value):
    assert error_code(value) == "invalid_format"


def test_it_rejects_arabic_indic_digits():
    assert error_code(VALID.translate(ARABIC_INDIC)) == "invalid_format"


def test_it_rejects_fullwidth_digits():
    assert error_code(VALID.translate(FULLWIDTH)) == "invalid_format"


def person(**values):
    defaults = {"first_name": "Anna", "last_name": "Nowak", "sex": "K", "birth_date": BIRTH}
    return Person(**{**defaults, **values})


def errors_of(candidate: Person) -> dict:
    with pytest.raises(ValidationError) as caught:
        candidate.full_clean()
    return caught.value.message_dict


@pytest.mark.django_db
def test_a_consistent_person_passes_full_clean():
    person(pesel=VALID).full_clean()


@pytest.mark.django_db
def test_it_reports_a_birth_date_mismatch_on_the_birth_date():
    errors = errors_of(person(pesel=VALID, birth_date=date(1980, 5, 18)))
    assert set(errors) == {"birth_date"}
    assert date_format(BIRTH, "SHORT_DATE_FORMAT") in errors["birth_date"][0]


@pytest.mark.django_db
def test_it_reports_a_sex_mismatch_on_the_sex():
    errors = errors_of(person(pesel=VALID, sex="M"))
    assert set(errors) == {"sex"}


@pytest.mark.django_db
def test_it_reports_both_mismatches_at_once():
    errors = errors_of(person(pesel=make_pesel(BIRTH, 5, "M"), birth_date=date(1981, 1, 1)))
    assert set(errors) == {"birth_date", "sex"}


@pytest.mark.django_db
def test_a_person_without_pesel_needs_another_identifier():
    assert set(errors_of(person(pesel=""))) == {"other_identifier"}
    person(pesel="", other_identifier="AB1234567").full_clean()


@pytest.mark.django_db
def test_the_database_rejects_a_duplicate_pesel_in_one_organisation():
    first = PersonFactory(pesel=VALID)
    with pytest.raises(IntegrityError, match="pesel"), transaction.atomic():
        person(pesel=VALID, last_name="Kowalska", organisation=first.organisation).save()


@pytest.mark.django_db
def test_another_organisation_records_the_same_pesel_as_its_own():
    PersonFactory(pesel=VALID)
    person(pesel=VALID, last_name="Kowalska", organisation=OrganisationFactory()).save()
    assert Person.objects.filter(pesel=VALID).count() == 2


@pytest.mark.django_db
def test_the_database_allows_many_people_without_pesel():
    office = OrganisationFactory()
    person(pesel="", other_identifier="AB1", organisation=office).save()
    person(pesel="", other_identifier="AB2", organisation=office).save()
    assert Person.objects.filter(pesel="").count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    ["ABCDEFGHIJK", "8005171234", VALID.translate(ARABIC_INDIC), VALID.translate(FULLWIDTH)],
)
def test_the_database_rejects_a_pesel_that_is_not_eleven_ascii_digits(value):
    office = OrganisationFactory()
    with pytest.raises(IntegrityError, match="person_pesel_eleven_digits"), transaction.atomic():
        person(pesel=value, organisation=office).save()


@pytest.mark.django_db
def test_the_database_rejects_a_person_without_any_identifier():
    office = OrganisationFactory()
    with pytest.raises(IntegrityError, match="person_has_identifier"), transaction.atomic():
        person(pesel="", other_identifier="", organisation=office).save()


@pytest.mark.django_db
def test_repr_does_not_show_the_pesel():
    saved = PersonFactory(pesel=VALID)
    assert VALID not in repr(saved)
    assert VALID not in repr(person(pesel=VALID))


@pytest.mark.parametrize("typed", ["850315 12368", "850315-12368", " 8503 1512 368 "])
def test_a_pesel_typed_with_spaces_or_dashes_is_stored_as_eleven_digits(
    client, social_worker, project, typed
):
    client.force_login(social_worker)
    response = register(client, project, pesel=typed, first_name="Łucja",
                        last_name="Żółkiewska", birth_date="1985-03-15", sex="K")

    assert response.status_code == 302
    assert Person.objects.get().pesel == "85031512368"
