"""The monitoring file in the layout of the project's programme period: SL2014 for 2014–2020.

A 2014–2020 project reports to SL2014 (more data: the level of education, the address in parts,
work at entry, the household); a 2021–2027 project to SM EFS. Each is documented column by column.
"""

import importlib
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from accounts.models import Role
from instruments.hours import refresh_hours
from instruments.models import Attendance
from monitoring.export import SL2014, SM_EFS, export_bytes, exported_participations, missing_data
from monitoring.importing import parse_file
from monitoring.layout import COLUMNS, SL2014_COLUMNS
from monitoring.services import participants_import
from participants.codelists import EDUCATION_GROUPS, EDUCATION_LEVELS
from participants.forms import ParticipationForm
from participants.models import EntryCorrection, Participation, ParticipationStatus
from projects.models import FundingProgramme

from .factories import (
    MembershipFactory,
    ParticipationFactory,
    PersonFactory,
    ProjectFactory,
    SessionFactory,
    SupportFormFactory,
)
from .helpers.forms import form_data
from .helpers.monitoring import VALID, csv_file

ENTRY = {
    "voivodeship": "lubelskie", "county": "lubartowski", "commune": "Lubartów",
    "town": "Lubartów", "postcode": "21-100", "urbanisation": "2", "foreign_origin": "no",
    "third_country_national": "no", "minority": "no", "homeless": "no", "disability": "no",
}


def _participation(project, person, **data):
    participation = ParticipationFactory(project=project, person=person, **data)
    participation.refresh_age_at_entry()
    participation.save()
    return participation


def rpo_project(short_name="RPO-1"):
    return ProjectFactory(
        short_name=short_name,
        programme=FundingProgramme.objects.get(code="rpo-2014-2020"),
        start_date=date(2019, 1, 1), end_date=date(2020, 12, 31),
    )


def make_rpo_project():
    """Two participants of a 2014–2020 project: one with every SL2014 fact, one lacking some."""
    project = rpo_project()
    training = SupportFormFactory(project=project, name="Trening kompetencji społecznych")
    counselling = SupportFormFactory(project=project, name="Doradztwo zawodowe")
    anna = _participation(
        project,
        PersonFactory(first_name="Anna", last_name="Lipowa", sex="K",
                      birth_date=date(1985, 4, 12), pesel="85041200226"),
        **ENTRY | {"foreign_origin": "refused"},
        education="isced_2", street="ul. Lipowa", building_number="5", flat_number="3",
        labour_market_status="employed", occupation="other", employer="Sklep „Groszek”",
        jobless_household="no", single_adult_household="yes", other_disadvantage="no",
        phone="600 100 200", start_date=date(2019, 3, 1), end_date=date(2019, 12, 20),
        status=ParticipationStatus.COMPLETED, situation_at_exit="employed", path_completed=True,
    )
    for support_form, day in [(counselling, date(2019, 4, 1)), (training, date(2019, 3, 5))]:
        Attendance.objects.create(
            session=SessionFactory(support_form=support_form, date=day), participation=anna,
            present=True,
        )
    _participation(
        project,
        PersonFactory(first_name="Jan", last_name="Bez", sex="M", birth_date=date(1970, 1, 2),
                      pesel="", other_identifier="AB1234567"),
        **ENTRY | {"commune": "Serniki", "town": "Wola Sernicka", "urbanisation": "3"},
        education="isced_0_2", labour_market_status="unemployed_registered",
        unemployment_months=30, jobless_household="yes", start_date=date(2019, 5, 6),
    )
    refresh_hours(project=project)  # the marks above were written directly, not by a service
    return project


def _sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def _cells(content: bytes) -> list[tuple]:
    """The sheet's values (the file's bytes also hold the second it was written)."""
    return list(_sheet(content).iter_rows(values_only=True))


@pytest.mark.django_db
def test_the_sl2014_file_has_the_sl2014_columns_and_these_values():
    project = make_rpo_project()

    sheet = _sheet(export_bytes(project, SL2014))

    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [column.header for column in SL2014_COLUMNS]
    assert len(rows[0]) == 41
    anna = dict(zip([column.key for column in SL2014_COLUMNS], rows[2], strict=True))
    assert anna == {
        "country": "Polska", "participant_type": "Indywidualny", "institution_name": None,
        "first_name": "Anna", "last_name": "Lipowa", "pesel": "85041200226", "no_pesel": "Nie",
        "sex": "Kobieta", "age_at_entry": 33, "education": "gimnazjalne (ISCED 2)",
        "voivodeship": "lubelskie", "county": "lubartowski", "commune": "Lubartów",
        "town": "Lubartów", "street": "ul. Lipowa", "building_number": "5", "flat_number": "3",
        "postcode": "21-100",
        "urbanisation": (
            "2 – Małe obszary miejskie (o ludności > 5000 i średniej gęstości zaludnienia)"
        ),
        "phone": "600 100 200", "email": None,
        "start_date": datetime(2019, 3, 1), "end_date": datetime(2019, 12, 20),
        "labour_market_status": "Osoba pracująca", "occupation": "Inny",
        "employer": "Sklep „Groszek”", "situation_at_exit": "Osoba pracująca",
        "youth_results": None, "path_completed": "Tak",
        "support_kinds": (
            "Trening kompetencji społecznych (2019-03-05) | Doradztwo zawodowe (2019-04-01)"
        ),
        "support_start": datetime(2019, 3, 5),
        "business_start_date": None, "business_grant": None, "business_pkd": None,
        # One SL2014 question for three SM EFS ones: a refusal of one of them, none "yes".
        "minority_migrant_foreign": "Odmowa podania informacji",
        "homeless": "Nie", "disability": "Nie",
        "jobless_household": "Nie", "jobless_household_children": "Nie",
        "single_adult_household": "Tak", "other_disadvantage": "Nie",
    }
    jan = dict(zip([column.key for column in SL2014_COLUMNS], rows[1], strict=True))
    assert (jan["last_name"], jan["pesel"], jan["no_pesel"]) == ("Bez", None, "Tak")
    # A group of education is not an SL2014 level: the cell stays empty and the page says so.
    assert (jan["education"], jan["support_kinds"], jan["support_start"]) == (None, None, None)


@pytest.mark.django_db
def test_sl2014_asks_for_the_level_the_address_number_work_and_household():
    project = make_rpo_project()
    participations = list(exported_participations(project))

    missing = {item.participation.person.last_name: item.fields
               for item in missing_data(participations, SL2014)}

    assert set(missing) == {"Bez"}
    assert set(missing["Bez"]) == {
        str(Participation._meta.get_field(name).verbose_name)
        for name in ("building_number", "jobless_household_children",
                     "single_adult_household", "other_disadvantage")
    } | {_("education: the level (ISCED 0, 1, 2, 3 or 4), not only the group")}
    # The same people checked for SM EFS lack nothing: those questions are SL2014's.
    assert missing_data(participations, SM_EFS) == []


@pytest.mark.django_db
def test_an_employed_person_needs_occupation_and_employer_for_sl2014():
    project = rpo_project()
    employed = _participation(
        project, PersonFactory(), **ENTRY, education="isced_3", building_number="1",
        labour_market_status="employed", jobless_household="no", single_adult_household="no",
        other_disadvantage="no", start_date=date(2019, 2, 1),
    )

    [item] = missing_data([employed], SL2014)

    assert item.fields == [_("occupation"), _("employed at")]


@pytest.mark.django_db
def test_the_sm_efs_file_gives_the_group_of_a_recorded_level():
    project = make_rpo_project()
    project.programme = FundingProgramme.objects.get(code="fel-2021-2027")

    csv_text = export_bytes(project, SM_EFS).decode("utf-8-sig")

    assert "Lipowa;85041200226;;1985-04-12;Kobieta;33;Niższe niż podstawowe (ISCED 0–2);" in (
        csv_text
    )


@pytest.mark.django_db
def test_the_page_offers_the_file_of_the_projects_period(client, coordinator, project):
    rpo = make_rpo_project()
    MembershipFactory(user=coordinator, project=rpo, role=Role.COORDINATOR)
    fel = project
    client.force_login(coordinator)

    rpo_page = client.get(reverse("monitoring:export", args=[rpo.pk])).content.decode()
    fel_page = client.get(reverse("monitoring:export", args=[fel.pk])).content.decode()

    assert reverse("monitoring:export_download", args=[rpo.pk, "sl2014"]) in rpo_page
    assert reverse("monitoring:export_download", args=[rpo.pk, "sm-efs"]) not in rpo_page
    assert _("education: the level (ISCED 0, 1, 2, 3 or 4), not only the group") in rpo_page
    assert reverse("monitoring:export_download", args=[fel.pk, "sm-efs"]) in fel_page
    assert reverse("monitoring:export_download", args=[fel.pk, "sl2014"]) not in fel_page
    # The office's spreadsheet (the import's layout) is offered for both.
    assert reverse("monitoring:export_download", args=[rpo.pk, "xlsx"]) in rpo_page


@pytest.mark.django_db
def test_each_project_downloads_only_its_own_systems_file(client, coordinator, project):
    rpo = make_rpo_project()
    MembershipFactory(user=coordinator, project=rpo, role=Role.COORDINATOR)
    fel = project
    client.force_login(coordinator)
    corrected = rpo.participations.get(person__last_name="Lipowa")
    Participation.objects.filter(pk=corrected.pk).update(resend_to_monitoring=True)

    refused = client.get(reverse("monitoring:export_download", args=[rpo.pk, "sm-efs"]),
                         follow=True)
    also_refused = client.get(reverse("monitoring:export_download", args=[fel.pk, "sl2014"]),
                              follow=True)
    sl2014 = client.get(reverse("monitoring:export_download", args=[rpo.pk, "sl2014"]))

    assert _("A 2014–2020 project reports to SL2014: download the SL2014 file.") in (
        refused.content.decode()
    )
    assert _("Only 2014–2020 projects report to SL2014: download the SM EFS file.") in (
        also_refused.content.decode()
    )
    assert _cells(sl2014.getvalue()) == _cells(export_bytes(rpo, SL2014))
    assert sl2014["Content-Disposition"].startswith(
        'attachment; filename="uczestnicy-sl2014-RPO-1-'
    )
    # The file went out: the corrected person has been re-sent.
    corrected.refresh_from_db()
    assert corrected.resend_to_monitoring is False


@pytest.mark.django_db
def test_the_command_refuses_the_other_periods_file(coordinator, tmp_path):
    rpo = make_rpo_project()
    MembershipFactory(user=coordinator, project=rpo, role=Role.COORDINATOR)
    output = tmp_path / "uczestnicy.xlsx"

    with pytest.raises(CommandError, match="SL2014"):
        call_command("export_participants", project="RPO-1", format="sm-efs",
                     output=str(output), user=coordinator.username)
    call_command("export_participants", project="RPO-1", format="sl2014",
                 output=str(output), user=coordinator.username)

    assert _cells(output.read_bytes()) == _cells(export_bytes(rpo, SL2014))


@pytest.mark.django_db
def test_the_form_asks_what_the_projects_period_reports():
    rpo = rpo_project()
    fel = ProjectFactory()

    rpo_form = ParticipationForm(instance=ParticipationFactory(project=rpo))
    fel_form = ParticipationForm(instance=ParticipationFactory(project=fel))

    assert [value for value, _label in rpo_form.fields["education"].choices][1:] == (
        EDUCATION_LEVELS
    )
    assert [value for value, _label in fel_form.fields["education"].choices][1:] == (
        EDUCATION_GROUPS
    )
    for name in ("occupation", "employer", "jobless_household", "other_disadvantage"):
        assert name in rpo_form.fields
        assert name not in fel_form.fields
    for name in ("street", "building_number", "flat_number"):
        assert name in rpo_form.fields and name in fel_form.fields


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "field", "message"), [
    ({"labour_market_status": "inactive", "occupation": "farmer"}, "occupation",
     "The occupation and the employer are given for an employed person only."),
    ({"jobless_household": "no", "jobless_household_children": "yes"},
     "jobless_household_children",
     "A household with dependent children where no one works is a household where no one "
     "works: answer that question “yes” too."),
    ({"flat_number": "3"}, "building_number", "Give the building number with the flat number."),
])
def test_what_cannot_be_true_is_refused_on_its_field(data, field, message):
    participation = ParticipationFactory(project=rpo_project(), start_date=date(2019, 2, 1))
    for name, value in data.items():
        setattr(participation, name, value)

    with pytest.raises(Exception) as refused:
        participation.full_clean()

    assert refused.value.message_dict[field] == [_(message)]


@pytest.mark.django_db
def test_the_migration_splits_the_street_from_the_building_and_flat():
    migration = importlib.import_module("participants.migrations.0010_sl2014_entry_data")
    typed = {
        "ul. Lipowa 5/3": ("ul. Lipowa", "5", "3"),
        "Aleje Racławickie 12A": ("Aleje Racławickie", "12A", ""),
        "ul. 3 Maja 7 / 12": ("ul. 3 Maja", "7", "12"),
        "Osiedle bez numeru": ("Osiedle bez numeru", "", ""),
    }
    participations = [ParticipationFactory(street=street) for street in typed]

    migration.split_street(apps, None)

    for participation, expected in zip(participations, typed.values(), strict=True):
        participation.refresh_from_db()
        assert (participation.street, participation.building_number,
                participation.flat_number) == expected
        assert participation.street_address == " ".join(
            part for part in [expected[0], "/".join(p for p in expected[1:] if p)] if part
        )


def test_both_layouts_are_documented_column_by_column():
    text = (Path(settings.BASE_DIR) / "docs" / "monitoring-columns.md").read_text()

    for heading, columns in [("## SM EFS columns", COLUMNS), ("## SL2014 columns", SL2014_COLUMNS)]:
        section = text.split(heading, 1)[1].split("\n## ", 1)[0]
        for number, column in enumerate(columns, start=1):
            assert f"| {number} | {column.header} |" in section, column.header


@pytest.mark.django_db
def test_an_import_of_the_group_keeps_the_level_recorded_here(project, coordinator):
    file = csv_file(VALID | {"education": "Niższe niż podstawowe (ISCED 0–2)"})
    participants_import(project=project, parsed=parse_file(file, project), by=coordinator)
    Participation.objects.update(education="isced_1")

    result = participants_import(project=project, parsed=parse_file(file, project),
                                 by=coordinator)

    assert (result.updated, result.unchanged) == (0, 1)
    assert Participation.objects.get().education == "isced_1"
    assert not EntryCorrection.objects.exists()


@pytest.mark.django_db
def test_the_office_completes_the_sl2014_data_on_the_edit_form(client, coordinator):
    project = make_rpo_project()
    MembershipFactory(user=coordinator, project=project, role=Role.COORDINATOR)
    jan = project.participations.get(person__last_name="Bez")
    jan.social_worker = coordinator
    jan.application_date = date(2019, 5, 2)
    jan.save()
    client.force_login(coordinator)
    url = reverse("participants:participation_update", args=[jan.pk])
    page = client.get(url)
    assert _("Lives in a household where no one works").lower() in page.content.decode().lower()

    response = client.post(url, form_data(page.context["form"]) | {
        "education": "isced_1", "building_number": "12", "jobless_household_children": "yes",
        "single_adult_household": "no", "other_disadvantage": "yes",
        "correction_reason": "Dane z formularza zgłoszeniowego uzupełnione po rozpoczęciu",
    })

    assert response.status_code == 302, response.context["form"].errors
    assert missing_data([Participation.objects.get(pk=jan.pk)], SL2014) == []
    card = client.get(reverse("card:participation_detail", args=[jan.pk]))
    assert _("In another disadvantaged social situation") in card.content.decode()
