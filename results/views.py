"""The results of one participation: employment and social progress."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from aktywizacja.forms import add_errors
from participants.models import Participation
from projects.access import get_object_for_user

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


class ResultEdit(LoginRequiredMixin, View):
    """Adds (``pk`` of a participation) or edits (``pk`` of the result) one result."""

    model = None
    form_class = None
    template_name = "results/result_form.html"
    titles = {}
    saved_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object(request, kwargs)
        self.participation = self.object.participation
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, request, kwargs):
        raise NotImplementedError

    def form(self, data=None):
        return self.form_class(data, instance=self.object, **self.form_kwargs())

    def form_kwargs(self) -> dict:
        return {}

    def get(self, request, **kwargs):
        return self._render(self.form())

    def post(self, request, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                self.save(form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, self.saved_message)
                return redirect(_results_tab(self.participation))
        return self._render(form, status=400)

    def save(self, data):
        raise NotImplementedError

    def _render(self, form, status=200):
        return render(self.request, self.template_name, status=status, context={
            "form": form, "participation": self.participation,
            "title": self.titles["edit" if self.object.pk else "add"],
            "cancel_url": _results_tab(self.participation),
        })


class EmploymentMixin:
    model = Employment
    form_class = EmploymentForm
    titles = {"add": _lazy("Record employment"), "edit": _lazy("Edit employment")}
    saved_message = _lazy("The employment has been saved.")

    def form_kwargs(self):
        return {"user": self.request.user}


class SocialProgressMixin:
    model = SocialProgress
    form_class = SocialProgressForm
    titles = {"add": _lazy("Record social progress"), "edit": _lazy("Edit social progress")}
    saved_message = _lazy("The social progress has been saved.")


def _participation(request, pk, perm):
    return get_object_for_user(
        request.user, Participation.objects.select_related("person", "project"), perm=perm,
        pk=pk,
    )


def _result(request, model, pk, perm):
    queryset = model.objects.select_related("participation__person", "participation__project")
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


class EmploymentCreate(EmploymentMixin, ResultEdit):
    def get_object(self, request, kwargs):
        participation = _participation(request, kwargs["participation_pk"],
                                       "results.add_employment")
        return Employment(participation=participation)

    def save(self, data):
        employment_record(participation=self.participation, by=self.request.user, **data)


class EmploymentUpdate(EmploymentMixin, ResultEdit):
    def get_object(self, request, kwargs):
        return _result(request, Employment, kwargs["pk"], "results.change_employment")

    def save(self, data):
        employment_update(employment=self.object, by=self.request.user, **data)


class SocialProgressCreate(SocialProgressMixin, ResultEdit):
    def get_object(self, request, kwargs):
        participation = _participation(request, kwargs["participation_pk"],
                                       "results.add_socialprogress")
        return SocialProgress(participation=participation)

    def save(self, data):
        social_progress_record(participation=self.participation, by=self.request.user, **data)


class SocialProgressUpdate(SocialProgressMixin, ResultEdit):
    def get_object(self, request, kwargs):
        return _result(request, SocialProgress, kwargs["pk"], "results.change_socialprogress")

    def save(self, data):
        social_progress_update(progress=self.object, by=self.request.user, **data)


class ResultDelete(LoginRequiredMixin, View):
    """Asks to confirm, then deletes a result recorded in error (the history keeps it)."""

    model = None
    perm = ""
    question = ""
    deleted_message = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = _result(request, self.model, kwargs["pk"], self.perm)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        participation = self.object.participation
        return render(request, "results/result_confirm_delete.html", {
            "object": self.object, "participation": participation, "question": self.question,
            "cancel_url": _results_tab(participation),
        })

    def post(self, request, pk):
        participation = self.object.participation
        self.delete()
        messages.success(request, self.deleted_message)
        return redirect(_results_tab(participation))


class EmploymentDelete(ResultDelete):
    model = Employment
    perm = "results.delete_employment"
    question = _lazy("Delete this employment record?")
    deleted_message = _lazy("The employment record has been deleted.")

    def delete(self):
        employment_delete(employment=self.object, by=self.request.user)


class SocialProgressDelete(ResultDelete):
    model = SocialProgress
    perm = "results.delete_socialprogress"
    question = _lazy("Delete this record of social progress?")
    deleted_message = _lazy("The record of social progress has been deleted.")

    def delete(self):
        social_progress_delete(progress=self.object, by=self.request.user)
