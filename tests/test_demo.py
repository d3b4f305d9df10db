"""The demo loader: what it creates, that a second run changes nothing, that it guards DEBUG."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from itertools import pairwise

import holidays
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Sum
from django.urls import reverse
from simple_history.models import HistoricalChanges, registered_models
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import pesel as stdnum_pesel

from accounts.models import User
from accounts.roles import Role
from aktywizacja.dates import add_months, months_end
from contracts.models import ContractKind, Outcome, SocialContract
from demo.loader import DEMO_PASSWORD, USERS
from demo.people import RECENT_PEOPLE, SEED_PEOPLE
from employment.models import (
    Internship,
    InternshipMonth,
    JobSupportContact,
    JobSupportKind,
)
from events.models import Event, EventAttendance, EventKind
from instruments.hours import hours_differences
from instruments.models import (
    Attendance,
    InstrumentKind,
    Referral,
    ReferralStatus,
    Session,
    SessionKind,
    SupportForm,
    SupportMode,
)
from participants.models import ParticipationStatus, Person, StatusChange
from projects.models import Project
from results.models import ContractType, Employment, SocialProgress
from trainings.models import CourseDocument, ExamResult, TrainingCourse, TrainingResult

from .helpers.demo import demo_loaded

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = [username for username, *_rest in USERS]
HOLIDAYS = holidays.Poland(years=range(2011, 2027))


def history_models():
    """The historical table of every model (and many-to-many field) simple_history tracks."""
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def row_counts() -> dict[str, int]:
    models = {*apps.get_models(include_auto_created=True), *history_models()}
    return {
        model._meta.label: model._default_manager.count()
        for model in models
        if model._meta.managed  # an unmanaged model (permissions only) has no table
    }


def demo_state() -> dict:
    return {
        "counts": row_counts(),
        "history": {
            model._meta.label: sorted(model.objects.values_list(model._meta.pk.name, flat=True))
            for model in history_models()
        },
        "passwords": dict(
            User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", "password")
        ),
    }


def test_every_simple_history_table_is_compared():
    tables = {model._meta.db_table for model in history_models()}
    assert len(tables) == len(registered_models)
    assert {"participants_historicalperson", "participants_historicalparticipation"} <= tables


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
    assert not Project.objects.filter(short_name="LUB-7.1.1-2011").exists()


def test_it_runs_with_debug_off_when_allowed(settings, monkeypatch):
    """The guard lets the command through (what the loader then does is tested below, once)."""
    settings.DEBUG = False
    loaded = []
    monkeypatch.setattr("demo.management.commands.load_demo.load_demo",
                        lambda: loaded.append(True) or [("koordynator", "koordynator")])
    out = StringIO()
    call_command("load_demo", "--allow-production", stdout=out)
    assert loaded == [True]
    assert "koordynator" in out.getvalue()


# --- The seed project's figures ----------------------------------------------------------------
# The figures below are the seed summary's (seeds/000_dd0863dc2042d38f.txt), typed here on
# purpose: the demo must reproduce them from sessions, attendance and results, not copy them.

SEED_COURSE_COUNTS = [
    ("Magazynier z obsługą wózków jezdniowych", 6),
    ("Sprzedawca z obsługą komputera i maszyn liczących", 4),
    ("Opiekunka osoby starszej i niepełnosprawnej", 3),
    ("Kosmetyka i stylizacja paznokci", 3),
    ("Gastronomia z prowadzeniem działalności gospodarczej", 3),
    ("Fryzjer", 1),
    ("Prawo jazdy kat. B", 4),
    ("Prawo jazdy kat. D", 1),
]
# instrument → (group hours, individual hours per participant, total); the social instrument's
# seed total is 40 = 15 + 25 × 1 h (see the choice documented in demo/loader.py).
SEED_INSTRUMENT_HOURS = {
    InstrumentKind.VOCATIONAL: (15, 2, 65),
    InstrumentKind.SOCIAL: (15, 1, 40),
    InstrumentKind.HEALTH: (15, 2, 65),
}


def seed_project():
    return Project.objects.get(short_name="LUB-7.1.1-2011")


def recent_project():
    return Project.objects.get(short_name="KROK-FEL-2024")


def minutes(rows) -> dict:
    return {key: Decimal(value) / 60 for key, value in rows}


@pytest.fixture(scope="class")
def delivered(django_db_setup, django_db_blocker):
    """The demo loaded once for the class of tests below, rolled back after them."""
    with demo_loaded(django_db_blocker):
        yield


@pytest.mark.usefixtures("delivered")
class TestTheDemo:
    """What the demo holds (each test reads it or works in its own rolled-back transaction)."""

    def test_it_creates_the_two_demo_projects(self):
        assert set(Project.objects.values_list("short_name", flat=True)) >= {
            "LUB-7.1.1-2011",
            "KROK-FEL-2024",
        }

    def test_the_first_project_has_twenty_five_participations(self):
        assert seed_project().participations.count() == 25 == len(SEED_PEOPLE)

    def test_it_creates_one_account_per_role(self):
        users = User.objects.filter(username__in=DEMO_USERNAMES)
        assert users.filter(is_superuser=True).exists()
        for role in Role:
            assert any(user.main_role == role for user in users), role

    def test_the_demo_accounts_can_sign_in(self, client):
        response = client.post(reverse("login"),
                               {"username": "koordynator", "password": DEMO_PASSWORD})
        assert response.status_code == 302

    def test_a_second_run_changes_nothing(self, settings):
        """Neither the set-up data nor the projects' records: not a row, not a history entry."""
        settings.DEBUG = True
        before = demo_state()
        for model in (Session, Attendance, TrainingCourse, TrainingResult, Event,
                      EventAttendance, SocialProgress, Internship, InternshipMonth,
                      JobSupportContact, Employment, SocialContract, StatusChange):
            assert before["counts"][model._meta.label] > 0, model
        assert any(before["history"].values())

        call_command("load_demo", stdout=StringIO())

        after = demo_state()
        assert after["counts"] == before["counts"]
        assert after["history"] == before["history"]
        assert after["passwords"] == before["passwords"]

    def test_demo_pesel_numbers_are_valid_and_agree_with_the_person(self):
        people = Person.objects.all()
        assert people.count() == len(SEED_PEOPLE) + len(RECENT_PEOPLE)
        for person in people:
            assert stdnum_pesel.is_valid(person.pesel), person.pk
            person.full_clean()

    def test_each_seed_course_was_completed_by_as_many_as_the_summary_says(self):
        seed = seed_project()
        results = TrainingResult.objects.filter(course__support_form__project=seed)
        completed = dict(
            results.filter(completed=True, exam_result=ExamResult.PASSED)
            .values("course__support_form__name").annotate(n=Count("pk"))
            .values_list("course__support_form__name", "n")
        )
        assert completed == dict(SEED_COURSE_COUNTS)
        assert sum(completed.values()) == 25 == results.count()
        lfr = "Lubelska Fundacja Rozwoju – Oddział w Lubartowie"
        for course in TrainingCourse.objects.filter(support_form__project=seed):
            assert course.support_form.mode == SupportMode.TRAINING
            assert course.support_form.instrument == InstrumentKind.EDUCATIONAL
            assert course.support_form.provider.name == lfr
            assert course.is_closed and course.completed_on <= course.support_form.end_date
        assert not SupportForm.objects.filter(project=seed, name="Szkolenia zawodowe").exists()
        # each of the 25 is referred to exactly one course, the one whose result they have
        courses = Referral.objects.filter(
            participation__project=seed, support_form__mode=SupportMode.TRAINING
        )
        assert courses.count() == 25
        assert courses.values("participation").distinct().count() == 25
        assert set(courses.values_list("participation", "support_form")) == set(
            results.values_list("participation", "course__support_form")
        )


    def test_course_completion_follows_the_attendance_rule_and_the_exam(self):
        """Completed means: attended at least the course's minimum share of its group hours (as the
        trainings app counts it) and passed the exam. Checked on every course of the demo."""
        results = TrainingResult.objects.select_related("course__support_form")
        assert results.filter(completed=False).exists()  # the recent course has one failed exam
        for result in results:
            course = result.course
            group = Session.objects.filter(support_form=course.support_form, kind=SessionKind.GROUP)
            held = group.aggregate(m=Sum("duration_minutes"))["m"]
            attended = Attendance.objects.filter(
                session__in=group, participation=result.participation, present=True
            ).aggregate(m=Sum("session__duration_minutes"))["m"] or 0
            attendance_met = attended * 100 >= course.min_attendance_percent * held
            assert attendance_met, result
            passed = result.exam_result == ExamResult.PASSED
            assert result.completed == (attendance_met and passed), result
            assert not group.filter(date__gt=course.completed_on).exists()
            referral = Referral.objects.get(
                participation=result.participation, support_form=course.support_form
            )
            assert referral.status == (
                ReferralStatus.COMPLETED if result.completed else ReferralStatus.DROPPED
            )


    def test_documents_qualifications_only_where_an_external_body_certifies(self):
        seed = seed_project()
        results = TrainingResult.objects.filter(course__support_form__project=seed, completed=True)
        qualifications = results.qualifications()
        assert set(qualifications.values_list("course__support_form__name", flat=True)) == {
            "Magazynier z obsługą wózków jezdniowych"
        }
        assert qualifications.count() == 6
        assert set(qualifications.values_list("document_body", flat=True)) == {
            "Urząd Dozoru Technicznego, Oddział w Lublinie"
        }
        certificates = results.filter(document_kind=CourseDocument.CERTIFICATE)
        assert certificates.count() == 19
        assert not results.filter(document_kind=CourseDocument.NONE).exists()
        numbers = list(results.values_list("document_number", flat=True))
        assert all(numbers) and len(set(numbers)) == 25
        for course in TrainingCourse.objects.filter(support_form__project=seed):
            assert course.leads_to_qualification == (course.certifying_body != "")
            assert course.leads_to_qualification == course.results.qualifications().exists()


    def test_the_three_instruments_deliver_the_summary_hours_from_attendance(self):
        seed = seed_project()
        participations = set(seed.participations.values_list("pk", flat=True))
        for instrument, (group_hours, individual_each, total) in SEED_INSTRUMENT_HOURS.items():
            support_form = SupportForm.objects.get(project=seed, instrument=instrument)
            sessions = Session.objects.filter(support_form=support_form)
            groups = sessions.filter(kind=SessionKind.GROUP)
            held_group = Decimal(groups.aggregate(m=Sum("duration_minutes"))["m"]) / 60
            assert held_group == group_hours
            attendance = Attendance.objects.filter(session__support_form=support_form)
            assert not attendance.filter(present=False).exists()
            group_by_person = minutes(
                attendance.filter(session__kind=SessionKind.GROUP)
                .values("participation").annotate(m=Sum("session__duration_minutes"))
                .values_list("participation", "m")
            )
            assert group_by_person == dict.fromkeys(participations, Decimal(group_hours))
            own = attendance.filter(
                session__kind=SessionKind.INDIVIDUAL, session__participation=F("participation")
            )
            assert own.count() == attendance.filter(session__kind=SessionKind.INDIVIDUAL).count()
            individual_by_person = minutes(
                own.values("participation").annotate(m=Sum("session__duration_minutes"))
                .values_list("participation", "m")
            )
            assert individual_by_person == dict.fromkeys(participations, Decimal(individual_each))
            assert held_group + sum(individual_by_person.values()) == total
            assert support_form.planned_group_hours == group_hours
            assert support_form.planned_individual_hours == individual_each
            # the seed's slips fixed: November 2011, inside the project
            assert (support_form.start_date, support_form.end_date) == (
                date(2011, 11, 1), date(2011, 11, 30)
            )
            assert support_form.scope


    def test_the_hours_service_reports_the_same_figures(self):
        hours = pytest.importorskip("instruments.hours")
        rows = {row.support_form.instrument: row for row in hours.support_form_hours(seed_project())
                if row.support_form.mode != SupportMode.TRAINING}
        for instrument, (group_hours, individual_each, total) in SEED_INSTRUMENT_HOURS.items():
            row = rows[instrument]
            assert row.delivered_group_hours == group_hours
            assert row.individual_hours_per_participant == individual_each
            assert row.delivered_total_hours == row.planned_total_hours == total
            assert row.participants == row.referred == 25


    def test_the_summed_hours_agree_with_the_attendance(self):
        for project in Project.objects.filter(participations__isnull=False).distinct():
            assert hours_differences(project) == [], project.short_name

    def test_the_seed_events_with_their_dates_and_the_25_attendees(self):
        seed = seed_project()
        events = {event.title: event for event in Event.objects.filter(project=seed)}
        visit = events["Przykłady ekonomii społecznej"]
        assert visit.kind == EventKind.STUDY_VISIT
        assert (visit.start_date, visit.end_date) == (date(2011, 12, 5), date(2011, 12, 6))
        assert visit.places == "Łęczna, Chełm"
        for name in ("Zakład Aktywizacji Zawodowej w Łęcznej", "Spółdzielnia Socjalna „Tęcza”",
                     "Centrum Integracji Społecznej w Chełmie"):
            assert name in visit.description
        closing = events["Warsztaty podsumowujące projekt"]
        assert closing.kind == EventKind.WORKSHOP
        assert (closing.start_date, closing.last_day) == (date(2011, 12, 14), date(2011, 12, 14))
        assert "zaświadczeń ukończenia szkoleń zawodowych" in closing.description
        everyone = set(seed.participations.values_list("pk", flat=True))
        for event in (visit, closing):
            assert set(event.attendees.values_list("pk", flat=True)) == everyone
            assert len(everyone) == 25


    def test_the_seed_results(self):
        seed = seed_project()
        participations = seed.participations.all()
        assert participations.count() == 25
        assert all(p.status == ParticipationStatus.COMPLETED and p.path_completed and p.end_date
                   for p in participations)
        # closing a course completes its referrals; nothing in the application completes a
        # referral to an instrument, so those stay as the IŚR made them
        referrals = Referral.objects.filter(participation__project=seed)
        assert set(referrals.filter(support_form__mode=SupportMode.TRAINING)
                   .values_list("status", flat=True)) == {ReferralStatus.COMPLETED}
        assert set(referrals.exclude(support_form__mode=SupportMode.TRAINING)
                   .values_list("status", flat=True)) == {ReferralStatus.REFERRED}
        contracts = SocialContract.objects.filter(project=seed)
        assert contracts.filter(outcome=Outcome.FULFILLED).count() == 25
        assert not Employment.objects.filter(participation__project=seed).exists()
        progress = SocialProgress.objects.filter(participation__project=seed)
        assert progress.values("participation").distinct().count() == 25 == progress.count()
        numbers = dict(contracts.values_list("participation", "number"))
        for row in progress.select_related("participation"):
            assert row.date == row.participation.end_date
            assert numbers[row.participation_id] in row.evidence


    # --- The recent project ---------------------------------------------------------------------


    def test_the_recent_project_delivered_support_only_to_those_taking_part(self):
        recent = recent_project()
        taking_part = set(recent.participations.taking_part().values_list("pk", flat=True))
        for model, path in [
            (Referral, "participation"), (Attendance, "participation"),
            (TrainingResult, "participation"), (Internship, "participation"),
            (JobSupportContact, "participation"), (Employment, "participation"),
            (SocialProgress, "participation"), (EventAttendance, "participation"),
        ]:
            rows = model.objects.filter(**{f"{path}__project": recent})
            assert rows.exists(), model
            assert set(rows.values_list(path, flat=True)) <= taking_part, model
        attendance = Attendance.objects.filter(participation__project=recent)
        assert attendance.filter(present=False).exists()
        assert SupportForm.objects.filter(project=recent).count() >= 3


    def test_the_recent_training_ends_with_an_external_qualification(self):
        course = TrainingCourse.objects.get(support_form__project=recent_project())
        assert course.leads_to_qualification and course.certifying_body
        assert course.results.qualifications().count() == 2
        assert course.results.filter(completed=False, exam_result=ExamResult.FAILED).count() == 1


    def test_the_recent_internship_employment_and_progress(self):
        recent = recent_project()
        internship = Internship.objects.get(participation__project=recent)
        assert stdnum_nip.is_valid(internship.employer.nip)
        assert months_end(internship.start_date, 3) <= internship.end_date
        assert internship.end_date <= months_end(internship.start_date, 6)
        months = list(internship.months.order_by("month"))
        assert [m.month for m in months] == [date(2025, n, 1) for n in (1, 2, 3, 4)]
        assert all(0 < m.days_present <= m.days_planned for m in months)
        support_form = internship.support_form
        assert support_form.start_date <= internship.start_date <= support_form.end_date
        assert internship.end_date <= internship.participation.end_date

        employment = Employment.objects.get(participation__project=recent)
        assert employment.contract_type == ContractType.EMPLOYMENT_CONTRACT
        finished = employment.participation.end_date
        assert finished < employment.start_date <= add_months(finished, 3)
        assert stdnum_nip.is_valid(employment.employer.nip)
        placement = JobSupportContact.objects.get(participation=employment.participation,
                                                  kind=JobSupportKind.PLACEMENT)
        assert placement.employer == employment.employer

        contacts = JobSupportContact.objects.filter(participation__project=recent)
        assert contacts.count() >= 3
        for contact in contacts.select_related("support_form", "participation"):
            form, participation = contact.support_form, contact.participation
            assert form.start_date <= contact.date <= form.end_date
            assert participation.start_date <= contact.date
            assert participation.end_date is None or contact.date <= participation.end_date
        progress = SocialProgress.objects.filter(participation__project=recent)
        assert 0 < progress.count() < recent.participations.taking_part().count()
        for row in progress.select_related("participation"):
            assert row.date <= add_months(row.participation.end_date, 3)
        event = Event.objects.get(project=recent)
        assert event.attendees.exists()


    # --- Whole demo: consistent by construction -------------------------------------------------


    def test_nothing_happens_outside_its_period(self):
        for support_form in SupportForm.objects.select_related("project"):
            project = support_form.project
            assert project.start_date <= support_form.start_date <= support_form.end_date
            assert support_form.end_date <= project.end_date
        for session in Session.objects.select_related("support_form"):
            form = session.support_form
            assert form.start_date <= session.date <= form.end_date, session
            assert session.date.weekday() < 5 and session.date not in HOLIDAYS, session
            assert session.start_time < session.end_time
        for attendance in Attendance.objects.filter(present=True).select_related(
            "session", "participation"
        ):
            participation, day = attendance.participation, attendance.session.date
            assert participation.start_date <= day, attendance
            assert participation.end_date is None or day <= participation.end_date, attendance
        for event in Event.objects.select_related("project").prefetch_related("attendees"):
            assert event.project.contains_period(event.start_date, event.last_day)
            for participation in event.attendees.all():
                assert participation.start_date <= event.start_date
                assert event.last_day <= participation.end_date


    def test_no_participant_is_at_two_places_at_once(self):
        """Busy: a session they attended, or a consultation of their own; an event's whole days."""
        busy = defaultdict(list)
        attended = Attendance.objects.filter(present=True).select_related("session")
        for attendance in attended:
            session = attendance.session
            busy[attendance.participation_id, session.date].append(
                (session.start_time, session.end_time, session.pk)
            )
        consultations = Session.objects.filter(kind=SessionKind.INDIVIDUAL)
        for session in consultations.exclude(
            attendances__participation=F("participation"), attendances__present=True
        ):
            busy[session.participation_id, session.date].append(
                (session.start_time, session.end_time, session.pk)
            )
        assert len(busy) > 100
        for key, intervals in busy.items():
            intervals.sort()
            for (_s1, end, first), (start, _e2, second) in pairwise(intervals):
                assert end <= start, (key, first, second)
        for row in EventAttendance.objects.select_related("event"):
            event = row.event
            days = {event.start_date + timedelta(days=n)
                    for n in range((event.last_day - event.start_date).days + 1)}
            assert not any((row.participation_id, day) in busy for day in days), row


    def test_every_delivered_row_passes_its_model_validation(self):
        for model in (SupportForm, Session, TrainingCourse, TrainingResult, Internship,
                      InternshipMonth, JobSupportContact, Event, EventAttendance, Employment,
                      SocialProgress, Referral):
            rows = list(model.objects.all())
            assert rows, model
            for row in rows:
                row.full_clean()
        attendance = Attendance.objects.select_related("session")
        assert attendance.count() > 900
        for row in attendance:
            if row.session.kind == SessionKind.INDIVIDUAL:
                assert row.participation_id == row.session.participation_id

    # --- Loaded through the services the screens use --------------------------------------------

    def test_the_contracts_are_numbered_and_kept_as_signed(self):
        seed = SocialContract.objects.filter(project__short_name="LUB-7.1.1-2011")
        recent = SocialContract.objects.filter(project__short_name="KROK-FEL-2024")
        assert seed.count() == 25
        assert set(seed.values_list("kind", "outcome")) == {
            (ContractKind.SOCIAL_CONTRACT, Outcome.FULFILLED)
        }
        assert sorted(seed.values_list("sequence", flat=True)) == list(range(1, 26))
        assert all(c.monitoring.count() == 2 and c.actions.exists() for c in seed)
        assert recent.filter(kind=ContractKind.MODELLED_AGREEMENT).exists()
        assert not recent.filter(
            kind=ContractKind.MODELLED_AGREEMENT, participation__centre_client=True
        ).exists()
        assert recent.in_force().filter(next_review_on__isnull=False).exists()
        for contract in [*seed, *recent]:
            contract.full_clean()
            assert contract.signed_terms == contract.terms()  # frozen as signed, as signing does

    def test_the_recruitment_path_is_logged_step_by_step_by_who_made_it(self):
        """Each participation walked its path through the status services: application,
        qualification, start, end, each step dated and attributed; a qualification the
        criteria could not confirm carries the override's reason and the unmet criteria."""
        coordinator = User.objects.get(username="fundacja-koordynator")
        for participation in Project.objects.get(
            short_name="KROK-FEL-2024"
        ).participations.select_related("person"):
            steps = list(participation.status_changes.order_by("date", "pk"))
            assert steps[0].to_status == ParticipationStatus.CANDIDATE
            assert steps[-1].to_status == participation.status, participation
            assert all(step.changed_by == coordinator for step in steps)
            assert [step.date for step in steps] == sorted(step.date for step in steps)
        overridden = StatusChange.objects.exclude(unmet_criteria="")
        assert overridden.exists()
        assert all(step.to_status == ParticipationStatus.QUALIFIED and "rewitalizacji" in
                   step.reason for step in overridden)

    def test_the_courses_sessions_come_from_their_timetables(self):
        """Group sessions of the courses and workshops were made as the timetable screen makes
        them; each course was closed by its rule."""
        group = Session.objects.filter(kind=SessionKind.GROUP,
                                       support_form__mode__in=[SupportMode.TRAINING,
                                                               SupportMode.GROUP])
        assert group.exists() and not group.filter(series__isnull=True).exists()
        assert not TrainingCourse.objects.filter(completed_on__isnull=True).exists()

    def test_every_record_names_who_made_it(self):
        for model in (Session, Attendance, Referral, SocialContract, TrainingResult,
                      Internship, JobSupportContact, Event, Employment, SocialProgress):
            history = model.history.model.objects
            assert history.exists(), model
            assert not history.filter(history_user__isnull=True).exists(), model

