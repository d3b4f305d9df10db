"""A participation's data at entry, dates and exit data."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aktywizacja.concurrency import VersionedForm
from projects.forms import DateInput, TerytField, TerytNamesMixin
from projects.models import Organisation

from ..codelists import (
    EDUCATION_GROUPS,
    EDUCATION_LEVELS,
    Education,
)
from ..models import (
    ENTRY_DATA_FIELDS,
    Participation,
)
from ..services import correction_reason_needed

ENTRY_FIELDS = [
    "edition", "social_worker", "application_date", "recruitment_source",
    "start_date", "end_date",
    "labour_market_status", "unemployment_months", "occupation", "employer", "education",
    "disability", "disability_degree", "foreign_origin", "third_country_national",
    "minority", "homeless", "jobless_household", "jobless_household_children",
    "single_adult_household", "other_disadvantage", "centre_client", "exclusion_reasons",
    "commune_teryt", "voivodeship", "county", "commune", "town", "street", "building_number",
    "flat_number", "postcode", "urbanisation",
    "in_support_area", "phone", "email",
    "exit_reason", "situation_at_exit", "path_completed",
]
YES_NO_UNKNOWN = [("", _("not known")), ("true", _("yes")), ("false", _("no"))]


def boolean_choice_field(model_field):
    return forms.TypedChoiceField(
        label=model_field.verbose_name.capitalize(), choices=YES_NO_UNKNOWN, required=False,
        coerce=lambda value: value == "true", empty_value=None,
    )


def _row(*names):
    return Row(*(Column(name, css_class="col-md") for name in names))


class ParticipationForm(TerytNamesMixin, VersionedForm):
    teryt_field = "commune_teryt"
    teryt_required = False

    def _post_clean(self):
        super()._post_clean()
        self.instance.refresh_age_at_entry()  # it follows the start date just entered

    def clean_organisation(self):
        return self.cleaned_data["organisation"] or self.instance.organisation

    def clean(self):
        cleaned = super().clean()
        if (
            "correction_reason" in self.fields
            and set(self.changed_data) & set(ENTRY_DATA_FIELDS)
            and not cleaned.get("correction_reason", "").strip()
        ):
            self.add_error("correction_reason", correction_reason_needed(self.instance))
        return cleaned

    class Meta:
        model = Participation
        fields = [*ENTRY_FIELDS, "organisation"]
        widgets = {
            "application_date": DateInput(),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "exclusion_reasons": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"commune_teryt": TerytField}

    def __init__(self, *args, may_reassign=False, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.instance.project
        recruitment = [_row("edition", "social_worker"),
                       _row("application_date", "recruitment_source")]
        if may_reassign and project.partners.exists():
            # Whose participant this is: the lead's coordinator hands them to a partner.
            field = self.fields["organisation"]
            field.queryset = Organisation.objects.filter(
                Q(pk=project.lead_beneficiary_id) | Q(partner_projects=project)
            ).distinct()
            field.required = False  # left empty: it stays whose it was
            recruitment.insert(0, "organisation")
        else:
            del self.fields["organisation"]
        self.fields["edition"].queryset = project.editions.all()
        self.fields["social_worker"].queryset = get_user_model().objects.filter(
            memberships__project=project, memberships__is_active=True
        ).order_by("last_name", "first_name")
        # Facts the application required stay: they can be corrected, not blanked.
        self.fields["application_date"].required = True
        self.fields["social_worker"].required = True
        self._education_for_period(project)
        for name in ("centre_client", "in_support_area", "path_completed"):
            self.fields[name] = boolean_choice_field(Participation._meta.get_field(name))
            current = getattr(self.instance, name)
            self.initial[name] = "" if current is None else str(current).lower()
        frozen = self.instance.entry_frozen
        if frozen:
            self.fields["correction_reason"] = forms.CharField(
                label=_("Reason for correcting the data at entry"), required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "Needed when you change the data at entry: they are kept as a correction "
                    "and the person is re-sent in the next monitoring export."
                ),
            )
        household = self._household_rows(project)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "version",
            Fieldset(_("Recruitment"), *recruitment),
            Fieldset(_("Period of participation"), _row("start_date", "end_date")),
            Fieldset(
                _("Data at entry"),
                _row("labour_market_status", "unemployment_months"),
                *household,
                _row("education", "centre_client"),
                _row("disability", "disability_degree"),
                _row("foreign_origin", "third_country_national"),
                _row("minority", "homeless"),
                "exclusion_reasons",
            ),
            Fieldset(
                _("Place of residence"),
                "commune_teryt",
                _row("voivodeship", "county", "commune"),
                _row("town", "street", "building_number", "flat_number", "postcode"),
                _row("urbanisation", "in_support_area"),
            ),
            Fieldset(_("Contact"), _row("phone", "email")),
            Fieldset(_("End of participation"),
                     _row("exit_reason", "situation_at_exit", "path_completed")),
        )
        if frozen:
            self.helper.layout.append(
                Fieldset(_("Correction of data at entry"), "correction_reason")
            )


    # The work and household questions only the 2014–2020 monitoring (SL2014) asks.
    SL2014_ONLY = [
        "occupation", "employer", "jobless_household", "jobless_household_children",
        "single_adult_household", "other_disadvantage",
    ]

    def _education_for_period(self, project):
        """A 2014–2020 project records the level of education, a later one its group."""
        wanted = EDUCATION_LEVELS if project.programme.reports_to_sl2014 else EDUCATION_GROUPS
        current = self.instance.education
        field = self.fields["education"]
        field.choices = [("", "---------")] + [
            (value, label) for value, label in Education.choices
            if value in wanted or value == current
        ]

    def _household_rows(self, project):
        if not project.programme.reports_to_sl2014:
            for name in self.SL2014_ONLY:
                del self.fields[name]
            return []
        return [
            _row("occupation", "employer"),
            _row("jobless_household", "jobless_household_children"),
            _row("single_adult_household", "other_disadvantage"),
        ]
