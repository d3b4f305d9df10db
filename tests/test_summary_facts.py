"""The summary states the facts it has: recruitment, paths, internships, job support."""

from datetime import date

import pytest
from django.utils import translation

from employment.models import Internship, InternshipOutcome, JobSupportContact, JobSupportKind
from participants.models import IndividualPath, ParticipationStatus
from reporting import summary_facts as facts
from reporting.summary import build_summary

from .factories import OrganisationFactory, ParticipationFactory, PersonFactory

Status = ParticipationStatus


@pytest.fixture
def polish():
    with translation.override("pl"):
        yield


def person(sex, serial):
    from demo.people import make_pesel

    birth = date(1980, 5, 17)
    return PersonFactory(sex=sex, birth_date=birth, pesel=make_pesel(birth, serial, sex))


def test_recruitment_by_decision_sex_and_disability(project, polish):
    for serial, (sex, status, disability) in enumerate([
        ("K", Status.COMPLETED, "yes"), ("K", Status.RESIGNED, ""), ("M", Status.QUALIFIED, ""),
        ("M", Status.RESERVE, "yes"), ("K", Status.REJECTED, ""), ("M", Status.CANDIDATE, ""),
    ]):
        ParticipationFactory(project=project, person=person(sex, serial), status=status,
                             disability=disability, start_date=None)

    found = facts.recruitment(project)

    assert found.applications == facts.Group(6, 3, 3, 2)
    assert found.qualified == facts.Group(3, 2, 1, 1)
    assert found.reserve == facts.Group(1, 0, 1, 1)
    assert found.rejected == facts.Group(1, 1, 0, 0)
    assert str(found.qualified) == (
        "3 osoby (kobiety: 2, mężczyźni: 1; z niepełnosprawnościami: 1)"
    )


def test_diagnoses_and_paths_drawn_up(project, social_worker, polish):
    people = [ParticipationFactory(project=project) for _ in range(2)]
    for revision, participation in [(1, people[0]), (2, people[0]), (1, people[1])]:
        IndividualPath.objects.create(
            participation=participation, revision=revision, drawn_up_on=date(2025, 2, 3),
            drawn_up_by=social_worker, problem_situation="x", needs="y", goals="z",
        )

    assert str(facts.paths(project)) == (
        "Diagnozę potrzeb i indywidualną ścieżkę reintegracji sporządzono dla 2 osób. "
        "Ścieżki aktualizowano 1 raz."
    )


def test_internships_shortest_longest_employers_and_hired(project, polish):
    bakery, shop = OrganisationFactory(name="Piekarnia"), OrganisationFactory(name="Sklep")
    for employer, start, end, outcome in [
        (bakery, date(2025, 3, 1), date(2025, 5, 31), InternshipOutcome.HIRED),
        (shop, date(2025, 3, 1), date(2025, 8, 31), InternshipOutcome.COMPLETED),
    ]:
        Internship.objects.create(
            participation=ParticipationFactory(project=project), employer=employer,
            position="sprzedawca", mentor_name="Jan Nowak", start_date=start, end_date=end,
            outcome=outcome,
        )

    found = facts.internships(project)

    assert (found.count, found.shortest_months, found.longest_months, found.hired) == (2, 3, 6, 1)
    assert str(found) == (
        "Zrealizowano 2 staże, o długości od 3 do 6 miesięcy. Pracodawcy przyjmujący na staż: "
        "Piekarnia; Sklep. Zatrudnienie u pracodawcy przyjmującego podjęła 1 osoba."
    )


def test_job_placement_and_job_coaching(project, polish):
    anna, jan = ParticipationFactory(project=project), ParticipationFactory(project=project)
    for participation, kind in [(anna, JobSupportKind.OFFER_PRESENTED),
                                (anna, JobSupportKind.PLACEMENT),
                                (jan, JobSupportKind.OFFER_PRESENTED),
                                (jan, JobSupportKind.JOB_COACH)]:
        JobSupportContact.objects.create(participation=participation, kind=kind,
                                         date=date(2025, 5, 5), employer_name="Hurtownia")

    found = facts.job_support(project)

    assert found.placement_text == (
        "Pośrednictwo pracy: 2 osoby, 3 kontakty; przedstawiono 2 oferty pracy; "
        "1 podjęcie pracy."
    )
    assert found.coaching_text == "Trener pracy: 1 osoba, 1 kontakt."


def test_a_project_without_internships_or_job_support_says_nothing_of_them(project):
    summary = build_summary(project)

    assert (summary.internships, summary.job_support) == (None, None)
    assert summary.recruitment.applications.total == 0
