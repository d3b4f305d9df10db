"""The administrator's pages: each project's keeping period, the dry run of an anonymisation and
its confirmation (the password typed lately), and the record of those done."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.reauth import confirm_password_first
from projects.models import Project

from .models import Anonymisation
from .services import anonymisation_plan, plan_lines, project_anonymise, retention_refusal


class AdministratorOnly(LoginRequiredMixin):
    """The administrator's (every project is theirs to archive); anyone else signed in: 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.is_administrator:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RetentionOverview(AdministratorOnly, TemplateView):
    template_name = "retention/overview.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        projects = Project.objects.order_by("end_date", "short_name")
        return super().get_context_data(**kwargs) | {
            "projects": [(project, project.retention_passed(today)) for project in projects],
            "anonymisations": Anonymisation.objects.select_related("project", "by"),
        }


class ProjectAnonymise(AdministratorOnly, View):
    """GET: the dry run (what will go); POST: the anonymisation, refused while the project's
    documentation is kept. Both ask for the password unless it was typed lately."""

    template_name = "retention/anonymise.html"

    def find(self, project_pk) -> None:
        # After the role check (anyone else gets 403, never 404, whichever number they try) and
        # before the password is asked: an unknown project answers 404 first.
        self.project = get_object_or_404(Project, pk=project_pk)

    def get(self, request, project_pk):
        self.find(project_pk)
        if detour := confirm_password_first(request):
            return detour
        return self.page()

    def post(self, request, project_pk):
        self.find(project_pk)
        if detour := confirm_password_first(request, back_on_post=self.url()):
            return detour
        try:
            record = project_anonymise(project=self.project, by=request.user)
        except ValidationError as error:
            return self.page(error=" ".join(error.messages), status=400)
        messages.success(request, _("The participants of %(project)s were anonymised.") % {
            "project": record.project.short_name})
        return redirect("retention:overview")

    def page(self, error: str = "", status: int = 200):
        refusal = retention_refusal(self.project)
        plan = None if refusal else anonymisation_plan(project=self.project)
        return render(self.request, self.template_name, {
            "project": self.project,
            "refusal": refusal,
            "error": error,
            "lines": plan_lines(plan) if plan else [],
        }, status=status)

    def url(self) -> str:
        return reverse("retention:project_anonymise", args=[self.project.pk])
