"""Views of the trainings app: the project's courses, a course's results, set-up and closing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST

from aktywizacja.concurrency import EditConflict, form_differences
from aktywizacja.forms import add_errors
from aktywizacja.views import FormScreen
from instruments.models import SupportForm, SupportMode
from projects.access import (
    ProjectPermissions,
    ProjectScreen,
    get_object_for_user,
    has_project_perm,
)
from projects.models import Project

from .forms import CloseForm, CourseSetUpForm, ResultForm
from .models import TrainingCourse, TrainingResult
from .services import (
    course_close,
    course_outcomes,
    course_reopen,
    course_set_up,
    result_record,
    with_counts,
)

VIEW_COURSE = "trainings.view_trainingcourse"
CHANGE_COURSE = "trainings.change_trainingcourse"
VIEW_RESULT = "trainings.view_trainingresult"
CHANGE_RESULT = "trainings.change_trainingresult"


def _course_for(request, pk, perm):
    queryset = TrainingCourse.objects.select_related(
        "support_form__project", "support_form__provider"
    )
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


def _require(request, project, perm):
    if not has_project_perm(request.user, project, perm):
        raise PermissionDenied


# --- The project's courses (totals only: the director sees them too) -----------------------


@login_required
def course_list(request, project_pk):
    project = get_object_for_user(request.user, Project, perm=VIEW_COURSE, pk=project_pk)
    support_forms = (
        project.support_forms.filter(mode=SupportMode.TRAINING)
        .select_related("provider", "course")
        .order_by("start_date", "name")
    )
    courses = {
        course.support_form_id: course
        for course in with_counts(TrainingCourse.objects.filter(support_form__project=project))
    }
    return render(request, "trainings/course_list.html", {
        "project": project,
        "rows": [(support_form, courses.get(support_form.pk)) for support_form in support_forms],
        "can": ProjectPermissions(request.user, project),
    })


# --- Set-up ---------------------------------------------------------------------------------


class CourseSetUp(ProjectScreen, FormScreen):
    """The course details of a vocational-training support form, for the coordinator."""

    template_name = "trainings/course_form.html"
    form_class = CourseSetUpForm
    success_message = gettext_lazy("The course has been saved.")

    def find(self):
        self.support_form = get_object_for_user(
            self.request.user,
            SupportForm.objects.filter(mode=SupportMode.TRAINING).select_related("project"),
            perm=CHANGE_COURSE, pk=self.kwargs["support_form_pk"],
        )
        self.project = self.support_form.project
        self.course = TrainingCourse.objects.filter(support_form=self.support_form).first()
        if self.course is None:
            _require(self.request, self.project, "trainings.add_trainingcourse")

    def get_instance(self):
        return self.course or TrainingCourse(support_form=self.support_form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "support_form": self.support_form, "course": self.course,
        }

    def save(self, form):
        return course_set_up(support_form=self.support_form, by=self.request.user,
                             **form.cleaned_data)

    def get_success_url(self, saved=None):
        return reverse("trainings:course_detail", args=[saved.pk])

    def get_back_url(self):
        if self.course:
            return reverse("trainings:course_detail", args=[self.course.pk])
        return reverse("trainings:course_list", args=[self.project.pk])


# --- The course page: the rule, the participants, their results ----------------------------


def _result_form(course, participation, result, data=None) -> ResultForm:
    return ResultForm(
        data,
        instance=result or TrainingResult(course=course, participation=participation),
        participation=participation,
        prefix=f"p{participation.pk}",
        initial=None if result else {"document_body": course.certifying_body},
    )


def _result_forms(course, outcomes, data=None) -> list[ResultForm]:
    return [
        _result_form(course, outcome.participation, outcome.result, data) for outcome in outcomes
    ]


class CourseDetail(LoginRequiredMixin, View):
    """The course page; posting it records the exam results and documents, all or nothing."""

    template_name = "trainings/course_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        perm = CHANGE_RESULT if request.method == "POST" else VIEW_RESULT
        self.course = _course_for(request, kwargs["pk"], perm)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, **kwargs):
        outcomes = course_outcomes(self.course)
        return self._render(outcomes, self._forms(outcomes))

    def post(self, request, **kwargs):
        if self.course.is_closed:  # a page opened before someone closed the course
            messages.error(request, _("The course is closed: reopen it to make corrections."))
            return redirect("trainings:course_detail", pk=self.course.pk)
        outcomes = course_outcomes(self.course)
        forms = _result_forms(self.course, outcomes, request.POST)
        if not all(form.is_valid() for form in forms):
            return self._render(outcomes, forms, status=400)
        try:
            conflicts = self._save(forms)
        except ValidationError:
            return self._render(outcomes, forms, status=400)
        if conflicts:
            return self._render_conflicts(outcomes, forms, conflicts)
        messages.success(request, _("The results have been saved."))
        return redirect("trainings:course_detail", pk=self.course.pk)

    def _save(self, forms) -> dict:
        """Every changed row, or none: {form: result saved meanwhile} for the rows someone else
        saved after the page was opened (then nothing is saved, so nothing of theirs is lost)."""
        conflicts = {}
        with transaction.atomic():
            for form in forms:
                if not form.has_changed():
                    continue
                values = dict(form.cleaned_data)
                version = values.pop("version")
                try:
                    result_record(course=self.course, participation=form.participation,
                                  by=self.request.user, expected_version=version, **values)
                except EditConflict as conflict:
                    conflicts[form] = conflict.current
                except ValidationError as error:
                    add_errors(form, error)
                    raise
            if conflicts:
                transaction.set_rollback(True)
        return conflicts

    def _render_conflicts(self, outcomes, forms, conflicts):
        """The rows saved by someone else, both versions side by side; those rows open anew with
        the saved values and version, the other rows keep what was typed."""
        changed = [
            {"person": form.participation.person,
             "differences": form_differences(form, current)}
            for form, current in conflicts.items()
        ]
        forms = [
            _result_form(self.course, form.participation, conflicts[form])
            if form in conflicts else form
            for form in forms
        ]
        return self._render(outcomes, forms, status=409, conflicts=changed)

    def _forms(self, outcomes):
        can_record = has_project_perm(self.request.user, self.course.scope_project, CHANGE_RESULT)
        if self.course.is_closed or not can_record:
            return None
        return _result_forms(self.course, outcomes)

    def _render(self, outcomes, forms, status=200, conflicts=()):
        project = self.course.scope_project
        rows = list(zip(outcomes, forms or [None] * len(outcomes), strict=True))
        return render(self.request, self.template_name, status=status, context={
            "course": self.course,
            "conflicts": conflicts,
            "support_form": self.course.support_form,
            "project": project,
            "rows": rows,
            "forms": forms,
            "has_errors": any(form.errors for form in forms or []),
            "can": ProjectPermissions(self.request.user, project),
        })


# --- Closing and reopening ------------------------------------------------------------------


class CourseClose(ProjectScreen, FormScreen):
    """Who completes and who does not, shown before the coordinator closes the course."""

    template_name = "trainings/course_close.html"
    form_class = CloseForm
    success_message = gettext_lazy("The course has been closed.")

    def find(self):
        self.course = _course_for(self.request, self.kwargs["pk"], CHANGE_COURSE)
        self.project = self.course.scope_project
        _require(self.request, self.project, VIEW_RESULT)

    def get(self, request, *args, **kwargs):
        if self.course.is_closed:
            return redirect(self.get_back_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"completed_on": self._default_date()}

    def _default_date(self):
        support_form = self.course.support_form
        return min(max(timezone.localdate(), support_form.start_date), support_form.end_date)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        # The preview for the date posted, if it is a date; else for the default date.
        on = getattr(form, "cleaned_data", {}).get("completed_on") or self._default_date()
        outcomes = course_outcomes(self.course, on=on)
        return context | {
            "course": self.course,
            "support_form": self.course.support_form,
            "on": on,
            "completing": [outcome for outcome in outcomes if outcome.completes],
            "not_completing": [outcome for outcome in outcomes if not outcome.completes],
        }

    def save(self, form):
        return course_close(course=self.course, by=self.request.user,
                            closed_on=form.cleaned_data["completed_on"])

    def get_back_url(self):
        return reverse("trainings:course_detail", args=[self.course.pk])


@require_POST
@login_required
def course_reopen_view(request, pk):
    course = _course_for(request, pk, CHANGE_COURSE)
    try:
        course_reopen(course=course, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The course has been reopened for corrections."))
    return redirect("trainings:course_detail", pk=course.pk)
