from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from projects.access import get_object_for_user, has_project_perm, scoped
from projects.models import Organisation, Project

from .forms import SupportFormForm
from .models import SupportForm


@login_required
def support_form_list(request, project_pk):
    project = get_object_for_user(
        request.user, Project, perm="instruments.view_supportform", pk=project_pk
    )
    support_forms = (
        project.support_forms.select_related("provider")
        .annotate(referral_count=Count("referrals"))
        .order_by("instrument", "name")
    )
    return render(request, "instruments/support_form_list.html", {
        "project": project,
        "support_forms": support_forms,
        "can_change": has_project_perm(request.user, project, "instruments.change_supportform"),
    })


class SupportFormEdit(LoginRequiredMixin, View):
    """Create (with a project) or edit (with a support form) one support form."""

    template_name = "instruments/support_form_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if "pk" in kwargs:
            self.support_form = get_object_for_user(
                request.user, SupportForm, perm="instruments.change_supportform",
                pk=kwargs["pk"],
            )
            self.project = self.support_form.project
        else:
            self.project = get_object_for_user(
                request.user, Project, perm="instruments.add_supportform",
                pk=kwargs["project_pk"],
            )
            self.support_form = SupportForm(project=self.project)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, **kwargs):
        return self._render(self._form())

    def post(self, request, **kwargs):
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        form.save()
        messages.success(request, _("The support form has been saved."))
        return redirect("instruments:support_form_list", project_pk=self.project.pk)

    def _form(self, data=None):
        return SupportFormForm(
            data, instance=self.support_form,
            organisations=scoped(self.request.user, Organisation),
        )

    def _render(self, form, status=200):
        return render(self.request, self.template_name, status=status, context={
            "form": form, "project": self.project, "support_form": self.support_form,
        })
