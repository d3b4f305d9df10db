"""A person's identity and a new application (the person, new or already recorded, and
their participation as a candidate)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aktywizacja.concurrency import VersionedForm
from projects.forms import DateInput

from ..models import (
    Person,
    normalise_document,
    search_key,
)
from ..pesel import normalise_pesel

PERSON_FIELDS = ["first_name", "last_name", "pesel", "other_identifier", "sex", "birth_date"]


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
