"""The participant's card: one page of tabs over the participant's data, recruitment, IŚR,
support, results and history, and the IŚR's new revision (which refers the participant to the
support it plans). It reads many apps and no app imports it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.access_log import log_access
from accounts.models import AccessAction
from aktywizacja.forms import add_errors
from instruments.services import path_draw_up
from participants.card import participation_for, recruitment_tab_context
from participants.forms import IndividualPathForm, planned_support_formset
from participants.history import change_history
from participants.models import IndividualPath, Participation
from projects.access import ProjectPermissions

from .tabs import path_tab_context, results_tab_context, support_tab_context

TABS = ["data", "recruitment", "path", "support", "results", "history"]


@login_required
def participation_detail(request, pk, tab="data"):
    if tab not in TABS:
        tab = "data"
    participation = participation_for(request, pk)
    log_access(request, AccessAction.VIEW, participation)
    # Double funding: which other project and when, nothing of the other record; each such
    # glimpse of another project's participation is in the access log too.
    overlaps = list(Participation.objects.overlapping(participation).select_related("project"))
    for other in overlaps:
        log_access(request, AccessAction.VIEW, other)
    context = {
        "participation": participation,
        "person": participation.person,
        "tab": tab,
        "overlaps_elsewhere": overlaps,
        "can": ProjectPermissions(request.user, participation.project),
    }
    if tab == "recruitment":
        context.update(recruitment_tab_context(participation))
    elif tab == "path":
        context.update(path_tab_context(request, participation))
    elif tab == "data":
        context["corrections"] = participation.entry_corrections.select_related("corrected_by")
    elif tab == "history":
        context["history"] = change_history(participation)
    elif tab == "support":
        context.update(support_tab_context(request.user, participation))
    elif tab == "results":
        context.update(results_tab_context(request.user, participation))
    return render(request, "participants/participation_detail.html", context)


class PathCreate(LoginRequiredMixin, View):
    """A new revision of the diagnosis and IŚR, prefilled from the current one."""

    template_name = "participants/path_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.participation = participation_for(
            request, kwargs["pk"], perm="participants.add_individualpath"
        )
        self.current = self.participation.paths.order_by("-revision").first()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        initial_planned = [
            {
                "support_form": item.support_form_id, "group_hours": item.group_hours,
                "individual_hours": item.individual_hours, "serves_goal": item.serves_goal,
            }
            for item in (self.current.planned_support.all() if self.current else [])
        ]
        form = IndividualPathForm(
            instance=self._copy_of_current(), first=self.current is None
        )
        planned = planned_support_formset(self.participation.project, initial=initial_planned)
        return self._render(form, planned)

    def post(self, request, pk):
        form = IndividualPathForm(request.POST, first=self.current is None)
        planned = planned_support_formset(self.participation.project, data=request.POST)
        form_valid = form.is_valid()
        if not (all([form_valid, planned.is_valid()])):
            return self._render(form, planned, status=400)
        items = [
            item for item in planned.save(commit=False)
            if item.support_form_id
        ]
        try:
            path_draw_up(
                participation=self.participation, path=form.save(commit=False), planned=items,
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
            return self._render(form, planned, status=400)
        messages.success(request, _("The diagnosis and individual path have been saved."))
        return redirect("card:participation_tab", pk=pk, tab="path")

    def _copy_of_current(self):
        if self.current is None:
            return None
        copy = IndividualPath(
            **{
                name: getattr(self.current, name)
                for name in ("problem_situation", "resources", "potential", "predispositions",
                             "needs", "goals")
            }
        )
        return copy

    def _render(self, form, planned, status=200):
        return render(self.request, self.template_name, status=status, context={
            "form": form, "planned": planned, "participation": self.participation,
            "current": self.current,
        })
