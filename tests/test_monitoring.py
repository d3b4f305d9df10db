"""The participants file for the EU monitoring system (SM EFS) and the office's spreadsheet."""

import io
from datetime import date, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from accounts.models import AccessAction, AccessLogEntry
from monitoring.export import (
    SM_EFS,
    XLSX,
    export_bytes,
    exported_participations,
    missing_data,
)
from monitoring.layout import HEADERS
from participants.models import ParticipationStatus

from .factories import (
    ParticipationFactory,
    PersonFactory,
    ProjectFactory,
    ReferralFactory,
    SupportFormFactory,
    UserFactory,
)
from .helpers.monitoring import FULL_ENTRY_DATA, make_small_project, participation_of

EXPECTED_SM_EFS = (
    "\ufeff"
    "Kraj;Rodzaj uczestnika;Imię;Nazwisko;PESEL;Inny identyfikator;Data urodzenia;Płeć;"
    "Wiek w chwili przystąpienia do projektu;Wykształcenie;Województwo;Powiat;Gmina;"
    "Miejscowość;Kod pocztowy;Obszar wg stopnia urbanizacji (DEGURBA);Telefon kontaktowy;"
    "Adres e-mail;Data rozpoczęcia udziału w projekcie;Data zakończenia udziału w projekcie;"
    "Status osoby na rynku pracy w chwili przystąpienia do projektu;"
    "Okres pozostawania bez pracy (w miesiącach);Osoba długotrwale bezrobotna;"
    "Osoba obcego pochodzenia;Osoba państwa trzeciego;"
    "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności "
    "marginalizowane);Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań;"
    "Osoba z niepełnosprawnościami;Sytuacja osoby w momencie zakończenia udziału w projekcie;"
    "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną ścieżką;"
    "Rodzaj przyznanego wsparcia (data rozpoczęcia)\r\n"
    "Polska;Indywidualny;'=Zenon;Abacki;80051700135;;1980-05-17;Mężczyzna;44;"
    "Wyższe (ISCED 5–8);lubelskie;lubartowski;Lubartów;Lubartów;21-100;"
    "Małe miasta i przedmieścia (DEGURBA 2);'+48 600 100 200;zenon@example.org;"
    "2025-02-03;2025-06-30;Osoba bezrobotna zarejestrowana w ewidencji urzędów pracy;14;Tak;"
    "Nie;Nie;Odmowa podania informacji;Nie;Tak;"
    "Osoba pracująca (w tym prowadząca działalność na własny rachunek);Tak;"
    "Doradztwo zawodowe (2025-02-17) | Pośrednictwo pracy (2025-05-05)\r\n"
    "Polska;Indywidualny;Maria;Żak;Brak PESEL;AB1234567;1990-02-03;Kobieta;35;"
    "Niższe niż podstawowe (ISCED 0–2);lubelskie;lubartowski;Serniki;Wola Sernicka;21-107;"
    "Obszary wiejskie (DEGURBA 3);;;2025-03-01;;Osoba bierna zawodowo;;;"
    "Nie;Nie;Nie;Tak;Tak;;;\r\n"
).encode()


@pytest.mark.django_db
def test_the_sm_efs_file_has_exactly_these_bytes():
    project = make_small_project()

    assert export_bytes(project, SM_EFS) == EXPECTED_SM_EFS


@pytest.mark.django_db
def test_it_reports_only_people_who_started_support():
    project = make_small_project()
    ParticipationFactory(project=project, status=ParticipationStatus.CANDIDATE, start_date=None)
    ParticipationFactory(project=project, status=ParticipationStatus.RESIGNED, start_date=None)

    assert len(exported_participations(project)) == 2


@pytest.mark.django_db
def test_the_spreadsheet_has_the_same_columns_real_dates_and_no_formulas():
    project = make_small_project()

    workbook = load_workbook(io.BytesIO(export_bytes(project, XLSX)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))

    assert list(rows[0]) == HEADERS
    assert rows[1][2:9] == (
        "=Zenon", "Abacki", "80051700135", None, datetime(1980, 5, 17), "Mężczyzna", 44
    )
    assert rows[1][16] == "+48 600 100 200"
    assert rows[1][18:20] == (datetime(2025, 2, 3), datetime(2025, 6, 30))
    assert rows[2][2:6] == ("Maria", "Żak", "Brak PESEL", "AB1234567")
    assert sheet["G2"].is_date and sheet["G2"].number_format == "yyyy-mm-dd"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["C2"].data_type == "s"


@pytest.mark.django_db
def test_it_lists_participants_with_missing_required_data():
    project = make_small_project()
    gap = participation_of(
        project, PersonFactory(last_name="Brakowska"), **FULL_ENTRY_DATA | {
            "education": "", "county": "", "unemployment_months": None,
        },
        end_date=date(2025, 5, 31),
    )

    missing = missing_data(exported_participations(project))

    assert [item.participation for item in missing] == [gap]
    assert missing[0].fields == [
        _("education"), _("county"), _("months out of work"), _("situation at exit"),
        _("path completed as planned"),
    ]


@pytest.fixture
def gap_project(project):
    participation_of(
        project, PersonFactory(first_name="Anna", last_name="Brakowska"),
        **FULL_ENTRY_DATA | {"town": ""},
    )
    return project


def test_the_page_warns_of_missing_data_and_offers_both_files(client, coordinator, gap_project):
    client.force_login(coordinator)

    response = client.get(reverse("monitoring:export", args=[gap_project.pk]))

    page = response.content.decode()
    assert "Brakowska Anna" in page
    assert _("town") in page
    assert reverse("monitoring:export_download", args=[gap_project.pk, "sm-efs"]) in page
    assert reverse("monitoring:export_download", args=[gap_project.pk, "xlsx"]) in page


def test_a_download_is_logged_and_not_cached(client, coordinator, gap_project):
    client.force_login(coordinator)

    response = client.get(reverse("monitoring:export_download", args=[gap_project.pk, "sm-efs"]))

    assert response.getvalue() == export_bytes(gap_project, SM_EFS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="uczestnicy-NASZ-1-')
    assert "no-store" in response["Cache-Control"]
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.project) == (
        coordinator, AccessAction.EXPORT, gap_project
    )


def test_an_unknown_format_is_not_found(client, coordinator, project):
    client.force_login(coordinator)

    response = client.get(reverse("monitoring:export_download", args=[project.pk, "pdf"]))

    assert response.status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_the_command_writes_the_file_and_prints_missing_data(
    gap_project, coordinator, tmp_path, capsys
):
    output = tmp_path / "uczestnicy.csv"

    call_command(
        "export_participants", project="NASZ-1", format="sm-efs", output=str(output),
        user=coordinator.username,
    )

    assert output.read_bytes() == export_bytes(gap_project, SM_EFS)
    assert "Brakowska Anna" in capsys.readouterr().err
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.project) == (coordinator, "export", gap_project)


@pytest.mark.parametrize("who", ["social_worker", "director", "outsider", "nobody"])
def test_the_command_refuses_who_may_not_export(gap_project, personas, tmp_path, who):
    output = tmp_path / "uczestnicy.csv"
    username = personas[who].username if who in personas else "nikt-taki"

    with pytest.raises(CommandError):
        call_command(
            "export_participants", project="NASZ-1", format="sm-efs", output=str(output),
            user=username,
        )

    assert list(tmp_path.iterdir()) == []
    assert not AccessLogEntry.objects.exists()


def test_the_strict_command_refuses_while_data_is_missing(gap_project, coordinator, tmp_path):
    output = tmp_path / "uczestnicy.xlsx"

    with pytest.raises(CommandError):
        call_command(
            "export_participants", "--strict", project="NASZ-1", format="xlsx",
            output=str(output), user=coordinator.username,
        )

    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_the_strict_command_exports_complete_data(tmp_path):
    project = make_small_project()
    output = tmp_path / "uczestnicy.csv"

    call_command(
        "export_participants", "--strict", project=project.short_name, format="sm-efs",
        output=str(output), user=UserFactory(is_superuser=True).username,
    )

    assert output.read_bytes() == EXPECTED_SM_EFS


def _many(project, count):
    support_form = SupportFormFactory(project=project)
    for _number in range(count):
        participation = participation_of(project, PersonFactory(), **FULL_ENTRY_DATA)
        ReferralFactory(participation=participation, support_form=support_form)


def _queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", [SM_EFS, XLSX])
def test_the_export_runs_the_same_queries_for_3_and_50_participants(fmt):
    small, large = ProjectFactory(), ProjectFactory()
    _many(small, 3)
    _many(large, 50)

    assert _queries(lambda: export_bytes(small, fmt)) == _queries(
        lambda: export_bytes(large, fmt)
    )


def test_the_page_runs_the_same_queries_for_3_and_50_participants(client, coordinator, project):
    other = ProjectFactory()
    coordinator.memberships.create(project=other, role="coordinator")
    _many(project, 3)
    _many(other, 50)
    client.force_login(coordinator)
    client.get(reverse("monitoring:export", args=[project.pk]))  # warm the permission cache

    small = _queries(lambda: client.get(reverse("monitoring:export", args=[project.pk])))
    large = _queries(lambda: client.get(reverse("monitoring:export", args=[other.pk])))

    assert small == large
