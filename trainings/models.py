"""Vocational training courses: the completion rule, exams and the documents participants obtain."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aktywizacja.concurrency import Versioned
from aktywizacja.constraints import Check, Unique
from instruments.models import SupportForm, SupportMode
from projects.models import ProjectScopedQuerySet


class TrainingCourseQuerySet(ProjectScopedQuerySet):
    project_path = "support_form__project"


class TrainingCourse(models.Model):
    """The training details of a support form whose mode is "vocational training"."""

    support_form = models.OneToOneField(
        SupportForm, verbose_name=_("support form"), on_delete=models.CASCADE,
        related_name="course",
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80, validators=[MaxValueValidator(100)],
        help_text=_("The share of the course's hours a participant must attend to complete it."),
    )
    exam_required = models.BooleanField(
        _("a passed exam is required"), default=True,
    )
    leads_to_qualification = models.BooleanField(
        _("ends with a qualification certified by an external body"), default=False,
        help_text=_(
            "Tick when an authorised body validates and certifies the result (e.g. UDT, WORD); "
            "otherwise participants receive the project's completion certificate."
        ),
    )
    certifying_body = models.CharField(
        _("certifying body"), max_length=200, blank=True,
        help_text=_("e.g. Urząd Dozoru Technicznego, Wojewódzki Ośrodek Ruchu Drogowego"),
    )
    # Competences are confirmed in four stages: the first two are the course's (defined before
    # it starts), the assessment (the exam) and the comparison with the standard each person's.
    competence_scope = models.TextField(
        _("stage I: scope of the competences and the target group"), blank=True,
        help_text=_("For competences confirmed by validation: what the course is to give, "
                    "to whom."),
    )
    competence_standard = models.TextField(
        _("stage II: the standard (learning outcomes)"), blank=True,
        help_text=_("What a participant must know and be able to do, against which the "
                    "assessment is compared."),
    )
    completed_on = models.DateField(
        _("course closed on"), null=True, blank=True,
        help_text=_("Once the course is closed it takes no new sessions."),
    )
    history = HistoricalRecords()

    objects = TrainingCourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["support_form__name"]
        constraints = [
            Check(
                condition=Q(min_attendance_percent__lte=100),
                name="course_attendance_percent_at_most_100",
                violation_error_message=_("The minimum attendance cannot exceed 100%."),
                field="min_attendance_percent",
            ),
        ]

    def __str__(self):
        return str(self.support_form)

    def clean(self):
        support_form = getattr(self, "support_form", None)
        if support_form and support_form.mode != SupportMode.TRAINING:
            raise ValidationError(
                {"support_form": _("Only a vocational-training support form can be a course.")}
            )
        if self.leads_to_qualification and not self.certifying_body.strip():
            raise ValidationError(
                {"certifying_body": _("Name the body that certifies the qualification.")}
            )
        if self.completed_on and support_form:
            if self.completed_on < support_form.start_date:
                raise ValidationError(
                    {"completed_on": _("A course cannot be closed before it starts.")}
                )
            if not support_form.project.contains_period(self.completed_on, None):
                raise ValidationError({"completed_on": support_form.project.period_error()})

    @property
    def validates_competences(self) -> bool:
        """Stages I and II are defined: a passed assessment can confirm competences."""
        return bool(self.competence_scope.strip() and self.competence_standard.strip())

    @property
    def is_closed(self) -> bool:
        return self.completed_on is not None

    def completes(self, *, attendance_met: bool, exam_result: str) -> bool:
        """The completion rule: enough attendance and, if the course requires it, a passed exam."""
        return attendance_met and (not self.exam_required or exam_result == ExamResult.PASSED)

    @property
    def scope_project(self):
        return self.support_form.project


class ExamResult(models.TextChoices):
    NOT_TAKEN = "not_taken", _("not taken")
    PASSED = "passed", _("passed")
    FAILED = "failed", _("failed")


class CourseDocument(models.TextChoices):
    """The document a course ends with for its participant (what the person obtained); not the
    numbered documents the project issues (``documents.models.DocumentKind``)."""

    NONE = "none", _("no document")
    CERTIFICATE = "certificate", _("completion certificate issued by the project")
    QUALIFICATION = "qualification", _("qualification certified by an external body")
    COMPETENCES = "competences", _("competences confirmed by validation in four stages")


# What the indicator "obtained qualifications or competences" counts: not a plain certificate.
QUALIFICATIONS_OR_COMPETENCES = [CourseDocument.QUALIFICATION, CourseDocument.COMPETENCES]


class TrainingResultQuerySet(ProjectScopedQuerySet):
    project_path = "course__support_form__project"
    participation_path = "participation"

    def qualifications(self):
        """Only a qualification certified by an external body counts as a qualification."""
        return self.filter(document_kind=CourseDocument.QUALIFICATION)

    def qualifications_or_competences(self):
        """A qualification, or competences confirmed in four stages (the indicator's count)."""
        return self.filter(document_kind__in=QUALIFICATIONS_OR_COMPETENCES)


class TrainingResult(Versioned):
    """One enrolled participant's result of a course: completion, exam and the document obtained."""

    course = models.ForeignKey(
        TrainingCourse, verbose_name=_("course"), on_delete=models.CASCADE,
        related_name="results",
    )
    participation = models.ForeignKey(
        "participants.Participation", verbose_name=_("participant"), on_delete=models.CASCADE,
        related_name="training_results",
    )
    exam_result = models.CharField(
        _("exam result"), max_length=20, choices=ExamResult.choices, default=ExamResult.NOT_TAKEN
    )
    exam_date = models.DateField(_("exam date"), null=True, blank=True)
    completed = models.BooleanField(
        _("completed the course"), null=True, blank=True,
        help_text=_("Set when the course is closed, by its completion rule."),
    )
    document_kind = models.CharField(
        _("document obtained"), max_length=20, choices=CourseDocument.choices,
        default=CourseDocument.NONE,
    )
    document_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    history = HistoricalRecords()

    objects = TrainingResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("training result")
        verbose_name_plural = _("training results")
        ordering = [
            "course", "participation__person__last_name", "participation__person__first_name"
        ]
        constraints = [
            Unique(
                fields=["course", "participation"], name="training_result_once_per_course",
                violation_error_message=_("This person already has a result in this training."),
            ),
            Check(
                condition=~Q(document_kind=CourseDocument.QUALIFICATION)
                | (~Q(document_body="") & ~Q(document_number="") & Q(document_date__isnull=False)),
                name="qualification_has_body_number_and_date",
                violation_error_message=_(
                    "A qualification needs the certifying body, the document number and its date."
                ),
                field="document_kind",
            ),
            # Stages III and IV: a passed assessment, then the document after the comparison.
            Check(
                condition=~Q(document_kind=CourseDocument.COMPETENCES)
                | (Q(exam_result=ExamResult.PASSED) & ~Q(document_number="")
                   & Q(document_date__isnull=False)),
                name="competences_assessed_and_documented",
                violation_error_message=_(
                    "Competences are confirmed by a passed assessment (the exam) and the "
                    "document's number and date."
                ),
                field="document_kind",
            ),
            # A document of completion is earned: only by someone who met the completion rule.
            Check(
                condition=Q(document_kind=CourseDocument.NONE) | Q(completed=True),
                name="document_only_after_completion",
                violation_error_message=_(
                    "A completion certificate or a qualification is recorded only for someone "
                    "who met the course's completion rule."
                ),
                field="document_kind",
            ),
        ]

    def __str__(self):
        return f"{self.participation} · {self.course}"

    def clean(self):
        if self.document_kind == CourseDocument.QUALIFICATION:
            missing = {
                field: _("Required for a qualification certified by an external body.")
                for field in ("document_body", "document_number", "document_date")
                if not getattr(self, field)
            }
            if missing:
                raise ValidationError(missing)
        if self.document_kind == CourseDocument.COMPETENCES:
            self._clean_competences()
        if self.exam_result == ExamResult.NOT_TAKEN and self.exam_date:
            raise ValidationError({"exam_result": _("Enter the exam result for the exam date.")})
        if self.exam_result != ExamResult.NOT_TAKEN and not self.exam_date:
            raise ValidationError({"exam_date": _("Enter the date of the exam.")})
        course = getattr(self, "course", None)
        if course is not None:
            self._clean_dates(course.support_form)

    def _clean_competences(self):
        """The four stages: scope and standard (the course's), assessment and comparison."""
        missing = []
        course = getattr(self, "course", None)
        if course is not None and not course.competence_scope.strip():
            missing.append(_("stage I (scope and target group) in the course's settings"))
        if course is not None and not course.competence_standard.strip():
            missing.append(_("stage II (the standard) in the course's settings"))
        if self.exam_result != ExamResult.PASSED:
            missing.append(_("stage III: a passed assessment (exam)"))
        if not (self.document_number and self.document_date):
            missing.append(_("stage IV: the number and date of the document confirming them"))
        if missing:
            raise ValidationError({"document_kind": _(
                "Competences are confirmed in four stages; missing: %(missing)s."
            ) % {"missing": "; ".join(str(item) for item in missing)}})

    def _clean_dates(self, support_form):
        project = support_form.project
        if self.exam_date and not project.contains_period(self.exam_date, None):
            raise ValidationError({"exam_date": project.period_error()})
        for field in ("exam_date", "document_date"):
            day = getattr(self, field)
            if day and day < support_form.start_date:
                raise ValidationError({field: _(
                    "This date is before the course starts (%(start)s)."
                ) % {"start": date_format(support_form.start_date, "SHORT_DATE_FORMAT")}})

    @property
    def scope_project(self):
        return self.course.support_form.project
