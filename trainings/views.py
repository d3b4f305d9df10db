"""Views of the trainings app: the project's courses, a course's results, set-up and closing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from aktywizacja.concurrency import form_differences
from aktywizacja.forms import add_errors
from aktywizacja.views import FormScreen
from instruments.models import SupportForm, SupportMode
from projects.access import ProjectPermissions, ProjectScreen, get_object_for_user
from projects.models import Project

from .figures import with_counts
from .forms import CloseForm, CourseSetUpForm, ResultRows
from .models import TrainingCourse, TrainingResult
from .services import (
    course_close,
    course_outcomes,
    course_reopen,
    course_set_up,
    results_record,
)

VIEW_COURSE = "trainings.view_trainingcourse"
CHANGE_COURSE = "trainings.change_trainingcourse"
VIEW_RESULT = "trainings.view_trainingresult"
CHANGE_RESULT = "trainings.change_trainingresult"


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
            self.require("trainings.add_trainingcourse")

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


class CourseDetail(ProjectScreen, FormScreen):
    """The course page; posting it records the exam results and documents, all or nothing."""

    template_name = "trainings/course_detail.html"
    form_class = forms.Form  # the results are the rows of the table; nothing else is asked
    success_message = gettext_lazy("The results have been saved.")
    back_label = gettext_lazy("Back to the vocational trainings")

    def find(self):
        perm = VIEW_RESULT if self.request.method in ("GET", "HEAD") else CHANGE_RESULT
        self.course = get_object_for_user(
            self.request.user,
            TrainingCourse.objects.select_related("support_form__project",
                                                  "support_form__provider"),
            perm=perm, pk=self.kwargs["pk"],
        )
        self.project = self.course.scope_project
        if self.request.method == "POST" and self.course.is_closed:
            # A page opened before someone closed the course.
            messages.error(self.request, _("The course is closed: reopen it to make corrections."))
            return redirect(self.get_success_url())
        self.outcomes = course_outcomes(self.course, seen_by=self.request.user)
        return None

    def get_formsets(self, data=None):
        if self.course.is_closed or CHANGE_RESULT not in self.can:
            return {}  # read-only: the results as text
        return {"forms": ResultRows.of_course(self.course, self.outcomes, data)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = context.get("forms")  # None: read-only
        return context | {
            "course": self.course,
            "support_form": self.course.support_form,
            "forms": results,
            "rows": list(zip(self.outcomes, results or [None] * len(self.outcomes), strict=True)),
            "formset_errors": results.error_lines() if results else [],
        }

    def save(self, form):
        changes = [row.change() for row in self.formsets["forms"].changed()]
        return results_record(course=self.course, changes=changes, by=self.request.user)

    def show_refusal(self, form, error):
        participation = getattr(error, "participation", None)  # a row refused: on that row
        add_errors(self.formsets["forms"].of(participation) if participation else form, error)

    def conflict_differences(self, form, conflict):
        """Every changed row against its result as saved now: the rows someone else saved, and
        the others too, typed but not saved either (the conflict page is all that shows them)."""
        changed = self.formsets["forms"].changed()
        saved = {
            result.participation_id: result
            for result in self.course.results.filter(
                participation__in=[row.participation for row in changed]
            )
        }
        return [
            difference | {"label": f"{row.participation.person}, {difference['label']}"}
            for row in changed
            for difference in form_differences(
                row, saved.get(row.participation.pk) or TrainingResult()
            )
        ]

    def get_success_url(self, saved=None):
        return reverse("trainings:course_detail", args=[self.course.pk])

    def get_back_url(self):
        return reverse("trainings:course_list", args=[self.project.pk])


# --- Closing and reopening ------------------------------------------------------------------


class CourseClose(ProjectScreen, FormScreen):
    """Who completes and who does not, shown before the coordinator closes the course."""

    template_name = "trainings/course_close.html"
    form_class = CloseForm
    success_message = gettext_lazy("The course has been closed.")

    def find(self):
        self.course = get_object_for_user(
            self.request.user,
            TrainingCourse.objects.select_related("support_form__project",
                                                  "support_form__provider"),
            perm=CHANGE_COURSE, pk=self.kwargs["pk"],
        )
        self.project = self.course.scope_project
        self.require(VIEW_RESULT)

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
    course = get_object_for_user(request.user, TrainingCourse, perm=CHANGE_COURSE, pk=pk)
    try:
        course_reopen(course=course, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The course has been reopened for corrections."))
    return redirect("trainings:course_detail", pk=course.pk)
