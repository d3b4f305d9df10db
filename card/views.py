"""The participant's card: one page of tabs over the participant's data, recruitment, IŚR,
support, results and history, and the IŚR's new revision (which refers the participant to the
support it plans). It reads many apps and no app imports it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.access_log import log_access
from accounts.models import AccessAction
from aktywizacja.views import FormScreen
from consents.card import consents_history, consents_tab_context
from dossier.card import dossier_tab_context, missing_labels
from instruments.services import path_draw_up
from participants.card import participation_for, recruitment_tab_context
from participants.forms import IndividualPathForm, planned_support_formset
from participants.history import change_history
from participants.models import IndividualPath, Participation
from projects.access import ProjectPermissions, ProjectScreen

from .tabs import path_tab_context, results_tab_context, support_tab_context

TABS = ["data", "recruitment", "path", "support", "results", "dossier", "consents", "history"]


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
        context["missing_kinds"] = missing_labels(participation, context["can"])
    elif tab == "path":
        context.update(path_tab_context(request, participation))
    elif tab == "data":
        context["corrections"] = participation.entry_corrections.select_related("corrected_by")
    elif tab == "history":
        context["history"] = sorted(
            change_history(participation) + consents_history(participation),
            key=lambda entry: entry.when, reverse=True,
        )
    elif tab == "support":
        context.update(support_tab_context(participation))
    elif tab == "results":
        context.update(results_tab_context(participation))
    elif tab == "dossier":
        context.update(dossier_tab_context(participation, context["can"]))
    elif tab == "consents":
        context.update(consents_tab_context(participation))
    return render(request, "participants/participation_detail.html", context)


class PathCreate(ProjectScreen, FormScreen):
    """A new revision of the diagnosis and IŚR, prefilled from the current one, with the
    support it plans (the rows of a formset, saved with it)."""

    template_name = "participants/path_form.html"
    form_class = IndividualPathForm
    success_message = gettext_lazy("The diagnosis and individual path have been saved.")

    def find(self):
        self.participation = participation_for(
            self.request, self.kwargs["pk"], perm="participants.add_individualpath"
        )
        self.project = self.participation.project
        self.current = self.participation.paths.order_by("-revision").first()

    def get_instance(self):
        """A copy of the current revision's text to start from (the first: an empty form)."""
        if self.current is None:
            return None
        return IndividualPath(**{
            name: getattr(self.current, name)
            for name in ("problem_situation", "resources", "potential", "predispositions",
                         "needs", "goals")
        })

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"first": self.current is None}

    def get_formsets(self, data=None):
        if data is not None:
            return {"planned": planned_support_formset(self.project, data=data)}
        initial = [
            {
                "support_form": item.support_form_id, "group_hours": item.group_hours,
                "individual_hours": item.individual_hours, "serves_goal": item.serves_goal,
            }
            for item in (self.current.planned_support.all() if self.current else [])
        ]
        return {"planned": planned_support_formset(self.project, initial=initial)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "participation": self.participation, "current": self.current,
        }

    def save(self, form):
        planned = [item for item in self.formsets["planned"].save(commit=False)
                   if item.support_form_id]
        return path_draw_up(participation=self.participation, path=form.save(commit=False),
                            planned=planned, by=self.request.user)

    def get_back_url(self):
        return reverse("card:participation_tab", args=[self.participation.pk, "path"])
