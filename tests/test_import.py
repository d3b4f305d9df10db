"""Importing participants from a file in the export's layout: checked, atomic, idempotent."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from instruments.models import Referral
from monitoring.export import SM_EFS, XLSX, export_bytes
from monitoring.importing import FileProblem, parse_file
from monitoring.layout import BY_KEY
from monitoring.services import participants_import
from participants.models import Participation, ParticipationStatus, Person, StatusChange
from participants.pesel import normalise_pesel

from .factories import ProjectFactory, SupportFormFactory, UserFactory
from .helpers.monitoring import SECOND, VALID, csv_file, make_small_project, upload


@pytest.fixture
def user(db):
    return UserFactory(username="importer")


def imported(project, data: bytes, user, only_valid=False):
    return participants_import(
        project=project, parsed=parse_file(data, project), by=user, only_valid=only_valid
    )


def test_it_imports_valid_rows_with_attributed_history(project, user):
    result = imported(project, csv_file(VALID, SECOND), user)

    assert (result.created, result.updated, result.unchanged, result.skipped) == (2, 0, 0, 0)
    lucja = Participation.objects.get(person__pesel="85031500240")
    assert lucja.project == project
    assert lucja.status == ParticipationStatus.PARTICIPANT
    assert (lucja.start_date, lucja.age_at_entry, lucja.education) == (
        date(2025, 2, 3), 39, "isced_5_8"
    )
    assert lucja.history.first().history_user == user
    assert lucja.person.history.first().history_user == user
    assert set(StatusChange.objects.values_list("changed_by", flat=True)) == {user.pk}


def errors_of(project, data):
    return [(e.row, e.column, e.message) for e in parse_file(data, project).errors]


def test_it_reports_each_problem_with_its_row_and_column(project):
    bad = [
        VALID,
        SECOND | {"pesel": "80051700136"},
        VALID | {"pesel": "85031500127", "first_name": "Ola", "start_date": "03.02.2025"},
        VALID | {"pesel": "80051700364", "education": "średnie"},
        VALID | {"pesel": "80051700364"},
    ]

    errors = errors_of(project, csv_file(*bad))

    with pytest.raises(ValidationError) as checksum:
        normalise_pesel("80051700136")
    assert (3, "PESEL", checksum.value.messages[0]) in errors
    assert (4, BY_KEY["start_date"].header,
            _("“%(value)s” is not a date in the form yyyy-mm-dd.") % {"value": "03.02.2025"}
            ) in errors
    assert any(row == 5 and column == BY_KEY["education"].header for row, column, _m in errors)
    assert (6, BY_KEY["birth_date"].header) in {(row, column) for row, column, _m in errors}
    assert not any(row == 2 for row, _c, _m in errors)


def test_a_wrong_sex_and_an_unknown_support_form_are_errors(project):
    errors = errors_of(project, csv_file(VALID | {
        "sex": "Mężczyzna", "support": "Nieznana forma (2025-02-03)"
    }))

    assert {column for _row, column, _m in errors} == {
        BY_KEY["sex"].header, BY_KEY["support"].header
    }


def test_a_file_with_errors_imports_nothing(project, user):
    data = csv_file(VALID, SECOND | {"postcode": "21100"})

    with pytest.raises(ValidationError):
        imported(project, data, user)

    assert not Person.objects.exists()
    assert not Participation.history.exists()


def test_only_valid_rows_are_imported_when_chosen(project, user):
    data = csv_file(VALID, SECOND | {"postcode": "21100"})

    result = imported(project, data, user, only_valid=True)

    assert (result.created, result.skipped) == (1, 1)
    assert list(Person.objects.values_list("pesel", flat=True)) == ["85031500240"]


def _history_counts():
    return (Person.history.count(), Participation.history.count(), Referral.history.count(),
            StatusChange.objects.count())


def test_importing_the_same_file_again_changes_nothing(project, user):
    SupportFormFactory(project=project, name="Trening kompetencji")
    data = csv_file(VALID | {"support": "Trening kompetencji (2025-02-05)"}, SECOND)
    imported(project, data, user)
    before = _history_counts()

    result = imported(project, data, user)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert _history_counts() == before


def test_a_changed_value_updates_only_that_participant(project, user):
    imported(project, csv_file(VALID, SECOND), user)

    result = imported(project, csv_file(VALID | {"town": "Firlej"}, SECOND), user)

    assert (result.updated, result.unchanged) == (1, 1)
    assert Participation.objects.get(person__pesel="85031500240").town == "Firlej"


@pytest.mark.parametrize("fmt", [SM_EFS, XLSX])
def test_an_export_imported_into_a_fresh_project_exports_the_same(fmt, user):
    source = make_small_project("ZRODLO-1")
    fresh = ProjectFactory(short_name="NOWY-1")
    SupportFormFactory(project=fresh, name="Doradztwo zawodowe")

    result = imported(fresh, export_bytes(source, fmt), user)

    assert result.created == 2
    # Everything but the support received, which comes from attendance the file cannot carry:
    # the file's support becomes referrals dated when that support began.
    assert _without_support(export_bytes(fresh, SM_EFS)) == _without_support(
        export_bytes(source, SM_EFS)
    )
    zenon = Participation.objects.get(project=fresh, person__last_name="Abacki")
    assert zenon.person.first_name == "=Zenon"
    assert zenon.status == ParticipationStatus.COMPLETED
    assert [(r.support_form.name, r.referred_on) for r in zenon.referrals.all()] == [
        ("Doradztwo zawodowe", date(2025, 2, 17))
    ]


def _without_support(content: bytes) -> list[str]:
    return [line.rsplit(";", 1)[0] for line in content.decode().split("\r\n")]


def test_a_file_with_other_columns_is_refused(project):
    with pytest.raises(FileProblem) as problem:
        parse_file("Imię;Nazwisko\r\nAnna;Nowak\r\n".encode(), project)

    assert str(problem.value) == _(
        "The file does not have the columns of the participants export: "
        "start from a file exported here and keep its header row."
    )


# --- The command ----------------------------------------------------------------------------


def test_the_command_requires_a_user(project, tmp_path):
    path = tmp_path / "plik.csv"
    path.write_bytes(csv_file(VALID))

    with pytest.raises(CommandError):
        call_command("import_participants", str(path), project="NASZ-1")

    assert not Person.objects.exists()


def test_the_command_refuses_a_file_with_errors_unless_only_valid(project, user, tmp_path, capsys):
    path = tmp_path / "plik.csv"
    path.write_bytes(csv_file(VALID, SECOND | {"start_date": "wczoraj"}))

    with pytest.raises(CommandError):
        call_command("import_participants", str(path), project="NASZ-1", user="importer")
    assert not Person.objects.exists()
    assert "3" in capsys.readouterr().err

    call_command("import_participants", str(path), "--only-valid", project="NASZ-1",
                 user="importer")
    assert Person.objects.count() == 1
    assert Participation.objects.get().history.first().history_user == user


# --- The page -------------------------------------------------------------------------------


def test_the_page_previews_then_imports_the_same_file(client, coordinator, project):
    data = csv_file(VALID, SECOND | {"postcode": "21100"})
    client.force_login(coordinator)
    url = reverse("monitoring:import", args=[project.pk])
    confirm = reverse("monitoring:import_confirm", args=[project.pk])

    preview = client.post(url, {"file": upload(data)})
    refused = client.post(confirm, {"file": upload(data)})
    done = client.post(confirm, {"file": upload(data), "only_valid": "on"})

    assert preview.status_code == 200
    assert _("Enter a postcode in the form 00-000.") in preview.content.decode()
    assert preview.context["parsed"].invalid_count == 1
    assert refused.status_code == 400
    assert done.status_code == 302
    assert list(Person.objects.values_list("pesel", flat=True)) == ["85031500240"]
    assert Participation.objects.get().history.first().history_user == coordinator


def test_a_refused_import_answers_400_with_the_reason_at_the_confirm_form(
    client, coordinator, project
):
    data = csv_file(VALID, SECOND | {"postcode": "21100"})
    client.force_login(coordinator)
    client.post(reverse("monitoring:import", args=[project.pk]), {"file": upload(data)})

    response = client.post(reverse("monitoring:import_confirm", args=[project.pk]),
                           {"file": upload(data)})

    reason = _("The file has errors: nothing has been imported.")
    assert response.status_code == 400
    assert response.context["confirm_form"].non_field_errors() == [reason]
    assert response.context["parsed"].invalid_count == 1  # the preview stays
    assert 'id="form-errors"' in response.content.decode()
    assert not Person.objects.exists()


def test_confirming_a_file_that_was_not_checked_imports_nothing(client, coordinator, project):
    client.force_login(coordinator)
    client.post(reverse("monitoring:import", args=[project.pk]), {"file": upload(csv_file(VALID))})

    response = client.post(
        reverse("monitoring:import_confirm", args=[project.pk]),
        {"file": upload(csv_file(SECOND))},
    )

    assert response.status_code == 302
    assert not Person.objects.exists()


def test_the_page_reads_an_xlsx_export(client, coordinator, project):
    source = make_small_project("ZRODLO-2")
    SupportFormFactory(project=project, name="Doradztwo zawodowe")
    data = export_bytes(source, XLSX)
    assert load_workbook(io.BytesIO(data)).active.max_row == 3
    client.force_login(coordinator)

    client.post(reverse("monitoring:import", args=[project.pk]), {"file": upload(data, "a.xlsx")})
    client.post(reverse("monitoring:import_confirm", args=[project.pk]), {"file": upload(data)})

    assert project.participations.count() == 2


def test_a_file_that_is_not_a_table_is_refused_with_a_message(client, coordinator, project):
    client.force_login(coordinator)

    response = client.post(
        reverse("monitoring:import", args=[project.pk]),
        {"file": upload(b"\xff\xfe\x00binary")},
    )

    assert response.status_code == 400
    assert _("The file is neither an XLSX spreadsheet nor a UTF-8 CSV file.") in (
        response.content.decode()
    )


# --- The import moves the status as the status form would --------------------------------


def test_an_end_date_in_a_later_file_ends_the_participation(project, user):
    imported(project, csv_file(VALID), user)
    finished = VALID | {"end_date": "2025-09-30", "situation_at_exit": "Osoba bierna zawodowo",
                        "path_completed": "Tak"}

    result = imported(project, csv_file(finished), user)

    lucja = Participation.objects.get(person__pesel="85031500240")
    assert result.updated == 1
    assert (lucja.status, lucja.end_date, lucja.path_completed) == (
        ParticipationStatus.COMPLETED, date(2025, 9, 30), True
    )
    last = lucja.status_changes.order_by("date", "pk").last()
    assert (last.to_status, last.date, last.changed_by) == (
        ParticipationStatus.COMPLETED, date(2025, 9, 30), user
    )


def test_every_change_an_import_makes_is_attributed_to_the_importer(project, user):
    """Also the steps of the path a later file walks an existing participation along (outside
    a request nothing else would name the importer)."""
    imported(project, csv_file(VALID), user)
    finished = VALID | {"end_date": "2025-09-30", "situation_at_exit": "Osoba bierna zawodowo",
                        "path_completed": "Tak", "phone": "601 234 567"}

    imported(project, csv_file(finished), user)

    lucja = Participation.objects.get(person__pesel="85031500240")
    rows = list(lucja.history.values_list("history_type", "status", "history_user"))
    assert ("~", ParticipationStatus.COMPLETED, user.pk) in rows
    assert {history_user for _type, _status, history_user in rows} == {user.pk}
    assert set(lucja.person.history.values_list("history_user", flat=True)) == {user.pk}


def test_an_end_date_without_the_path_completed_is_a_resignation(project, user):
    imported(project, csv_file(VALID), user)

    imported(project, csv_file(VALID | {"end_date": "2025-09-30", "path_completed": "Nie"}), user)

    assert Participation.objects.get().status == ParticipationStatus.RESIGNED


def test_a_row_the_status_form_would_refuse_imports_nothing(project, user):
    imported(project, csv_file(VALID), user)
    Participation.objects.update(status=ParticipationStatus.PARTICIPANT)
    StatusChange.objects.filter(to_status=ParticipationStatus.PARTICIPANT).update(
        date=date(2025, 10, 1)
    )
    before = _history_counts()

    with pytest.raises(ValidationError) as refused:
        imported(project, csv_file(SECOND, VALID | {"end_date": "2025-09-30"}), user)

    assert "Wiersz 3" in refused.value.messages[0]
    assert "01.10.2025" in refused.value.messages[0]
    assert _history_counts() == before
    assert not Participation.objects.filter(person__pesel=SECOND["pesel"]).exists()
    assert Participation.objects.get().status == ParticipationStatus.PARTICIPANT
