"""The report of a payment-claim period: who started and finished, hours delivered, documents
issued and results achieved in the period; consecutive periods add up to the whole project."""

import io
from datetime import date, time
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from documents.services import document_issue
from instruments.hours import refresh_hours
from instruments.models import Attendance
from participants.models import ParticipationStatus
from reporting.claims import claim_report
from results.models import Employment, SocialProgress

from .factories import (
    ContractFactory,
    CourseFactory,
    EditionFactory,
    ParticipationFactory,
    PersonFactory,
    ReferralFactory,
    ResultFactory,
    SessionFactory,
    SupportFormFactory,
)

pytestmark = pytest.mark.django_db

PERIODS = [(date(2025, 1, 1), date(2025, 6, 30)), (date(2025, 7, 1), date(2025, 12, 31)),
           (date(2026, 1, 1), date(2026, 12, 31))]
WHOLE = (date(2025, 1, 1), date(2026, 12, 31))


@pytest.fixture
def facts(project, coordinator):
    """Two editions; people starting, ending and achieving results in different periods."""
    first = EditionFactory(project=project, number=1, start_date=date(2025, 1, 1),
                           end_date=date(2025, 6, 30))
    second = EditionFactory(project=project, number=2, start_date=date(2025, 7, 1),
                            end_date=date(2026, 6, 30))

    def person(sex, edition, start, **data):
        return ParticipationFactory(
            project=project, edition=edition, start_date=start, application_date=start,
            person=PersonFactory(sex=sex, organisation=project.lead_beneficiary), **data
        )

    anna = person("K", first, date(2025, 2, 1), status=ParticipationStatus.COMPLETED,
                  end_date=date(2025, 6, 30), path_completed=True)
    jan = person("M", first, date(2025, 3, 1), status=ParticipationStatus.RESIGNED,
                 end_date=date(2025, 4, 15), disability="yes")
    ewa = person("K", second, date(2025, 9, 1))
    workshop = SupportFormFactory(project=project, mode="both")
    for participation in (anna, jan, ewa):
        ReferralFactory(participation=participation, support_form=workshop)
    for day, people in ((date(2025, 3, 10), (anna, jan)), (date(2025, 9, 15), (ewa,))):
        session = SessionFactory(support_form=workshop, date=day, start_time=time(9),
                                 end_time=time(12))
        for participation in people:
            Attendance.objects.create(session=session, participation=participation, present=True)
    own = SessionFactory(support_form=workshop, kind="individual", participation=anna,
                         date=date(2025, 5, 5), start_time=time(9), end_time=time(10))
    Attendance.objects.create(session=own, participation=anna, present=True)
    refresh_hours(project=project)
    course = CourseFactory(support_form__project=project)
    ResultFactory(course=course, participation=ewa, document_kind="qualification",
                  document_body="UDT", document_number="UDT/1/2025",
                  document_date=date(2025, 11, 20))
    Employment.objects.create(participation=anna, contract_type="employment_contract",
                              employer_name="Piekarnia", start_date=date(2025, 7, 15),
                              working_time=Decimal(1), evidence="umowa")
    SocialProgress.objects.create(participation=ewa, description="Lepsza samoocena",
                                  evidence="opinia", date=date(2025, 10, 10))
    ContractFactory(participation=anna, signed_on=date(2025, 2, 1))
    ContractFactory(participation=ewa, signed_on=date(2025, 9, 1))
    document_issue(project=project, kind="summary", by=coordinator,
                   render=lambda document: b"%PDF-1.4")
    return {"anna": anna, "jan": jan, "ewa": ewa, "workshop": workshop}


def figures(report) -> dict:
    """Every number of a report, keyed by where it stands."""
    found = {}
    for title, rows in report.people:
        for row in rows:
            for part in ("total", "women", "men", "disabled"):
                found[title, row.label, part] = getattr(row, part)
    for row in report.hours:
        found["hours", row.name, "group"] = row.group_hours
        found["hours", row.name, "individual"] = row.individual_hours
        found["hours", row.name, "sessions"] = row.sessions
    found |= {("documents", label): count for label, count in report.documents}
    found |= {("results", label): count for label, count in report.results}
    return found


def test_consecutive_periods_add_up_to_the_whole_project(project, facts):
    whole = figures(claim_report(project, *WHOLE))
    parts = [figures(claim_report(project, *period)) for period in PERIODS]

    for key, value in whole.items():
        assert sum(part.get(key, 0) for part in parts) == value, key
    assert any(whole.values())


def test_a_period_counts_what_happened_in_it(project, facts):
    spring, autumn, _later = (claim_report(project, *period) for period in PERIODS)

    assert [row.total for row in spring.started] == [2, 2, 0]  # all, edition 1, edition 2
    assert [row.total for row in autumn.started] == [1, 0, 1]
    assert spring.started[0].label == "Wszyscy, którzy rozpoczęli"
    assert (spring.started[0].women, spring.started[0].disabled) == (1, 1)
    assert {row.label: row.total for row in spring.finished} == {
        "Ukończyli udział": 1, "Zrezygnowali": 1, "Zostali usunięci z projektu": 0
    }
    [hours] = spring.hours
    assert (hours.group_hours, hours.individual_hours, hours.sessions) == (3, 1, 2)
    assert dict(spring.results)["Ukończyli ścieżkę reintegracji"] == 1
    assert dict(autumn.results) == {
        "Ukończyli ścieżkę reintegracji": 0,
        "Uzyskane kwalifikacje (poświadczone przez instytucję zewnętrzną)": 1,
        "Podjęte zatrudnienie": 1, "Udokumentowany postęp w sytuacji społecznej": 1,
    }
    assert dict(spring.documents)["kontrakt socjalny"] == 1


def test_the_page_the_workbook_and_the_pdf(client, coordinator, project, facts):
    client.force_login(coordinator)
    url = reverse("reporting:claim", args=[project.pk])
    period = {"od": "01.01.2025", "do": "30.06.2025"}

    page = client.get(url, period)
    workbook = client.get(reverse("reporting:claim_download", args=[project.pk, "xlsx"]), period)
    pdf = client.get(reverse("reporting:claim_download", args=[project.pk, "pdf"]), period)

    assert page.status_code == 200 and page.context["report"].started[0].total == 2
    sheet = load_workbook(io.BytesIO(workbook.getvalue())).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert project.title in values and 2 in values
    assert pdf.getvalue().startswith(b"%PDF")
    assert "okres-NASZ-1-2025-01-01-2025-06-30.pdf" in pdf["Content-Disposition"]


def test_a_period_outside_the_project_or_backwards_is_refused(client, coordinator, project):
    client.force_login(coordinator)
    url = reverse("reporting:claim", args=[project.pk])

    backwards = client.get(url, {"od": "30.06.2025", "do": "01.01.2025"})
    outside = client.get(url, {"od": "01.01.2024", "do": "30.06.2025"})

    assert backwards.status_code == outside.status_code == 400
    assert backwards.context["report"] is None and outside.context["report"] is None
