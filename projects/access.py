"""Need-to-know access: the one way a view finds an object.

A user sees what belongs to the projects on whose team they are (``for_user`` on every scoped
QuerySet). What they cannot see does not exist for them (404); what they can see but their role
may not change answers 403.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery, Value
from django.shortcuts import get_object_or_404

from accounts.roles import GROUP_NAMES, Role

from .models import Membership, Project, ProjectQuerySet


def _permissions_of_roles(user) -> dict[str, frozenset[str]]:
    """Each role's permissions ("app.codename"), from the process's copy of the groups (read
    again when a group's permissions change: ``accounts.group_permissions``), kept on the user
    object for the request: every button and list of a page asks them, none queries."""
    if "_permissions_of_roles" not in user.__dict__:
        by_name = user.known_groups.of_names()
        user.__dict__["_permissions_of_roles"] = {
            role: by_name.get(name, frozenset()) for role, name in GROUP_NAMES.items()
        }
    return user.__dict__["_permissions_of_roles"]


def _team_role(user, project_path: str) -> Subquery:
    """The user's role on the team of the project at ``project_path``, as a subquery of a
    query that reads that project's records."""
    return Subquery(
        Membership.objects.active().filter(user=user, project=OuterRef(project_path))
        .values("role")[:1]
    )


def _remember_role(user, project_pk: int, role: str | None) -> None:
    """Keeps, for the request, what the user's role on the project allows."""
    user.__dict__.setdefault("_project_permissions", {})[project_pk] = (
        _permissions_of_roles(user).get(role, frozenset())
    )


def _role_permissions(user, project: Project) -> frozenset[str]:
    if project.pk not in user.__dict__.get("_project_permissions", {}):
        role = (
            Membership.objects.active()
            .filter(user=user, project=project)
            .values_list("role", flat=True)
            .first()
        )
        if role is None and user.heads_organisation and Project.objects.filter(
            ProjectQuerySet.of_organisation(user.organisation_id), pk=project.pk
        ).exists():
            role = Role.DIRECTOR  # the head of a lead or partner: its totals, off the team
        _remember_role(user, project.pk, role)
    return user.__dict__["_project_permissions"][project.pk]


def has_project_perm(user, project: Project | None, perm: str) -> bool:
    """Whether the user's role on the project's team grants the permission.

    Objects that belong to no project (organisations) fall back to the user's own groups.
    """
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if project is None:
        return user.has_perm(perm)
    return perm in _role_permissions(user, project)


def scoped(user, model_or_queryset) -> models.QuerySet:
    """The objects of a model that the user may see."""
    queryset = (
        model_or_queryset._default_manager.all()
        if isinstance(model_or_queryset, type)
        else model_or_queryset
    )
    return queryset.for_user(user)


TEAM_ROLE = "_team_role"


def get_object_for_user(user, model_or_queryset, *, perm: str | None = None, **lookup):
    """Find one object the user may see (else 404) and, if asked, may act on (else 403).

    Asked for a permission, the lookup also reads the user's role on the object's project
    (a subquery of the same query), so that the check costs no query of its own."""
    queryset = scoped(user, model_or_queryset)
    path = "pk" if queryset.model is Project else getattr(queryset, "project_path", None)
    if perm and path and user.is_authenticated and not user.is_superuser:
        queryset = queryset.annotate(**{TEAM_ROLE: _team_role(user, path)})
    obj = get_object_or_404(queryset, **lookup)
    project = getattr(obj, "scope_project", None)
    if getattr(obj, TEAM_ROLE, None) and project is not None:
        _remember_role(user, project.pk, getattr(obj, TEAM_ROLE))
    if perm and not has_project_perm(user, project, perm):
        raise PermissionDenied
    return obj


def projects_where(user, perm: str):
    """The user's projects on which their role grants the permission."""
    visible = Project.objects.for_user(user)
    if user.is_superuser:
        return visible
    roles = [role for role, granted in _permissions_of_roles(user).items() if perm in granted]
    where = Q(memberships__user=user, memberships__is_active=True, memberships__role__in=roles)
    if Role.DIRECTOR in roles and user.heads_organisation:
        where |= ProjectQuerySet.of_organisation(user.organisation_id)
    return Project.objects.filter(where).distinct()


def projects_with_role(user, perm: str) -> list[Project]:
    """``projects_where(user, perm)`` read once, each project with the user's role on its team
    (``team_role``, none for the head of an organisation off the team) and whether the user's
    organisation is its partner (``as_partner``): what a page of many projects asks of each
    (``role_grants``, ``participations_seen_in``) without a query per question."""
    projects = projects_where(user, perm)
    if user.is_superuser:
        projects = projects.annotate(team_role=Value(None, models.CharField()),
                                     as_partner=Value(False))
    else:
        projects = projects.annotate(
            team_role=_team_role(user, "pk"),
            as_partner=Exists(Project.partners.through.objects.filter(
                project=OuterRef("pk"), organisation=user.organisation_id
            )) if user.organisation_id else Value(False),
        )
    return list(projects.order_by("short_name"))


def role_grants(user, project: Project, perm: str) -> bool:
    """``has_project_perm`` for a project read by ``projects_with_role``: its role is known
    (off the team, the user sees it as the head of its lead or a partner)."""
    if not user.is_superuser:
        role = project.team_role or (Role.DIRECTOR if user.heads_organisation else None)
        _remember_role(user, project.pk, role)
    return has_project_perm(user, project, perm)


class ProjectPermissions:
    """What the user's role on one project's team allows, asked by templates the way Django's
    ``perms`` is: ``{% if can.results.add_employment %}`` (one object instead of a flag per
    button). Projectless records (organisations) fall back to the user's own groups."""

    def __init__(self, user, project: Project | None):
        self.user, self.project = user, project

    def __getitem__(self, app_label: str) -> "_ByApp":
        return _ByApp(self.__contains__, app_label)

    def __contains__(self, perm: str) -> bool:
        return has_project_perm(self.user, self.project, perm)


class _ByApp:
    """``<object>.<app_label>.<codename>`` in a template: the answer for "app_label.codename"."""

    def __init__(self, answer, app_label: str):
        self.answer, self.app_label = answer, app_label

    def __getitem__(self, codename: str):
        return self.answer(f"{self.app_label}.{codename}")


class ProjectScreen:
    """A screen of one project's records: ``self.project`` set by ``find``, and ``can`` (the
    user's permissions on that project) in every template it renders."""

    project: Project | None = None

    @property
    def can(self) -> ProjectPermissions:
        return ProjectPermissions(self.request.user, self.project)

    def require(self, perm: str) -> None:
        """403 unless the user's role on ``self.project`` grants ``perm`` as well (a screen
        that needs a second permission beside the one its lookup asked for)."""
        if perm not in self.can:
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"project": self.project, "can": self.can}
