"""Who signs what (issue 12, point 3): each organisation records who signs each kind of its
documents, in a period; every printed document prints the signatory of its kind on its date, else
the head of the organisation; two periods of one kind never overlap (form and database); and no
document of a foundation calls it "ośrodek"."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from consents.models import FormKind
from contracts.models import Amendment, SocialContract
from contracts.views.prints import _centre
from documents.certificates import Holder, certificate_issue, participation_holders
from documents.models import DocumentKind
from documents.services import document_pdf
from instruments.models import Session, SessionKind
from participants.models import Participation
from projects.models import Organisation, OrganisationKind, Project, Signatory, SignatoryKind
from trainings.models import TrainingResult

from .factories import OrganisationFactory
from .fixtures_projects import coordinator_client as coordinator_client
from .test_document_renders import SEED, pdf_text
from .test_document_renders import demo as demo  # the demo, loaded once for the module

RECENT = "KROK-FEL-2024"

# One person per kind of document, none a part of another's name.
SIGNERS = {
    SignatoryKind.PARTICIPATION_CERTIFICATE: ("Dyrektor Uczestnictwa", "Alicja Ulewska"),
    SignatoryKind.TRAINING_CERTIFICATE: ("Kierownik Szkoleń", "Bogdan Szkolny"),
    SignatoryKind.SOCIAL_CONTRACT: ("Zastępca Kierownika", "Celina Kontraktowa"),
    SignatoryKind.MODELLED_AGREEMENT: ("Specjalista ds. Umów", "Dariusz Umowny"),
    SignatoryKind.ATTENDANCE_SHEET: ("Koordynator projektu", "Edyta Obecna"),
    SignatoryKind.FORMS: ("Specjalista ds. Rekrutacji", "Feliks Deklaracyjny"),
    SignatoryKind.SUMMARY: ("Prezes Zarządu", "Genowefa Końcowa"),
}


def sign(organisation, kind, title="Prezes Zarządu", name="Katarzyna Lis", start=None, end=None):
    row = Signatory(organisation=organisation, kind=kind, title=title, name=name,
                    valid_from=start, valid_to=end)
    row.full_clean()
    row.save()
    return row


# The one function that decides


class TestWhoSigns:
    def test_the_head_of_the_organisation_signs_when_nobody_is_recorded(self, db):
        office = OrganisationFactory(head_name="Bożena Kulka",
                                     head_title="Kierownik Miejskiego Ośrodka Pomocy Społecznej")

        signatory = office.signatory_for(SignatoryKind.SUMMARY)

        assert (signatory.title, signatory.name) == (
            "Kierownik Miejskiego Ośrodka Pomocy Społecznej", "Bożena Kulka")
        assert signatory.pk is None

    def test_each_kind_has_its_own_signatory(self, db):
        office = OrganisationFactory(head_name="Bożena Kulka", head_title="Kierownik")
        sign(office, SignatoryKind.ATTENDANCE_SHEET, "Koordynator projektu", "Marek Wiśniewski")

        assert office.signatory_for(SignatoryKind.ATTENDANCE_SHEET).name == "Marek Wiśniewski"
        assert office.signatory_for(SignatoryKind.SOCIAL_CONTRACT).name == "Bożena Kulka"

    def test_the_signatory_of_the_documents_date_signs(self, db):
        office = OrganisationFactory(head_name="Bożena Kulka", head_title="Kierownik")
        sign(office, SignatoryKind.SUMMARY, "Kierownik", "Jan Dawny", end=date(2023, 12, 31))
        sign(office, SignatoryKind.SUMMARY, "Kierownik", "Ewa Nowa", start=date(2024, 3, 1))

        def on(day):
            return office.signatory_for(SignatoryKind.SUMMARY, on=day).name

        assert on(date(2011, 5, 1)) == "Jan Dawny"
        assert on(date(2023, 12, 31)) == "Jan Dawny"
        assert on(date(2024, 1, 15)) == "Bożena Kulka"  # a gap: the head signs
        assert on(date(2024, 3, 1)) == "Ewa Nowa"

    def test_the_signatory_kinds_cover_the_registers_signed_documents(self):
        signed = set(DocumentKind.values) - {DocumentKind.CONTRACT_ANNEX}  # signed as its contract
        assert signed <= set(SignatoryKind.values)


# Two periods of one kind never overlap


class TestOverlap:
    @pytest.fixture
    def office(self, db):
        office = OrganisationFactory()
        sign(office, SignatoryKind.SUMMARY, start=date(2024, 1, 1), end=date(2024, 12, 31))
        return office

    @pytest.mark.parametrize(("start", "end"), [
        (date(2024, 6, 1), date(2025, 6, 30)),  # crosses the end
        (date(2023, 6, 1), date(2024, 1, 1)),  # ends on the first day
        (None, date(2024, 3, 1)),  # open start
        (date(2024, 12, 31), None),  # open end
        (date(2024, 1, 1), date(2024, 2, 1)),  # the same start
    ])
    def test_the_model_and_the_database_refuse_it(self, office, start, end):
        row = Signatory(organisation=office, kind=SignatoryKind.SUMMARY, title="Prezes",
                        name="Inna Osoba", valid_from=start, valid_to=end)

        with pytest.raises(ValidationError) as refused:
            row.full_clean()
        assert "nie mogą się pokrywać" in " ".join(refused.value.messages)
        with pytest.raises(IntegrityError), transaction.atomic():
            row.save()  # no form, no clean(): the database's trigger or unique index

    def test_the_database_refuses_a_change_that_makes_two_overlap(self, office):
        later = sign(office, SignatoryKind.SUMMARY, start=date(2025, 1, 1))

        with pytest.raises(IntegrityError), transaction.atomic():
            Signatory.objects.filter(pk=later.pk).update(valid_from=date(2024, 12, 1))

    def test_periods_that_touch_another_kind_or_organisation_are_allowed(self, office):
        sign(office, SignatoryKind.SUMMARY, start=date(2025, 1, 1))
        sign(office, SignatoryKind.ATTENDANCE_SHEET, start=date(2024, 6, 1))
        sign(OrganisationFactory(), SignatoryKind.SUMMARY, start=date(2024, 6, 1))

        assert Signatory.objects.count() == 4

    def test_a_period_cannot_end_before_it_starts(self, office):
        row = Signatory(organisation=office, kind=SignatoryKind.FORMS, title="Prezes",
                        name="Inna Osoba", valid_from=date(2024, 5, 1), valid_to=date(2024, 4, 1))

        with pytest.raises(ValidationError) as refused:
            row.full_clean()
        assert "valid_to" in refused.value.message_dict


# The organisation's page


def rows_post(organisation, rows, initial=0) -> dict:
    data = {
        "name": organisation.name, "kind": organisation.kind, "version": organisation.version,
        "head_name": organisation.head_name, "head_title": organisation.head_title,
        "signatories-TOTAL_FORMS": len(rows), "signatories-INITIAL_FORMS": initial,
        "signatories-MIN_NUM_FORMS": 0, "signatories-MAX_NUM_FORMS": 1000,
    }
    for number, row in enumerate(rows):
        data |= {f"signatories-{number}-{name}": value for name, value in row.items()}
    return data


class TestTheOrganisationPage:
    @pytest.fixture
    def url(self, office):
        return reverse("projects:organisation_update", args=[office.pk])

    def test_the_page_shows_a_row_per_signatory(self, coordinator_client, office, url):
        sign(office, SignatoryKind.ATTENDANCE_SHEET, "Koordynator projektu", "Marek Wiśniewski")

        html = coordinator_client.get(url).content.decode()

        assert 'name="signatories-0-title"' in html and "Marek Wiśniewski" in html
        assert 'name="signatories-1-title"' in html  # the empty row to add one

    def test_a_new_signatory_takes_over_when_the_last_one_stops(
            self, coordinator_client, coordinator, office, url):
        old = sign(office, SignatoryKind.SUMMARY, "Kierownik", "Jan Dawny",
                   start=date(2020, 1, 1))

        response = coordinator_client.post(url, rows_post(office, [
            {"id": old.pk, "kind": "summary", "title": "Kierownik", "name": "Jan Dawny",
             "valid_from": "01.01.2020", "valid_to": "31.03.2024"},
            {"kind": "summary", "title": "Kierownik", "name": "Ewa Nowa",
             "valid_from": "01.04.2024", "valid_to": ""},
        ], initial=1))

        assert response.status_code == 302, response.context["formset_errors"]
        office.refresh_from_db()
        assert office.signatory_for("summary", on=date(2024, 3, 31)).name == "Jan Dawny"
        assert office.signatory_for("summary", on=date(2024, 4, 1)).name == "Ewa Nowa"
        assert office.version == 2
        new = Signatory.objects.get(name="Ewa Nowa")
        assert new.history.get().history_user == coordinator
        assert old.history.latest().history_user == coordinator

    def test_a_boundary_moved_later_is_saved_in_an_order_the_database_accepts(
            self, coordinator_client, office, url):
        first = sign(office, SignatoryKind.FORMS, "Kierownik", "Jan Dawny",
                     start=date(2024, 1, 1), end=date(2024, 6, 30))
        second = sign(office, SignatoryKind.FORMS, "Kierownik", "Ewa Nowa",
                      start=date(2024, 7, 1))

        response = coordinator_client.post(url, rows_post(office, [
            {"id": first.pk, "kind": "forms", "title": "Kierownik", "name": "Jan Dawny",
             "valid_from": "01.01.2024", "valid_to": "31.07.2024"},
            {"id": second.pk, "kind": "forms", "title": "Kierownik", "name": "Ewa Nowa",
             "valid_from": "01.08.2024", "valid_to": ""},
        ], initial=2))

        assert response.status_code == 302
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.valid_to, second.valid_from) == (date(2024, 7, 31), date(2024, 8, 1))

    def test_a_swap_of_periods_is_refused_with_a_message(self, coordinator_client, office, url):
        first = sign(office, SignatoryKind.FORMS, "Kierownik", "Jan Dawny",
                     end=date(2024, 6, 30))
        second = sign(office, SignatoryKind.FORMS, "Kierownik", "Ewa Nowa",
                      start=date(2024, 7, 1))

        response = coordinator_client.post(url, rows_post(office, [
            {"id": first.pk, "kind": "forms", "title": "Kierownik", "name": "Jan Dawny",
             "valid_from": "01.07.2024", "valid_to": ""},
            {"id": second.pk, "kind": "forms", "title": "Kierownik", "name": "Ewa Nowa",
             "valid_from": "", "valid_to": "30.06.2024"},
        ], initial=2))

        assert response.status_code == 400
        assert "nie mogą się pokrywać" in response.content.decode()
        first.refresh_from_db()
        assert first.valid_from is None  # nothing saved

    def test_overlapping_rows_are_refused_on_the_row_and_in_the_summary(
            self, coordinator_client, office, url):
        response = coordinator_client.post(url, rows_post(office, [
            {"kind": "summary", "title": "Kierownik", "name": "Jan Dawny",
             "valid_from": "", "valid_to": "31.03.2024"},
            {"kind": "summary", "title": "Kierownik", "name": "Ewa Nowa",
             "valid_from": "01.03.2024", "valid_to": ""},
        ]))

        assert response.status_code == 400
        rows = response.context["signatories"]
        assert "nie mogą się pokrywać" in rows.forms[1].errors["valid_from"][0]
        line = next(line for line in response.context["formset_errors"]
                    if isinstance(line, dict))
        assert line["field_id"] == "id_signatories-1-valid_from"
        html = response.content.decode()
        assert 'id="form-errors"' in html and 'href="#id_signatories-1-valid_from"' in html
        assert not Signatory.objects.filter(organisation=office).exists()
        office.refresh_from_db()
        assert office.version == 1  # nothing saved, the organisation neither

    def test_a_row_can_be_deleted(self, coordinator_client, office, url):
        old = sign(office, SignatoryKind.SUMMARY, "Kierownik", "Jan Dawny")

        response = coordinator_client.post(url, rows_post(office, [
            {"id": old.pk, "kind": "summary", "title": "Kierownik", "name": "Jan Dawny",
             "DELETE": "on"},
        ], initial=1))

        assert response.status_code == 302
        assert not Signatory.objects.filter(organisation=office).exists()

    def test_a_new_organisation_is_saved_with_its_signatories(self, coordinator_client, office):
        data = rows_post(Organisation(name="Fundacja Razem", kind="ngo"), [
            {"kind": "attendance_sheet", "title": "Koordynatorka projektu",
             "name": "Joanna Lis", "valid_from": "", "valid_to": ""},
        ])

        response = coordinator_client.post(reverse("projects:organisation_create"), data)

        assert response.status_code == 302
        created = Organisation.objects.get(name="Fundacja Razem")
        assert created.signatory_for("attendance_sheet").name == "Joanna Lis"


# The printed documents (the demo: the seed project of the MOPS, the foundation's project)


def signed_in_admin(client):
    client.force_login(User.objects.get(username="admin"))
    return client


def texts_of(client, project) -> dict[str, str]:
    """Every printed document of the project that carries the organisation's signature, as text."""
    by = User.objects.get(username="admin")
    holder = participation_holders(project)[0]
    result = TrainingResult.objects.filter(course__support_form__project=project,
                                           completed=True).order_by("pk").first()
    session = Session.objects.filter(support_form__project=project,
                                     kind=SessionKind.GROUP).order_by("date").first()
    texts = {
        "participation": pdf_text(document_pdf(certificate_issue(
            kind=DocumentKind.PARTICIPATION_CERTIFICATE, holder=holder, by=by))),
        "training": pdf_text(document_pdf(certificate_issue(
            kind=DocumentKind.TRAINING_CERTIFICATE,
            holder=Holder(result.participation, result), by=by))),
        "summary": pdf_text(client.get(reverse("reporting:summary_preview",
                                               args=[project.pk])).getvalue()),
        "attendance_sheet": pdf_text(client.get(reverse(
            "instruments:attendance_sheet_pdf", args=[session.pk])).getvalue()),
        "attendance_month": pdf_text(client.get(
            reverse("instruments:attendance_month_pdf", args=[session.support_form.pk]),
            {"month": session.date.strftime("%Y-%m")}).getvalue()),
    }
    for contract in SocialContract.objects.filter(project=project).order_by("pk"):
        texts[f"contract {contract.pk}"] = pdf_text(client.get(reverse(
            "contracts:contract_pdf", args=[contract.pk])).getvalue())
    for amendment in Amendment.objects.filter(contract__project=project):
        texts[f"annex {amendment.pk}"] = pdf_text(client.get(reverse(
            "contracts:amendment_pdf", args=[amendment.pk])).getvalue())
    participation = Participation.objects.filter(
        project=project, organisation=project.lead_beneficiary).order_by("pk").first()
    for kind in FormKind.values:
        texts[f"form {kind}"] = pdf_text(client.get(reverse(
            "consents:form_pdf", args=[participation.pk, kind])).getvalue())
    return texts


@pytest.fixture
def seed(db, demo):
    return Project.objects.get(short_name=SEED)


def test_each_document_prints_the_signatory_of_its_kind(client, seed):
    mops = seed.lead_beneficiary
    mops.signatories.all().delete()
    for kind, (title, name) in SIGNERS.items():
        sign(mops, kind, title, name)
    contract = SocialContract.objects.filter(project=seed).order_by("pk").first()
    assert _centre(contract) == mops

    texts = texts_of(signed_in_admin(client), seed)

    expected = {
        "participation": SignatoryKind.PARTICIPATION_CERTIFICATE,
        "training": SignatoryKind.TRAINING_CERTIFICATE,
        "summary": SignatoryKind.SUMMARY,
        "attendance_sheet": SignatoryKind.ATTENDANCE_SHEET,
        "attendance_month": SignatoryKind.ATTENDANCE_SHEET,
        f"contract {contract.pk}": contract.kind,
        f"form {FormKind.DECLARATION}": SignatoryKind.FORMS,
        f"form {FormKind.APPLICATION}": SignatoryKind.FORMS,
    }
    for document, kind in expected.items():
        title, name = SIGNERS[kind]
        assert f"{name} {title}" in texts[document] or (
            name in texts[document] and title in texts[document]), document
        others = [other for key, (_title, other) in SIGNERS.items() if key != kind]
        assert not any(other in texts[document] for other in others), document
    assert not any(name in texts[f"form {FormKind.CLAUSE}"] for _title, name in SIGNERS.values())


def test_without_signatories_the_documents_print_the_head(client, seed):
    mops = seed.lead_beneficiary
    mops.signatories.all().delete()

    texts = texts_of(signed_in_admin(client), seed)

    for document in ["participation", "training", "summary", "attendance_sheet",
                     f"form {FormKind.DECLARATION}"]:
        assert "Bożena Kulka" in texts[document], document
        assert "Kierownik Miejskiego Ośrodka Pomocy Społecznej" in texts[document], document


def test_a_sheet_prints_who_signed_on_the_sessions_day(client, seed):
    """The demo: the seed project's coordinator signed its sheets in 2011; after a change of
    signatory, each sheet prints the one of its own day."""
    sessions = Session.objects.filter(support_form__project=seed, kind=SessionKind.GROUP)
    first, last = sessions.order_by("date").first(), sessions.order_by("date").last()
    assert first.date < last.date
    client = signed_in_admin(client)

    def sheet(session):
        return pdf_text(client.get(reverse("instruments:attendance_sheet_pdf",
                                           args=[session.pk])).getvalue())

    assert "Marek Wiśniewski" in sheet(first) and "Koordynator projektu" in sheet(first)
    Signatory.objects.filter(organisation=seed.lead_beneficiary,
                             kind=SignatoryKind.ATTENDANCE_SHEET).update(valid_to=first.date)
    sign(seed.lead_beneficiary, SignatoryKind.ATTENDANCE_SHEET, "Koordynatorka projektu",
         "Ewa Następna", start=first.date + timedelta(days=1))

    assert "Marek Wiśniewski" in sheet(first) and "Ewa Następna" not in sheet(first)
    assert "Ewa Następna" in sheet(last) and "Marek Wiśniewski" not in sheet(last)


def test_a_certificate_prints_who_signs_on_the_day_it_is_issued(seed):
    mops = seed.lead_beneficiary
    today = timezone.localdate()
    sign(mops, SignatoryKind.PARTICIPATION_CERTIFICATE, "Kierownik", "Jan Dawny",
         end=today - timedelta(days=1))
    sign(mops, SignatoryKind.PARTICIPATION_CERTIFICATE, "Kierownik", "Ewa Dzisiejsza",
         start=today)

    text = pdf_text(document_pdf(certificate_issue(
        kind=DocumentKind.PARTICIPATION_CERTIFICATE, holder=participation_holders(seed)[0],
        by=User.objects.get(username="admin"))))

    assert "Ewa Dzisiejsza" in text and "Jan Dawny" not in text


# "Ośrodek" is a social-welfare centre's word: the bare word, not in a centre's full name.
BARE_OSRODEK = re.compile(r"ośrod\w*(?!\w* pomocy społecznej)", re.IGNORECASE)


def test_no_document_of_the_foundation_calls_it_osrodek(client, seed):
    project = Project.objects.get(short_name=RECENT)
    foundation = project.lead_beneficiary
    assert foundation.kind == OrganisationKind.NGO
    assert foundation.signatory_for(SignatoryKind.SUMMARY).title == "Prezes Zarządu"

    texts = texts_of(signed_in_admin(client), project)

    assert "Joanna Lis Koordynatorka projektu" in texts["attendance_sheet"]
    assert "Katarzyna Lis" in texts["participation"] and "Prezes Zarządu" in texts["summary"]
    foundations_contracts = [
        f"contract {contract.pk}" for contract in SocialContract.objects.filter(project=project)
        if not _centre(contract).is_welfare_centre
    ]
    assert foundations_contracts
    for document, text in texts.items():
        if document.startswith("contract") and document not in foundations_contracts:
            continue  # the MOPS, a partner, is the party: a centre rightly called one
        assert not BARE_OSRODEK.findall(text), (document, BARE_OSRODEK.findall(text))


def document_text(client, name, *args, **params) -> str:
    return pdf_text(client.get(reverse(name, args=args), params).getvalue())


def test_a_partners_participant_signs_with_the_partner(client, seed):
    """The declaration of a participant a partner recruited is accepted by the partner; the
    contract names its party, the organisation of the worker who signs it."""
    project = Project.objects.get(short_name=RECENT)
    foundation = project.lead_beneficiary
    mops = Organisation.objects.get(short_name="MOPS Lubartów")
    sign(mops, SignatoryKind.FORMS, "Kierownik Działu Aktywizacji", "Zofia Partnerska")
    sign(foundation, SignatoryKind.FORMS, "Specjalista ds. Rekrutacji", "Feliks Deklaracyjny")
    partners = Participation.objects.filter(project=project, organisation=mops).order_by("pk")
    own = Participation.objects.filter(project=project, organisation=foundation).order_by("pk")
    client = signed_in_admin(client)

    partner_form = document_text(client, "consents:form_pdf", partners[0].pk, FormKind.DECLARATION)
    own_form = document_text(client, "consents:form_pdf", own[0].pk, FormKind.DECLARATION)

    assert "Zofia Partnerska" in partner_form and "Feliks Deklaracyjny" not in partner_form
    assert "Feliks Deklaracyjny" in own_form and "Zofia Partnerska" not in own_form
    contract = SocialContract.objects.filter(project=project, worker__organisation=mops).first()
    sign(mops, contract.kind, "Zastępca Kierownika", "Celina Kontraktowa")
    sign(foundation, contract.kind, "Prezes Zarządu", "Genowefa Końcowa")
    text = document_text(client, "contracts:contract_pdf", contract.pk)
    assert "Celina Kontraktowa" in text and "Genowefa Końcowa" not in text


def test_an_annex_prints_who_signs_on_its_date_the_contract_who_signed_it(client, seed):
    from contracts.models import Outcome
    from contracts.services import contract_amend

    project = Project.objects.get(short_name=RECENT)
    contract = SocialContract.objects.filter(project=project, outcome=Outcome.IN_FORCE).first()
    centre = _centre(contract)
    centre.signatories.filter(kind=contract.kind).delete()
    changed_on = contract.signed_on + timedelta(days=10)
    sign(centre, contract.kind, "Kierownik", "Jan Dawny", end=changed_on - timedelta(days=1))
    sign(centre, contract.kind, "Kierownik", "Ewa Nowa", start=changed_on)
    annex = contract_amend(contract=contract, on=changed_on, description="Nowe cele.",
                           goals=contract.goals + " Nowy cel.", by=contract.worker,
                           expected_version=contract.version)
    client = signed_in_admin(client)

    signed = document_text(client, "contracts:contract_pdf", contract.pk)
    annexed = document_text(client, "contracts:amendment_pdf", annex.pk)

    assert "Jan Dawny" in signed and "Ewa Nowa" not in signed
    assert "Ewa Nowa" in annexed and "Jan Dawny" not in annexed


def test_the_organisation_page_lists_its_signatories(client, seed):
    mops = seed.lead_beneficiary

    html = signed_in_admin(client).get(
        reverse("projects:organisation_detail", args=[mops.pk])).content.decode()

    assert "Marek Wiśniewski" in html and "01.01.2011 – 31.12.2011" in html


def test_the_admin_refuses_overlapping_rows_on_the_row(admin_client, db):
    office = OrganisationFactory(kind=OrganisationKind.NGO, name="Fundacja Razem")
    url = reverse("admin:projects_organisation_change", args=[office.pk])
    data = {
        "name": office.name, "kind": office.kind, "nip": "", "regon": "", "short_name": "",
        "name_accusative": "", "street": "", "postcode": "", "town": "", "head_name": "",
        "head_title": "",
        "signatories-TOTAL_FORMS": 2, "signatories-INITIAL_FORMS": 0,
        "signatories-MIN_NUM_FORMS": 0, "signatories-MAX_NUM_FORMS": 1000,
    }
    for number, start in enumerate(["01.01.2024", "01.06.2024"]):
        data |= {f"signatories-{number}-kind": "summary", f"signatories-{number}-title": "Prezes",
                 f"signatories-{number}-name": f"Osoba {number}",
                 f"signatories-{number}-valid_from": start}

    response = admin_client.post(url, data)

    assert response.status_code == 200  # the form again, with the error on the row
    assert "nie mogą się pokrywać" in response.content.decode()
    assert not Signatory.objects.filter(organisation=office).exists()
