"""Generated data for measuring: one project of N participants, or a whole installation.

Rows go in with bulk_create in large batches (no history: generated, not entered), so the
hours summed from the attendance are recomputed for each project at its end.

    python manage.py generate_scale_data --participants 10000      # one project
    python manage.py generate_scale_data --installation 200000     # the benchmark's installation

An installation is hundreds of projects of several organisations (about N participations in all,
each with people, support forms, sessions and attendance; contracts for a third of them, social
progress for half, employment for a third of those who completed) plus the
two projects the benchmark measures: ``BENCH-10K`` (10,000 participants, full attendance, a
course with results, 2,000 certificates issued) and ``BENCH-100`` (100 participants), each with
its team (``bench-koordynator``, ``bench-pracownik``, ``bench-kierownik``; ``bench-100-…`` for the
small one). It refuses to run twice on one database: start from a fresh database instead.
"""

import time
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from stdnum.pl import pesel as stdnum_pesel

from accounts.models import User
from accounts.roles import GROUP_NAMES, Role
from contracts.models import ContractKind, SocialContract
from instruments.hours import refresh_hours
from instruments.models import Attendance, Referral, Session, SupportForm
from participants.models import Participation, ParticipationStatus, Person
from projects.models import (
    FundingProgramme,
    Membership,
    Organisation,
    OrganisationKind,
    Project,
)
from results.models import ContractType, Employment, SocialProgress
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
# The other projects of an installation: counselling and a short course, 4 sessions each.
LIGHT_FORMS = [FORMS[0][:3] + (8, 4), FORMS[3][:3] + (24, 4)]
ENTRY_DATA = {
    "voivodeship": "lubelskie", "county": "lubartowski", "commune": "Lubartów",
    "town": "Lubartów", "postcode": "21-100", "foreign_origin": "no",
    "third_country_national": "no", "minority": "refused", "homeless": "no",
}
EDUCATION = ["isced_1", "isced_2", "isced_3", "isced_4", "isced_5_8"]
LABOUR = ["unemployed_registered", "unemployed_unregistered", "inactive"]
GROUP_SIZE = 25
BATCH = 5000

BIG, SMALL = "BENCH-10K", "BENCH-100"
BIG_SIZE, SMALL_SIZE = 10_000, 100
ORGANISATIONS = 8
OTHER_SIZES = [150, 300, 450, 600, 900, 1200]  # cycled: about 600 a project
CERTIFICATES_ISSUED = 2000
ORGANISATION_COORDINATOR = "bench-org-koordynator"
TEAM = {  # username suffix → role
    "koordynator": Role.COORDINATOR, "pracownik": Role.SOCIAL_WORKER, "kierownik": Role.DIRECTOR,
}


def pesel_for(index: int, sex: str, birth: date) -> str:
    """A valid PESEL of that birth date, unique for each index (up to a thousand a day)."""
    month = birth.month + (20 if birth.year >= 2000 else 0)
    serial = f"{index // 10950 % 1000:03d}{int(sex == 'M')}"
    digits = f"{birth:%y}{month:02d}{birth:%d}{serial}"
    return digits + stdnum_pesel.calc_check_digit(digits)


def _person(index: int, organisation) -> Person:
    sex = "K" if index % 2 == 0 else "M"
    first_names, last_names = NAMES[sex]
    first, last = first_names[index % 5], f"{last_names[index % 6]}-{index}"
    birth = date(1960, 1, 1) + timedelta(days=index % 10950)
    person = Person(
        first_name=first, last_name=last, sex=sex, birth_date=birth,
        pesel=pesel_for(index, sex, birth),
        other_identifier=f"GEN-{index:07d}", organisation=organisation,
    )
    person.refresh_search_text()  # bulk_create skips save(), which keeps it otherwise
    return person


def _participation(i: int, person, project, office, workers) -> Participation:
    """Seven in ten taking part, two completed, one resigned; entry data complete."""
    status = [ParticipationStatus.COMPLETED, ParticipationStatus.COMPLETED,
              ParticipationStatus.RESIGNED][i % 10 - 7] if i % 10 >= 7 else (
        ParticipationStatus.PARTICIPANT)
    ended = status != ParticipationStatus.PARTICIPANT
    return Participation(
        person=person, project=project, organisation=office, status=status,
        social_worker=workers[i % len(workers)] if workers else None,
        application_date=START - timedelta(days=14), start_date=START + timedelta(days=i % 60),
        end_date=END - timedelta(days=60 + i % 90) if ended else None,
        age_at_entry=30 + i % 30, education=EDUCATION[i % 5], urbanisation=str(1 + i % 3),
        labour_market_status=LABOUR[i % 3], disability=["no", "yes", "refused"][i % 3],
        centre_client=i % 4 != 0, path_completed=True if ended else None,
        situation_at_exit="unemployed" if ended else "", **ENTRY_DATA,
    )


class Command(BaseCommand):
    help = "Creates a generated project of N participants, or an installation of about N."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=1000)
        parser.add_argument("--short-name", default=None)
        parser.add_argument(
            "--installation", type=int, default=None, metavar="N",
            help="Hundreds of projects of several organisations, about N participations in all, "
                 "with the benchmark's BENCH-10K and BENCH-100 projects.",
        )

    def handle(self, *args, participants, short_name, installation, **options):
        started = time.perf_counter()
        if installation is not None:
            if Project.objects.filter(short_name=BIG).exists():
                raise CommandError(
                    f"This database already holds the benchmark's installation ({BIG}): "
                    "generate it into a fresh database."
                )
            total = generate_installation(installation, progress=self.stdout.write)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum would
            self.stdout.write(
                f"Installation: {total} participations in "
                f"{Project.objects.count()} projects in {time.perf_counter() - started:.1f} s"
            )
            return
        project = generate(participants, short_name=short_name)
        self.stdout.write(
            f"Project {project.short_name}: {participants} participants "
            f"in {time.perf_counter() - started:.1f} s"
        )


# --- An installation ----------------------------------------------------------------------


def generate_installation(total: int, *, big: int = BIG_SIZE, small: int = SMALL_SIZE,
                          issued: int = CERTIFICATES_ISSUED, bench_projects: bool = True,
                          progress=None) -> int:
    """About ``total`` participations: the two measured projects (unless ``bench_projects`` is
    off) and others of ORGANISATIONS organisations; each project commits on its own. Returns the
    participations made."""
    offices = [_office(number) for number in range(1, ORGANISATIONS + 1)]
    made = 0
    index = Person.objects.count()  # people of an earlier run keep their PESEL numbers
    for short_name, size in ((BIG, big), (SMALL, small)) if bench_projects else ():
        project = generate(size, short_name=short_name, organisation=offices[0],
                           first_index=index, team=short_name)
        made, index = made + size, index + size
        if short_name == BIG and issued:
            issue_certificates(project, issued)
    number, reported = 0, 0
    while made < total:
        size = min(OTHER_SIZES[number % len(OTHER_SIZES)], total - made)
        office = offices[number % ORGANISATIONS]
        generate(size, short_name=f"GEN-{number + 1:04d}", organisation=office,
                 first_index=index, light=True)
        made, index, number = made + size, index + size, number + 1
        if progress and made - reported >= 20_000:
            progress(f"  {made} participations, {number + 2} projects")
            reported = made
    if bench_projects:
        organisation_coordinator(offices[0])
    return made


def organisation_coordinator(office) -> User:
    """A coordinator on the team of every project the organisation leads: the widest list."""
    user, _created = User.objects.get_or_create(
        username=ORGANISATION_COORDINATOR, defaults={
            "first_name": "Pomiar", "last_name": "Organizacja", "organisation": office},
    )
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.COORDINATOR]))
    Membership.objects.bulk_create([
        Membership(project=project, user=user, role=Role.COORDINATOR)
        for project in Project.objects.filter(lead_beneficiary=office)
        .exclude(memberships__user=user)
    ])
    return user


def _office(number: int) -> Organisation:
    return Organisation.objects.create(
        name=f"Ośrodek Pomocy Społecznej nr {number} (dane generowane)",
        kind=OrganisationKind.MOPS, town="Testowo", head_name="Jadwiga Generowana",
    )


def bench_users(prefix: str, project, office) -> dict[Role, User]:
    """The project's team: a coordinator, a social worker and the head of the centre."""
    users = {}
    for suffix, role in TEAM.items():
        user = User.objects.create(
            username=f"{prefix}-{suffix}", first_name="Pomiar", last_name=suffix.capitalize(),
            organisation=office,
        )
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
        Membership.objects.create(project=project, user=user, role=role)
        users[role] = user
    return users


def issue_certificates(project, count: int) -> None:
    """Certificates issued, so the register of documents has rows (through the real service)."""
    from documents.certificates import certificates_issue, holders_for
    from documents.models import DocumentKind

    kind = DocumentKind.TRAINING_CERTIFICATE
    holders = holders_for(kind=kind, project=project)[:count]
    coordinator = project.memberships.get(role=Role.COORDINATOR).user
    certificates_issue(kind=kind, project=project, holders=holders, by=coordinator)


# --- One project --------------------------------------------------------------------------


@transaction.atomic
def generate(count: int, *, short_name: str | None = None, organisation=None,
             first_index: int = 0, light: bool = False, team: str | None = None) -> Project:
    office = organisation or Organisation.objects.create(
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
    workers = _social_workers(project, office, team, count)
    people = Person.objects.bulk_create(
        [_person(first_index + i, office) for i in range(count)], batch_size=BATCH
    )
    participations = Participation.objects.bulk_create(
        [_participation(i, person, project, office, workers) for i, person in enumerate(people)],
        batch_size=BATCH,
    )
    plan = LIGHT_FORMS if light else FORMS
    forms = SupportForm.objects.bulk_create([
        SupportForm(project=project, name=name, instrument=instrument, mode=mode,
                    start_date=START, end_date=END, planned_group_hours=Decimal(hours))
        for name, instrument, mode, hours, _sessions in plan
    ])
    Referral.objects.bulk_create(
        [Referral(participation=p, support_form=form, referred_on=START)
         for form in forms for p in participations],
        batch_size=BATCH,
    )
    _sessions_and_attendance(plan, forms, participations)
    _training(forms[-1], participations)
    if workers:
        _contracts(project, participations, workers)
    generate_results(participations)
    refresh_hours(project=project)
    return project


def _social_workers(project, office, team: str | None, count: int) -> list:
    """The named team of a measured project (its social worker has every 20th case), else one
    social worker per project, the contracts' signatory."""
    if team is not None:
        prefix = "bench" if team == BIG else "bench-100"
        users = bench_users(prefix, project, office)
        others = [
            User(username=f"{prefix}-pracownik-{n}", first_name="Pomiar", last_name=f"P{n}",
                 organisation=office)
            for n in range(2, 21 if count > 1000 else 4)
        ]
        others = User.objects.bulk_create(others)
        Membership.objects.bulk_create([
            Membership(project=project, user=user, role=Role.SOCIAL_WORKER) for user in others
        ])
        return [users[Role.SOCIAL_WORKER], *others]
    if project.short_name.startswith("SCALE-"):
        return []
    worker = User.objects.create(username=f"gen-{project.short_name.lower()}",
                                 first_name="Pracownik", last_name="Generowany",
                                 organisation=office)
    Membership.objects.create(project=project, user=worker, role=Role.SOCIAL_WORKER)
    return [worker]


def _contracts(project, participations, workers) -> None:
    """A third of the participants have a social contract in force, some of them due soon."""
    today = timezone.localdate()
    contracts = [
        SocialContract(
            participation=p, project=project, kind=ContractKind.SOCIAL_CONTRACT, sequence=n,
            number=f"KS/{n}/{START.year}", signed_on=p.start_date, valid_from=p.start_date,
            valid_to=END, worker=workers[n % len(workers)],
            assessment="Sytuacja opisana przy generowaniu danych.", goals="Aktywizacja zawodowa.",
            next_review_on=min(END, today + timedelta(days=n % 90 - 30)),
        )
        for n, p in enumerate(participations[::3], start=1)
    ]
    SocialContract.objects.bulk_create(contracts, batch_size=BATCH)


def generate_results(participations) -> None:
    """Social progress for every other participant, documented a month or two after the start;
    employment for a third of those who completed, taken up two weeks after the end: an
    open-ended full-time employment contract or a business of one's own, which every programme
    counts (both within the effectiveness window)."""
    today = timezone.localdate()
    SocialProgress.objects.bulk_create(
        [
            SocialProgress(
                participation=p, description="Poprawa sytuacji opisana przy generowaniu danych.",
                evidence="Opinia pracownika socjalnego.",
                date=min(today, p.start_date + timedelta(days=30 + n % 30)),
            )
            for n, p in enumerate(participations[::2])
        ],
        batch_size=BATCH,
    )
    completed = [p for p in participations
                 if p.status == ParticipationStatus.COMPLETED and p.end_date]
    Employment.objects.bulk_create(
        [
            Employment(
                participation=p, start_date=max(p.start_date, min(today, p.end_date + timedelta(
                    days=14))),
                **({"contract_type": ContractType.OWN_BUSINESS} if n % 4 == 3 else {
                    "contract_type": ContractType.EMPLOYMENT_CONTRACT, "working_time": 1,
                    "employer_name": "Pracodawca generowany", "position": "Magazynier",
                }),
                evidence="Kopia umowy.",
            )
            for n, p in enumerate(completed[::3])
        ],
        batch_size=BATCH,
    )


def _sessions_and_attendance(plan, forms, participations) -> None:
    """Each group of 25 has its own sessions of every form; everyone attends most of them."""
    sessions, attendance = [], []
    groups = [participations[i:i + GROUP_SIZE] for i in range(0, len(participations), GROUP_SIZE)]
    for (_name, _instrument, _mode, hours, count), form in zip(plan, forms, strict=True):
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
        if len(attendance) >= 50_000:  # bounded memory: the 10,000 project has 330,000 marks
            Attendance.objects.bulk_create(attendance, batch_size=BATCH * 2)
            attendance = []
    Attendance.objects.bulk_create(attendance, batch_size=BATCH * 2)


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
