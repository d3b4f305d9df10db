"""Anonymisation after the keeping period (issue 10, point 6): on the demo's finished 2011 project
with traces naming its people everywhere, no text column of any table names them afterwards, the
totals stay, the dry run changes nothing; a person still needed by another project keeps their
identity; the command refuses a project whose documentation is still kept."""

import hashlib
from datetime import date
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import models
from django.test import TestCase, override_settings

from accounts.models import User
from contracts.models import MonitoringEntry, SocialContract
from documents.certificates import certificate_issue, participation_holders
from documents.models import BatchStatus, CertificateBatch, DocumentKind, IssuedDocument
from dossier.models import DossierFile
from participants.models import IndividualPath, Participation, Person, StatusChange
from projects.models import Project
from reporting.indicators import project_indicators
from reporting.summary import build_summary
from retention.models import Anonymisation
from retention.services import anonymisation_plan, project_anonymise

from .factories import ParticipationFactory, PersonFactory, ProjectFactory
from .helpers.demo import demo_loaded
from .helpers.dossier import pdf_bytes

pytestmark = pytest.mark.django_db

SEED = "LUB-7.1.1-2011"


def figures(project) -> tuple:
    """What the auditor reads: the indicators and the final summary's facts."""
    project = Project.objects.get(pk=project.pk)
    return project_indicators(project), build_summary(project)


def leave_traces(project, by) -> None:
    """The people's names written into free texts, a file sent and a certificate issued, and
    the history copies those saves make."""
    for participation in project.participations.select_related("person")[:5]:
        name = f"{participation.person.first_name} {participation.person.last_name}"
        participation.exclusion_reasons = f"{name}, PESEL {participation.person.pesel}"
        participation.phone, participation.email = "600 100 200", "osoba@example.org"
        participation.street, participation.town = "Lipowa", "Lubartów"
        participation.save()
        StatusChange.objects.filter(participation=participation).update(reason=f"Tak {name}")
        for path in IndividualPath.objects.filter(participation=participation):
            path.needs = f"Potrzeby: {name}"
            path.save()
        for contract in SocialContract.objects.filter(participation=participation):
            contract.signed_terms = contract.terms() | {"goals": name}
            contract.save()
            MonitoringEntry.objects.filter(contract=contract).update(note=name)
        file = DossierFile(participation=participation, kind="declaration", date=date(2011, 3, 1),
                           original_name=f"Deklaracja {name}.pdf", content_type="application/pdf",
                           size=10, sha256="0" * 64, added_by=by)
        file.file.save("x.pdf", ContentFile(pdf_bytes()), save=False)
        file.save()
    completed = participation_holders(project)
    if completed:
        certificate_issue(kind=DocumentKind.PARTICIPATION_CERTIFICATE, holder=completed[0], by=by)
        batch = CertificateBatch(project=project, kind=DocumentKind.PARTICIPATION_CERTIFICATE,
                                 requested_by=by, status=BatchStatus.DONE)
        batch.file.save("batch.pdf", ContentFile(pdf_bytes()))  # a printed batch names them all


def text_values_containing(needles: set[str]) -> list[tuple[str, str, str]]:
    """Every text column of every table (history tables and JSON included) searched in Python,
    case-insensitively: (table, column, value) for each value containing a needle."""
    found = []
    needles = {needle.casefold() for needle in needles if needle}
    for model in apps.get_models():
        columns = [
            field.attname for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField
                          | models.FileField)
        ]
        if not columns:
            continue
        for row in model._base_manager.values_list(*columns):
            for column, value in zip(columns, row, strict=True):
                text = str(value).casefold() if value is not None else ""
                if any(needle in text for needle in needles):
                    found.append((model._meta.db_table, column, str(value)[:80]))
    return found


@pytest.fixture(scope="class")
def anonymised(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), demo_loaded(django_db_blocker):
        admin = User.objects.get(username="admin")
        project = Project.objects.get(short_name=SEED)
        leave_traces(project, admin)
        people = list(Person.objects.filter(participations__project=project)
                      .values("pk", "first_name", "last_name", "pesel"))
        files = [media / name for name in DossierFile.objects.filter(
            participation__project=project).exclude(file="").values_list("file", flat=True)]
        found_before = text_values_containing({people[0]["pesel"]})
        files_existed = all(path.is_file() for path in files)
        batch_file = media / CertificateBatch.objects.get(project=project).file.name
        batch_file_existed = batch_file.is_file()
        before = figures(project)
        document = IssuedDocument.objects.get(project=project, participation__isnull=False)
        old_hash = document.sha256
        plan = anonymisation_plan(project=project)
        with TestCase.captureOnCommitCallbacks(execute=True):
            record = project_anonymise(project=project, by=admin)
        yield SimpleNamespace(
            project=project, people=people, before=before, after=figures(project), plan=plan,
            record=record, files=files, document=document, old_hash=old_hash,
            found_before=found_before, files_existed=files_existed, batch_file=batch_file,
            batch_file_existed=batch_file_existed,
        )


@pytest.mark.usefixtures("anonymised")
class TestAnonymisedProject:
    def test_no_text_column_of_any_table_names_them(self, anonymised):
        """Full names (either order) and PESELs: a surname alone also belongs to others (the
        demo's head of an organisation shares one; "Mazur" is in "Warmińsko-Mazurskiego")."""
        people = anonymised.people
        assert len(people) == 25
        needles = {person["pesel"] for person in people} | {
            name
            for person in people
            for name in (f"{person['first_name']} {person['last_name']}",
                         f"{person['last_name']} {person['first_name']}")
        }

        assert text_values_containing(needles) == []

    def test_the_search_found_them_before(self, anonymised):
        assert {table for table, _column, _value in anonymised.found_before} >= {
            "participants_person", "participants_historicalperson",
            "participants_participation", "participants_historicalparticipation",
        }

    def test_the_indicators_and_the_summary_are_the_same(self, anonymised):
        indicators_before, summary_before = anonymised.before
        indicators_after, summary_after = anonymised.after

        assert indicators_after == indicators_before
        assert summary_after.participants == summary_before.participants
        assert summary_after == summary_before

    def test_the_uploaded_files_are_deleted_from_the_storage(self, anonymised):
        assert len(anonymised.files) == 5 and anonymised.files_existed
        assert not any(path.exists() for path in anonymised.files)
        assert not DossierFile.objects.exclude(file="").filter(
            participation__project=anonymised.project).exists()

    def test_the_printed_batch_is_deleted_from_the_storage(self, anonymised):
        assert anonymised.batch_file_existed and not anonymised.batch_file.exists()
        assert not CertificateBatch.objects.exclude(file="").filter(
            project=anonymised.project).exists()

    def test_the_issued_document_stays_in_the_register_without_its_pdf(self, anonymised):
        document = IssuedDocument.objects.get(pk=anonymised.document.pk)

        assert document.is_anonymised
        assert bytes(document.pdf) == b""
        assert document.sha256 == anonymised.old_hash == hashlib.sha256(
            bytes(anonymised.document.pdf)).hexdigest()
        assert document.number == anonymised.document.number

    def test_the_record_keeps_the_counts_the_dry_run_showed(self, anonymised):
        record = Anonymisation.objects.get(project=anonymised.project)
        plan = anonymised.plan

        assert record.by.username == "admin"
        assert (record.people, record.participations, record.files) == (25, 25, 5)
        assert (plan.people, plan.participations, plan.files) == (25, 25, 5)
        assert plan.documents == record.documents >= 1
        assert plan.history_rows == record.history_rows > 25
        assert plan.records == record.records > 5

    def test_the_people_stay_as_numbered_anonymous_records(self, anonymised):
        person = Person.objects.get(pk=anonymised.people[0]["pk"])

        assert (person.first_name, person.pesel) == ("Osoba", "")
        assert person.last_name == f"zanonimizowana nr {person.pk}"
        assert person.birth_date.month == person.birth_date.day == 1
        person.full_clean()  # a valid record still

    def test_a_second_run_finds_nothing_more(self, anonymised):
        plan = anonymisation_plan(project=anonymised.project)

        assert (plan.people, plan.records, plan.files, plan.documents, plan.history_rows) == (
            0, 0, 0, 0, 0)


# --- Small cases -----------------------------------------------------------------------------


@pytest.fixture
def finished(db):
    return ProjectFactory(start_date=date(2012, 1, 1), end_date=date(2012, 12, 31),
                          keep_until=date(2020, 12, 31))


def test_a_person_needed_by_another_project_keeps_their_name(finished):
    running = ProjectFactory(lead_beneficiary=finished.lead_beneficiary)
    person = PersonFactory(organisation=finished.lead_beneficiary, last_name="Zostająca")
    ParticipationFactory(project=running, person=person)
    old = ParticipationFactory(project=finished, person=person, phone="600 000 111",
                               exclusion_reasons="Zostająca: długotrwałe bezrobocie")

    record = project_anonymise(project=finished)

    person.refresh_from_db()
    old.refresh_from_db()
    assert (person.last_name, record.people, record.people_kept) == ("Zostająca", 0, 1)
    assert (old.phone, old.exclusion_reasons) == ("[zanonimizowano]", "[zanonimizowano]")
    assert not Participation.history.filter(id=old.pk, phone="600 000 111").exists()


def test_once_the_other_project_is_over_too_a_new_run_anonymises_them(finished):
    also_finished = ProjectFactory(lead_beneficiary=finished.lead_beneficiary,
                                   start_date=date(2013, 1, 1), end_date=date(2013, 12, 31),
                                   keep_until=date(2021, 12, 31))
    person = PersonFactory(organisation=finished.lead_beneficiary, last_name="Odchodząca")
    ParticipationFactory(project=finished, person=person)
    ParticipationFactory(project=also_finished, person=person)

    record = project_anonymise(project=finished)

    person.refresh_from_db()
    assert (record.people, person.last_name) == (1, f"zanonimizowana nr {person.pk}")


def test_a_form_opened_before_meets_a_conflict_not_the_old_texts(finished):
    participation = ParticipationFactory(project=finished, phone="600 000 111")
    versions = (participation.version, participation.person.version)

    project_anonymise(project=finished)

    participation.refresh_from_db()
    participation.person.refresh_from_db()
    assert participation.version > versions[0]
    assert participation.person.version > versions[1]


def test_the_dry_run_changes_nothing(finished):
    participation = ParticipationFactory(project=finished, phone="600 000 111")
    person = participation.person
    history_before = list(Person.history.filter(id=person.pk).values())

    plan = anonymisation_plan(project=finished)

    assert (plan.people, plan.participations, plan.records) == (1, 1, 1)
    assert Person.objects.get(pk=person.pk).last_name == person.last_name
    assert Participation.objects.get(pk=participation.pk).phone == "600 000 111"
    assert list(Person.history.filter(id=person.pk).values()) == history_before
    assert not Anonymisation.objects.exists()


def test_the_command_refuses_a_project_still_kept(db):
    project = ProjectFactory(keep_until=date(2099, 12, 31))
    ParticipationFactory(project=project)

    with pytest.raises(CommandError, match="31.12.2099"):
        call_command("anonymise_project", project.short_name, stdout=StringIO())

    assert not Anonymisation.objects.exists()


def test_the_command_dry_run_counts_and_changes_nothing(finished):
    participation = ParticipationFactory(project=finished)
    out = StringIO()

    call_command("anonymise_project", finished.short_name, "--dry-run", stdout=out)

    assert "uczestnictwa: 1" in out.getvalue().lower()
    assert Person.objects.get(pk=participation.person_id).pesel == participation.person.pesel
    assert not Anonymisation.objects.exists()


def test_the_command_anonymises_and_records(finished):
    participation = ParticipationFactory(project=finished)

    call_command("anonymise_project", finished.short_name, stdout=StringIO())

    assert Person.objects.get(pk=participation.person_id).pesel == ""
    record = Anonymisation.objects.get()
    assert (record.project, record.by, record.people) == (finished, None, 1)
