"""A contract or a participation in the user's scope, and the permissions the screens ask."""

from django.utils.translation import gettext_lazy

from participants.models import Participation
from projects.access import get_object_for_user

from ..models import SocialContract

VIEW = "contracts.view_socialcontract"
CHANGE = "contracts.change_socialcontract"
CONFLICT = gettext_lazy("Someone changed this contract in the meantime. Check it and try again.")


def contract_for(request, pk, perm=VIEW):
    queryset = SocialContract.objects.select_related(
        "participation__person", "participation__project", "project", "worker__organisation"
    )
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


def participation_for(request, pk, perm=VIEW):
    queryset = Participation.objects.select_related("person", "project")
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)
