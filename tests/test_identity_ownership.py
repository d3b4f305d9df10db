"""A person's identity belongs to the organisation that recorded it (issue: a coordinator of any
organisation could learn that a PESEL was on record anywhere, link a MOPS client into their own
project, rename them, and overwrite them by import).

Another organisation's record is neither found nor revealed nor changed: the same person is
recorded again as one's own, and double funding is still found by the identity (PESEL or
document), shown to the coordinator as the other project and dates only, and logged.
"""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import AccessAction, AccessLogEntry
from monitoring.importing import parse_file
from monitoring.services import participants_import
from participants.models import Participation, ParticipationStatus, Person

from .factories import ParticipationFactory, PersonFactory
from .helpers.forms import form_data
from .helpers.monitoring import VALID, csv_file
from .helpers.participants import LUCJA_BIRTH, LUCJA_PESEL, errors, register


@pytest.fixture
def theirs(other_project):
    """A client of another organisation (a MOPS elsewhere), in its own project."""
    other_project.agreement_number = "RPLU.11.01.00-06-0042/24"
    other_project.save()
    person = PersonFactory(first_name="Genowefa", last_name="Pigwa", birth_date=LUCJA_BIRTH,
                           pesel=LUCJA_PESEL, organisation=other_project.lead_beneficiary)
    return ParticipationFactory(
        person=person, project=other_project, status=ParticipationStatus.PARTICIPANT,
        start_date=date(2025, 2, 1), end_date=date(2025, 9, 30),
    )


def test_a_pesel_known_only_to_another_organisation_reveals_nothing(
    client, social_worker, project, theirs
):
    client.force_login(social_worker)

    # Whatever name is typed, the form answers as for a person never seen.
    response = register(client, project, use_existing="on")

    assert response.status_code == 302
    ours = Participation.objects.get(project=project).person
    assert ours != theirs.person
    assert (ours.first_name, ours.pesel, ours.organisation) == (
        "Łucja", LUCJA_PESEL, project.lead_beneficiary
    )
    theirs.person.refresh_from_db()
    assert (theirs.person.first_name, theirs.person.last_name) == ("Genowefa", "Pigwa")
    assert Participation.objects.filter(person=theirs.person).count() == 1


def test_another_organisations_namesake_is_not_offered(client, social_worker, project, theirs):
    client.force_login(social_worker)

    response = register(client, project, first_name="Genowefa", last_name="Pigwa",
                        pesel="", other_identifier="AB1234567")

    assert response.status_code == 302  # no "a person with this name is on record" warning


def test_editing_our_record_never_renames_theirs(client, social_worker, project, theirs):
    client.force_login(social_worker)
    register(client, project)
    ours = Participation.objects.get(project=project)
    url = reverse("participants:person_update", args=[ours.pk])

    response = client.post(url, form_data(client.get(url).context["form"]) | {
        "last_name": "Żółkiewska-Nowak"
    })

    assert response.status_code == 302
    theirs.person.refresh_from_db()
    assert theirs.person.last_name == "Pigwa"
    assert Person.objects.get(pk=ours.person_id).last_name == "Żółkiewska-Nowak"


def test_double_funding_across_organisations_shows_only_project_and_dates(
    client, social_worker, coordinator, project, theirs
):
    client.force_login(social_worker)
    register(client, project)
    ours = Participation.objects.get(project=project)
    Participation.objects.filter(pk=ours.pk).update(
        status=ParticipationStatus.PARTICIPANT, start_date=date(2025, 3, 1)
    )
    client.force_login(coordinator)

    card = client.get(reverse("card:participation_detail", args=[ours.pk]))
    start = client.get(reverse("home:start"))

    page = card.content.decode()
    assert "RPLU.11.01.00-06-0042/24" in page
    assert "01.02.2025 – 30.09.2025" in page
    assert "Genowefa" not in page and "Pigwa" not in page
    assert [p.pk for p in start.context["overlaps"]] == [ours.pk]
    logged = AccessLogEntry.objects.filter(
        user=coordinator, action=AccessAction.VIEW, object_type="participants.participation",
        object_id=theirs.pk,
    )
    assert logged.exists()


def test_an_import_matches_only_our_records(project, coordinator, theirs):
    row = VALID | {"pesel": LUCJA_PESEL, "first_name": "Łucja", "last_name": "Żółkiewska",
                   "birth_date": LUCJA_BIRTH.isoformat()}
    file = csv_file(row)

    result = participants_import(project=project, by=coordinator,
                                 parsed=parse_file(file, project, project.lead_beneficiary))

    assert result.created == 1
    theirs.person.refresh_from_db()
    assert (theirs.person.first_name, theirs.person.last_name) == ("Genowefa", "Pigwa")
    assert Person.objects.filter(pesel=LUCJA_PESEL).count() == 2


def test_an_import_never_overwrites_identity_it_reports_the_conflict(project, coordinator):
    ours = PersonFactory(first_name="Łucja", last_name="Żółkiewska", birth_date=LUCJA_BIRTH,
                         pesel=LUCJA_PESEL, organisation=project.lead_beneficiary)
    ParticipationFactory(person=ours, project=project, start_date=date(2025, 3, 3))
    file = csv_file(VALID | {"pesel": LUCJA_PESEL, "first_name": "Łucja",
                             "last_name": "Kowalczyk", "birth_date": LUCJA_BIRTH.isoformat(),
                             "start_date": "2025-03-03"})

    parsed = parse_file(file, project, project.lead_beneficiary)

    [error] = parsed.errors
    assert error.column == "Nazwisko"
    assert "Żółkiewska" in error.message
    with pytest.raises(Exception):  # noqa: B017 - the file has errors: nothing is imported
        participants_import(project=project, parsed=parsed, by=coordinator)
    ours.refresh_from_db()
    assert ours.last_name == "Żółkiewska"


def test_errors_of_the_form_never_name_another_organisations_person(
    client, social_worker, project, theirs
):
    client.force_login(social_worker)

    response = register(client, project, sex="M")  # a PESEL that disagrees with the sex

    assert response.status_code == 400
    assert "sex" in errors(response)
    assert "Pigwa" not in response.content.decode()
