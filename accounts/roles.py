"""The roles of the project office.

A role is held on a project's team (``projects.Membership.role``); each role is also a Django
group whose permissions say what the role may change. The groups are created by a migration.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("social worker")
    COORDINATOR = "coordinator", _("project coordinator")
    DIRECTOR = "director", _("head of the centre")


# Group names are data shown in the admin; they are Polish, as the office speaks.
GROUP_NAMES = {
    Role.SOCIAL_WORKER: "pracownik socjalny",
    Role.COORDINATOR: "koordynator",
    Role.DIRECTOR: "kierownik",
}
ADMINISTRATOR_GROUP = "administrator"
# The data protection officer (inspektor ochrony danych) is no project role: on no team, they
# read the access log, the art. 15 exports and the register of processing, never a participant.
DATA_PROTECTION_OFFICER_GROUP = "inspektor ochrony danych"


def role_for_group(name: str) -> Role | None:
    for role, group_name in GROUP_NAMES.items():
        if group_name == name:
            return role
    return None
