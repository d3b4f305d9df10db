"""A generated project of N participants for measuring: support forms, sessions, attendance,
a training course with results. Rows go in with bulk_create (no history: generated, not entered),
so the hours summed from the attendance are recomputed for the whole project at the end.

    python manage.py generate_scale_data --participants 10000
"""

import time
from datetime import date, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction

from instruments.hours import refresh_hours
from instruments.models import Attendance, Referral, Session, SupportForm
from participants.models import Participation, ParticipationStatus, Person
from projects.models import FundingProgramme, Organisation, OrganisationKind, Project
from trainings.models import CourseDocument, ExamResult, TrainingCourse, TrainingResult

START = date(2025, 1, 1)
END = date(2026, 12, 31)
NAMES = {
    "K": (["Anna", "Maria", "Katarzyna", "Łucja", "Żaneta"],
          ["Nowak", "Wiśniewska", "Wójcik", "Kamińska", "Dąbrowska", "Woźniak"]),
    "M": (["Jan", "Piotr", "Andrzej", "Paweł", "Grzegorz"],
          ["Kowalczyk", "Lewandowski", "Zieliński", "Szymański", "Mazur", "Król"]),
}
FORMS = [  # name, instrument, mode, group hours, sessions
    ("Doradztwo zawodowe", "vocational", "group", 12, 6),
    ("Trening kompetencji psychospołecznych", "social", "group", 20, 8),
    ("Terapia psychologiczna", "health", "group", 8, 4),
    ("Magazynier z obsługą wózków jezdniowych", "educational", "training", 120, 15),
]
GROUP_SIZE = 25
BATCH = 2000


def _person(index: int, organisation) -> Person:
    sex = "K" if index % 2 == 0 else "M"
    first_names, last_names = NAMES[sex]
    first, last = first_names[index % 5], f"{last_names[index % 6]}-{index}"
    person = Person(
        first_name=first, last_name=last, sex=sex,
        birth_date=date(1970 + index % 30, 1 + index % 12, 1 + index % 28),
        other_identifier=f"GEN-{index:06d}", organisation=organisation,
    )
    person.refresh_search_text()  # bulk_create skips save(), which keeps it otherwise
    return person


class Command(BaseCommand):
    help = "Creates a generated project with N participants, support and attendance."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=1000)
        parser.add_argument("--short-name", default=None)

    def handle(self, *args, participants, short_name, **options):
        started = time.perf_counter()
        project = generate(participants, short_name=short_name)
        self.stdout.write(
            f"Project {project.short_name}: {participants} participants "
            f"in {time.perf_counter() - started:.1f} s"
        )


@transaction.atomic
def generate(count: int, *, short_name: str | None = None) -> Project:
    office = Organisation.objects.create(
        name="Miejski Ośrodek Pomocy Społecznej (dane generowane)", kind=OrganisationKind.MOPS,
        town="Testowo", head_name="Jadwiga Generowana",
    )
    suffix = Project.objects.filter(short_name__startswith="SCALE-").count() + 1
    project = Project.objects.create(
        title=f"Projekt generowany do pomiarów ({count} uczestników)",
        short_name=short_name or f"SCALE-{count}-{suffix}",
        programme=FundingProgramme.objects.order_by("-period_start_year").first(),
        lead_beneficiary=office, start_date=START, end_date=END,
        priority="Priorytet generowany", measure="Działanie 1.1",
    )
    people = Person.objects.bulk_create(
        [_person(i, office) for i in range(count)], batch_size=BATCH
    )
    participations = Participation.objects.bulk_create(
        [
            Participation(
                person=person, project=project, organisation=office,
                start_date=START + timedelta(days=i % 60),
                end_date=END - timedelta(days=i % 90), age_at_entry=30 + i % 30,
                status=ParticipationStatus.COMPLETED if i % 10 else ParticipationStatus.RESIGNED,
            )
            for i, person in enumerate(people)
        ],
        batch_size=BATCH,
    )
    forms = SupportForm.objects.bulk_create([
        SupportForm(project=project, name=name, instrument=instrument, mode=mode,
                    start_date=START, end_date=END, planned_group_hours=Decimal(hours))
        for name, instrument, mode, hours, _sessions in FORMS
    ])
    Referral.objects.bulk_create(
        [Referral(participation=p, support_form=form, referred_on=START)
         for form in forms for p in participations],
        batch_size=BATCH,
    )
    _sessions_and_attendance(forms, participations)
    _training(forms[-1], participations)
    refresh_hours(project=project)
    return project


def _sessions_and_attendance(forms, participations) -> None:
    """Each group of 25 has its own sessions of every form; everyone attends most of them."""
    sessions, attendance = [], []
    groups = [participations[i:i + GROUP_SIZE] for i in range(0, len(participations), GROUP_SIZE)]
    for (_name, _instrument, _mode, hours, count), form in zip(FORMS, forms, strict=True):
        minutes = round(60 * hours / count)
        for number, group in enumerate(groups):
            for index in range(count):
                day = START + timedelta(days=7 * index + number % 7)
                sessions.append((Session(
                    support_form=form, date=day, start_time=_time(9), end_time=_time(9, minutes),
                    duration_minutes=minutes, place="Sala 1", staff_name="Prowadzący",
                ), group))
    created = Session.objects.bulk_create([session for session, _group in sessions],
                                          batch_size=BATCH)
    for session, (_session, group) in zip(created, sessions, strict=True):
        attendance += [
            Attendance(session=session, participation=p, present=(p.pk + session.pk) % 7 != 0)
            for p in group
        ]
    Attendance.objects.bulk_create(attendance, batch_size=BATCH * 5)


def _time(hour: int, minutes: int = 0):
    from datetime import time

    total = hour * 60 + minutes
    return time(total // 60, total % 60)


def _training(form, participations) -> None:
    course = TrainingCourse.objects.create(support_form=form, exam_required=True)
    TrainingResult.objects.bulk_create(
        [
            TrainingResult(
                course=course, participation=p, completed=i % 10 != 0,
                exam_result=ExamResult.PASSED if i % 10 else ExamResult.FAILED,
                exam_date=END - timedelta(days=30),
                document_kind=CourseDocument.CERTIFICATE if i % 10 else CourseDocument.NONE,
            )
            for i, p in enumerate(participations)
        ],
        batch_size=BATCH,
    )
