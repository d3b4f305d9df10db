"""The participant's own parts of the card: the lookup every page of a participation starts
from, and the recruitment tab (also shown again with a refused status change). The card app puts
them together with the tabs of support and results."""

from projects.access import get_object_for_user

from .eligibility import eligibility_problems
from .forms import StatusChangeForm
from .models import Participation

VIEW_PERSON = "participants.view_person"


def participation_for(request, pk, perm=VIEW_PERSON):
    queryset = Participation.objects.select_related(
        "person", "project", "edition", "social_worker"
    )
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


def recruitment_tab_context(participation, form=None) -> dict:
    problems = eligibility_problems(participation, list(participation.project.support_area.all()))
    changes = list(participation.status_changes.select_related("changed_by"))
    for change in changes:
        change.from_label, change.to_label = change.labels_for(participation.person.sex)
    return {
        "status_changes": changes,
        "eligibility_problems": problems,
        "status_form": form or StatusChangeForm(
            participation=participation, eligibility_problems=problems
        ),
    }
