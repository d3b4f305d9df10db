"""Timetables: the sessions of a support form made from one pattern (weekdays, times, a date
range, Polish public holidays skipped), each checked as a single session is; the future ones
moved or removed at once."""

from datetime import date, time, timedelta

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aktywizacja.history import attributed

from .models import SessionKind, SessionSeries, SupportForm, SupportGroup
from .services import session_create, session_update

MAX_SERIES_SESSIONS = 400


def timetable_dates(first: date, last: date, weekdays: list[int]
                    ) -> tuple[list[date], list[tuple[date, str]]]:
    """The dates of a pattern, and the Polish public holidays it skips with their names."""
    public = holidays.Poland(years=range(first.year, last.year + 1), language="pl")
    dates, skipped = [], []
    day = first
    while day <= last:
        if day.weekday() in weekdays:
            if day in public:
                skipped.append((day, public.get(day)))
            else:
                dates.append(day)
        day += timedelta(days=1)
    return dates, skipped


def session_series_create(*, support_form: SupportForm, by, weekdays: list[int],
                          first_date: date, last_date: date, start_time: time, end_time: time,
                          hours_unit: str, place: str = "", staff_name: str = "",
                          group: SupportGroup | None = None) -> SessionSeries:
    """The group sessions of a pattern (of ``group``, for a support form run in groups), each
    made and checked as a single session is: all or nothing, each refusal naming its date."""
    dates, _skipped = timetable_dates(first_date, last_date, weekdays)
    if not dates:
        raise ValidationError(_("The pattern gives no date: choose the weekdays and the range."))
    if len(dates) > MAX_SERIES_SESSIONS:
        raise ValidationError(ngettext(
            "A timetable makes at most %(max)s session.",
            "A timetable makes at most %(max)s sessions.", MAX_SERIES_SESSIONS,
        ) % {"max": MAX_SERIES_SESSIONS})
    problems = []
    with transaction.atomic():
        series = SessionSeries(
            support_form=support_form, weekdays=",".join(str(day) for day in sorted(weekdays)),
            first_date=first_date, last_date=last_date, start_time=start_time,
            end_time=end_time, place=place, staff_name=staff_name, created_by=by,
        )
        series.full_clean()
        series.save()
        for day in dates:
            try:
                with transaction.atomic():
                    session_create(
                        support_form=support_form, by=by, kind=SessionKind.GROUP, date=day,
                        start_time=start_time, end_time=end_time, hours_unit=hours_unit,
                        place=place, staff_name=staff_name, series=series, group=group,
                    )
            except ValidationError as error:
                problems.append(f"{date_format(day, 'SHORT_DATE_FORMAT')}: "
                                f"{' '.join(error.messages)}")
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ValidationError(problems)
    return series


def session_series_remove_future(*, series: SessionSeries, by, after: date | None = None
                                 ) -> tuple[int, int]:
    """Removes the timetable's sessions after ``after`` (today by default) that nobody attended;
    a session with attendance marks is kept (it happened). Returns (removed, kept)."""
    after = after or timezone.localdate()
    future = list(series.sessions.filter(date__gt=after).annotate(marks=Count("attendances")))
    kept = [session for session in future if session.marks]
    with transaction.atomic():
        for session in future:
            if not session.marks:
                attributed(session, by).delete()
    return len(future) - len(kept), len(kept)


def session_series_change_future(*, series: SessionSeries, by, start_time: time,
                                 end_time: time, place: str, staff_name: str,
                                 after: date | None = None) -> int:
    """Moves a timetable's future sessions (after ``after``, today by default) to new times,
    place and staff at once: each checked as an edited session is (the people at it free), all
    or nothing, each refusal naming its date. Returns how many were changed."""
    after = after or timezone.localdate()
    problems = []
    future = list(series.sessions.filter(date__gt=after).order_by("date"))
    with transaction.atomic():
        for session in future:
            try:
                with transaction.atomic():
                    session_update(session=session, by=by, expected_version=session.version,
                                   start_time=start_time, end_time=end_time, place=place,
                                   staff_name=staff_name)
            except ValidationError as error:
                problems.append(f"{date_format(session.date, 'SHORT_DATE_FORMAT')}: "
                                f"{' '.join(error.messages)}")
        if not problems:
            series.start_time, series.end_time = start_time, end_time
            series.place, series.staff_name = place, staff_name
            series.full_clean()
            series.save()
        else:
            transaction.set_rollback(True)
    if problems:
        raise ValidationError(problems)
    return len(future)
