"""What every screen of a support form starts from: the support form in the user's scope,
the permissions its screens ask for, and its referred participants."""

from projects.access import get_object_for_user

from ..models import SupportForm
from ..services import referred_participations

VIEW_SESSION = "instruments.view_session"
ADD_SESSION = "instruments.add_session"
CHANGE_SESSION = "instruments.change_session"
DELETE_SESSION = "instruments.delete_session"
VIEW_ATTENDANCE = "instruments.view_attendance"
CHANGE_ATTENDANCE = "instruments.change_attendance"


def support_form_for(request, pk, perm):
    return get_object_for_user(
        request.user, SupportForm.objects.select_related("project"), perm=perm, pk=pk
    )


def referred(support_form, user, group=None):
    """The participants referred to the support form (to ``group`` of it, when given) whom the
    user may see (a partner's staff: their own), in the order of the attendance sheet."""
    return (
        referred_participations(support_form.pk, group.pk if group else None)
        .for_user(user)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
