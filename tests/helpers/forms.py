"""Forms and formsets as a browser posts them, the project's whole edit page included."""

from django import forms

from projects.forms import ProjectUpdateForm, project_formsets
from projects.models import Organisation, Project


def form_data(form) -> dict:
    """The fields of a form as a browser would send them, from the form's current values."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(field, forms.BooleanField):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif value is not None:
            data[key] = str(value)
    return data


def formset_data(formset) -> dict:
    """The management form and the existing rows (with their ids), without the blank extra row."""
    management = formset.management_form
    data = {management.add_prefix(name): str(value) for name, value in management.initial.items()}
    data[management.add_prefix("TOTAL_FORMS")] = str(formset.initial_form_count())
    for form in formset.forms[: formset.initial_form_count()]:
        data |= form_data(form)
    return data


def project_post_data(project) -> dict:
    """The whole edit page of a project as saved now: main form plus every formset."""
    project = Project.objects.get(pk=project.pk)
    form = ProjectUpdateForm(instance=project, organisations=Organisation.objects.all())
    data = form_data(form)
    for formset in project_formsets(project).values():
        data |= formset_data(formset)
    return data


def add_row(data: dict, prefix: str, **fields) -> int:
    """Append a new row to a formset's POST data; returns its index."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data |= {f"{prefix}-{index}-{name}": str(value) for name, value in fields.items()}
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return index
