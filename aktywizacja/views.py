"""The one shape of a create or edit screen (docs/architecture.md, "How to add a screen"), and of
an action confirmed first.

A screen finds what it works on through the user's scope (``find``: 404 for what they may not
see, 403 for what their role may not change), shows a form, and on a valid POST hands the form to
one service (``save``). What the service refuses (ValidationError) comes back on the form with
its error summary, a save someone else made first (EditConflict) answers with the one conflict
page, and a saved change with a message and a redirect. A refused form answers 400.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from . import unsaved
from .concurrency import EditConflict, conflict_response, form_differences
from .forms import add_errors


class ScopedScreen(LoginRequiredMixin):
    """Signed in, then ``find``: what the screen works on, looked up in the user's scope."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        answer = self.find()
        if answer is not None:
            return answer
        return super().dispatch(request, *args, **kwargs)

    def find(self):
        """Looks up, in the user's scope, what the screen works on (sets attributes); returns a
        response instead when the screen does not apply (a closed contract: back to it)."""
        raise NotImplementedError


class FormScreen(ScopedScreen, FormView):
    success_message = ""
    back_label = ""  # "Back to the participant"; plain "Back" when empty

    def get_instance(self):
        """The record a model form edits (``None``: a new one)."""
        return None

    def get_formsets(self, data=None) -> dict:
        """Rows saved with the form (name in the template → formset, bound to ``data`` on a
        POST): the form is saved only when every one of them is valid too."""
        return {}

    def get(self, request, *args, **kwargs):
        # A form posted after the session ended, back after signing in again: shown, not saved.
        self.restored = unsaved.take(request)
        self.formsets = self.get_formsets(self.restored)
        if self.restored is not None:
            messages.warning(request, _(
                "The form data that was not saved has been restored: check it and save again."
            ))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        self.formsets = self.get_formsets(request.POST)
        checked = [form.is_valid(), *(rows.is_valid() for rows in self.formsets.values())]
        return self.form_valid(form) if all(checked) else self.form_invalid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | getattr(self, "formsets", {})

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if getattr(self, "restored", None) is not None:
            kwargs["data"] = self.restored
        instance = self.get_instance()
        if instance is not None:
            kwargs["instance"] = instance
        return kwargs

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        try:
            saved = self.save(form)
        except ValidationError as error:
            self.show_refusal(form, error)
            return self.form_invalid(form)
        except EditConflict as conflict:
            return conflict_response(
                self.request, self.conflict_differences(form, conflict),
                back_url=self.get_back_url(), back_label=self.back_label,
            )
        message = self.get_success_message(saved)
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url(saved))

    def show_refusal(self, form, error: ValidationError) -> None:
        """The service's refusal on the form: a field's errors at the field, the others at the
        top (a screen of many rows puts a row's refusal on that row)."""
        add_errors(form, error)

    def conflict_differences(self, form, conflict: EditConflict) -> list[dict]:
        """The conflict page's table: what was typed against what was saved meanwhile."""
        return form_differences(form, conflict.current)

    def get_success_message(self, saved) -> str:
        return self.success_message

    def save(self, form):
        """Saves through the app's service; returns what was saved (for the success URL)."""
        raise NotImplementedError

    def get_success_url(self, saved=None) -> str:
        return self.get_back_url()

    def get_back_url(self) -> str:
        """Where "Back" leads, and where a saved form goes unless it says otherwise."""
        raise NotImplementedError


class ConfirmScreen(ScopedScreen, TemplateView):
    """The one shape of an action asked for first (a deletion): GET shows what it will do, POST
    does it through one service (``act``); a refusal is shown on the same page (400)."""

    success_message = ""

    def post(self, request, *args, **kwargs):
        try:
            self.act()
        except ValidationError as error:
            context = self.get_context_data(error=" ".join(error.messages))
            return self.render_to_response(context, status=400)
        if self.success_message:
            messages.success(request, self.success_message)
        return redirect(self.get_success_url())

    def act(self) -> None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError
