"""What a course's records add up to, read without changing anything: each participant's share
of the hours held (the completion rule's measure) and the courses' enrolment and completion
counts (the course list, the final summary)."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from instruments.models import Attendance, Referral, Session, SessionKind, minutes_to_hours
from instruments.services import referred_participations
from projects.models import Project

from .models import CourseDocument, TrainingCourse, TrainingResult

TENTHS = Decimal("0.1")


# --- Attendance -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceShare:
    """Hours a participant attended of the hours of the course's group sessions held."""

    attended_minutes: int
    held_minutes: int

    @property
    def attended_hours(self) -> Decimal:
        return minutes_to_hours(self.attended_minutes)

    @property
    def held_hours(self) -> Decimal:
        return minutes_to_hours(self.held_minutes)

    @property
    def percent(self) -> Decimal:
        """Rounded down, so that a share shown as 80% always meets an 80% threshold."""
        if not self.held_minutes:
            return Decimal(0)
        exact = Decimal(self.attended_minutes * 100) / self.held_minutes
        return exact.quantize(TENTHS, rounding=ROUND_DOWN)

    def meets(self, min_percent: int) -> bool:
        """Compared exactly, in minutes: 79.99% does not meet 80%."""
        return self.attended_minutes * 100 >= min_percent * self.held_minutes


def _enrolled(course: TrainingCourse):
    """Those referred to the course and not withdrawn from it."""
    return referred_participations(course.support_form_id)


def course_attendance(course: TrainingCourse, *, until: date | None = None) -> dict:
    """{participation_id: AttendanceShare} for everyone enrolled, in three queries.

    Counts the course's group sessions held up to ``until`` (the closing date, else all).
    """
    sessions = Session.objects.filter(support_form=course.support_form_id, kind=SessionKind.GROUP)
    if until is not None:
        sessions = sessions.filter(date__lte=until)
    held = sessions.aggregate(minutes=Sum("duration_minutes"))["minutes"] or 0
    attended = dict(
        Attendance.objects.present()
        .filter(session__in=sessions)
        .values("participation_id")
        .annotate(minutes=Sum("session__duration_minutes"))
        .values_list("participation_id", "minutes")
    )
    return {
        pk: AttendanceShare(attended.get(pk, 0), held)
        for pk in _enrolled(course).values_list("pk", flat=True)
    }


# --- Totals ---------------------------------------------------------------------------------


def _count(queryset, **outer):
    """A correlated subquery counting the rows of ``queryset`` that match the outer row.

    Counting through several joins at once (referrals and results of one course) would multiply
    the rows (referrals × results) before ``distinct`` removed them again: each count is its own
    subquery instead, so the cost grows with the rows counted, not with their product.
    """
    counted = (
        queryset.filter(**{name: OuterRef(value) for name, value in outer.items()})
        .order_by()
        .values(*outer)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(courses, edition=None):
    """Courses annotated with enrolled, completed and qualifications counts, in one query (the
    people of one edition only, when given)."""
    of = {"participation__edition": edition} if edition is not None else {}
    results = TrainingResult.objects.filter(**of)
    return courses.annotate(
        enrolled_count=_count(Referral.objects.in_force().filter(**of),
                              support_form="support_form_id"),
        completed_count=_count(results.filter(completed=True), course="pk"),
        qualification_count=_count(
            results.filter(document_kind=CourseDocument.QUALIFICATION), course="pk"
        ),
    )


def completed_counts(project: Project, edition=None) -> list[tuple[TrainingCourse, int, int]]:
    """[(course, completed, enrolled)] for the final summary: "Magazynier … – 6 osób" (the
    courses someone of the edition was enrolled on, when one is given)."""
    courses = with_counts(
        TrainingCourse.objects.filter(support_form__project=project).select_related(
            "support_form"
        ), edition,
    ).order_by("support_form__start_date", "support_form__name")
    return [(course, course.completed_count, course.enrolled_count) for course in courses
            if edition is None or course.enrolled_count]
