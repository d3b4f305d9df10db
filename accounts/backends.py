"""Django's ModelBackend, reading with the signed-in user what every page asks of them.

The user query of each request also reads the ids of their groups, whether they hold permissions
of their own, and the key of the groups' permissions (``accounts.group_permissions``): the menu and
the buttons then take their permissions from the process's copy of the groups, with no query of
their own (four queries a page fewer).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Aggregate, CharField, Exists, OuterRef, Subquery

from .models import PermissionsVersion

UserModel = get_user_model()


class _Joined(Aggregate):
    """Numbers joined with commas: GROUP_CONCAT in SQLite, STRING_AGG in PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="STRING_AGG",
            template="%(function)s(%(expressions)s::text, ',')", **extra_context,
        )


def with_groups(users):
    """Users with their group ids, whether they hold permissions of their own, and the key of
    the groups' permissions, in the one query."""
    memberships = UserModel.groups.through.objects.filter(user=OuterRef("pk"))
    own = UserModel.user_permissions.through.objects.filter(user=OuterRef("pk"))
    version = PermissionsVersion.objects.filter(pk=PermissionsVersion.ROW).values("key")
    return users.annotate(
        joined_group_ids=Subquery(
            memberships.values("user").annotate(ids=_Joined("group_id")).values("ids")
        ),
        loaded_own_permissions=Exists(own),
        loaded_permissions_version=Subquery(version),
    )


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = with_groups(UserModel._default_manager.all()).get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        if not user_obj.__dict__.get("loaded_own_permissions", True) and not user_obj.is_superuser:
            return set()
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        if user_obj.is_anonymous or user_obj.is_superuser:
            return super().get_group_permissions(user_obj, obj)
        if not user_obj.is_active or obj is not None:
            return set()
        return set(user_obj.group_permissions)
