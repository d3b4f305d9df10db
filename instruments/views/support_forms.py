"""The project's support forms: the list with hours planned and delivered, and the form."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aktywizacja.views import FormScreen
from projects.access import ProjectPermissions, ProjectScreen, get_object_for_user, scoped
from projects.models import Organisation, Project

from ..forms import SupportFormForm, support_group_rows
from ..hours import support_form_hours, totals_by_instrument
from ..models import SupportForm


@login_required
def support_form_list(request, project_pk):
    project = get_object_for_user(
        request.user, Project, perm="instruments.view_supportform", pk=project_pk
    )
    rows = support_form_hours(project)
    totals = totals_by_instrument(rows)
    return render(request, "instruments/support_form_list.html", {
        "project": project,
        "instruments": [
            (total, [row for row in rows if row.instrument == total.instrument])
            for total in totals
        ],
        "can": ProjectPermissions(request.user, project),
    })


class SupportFormEdit(ProjectScreen, FormScreen):
    """Create (with a project) or edit (with a support form) one support form."""

    template_name = "instruments/support_form_form.html"
    form_class = SupportFormForm
    success_message = gettext_lazy("The support form has been saved.")

    def find(self):
        if "pk" in self.kwargs:
            self.support_form = get_object_for_user(
                self.request.user, SupportForm, perm="instruments.change_supportform",
                pk=self.kwargs["pk"],
            )
            self.project = self.support_form.project
        else:
            self.project = get_object_for_user(
                self.request.user, Project, perm="instruments.add_supportform",
                pk=self.kwargs["project_pk"],
            )
            self.support_form = SupportForm(project=self.project)

    def get_instance(self):
        return self.support_form

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "organisations": scoped(self.request.user, Organisation),
        }

    def get_formsets(self, data=None):
        return {"groups": support_group_rows(self.support_form, data)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"support_form": self.support_form}

    def save(self, form):
        try:
            with transaction.atomic():
                saved = form.save()
                self.formsets["groups"].save()
        except ProtectedError as error:
            raise ValidationError(_(
                "A group with sessions or referrals cannot be deleted: %(groups)s."
            ) % {"groups": ", ".join(sorted({str(obj.group) for obj in error.protected_objects}))}
            ) from None
        return saved

    def get_back_url(self):
        return reverse("instruments:support_form_list", args=[self.project.pk])
