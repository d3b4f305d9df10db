"""Documents obtained as the indicators define them: qualifications, competences in four stages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from reporting.indicators import project_indicators
from reporting.summary import build_summary
from trainings.models import CourseDocument, ExamResult, TrainingResult

from .factories import SessionFactory, SupportFormFactory
from .helpers.trainings import attend, enrol, record, set_up

SCOPE = "Obsługa magazynu: przyjęcie i wydanie towaru; osoby długotrwale bezrobotne."
STANDARD = "Uczestnik przyjmuje towar na podstawie WZ/PZ i prowadzi kartotekę magazynową."


@pytest.fixture
def training_form(project):
    return SupportFormFactory(
        project=project, name="Magazynier", instrument="educational", mode="training",
        start_date=date(2025, 3, 1), end_date=date(2025, 6, 30), planned_group_hours=80,
        planned_individual_hours=0,
    )


@pytest.fixture
def sessions(training_form):
    return [SessionFactory(support_form=training_form, date=date(2025, 3, day))
            for day in (3, 4, 5)]


@pytest.fixture
def validated_course(training_form, coordinator):
    return set_up(training_form, coordinator, competence_scope=SCOPE,
                  competence_standard=STANDARD)


def competences(course, participation, by):
    return record(course, participation, by, document_kind=CourseDocument.COMPETENCES,
                  document_body="Centrum Walidacji", document_number="WAL/3/2025",
                  document_date=date(2025, 6, 25))


def qualification(course, participation, by):
    return record(course, participation, by, document_kind=CourseDocument.QUALIFICATION,
                  document_body="UDT", document_number="UDT/9/2025",
                  document_date=date(2025, 6, 20))


def test_competences_need_the_four_stages(training_form, sessions, social_worker,
                                          coordinator):
    course = set_up(training_form, coordinator)  # stages I and II not defined
    trainee = enrol(training_form, social_worker)
    attend(trainee, sessions)

    with pytest.raises(ValidationError) as refused:
        competences(course, trainee, social_worker)

    message = " ".join(refused.value.message_dict["document_kind"])
    assert "etapu I" in message and "etapu II" in message
    assert not TrainingResult.objects.exists()


def test_competences_confirmed_in_four_stages_are_recorded(validated_course, sessions,
                                                           social_worker):
    trainee = enrol(validated_course.support_form, social_worker)
    attend(trainee, sessions)

    result = competences(validated_course, trainee, social_worker)

    assert (result.document_kind, result.exam_result) == (
        CourseDocument.COMPETENCES, ExamResult.PASSED
    )


def test_the_database_refuses_competences_without_a_passed_assessment(validated_course,
                                                                     social_worker):
    trainee = enrol(validated_course.support_form, social_worker)

    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingResult.objects.create(
            course=validated_course, participation=trainee, completed=True,
            exam_result=ExamResult.FAILED, document_kind=CourseDocument.COMPETENCES,
            document_number="WAL/1", document_date=date(2025, 6, 25),
        )


def test_the_indicator_and_the_summary_count_qualifications_and_competences(
    validated_course, sessions, social_worker
):
    people = [enrol(validated_course.support_form, social_worker) for _ in range(3)]
    for person in people:
        attend(person, sessions)
    qualification(validated_course, people[0], social_worker)
    competences(validated_course, people[1], social_worker)
    record(validated_course, people[2], social_worker)  # the project's certificate only

    project = validated_course.support_form.project
    achieved = {row.code: row.achieved for row in project_indicators(project)}
    with translation.override("pl"):
        lines = [str(r) for r in build_summary(project).results if r.kind == "qualifications"]

    assert achieved["qualifications"] == 2
    assert lines == [
        "2 osoby uzyskały dokument potwierdzający kwalifikacje lub kompetencje, "
        "w tym 1 osoba kwalifikacje."
    ]
