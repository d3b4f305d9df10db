"""A property of the whole record: whatever an office does, in whatever order, what it reports
agrees with itself.

Hypothesis draws random sequences of recruitment steps, attendance marks, course results,
employment and monitoring-file imports against one project — many of them impossible (dated
before the previous step, after the participation, a document not earned…). Each step goes
through the services the screens use; a refused step must change nothing. After every step the
record is checked: statuses agree with dates, every dated fact lies inside its participation and
the project, and the indicators, the summary and the monitoring export count the same people.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.roles import Role
from instruments.models import Attendance
from instruments.services import attendance_set
from monitoring.export import exported_participations, participation_record
from monitoring.importing import parse_file
from monitoring.services import participants_import
from participants.models import (
    ENDING,
    TAKING_PART,
    Participation,
    ParticipationStatus,
    StatusChange,
)
from participants.services import participation_change_status
from reporting.indicators import project_indicators
from reporting.summary import build_summary
from results.models import Employment
from results.services import employment_record
from trainings.models import CourseDocument, ExamResult, TrainingResult
from trainings.services import course_set_up, result_record

from .factories import (
    MembershipFactory,
    ParticipationFactory,
    ProjectFactory,
    ReferralFactory,
    SessionFactory,
    SupportFormFactory,
    UserFactory,
)
from .helpers.monitoring import VALID, csv_file

Status = ParticipationStatus
START, END = date(2025, 1, 1), date(2025, 12, 31)
PEOPLE = 3
DAYS = st.integers(min_value=-20, max_value=400).map(lambda n: START + timedelta(days=n))


def _steps():
    """Mostly plausible moves (the next legal status some days after the last step, marks of
    the course's sessions, work after the start), with impossible ones mixed in."""
    person = st.integers(0, PEOPLE - 1)
    days_after = st.integers(min_value=-10, max_value=90)
    return st.lists(st.one_of(
        st.tuples(st.just("start"), person, st.integers(min_value=-5, max_value=150)),
        st.tuples(st.just("withdraw"), person, st.integers(min_value=0, max_value=150)),
        st.tuples(st.just("advance"), person, st.integers(0, 2), days_after),
        st.tuples(st.just("status"), person, st.sampled_from(list(Status)), DAYS),
        st.tuples(st.just("attend"), person, st.integers(0, 2), st.booleans()),
        st.tuples(st.just("result"), person, st.sampled_from(list(CourseDocument)),
                  st.sampled_from([ExamResult.PASSED, ExamResult.FAILED])),
        st.tuples(st.just("employ"), person, days_after, st.integers(1, 200)),
        st.tuples(st.just("import_end"), person, days_after, st.booleans()),
    ), min_size=1, max_size=15)


class RecordStaysConsistent(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.project = ProjectFactory(short_name="SPOJNY-1", start_date=START, end_date=END)
        cls.worker = UserFactory(role=Role.COORDINATOR)
        MembershipFactory(project=cls.project, user=cls.worker, role=Role.COORDINATOR)
        cls.people = [
            ParticipationFactory(project=cls.project, status=Status.CANDIDATE, start_date=None,
                                 application_date=START, social_worker=cls.worker)
            for _ in range(PEOPLE)
        ]
        for participation in cls.people:
            StatusChange.objects.create(participation=participation, to_status=Status.CANDIDATE,
                                        date=START, changed_by=cls.worker)
        course_form = SupportFormFactory(project=cls.project, name="Magazynier",
                                         instrument="educational", mode="training")
        cls.course = course_set_up(support_form=course_form, by=cls.worker,
                                   min_attendance_percent=60, exam_required=True,
                                   leads_to_qualification=False)
        cls.sessions = [SessionFactory(support_form=course_form, date=START + timedelta(days=d))
                        for d in (60, 120, 200)]
        for participation in cls.people:
            ReferralFactory(participation=participation, support_form=course_form,
                            referred_on=START)

    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(steps=_steps())
    def test_every_step_leaves_a_consistent_record(self, steps):
        for step in steps:
            self._attempt(step)
            self._check_consistency()

    # --- The steps -------------------------------------------------------------------------

    def _attempt(self, step):
        kind, index, *args = step
        participation = Participation.objects.get(pk=self.people[index].pk)
        before = self._snapshot()
        try:
            with transaction.atomic():
                getattr(self, f"_{kind}")(participation, *args)
        except ValidationError:
            self.assertEqual(self._snapshot(), before, f"a refused {kind} changed the record")

    def _status(self, participation, to_status, on):
        participation_change_status(
            participation=participation, to_status=to_status, on=on, reason="Decyzja.",
            by=self.worker, expected_version=participation.version, override=True,
        )

    def _start(self, participation, days):
        """Qualified and started on one day, as an office records a first form of support."""
        day = START + timedelta(days=days)
        self._status(participation, Status.QUALIFIED, day)
        participation.refresh_from_db()
        self._status(participation, Status.PARTICIPANT, day)

    def _withdraw(self, participation, days):
        """Qualified, then resigned before any support (never a participant)."""
        day = START + timedelta(days=days)
        self._status(participation, Status.QUALIFIED, day)
        participation.refresh_from_db()
        self._status(participation, Status.RESIGNED, day)

    def _advance(self, participation, choice, days_after):
        """The next legal step of the path, dated some days after the last one."""
        last = participation.status_changes.order_by("-date").first()
        legal = participation.next_statuses
        if not legal:
            raise ValidationError("the path has ended")
        self._status(participation, legal[choice % len(legal)],
                     last.date + timedelta(days=days_after))

    def _attend(self, participation, session_index, present):
        attendance_set(session=self.sessions[session_index], participation=participation,
                       present=present, by=self.worker)

    def _result(self, participation, document_kind, exam_result):
        existing = TrainingResult.objects.filter(course=self.course,
                                                 participation=participation).first()
        keep = document_kind not in (CourseDocument.NONE, CourseDocument.CERTIFICATE)
        result_record(
            course=self.course, participation=participation, by=self.worker,
            exam_result=exam_result, exam_date=self.sessions[-1].date,
            document_kind=document_kind, document_body="UDT" if keep else "",
            document_number="1/2025" if keep else "",
            document_date=self.sessions[-1].date if keep else None,
            expected_version=existing.version if existing else None,
        )

    def _employ(self, participation, days_after, length):
        start = (participation.start_date or START) + timedelta(days=days_after)
        employment_record(
            participation=participation, by=self.worker, contract_type="civil_law",
            employer_name="Hurtownia", start_date=start,
            end_date=start + timedelta(days=length), contract_value=15000,
            evidence="umowa",
        )

    def _import_end(self, participation, days_after, completed):
        if participation.status not in TAKING_PART or participation.start_date is None:
            raise ValidationError("only people who started are in the file")
        end = participation.start_date + timedelta(days=days_after)
        row = participation_record(participation, []) | {"end_date": end,
                                                           "path_completed": completed}
        person = participation.person
        row |= {key: VALID[key] for key in ("country", "participant_type")} | {
            "birth_date": person.birth_date, "start_date": participation.start_date,
            "sex": "Kobieta" if person.sex == "K" else "Mężczyzna",
            "path_completed": "Tak" if completed else "Nie",
        }
        parsed = parse_file(csv_file(self._as_text(row)), self.project)
        if parsed.errors:
            raise ValidationError("the file is refused")
        participants_import(project=self.project, parsed=parsed, by=self.worker)

    @staticmethod
    def _as_text(row: dict) -> dict:
        return {key: "" if value is None else value for key, value in row.items()}

    # --- The properties --------------------------------------------------------------------

    def _snapshot(self):
        return (
            list(Participation.objects.order_by("pk").values()),
            StatusChange.objects.count(), Attendance.objects.count(),
            list(TrainingResult.objects.order_by("pk").values()), Employment.objects.count(),
        )

    def _check_consistency(self):
        today = date.today()
        for p in Participation.objects.filter(project=self.project):
            if p.status in ENDING:
                self.assertIsNotNone(p.end_date, p.status)
            else:
                self.assertIsNone(p.end_date, p.status)
            if p.status == Status.PARTICIPANT:
                self.assertIsNotNone(p.start_date)
            if p.start_date and p.end_date:
                self.assertLessEqual(p.start_date, p.end_date)
            dates = list(p.status_changes.order_by("changed_at", "pk").values_list("date",
                                                                                  flat=True))
            self.assertEqual(dates, sorted(dates), "the path is dated in order")
            for day in dates:
                self.assertTrue(START <= day <= min(END, today))
        # Presence is the fact of support; an absence recorded before someone left says nothing.
        for mark in Attendance.objects.present().select_related("session", "participation"):
            self.assertTrue(mark.participation.takes_part_on(mark.session.date),
                            "attendance outside the participation")
        for result in TrainingResult.objects.exclude(document_kind=CourseDocument.NONE):
            self.assertTrue(result.completed, "a document of a course not completed")
        for employment in Employment.objects.all():
            self.assertLessEqual(employment.start_date, today)
            self.assertGreaterEqual(employment.start_date,
                                    employment.participation.start_date)
        self._check_counts_agree()

    def _check_counts_agree(self):
        achieved = {row.code: row.achieved for row in project_indicators(self.project)}
        summary = build_summary(self.project)
        exported = list(exported_participations(self.project))
        women = sum(p.person.sex == "K" for p in exported)
        # A participant is someone who started support: the file needs the start of each one.
        self.assertTrue(all(p.start_date for p in exported), "a participant who never started")
        self.assertEqual(achieved["participants-total"], summary.participants.total)
        self.assertEqual(summary.participants.total, len(exported))
        self.assertEqual(achieved["participants-women"], summary.participants.women)
        self.assertEqual(summary.participants.women, women)
        qualifications = [r for r in summary.results if r.kind == "qualifications"]
        self.assertEqual(achieved["qualifications"],
                         qualifications[0].count if qualifications else 0)
