"""The support the seed project delivered (demo/data/seed_delivery.toml): eight courses of
the educational instrument in September–October 2011 (each participant in exactly one), the
three instruments in November (group sessions in the morning, one instrument a day; individual
consultations in the afternoon), two events in December, and each participant's progress."""

from datetime import time, timedelta

from instruments.models import HoursUnit, SessionKind
from instruments.services import attendance_all_present, session_create
from results.services import social_progress_record

from .datafiles import read
from .delivery import (
    attendance_mark,
    consultation,
    course_complete,
    event_hold,
    hours,
    later,
    paths_draw_up,
    support_form_add,
    timetable,
    workdays,
)

DELIVERY = read("seed_delivery")


def _lesson_days(course) -> list:
    lessons = course.get("lessons")
    if lessons is None:
        return []
    return workdays(lessons["first_date"], lessons["last_date"], lessons["weekdays"])


def _course_form(course, people: int) -> dict:
    """A course as a support form: its planned hours are those of its timetable, and each
    participant's share of the driving lessons."""
    pattern = course["timetable"]
    days = workdays(pattern["first_date"], pattern["last_date"], pattern["weekdays"])
    lesson_days = _lesson_days(course)
    slots = course.get("lessons", {}).get("slots", [])
    lesson_hours = len(lesson_days) * sum(hours(start, end) for start, end in slots)
    return {
        "name": course["name"], "instrument": "educational", "mode": "training",
        "staff_role": "trainer", "scope": course["scope"],
        "start_date": min([*days, *lesson_days]), "end_date": course["exam"],
        "planned_group_hours": len(days) * hours(pattern["start_time"], pattern["end_time"]),
        "planned_individual_hours": lesson_hours / people,
    }


def _driving_lessons(support_form, course, enrolled, *, by) -> None:
    """Each lesson day's slots shared out in turn among the course's participants."""
    place = DELIVERY["driving"]["place"]
    for number, day in enumerate(_lesson_days(course)):
        for slot, (start, end) in enumerate(course["lessons"]["slots"]):
            participation = enrolled[(slot + number) % len(enrolled)]
            consultation(support_form, participation, day, start, end, place=place,
                         staff=course["trainer"], by=by)


def _instruments(support_forms, participations, *, by) -> None:
    """Five mornings of 3 h per instrument, one instrument a day in turn; then each
    participant's consultation of each instrument in the afternoons, two slots a day, so that
    at any one slot the three consultants see three different people."""
    first = DELIVERY["instruments"]["first_day"]
    days = workdays(first, first + timedelta(days=40))[:20]
    room = DELIVERY["room"]
    staff = {row["name"]: row["staff"] for row in DELIVERY["instrument"]}
    for number, day in enumerate(days[:15]):
        support_form = support_forms[number % 3]
        session = session_create(
            support_form=support_form, by=by, kind=SessionKind.GROUP, date=day,
            start_time=time(9), end_time=time(12),
            hours_unit=HoursUnit.CLOCK, place=room, staff_name=staff[support_form.name],
        )
        attendance_all_present(session=session, by=by)
    for index, support_form in enumerate(support_forms):
        for number in range(len(participations)):
            start = (time(12, 30), time(14, 45))[number % 2]
            consultation(
                support_form, participations[(number + 8 * index) % len(participations)],
                days[7 + number // 2], start, later(start, support_form.planned_individual_hours),
                place=room, staff=staff[support_form.name], by=by,
            )


def deliver(project, people, recruited: dict, *, provider, by) -> None:
    """The seed project's support, for its people (``recruited``: participations by name)."""
    ordered = [recruited[person.name] for person in people]
    enrolled = {course["name"]: [] for course in DELIVERY["course"]}
    for person in people:
        enrolled[person.course].append(recruited[person.name])
    courses = {
        course["name"]: support_form_add(
            project, _course_form(course, len(enrolled[course["name"]])), provider=provider, by=by
        )
        for course in DELIVERY["course"]
    }
    instruments = [support_form_add(project, row, provider=provider, by=by)
                   for row in DELIVERY["instrument"]]
    paths_draw_up({recruited[person.name]: [courses[person.course], *instruments]
                   for person in people}, DELIVERY["path"])
    for course in DELIVERY["course"]:
        support_form = courses[course["name"]]
        sessions = timetable(support_form, course["timetable"], place=course["place"],
                             staff=course["trainer"], by=by)
        attendance_mark(sessions, course.get("absent", []), recruited, by=by)
        if "lessons" in course:
            _driving_lessons(support_form, course, enrolled[course["name"]], by=by)
    _instruments(instruments, ordered, by=by)
    for course in DELIVERY["course"]:
        body = course.get("certifying_body", "")
        course_complete(courses[course["name"]], [
            (participation, True,
             f"UDT-LU/WJO/{1100 + place}/2011" if body else f"{course['code']}/{place:02d}/2011",
             course.get("qualification_date", course["exam"]), body or provider.name)
            for place, participation in enumerate(enrolled[course["name"]], start=1)
        ], exam=course["exam"], body=body, by=by)
    for event in DELIVERY["event"]:
        event_hold(project, event, ordered, by=by)


def record_progress(people, recruited: dict, contracts: dict, *, by) -> None:
    """Each participant's documented progress at the end of participation: the contract they
    kept, by its final assessment."""
    progress = DELIVERY["progress"]
    for person in people:
        participation = recruited[person.name]
        participation.refresh_from_db()
        social_progress_record(
            participation=participation, by=by, description=progress["description"],
            evidence=progress["evidence"].replace("{contract}", contracts[person.name].number),
            date=participation.end_date,
        )
