"""Forms to sign printed from a project's versioned wording, the information clause given, and
consents whose withdrawal is recorded beside the day they were given, in the history."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import AccessLogEntry
from consents.models import ClauseReceipt, Consent, ConsentKind, FormKind, FormTemplate
from consents.services import clause_record, consent_give, consent_withdraw

from .factories import ParticipationFactory, PersonFactory
from .fixtures_contracts import queries_for
from .helpers.contracts import pdf_text


@pytest.fixture
def lucja(project, social_worker):
    person = PersonFactory(first_name="Łucja", last_name="Żółkiewska")
    return ParticipationFactory(
        person=person, project=project, social_worker=social_worker, street="ul. Źródlana",
        building_number="5", postcode="21-100", town="Lubartów",
        labour_market_status="unemployed_registered", unemployment_months=14,
    )


@pytest.fixture
def sw_client(client, social_worker):
    client.force_login(social_worker)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _today() -> str:
    return date_format(timezone.localdate(), "SHORT_DATE_FORMAT")


def _pdf(client, participation, kind):
    response = client.get(reverse("consents:form_pdf", args=[participation.pk, kind]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response


def _edit(client, project, kind, body, version):
    return client.post(reverse("consents:template_edit", args=[project.pk, kind]),
                       {"body": body, "version": str(version)})


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- Forms to sign ---------------------------------------------------------------------------


def test_the_declaration_is_filled_with_the_participant_and_prints_the_default_version(
    sw_client, lucja, tmp_path
):
    text = _flat(pdf_text(_pdf(sw_client, lucja, FormKind.DECLARATION), tmp_path))

    assert "DEKLARACJA UCZESTNICTWA" in text
    assert "Łucja Żółkiewska" in text
    assert lucja.person.pesel in text
    assert lucja.project.title in text
    assert "ul. Źródlana 5, 21-100 Lubartów" in text
    assert "wersja domyślna" in text


def test_the_application_form_prints_the_data_at_entry(sw_client, lucja, tmp_path):
    text = _flat(pdf_text(_pdf(sw_client, lucja, FormKind.APPLICATION), tmp_path))

    assert "FORMULARZ ZGŁOSZENIOWY" in text
    assert "Żółkiewska" in text
    assert "bezrobotn" in text  # the labour-market status, as recorded at entry
    assert "14" in text


def test_the_clause_prints_the_projects_own_wording_with_its_version(
    coordinator_client, lucja, tmp_path
):
    project = lucja.project
    _edit(coordinator_client, project, FormKind.CLAUSE,
          "Administratorem danych {imie_nazwisko} jest Gmina Testowo.", 0)
    _edit(coordinator_client, project, FormKind.CLAUSE,
          "Administratorem danych {imie_nazwisko} jest Powiat Testowy.", 1)

    text = _flat(pdf_text(_pdf(coordinator_client, lucja, FormKind.CLAUSE), tmp_path))

    assert "Administratorem danych Łucja Żółkiewska jest Powiat Testowy." in text
    assert f"wersja 2 z {_today()}" in text


def test_a_printed_form_is_in_the_access_log(sw_client, lucja):
    _pdf(sw_client, lucja, FormKind.CLAUSE)

    assert AccessLogEntry.objects.filter(
        action="pdf", object_type="participants.participation", object_id=lucja.pk
    ).exists()


def test_text_in_braces_or_template_syntax_is_printed_as_it_is_typed(
    coordinator_client, lucja, tmp_path
):
    body = "Dane: {{ settings.SECRET_KEY }} {% now 'Y' %} <b>{imie}</b>"
    saved = _edit(coordinator_client, lucja.project, FormKind.DECLARATION, body, 0)
    assert saved.status_code == 302

    text = _flat(pdf_text(_pdf(coordinator_client, lucja, FormKind.DECLARATION), tmp_path))

    assert "Dane: {{ settings.SECRET_KEY }} {% now 'Y' %} <b>Łucja</b>" in text


# --- The coordinator's wording ---------------------------------------------------------------


def test_each_save_of_a_template_is_its_next_version(coordinator_client, project, coordinator):
    first = _edit(coordinator_client, project, FormKind.CLAUSE, "Wersja A {projekt}", 0)
    second = _edit(coordinator_client, project, FormKind.CLAUSE, "Wersja B {projekt}", 1)

    assert (first.status_code, second.status_code) == (302, 302)

    template = FormTemplate.objects.get(project=project, kind=FormKind.CLAUSE)
    assert (template.version, template.body) == (2, "Wersja B {projekt}")
    assert template.changed_on == timezone.localdate()
    assert [row.version for row in template.history.order_by("history_date")] == [1, 2]
    assert {row.history_user for row in template.history.all()} == {coordinator}


def test_a_save_over_someone_elses_version_is_a_conflict(coordinator_client, project):
    _edit(coordinator_client, project, FormKind.CLAUSE, "Pierwsza", 0)
    _edit(coordinator_client, project, FormKind.CLAUSE, "Druga", 1)

    response = _edit(coordinator_client, project, FormKind.CLAUSE, "Spóźniona", 1)

    assert response.status_code == 409
    assert FormTemplate.objects.get(project=project).body == "Druga"


def test_an_unknown_placeholder_is_refused(coordinator_client, project):
    response = _edit(coordinator_client, project, FormKind.CLAUSE, "Hasło: {haslo}", 0)

    assert response.status_code == 400
    assert "Nieznane pola do wypełnienia: {haslo}" in response.content.decode()
    assert not FormTemplate.objects.exists()


def test_the_template_list_shows_each_forms_version(coordinator_client, project):
    _edit(coordinator_client, project, FormKind.APPLICATION, "Oświadczam.", 0)

    page = coordinator_client.get(reverse("consents:template_list", args=[project.pk]))

    content = page.content.decode()
    assert f"wersja 1 z {_today()}" in content
    assert content.count("wersja domyślna") == 2


# --- The information clause given ------------------------------------------------------------


def test_the_clause_given_is_recorded_with_its_version(coordinator_client, lucja, coordinator):
    _edit(coordinator_client, lucja.project, FormKind.CLAUSE, "Klauzula {projekt}", 0)

    response = coordinator_client.post(
        reverse("consents:clause_record", args=[lucja.pk]),
        {"version": "1", "given_on": "03.03.2025"},
    )

    assert response.status_code == 302
    receipt = ClauseReceipt.objects.get(participation=lucja)
    assert (receipt.version, receipt.given_on) == (1, date(2025, 3, 3))
    assert receipt.history.get().history_user == coordinator


def test_a_version_of_the_clause_that_never_existed_is_refused(sw_client, lucja):
    response = sw_client.post(reverse("consents:clause_record", args=[lucja.pk]),
                              {"version": "7", "given_on": "03.03.2025"})

    assert response.status_code == 400
    assert not ClauseReceipt.objects.exists()


# --- Consents --------------------------------------------------------------------------------


def test_a_consent_dated_in_the_past_is_recorded(sw_client, lucja, social_worker):
    response = sw_client.post(reverse("consents:consent_give", args=[lucja.pk]),
                              {"kind": ConsentKind.IMAGE, "given_on": "03.03.2025"})

    assert response.status_code == 302
    consent = Consent.objects.get(participation=lucja)
    assert (consent.kind, consent.given_on, consent.withdrawn_on) == (
        ConsentKind.IMAGE, date(2025, 3, 3), None
    )
    assert consent.history.get().history_user == social_worker


def test_a_consent_in_force_is_not_given_twice(lucja, social_worker):
    consent_give(participation=lucja, kind=ConsentKind.IMAGE, given_on=date(2025, 3, 3),
                 by=social_worker)

    with pytest.raises(Exception, match="wyraziła już tę zgodę"):
        consent_give(participation=lucja, kind=ConsentKind.IMAGE, given_on=date(2025, 3, 4),
                     by=social_worker)


def test_a_withdrawal_before_the_giving_is_refused_in_polish(sw_client, lucja, social_worker):
    consent = consent_give(participation=lucja, kind=ConsentKind.IMAGE,
                           given_on=date(2025, 3, 3), by=social_worker)

    response = sw_client.post(reverse("consents:consent_withdraw", args=[consent.pk]),
                              {"withdrawn_on": "02.03.2025"})

    assert response.status_code == 400
    assert "Zgody nie można wycofać przed dniem, w którym została wyrażona." in (
        response.content.decode()
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_the_database_refuses_a_withdrawal_before_the_giving(lucja, social_worker):
    consent = consent_give(participation=lucja, kind=ConsentKind.IMAGE,
                           given_on=date(2025, 3, 3), by=social_worker)

    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.filter(pk=consent.pk).update(withdrawn_on=date(2025, 3, 2))


def test_a_withdrawal_in_the_future_is_refused(sw_client, lucja, social_worker):
    consent = consent_give(participation=lucja, kind=ConsentKind.IMAGE,
                           given_on=date(2025, 3, 3), by=social_worker)
    tomorrow = date_format(timezone.localdate() + timedelta(days=1), "SHORT_DATE_FORMAT")

    response = sw_client.post(reverse("consents:consent_withdraw", args=[consent.pk]),
                              {"withdrawn_on": tomorrow})

    assert response.status_code == 400
    assert "nie może być późniejsza niż dziś" in response.content.decode()


def test_a_withdrawal_keeps_the_giving_in_the_history(sw_client, lucja, social_worker,
                                                      coordinator):
    consent = consent_give(participation=lucja, kind=ConsentKind.IMAGE,
                           given_on=date(2025, 3, 3), by=coordinator)

    response = sw_client.post(reverse("consents:consent_withdraw", args=[consent.pk]),
                              {"withdrawn_on": "10.04.2025"})

    assert response.status_code == 302
    given, withdrawn = consent.history.order_by("history_date")
    assert (given.history_type, given.given_on, given.withdrawn_on, given.history_user) == (
        "+", date(2025, 3, 3), None, coordinator
    )
    assert (withdrawn.history_type, withdrawn.given_on, withdrawn.withdrawn_on,
            withdrawn.history_user) == ("~", date(2025, 3, 3), date(2025, 4, 10), social_worker)


def test_a_withdrawn_consent_is_not_withdrawn_again_and_may_be_given_anew(lucja, social_worker):
    consent = consent_give(participation=lucja, kind=ConsentKind.IMAGE,
                           given_on=date(2025, 3, 3), by=social_worker)
    consent_withdraw(consent=consent, withdrawn_on=date(2025, 4, 1), by=social_worker)

    with pytest.raises(Exception, match="już wycofana"):
        consent_withdraw(consent=consent, withdrawn_on=date(2025, 4, 2), by=social_worker)
    again = consent_give(participation=lucja, kind=ConsentKind.IMAGE,
                         given_on=date(2025, 5, 1), by=social_worker)

    assert list(lucja.consents.in_force()) == [again]


def test_the_card_shows_the_consents_and_their_state(sw_client, lucja, social_worker):
    kept = consent_give(participation=lucja, kind=ConsentKind.CONTACT_AFTER,
                        given_on=date(2025, 3, 3), by=social_worker)
    withdrawn = consent_give(participation=lucja, kind=ConsentKind.IMAGE,
                             given_on=date(2025, 3, 3), by=social_worker)
    consent_withdraw(consent=withdrawn, withdrawn_on=date(2025, 4, 10), by=social_worker)

    page = sw_client.get(reverse("card:participation_tab", args=[lucja.pk, "consents"]))

    content = page.content.decode()
    assert "wykorzystanie wizerunku" in content.lower()
    assert "10.04.2025" in content
    assert "wycofana" in content
    assert reverse("consents:consent_withdraw", args=[kept.pk]) in content
    assert reverse("consents:consent_withdraw", args=[withdrawn.pk]) not in content
    assert reverse("consents:form_pdf", args=[lucja.pk, FormKind.CLAUSE]) in content
    assert "Nie zapisano przekazania." in content


def test_the_cards_history_names_who_withdrew_a_consent(sw_client, lucja, social_worker,
                                                        coordinator):
    consent = consent_give(participation=lucja, kind=ConsentKind.IMAGE,
                           given_on=date(2025, 3, 3), by=coordinator)
    consent_withdraw(consent=consent, withdrawn_on=date(2025, 4, 10), by=social_worker)

    page = sw_client.get(reverse("card:participation_tab", args=[lucja.pk, "history"]))

    content = page.content.decode()
    assert "zgoda: wykorzystanie wizerunku" in content
    assert "Data wycofania: — → 10 kwietnia 2025" in content
    assert str(social_worker) in content and str(coordinator) in content


def test_the_card_shows_the_clause_given_and_who_recorded_it(coordinator_client, lucja,
                                                            coordinator):
    coordinator_client.post(reverse("consents:clause_record", args=[lucja.pk]),
                            {"version": "0", "given_on": "03.03.2025"})

    page = coordinator_client.get(reverse("card:participation_tab", args=[lucja.pk, "consents"]))

    content = page.content.decode()
    assert "wersja domyślna" in content
    assert "03.03.2025" in content
    assert str(coordinator) in content
    assert "Nie zapisano przekazania." not in content


@pytest.mark.parametrize("tab", ["consents", "history"])
def test_the_card_uses_the_same_queries_for_one_consent_and_for_many(
    sw_client, lucja, social_worker, tab
):
    url = reverse("card:participation_tab", args=[lucja.pk, tab])
    first = consent_give(participation=lucja, kind=ConsentKind.IMAGE,
                         given_on=date(2025, 3, 3), by=social_worker)
    few = queries_for(sw_client, url)

    consent_withdraw(consent=first, withdrawn_on=date(2025, 3, 4), by=social_worker)
    for kind in [ConsentKind.IMAGE, ConsentKind.HEALTH, ConsentKind.EMPLOYERS]:
        consent_give(participation=lucja, kind=kind, given_on=date(2025, 3, 5),
                     by=social_worker)
    clause_record(participation=lucja, version=0, given_on=date(2025, 3, 5), by=social_worker)

    assert queries_for(sw_client, url) == few
