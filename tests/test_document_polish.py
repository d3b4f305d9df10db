"""Names in the case their sentence needs, on every document (issue 12, point 1): the declined
forms kept beside the names print where a sentence declines them ("przez Lubelską Fundację
Rozwoju", "ze środków Europejskiego Funduszu Społecznego", "w ramach Programu Operacyjnego Kapitał
Ludzki"); with none kept, the name stands after a colon, in the nominative."""

from datetime import date, time

import pytest
from django.urls import reverse

from accounts.models import User
from aktywizacja.declension import (
    propose_accusative,
    propose_fund_genitive,
    propose_programme_genitive,
)
from contracts.models import SocialContract
from documents.certificates import Holder, certificate_issue, participation_holders
from documents.models import DocumentKind
from documents.services import document_pdf
from instruments.models import Attendance, Session, SessionKind
from participants.models import ParticipationStatus, Sex
from projects.models import FundingProgramme, Organisation, Project
from trainings.models import TrainingResult

from .factories import (
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    ProjectFactory,
    SessionFactory,
)
from .test_document_renders import FORKLIFT, SEED, coordinator_client, pdf_text
from .test_document_renders import demo as demo  # the demo, loaded once for the module

WRONG = ["przez Lubelska", "przez Fundacja", "ze środków Europejski ", "w ramach Program ",
         "w ramach Fundusze", "środków Europejski Fundusz"]


def demo_coordinator():
    return User.objects.get(username="koordynator")


def certificate_text(kind, holder, by) -> str:
    return pdf_text(document_pdf(certificate_issue(kind=kind, holder=holder, by=by)))


def assert_polish(text: str, *expected: str) -> None:
    for sentence in expected:
        assert sentence in text
    for wrong in WRONG:
        assert wrong not in text


@pytest.fixture
def seed(db, demo):
    return Project.objects.get(short_name=SEED)


class TestTheDemo:
    def test_the_participation_certificate_of_2011(self, seed):
        holder = participation_holders(seed)[0]
        text = certificate_text(DocumentKind.PARTICIPATION_CERTIFICATE, holder, demo_coordinator())
        assert_polish(
            text,
            "współfinansowany przez Unię Europejską ze środków Europejskiego Funduszu Społecznego "
            "w ramach Programu Operacyjnego Kapitał Ludzki; Priorytet VII",
            "realizowanym przez Miejski Ośrodek Pomocy Społecznej w Lubartowie.",
        )

    def test_the_training_certificate_names_the_foundation_in_the_accusative(self, seed):
        result = (TrainingResult.objects.filter(course__support_form__project=seed,
                                                course__support_form__name=FORKLIFT,
                                                completed=True).order_by("pk").first())
        text = certificate_text(DocumentKind.TRAINING_CERTIFICATE,
                                Holder(result.participation, result), demo_coordinator())
        assert_polish(text, "przez Lubelską Fundację Rozwoju – Oddział w Lubartowie, w ramach "
                            "projektu")

    def test_the_recent_projects_certificate_and_summary(self, client, seed):
        project = Project.objects.get(short_name="KROK-FEL-2024")
        holder = participation_holders(project)[0]
        text = certificate_text(DocumentKind.PARTICIPATION_CERTIFICATE, holder, demo_coordinator())
        assert_polish(text, "ze środków Europejskiego Funduszu Społecznego Plus w ramach "
                            "programu Fundusze Europejskie dla Lubelskiego",
                      "realizowanym przez Fundację „Krok Dalej”.")
        summary = pdf_text(coordinator_client(client).get(
            reverse("reporting:summary_preview", args=[project.pk])).getvalue())
        assert_polish(summary, "Projekt współfinansowany przez Unię Europejską ze środków "
                               "Europejskiego Funduszu Społecznego Plus w ramach programu Fundusze "
                               "Europejskie dla Lubelskiego 2021–2027.")

    def test_the_summary_contract_sheets_and_claim_name_organisations_after_a_label(
            self, client, seed):
        client = coordinator_client(client)
        summary = pdf_text(client.get(reverse("reporting:summary_preview",
                                              args=[seed.pk])).getvalue())
        assert_polish(summary, "ze środków Europejskiego Funduszu Społecznego w ramach Programu "
                               "Operacyjnego Kapitał Ludzki 2007–2013.",
                      "Beneficjent (lider", "Miejski Ośrodek Pomocy Społecznej w Lubartowie")
        contract = SocialContract.objects.filter(participation__project=seed).order_by("pk")[0]
        text = pdf_text(client.get(reverse("contracts:contract_pdf",
                                           args=[contract.pk])).getvalue())
        assert_polish(text, "Ośrodek", "Miejski Ośrodek Pomocy Społecznej w Lubartowie")
        session = Session.objects.filter(support_form__project=seed,
                                         kind=SessionKind.GROUP).order_by("date")[0]
        sheets = [
            client.get(reverse("instruments:attendance_sheet_pdf", args=[session.pk])),
            client.get(reverse("instruments:attendance_month_pdf",
                               args=[session.support_form.pk]), {"month": "2011-11"}),
            client.get(reverse("reporting:claim_download", args=[seed.pk, "pdf"]),
                       {"od": "01.10.2011", "do": "31.12.2011"}),
        ]
        for response in sheets:
            assert_polish(pdf_text(response.getvalue()), seed.title.split(".")[0])


# Names that decline unusually, or not at all


@pytest.fixture
def unusual(db, coordinator):
    """A 2011 project of a social cooperative whose course is run by Caritas (indeclinable)."""
    lead = OrganisationFactory(name="Spółdzielnia Socjalna „Razem”",
                               name_accusative="Spółdzielnię Socjalną „Razem”")
    project = ProjectFactory(lead_beneficiary=lead, title="Razem do pracy",
                             programme=FundingProgramme.objects.get(code="po-kl-2007-2013"),
                             start_date=date(2011, 1, 1), end_date=date(2011, 12, 31))
    session = SessionFactory(support_form__project=project, date=date(2011, 11, 2),
                             start_time=time(9), end_time=time(12))
    participation = ParticipationFactory(project=project, status=ParticipationStatus.COMPLETED,
                                         person=PersonFactory(sex=Sex.FEMALE))
    Attendance.objects.create(session=session, participation=participation, present=True)
    return project


def test_a_cooperatives_certificate_declines_the_stored_form(unusual, coordinator):
    text = certificate_text(DocumentKind.PARTICIPATION_CERTIFICATE,
                            participation_holders(unusual)[0], coordinator)
    assert_polish(text, "uczestniczyła w projekcie „Razem do pracy” realizowanym przez "
                        "Spółdzielnię Socjalną „Razem”.")


def test_with_no_declined_form_kept_names_stand_after_a_colon(unusual, coordinator):
    Organisation.objects.filter(pk=unusual.lead_beneficiary_id).update(
        name="Caritas Archidiecezji Lubelskiej", name_accusative="")
    FundingProgramme.objects.filter(code="po-kl-2007-2013").update(name_genitive="",
                                                                   fund_genitive="")
    unusual.refresh_from_db()

    text = certificate_text(DocumentKind.PARTICIPATION_CERTIFICATE,
                            participation_holders(unusual)[0], coordinator)

    assert_polish(text, "uczestniczyła w projekcie „Razem do pracy”. Realizator projektu: "
                        "Caritas Archidiecezji Lubelskiej.",
                  "współfinansowany przez Unię Europejską. Fundusz: Europejski Fundusz "
                  "Społeczny. Program: Program Operacyjny Kapitał Ludzki")


@pytest.mark.parametrize(("name", "accusative"), [
    ("Lubelska Fundacja Rozwoju", "Lubelską Fundację Rozwoju"),
    ("Fundacja „Krok Dalej”", "Fundację „Krok Dalej”"),
    ("Spółdzielnia Socjalna „Razem”", "Spółdzielnię Socjalną „Razem”"),
    ("Wyższa Szkoła Ekonomii i Innowacji", "Wyższą Szkołę Ekonomii i Innowacji"),
    ("Miejska Biblioteka Publiczna", "Miejską Bibliotekę Publiczną"),
    ("Gmina Lubartów", "Gminę Lubartów"),
    ("Miejski Ośrodek Pomocy Społecznej w Lubartowie",
     "Miejski Ośrodek Pomocy Społecznej w Lubartowie"),
    ("Stowarzyszenie „Razem”", "Stowarzyszenie „Razem”"),
    ("Caritas Archidiecezji Lubelskiej", "Caritas Archidiecezji Lubelskiej"),
    ("Ochotnicze Hufce Pracy", "Ochotnicze Hufce Pracy"),
])
def test_the_accusative_proposed(name, accusative):
    assert propose_accusative(name) == accusative


@pytest.mark.parametrize(("name", "genitive"), [
    ("Program Operacyjny Kapitał Ludzki", "Programu Operacyjnego Kapitał Ludzki"),
    ("Regionalny Program Operacyjny Województwa Lubelskiego",
     "Regionalnego Programu Operacyjnego Województwa Lubelskiego"),
    ("Fundusze Europejskie dla Lubelskiego", "programu Fundusze Europejskie dla Lubelskiego"),
])
def test_the_programmes_genitive_proposed(name, genitive):
    assert propose_programme_genitive(name) == genitive


@pytest.mark.parametrize(("fund", "genitive"), [
    ("Europejski Fundusz Społeczny", "Europejskiego Funduszu Społecznego"),
    ("Europejski Fundusz Społeczny Plus", "Europejskiego Funduszu Społecznego Plus"),
    ("Europejski Fundusz Rozwoju Regionalnego", "Europejskiego Funduszu Rozwoju Regionalnego"),
])
def test_the_funds_genitive_proposed(fund, genitive):
    assert propose_fund_genitive(fund) == genitive


def test_the_organisation_form_proposes_the_accusative_and_saves_what_is_typed(client, db):
    from projects.forms import OrganisationUpdateForm

    organisation = OrganisationFactory(name="Lubelska Fundacja Rozwoju", name_accusative="")
    form = OrganisationUpdateForm(instance=organisation)
    assert form.initial["name_accusative"] == "Lubelską Fundację Rozwoju"
    kept = OrganisationFactory(name="Lubelska Fundacja Rozwoju", name_accusative="LFR")
    assert OrganisationUpdateForm(instance=kept).initial["name_accusative"] == "LFR"



