"""Permissions of the roles for trainings, internships, job placement, events and results."""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions


def crud(model: str, *actions: str) -> list[str]:
    app_label, name = model.split(".")
    return [f"{app_label}.{action}_{name}" for action in actions]


TEAM_RECORDS = [
    *crud("trainings.trainingresult", "view", "add", "change"),
    *crud("employment.internship", "view", "add", "change"),
    *crud("employment.internshipmonth", "view", "add", "change"),
    *crud("employment.jobsupportcontact", "view", "add", "change", "delete"),
    *crud("events.eventattendance", "view", "add", "delete"),
    *crud("results.employment", "view", "add", "change", "delete"),
    *crud("results.socialprogress", "view", "add", "change", "delete"),
    "trainings.view_trainingcourse",
    "events.view_event",
    "results.view_effectivenessrule",
]

ROLE_PERMISSIONS = {
    "pracownik socjalny": TEAM_RECORDS,
    "koordynator": [
        *TEAM_RECORDS,
        *crud("trainings.trainingcourse", "add", "change"),
        *crud("events.event", "add", "change", "delete"),
        *crud("instruments.session", "change", "delete"),
    ],
    "kierownik": [
        "trainings.view_trainingcourse", "events.view_event", "results.view_effectivenessrule",
    ],
}


def grant(apps, schema_editor):
    grant_role_permissions(
        apps, ROLE_PERMISSIONS, admin_apps=["trainings", "employment", "events", "results"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_access_log"),
        ("trainings", "0001_initial"),
        ("employment", "0001_initial"),
        ("events", "0001_initial"),
        ("results", "0002_effectiveness_rules"),
        ("instruments", "0003_session_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
