"""Vocational trainings: the coordinator sets courses up and closes them; the team records results;
the director sees the project's totals only, never the page with names."""

from instruments.models import Referral
from trainings.models import TrainingCourse, TrainingResult

from ..access_rows import LOGIN, OUR_CHANGE, OUR_PAGE, THEIR_CHANGE, THEIR_PAGE, Row, expect
from ..factories import ReferralFactory, SupportFormFactory

COORDINATOR_PAGE = expect(LOGIN, 403, 200, 403, 404)
THEIR_COORDINATOR_PAGE = expect(LOGIN, 404, 404, 404, 403)  # the outsider is a social worker
NOT_GET = expect(405, 405, 405, 405, 405)


def _training(participation):
    support_form = SupportFormFactory(
        project=participation.project, name="Magazynier z obsługą wózków jezdniowych",
        instrument="educational", mode="training", planned_group_hours=80,
        planned_individual_hours=0,
    )
    ReferralFactory(participation=participation, support_form=support_form)
    return support_form


def add_objects(objects):
    training_form = _training(objects["participation"])
    their_training_form = _training(objects["their_participation"])
    return {
        "training_form": training_form,
        "their_training_form": their_training_form,
        "course": TrainingCourse.objects.create(support_form=training_form),
        "their_course": TrainingCourse.objects.create(support_form=their_training_form),
    }


def _results(course, objects):
    participation = course.support_form.referrals.get().participation
    prefix = f"p{participation.pk}"
    return {
        f"{prefix}-exam_result": "passed",
        f"{prefix}-exam_date": "16.06.2025",
        f"{prefix}-document_kind": "certificate",
        f"{prefix}-document_body": "Centrum Szkoleń",
        f"{prefix}-document_number": "12/2025",
        f"{prefix}-document_date": "20.06.2025",
    }


POST_DATA = {
    "course_setup": lambda obj, objects: {
        "min_attendance_percent": "80",
        "exam_required": "on",
        "leads_to_qualification": "on",
        "certifying_body": "Urząd Dozoru Technicznego",
    },
    "course_results": _results,
    "course_close": lambda obj, objects: {"completed_on": "30.06.2025"},
    "course_reopen": lambda obj, objects: {},
}
STATE_MODELS = [TrainingCourse, TrainingResult, Referral]

ROWS = [
    Row("trainings:course_list", "GET", "project", expect(LOGIN, 200, 200, 200, 404)),
    Row("trainings:course_list", "GET", "their_project", expect(LOGIN, 404, 404, 404, 200)),
    *[
        row
        for theirs, page, change, coordinator_page in [
            ("", OUR_PAGE, OUR_CHANGE, COORDINATOR_PAGE),
            ("their_", THEIR_PAGE, THEIR_CHANGE, THEIR_COORDINATOR_PAGE),
        ]
        for coordinator_change in [
            {role: 302 if outcome == 200 else outcome for role, outcome in coordinator_page.items()}
        ]
        for row in [
            Row("trainings:course_setup", "GET", f"{theirs}training_form", coordinator_page),
            Row(
                "trainings:course_setup", "POST", f"{theirs}training_form", coordinator_change,
                "course_setup",
            ),
            Row("trainings:course_detail", "GET", f"{theirs}course", page),
            Row("trainings:course_detail", "POST", f"{theirs}course", change, "course_results"),
            Row("trainings:course_close", "GET", f"{theirs}course", coordinator_page),
            Row(
                "trainings:course_close", "POST", f"{theirs}course", coordinator_change,
                "course_close",
            ),
            Row(
                "trainings:course_reopen", "POST", f"{theirs}course", coordinator_change,
                "course_reopen",
            ),
            Row("trainings:course_reopen", "GET", f"{theirs}course", NOT_GET),
        ]
    ],
]

