import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .roles import (
    ADMINISTRATOR_GROUP,
    DATA_PROTECTION_OFFICER_GROUP,
    GROUP_NAMES,
    Role,
    role_for_group,
)


class User(AbstractUser):
    """A member of staff. The organisation is the one they work for."""

    organisation = models.ForeignKey(
        "projects.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def group_ids(self) -> list[int]:
        """Read with the user when they are signed in (``accounts.backends``), else now."""
        if "joined_group_ids" in self.__dict__:
            return [int(pk) for pk in (self.joined_group_ids or "").split(",") if pk]
        return list(self.groups.values_list("pk", flat=True))

    @cached_property
    def permissions_version(self):
        """The key of the groups' permissions this user's request reads them by."""
        from .group_permissions import current_version

        if "loaded_permissions_version" in self.__dict__:
            return self.loaded_permissions_version
        return current_version()

    @cached_property
    def known_groups(self):
        """Every group's name and permissions, the process's copy (``group_permissions``)."""
        from .group_permissions import groups_at

        return groups_at(self.permissions_version)

    @cached_property
    def group_names(self) -> list[str]:
        names = self.known_groups.names
        return [names[pk] for pk in self.group_ids if pk in names]

    @cached_property
    def group_permissions(self) -> frozenset[str]:
        """What the user's own groups grant ("app_label.codename")."""
        permissions = self.known_groups.permissions
        return frozenset().union(*(permissions.get(pk, ()) for pk in self.group_ids))

    @cached_property
    def main_role(self) -> Role | None:
        """The role of the user's start page: their group, or failing that their team role."""
        for name in self.group_names:
            role = role_for_group(name)
            if role is not None:
                return role
        role = self.memberships.values_list("role", flat=True).first()
        return Role(role) if role else None

    @cached_property
    def heads_organisation(self) -> bool:
        """A head of an organisation (the director's group): they watch every project their
        organisation leads or partners in, its totals only, without being on its team."""
        return bool(self.organisation_id) and GROUP_NAMES[Role.DIRECTOR] in self.group_names

    @cached_property
    def is_data_protection_officer(self) -> bool:
        """In the data protection officer's group: their own start page, no project role."""
        return DATA_PROTECTION_OFFICER_GROUP in self.group_names

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or ADMINISTRATOR_GROUP in self.group_names


class AccessAction(models.TextChoices):
    VIEW = "view", _("viewed a person's record")
    PDF = "pdf", _("downloaded a document")
    EXPORT = "export", _("exported data")


class AccessLogEntry(models.Model):
    """Who looked at or took out whose personal data, and when (never the PESEL itself)."""

    user = models.ForeignKey(
        "accounts.User", verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=AccessAction.choices)
    object_type = models.CharField(_("record type"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("record id"))
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT, null=True,
        related_name="+",
    )
    path = models.CharField(_("address"), max_length=300)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()}"


class PermissionsVersion(models.Model):
    """One row: its key changes with every change of a group or its permissions, so that every
    process knows when its copy of them is out of date (``accounts.group_permissions``)."""

    ROW = 1

    key = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("version of the groups' permissions")
        verbose_name_plural = _("versions of the groups' permissions")
        default_permissions = ()  # kept by the application alone, never edited by anyone

    def __str__(self):
        return str(self.key)
