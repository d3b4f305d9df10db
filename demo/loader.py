"""The demo projects, as data, and their loader (``manage.py load_demo``).

The first project reproduces the seed summary of MOPS Lubartów (2011, PO KL 7.1.1) with
25 participants; the second is a recent 2021–2027 project of an NGO with a MOPS partner in two
editions. Names and PESEL numbers are fictional (the PESEL numbers are valid: generated below).
Loading twice changes nothing: every row is looked up by its natural key and saved only when
its values differ (many rows at once through simple_history's bulk helpers, attributed to a demo
account).

The support the seed project delivered is recorded as facts (sessions, attendance, course results,
events), so that the figures of the seed summary come out of them. Where the seed summary
contradicts itself, the demo chooses consistent data:

- Periods of the vocational instrument ("01.11.2010 r.– 30.11.2011 r.", starting before the
  project) and of the social one ("01.11.2011 r. – 30.11.2010 r.", ending before it starts): both
  are taken as 01.11.2011–30.11.2011, the period the summary gives for the health instrument.
- Hours of the social instrument, "40 (15 godzin zajęcia grupowe, 25 godzin zajęć indywidualnych –
  po 2 godz. dla każdego uczestnika)": 25 participants × 2 h would be 50, not 25. The demo keeps
  the two figures that agree with each other (15 + 25 = 40) and reads the "2 h each" as the slip
  (copied from the other two instruments): 1 h of individual consultation per participant, so
  15 h of group sessions + 25 × 1 h = 40 h. The vocational and health instruments add up as
  written: 15 h group + 25 × 2 h = 65 h.
- "3 osób" is a plural slip of the summary text only (3 osoby); the count, 3, stands.
- The seed gives no date of the study visit "Przykłady ekonomii społecznej": the demo puts it on
  5–6.12.2011 (Łęczna, then Chełm), after the courses and the November instruments, before the
  closing workshop of 14.12.2011.
- Documents: every course ends with an exam; the 6 forklift operators pass the exam before the
  Urząd Dozoru Technicznego (UDT), which certifies their qualification; the other 19 obtain the
  completion certificate of the course (zaświadczenie), the one the summary says was handed over
  on 14.12.2011. The driving-licence courses end with the internal exam and a certificate: the
  state exam (WORD) and the licence are not in the summary, so they are not recorded.
- Employment: the summary states none for the seed project, so none is recorded. Social
  progress: the summary states that all 25 kept their social contracts (assessed by the social
  worker) and acquired job-search skills; the demo records that as one documented progress per
  participant, dated at the end of participation, with the contract's final assessment as evidence.
- Scheduling the summary does not give: courses run in September–October 2011 (each participant
  in exactly one course), the three instruments in November 2011 (group sessions in the morning,
  one instrument a day; individual consultations in the afternoon), so nobody is at two sessions
  at once.

The recent project (KROK-FEL-2024) gets a smaller set: counselling, workshops (with absences),
a forklift course ending with a UDT exam (two pass and obtain the qualification, one fails and
does not complete it), one internship at a host employer with a valid NIP, job placement contacts,
one employment contract taken up the day after the participation ended, social progress for three
people and one workshop with employers; only for people taking part, inside their periods. The
participant who resigned now leaves on 28.06.2024 (earlier demos dated it at the edition's end,
after the sessions she had stopped attending).
"""

import tomllib
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history
from stdnum.pl import pesel as stdnum_pesel

from accounts.roles import ADMINISTRATOR_GROUP, GROUP_NAMES, Role
from aktywizacja.dates import month_end
from contracts.models import (
    ContractAction,
    MonitoringEntry,
    Outcome,
    Party,
    Progress,
    SocialContract,
    proposed_kind,
)
from documents.services import number_take
from employment.models import (
    Internship,
    InternshipMonth,
    InternshipOutcome,
    JobSupportContact,
    JobSupportKind,
)
from events.models import Event, EventAttendance, EventKind
from instruments.models import (
    Attendance,
    InstrumentKind,
    Referral,
    ReferralStatus,
    Session,
    SessionKind,
    StaffRole,
    SupportForm,
    SupportMode,
)
from participants.codelists import (
    Answer,
    DisabilityDegree,
    Education,
    LabourMarketStatus,
    Urbanisation,
)
from participants.models import (
    IndividualPath,
    Participation,
    ParticipationStatus,
    Person,
    PlannedSupport,
    StatusChange,
)
from participants.services import EXIT_REASONS
from projects.models import (
    Edition,
    FundingProgramme,
    IndicatorDefinition,
    IndicatorTarget,
    Membership,
    Organisation,
    OrganisationKind,
    Project,
    SupportAreaCommune,
)
from results.models import ContractType, Employment, SocialProgress
from trainings.models import CourseDocument, ExamResult, TrainingCourse, TrainingResult

DEMO_PASSWORD = "Demo.konto.2026"

DATA = Path(__file__).resolve().parent / "data"


def _data(name: str) -> dict:
    """One of the demo's data files (demo/data/<name>.toml), which a person reads and edits."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


ORGANISATIONS = _data("organisations")
USERS = [
    # username, first name, last name, organisation, role on every demo project (None: admin)
    (account["username"], account["first_name"], account["last_name"],
     account["organisation"], Role(account["role"]) if "role" in account else None)
    for account in _data("accounts")["account"]
]
PROJECTS = [
    project | {
        "editions": project.get("editions", []),
        "communes": project.get("communes", []),
        "targets": {code: Decimal(str(value)) for code, value in project["targets"].items()},
    }
    for project in _data("projects")["project"]
]
_PEOPLE = _data("participants")
# first name, last name, sex, birth date — fictional people.
SEED_PARTICIPANTS = [
    (person["first_name"], person["last_name"], person["sex"], person["birth_date"])
    for person in _PEOPLE["seed"]
]
# first name, last name, sex, birth date, edition, status
RECENT_PARTICIPANTS = [
    (person["first_name"], person["last_name"], person["sex"], person["birth_date"],
     person["edition"], ParticipationStatus(person["status"]))
    for person in _PEOPLE["recent"]
]


# Data at entry, rotated over the participants: (labour-market status, months out of work,
# education, disability, disability degree).
ENTRY_PROFILES = [
    (LabourMarketStatus.UNEMPLOYED_REGISTERED, 26, Education.ISCED_0_2, Answer.NO, ""),
    (LabourMarketStatus.UNEMPLOYED_REGISTERED, 14, Education.ISCED_3_4, Answer.NO, ""),
    (LabourMarketStatus.INACTIVE, None, Education.ISCED_0_2, Answer.YES, DisabilityDegree.MODERATE),
    (LabourMarketStatus.UNEMPLOYED_UNREGISTERED, 8, Education.ISCED_3_4, Answer.NO, ""),
    (LabourMarketStatus.UNEMPLOYED_REGISTERED, 40, Education.ISCED_0_2, Answer.REFUSED, ""),
    (LabourMarketStatus.INACTIVE, None, Education.ISCED_3_4, Answer.YES, DisabilityDegree.MILD),
    (LabourMarketStatus.UNEMPLOYED_REGISTERED, 19, Education.ISCED_5_8, Answer.NO, ""),
]
STREETS = ["ul. Lubelska", "ul. Słowackiego", "ul. Kościuszki", "ul. Legionów", "ul. Lipowa",
           "ul. Cicha", "ul. Ogrodowa", "ul. Szaniawskiego"]
EXCLUSION_REASONS = [
    "Długotrwałe bezrobocie; korzystanie ze świadczeń pomocy społecznej.",
    "Niepełnosprawność; ubóstwo.",
    "Bezradność w sprawach opiekuńczo-wychowawczych; bezrobocie.",
    "Korzystanie ze świadczeń pomocy społecznej; niskie kwalifikacje.",
]
RECRUITMENT_PATH = {
    ParticipationStatus.CANDIDATE: [],
    ParticipationStatus.QUALIFIED: [ParticipationStatus.QUALIFIED],
    ParticipationStatus.RESERVE: [ParticipationStatus.RESERVE],
    ParticipationStatus.PARTICIPANT: [ParticipationStatus.QUALIFIED,
                                      ParticipationStatus.PARTICIPANT],
    ParticipationStatus.COMPLETED: [ParticipationStatus.QUALIFIED,
                                    ParticipationStatus.PARTICIPANT,
                                    ParticipationStatus.COMPLETED],
    ParticipationStatus.RESIGNED: [ParticipationStatus.QUALIFIED,
                                   ParticipationStatus.PARTICIPANT,
                                   ParticipationStatus.RESIGNED],
}


def _entry_data(number: int, *, rural: bool) -> dict:
    status, months, education, disability, degree = ENTRY_PROFILES[number % len(ENTRY_PROFILES)]
    return {
        "labour_market_status": status,
        "unemployment_months": months,
        "education": education,
        "disability": disability,
        "disability_degree": degree,
        "foreign_origin": Answer.NO,
        "third_country_national": Answer.NO,
        "minority": Answer.REFUSED if number % 11 == 5 else Answer.NO,
        "homeless": Answer.YES if number % 13 == 7 else Answer.NO,
        "centre_client": True,
        "exclusion_reasons": EXCLUSION_REASONS[number % len(EXCLUSION_REASONS)],
        "voivodeship": "lubelskie",
        "county": "lubartowski",
        "commune": "Lubartów (gmina)" if rural else "Lubartów (miasto)",
        "commune_teryt": "0608062" if rural else "0608011",  # as the support area has them
        "town": "Nowodwór" if rural else "Lubartów",
        "street": "" if rural else STREETS[number % len(STREETS)],
        "building_number": str(3 + number),
        "postcode": "21-100",
        "urbanisation": Urbanisation.RURAL if rural else Urbanisation.TOWNS,
        "in_support_area": True,
        "phone": f"600 100 {100 + number}",
    }


def make_pesel(birth: date, serial: int, sex: str) -> str:
    """A valid PESEL for a fictional person: date, a 3-digit serial, a sex digit, a checksum."""
    month = birth.month + {18: 80, 19: 0, 20: 20}[birth.year // 100]
    sex_digit = (2 * (serial % 5)) + (1 if sex == "M" else 0)
    body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial % 1000:03d}{sex_digit}"
    return body + stdnum_pesel.calc_check_digit(body)


def _differs(obj, name, value) -> bool:
    """Compares a field's value; a foreign key by its id, without fetching the related row."""
    field = obj._meta.get_field(name)
    if field.many_to_one or field.one_to_one:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def _upsert(model, lookup: dict, values: dict, *, by=None):
    """Create, or update only the fields that differ: a second run writes nothing."""
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj._history_user = by
        obj.save()
        return obj
    changed = [name for name, value in values.items() if _differs(obj, name, value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj._history_user = by
        obj.save(update_fields=changed)
    return obj


def _sync(model, existing, desired, *, key, fields, by):
    """Many rows at once: create the desired rows that are missing, update those that differ.

    ``existing`` is a queryset of the rows already there, ``key`` gives an object's natural key,
    ``fields`` the fields to compare. Each new or changed object is validated with its model's
    ``clean()`` (the per-row database checks of ``full_clean()`` would cost a query per row; the
    database constraints still hold). Returns the rows by key, saved ones included.
    """
    current = {key(obj): obj for obj in existing}
    new, changed = [], []
    for obj in desired:
        obj.clean()  # also derives computed fields (a session's minutes) before comparing
        found = current.get(key(obj))
        if found is None:
            new.append(obj)
            current[key(obj)] = obj
            continue
        if any(_differs(found, name, getattr(obj, name)) for name in fields):
            for name in fields:
                setattr(found, name, getattr(obj, name))
            found.clean()
            changed.append(found)
    historical = hasattr(model._meta, "simple_history_manager_attribute")
    if new and historical:
        bulk_create_with_history(new, model, default_user=by)
    elif new:
        model.objects.bulk_create(new)
    if changed and historical:
        bulk_update_with_history(changed, model, fields, default_user=by)
    elif changed:
        model.objects.bulk_update(changed, fields)
    return current


def _load_users(organisations) -> dict[str, object]:
    User = get_user_model()
    users = {}
    password = None  # hashed once for all the new accounts: the slow hash is most of the load
    for username, first, last, org_key, role in USERS:
        values = {
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            "organisation": organisations[org_key],
            "is_staff": role is None,
            "is_superuser": role is None,
        }
        user = User.objects.filter(username=username).first()
        if user is None:
            password = password or make_password(DEMO_PASSWORD)
            user = User(username=username, password=password, **values)
            user.save()
        else:
            user = _upsert(User, {"username": username}, values)
        group_name = GROUP_NAMES[role] if role else ADMINISTRATOR_GROUP
        if not user.groups.filter(name=group_name).exists():
            user.groups.add(Group.objects.get(name=group_name))
        users[username] = (user, role)
    return users


def _load_project(data, organisations, users):
    project = _upsert(
        Project,
        {"short_name": data["short_name"]},
        {
            "title": data["title"],
            "agreement_number": data["agreement_number"],
            "programme": FundingProgramme.objects.get(code=data["programme"]),
            "priority": data["priority"],
            "measure": data["measure"],
            "sub_measure": data["sub_measure"],
            "lead_beneficiary": organisations[data["lead"]],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "support_area_description": data["support_area_description"],
            "target_group": data["target_group"],
            "goal": data["goal"],
        },
    )
    partners = {organisations[key] for key in data["partners"]}
    if set(project.partners.all()) != partners:
        project.partners.set(partners)
    for edition in data["editions"]:
        _upsert(Edition, {"project": project, "number": edition["number"]}, {
            key: value for key, value in edition.items() if key != "number"
        })
    for commune in data["communes"]:
        lookup = {key: commune[key] for key in ("voivodeship", "county", "commune")}
        values = {key: value for key, value in commune.items() if key not in lookup}
        _upsert(SupportAreaCommune, {"project": project, **lookup}, values)
    for code, value in data["targets"].items():
        indicator = IndicatorDefinition.objects.get(code=code)
        _upsert(IndicatorTarget, {"project": project, "indicator": indicator},
                {"target_value": Decimal(value)})
    for username in data["team"]:
        user, role = users[username]
        _upsert(Membership, {"project": project, "user": user}, {"role": role, "is_active": True})
    return project


def _load_participant(project, serial, person_data, *, edition, status, social_worker, start,
                      end, entry, recorded_by):
    first, last, sex, birth = person_data
    # Each organisation records its own participants (the identity is its own record).
    person = _upsert(
        Person,
        {"pesel": make_pesel(birth, serial, sex), "organisation": project.lead_beneficiary},
        {"first_name": first, "last_name": last, "sex": sex, "birth_date": birth},
    )
    # Recruitment is part of the project: applications lie inside its period.
    opening = start or (edition.start_date if edition else project.start_date)
    application = max(project.start_date, opening - timedelta(days=21))
    ended = status in (ParticipationStatus.COMPLETED, ParticipationStatus.RESIGNED)
    values = {
        "edition": edition, "status": status, "social_worker": social_worker,
        "start_date": start, "end_date": end, "application_date": application,
        "recruitment_source": "pracownik socjalny MOPS",
        "age_at_entry": person.age_on(start) if start else None,
        "exit_reason": EXIT_REASONS.get(status, "") if ended else "",
        "path_completed": (status == ParticipationStatus.COMPLETED) if ended else None,
        **entry,
    }
    participation = _upsert(Participation, {"person": person, "project": project}, values)
    if not participation.status_changes.exists():
        _record_path(participation, application, recorded_by)
    elif ended:  # an earlier demo may have dated the exit differently
        for change in participation.status_changes.filter(to_status=status).exclude(date=end):
            change.date = end
            change.save(update_fields=["date"])


def _record_path(participation, application, recorded_by):
    steps = [("", ParticipationStatus.CANDIDATE, application)]
    previous = ParticipationStatus.CANDIDATE
    for status in RECRUITMENT_PATH[ParticipationStatus(participation.status)]:
        day = {
            ParticipationStatus.PARTICIPANT: participation.start_date,
            ParticipationStatus.COMPLETED: participation.end_date,
            ParticipationStatus.RESIGNED: participation.end_date,
        }.get(status, application + timedelta(days=7))
        steps.append((previous, status, day))
        previous = status
    StatusChange.objects.bulk_create(
        StatusChange(participation=participation, from_status=old, to_status=new, date=day,
                     changed_by=recorded_by,
                     reason="Rezygnacja z powodu podjęcia opieki nad członkiem rodziny."
                     if new == ParticipationStatus.RESIGNED else "")
        for old, new, day in steps
    )


def _load_participants(projects, users):
    seed, recent = projects
    workers = [users["pracownik"][0], users["pracownik2"][0]]
    coordinator = users["koordynator"][0]
    for number, person in enumerate(SEED_PARTICIPANTS):
        _load_participant(
            seed, 100 + number, person, edition=None, status=ParticipationStatus.COMPLETED,
            social_worker=workers[number % 2], start=date(2011, 3, 1), end=date(2011, 12, 14),
            entry=_entry_data(number, rural=False), recorded_by=coordinator,
        )
    editions = {edition.number: edition for edition in recent.editions.all()}
    for number, (*person, edition_number, status) in enumerate(RECENT_PARTICIPANTS):
        edition = editions[edition_number]
        taking_part = status not in (
            ParticipationStatus.CANDIDATE, ParticipationStatus.QUALIFIED,
            ParticipationStatus.RESERVE,
        )
        finished = status in (ParticipationStatus.COMPLETED, ParticipationStatus.RESIGNED)
        _load_participant(
            recent, 300 + number, tuple(person), edition=edition, status=status,
            social_worker=users["pracownik"][0] if number % 3 else users["fundacja"][0],
            start=edition.start_date if taking_part else None,
            end=RESIGNED_ON.get(number, edition.end_date) if finished else None,
            # the foundation's own recruits (its worker's cases) are not clients of the centre
            entry=_entry_data(number + 3, rural=number % 2 == 1)
            | {"centre_client": number % 3 != 0},
            recorded_by=coordinator,
        )


# Social contracts. The seed project: 25 social contracts, all fulfilled (the seed summary);
# each participant's course as the summary counts them (women first in SEED_PARTICIPANTS).
SEED_COURSES = (
    ["Opiekunka osoby starszej i niepełnosprawnej"] * 3
    + ["Kosmetyka i stylizacja paznokci"] * 3
    + ["Sprzedawca z obsługą komputera i maszyn liczących"] * 4
    + ["Gastronomia z prowadzeniem działalności gospodarczej"] * 3
    + ["Fryzjer"]
    + ["Prawo jazdy kat. B"] * 4
    + ["Magazynier z obsługą wózków jezdniowych"] * 6
    + ["Prawo jazdy kat. D"]
)
ASSESSMENTS = [
    "Osoba długotrwale bezrobotna, bez kwalifikacji zawodowych, utrzymuje się ze świadczeń "
    "pomocy społecznej. Zasoby: motywacja do zmiany, wsparcie rodziny.",
    "Osoba z niepełnosprawnością, w trudnej sytuacji materialnej, o niskiej samoocenie. "
    "Zasoby: doświadczenie w pracy dorywczej, gotowość do nauki.",
    "Osoba samotnie wychowująca dzieci, bezrobotna, z trudnościami w organizacji czasu. "
    "Zasoby: wykształcenie średnie, zaangażowanie w sprawy rodziny.",
    "Osoba bezrobotna, korzystająca ze świadczeń, z niewielkim doświadczeniem zawodowym. "
    "Zasoby: dobre relacje z otoczeniem, chęć podjęcia pracy.",
]
# KROK-FEL-2024: the participants taking part (their numbers in RECENT_PARTICIPANTS), how the
# contract ended, and the next review of those in force (a few due soon, one overdue).
RECENT_CONTRACTS = [
    (0, Outcome.FULFILLED, None),
    (1, Outcome.FULFILLED, None),
    (2, Outcome.TERMINATED, None),
    (3, Outcome.FULFILLED, None),
    (4, Outcome.FULFILLED, None),
    (5, Outcome.FULFILLED, None),
    (6, Outcome.IN_FORCE, date(2026, 11, 27)),
    (7, Outcome.IN_FORCE, date(2026, 12, 2)),
    (8, Outcome.IN_FORCE, date(2026, 12, 10)),
    (9, Outcome.IN_FORCE, date(2026, 11, 16)),
    (10, Outcome.IN_FORCE, None),
]


def _load_contract(participation, *, valid_to, assessment, goals, outcome,
                   final_assessment="", next_review_on=None, actions, monitoring):
    """One contract of the participation, numbered in the documents register as signing does
    (a second run finds it by its participation and keeps its number)."""
    kind = proposed_kind(participation)
    closed = outcome != Outcome.IN_FORCE
    project, signed_on = participation.project, participation.start_date
    existing = SocialContract.objects.filter(participation=participation).first()
    if existing is None:
        sequence, number = number_take(project=project, kind=kind, year=signed_on.year)
    else:
        sequence, number = existing.sequence, existing.number
    terms = {
        "signed_on": signed_on, "valid_from": signed_on, "valid_to": valid_to,
        "assessment": assessment, "goals": goals,
    }
    contract = _upsert(SocialContract, {"participation": participation}, {
        "project": project, "kind": kind, "sequence": sequence, "number": number, **terms,
        "signed_terms": {name: value.isoformat() if isinstance(value, date) else value
                         for name, value in terms.items()},
        "worker": participation.social_worker,
        "outcome": outcome, "final_assessment": final_assessment,
        "final_assessed_on": (participation.end_date or valid_to) if closed else None,
        "next_review_on": next_review_on,
    })
    worker = participation.social_worker
    _sync(ContractAction, contract.actions.all(), [
        ContractAction(contract=contract, party=party, description=description,
                       deadline=deadline, responsible=responsible, done=done)
        for party, description, deadline, responsible, done in actions
    ], key=lambda row: (row.contract_id, row.description),
        fields=["party", "deadline", "responsible", "done"], by=worker)
    _sync(MonitoringEntry, contract.monitoring.all(), [
        MonitoringEntry(contract=contract, date=day, progress=progress, note=note,
                        recorded_by=worker)
        for day, progress, note in monitoring
    ], key=lambda row: (row.contract_id, row.date),
        fields=["progress", "note", "recorded_by"], by=worker)
    return contract


def _load_seed_contracts(project):
    participations = {p.person.pesel: p for p in project.participations.select_related(
        "person", "social_worker")}
    for number, (_first, _last, sex, birth) in enumerate(SEED_PARTICIPANTS):
        participation = participations[make_pesel(birth, 100 + number, sex)]
        course = SEED_COURSES[number]
        worker = "pracownik socjalny MOPS"
        who = "Uczestniczka wywiązała się" if sex == "K" else "Uczestnik wywiązał się"
        _load_contract(
            participation, valid_to=date(2011, 12, 14),
            assessment=ASSESSMENTS[number % len(ASSESSMENTS)],
            goals=f"Zdobycie kwalifikacji zawodowych (szkolenie „{course}”), nabycie "
                  "umiejętności aktywnego poszukiwania pracy, wzmocnienie kompetencji "
                  "społecznych i poprawa sytuacji socjalno-bytowej.",
            outcome=Outcome.FULFILLED,
            final_assessment=f"{who} z postanowień kontraktu: ukończone szkolenie „{course}”, "
                             "udział w doradztwie zawodowym, treningu kompetencji społecznych "
                             "i terapii psychologicznej.",
            actions=[
                (Party.PARTICIPANT, f"Udział w szkoleniu zawodowym „{course}”.",
                 date(2011, 11, 30), "uczestnik projektu", True),
                (Party.PARTICIPANT, "Udział w zajęciach z doradztwa zawodowego (zajęcia "
                 "grupowe i konsultacje indywidualne).", date(2011, 11, 30),
                 "uczestnik projektu", True),
                (Party.PARTICIPANT, "Udział w zajęciach kompetencji społecznych i w terapii "
                 "psychologicznej.", date(2011, 11, 30), "uczestnik projektu", True),
                (Party.WORKER, "Skierowanie na szkolenie i zajęcia aktywnej integracji, "
                 "pokrycie kosztów udziału.", date(2011, 4, 29), worker, True),
                (Party.WORKER, "Monitorowanie realizacji kontraktu, pomoc w poszukiwaniu pracy.",
                 date(2011, 12, 14), worker, True),
            ],
            monitoring=[
                (date(2011, 6, 15), Progress.PARTIAL, "Uczestniczy w doradztwie zawodowym "
                 "i terapii; szkolenie zawodowe rozpocznie się we wrześniu."),
                (date(2011, 11, 30), Progress.AS_PLANNED, f"Szkolenie „{course}” ukończone; "
                 "pozostałe działania zrealizowane zgodnie z kontraktem."),
            ],
        )


def _load_recent_contracts(project):
    participations = {p.person.pesel: p for p in project.participations.select_related(
        "person", "social_worker", "edition")}
    for number, outcome, next_review_on in RECENT_CONTRACTS:
        _first, _last, sex, birth, _edition, _status = RECENT_PARTICIPANTS[number]
        participation = participations[make_pesel(birth, 300 + number, sex)]
        start, end = participation.edition.start_date, participation.edition.end_date
        terminated = outcome == Outcome.TERMINATED
        closed = outcome != Outcome.IN_FORCE
        _load_contract(
            participation, valid_to=end,
            assessment=ASSESSMENTS[(number + 1) % len(ASSESSMENTS)],
            goals="Przygotowanie do podjęcia zatrudnienia: określenie celu zawodowego, "
                  "nabycie umiejętności poszukiwania pracy, wzmocnienie kompetencji "
                  "psychospołecznych.",
            outcome=outcome, next_review_on=next_review_on,
            final_assessment=(
                "Kontrakt rozwiązany w związku z rezygnacją z udziału w projekcie "
                "(opieka nad członkiem rodziny)." if terminated else
                "Postanowienia zrealizowane: ukończone doradztwo zawodowe i trening "
                "kompetencji, udział w pośrednictwie pracy." if closed else ""
            ),
            actions=[
                (Party.PARTICIPANT, "Udział w doradztwie zawodowym i warsztatach aktywnego "
                 "poszukiwania pracy.", start + timedelta(days=90), "uczestnik projektu", True),
                (Party.PARTICIPANT, "Udział w treningu kompetencji psychospołecznych.",
                 start + timedelta(days=180), "uczestnik projektu", closed and not terminated),
                (Party.WORKER, "Zapewnienie udziału w formach wsparcia projektu i zwrot "
                 "kosztów dojazdu.", end, "koordynator projektu", closed and not terminated),
            ],
            monitoring=[
                (start + timedelta(days=44), Progress.PARTIAL,
                 "Regularny udział w zajęciach; pierwsze rozmowy z doradcą zawodowym."),
                (start + timedelta(days=105),
                 Progress.NONE if terminated else Progress.AS_PLANNED,
                 "Przerwy w udziale w zajęciach z powodu opieki nad członkiem rodziny."
                 if terminated else "Działania realizowane zgodnie z kontraktem."),
            ],
        )


SEED_SUPPORT_FORMS = [
    {
        "name": "Doradztwo zawodowe",
        "instrument": InstrumentKind.VOCATIONAL,
        "mode": SupportMode.BOTH,
        "staff_role": StaffRole.CAREER_COUNSELLOR,
        "start_date": date(2011, 11, 1),
        "end_date": date(2011, 11, 30),
        "planned_group_hours": Decimal(15),
        "planned_individual_hours": Decimal(2),
        "scope": "Zajęcia w celu nabycia umiejętności aktywnego poszukiwania pracy; odkrycie "
                 "własnych możliwości i predyspozycji zawodowych; umiejętność twórczego "
                 "myślenia, zarządzania czasem, planowania pracy.",
    },
    {
        "name": "Trening kompetencji społeczno-zawodowych",
        "instrument": InstrumentKind.SOCIAL,
        "mode": SupportMode.BOTH,
        "staff_role": StaffRole.TRAINER,
        "start_date": date(2011, 11, 1),
        "end_date": date(2011, 11, 30),
        "planned_group_hours": Decimal(15),
        # 15 h + 25 × 1 h = 40 h, as the seed totals it (its "2 h each" is the slip).
        "planned_individual_hours": Decimal(1),
        "scope": "Zajęcia z zakresu podniesienia kompetencji i umiejętności "
                 "społeczno-zawodowych: aktywne słuchanie, asertywność, właściwa samoocena, "
                 "rozpoznawanie komunikatów pozawerbalnych – mowy ciała, konstruktywne "
                 "pokonywanie problemów, autoprezentacja; zapoznanie się ze sztuką wizażu.",
    },
    {
        "name": "Terapia psychologiczna",
        "instrument": InstrumentKind.HEALTH,
        "mode": SupportMode.BOTH,
        "staff_role": StaffRole.PSYCHOLOGIST,
        "start_date": date(2011, 11, 1),
        "end_date": date(2011, 11, 30),
        "planned_group_hours": Decimal(15),
        "planned_individual_hours": Decimal(2),
        "scope": "Omówienie własnych problemów i poznanie technik ich rozwiązywania, "
                 "opracowanie indywidualnego planu działania na przyszłość, wyeliminowanie "
                 "barier psychologicznych; komunikacja interpersonalna i inteligencja "
                 "emocjonalna.",
    },
]

SEED_PATH = {
    "problem_situation": "Długotrwałe pozostawanie bez pracy, korzystanie ze świadczeń pomocy "
                         "społecznej, niskie poczucie własnej wartości.",
    "resources": "Motywacja do zmiany sytuacji, wsparcie rodziny.",
    "potential": "Doświadczenie w pracach prostych, gotowość do nauki zawodu.",
    "predispositions": "Praca z ludźmi lub praca fizyczna; według doradcy zawodowego.",
    "needs": "Nowe kwalifikacje zawodowe, umiejętność poszukiwania pracy, wsparcie "
             "psychologiczne.",
    "goals": "Zdobycie kwalifikacji zawodowych i przygotowanie do wejścia na rynek pracy.",
}


RECENT_SUPPORT_FORMS = [
    {
        "name": "Indywidualne doradztwo zawodowe",
        "instrument": InstrumentKind.VOCATIONAL,
        "mode": SupportMode.INDIVIDUAL,
        "staff_role": StaffRole.CAREER_COUNSELLOR,
        "start_date": date(2024, 3, 1),
        "end_date": date(2026, 11, 30),
        "planned_group_hours": Decimal(0),
        "planned_individual_hours": Decimal(6),
        "scope": "Diagnoza predyspozycji zawodowych, plan działania, przygotowanie dokumentów "
                 "aplikacyjnych i do rozmowy kwalifikacyjnej.",
    },
    {
        "name": "Warsztaty kompetencji psychospołecznych",
        "instrument": InstrumentKind.SOCIAL,
        "mode": SupportMode.GROUP,
        "staff_role": StaffRole.PSYCHOLOGIST,
        "start_date": date(2024, 3, 1),
        "end_date": date(2026, 11, 30),
        "planned_group_hours": Decimal(24),
        "planned_individual_hours": Decimal(0),
        "scope": "Komunikacja, radzenie sobie ze stresem, rozwiązywanie konfliktów, "
                 "budowanie poczucia własnej wartości.",
    },
    {
        "name": "Pośrednictwo pracy",
        "instrument": InstrumentKind.VOCATIONAL,
        "mode": SupportMode.JOB_PLACEMENT,
        "staff_role": StaffRole.JOB_BROKER,
        "start_date": date(2024, 6, 1),
        "end_date": date(2026, 12, 15),
        "planned_group_hours": Decimal(0),
        "planned_individual_hours": Decimal(4),
        "scope": "Dobór ofert pracy, kontakt z pracodawcami, wsparcie po podjęciu zatrudnienia.",
    },
    {
        "name": "Kurs operatora wózków jezdniowych z egzaminem UDT",
        "instrument": InstrumentKind.EDUCATIONAL,
        "mode": SupportMode.TRAINING,
        "staff_role": StaffRole.TRAINER,
        "start_date": date(2024, 9, 2),
        "end_date": date(2024, 9, 20),
        "planned_group_hours": Decimal(54),
        "planned_individual_hours": Decimal(0),
        "scope": "Budowa i obsługa wózków jezdniowych z napędem silnikowym, wymiana butli "
                 "gazowej, BHP; egzamin przed komisją Urzędu Dozoru Technicznego.",
    },
    {
        "name": "Staże zawodowe",
        "instrument": InstrumentKind.VOCATIONAL,
        "mode": SupportMode.INTERNSHIP,
        "staff_role": "",
        "start_date": date(2024, 10, 1),
        "end_date": date(2025, 6, 30),
        "planned_group_hours": Decimal(0),
        "planned_individual_hours": Decimal(0),
        "scope": "Staże od 3 do 6 miesięcy u pracodawców z terenu powiatu lubartowskiego, "
                 "z opiekunem stażu i stypendium stażowym.",
    },
]


def _referral_status(participation) -> str:
    return {
        ParticipationStatus.COMPLETED: ReferralStatus.COMPLETED,
        ParticipationStatus.RESIGNED: ReferralStatus.DROPPED,
        ParticipationStatus.REMOVED: ReferralStatus.DROPPED,
    }.get(participation.status, ReferralStatus.IN_PROGRESS)


def _load_support(project, forms_data, referred, *, by, dropped=()):
    """A project's support forms, an IŚR for each participant taking part, their referrals.

    ``referred`` maps each participation to the names of the support forms its path plans;
    ``dropped`` holds (participation, name) of referrals that ended without completing.
    """
    support_forms = {
        data["name"]: _upsert(SupportForm, {"project": project, "name": data["name"]},
                              {k: v for k, v in data.items() if k != "name"}, by=by)
        for data in forms_data
    }
    planned, referrals = [], []
    for participation, names in referred.items():
        path = _upsert(IndividualPath, {"participation": participation, "revision": 1}, {
            "drawn_up_on": participation.start_date,
            "drawn_up_by": participation.social_worker,
            **SEED_PATH,
        }, by=by)
        path.participation = participation
        for name in names:
            support_form = support_forms[name]
            planned.append(PlannedSupport(
                path=path, support_form=support_form,
                group_hours=support_form.planned_group_hours,
                individual_hours=support_form.planned_individual_hours,
                serves_goal=SEED_PATH["goals"],
            ))
            referrals.append(Referral(
                participation=participation, support_form=support_form,
                status=ReferralStatus.DROPPED if (participation, name) in dropped
                else _referral_status(participation),
                referred_on=max(participation.start_date, support_form.start_date),
            ))
    _sync(PlannedSupport, PlannedSupport.objects.filter(path__participation__project=project),
          planned, key=lambda row: (row.path_id, row.support_form_id),
          fields=["group_hours", "individual_hours", "serves_goal"], by=by)
    _sync(Referral, Referral.objects.filter(participation__project=project), referrals,
          key=lambda row: (row.participation_id, row.support_form_id),
          fields=["status", "referred_on"], by=by)
    return support_forms


def _drop_replaced_support_form(project, name):
    """A support form earlier demos had and this one replaces, while nothing was delivered."""
    support_form = SupportForm.objects.filter(project=project, name=name).first()
    if support_form is None or support_form.sessions.exists():
        return
    PlannedSupport.objects.filter(support_form=support_form).delete()
    support_form.referrals.all().delete()
    support_form.delete()


# --- Calendar ----------------------------------------------------------------------------------

# Polish public holidays in the years the demo's sessions fall in (Easter Monday and Corpus
# Christi move; 24 December is a holiday from 2025).
HOLIDAYS = {
    date(year, month, day)
    for year in (2011, 2024, 2025, 2026)
    for month, day in ((1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11), (12, 25),
                       (12, 26))
} | {
    date(2011, 4, 25), date(2011, 6, 23), date(2024, 4, 1), date(2024, 5, 30),
    date(2025, 4, 21), date(2025, 6, 19), date(2025, 12, 24), date(2026, 4, 6), date(2026, 6, 4),
    date(2026, 12, 24),
}
WEEKDAYS = (0, 1, 2, 3, 4)


def workdays(start: date, count: int, weekdays=WEEKDAYS) -> list[date]:
    """The first ``count`` working days from ``start`` on, on the given weekdays (Monday = 0)."""
    days, day = [], start
    while len(days) < count:
        if day.weekday() in weekdays and day not in HOLIDAYS:
            days.append(day)
        day += timedelta(days=1)
    return days


def _workdays_between(first: date, last: date) -> int:
    return sum(
        1 for offset in range((last - first).days + 1)
        if (day := first + timedelta(days=offset)).weekday() < 5 and day not in HOLIDAYS
    )


def _later(start: time, hours) -> time:
    minutes = start.hour * 60 + start.minute + int(Decimal(hours) * 60)
    return time(minutes // 60, minutes % 60)


def _hours(start: time, end: time) -> Decimal:
    return Decimal((end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)) / 60


def _session_key(session):
    return (session.support_form_id, session.date, session.start_time, session.participation_id)


def _load_sessions(project, planned, *, by):
    """Sessions of a project with their attendance: ``planned`` is a list of
    (unsaved Session, [(participation, present), ...])."""
    sessions = _sync(
        Session, Session.objects.filter(support_form__project=project),
        [session for session, _rows in planned], key=_session_key,
        fields=["kind", "end_time", "duration_minutes", "hours_unit", "place", "staff_name"], by=by,
    )
    attendance = [
        Attendance(session=sessions[_session_key(session)], participation=participation,
                   present=present)
        for session, rows in planned
        for participation, present in rows
    ]
    _sync(Attendance, Attendance.objects.filter(session__support_form__project=project),
          attendance, key=lambda row: (row.session_id, row.participation_id), fields=["present"],
          by=by)


def _group(support_form, day, start, end, place, staff, rows):
    return (Session(support_form=support_form, kind=SessionKind.GROUP, date=day, start_time=start,
                    end_time=end, place=place, staff_name=staff), rows)


def _individual(support_form, participation, day, start, end, place, staff, present=True):
    return (Session(support_form=support_form, kind=SessionKind.INDIVIDUAL, date=day,
                    start_time=start, end_time=end, place=place, staff_name=staff,
                    participation=participation), [(participation, present)])


def _load_event(project, title, values, attendees, *, by):
    event = _upsert(Event, {"project": project, "title": title}, values, by=by)
    _sync(EventAttendance, EventAttendance.objects.filter(event=event),
          [EventAttendance(event=event, participation=participation)
           for participation in attendees],
          key=lambda row: (row.event_id, row.participation_id), fields=[], by=by)
    return event


def _load_social_progress(rows, *, by):
    """rows: (participation, description, evidence, date)."""
    _sync(SocialProgress,
          SocialProgress.objects.filter(participation__in=[row[0] for row in rows]),
          [SocialProgress(participation=participation, description=description,
                          evidence=evidence, date=day)
           for participation, description, evidence, day in rows],
          key=lambda row: (row.participation_id, row.description),
          fields=["evidence", "date"], by=by)


# --- The seed project: support delivered -------------------------------------------------------

LFR_ROOM = "Lubartów, ul. Lubelska 20 – sala szkoleniowa LFR"
LFR_NAME = ORGANISATIONS["lfr"]["name"]

# The eight vocational courses of the educational instrument, in the seed summary's order, with
# how many completed each (everyone enrolled did). Group sessions: (first day, weekdays, number,
# from, to); driving lessons: (first day, weekdays, number of days, time slots of a day), shared
# out in turn among the course's participants; absences: (participant's place in the course,
# session number), never so many that anyone falls under the 80 % attendance rule.
SEED_TRAININGS = [
    {
        "name": "Magazynier z obsługą wózków jezdniowych", "completed": 6, "code": "MAG",
        "scope": "Gospodarka magazynowa, dokumentacja obrotu towarowego, BHP; budowa i obsługa "
                 "wózków jezdniowych z napędem silnikowym z wymianą butli gazowej; egzamin przed "
                 "komisją Urzędu Dozoru Technicznego.",
        "trainer": "Ryszard Olszewski", "place": LFR_ROOM + "; zajęcia praktyczne: magazyn",
        "group": (date(2011, 9, 12), WEEKDAYS, 10, time(8), time(14)),
        "exam": date(2011, 9, 30),
        "qualification": ("Urząd Dozoru Technicznego, Oddział w Lublinie", date(2011, 10, 10)),
        "absent": {(1, 3)},
    },
    {
        "name": "Sprzedawca z obsługą komputera i maszyn liczących", "completed": 4,
        "code": "SPR",
        "scope": "Techniki sprzedaży i obsługa klienta, towaroznawstwo, obsługa kasy fiskalnej "
                 "i terminala płatniczego, komputer w handlu (program sprzedażowo-magazynowy).",
        "trainer": "Iwona Chmielewska", "place": LFR_ROOM,
        "group": (date(2011, 9, 6), (1, 3), 12, time(9), time(14)),
        "exam": date(2011, 10, 18),
        "absent": {(2, 5), (2, 9)},
    },
    {
        "name": "Opiekunka osoby starszej i niepełnosprawnej", "completed": 3, "code": "OPI",
        "scope": "Pielęgnacja i higiena osoby starszej i niepełnosprawnej, pierwsza pomoc, "
                 "żywienie, komunikacja z podopiecznym i jego rodziną; zajęcia praktyczne.",
        "trainer": "Renata Górecka", "place": LFR_ROOM,
        "group": (date(2011, 9, 5), (0, 2, 4), 12, time(8), time(14)),
        "exam": date(2011, 10, 5),
        "absent": {(0, 7)},
    },
    {
        "name": "Kosmetyka i stylizacja paznokci", "completed": 3, "code": "KOS",
        "scope": "Podstawy kosmetyki pielęgnacyjnej, manicure i pedicure, stylizacja paznokci, "
                 "higiena i BHP w gabinecie kosmetycznym.",
        "trainer": "Sylwia Adamczyk", "place": LFR_ROOM,
        "group": (date(2011, 9, 20), (1, 3), 10, time(9), time(15)),
        "exam": date(2011, 10, 25),
    },
    {
        "name": "Gastronomia z prowadzeniem działalności gospodarczej", "completed": 3,
        "code": "GAS",
        "scope": "Technologia gastronomiczna, przygotowanie potraw i obsługa konsumenta, "
                 "wymagania sanitarne (HACCP); zakładanie i prowadzenie działalności "
                 "gospodarczej.",
        "trainer": "Zbigniew Wróbel", "place": LFR_ROOM + "; zajęcia praktyczne: pracownia "
                                                           "gastronomiczna",
        "group": (date(2011, 10, 3), (0, 2, 4), 12, time(8), time(14)),
        "exam": date(2011, 10, 28),
        "absent": {(1, 2)},
    },
    {
        "name": "Fryzjer", "completed": 1, "code": "FRY",
        "scope": "Strzyżenie, modelowanie, koloryzacja i pielęgnacja włosów; organizacja "
                 "stanowiska pracy, BHP; zajęcia praktyczne w zakładzie fryzjerskim.",
        "trainer": "Małgorzata Wilk", "place": "Lubartów, zakład fryzjerski – zajęcia praktyczne",
        "group": (date(2011, 9, 5), (0, 1, 2, 3), 16, time(8), time(14)),
        "exam": date(2011, 10, 4),
    },
    {
        "name": "Prawo jazdy kat. B", "completed": 4, "code": "PJB",
        "scope": "30 godz. zajęć teoretycznych (przepisy ruchu drogowego, pierwsza pomoc) "
                 "i 30 godz. jazd praktycznych dla każdego uczestnika; egzamin wewnętrzny.",
        "trainer": "Stanisław Kalinowski", "place": LFR_ROOM,
        "group": (date(2011, 9, 5), (0, 2), 10, time(16), time(19)),
        "lessons": (date(2011, 9, 6), (1, 3, 4), 15,
                    [(time(8), time(10)), (time(10), time(12)), (time(12), time(14)),
                     (time(14), time(16))]),
        "exam": date(2011, 10, 12),
        "absent": {(3, 6)},
    },
    {
        "name": "Prawo jazdy kat. D", "completed": 1, "code": "PJD",
        "scope": "20 godz. zajęć teoretycznych i 60 godz. jazd praktycznych autobusem "
                 "(dla posiadacza prawa jazdy kat. B); egzamin wewnętrzny.",
        "trainer": "Wiesław Majewski", "place": LFR_ROOM,
        "group": (date(2011, 9, 12), WEEKDAYS, 5, time(16), time(20)),
        "lessons": (date(2011, 9, 19), WEEKDAYS, 15,
                    [(time(8), time(10)), (time(10, 30), time(12, 30))]),
        "exam": date(2011, 10, 12),
    },
]
DRIVING_PLACE = "Lubartów – plac manewrowy i jazdy w ruchu miejskim"


def _course_days(plan):
    first, weekdays, count, start, end = plan["group"]
    group = [(day, start, end) for day in workdays(first, count, weekdays)]
    lessons = []
    if "lessons" in plan:
        first, weekdays, count, slots = plan["lessons"]
        lessons = [(day, slots) for day in workdays(first, count, weekdays)]
    return group, lessons


def _course_support_form(plan) -> dict:
    group, lessons = _course_days(plan)
    group_hours = sum(_hours(start, end) for _day, start, end in group)
    lesson_hours = sum(_hours(start, end) for _day, slots in lessons for start, end in slots)
    people = plan["completed"]
    return {
        "name": plan["name"],
        "instrument": InstrumentKind.EDUCATIONAL,
        "mode": SupportMode.TRAINING,
        "staff_role": StaffRole.TRAINER,
        "start_date": min(day for day, *_rest in group + lessons),
        "end_date": plan["exam"],
        "planned_group_hours": group_hours,
        "planned_individual_hours": lesson_hours / people,
        "scope": plan["scope"],
    }


SEED_COURSE_FORMS = [_course_support_form(plan) for plan in SEED_TRAININGS]
# Staff of the three instruments of November 2011.
SEED_INSTRUMENT_STAFF = {
    "Doradztwo zawodowe": "Joanna Bielecka, doradca zawodowy LFR",
    "Trening kompetencji społeczno-zawodowych": "Marta Sobczak, trener LFR",
    "Terapia psychologiczna": "Krzysztof Wrona, psycholog LFR",
}


def _seed_course_sessions(support_form, plan, enrolled):
    group, lessons = _course_days(plan)
    absent = plan.get("absent", set())
    planned = [
        _group(support_form, day, start, end, plan["place"], plan["trainer"], [
            (participation, (place, number) not in absent)
            for place, participation in enumerate(enrolled)
        ])
        for number, (day, start, end) in enumerate(group)
    ]
    for number, (day, slots) in enumerate(lessons):
        for slot, (start, end) in enumerate(slots):
            participation = enrolled[(slot + number) % len(enrolled)]
            planned.append(_individual(support_form, participation, day, start, end,
                                       DRIVING_PLACE, plan["trainer"]))
    return planned


def _seed_instrument_sessions(support_forms, participations):
    """November 2011: 15 h of group sessions of each instrument (five mornings of 3 h, one
    instrument a day) and each participant's individual consultation of each instrument in the
    afternoons, in two slots; at any one slot the three consultants see three different people."""
    forms = [support_forms[name] for name in SEED_INSTRUMENT_STAFF]
    days = workdays(date(2011, 11, 2), 20)
    planned = []
    for number, day in enumerate(days[:15]):
        support_form = forms[number % 3]
        planned.append(_group(support_form, day, time(9), time(12), LFR_ROOM,
                              SEED_INSTRUMENT_STAFF[support_form.name],
                              [(participation, True) for participation in participations]))
    for index, support_form in enumerate(forms):
        for number in range(len(participations)):
            day = days[7 + number // 2]
            start = (time(12, 30), time(14, 45))[number % 2]
            end = _later(start, support_form.planned_individual_hours)
            participation = participations[(number + 8 * index) % len(participations)]
            planned.append(_individual(support_form, participation, day, start, end, LFR_ROOM,
                                       SEED_INSTRUMENT_STAFF[support_form.name]))
    return planned


def _load_seed_courses(support_forms, enrolled_in, *, by):
    for plan in SEED_TRAININGS:
        support_form = support_forms[plan["name"]]
        body, document_date = plan.get("qualification", ("", None))
        course = _upsert(TrainingCourse, {"support_form": support_form}, {
            "min_attendance_percent": 80, "exam_required": True,
            "leads_to_qualification": bool(body), "certifying_body": body,
            "completed_on": plan["exam"],
        }, by=by)
        for place, participation in enumerate(enrolled_in[plan["name"]], start=1):
            document = (
                {"document_kind": CourseDocument.QUALIFICATION, "document_body": body,
                 "document_number": f"UDT-LU/WJO/{1100 + place}/2011",
                 "document_date": document_date}
                if body else
                {"document_kind": CourseDocument.CERTIFICATE, "document_body": LFR_NAME,
                 "document_number": f"{plan['code']}/{place:02d}/2011",
                 "document_date": plan["exam"]}
            )
            _upsert(TrainingResult, {"course": course, "participation": participation}, {
                "exam_result": ExamResult.PASSED, "exam_date": plan["exam"], "completed": True,
                **document,
            }, by=by)


SEED_EVENTS = [
    ("Przykłady ekonomii społecznej", {
        "kind": EventKind.STUDY_VISIT,
        "start_date": date(2011, 12, 5),
        "end_date": date(2011, 12, 6),
        "places": "Łęczna, Chełm",
        "description": "Wizyta studyjna – warsztaty zawodowe z modułem wyjazdowym, podsumowanie "
                       "wiedzy zdobytej na szkoleniach zawodowych. Spotkanie z osobami "
                       "działającymi w obszarze zatrudnienia socjalnego: tworzenie "
                       "i funkcjonowanie podmiotów ekonomii społecznej – Zakład Aktywizacji "
                       "Zawodowej w Łęcznej (5.12.2011), Spółdzielnia Socjalna „Tęcza” "
                       "i Centrum Integracji Społecznej w Chełmie (6.12.2011).",
    }),
    ("Warsztaty podsumowujące projekt", {
        "kind": EventKind.WORKSHOP,
        "start_date": date(2011, 12, 14),
        "end_date": None,
        "places": "Lubartów",
        "description": "Zaproszeni prelegenci zaprezentowali wymogi pracodawców wobec przyszłych "
                       "pracowników i prognozy na rynku pracy, omówili portret dobrego "
                       "pracownika i autoprezentację podczas rozmowy kwalifikacyjnej. "
                       "Zwieńczeniem warsztatów było uroczyste wręczenie uczestnikom zaświadczeń "
                       "ukończenia szkoleń zawodowych.",
    }),
]


def _load_seed_delivery(project, lfr, by):
    participations = {p.person.pesel: p for p in project.participations.select_related(
        "person", "social_worker")}
    ordered = [participations[make_pesel(birth, 100 + number, sex)]
               for number, (_first, _last, sex, birth) in enumerate(SEED_PARTICIPANTS)]
    _drop_replaced_support_form(project, "Szkolenia zawodowe")
    instruments = [data["name"] for data in SEED_SUPPORT_FORMS]
    support_forms = _load_support(
        project, [{**data, "provider": lfr} for data in SEED_COURSE_FORMS + SEED_SUPPORT_FORMS],
        {participation: [SEED_COURSES[number], *instruments]
         for number, participation in enumerate(ordered)},
        by=by,
    )
    enrolled_in = {plan["name"]: [] for plan in SEED_TRAININGS}
    for number, participation in enumerate(ordered):
        enrolled_in[SEED_COURSES[number]].append(participation)
    planned = [
        row
        for plan in SEED_TRAININGS
        for row in _seed_course_sessions(support_forms[plan["name"]], plan,
                                         enrolled_in[plan["name"]])
    ] + _seed_instrument_sessions(support_forms, ordered)
    _load_sessions(project, planned, by=by)
    _load_seed_courses(support_forms, enrolled_in, by=by)
    for title, values in SEED_EVENTS:
        _load_event(project, title, values, ordered, by=by)
    contracts = dict(SocialContract.objects.filter(project=project).values_list(
        "participation_id", "number"))
    _load_social_progress([
        (participation,
         "Wywiązanie się z kontraktu socjalnego; nabycie umiejętności aktywnego poszukiwania "
         "pracy.",
         f"Ocena końcowa kontraktu socjalnego nr {contracts[participation.pk]} z 14.12.2011 "
         "(pracownik socjalny).",
         participation.end_date)
        for participation in ordered
    ], by=by)


# --- The recent project: support delivered -----------------------------------------------------

EMPLOYERS = {
    "bakery": {
        "name": "Piekarnia-Cukiernia „Złoty Kłos” Sp. z o.o.",
        "short_name": "Złoty Kłos",
        "kind": OrganisationKind.EMPLOYER,
        "nip": "7142053180",
        "street": "ul. Lubelska 58",
        "postcode": "21-100",
        "town": "Lubartów",
    },
    "warehouse": {
        "name": "Centrum Dystrybucyjne „Lubartów” Sp. z o.o.",
        "short_name": "CD Lubartów",
        "kind": OrganisationKind.EMPLOYER,
        "nip": "7141904279",
        "street": "ul. Przemysłowa 8",
        "postcode": "21-100",
        "town": "Lubartów",
    },
}
KROK_ROOM = "Lubartów, ul. Cicha 14 – sala MOPS"
# When the participant who resigned left (RECENT_PARTICIPANTS number → date).
RESIGNED_ON = {2: date(2024, 6, 28)}


def _recent_counselling(support_form, people):
    """Three 2-hour consultations each (6 h): edition I in March–April 2024, edition II in
    October–November 2025. The participant who resigned came once and missed the second;
    one participant of edition II missed one and came to a make-up consultation."""
    staff, planned = "Agata Rogalska, doradca zawodowy", []
    weeks = {1: [date(2024, 3, 4), date(2024, 3, 18), date(2024, 4, 8)],
             2: [date(2025, 10, 6), date(2025, 10, 20), date(2025, 11, 3)]}
    for edition, members in people.items():
        for place, (number, participation) in enumerate(members):
            for meeting, monday in enumerate(weeks[edition]):
                if number == 2 and meeting == 2:
                    break
                day = monday + timedelta(days=place // 2)
                start = (time(9), time(11, 30))[place % 2]
                present = (number, meeting) not in {(2, 1), (8, 1)}
                planned.append(_individual(support_form, participation, day, start,
                                           _later(start, 2), KROK_ROOM, staff, present))
            if number == 8:
                planned.append(_individual(support_form, participation, date(2025, 11, 17),
                                           time(9), time(11), KROK_ROOM, staff))
    return planned


def _recent_workshops(support_form, people):
    """24 h of group workshops per edition: six Thursdays of 4 hours."""
    staff = "Monika Żak, psycholog"
    firsts = {1: date(2024, 4, 11), 2: date(2026, 1, 15)}
    absent = {(2, 3), (2, 4), (2, 5), (3, 4), (9, 1), (10, 3), (10, 4)}
    return [
        _group(support_form, day, time(10), time(14), KROK_ROOM, staff, [
            (participation, (number, session) not in absent) for number, participation in members
        ])
        for edition, members in people.items()
        for session, day in enumerate(workdays(firsts[edition], 6, (3,)))
    ]


def _recent_course(support_form, trainees):
    staff = "Ryszard Olszewski"
    return [
        _group(support_form, day, time(8), time(14), LFR_ROOM + "; zajęcia praktyczne: magazyn",
               staff, [(participation, (number, session) != (1, 5))
                       for number, participation in trainees])
        for session, day in enumerate(workdays(date(2024, 9, 2), 9))
    ]


def _load_recent_course(support_form, trainees, *, by):
    body = "Urząd Dozoru Technicznego, Oddział w Lublinie"
    course = _upsert(TrainingCourse, {"support_form": support_form}, {
        "min_attendance_percent": 80, "exam_required": True, "leads_to_qualification": True,
        "certifying_body": body, "completed_on": date(2024, 9, 20),
    }, by=by)
    for number, participation in trainees:
        passed = number != 1  # Beata Jakubowska failed the UDT exam
        _upsert(TrainingResult, {"course": course, "participation": participation}, {
            "exam_result": ExamResult.PASSED if passed else ExamResult.FAILED,
            "exam_date": date(2024, 9, 20), "completed": passed,
            "document_kind": CourseDocument.QUALIFICATION if passed else CourseDocument.NONE,
            "document_body": body if passed else "",
            "document_number": f"UDT-LU/WJO/{24310 + number}/2024" if passed else "",
            "document_date": date(2024, 9, 30) if passed else None,
        }, by=by)


def _load_internship(support_form, participation, employer, *, by):
    internship = _upsert(Internship, {"participation": participation, "employer": employer}, {
        "support_form": support_form, "position": "Sprzedawca w sklepie firmowym",
        "mentor_name": "Teresa Kołodziej", "start_date": date(2025, 1, 2),
        "end_date": date(2025, 4, 30), "monthly_stipend": Decimal("1800.00"),
        "outcome": InternshipOutcome.COMPLETED,
        "outcome_notes": "Staż ukończony; zaświadczenie o odbyciu stażu i opinia pracodawcy.",
    }, by=by)
    absent = {1: 1, 2: 0, 3: 2, 4: 0}  # days missed (sick leave) by month
    months = []
    for month, missed in absent.items():
        first = max(date(2025, month, 1), internship.start_date)
        last = min(month_end(date(2025, month, 1)), internship.end_date)
        planned_days = _workdays_between(first, last)
        months.append(InternshipMonth(internship=internship, month=date(2025, month, 1),
                                      days_planned=planned_days,
                                      days_present=planned_days - missed))
    _sync(InternshipMonth, internship.months.all(), months,
          key=lambda row: (row.internship_id, row.month),
          fields=["days_planned", "days_present"], by=by)


def _load_job_placement(support_form, people, employers, *, by):
    broker = "Paweł Nowak, pośrednik pracy"
    warehouse = employers["warehouse"]
    shop, builder = "Sklep spożywczy „Lewiatan”, Lubartów", "Hurtownia „Budmax”, Lubartów"
    contacts = [
        # number, kind, date, employer, employer's name, position, minutes, notes
        (3, JobSupportKind.OFFER_PRESENTED, date(2024, 10, 14), None, shop, "Sprzedawca", 30, ""),
        (3, JobSupportKind.INTERVIEW, date(2024, 10, 22), None, shop, "Sprzedawca", 60,
         "Nie podjęła pracy: godziny pracy nie do pogodzenia z opieką nad dzieckiem."),
        (4, JobSupportKind.OFFER_PRESENTED, date(2025, 5, 12), warehouse, "",
         "Operator wózka widłowego", 45, ""),
        (4, JobSupportKind.INTERVIEW, date(2025, 5, 21), warehouse, "",
         "Operator wózka widłowego", 60, ""),
        (4, JobSupportKind.PLACEMENT, date(2025, 6, 26), warehouse, "",
         "Operator wózka widłowego", 30, "Podpisana umowa o pracę od 1.07.2025."),
        (5, JobSupportKind.OFFER_PRESENTED, date(2025, 5, 12), warehouse, "",
         "Operator wózka widłowego", 45, ""),
        (5, JobSupportKind.INTERVIEW, date(2025, 5, 21), warehouse, "",
         "Operator wózka widłowego", 60, "Pracodawca wybrał innego kandydata."),
        (5, JobSupportKind.OFFER_PRESENTED, date(2025, 6, 10), None, builder, "Magazynier", 30,
         ""),
        (6, JobSupportKind.OFFER_PRESENTED, date(2026, 10, 13), None,
         "Dom Pomocy Społecznej w Lubartowie", "Opiekunka", 30, ""),
        (9, JobSupportKind.OFFER_PRESENTED, date(2026, 11, 3), None,
         "Zakład Gospodarki Komunalnej w Lubartowie", "Pracownik gospodarczy", 30, ""),
    ]
    _sync(JobSupportContact, JobSupportContact.objects.filter(support_form=support_form), [
        JobSupportContact(participation=people[number], support_form=support_form, kind=kind,
                          date=day, employer=employer, employer_name=name, position=position,
                          staff_name=broker, duration_minutes=minutes, notes=notes)
        for number, kind, day, employer, name, position, minutes, notes in contacts
    ], key=lambda row: (row.participation_id, row.kind, row.date),
        fields=["employer", "employer_name", "position", "staff_name", "duration_minutes",
                "notes"], by=by)


def _load_recent_delivery(project, organisations, by):
    participations = {p.person.pesel: p for p in project.participations.select_related(
        "person", "social_worker", "edition", "project")}
    people = {
        number: participations[make_pesel(birth, 300 + number, sex)]
        for number, (_first, _last, sex, birth, _edition, _status) in enumerate(RECENT_PARTICIPANTS)
    }
    taking_part = {number: p for number, p in people.items() if p.status in (
        ParticipationStatus.PARTICIPANT, ParticipationStatus.COMPLETED,
        ParticipationStatus.RESIGNED)}
    employers = {
        key: _upsert(Organisation, {"nip": values["nip"]},
                     {**{k: v for k, v in values.items() if k != "nip"},
                      "recorded_by": organisations["krok"]}, by=by)
        for key, values in EMPLOYERS.items()
    }
    counselling, workshops, placement, course, internships = (
        data["name"] for data in RECENT_SUPPORT_FORMS)
    trainees = [(number, people[number]) for number in (1, 4, 5)]
    support_forms = _load_support(
        project,
        [{**data, "provider": organisations["lfr"] if data["mode"] == SupportMode.TRAINING
          else None} for data in RECENT_SUPPORT_FORMS],
        {participation: [counselling, workshops, placement]
         + ([course] if number in (1, 4, 5) else []) + ([internships] if number == 0 else [])
         for number, participation in taking_part.items()},
        by=by,
        # who fails the course's exam has not completed it (as closing a course decides)
        dropped={(people[1], course)},
    )
    by_edition = {1: [], 2: []}
    for number, participation in taking_part.items():
        by_edition[participation.edition.number].append((number, participation))
    _load_sessions(project, [
        *_recent_counselling(support_forms[counselling], by_edition),
        *_recent_workshops(support_forms[workshops], by_edition),
        *_recent_course(support_forms[course], trainees),
    ], by=by)
    _load_recent_course(support_forms[course], trainees, by=by)
    _load_internship(support_forms[internships], people[0], employers["bakery"], by=by)
    _load_job_placement(support_forms[placement], people, employers, by=by)
    _upsert(Employment, {"participation": people[4], "start_date": date(2025, 7, 1)}, {
        "contract_type": ContractType.EMPLOYMENT_CONTRACT, "employer": employers["warehouse"],
        "employer_name": "", "position": "Operator wózka widłowego", "end_date": None,
        "working_time": Decimal("1"), "evidence": "Kopia umowy o pracę z 26.06.2025 (pełny etat)",
    }, by=by)
    _load_social_progress([
        (people[0], "Ukończony staż zawodowy; większa samodzielność i pewność siebie "
                    "w kontaktach z pracodawcą.",
         "Ocena końcowa umowy na wzór kontraktu socjalnego", date(2025, 6, 27)),
        (people[1], "Regularny udział w zajęciach; uregulowane zaległości czynszowe.",
         "Ocena pracownika socjalnego w kontrakcie socjalnym", date(2025, 6, 30)),
        (people[3], "Lepsza samoocena i umiejętności komunikacyjne.",
         "Opinia psychologa prowadzącego warsztaty kompetencji psychospołecznych",
         date(2025, 6, 20)),
    ], by=by)
    _load_event(project, "Spotkanie z pracodawcami – rynek pracy w powiecie lubartowskim", {
        "kind": EventKind.WORKSHOP, "start_date": date(2025, 5, 15), "end_date": None,
        "places": "Lubartów",
        "description": "Pracodawcy z Lubartowa o swoich oczekiwaniach wobec kandydatów; "
                       "próbne rozmowy kwalifikacyjne.",
    }, [people[number] for number in (0, 1, 3, 4, 5)], by=by)


def _load_contracts(projects):
    seed, recent = projects
    _load_seed_contracts(seed)
    _load_recent_contracts(recent)


@transaction.atomic
def load_demo() -> list[tuple[str, str]]:
    """Loads (or brings up to date) the demo; returns (username, role label) of its accounts."""
    organisations = {
        key: _upsert(Organisation, {"nip": values["nip"]},
                     {k: v for k, v in values.items() if k != "nip"})
        for key, values in ORGANISATIONS.items()
    }
    mops = organisations["mops"]
    for key in ("lfr", "rops"):
        _upsert(Organisation, {"pk": organisations[key].pk}, {"recorded_by": mops})
    users = _load_users(organisations)
    projects = [_load_project(data, organisations, users) for data in PROJECTS]
    _load_participants(projects, users)
    _load_contracts(projects)
    seed, recent = projects
    _load_seed_delivery(seed, organisations["lfr"], users["koordynator"][0])
    _load_recent_delivery(recent, organisations, users["fundacja"][0])
    return [
        (username, role.label if role else "administrator")
        for username, (_user, role) in users.items()
    ]
