"""The demo's people, recruited as the office does: each application recorded, then the
candidates qualified, started and, at the end, completed or resigned, through the participant
services (the same steps, checks and path log as the screens and the bulk status change)."""

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import uuid4

from stdnum.pl import pesel as stdnum_pesel

from participants.eligibility import eligibility_problems
from participants.models import (
    Participation,
    ParticipationStatus,
    Person,
    recording_organisation,
)
from participants.services import (
    participant_register,
    participation_change_status,
    participations_change_status,
)

from .datafiles import read

PEOPLE = read("participants")
ENTRY = PEOPLE["entry"]
ENDED = (ParticipationStatus.COMPLETED, ParticipationStatus.RESIGNED)
# The steps of the path that lead to each status the data names, after the application.
STEPS = {
    ParticipationStatus.CANDIDATE: [],
    ParticipationStatus.QUALIFIED: [ParticipationStatus.QUALIFIED],
    ParticipationStatus.RESERVE: [ParticipationStatus.RESERVE],
    ParticipationStatus.PARTICIPANT: [ParticipationStatus.QUALIFIED,
                                      ParticipationStatus.PARTICIPANT],
    ParticipationStatus.COMPLETED: [ParticipationStatus.QUALIFIED,
                                    ParticipationStatus.PARTICIPANT],
    ParticipationStatus.RESIGNED: [ParticipationStatus.QUALIFIED,
                                   ParticipationStatus.PARTICIPANT],
}


def make_pesel(birth: date, serial: int, sex: str) -> str:
    """A valid PESEL for a fictional person: date, a 3-digit serial, a sex digit, a checksum."""
    month = birth.month + {18: 80, 19: 0, 20: 20}[birth.year // 100]
    sex_digit = (2 * (serial % 5)) + (1 if sex == "M" else 0)
    body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial % 1000:03d}{sex_digit}"
    return body + stdnum_pesel.calc_check_digit(body)


@dataclass(frozen=True)
class Recruit:
    """A person of the data files and where their participation is to stand."""

    first_name: str
    last_name: str
    sex: str
    birth_date: date
    serial: int
    status: ParticipationStatus
    edition: int | None = None
    course: str = ""
    left_on: date | None = None
    situation_at_exit: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def pesel(self) -> str:
        return make_pesel(self.birth_date, self.serial, self.sex)


SEED_PEOPLE = [
    Recruit(person["first_name"], person["last_name"], person["sex"], person["birth_date"],
            serial=100 + number, status=ParticipationStatus.COMPLETED, course=person["course"],
            situation_at_exit=person.get("situation_at_exit", ENTRY["situation_at_exit"]))
    for number, person in enumerate(PEOPLE["seed"])
]
RECENT_PEOPLE = [
    Recruit(person["first_name"], person["last_name"], person["sex"], person["birth_date"],
            serial=300 + number, status=ParticipationStatus(person["status"]),
            edition=person["edition"], left_on=person.get("left_on"),
            situation_at_exit=person.get("situation_at_exit", ENTRY["situation_at_exit"]))
    for number, person in enumerate(PEOPLE["recent"])
]


def entry_data(number: int, *, rural: bool) -> dict:
    """The data at entry of a project's ``number``-th person, the profiles taken in turn."""
    profiles = PEOPLE["entry_profile"]
    profile = profiles[number % len(profiles)]
    place = ENTRY["village" if rural else "town"]
    streets = ENTRY["streets"]
    reasons = ENTRY["exclusion_reasons"]
    return {
        "labour_market_status": profile["labour_market_status"],
        "unemployment_months": profile.get("unemployment_months"),
        "education": profile["education"],
        "disability": profile["disability"],
        "disability_degree": profile.get("disability_degree", ""),
        "foreign_origin": "no",
        "third_country_national": "no",
        "minority": "refused" if number % 11 == 5 else "no",
        "homeless": "yes" if number % 13 == 7 else "no",
        "centre_client": True,
        "exclusion_reasons": reasons[number % len(reasons)],
        **place,
        "street": "" if rural else streets[number % len(streets)],
        "building_number": str(3 + number),
        "in_support_area": True,
        "phone": f"600 100 {100 + number}",
    }


def _apply(project, recruit: Recruit, *, edition, worker, entry, by, on: date) -> Participation:
    # Each organisation records its own participants: the lead's, or a partner's whose worker
    # supports them (a partner's staff see no other participant of the project).
    organisation = recording_organisation(worker, project)
    person = Person.objects.filter(pesel=recruit.pesel, organisation=organisation).first()
    if person is None:
        person = Person(pesel=recruit.pesel, organisation=organisation,
                        first_name=recruit.first_name, last_name=recruit.last_name,
                        sex=recruit.sex, birth_date=recruit.birth_date)
    participation = Participation(
        organisation=organisation, edition=edition, social_worker=worker, application_date=on,
        recruitment_source=ENTRY["recruitment_source"], **entry,
    )
    return participant_register(project=project, person=person, participation=participation,
                                by=by, token=uuid4(), on=on)


def _step(participations, to_status, on: date, *, by, reason="", exit_data=None):
    """The same step of the path for people at once, as the bulk status change makes it."""
    participations_change_status(
        participations=participations, versions={p.pk: p.version for p in participations},
        to_status=to_status, on=on, reason=reason, by=by, exit_data=exit_data,
    )


def recruit(project, people: list[Recruit], *, starts: dict, workers, entry, by) -> dict:
    """Records the applications and walks each person to where the data puts them, short of
    the end (``finish``): returns the participations by the person's name.

    ``starts`` gives the day each edition (key None: the project) starts; the applications
    come three weeks before it (not before the project), the qualification a week after.
    ``workers(number)`` is the person's social worker, ``entry(number)`` their data at entry.
    """
    editions = {edition.number: edition for edition in project.editions.all()}
    recruited, by_step = {}, {}
    for number, person in enumerate(people):
        start = starts[person.edition]
        applied = max(project.start_date, start - timedelta(days=21))
        participation = _apply(
            project, person, edition=editions.get(person.edition), worker=workers(number),
            entry=entry(number), by=by, on=applied,
        )
        recruited[person.name] = participation
        for status in STEPS[person.status]:
            day = start if status == ParticipationStatus.PARTICIPANT else applied + timedelta(7)
            by_step.setdefault((day, status), []).append(participation)
    area = list(project.support_area.all())
    for (day, status), participations in sorted(by_step.items()):
        checked = [p for p in participations if status == ParticipationStatus.QUALIFIED
                   and eligibility_problems(p, area)]
        for participation in checked:
            # the office checked the address against the revitalisation map: an override
            participation_change_status(
                participation=participation, to_status=status, on=day, by=by, override=True,
                reason=ENTRY["qualification_override"], expected_version=participation.version,
            )
        _step([p for p in participations if p not in checked], status, day, by=by)
    return recruited


def finish(people: list[Recruit], recruited: dict, *, ends: dict, by) -> None:
    """Ends the participations the data says ended: on the edition's end (key None: the
    project's), or on the day the person left, with the situation at exit."""
    by_end = {}
    for person in people:
        if person.status in ENDED:
            day = person.left_on or ends[person.edition]
            key = (day, person.status, person.situation_at_exit)
            by_end.setdefault(key, []).append(recruited[person.name])
    for (day, status, situation), participations in sorted(by_end.items()):
        resigned = status == ParticipationStatus.RESIGNED
        for participation in participations:
            participation.refresh_from_db()
        exit_data = {"situation_at_exit": situation}
        if resigned:
            exit_data["path_completed"] = False
        _step(participations, status, day, by=by, exit_data=exit_data,
              reason=ENTRY["resignation_reason"] if resigned else "")
