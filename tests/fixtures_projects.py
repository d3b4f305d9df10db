"""Fixtures and helpers shared by the project and organisation tests (test_projects,
test_project_editions, test_organisations): POST data as the browser sends it, a coordinator."""


import pytest
from django.conf import settings
from django.urls import reverse

from projects.models import Edition, Membership, Project, SupportAreaCommune


def set_row(data: dict, prefix: str, index: int, **fields) -> None:
    """Change a row; None removes the field, as an unticked checkbox is not sent."""
    for name, value in fields.items():
        key = f"{prefix}-{index}-{name}"
        if value is None:
            data.pop(key, None)
        else:
            data[key] = str(value)


def row_of(data: dict, prefix: str, pk: int) -> int:
    """The index of the row that edits the object with this id."""
    return next(
        int(key.split("-")[1])
        for key, value in data.items()
        if key.startswith(f"{prefix}-") and key.endswith("-id") and value == str(pk)
    )


def snapshot(project) -> dict:
    """Everything the edit page can change, as stored."""
    return {
        "project": Project.objects.filter(pk=project.pk).values().get(),
        "partners": list(project.partners.values_list("pk", flat=True)),
        "editions": list(Edition.objects.filter(project=project).values()),
        "area": list(SupportAreaCommune.objects.filter(project=project).values()),
        "targets": list(project.indicator_targets.values()),
        "team": list(Membership.objects.filter(project=project).values()),
        "history": project.history.count(),
    }


def choose_language(client, language: str) -> None:
    """As the language switch does: a cookie (the browser's Accept-Language is not followed)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def update_url(project) -> str:
    return reverse("projects:project_update", args=[project.pk])
