"""The roles as groups with their permissions."""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions

COORDINATOR_PROJECT_MODELS = [
    "project", "edition", "supportareacommune", "indicatortarget", "membership",
]

ROLE_PERMISSIONS = {
    "pracownik socjalny": [
        "projects.view_project", "projects.view_edition", "projects.view_organisation",
        "projects.view_supportareacommune", "projects.view_membership",
        "participants.view_person", "participants.add_person", "participants.change_person",
        "participants.view_participation", "participants.add_participation",
        "participants.change_participation",
    ],
    "koordynator": [
        *[f"projects.{action}_{model}" for model in COORDINATOR_PROJECT_MODELS
          for action in ("view", "add", "change")],
        "projects.view_indicatordefinition", "projects.view_fundingprogramme",
        "projects.view_organisation", "projects.add_organisation",
        "projects.change_organisation",
        "participants.view_person", "participants.add_person", "participants.change_person",
        "participants.view_participation", "participants.add_participation",
        "participants.change_participation",
    ],
    "kierownik": [
        "projects.view_project", "projects.view_edition", "projects.view_organisation",
        "projects.view_supportareacommune", "projects.view_indicatortarget",
        "projects.view_membership", "participants.view_participation",
    ],
}
ADMINISTRATOR_APPS = ["accounts", "projects", "participants"]


def create_groups(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS, admin_apps=ADMINISTRATOR_APPS)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[*ROLE_PERMISSIONS, "administrator"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("projects", "0002_code_lists"),
        ("participants", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
