"""The results of one participation: employment and social progress."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from aktywizacja.views import ConfirmScreen, FormScreen
from participants.models import Participation
from projects.access import ProjectScreen, get_object_for_user

from .forms import EmploymentForm, SocialProgressForm
from .models import Employment, SocialProgress
from .services import (
    employment_delete,
    employment_record,
    employment_update,
    social_progress_delete,
    social_progress_record,
    social_progress_update,
)


def _results_tab(participation) -> str:
    return reverse("card:participation_tab", args=[participation.pk, "results"])


class ResultEdit(ProjectScreen, FormScreen):
    """Adds (``participation_pk``) or edits (``pk`` of the result) one result."""

    model = None
    template_name = "results/result_form.html"
    titles = {}

    def find(self):
        self.object = self.get_object()
        self.participation = self.object.participation
        self.project = self.participation.project

    def get_object(self):
        raise NotImplementedError

    def get_instance(self):
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "participation": self.participation,
            "title": self.titles["edit" if self.object.pk else "add"],
            "cancel_url": self.get_back_url(),
        }

    def get_back_url(self):
        return _results_tab(self.participation)


class EmploymentMixin:
    model = Employment
    form_class = EmploymentForm
    titles = {"add": gettext_lazy("Record employment"),
              "edit": gettext_lazy("Edit employment")}
    success_message = gettext_lazy("The employment has been saved.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}


class SocialProgressMixin:
    model = SocialProgress
    form_class = SocialProgressForm
    titles = {"add": gettext_lazy("Record social progress"),
              "edit": gettext_lazy("Edit social progress")}
    success_message = gettext_lazy("The social progress has been saved.")


def _participation(request, pk, perm):
    return get_object_for_user(
        request.user, Participation.objects.select_related("person", "project"), perm=perm,
        pk=pk,
    )


def _result(request, model, pk, perm):
    queryset = model.objects.select_related("participation__person", "participation__project")
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


class EmploymentCreate(EmploymentMixin, ResultEdit):
    def get_object(self):
        participation = _participation(self.request, self.kwargs["participation_pk"],
                                       "results.add_employment")
        return Employment(participation=participation)

    def save(self, form):
        employment_record(participation=self.participation, by=self.request.user,
                          **form.cleaned_data)


class EmploymentUpdate(EmploymentMixin, ResultEdit):
    def get_object(self):
        return _result(self.request, Employment, self.kwargs["pk"], "results.change_employment")

    def save(self, form):
        employment_update(employment=self.object, by=self.request.user, **form.cleaned_data)


class SocialProgressCreate(SocialProgressMixin, ResultEdit):
    def get_object(self):
        participation = _participation(self.request, self.kwargs["participation_pk"],
                                       "results.add_socialprogress")
        return SocialProgress(participation=participation)

    def save(self, form):
        social_progress_record(participation=self.participation, by=self.request.user,
                               **form.cleaned_data)


class SocialProgressUpdate(SocialProgressMixin, ResultEdit):
    def get_object(self):
        return _result(self.request, SocialProgress, self.kwargs["pk"],
                       "results.change_socialprogress")

    def save(self, form):
        social_progress_update(progress=self.object, by=self.request.user, **form.cleaned_data)


class ResultDelete(ConfirmScreen):
    """Asks to confirm, then deletes a result recorded in error (the history keeps it)."""

    template_name = "results/result_confirm_delete.html"
    model = None
    perm = ""
    question = ""

    def find(self):
        self.object = _result(self.request, self.model, self.kwargs["pk"], self.perm)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "object": self.object, "participation": self.object.participation,
            "question": self.question, "cancel_url": self.get_success_url(),
        }

    def get_success_url(self):
        return _results_tab(self.object.participation)


class EmploymentDelete(ResultDelete):
    model = Employment
    perm = "results.delete_employment"
    question = gettext_lazy("Delete this employment record?")
    success_message = gettext_lazy("The employment record has been deleted.")

    def act(self):
        employment_delete(employment=self.object, by=self.request.user)


class SocialProgressDelete(ResultDelete):
    model = SocialProgress
    perm = "results.delete_socialprogress"
    question = gettext_lazy("Delete this record of social progress?")
    success_message = gettext_lazy("The record of social progress has been deleted.")

    def act(self):
        social_progress_delete(progress=self.object, by=self.request.user)
