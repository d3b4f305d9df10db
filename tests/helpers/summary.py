"""The project summary: a project filled with what the summary reports."""

from datetime import date, time

from events.models import Event, EventAttendance, EventKind
from instruments.hours import refresh_hours
from instruments.models import Attendance, SupportMode
from participants.models import ParticipationStatus
from projects.models import IndicatorDefinition
from trainings.models import TrainingCourse, TrainingResult

from ..factories import (
    IndicatorTargetFactory,
    OrganisationFactory,
    ParticipationFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
)

SCOPE = "Zajęcia w celu nabycia umiejętności aktywnego poszukiwania pracy."
# course name, how many of the enrolled completed it
COURSES = [("Magazynier z obsługą wózków jezdniowych", 6), ("Prawo jazdy kat. B", 4),
           ("Fryzjer", 1)]


def _course(project, name, participations, completed):
    """A training with these participants; the first ``completed`` of them completed it."""
    support_form = SupportFormFactory(
        project=project, name=name, instrument="educational", mode=SupportMode.TRAINING,
        planned_group_hours=0, planned_individual_hours=0,
    )
    course = TrainingCourse.objects.create(support_form=support_form)
    for number, participation in enumerate(participations):
        ReferralFactory(participation=participation, support_form=support_form)
        TrainingResult.objects.create(
            course=course, participation=participation, completed=number < completed
        )
    return course


def fill(project, count: int):
    """A project with ``count`` participants, counselling, three courses, an event and a target."""
    project.priority = "Priorytet VII Promocja integracji społecznej"
    project.measure = "Działanie 7.1 Rozwój i upowszechnianie aktywnej integracji"
    project.sub_measure = "Poddziałanie 7.1.1 Rozwój i upowszechnianie aktywnej integracji"
    project.save()
    provider = OrganisationFactory(name="Lubelska Fundacja Rozwoju")
    counselling = SupportFormFactory(
        project=project, name="Doradztwo zawodowe", scope=SCOPE, provider=provider,
        start_date=date(2025, 11, 1), end_date=date(2025, 11, 30),
    )
    participations = [
        ParticipationFactory(project=project, status=ParticipationStatus.COMPLETED,
                             path_completed=True)
        for _ in range(count)
    ]
    for participation in participations:
        ReferralFactory(participation=participation, support_form=counselling)
    session = SessionFactory(support_form=counselling, date=date(2025, 11, 3),
                             start_time=time(9), end_time=time(12))
    Attendance.objects.bulk_create(
        Attendance(session=session, participation=p, present=True) for p in participations
    )
    refresh_hours(sessions=[session])  # marked here without the services, which refresh them
    for name, completed in COURSES:
        _course(project, name, participations[:6], min(completed, count))
    event = Event.objects.create(
        project=project, kind=EventKind.STUDY_VISIT, title="Przykłady ekonomii społecznej",
        start_date=date(2025, 11, 20), places="Łęczna, Chełm",
    )
    EventAttendance.objects.bulk_create(
        EventAttendance(event=event, participation=p) for p in participations
    )
    IndicatorTargetFactory(project=project, target_value=25)
    IndicatorTargetFactory(
        project=project, target_value=20,
        indicator=IndicatorDefinition.objects.get(code="path-completed"),
    )
    return participations
