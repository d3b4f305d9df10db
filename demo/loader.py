"""The demo projects, as data, and their loader (``manage.py load_demo``).

The first project reproduces the seed summary of MOPS Lubartów (2011, PO KL 7.1.1) with
25 participants; the second is a recent 2021–2027 project of an NGO with a MOPS partner in two
editions. Names and PESEL numbers are fictional (the PESEL numbers are valid: demo/people.py).
The organisations, accounts and projects are set-up data, looked up by their natural keys and
saved only when their values differ. Everything a project's people do is recorded through the
services the screens use (demo/people.py, contracts.py, delivery.py, seed.py, recent.py), each
step checked and attributed as an office's would be: so loading the demo also exercises the
workflows. A project that already has participants is left as it is: loading twice changes
nothing. The data are the TOML files in demo/data/.

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

Recorded through the services, the demo meets the rules the earlier upserts skipped: the town
residents of KROK-FEL-2024 live in a commune where only the revitalisation areas are in the
support area, which no address check can confirm, so they are qualified by override with the
office's reason (as the status form asks); and since "all present" marks whoever takes part that
day, the ends of the first edition are recorded before the second edition's sessions are.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.roles import ADMINISTRATOR_GROUP, GROUP_NAMES, Role
from instruments.hours import refresh_hours
from projects.models import (
    Edition,
    FundingProgramme,
    IndicatorDefinition,
    IndicatorTarget,
    Membership,
    Organisation,
    Project,
    Signatory,
    SupportAreaCommune,
)

from . import contracts, recent, seed
from .datafiles import read
from .marks import load_sample_strips
from .people import PEOPLE, RECENT_PEOPLE, SEED_PEOPLE, entry_data, finish, recruit

DEMO_PASSWORD = "Demo.konto.2026"

ORGANISATIONS = read("organisations")
USERS = [
    # username, first name, last name, organisation, role on every demo project (None: admin)
    (account["username"], account["first_name"], account["last_name"],
     account["organisation"], Role(account["role"]) if "role" in account else None)
    for account in read("accounts")["account"]
]
# Accounts whose group is no project role (the data protection officer): on no team.
GROUPS = {
    account["username"]: account["group"]
    for account in read("accounts")["account"] if "group" in account
}
PROJECTS = [
    project | {
        "editions": project.get("editions", []),
        "communes": project.get("communes", []),
        "targets": {code: Decimal(str(value)) for code, value in project["targets"].items()},
    }
    for project in read("projects")["project"]
]


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
            "is_staff": role is None and username not in GROUPS,
            "is_superuser": role is None and username not in GROUPS,
        }
        user = User.objects.filter(username=username).first()
        if user is None:
            password = password or make_password(DEMO_PASSWORD)
            user = User(username=username, password=password, **values)
            user.save()
        else:
            user = _upsert(User, {"username": username}, values)
        group_name = GROUP_NAMES[role] if role else GROUPS.get(username, ADMINISTRATOR_GROUP)
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


def _load_seed(project, organisations, users) -> None:
    """The seed project's people, contracts, support and results, in the order they happened."""
    coordinator = users["koordynator"][0]
    workers = [users["pracownik"][0], users["pracownik2"][0]]
    period = PEOPLE["seed_period"]
    recruited = recruit(
        project, SEED_PEOPLE, starts={None: period["start"]}, by=coordinator,
        workers=lambda number: workers[number % 2],
        entry=lambda number: entry_data(number, rural=False),
    )
    signed = contracts.seed_sign(SEED_PEOPLE, recruited)
    seed.deliver(project, SEED_PEOPLE, recruited, provider=organisations[seed.DELIVERY["provider"]],
                 by=users[seed.DELIVERY["recorded_by"]][0])
    finish(SEED_PEOPLE, recruited, ends={None: period["end"]}, by=coordinator)
    contracts.seed_close(SEED_PEOPLE, signed)
    seed.record_progress(SEED_PEOPLE, recruited, signed, by=coordinator)


def _load_recent(project, organisations, users) -> None:
    """The recent project's people, contracts, support and results so far: the foundation's
    coordinator (the lead's) records for everyone; the centre's worker supports the centre's
    clients, the foundation's worker its own recruits."""
    coordinator = users["fundacja-koordynator"][0]
    by = users[recent.DELIVERY["recorded_by"]][0]
    editions = {edition.number: edition for edition in project.editions.all()}
    recruited = recruit(
        project, RECENT_PEOPLE, by=coordinator,
        starts={number: edition.start_date for number, edition in editions.items()},
        # the foundation's own recruits (its worker's cases) are not clients of the centre
        workers=lambda number: users["pracownik" if number % 3 else "fundacja"][0],
        entry=lambda number: entry_data(number + 3, rural=number % 2 == 1)
        | {"centre_client": number % 3 != 0},
    )
    signed = contracts.recent_sign(recruited)
    employers = {
        key: _upsert(Organisation, {"nip": values["nip"]},
                     {**{k: v for k, v in values.items() if k != "nip"},
                      "recorded_by": organisations["krok"]}, by=by)
        for key, values in recent.EMPLOYERS.items()
    }
    # The first edition ended before the second began (and one person left early): the ends
    # are recorded first, so that "all present" at a later session marks only who took part.
    finish(RECENT_PEOPLE, recruited, by=coordinator,
           ends={number: edition.end_date for number, edition in editions.items()})
    recent.deliver(project, recruited, organisations=organisations, employers=employers, by=by)
    contracts.recent_close(signed)
    recent.record_results(project, recruited, employers, by=by)


@transaction.atomic
def load_demo() -> list[tuple[str, str]]:
    """Loads (or brings up to date) the demo; returns (username, role label) of its accounts."""
    organisations = {
        key: _upsert(Organisation, {"nip": values["nip"]},
                     {k: v for k, v in values.items() if k not in ("nip", "signatory")})
        for key, values in ORGANISATIONS.items()
    }
    for key, values in ORGANISATIONS.items():
        for signatory in values.get("signatory", []):
            _upsert(Signatory, {"organisation": organisations[key], "kind": signatory["kind"],
                                "valid_from": signatory.get("valid_from")},
                    {"title": signatory["title"], "name": signatory["name"],
                     "valid_to": signatory.get("valid_to")})
    mops = organisations["mops"]
    for key in ("lfr", "rops"):
        _upsert(Organisation, {"pk": organisations[key].pk}, {"recorded_by": mops})
    users = _load_users(organisations)
    seed_project, recent_project = (_load_project(data, organisations, users)
                                    for data in PROJECTS)
    load_sample_strips(FundingProgramme.objects.filter(
        pk__in=[seed_project.programme_id, recent_project.programme_id]))
    if not seed_project.participations.exists():
        _load_seed(seed_project, organisations, users)
    if not recent_project.participations.exists():
        _load_recent(recent_project, organisations, users)
    for project in (seed_project, recent_project):
        refresh_hours(project=project)  # the services keep them; a demo from before them too
    return [
        (username, role.label if role else GROUPS.get(username, "administrator"))
        for username, (_user, role) in users.items()
    ]
