"""A form to sign, filled from the participation and printed from the project's wording (or the
application's default): a preview of live data, never stored."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from aktywizacja.pdf import render_pdf
from projects.models import SignatoryKind

from .defaults import DEFAULT_TEXTS
from .models import DEFAULT_VERSION, FormKind, FormTemplate, version_label
from .placeholders import fill, placeholder_values

# The rows of entry data printed in the application form, as the participation records them.
PERSONAL = [
    ("first_name", _("first name")), ("last_name", _("last name")), ("pesel", _("PESEL")),
    ("birth_date", _("date of birth")), ("sex", _("sex")),
]
ENTRY_FIELDS = {
    _("Address and contact"): [
        "voivodeship", "county", "commune", "town", "street", "building_number", "flat_number",
        "postcode", "urbanisation", "phone", "email",
    ],
    _("Situation at entry"): [
        "education", "labour_market_status", "unemployment_months", "occupation", "employer",
        "centre_client", "disability", "disability_degree", "foreign_origin",
        "third_country_national", "minority", "homeless", "jobless_household",
        "jobless_household_children", "single_adult_household", "other_disadvantage",
    ],
}


def template_for(project, kind: str) -> FormTemplate:
    """The project's own text of the form, or the default (unsaved, version 0)."""
    saved = FormTemplate.objects.filter(project=project, kind=kind).first()
    if saved is not None:
        return saved
    return FormTemplate(project=project, kind=kind, body=DEFAULT_TEXTS[kind],
                        version=DEFAULT_VERSION, changed_on=None)


def templates_of(project) -> list[FormTemplate]:
    saved = {template.kind: template for template in project.form_templates.all()}
    return [saved.get(kind) or template_for(project, kind) for kind in FormKind.values]


def _display(participation, name: str) -> str:
    field = participation._meta.get_field(name)
    value = getattr(participation, name)
    if value in (None, ""):
        return ""
    if field.choices:
        return getattr(participation, f"get_{name}_display")()
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def _entry_rows(participation) -> list[tuple[str, list[tuple[str, str]]]]:
    person = participation.person
    shown = {"sex": person.get_sex_display(),
             "birth_date": date_format(person.birth_date, "SHORT_DATE_FORMAT")}
    personal = [(label, shown.get(name, getattr(person, name))) for name, label in PERSONAL]
    if not person.pesel:
        personal[2] = (_("other identifier"), person.other_identifier)
    sections = [(_("Personal data"), personal)]
    for title, names in ENTRY_FIELDS.items():
        sections.append((title, [
            (participation._meta.get_field(name).verbose_name, _display(participation, name))
            for name in names
        ]))
    return sections


def form_pdf(participation, kind: str) -> bytes:
    template = template_for(participation.project, kind)
    today = timezone.localdate()
    return render_pdf("pdf/form_to_sign.html", {
        "kind": kind,
        "title": FormKind(kind).label,
        "participation": participation,
        "person": participation.person,
        "project": participation.project,
        "text": fill(template.body, placeholder_values(participation, today)),
        "sections": _entry_rows(participation) if kind == FormKind.APPLICATION else [],
        "version": version_label(template.version, template.changed_on),
        "signatory": _signatory(participation, kind, today),
        "printed_on": today,
    })


def _signatory(participation, kind: str, today):
    """The declaration and the application form are accepted, and signed, by the organisation
    that recruited the person and supports them (the lead or a partner); the information clause
    is the participant's alone."""
    if kind == FormKind.CLAUSE:
        return None
    return participation.organisation.signatory_for(SignatoryKind.FORMS, on=today)
