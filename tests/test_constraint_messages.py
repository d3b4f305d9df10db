"""No database wording reaches a user: every constraint speaks Polish, on its field."""

from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from aktywizacja.constraints import Check, Unique

from .factories import SupportFormFactory
from .test_paths import path_post

OUR_APPS = {
    "accounts", "projects", "participants", "instruments", "contracts", "trainings",
    "employment", "events", "results", "documents", "monitoring",
}
CONSTRAINTS = [
    (model, constraint)
    for model in apps.get_models()
    if model._meta.app_label in OUR_APPS
    for constraint in model._meta.constraints
]


def test_there_are_constraints_to_check():
    assert len(CONSTRAINTS) > 40


@pytest.mark.parametrize(
    ("model", "constraint"), CONSTRAINTS, ids=[c.name for _, c in CONSTRAINTS]
)
def test_each_constraint_has_a_polish_message_of_its_own(model, constraint):
    assert isinstance(constraint, Check | Unique)
    with translation.override("en"):
        english = str(constraint.violation_error_message)
    with translation.override("pl"):
        polish = str(constraint.violation_error_message)
    assert constraint.name not in english
    assert polish != english, f"{constraint.name}: no Polish translation"
    if constraint.field is not None:
        assert model._meta.get_field(constraint.field)


def test_a_negative_planned_hour_in_the_path_is_named_on_its_field(
    client, social_worker, participation, project
):
    counselling = SupportFormFactory(project=project)
    client.force_login(social_worker)

    response = client.post(
        reverse("participants:path_create", args=[participation.pk]),
        path_post([(counselling, -5, 1)]),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Ograniczenie" not in html and "planned_support" not in html
    form = response.context["planned"].forms[0]
    assert form.errors["group_hours"] == ["Liczba godzin nie może być ujemna."]


def test_a_negative_planned_hour_of_a_support_form_is_named_on_its_field(
    client, coordinator, project
):
    client.force_login(coordinator)
    data = {
        "name": "Trening", "instrument": "social", "mode": "group",
        "start_date": "2025-02-01", "end_date": "2025-06-30",
        "planned_group_hours": "15", "planned_individual_hours": "-2",
    }

    response = client.post(reverse("instruments:support_form_create", args=[project.pk]), data)

    assert response.status_code == 400
    assert response.context["form"].errors["planned_individual_hours"] == [
        "Liczba godzin nie może być ujemna."
    ]
    assert "Ograniczenie" not in response.content.decode()


def test_a_model_check_reports_on_its_field(project):
    project.end_date = date(2024, 1, 1)

    with pytest.raises(Exception) as refused:
        project.validate_constraints()

    assert list(refused.value.error_dict) == ["end_date"]
