from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aktywizacja.concurrency import VersionedForm
from projects.forms import DateInput, TerytField, TerytNamesMixin

from .codelists import (
    EDUCATION_GROUPS,
    EDUCATION_LEVELS,
    Education,
    ExitReason,
    SituationAtExit,
)
from .models import (
    ENTRY_DATA_FIELDS,
    TRANSITIONS,
    IndividualPath,
    Participation,
    ParticipationStatus,
    Person,
    PlannedSupport,
    normalise_document,
    search_key,
)
from .pesel import normalise_pesel
from .services import correction_reason_needed

PERSON_FIELDS = ["first_name", "last_name", "pesel", "other_identifier", "sex", "birth_date"]
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


class PersonFields(forms.ModelForm):
    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pesel_field = self.fields["pesel"]
        # Typed as on the ID card ("850315 12368", "850315-12368"): stored as 11 digits.
        pesel_field.max_length = 20
        pesel_field.widget.attrs["maxlength"] = 20
        pesel_field.validators = [
            validator for validator in pesel_field.validators
            if not isinstance(validator, MaxLengthValidator)
        ]
        pesel_field.widget.attrs.update(inputmode="numeric", autocomplete="off")

    def clean_pesel(self):
        value = self.cleaned_data["pesel"]
        return normalise_pesel(value) if value.strip() else ""

    def clean_other_identifier(self):
        return normalise_document(self.cleaned_data["other_identifier"])

    def _post_clean(self):
        super()._post_clean()
        # An invalid PESEL is not a missing one: do not also ask for another identifier.
        if "pesel" in self.errors and "other_identifier" in self.errors:
            del self.errors["other_identifier"]


class PersonForm(VersionedForm, PersonFields):
    class Meta(PersonFields.Meta):
        fields = PERSON_FIELDS


def _boolean_choice_field(model_field):
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
        fields = ENTRY_FIELDS
        widgets = {
            "application_date": DateInput(),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "exclusion_reasons": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"commune_teryt": TerytField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.instance.project
        self.fields["edition"].queryset = project.editions.all()
        self.fields["social_worker"].queryset = get_user_model().objects.filter(
            memberships__project=project, memberships__is_active=True
        ).order_by("last_name", "first_name")
        # Facts the application required stay: they can be corrected, not blanked.
        self.fields["application_date"].required = True
        self.fields["social_worker"].required = True
        self._education_for_period(project)
        for name in ("centre_client", "in_support_area", "path_completed"):
            self.fields[name] = _boolean_choice_field(Participation._meta.get_field(name))
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
            Fieldset(_("Recruitment"), _row("edition", "social_worker"),
                     _row("application_date", "recruitment_source")),
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


class CandidateForm(PersonFields):
    """A new application: the person (new or already on record) and the project's data."""

    edition = forms.ModelChoiceField(queryset=None, required=False, label=_("Edition"))
    social_worker = forms.ModelChoiceField(queryset=None, label=_("Social worker"))
    application_date = forms.DateField(
        label=_("Application date"), widget=DateInput(), initial=timezone.localdate
    )
    recruitment_source = forms.CharField(
        label=_("How they learnt of the project"), max_length=200, required=False
    )
    use_existing = forms.BooleanField(
        required=False,
        label=_("Yes, add the person already on record to this project"),
    )
    different_person = forms.BooleanField(
        required=False,
        label=_("No, this is a different person with the same name and date of birth"),
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, project, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        # Identities are looked up among those this organisation may know, and no other:
        # another organisation's record is neither found nor hinted at (SECURITY.md).
        self.organisation = organisation
        self.known = Person.objects.known_to(organisation)
        self.existing_person = None
        self.fields["edition"].queryset = project.editions.all()
        self.fields["social_worker"].queryset = get_user_model().objects.filter(
            memberships__project=project, memberships__is_active=True
        ).order_by("last_name", "first_name")

    def clean_application_date(self):
        day = self.cleaned_data["application_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The application date cannot be later than today."))
        if not self.project.contains_period(day, None):
            raise forms.ValidationError(self.project.period_error())
        return day

    def clean(self):
        """One identity: a person is found by PESEL, or without one by their identity document;
        a namesake born the same day is offered, never silently duplicated."""
        cleaned = super().clean()
        pesel, document = cleaned.get("pesel"), cleaned.get("other_identifier")
        if pesel:
            self.existing_person = self.known.filter(pesel=pesel).first()
            field = "pesel"
        elif document:
            self.existing_person = self.known.filter(
                pesel="", other_identifier=document
            ).first()
            field = "other_identifier"
        if self.existing_person:
            self._check_existing(cleaned, field)
        elif not self.errors:
            self._check_namesakes(cleaned)
        return cleaned

    def _check_namesakes(self, cleaned):
        same = [
            person for person in self.known.filter(birth_date=cleaned.get("birth_date"))
            if self._same_name(cleaned, person)
        ]
        if not same or cleaned.get("different_person"):
            return
        if cleaned.get("use_existing"):
            self.existing_person = same[0]
            self._check_existing(cleaned, "use_existing")
            return
        self.add_error("use_existing", _(
            "A person with this name and date of birth is already on record. If it is the same "
            "person, tick “Yes, add the person already on record”; if not, tick “No, this is a "
            "different person”."
        ))

    @staticmethod
    def _same_name(cleaned, person) -> bool:
        return (
            search_key(cleaned.get("first_name", "")) == search_key(person.first_name)
            and search_key(cleaned.get("last_name", "")) == search_key(person.last_name)
        )

    def _post_clean(self):
        # A PESEL already on record is not a duplicate here: clean() offered the existing person.
        if self.existing_person is None:
            self.instance.organisation = self.organisation
            super()._post_clean()

    def new_person(self) -> Person:
        person = self.save(commit=False)
        person.organisation = self.organisation
        return person

    def _check_existing(self, cleaned, field: str):
        person = self.existing_person
        same = self._same_name(cleaned, person) and cleaned.get("birth_date") == person.birth_date
        if not same:
            self.add_error(field, _(
                "This PESEL is already on record for a person with a different name or date "
                "of birth. Check the number; if the record is wrong, ask the coordinator."
            ) if field == "pesel" else _(
                "This identity document is already on record for a person with a different "
                "name or date of birth. Check the number; if the record is wrong, ask the "
                "coordinator."
            ))
        elif person.participations.filter(project=self.project).exists():
            self.add_error(field, _("This person is already recorded in this project."))
        elif not cleaned.get("use_existing"):
            self.add_error("use_existing", _(
                "A person with this PESEL is already on record (from another of your "
                "projects). Tick the box to add that person here instead of creating a duplicate."
            ) if field == "pesel" else _(
                "A person with this identity document is already on record (from another of "
                "your projects). Tick the box to add that person here instead of creating a "
                "duplicate."
            ))


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(
        label=_("Reason or note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    REASON_REQUIRED = {
        ParticipationStatus.REJECTED, ParticipationStatus.RESIGNED, ParticipationStatus.REMOVED,
    }

    def __init__(self, *args, participation, eligibility_problems=(), **kwargs):
        super().__init__(*args, **kwargs)
        next_statuses = TRANSITIONS[ParticipationStatus(participation.status)]
        self.fields["to_status"].choices = [
            (status.value, status.label) for status in next_statuses
        ]
        self.initial.setdefault("version", participation.version)
        if eligibility_problems and ParticipationStatus.QUALIFIED in next_statuses:
            self.fields["override"] = forms.BooleanField(
                required=False, label=_("Qualify despite the criteria not being met"),
                help_text=_("Give the reason above; it is kept in the recruitment log with the "
                            "criteria not met."),
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_status") in self.REASON_REQUIRED and not cleaned.get("reason"):
            self.add_error("reason", _("Give the reason for this decision."))
        return cleaned


class IndividualPathForm(forms.ModelForm):
    class Meta:
        model = IndividualPath
        fields = [
            "drawn_up_on", "problem_situation", "resources", "potential", "predispositions",
            "needs", "goals", "revision_reason",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields[1:]} | {
            "drawn_up_on": DateInput(),
        }

    def __init__(self, *args, first, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["drawn_up_on"].help_text = _(
            "The day the diagnosis and path were drawn up; the referrals take this date."
        )
        self.initial.setdefault("drawn_up_on", timezone.localdate())
        if first:
            del self.fields["revision_reason"]
        else:
            self.fields["revision_reason"].required = True


class PlannedSupportForm(forms.ModelForm):
    HOURS = ("group_hours", "individual_hours")

    class Meta:
        model = PlannedSupport
        fields = ["support_form", "group_hours", "individual_hours", "serves_goal"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.HOURS:
            # Empty rows stay empty (and are skipped); a blank number of hours means none.
            self.fields[name].required = False
            self.fields[name].initial = None
            self.fields[name].widget.attrs["min"] = 0

    def clean(self):
        cleaned = super().clean()
        for name in self.HOURS:
            if cleaned.get(name) is None:
                cleaned[name] = 0
                setattr(self.instance, name, 0)
        return cleaned


class BasePlannedSupportFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        chosen = [
            form.cleaned_data["support_form"]
            for form in self.forms
            if form.cleaned_data.get("support_form") and not form.cleaned_data.get("DELETE")
        ]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Each support form may be planned once."))


PlannedSupportFormSet = forms.modelformset_factory(
    PlannedSupport, form=PlannedSupportForm, formset=BasePlannedSupportFormSet, extra=3,
    can_delete=True,
)


def planned_support_formset(project, data=None, initial=None):
    formset = PlannedSupportFormSet(
        data, queryset=PlannedSupport.objects.none(), initial=initial, prefix="planned"
    )
    formset.extra = max(3, len(initial or []) + 1)
    support_forms = project.support_forms.all()
    choices = None
    for form in [*formset.forms, formset.empty_form]:
        field = form.fields["support_form"]
        field.queryset = support_forms
        choices = choices if choices is not None else list(field.choices)
        field.choices = choices
    return formset


class BulkStatusForm(forms.Form):
    """One step of the path for many people of one project and one current status."""

    participations = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("People"),
        error_messages={"required": _("Tick at least one person.")},
    )
    to_status = forms.ChoiceField(label=_("New status"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason or note"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    edition = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Edition"),
        help_text=_("For those who start without an edition."),
    )
    exit_reason = forms.ChoiceField(
        label=_("Reason for leaving"), required=False,
        choices=[("", "---------"), *ExitReason.choices],
    )
    situation_at_exit = forms.ChoiceField(
        label=_("Situation at exit"), required=False,
        choices=[("", "---------"), *SituationAtExit.choices],
    )
    path_completed = _boolean_choice_field(Participation._meta.get_field("path_completed"))

    def __init__(self, *args, project, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participations"].queryset = (
            project.participations.filter(status=current)
            .select_related("person", "project", "edition")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        self.fields["participations"].label_from_instance = lambda participation: (
            f"{participation.person.last_name} {participation.person.first_name}"
        )
        self.fields["to_status"].choices = [
            (status.value, status.label) for status in TRANSITIONS[ParticipationStatus(current)]
        ]
        self.fields["edition"].queryset = project.editions.all()

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("to_status") in StatusChangeForm.REASON_REQUIRED
                and not cleaned.get("reason", "").strip()):
            self.add_error("reason", _("Give the reason for this decision."))
        return cleaned
