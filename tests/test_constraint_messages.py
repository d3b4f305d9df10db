"""No database wording reaches a user: every constraint speaks Polish, on its field."""

import itertools
from datetime import date, time

import pytest
from django.apps import apps
from django.db.models import F, Q, Value
from django.urls import reverse
from django.utils import translation

from aktywizacja.constraints import Check, Unique, _CannotEvaluate, evaluate

from .factories import SupportFormFactory
from .helpers.paths import path_post

OUR_APPS = {
    "accounts", "projects", "participants", "instruments", "contracts", "trainings",
    "employment", "events", "results", "documents", "monitoring", "dossier",
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
        reverse("card:path_create", args=[participation.pk]),
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
        "groups-TOTAL_FORMS": "0", "groups-INITIAL_FORMS": "0",  # no groups
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


# --- The check constraints evaluated before saving agree with the database -----------------

CHECKS = [(model, c) for model, c in CONSTRAINTS if isinstance(c, Check)]


def _candidates(model, name: str, constants: list) -> list:
    field = model._meta.get_field(name)
    values = list(constants)
    if field.null:
        values.append(None)
    kind = field.get_internal_type()
    if kind in ("DateField",):
        values += [date(2025, 1, 1), date(2025, 6, 30)]
    elif kind == "TimeField":
        values += [time(9, 0), time(10, 30)]
    elif kind in ("CharField", "TextField", "SlugField"):
        values += ["", "x", "12345678901"]
    elif kind.endswith("IntegerField") or kind == "DecimalField":
        values += [0, 1, 2025]
    elif kind == "BooleanField":
        values += [True, False]
    return list(dict.fromkeys(v for v in values if not isinstance(v, F)))


def _constants(condition, into: dict) -> dict:
    for child in condition.children:
        if isinstance(child, Q):
            _constants(child, into)
        else:
            lookup, value = child
            values = into.setdefault(lookup.split("__")[0], [])
            if isinstance(value, F):
                into.setdefault(value.name, [])
            elif not lookup.endswith("isnull"):
                values.append(value)
    return into


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "constraint"), CHECKS, ids=[c.name for _, c in CHECKS])
def test_a_check_evaluated_before_saving_agrees_with_the_database(model, constraint):
    fields = _constants(constraint.condition, {})
    names = sorted(fields)
    combos = list(itertools.product(*[_candidates(model, n, fields[n]) for n in names]))[:200]
    evaluated = 0
    for combo in combos:
        instance = model(**{model._meta.get_field(n).attname: v for n, v in zip(names, combo,
                                                                                  strict=True)})
        try:
            ours = evaluate(constraint.condition, instance, model)
        except _CannotEvaluate:
            continue
        evaluated += 1
        against = {n: Value(v, output_field=model._meta.get_field(n)) for n, v in
                   zip(names, combo, strict=True)}
        database = constraint.condition.check(against)
        assert (ours is not False) == database, (constraint.name, dict(zip(names, combo,
                                                                            strict=True)))
    # A condition on a related row or with another lookup is left to the database (none here).
    if evaluated == 0:
        with pytest.raises(_CannotEvaluate):
            evaluate(constraint.condition, model(), model)


def test_most_checks_are_evaluated_without_asking_the_database():
    evaluable = 0
    for model, constraint in CHECKS:
        try:
            evaluate(constraint.condition, model(), model)
            evaluable += 1
        except _CannotEvaluate:
            pass
    assert evaluable >= len(CHECKS) - 5, (evaluable, len(CHECKS))
