"""The support the demo delivers, recorded through the services the screens use: support forms,
the IŚR that refers each participant, timetables and consultations with their attendance,
courses closed by their rule, events. Each step is checked as an office's would be (inside the
participation, nobody at two places at once, a course completed only by attendance and exam)."""

from datetime import date, time
from decimal import Decimal

from aktywizacja.history import attributed
from events.services import event_attendance_set, event_create
from instruments.models import HoursUnit, Session, SessionKind, SupportForm
from instruments.services import (
    attendance_all_present,
    attendance_set,
    path_draw_up,
    session_create,
)
from instruments.timetables import session_series_create, timetable_dates
from participants.models import IndividualPath, PlannedSupport
from trainings.models import CourseDocument, ExamResult
from trainings.services import course_close, course_set_up, result_record

SUPPORT_FORM_FIELDS = (
    "name", "instrument", "mode", "staff_role", "start_date", "end_date",
    "planned_group_hours", "planned_individual_hours", "scope",
)


def hours(start: time, end: time) -> Decimal:
    return Decimal((end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)) / 60


def later(start: time, hours) -> time:
    minutes = start.hour * 60 + start.minute + int(Decimal(hours) * 60)
    return time(minutes // 60, minutes % 60)


def workdays(first: date, last: date, weekdays=(0, 1, 2, 3, 4)) -> list[date]:
    """The days of a pattern, Polish public holidays skipped (as a timetable makes them)."""
    return timetable_dates(first, last, list(weekdays))[0]


def support_form_add(project, data: dict, *, provider, by) -> SupportForm:
    """A support form as the coordinator's screen records it (its model form has no service)."""
    values = {name: data[name] for name in SUPPORT_FORM_FIELDS}
    for name in ("planned_group_hours", "planned_individual_hours"):
        values[name] = Decimal(str(values[name]))
    support_form = SupportForm(project=project, provider=provider, **values)
    support_form.full_clean()
    attributed(support_form, by).save()
    return support_form


def paths_draw_up(planned: dict, text: dict, review_on: dict | None = None) -> None:
    """The first IŚR of each participant, drawn up by their social worker on the day they start:
    planning a support form refers them to it. ``planned`` maps a participation to its forms,
    ``review_on`` an edition's number to the day its paths are to be reviewed."""
    for participation, support_forms in planned.items():
        edition = participation.edition.number if participation.edition else None
        path = IndividualPath(drawn_up_on=participation.start_date,
                              review_on=(review_on or {}).get(str(edition)), **text)
        path_draw_up(
            participation=participation, path=path, by=participation.social_worker,
            planned=[
                PlannedSupport(support_form=support_form,
                               group_hours=support_form.planned_group_hours,
                               individual_hours=support_form.planned_individual_hours,
                               serves_goal=text["goals"])
                for support_form in support_forms
            ],
        )


def timetable(support_form, pattern: dict, *, place: str, staff: str, by) -> list[Session]:
    """The group sessions of a timetable (weekdays, dates, times), as the timetable screen
    makes them; returns them by date."""
    series = session_series_create(
        support_form=support_form, by=by, weekdays=pattern["weekdays"],
        first_date=pattern["first_date"], last_date=pattern["last_date"],
        start_time=pattern["start_time"], end_time=pattern["end_time"],
        hours_unit=HoursUnit.CLOCK, place=place, staff_name=staff,
    )
    return list(series.sessions.order_by("date"))


def attendance_mark(sessions, absent: list[dict], people: dict, *, by) -> None:
    """Everyone present at each group session ("all present"), then who was absent unticked;
    ``absent`` names people and dates, ``people`` maps a name to the participation."""
    missed = {(row["who"], row["date"]) for row in absent}
    for session in sessions:
        attendance_all_present(session=session, by=by)
        for name, day in missed:
            if day == session.date:
                attendance_set(session=session, participation=people[name], present=False,
                               by=by)


def consultation(support_form, participation, day: date, start: time, end: time, *, place: str,
                 staff: str, by, present: bool = True) -> Session:
    """An individual consultation and whether the person came."""
    session = session_create(
        support_form=support_form, by=by, kind=SessionKind.INDIVIDUAL, date=day,
        start_time=start, end_time=end, hours_unit=HoursUnit.CLOCK, place=place,
        staff_name=staff, participation=participation,
    )
    attendance_set(session=session, participation=participation, present=present, by=by)
    return session


def course_complete(support_form, results: list[tuple], *, exam: date, body: str, by) -> None:
    """The course's details, each participant's exam and document, then the course closed on
    the exam day: its rule decides who completed it and closes their referrals.

    ``results``: (participation, passed, document number, document date, document body).
    """
    course = course_set_up(
        support_form=support_form, by=by, min_attendance_percent=80, exam_required=True,
        leads_to_qualification=bool(body), certifying_body=body,
    )
    for participation, passed, number, issued_on, issuer in results:
        documented = passed and number
        kind = (CourseDocument.QUALIFICATION if body else CourseDocument.CERTIFICATE)
        result_record(
            course=course, participation=participation, by=by,
            exam_result=ExamResult.PASSED if passed else ExamResult.FAILED, exam_date=exam,
            document_kind=kind if documented else CourseDocument.NONE,
            document_body=issuer if documented else "", document_number=number or "",
            document_date=issued_on if documented else None, expected_version=None,
        )
    course_close(course=course, by=by, closed_on=exam)


def event_hold(project, data: dict, attendees, *, by) -> None:
    """An event and who attended it."""
    event = event_create(
        project=project, by=by, kind=data["kind"], title=data["title"],
        start_date=data["start_date"], end_date=data.get("end_date"), places=data["places"],
        description=data["description"],
    )
    event_attendance_set(event=event, participations=attendees, by=by)
