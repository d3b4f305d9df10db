"""The support the recent project (KROK-FEL-2024) delivered so far
(demo/data/recent_delivery.toml): counselling, workshops (with absences), a forklift course
ending with a UDT exam (two pass and obtain the qualification, one fails and does not complete
it), an internship at a host employer, job placement contacts; after the participations end,
one employment taken up, social progress for three people and a workshop with employers."""

from datetime import date, timedelta
from decimal import Decimal

from employment.services import (
    MonthAttendance,
    internship_close,
    internship_create,
    internship_months_record,
    job_support_contact_add,
)
from participants.models.status import TAKING_PART
from results.services import employment_record, social_progress_record

from .datafiles import read
from .delivery import (
    attendance_mark,
    consultation,
    course_complete,
    event_hold,
    paths_draw_up,
    support_form_add,
    timetable,
    workdays,
)

DELIVERY = read("recent_delivery")
EMPLOYERS = DELIVERY["employer"]


def _counselling(support_form, people: list, *, by) -> None:
    """Three consultations each in the weeks of the edition, two people a day in the order of
    the list; who missed one, who had none, and a make-up consultation, as the data says."""
    plan = DELIVERY["counselling"]
    absent = {(row["who"], row["date"]) for row in plan["absent"]}
    not_held = {(row["who"], row["date"]) for row in plan["not_held"]}
    room, staff = DELIVERY["room"], plan["staff"]
    for edition, mondays in plan["weeks"].items():
        members = [(name, p) for name, p in people if p.edition.number == int(edition)]
        for place, (name, participation) in enumerate(members):
            for monday in mondays:
                day = monday + timedelta(days=place // 2)
                if (name, day) in not_held:
                    continue
                start, end = plan["slots"][place % 2]
                consultation(support_form, participation, day, start, end, place=room,
                             staff=staff, by=by, present=(name, day) not in absent)
    for row in plan["extra"]:
        consultation(support_form, dict(people)[row["who"]], row["date"], row["start"],
                     row["end"], place=room, staff=staff, by=by)


def _internship(support_forms, recruited, employers, *, by) -> None:
    plan = DELIVERY["internship"]
    internship = internship_create(
        participation=recruited[plan["who"]], by=by,
        support_form=support_forms[plan["support_form"]],
        employer=employers[plan["employer"]], position=plan["position"],
        mentor_name=plan["mentor_name"], start_date=plan["start_date"], end_date=plan["end_date"],
        monthly_stipend=Decimal(plan["monthly_stipend"]),
    )
    months = []
    for key, missed in plan["days_missed"].items():
        month = date.fromisoformat(f"{key}-01")
        first, last = max(month, internship.start_date), internship.end_date
        days = [day for day in workdays(first, last) if day.month == month.month]
        months.append(MonthAttendance(month=month, days_planned=len(days),
                                      days_present=len(days) - missed))
    internship_months_record(internship=internship, months=months, by=by)
    internship_close(internship=internship, outcome=plan["outcome"],
                     outcome_notes=plan["outcome_notes"], by=by,
                     expected_version=internship.version)


def _placement(support_forms, recruited, employers, *, by) -> None:
    plan = DELIVERY["placement"]
    for row in plan["contact"]:
        job_support_contact_add(
            participation=recruited[row["who"]], by=by,
            support_form=support_forms[plan["support_form"]], kind=row["kind"],
            date=row["date"], employer=employers.get(row.get("employer")),
            employer_name=row.get("employer_name", ""), position=row["position"],
            staff_name=plan["staff"], duration_minutes=row["minutes"],
            notes=row.get("notes", ""),
        )


def deliver(project, recruited: dict, *, organisations, employers, by) -> None:
    """The support of the people taking part (``recruited``: participations by name)."""
    taking_part = [(name, p) for name, p in recruited.items() if p.status in TAKING_PART]
    support_forms = {
        row["name"]: support_form_add(
            project, row, provider=organisations.get(row.get("provider")), by=by
        )
        for row in DELIVERY["support_form"]
    }
    paths_draw_up({
        participation: [
            support_forms[row["name"]] for row in DELIVERY["support_form"]
            if row["for"] == "all" or name in row["for"]
        ]
        for name, participation in taking_part
    }, DELIVERY["path"], review_on=DELIVERY["path_review_on"])
    _counselling(support_forms[DELIVERY["counselling"]["support_form"]], taking_part, by=by)
    workshops = DELIVERY["workshops"]
    for pattern in workshops["timetables"]:
        sessions = timetable(support_forms[workshops["support_form"]], pattern,
                             place=DELIVERY["room"], staff=workshops["staff"], by=by)
        attendance_mark(sessions, workshops["absent"], recruited, by=by)
    course = DELIVERY["course"]
    sessions = timetable(support_forms[course["support_form"]], course["timetable"],
                         place=course["place"], staff=course["trainer"], by=by)
    attendance_mark(sessions, course["absent"], recruited, by=by)
    course_complete(support_forms[course["support_form"]], [
        (recruited[row["who"]], row["passed"], row.get("number"), row.get("date"),
         course["certifying_body"])
        for row in course["results"]
    ], exam=course["exam"], body=course["certifying_body"], by=by)
    _internship(support_forms, recruited, employers, by=by)
    _placement(support_forms, recruited, employers, by=by)


def record_results(project, recruited: dict, employers, *, by) -> None:
    """What came after: work taken up, social progress, and the workshop with employers."""
    for row in DELIVERY["employment"]:
        employment_record(
            participation=recruited[row["who"]], by=by, contract_type=row["contract_type"],
            employer=employers[row["employer"]], employer_name="", position=row["position"],
            start_date=row["start_date"], end_date=None,
            working_time=Decimal(row["working_time"]), evidence=row["evidence"],
        )
    for row in DELIVERY["progress"]:
        social_progress_record(participation=recruited[row["who"]], by=by,
                               description=row["description"], evidence=row["evidence"],
                               date=row["date"])
    for event in DELIVERY["event"]:
        event_hold(project, event, [recruited[name] for name in event["attendees"]], by=by)
