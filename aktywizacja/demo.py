"""The demo projects, as data, and their loader (``manage.py load_demo``).

The first project reproduces the seed summary of MOPS Lubartów (2011, PO KL 7.1.1) with
25 participants; the second is a recent 2021–2027 project of an NGO with a MOPS partner in two
editions. Names and PESEL numbers are fictional (the PESEL numbers are valid: generated below).
Loading twice changes nothing: every row is looked up by its natural key and saved only when
its values differ.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from stdnum.pl import pesel as stdnum_pesel

from accounts.roles import ADMINISTRATOR_GROUP, GROUP_NAMES, Role
from contracts.models import (
    ContractAction,
    MonitoringEntry,
    Outcome,
    Party,
    Progress,
    SocialContract,
    proposed_kind,
)
from instruments.models import (
    InstrumentKind,
    Referral,
    ReferralStatus,
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

DEMO_PASSWORD = "Demo.konto.2026"

ORGANISATIONS = {
    "mops": {
        "name": "Miejski Ośrodek Pomocy Społecznej w Lubartowie",
        "short_name": "MOPS Lubartów",
        "kind": OrganisationKind.MOPS,
        "nip": "7141002536",
        "regon": "000534782",
        "street": "ul. Cicha 14",
        "postcode": "21-100",
        "town": "Lubartów",
        "head_name": "Bożena Kulka",
    },
    "lfr": {
        "name": "Lubelska Fundacja Rozwoju – Oddział w Lubartowie",
        "short_name": "LFR Lubartów",
        "kind": OrganisationKind.TRAINING_PROVIDER,
        "nip": "9462173314",
        "regon": "431019514",
        "street": "ul. Lubelska 20",
        "postcode": "21-100",
        "town": "Lubartów",
        "head_name": "Jan Kowalczyk",
    },
    "rops": {
        "name": "Regionalny Ośrodek Polityki Społecznej w Lublinie",
        "short_name": "ROPS Lublin",
        "kind": OrganisationKind.OTHER,
        "nip": "7123219834",
        "regon": "431029961",
        "street": "ul. Diamentowa 2",
        "postcode": "20-447",
        "town": "Lublin",
        "head_name": "",
    },
    "krok": {
        "name": "Fundacja „Krok Dalej”",
        "short_name": "Fundacja Krok Dalej",
        "kind": OrganisationKind.NGO,
        "nip": "9462687415",
        "regon": "387014568",
        "street": "ul. Narutowicza 31/4",
        "postcode": "20-016",
        "town": "Lublin",
        "head_name": "Katarzyna Lis",
    },
}

USERS = [
    # username, first name, last name, organisation, role on every demo project (None: admin)
    ("pracownik", "Anna", "Nowicka", "mops", Role.SOCIAL_WORKER),
    ("pracownik2", "Tomasz", "Zając", "mops", Role.SOCIAL_WORKER),
    ("koordynator", "Marek", "Wiśniewski", "mops", Role.COORDINATOR),
    ("kierownik", "Bożena", "Kulka", "mops", Role.DIRECTOR),
    ("fundacja", "Ewa", "Kamińska", "krok", Role.SOCIAL_WORKER),
    ("admin", "Adam", "Administrator", "mops", None),
]

PROJECTS = [
    {
        "short_name": "LUB-7.1.1-2011",
        "title": "OD AKTYWIZACJI DO ROZWOJU. Integracja społeczna i zawodowa klientów "
                 "pomocy społecznej w Lubartowie",
        "agreement_number": "POKL.07.01.01-06-012/11",
        "programme": "po-kl-2007-2013",
        "priority": "Priorytet VII Promocja integracji społecznej",
        "measure": "Działanie 7.1 Rozwój i upowszechnianie aktywnej integracji",
        "sub_measure": "Poddziałanie 7.1.1 Rozwój i upowszechnianie aktywnej integracji "
                       "przez ośrodki pomocy społecznej",
        "lead": "mops",
        "partners": [],
        "start_date": date(2011, 1, 1),
        "end_date": date(2011, 12, 31),
        "support_area_description": "Miasto Lubartów",
        "target_group": "25 kobiet i mężczyzn zagrożonych wykluczeniem społecznym, "
                        "klientów Miejskiego Ośrodka Pomocy Społecznej w Lubartowie "
                        "w wieku aktywności zawodowej.",
        "goal": "Zapewnienie równego dostępu do zatrudnienia 25 kobietom i mężczyznom "
                "zagrożonym wykluczeniem społecznym, a także podniesienie statusu "
                "zawodowego i społecznego poprzez przygotowanie tych osób do wejścia "
                "na rynek pracy i integrację z rynkiem pracy.",
        "editions": [],
        "communes": [
            {"voivodeship": "lubelskie", "county": "lubartowski", "commune": "Lubartów (miasto)",
             "teryt": "0608011", "revitalisation_only": False, "revitalisation_areas": ""},
        ],
        "targets": {"participants-total": 25, "social-contracts": 25, "path-completed": 25},
        "team": ["pracownik", "pracownik2", "koordynator", "kierownik"],
    },
    {
        "short_name": "KROK-FEL-2024",
        "title": "Krok do pracy – aktywna integracja mieszkańców Lubartowa i gminy Lubartów",
        "agreement_number": "FELU.10.03-IZ.00-0041/24",
        "programme": "fel-2021-2027",
        "priority": "Priorytet X Lepszy dostęp do usług społecznych i zdrowotnych",
        "measure": "Działanie 10.3 Aktywna integracja",
        "sub_measure": "",
        "lead": "krok",
        "partners": ["mops"],
        "start_date": date(2024, 1, 1),
        "end_date": date(2026, 12, 31),
        "support_area_description": "Obszary rewitalizacji miasta Lubartów oraz gmina Lubartów",
        "target_group": "Osoby zagrożone ubóstwem lub wykluczeniem społecznym, w tym osoby "
                        "z niepełnosprawnościami, mieszkające na obszarze wsparcia.",
        "goal": "Przywrócenie do życia społecznego i zawodowego 24 osób zagrożonych "
                "wykluczeniem społecznym poprzez ścieżki reintegracji w dwóch edycjach.",
        "editions": [
            {"number": 1, "name": "Edycja I", "start_date": date(2024, 3, 1),
             "end_date": date(2025, 6, 30)},
            {"number": 2, "name": "Edycja II", "start_date": date(2025, 9, 1),
             "end_date": date(2026, 12, 15)},
        ],
        "communes": [
            {"voivodeship": "lubelskie", "county": "lubartowski", "commune": "Lubartów (miasto)",
             "teryt": "0608011", "revitalisation_only": True,
             "revitalisation_areas": "Śródmieście; osiedle Kopernika"},
            {"voivodeship": "lubelskie", "county": "lubartowski", "commune": "Lubartów (gmina)",
             "teryt": "0608062", "revitalisation_only": False, "revitalisation_areas": ""},
        ],
        "targets": {
            "participants-total": 24, "participants-women": 14, "participants-men": 10,
            "participants-disabled": 4, "social-effectiveness": Decimal("34"),
            "employment-effectiveness": Decimal("22"),
        },
        "team": ["pracownik", "koordynator", "kierownik", "fundacja"],
    },
]

# first name, last name, sex, birth date — fictional people.
SEED_PARTICIPANTS = [
    ("Agnieszka", "Wójcik", "K", date(1975, 3, 12)),
    ("Barbara", "Kowalczyk", "K", date(1968, 7, 2)),
    ("Celina", "Mazur", "K", date(1982, 11, 23)),
    ("Dorota", "Krawczyk", "K", date(1979, 1, 30)),
    ("Elżbieta", "Piotrowska", "K", date(1971, 5, 17)),
    ("Franciszka", "Grabowska", "K", date(1986, 9, 8)),
    ("Grażyna", "Pawłowska", "K", date(1965, 12, 1)),
    ("Halina", "Michalska", "K", date(1973, 4, 19)),
    ("Irena", "Zielińska", "K", date(1984, 2, 14)),
    ("Jadwiga", "Szymańska", "K", date(1977, 8, 27)),
    ("Katarzyna", "Woźniak", "K", date(1988, 6, 5)),
    ("Lucyna", "Dąbrowska", "K", date(1969, 10, 11)),
    ("Magdalena", "Kozłowska", "K", date(1990, 3, 3)),
    ("Natalia", "Jankowska", "K", date(1987, 12, 20)),
    ("Olga", "Wojciechowska", "K", date(1981, 7, 9)),
    ("Paulina", "Kwiatkowska", "K", date(1985, 1, 25)),
    ("Adam", "Kaczmarek", "M", date(1974, 9, 14)),
    ("Bogdan", "Sikora", "M", date(1966, 4, 4)),
    ("Czesław", "Baran", "M", date(1970, 11, 30)),
    ("Damian", "Rutkowski", "M", date(1983, 5, 21)),
    ("Edward", "Michalak", "M", date(1962, 2, 2)),
    ("Grzegorz", "Ostrowski", "M", date(1978, 8, 16)),
    ("Henryk", "Tomaszewski", "M", date(1967, 6, 28)),
    ("Ireneusz", "Pietrzak", "M", date(1980, 10, 7)),
    ("Jacek", "Marciniak", "M", date(1989, 12, 12)),
]

# first name, last name, sex, birth date, edition, status
RECENT_PARTICIPANTS = [
    ("Alicja", "Zalewska", "K", date(1992, 4, 14), 1, ParticipationStatus.COMPLETED),
    ("Beata", "Jakubowska", "K", date(1979, 9, 3), 1, ParticipationStatus.COMPLETED),
    ("Cecylia", "Sadowska", "K", date(1985, 6, 22), 1, ParticipationStatus.RESIGNED),
    ("Daria", "Duda", "K", date(1996, 1, 9), 1, ParticipationStatus.COMPLETED),
    ("Emil", "Włodarczyk", "M", date(1990, 3, 18), 1, ParticipationStatus.COMPLETED),
    ("Filip", "Borkowski", "M", date(1987, 12, 5), 1, ParticipationStatus.COMPLETED),
    ("Gabriela", "Czarnecka", "K", date(1983, 8, 11), 2, ParticipationStatus.PARTICIPANT),
    ("Hanna", "Sawicka", "K", date(1998, 2, 27), 2, ParticipationStatus.PARTICIPANT),
    ("Igor", "Sokołowski", "M", date(1994, 5, 30), 2, ParticipationStatus.PARTICIPANT),
    ("Joanna", "Urbańska", "K", date(1976, 11, 16), 2, ParticipationStatus.PARTICIPANT),
    ("Krzysztof", "Kubiak", "M", date(1972, 7, 1), 2, ParticipationStatus.PARTICIPANT),
    ("Laura", "Maciejewska", "K", date(2001, 10, 24), 2, ParticipationStatus.QUALIFIED),
    ("Łukasz", "Szczepański", "M", date(1993, 4, 2), 2, ParticipationStatus.CANDIDATE),
    ("Monika", "Kucharska", "K", date(1988, 9, 19), 2, ParticipationStatus.RESERVE),
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
        "town": "Nowodwór" if rural else "Lubartów",
        "street": "" if rural else f"{STREETS[number % len(STREETS)]} {3 + number}",
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


def _upsert(model, lookup: dict, values: dict):
    """Create, or update only the fields that differ: a second run writes nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=changed)
    return obj


def _load_users(organisations) -> dict[str, object]:
    User = get_user_model()
    users = {}
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
            user = User(username=username, **values)
            user.set_password(DEMO_PASSWORD)
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
    person = _upsert(
        Person,
        {"pesel": make_pesel(birth, serial, sex)},
        {"first_name": first, "last_name": last, "sex": sex, "birth_date": birth},
    )
    application = (start or project.start_date) - timedelta(days=21)
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
            end=edition.end_date if finished else None,
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


def _load_contract(participation, sequence, *, valid_to, assessment, goals, outcome,
                   final_assessment="", next_review_on=None, actions, monitoring):
    kind = proposed_kind(participation)
    closed = outcome != Outcome.IN_FORCE
    contract = _upsert(SocialContract, {"project": participation.project, "sequence": sequence}, {
        "participation": participation, "kind": kind,
        "number": SocialContract.number_for(participation.project, kind, sequence),
        "signed_on": participation.start_date, "valid_from": participation.start_date,
        "valid_to": valid_to, "worker": participation.social_worker, "assessment": assessment,
        "goals": goals, "outcome": outcome, "final_assessment": final_assessment,
        "final_assessed_on": (participation.end_date or valid_to) if closed else None,
        "next_review_on": next_review_on,
    })
    for party, description, deadline, responsible, done in actions:
        _upsert(ContractAction, {"contract": contract, "description": description}, {
            "party": party, "deadline": deadline, "responsible": responsible, "done": done,
        })
    for day, progress, note in monitoring:
        _upsert(MonitoringEntry, {"contract": contract, "date": day}, {
            "progress": progress, "note": note, "recorded_by": participation.social_worker,
        })
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
            participation, number + 1, valid_to=date(2011, 12, 14),
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
    for sequence, (number, outcome, next_review_on) in enumerate(RECENT_CONTRACTS, start=1):
        _first, _last, sex, birth, _edition, _status = RECENT_PARTICIPANTS[number]
        participation = participations[make_pesel(birth, 300 + number, sex)]
        start, end = participation.edition.start_date, participation.edition.end_date
        terminated = outcome == Outcome.TERMINATED
        closed = outcome != Outcome.IN_FORCE
        _load_contract(
            participation, sequence, valid_to=end,
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
        "name": "Szkolenia zawodowe",
        "instrument": InstrumentKind.EDUCATIONAL,
        "mode": SupportMode.TRAINING,
        "staff_role": StaffRole.TRAINER,
        "start_date": date(2011, 9, 1),
        "end_date": date(2011, 12, 9),
        "planned_group_hours": Decimal(0),
        "planned_individual_hours": Decimal(0),
        "scope": "Szkolenia zawodowe prowadzone przez Lubelską Fundację Rozwoju – oddział "
                 "w Lubartowie, dobrane do predyspozycji i potrzeb uczestników.",
    },
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
        "planned_individual_hours": Decimal(2),
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
]


def _load_support(project, provider, forms_data, participations):
    """A project's support forms, an IŚR for each participant taking part, their referrals."""
    support_forms = [
        _upsert(SupportForm, {"project": project, "name": data["name"]},
                {**{k: v for k, v in data.items() if k != "name"}, "provider": provider})
        for data in forms_data
    ]
    for participation in participations.select_related("social_worker"):
        path = _upsert(IndividualPath, {"participation": participation, "revision": 1}, {
            "drawn_up_on": participation.start_date,
            "drawn_up_by": participation.social_worker,
            **SEED_PATH,
        })
        for support_form in support_forms:
            _upsert(PlannedSupport, {"path": path, "support_form": support_form}, {
                "group_hours": support_form.planned_group_hours,
                "individual_hours": support_form.planned_individual_hours,
                "serves_goal": SEED_PATH["goals"],
            })
            finished = participation.status != ParticipationStatus.PARTICIPANT
            _upsert(Referral, {"participation": participation, "support_form": support_form}, {
                "status": ReferralStatus.COMPLETED if finished else ReferralStatus.IN_PROGRESS,
                "referred_on": max(participation.start_date, support_form.start_date),
            })


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
    seed, recent = projects
    _load_support(seed, organisations["lfr"], SEED_SUPPORT_FORMS, seed.participations.all())
    _load_support(recent, None, RECENT_SUPPORT_FORMS, recent.participations.taking_part())
    _load_contracts(projects)
    return [
        (username, role.label if role else "administrator")
        for username, (_user, role) in users.items()
    ]
