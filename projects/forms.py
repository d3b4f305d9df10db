import operator
import re
from functools import reduce

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from aktywizacja.concurrency import VersionedForm
from aktywizacja.declension import propose_accusative

from .models import (
    Commune,
    Edition,
    IndicatorDefinition,
    IndicatorTarget,
    Membership,
    Organisation,
    Project,
    Signatory,
    SupportAreaCommune,
    chosen_commune,
)
from .models.signatories import clash_message
from .validators import normalise_nip, normalise_regon


class DateInput(forms.DateInput):
    """A date typed as Poles write it, 15.03.2025, whatever the browser's language.

    A plain text field: the browsers' date pickers read typed digits in the order of the
    computer's locale, which in offices is often not Polish.
    """

    def __init__(self, attrs=None):
        defaults = {"placeholder": _("dd.mm.yyyy"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})}, format="%d.%m.%Y")


class OrganisationForm(forms.ModelForm):
    # Wider than the stored digits: people type the numbers with dashes and spaces.
    nip = forms.CharField(label=_("NIP"), max_length=16, required=False,
                          help_text=Organisation._meta.get_field("nip").help_text)
    regon = forms.CharField(label=_("REGON"), max_length=20, required=False,
                            help_text=Organisation._meta.get_field("regon").help_text)

    class Meta:
        model = Organisation
        fields = [
            "name", "name_accusative", "short_name", "kind", "nip", "regon",
            "street", "postcode", "town", "head_name", "head_title",
        ]

    def clean_nip(self):
        value = self.cleaned_data["nip"]
        return normalise_nip(value) if value else ""

    def clean_regon(self):
        value = self.cleaned_data["regon"]
        return normalise_regon(value) if value else ""


class SignatoryForm(forms.ModelForm):
    class Meta:
        model = Signatory
        fields = ["kind", "title", "name", "valid_from", "valid_to"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}

    def _post_clean(self):
        # The periods are checked all together by the rows (SignatoryRows), as they will be
        # once saved: a row ended and a new one begun in the same save do not clash.
        self.instance.periods_checked_together = True
        super()._post_clean()

    def validate_unique(self):
        exclude = self._get_validation_exclusions() | {"organisation"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class SignatoryRows(forms.BaseInlineFormSet):
    """An organisation's signatories: two periods of one kind of document never share a day.
    The error goes on the later row's start, naming the row it clashes with."""

    def clean(self):
        super().clean()
        kept = [
            form for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
            and not form.errors
        ]
        for number, form in enumerate(kept):
            row = form.instance
            clash = next((earlier.instance for earlier in kept[:number]
                          if earlier.instance.kind == row.kind
                          and earlier.instance.overlaps(row)), None)
            if clash is not None:
                form.add_error("valid_from", clash_message(clash))


SignatoryFormSet = forms.inlineformset_factory(
    Organisation, Signatory, form=SignatoryForm, formset=SignatoryRows, extra=1, can_delete=True
)


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title", "short_name", "agreement_number", "programme",
            "priority", "measure", "sub_measure", "lead_beneficiary", "partners",
            "start_date", "end_date", "support_area_description", "target_group", "goal",
            "eligible_min_age", "eligible_max_age", "centre_clients_only", "keep_until",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "keep_until": DateInput(),
            "partners": forms.CheckboxSelectMultiple(),
            "target_group": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "support_area_description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_beneficiary"].queryset = organisations
        self.fields["partners"].queryset = organisations

    def clean(self):
        cleaned = super().clean()
        lead = cleaned.get("lead_beneficiary")
        if lead and lead in cleaned.get("partners", []):
            self.add_error("partners", _("The lead beneficiary cannot also be its own partner."))
        return cleaned


class OrganisationUpdateForm(VersionedForm, OrganisationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty declined name is proposed from the name; the person saves or corrects it.
        if self.instance.name and not self.instance.name_accusative:
            self.initial["name_accusative"] = propose_accusative(self.instance.name)


class ProjectUpdateForm(VersionedForm, ProjectForm):
    area_codes = forms.CharField(
        label=_("Add communes by TERYT code"), required=False,
        widget=forms.Textarea(attrs={"rows": 2, "inputmode": "numeric"}),
        help_text=_("Many at once: 7-digit commune codes separated by spaces, commas or lines; "
                    "a 4-digit county code adds all its communes. They join the support area "
                    "when the project is saved."),
    )

    def clean_area_codes(self) -> list:
        """The communes the codes name, from the TERYT list (each unknown code is named)."""
        codes = re.findall(r"\d+", self.cleaned_data["area_codes"])
        if not codes:
            return []
        if not Commune.objects.exists():
            raise ValidationError(_("The TERYT list is not loaded: add the communes one by one."))
        wrong = [code for code in codes if len(code) not in (4, 7)]
        if wrong:
            raise ValidationError(_("Not a commune (7 digits) or county (4 digits) code: "
                                    "%(codes)s.") % {"codes": ", ".join(wrong)})
        communes = {
            commune.code: commune
            for commune in Commune.objects.filter(
                reduce(operator.or_, [Q(code__startswith=code) if len(code) == 4
                                      else Q(code=code) for code in codes])
            )
        }
        unknown = [code for code in codes
                   if not any(found.startswith(code) for found in communes)]
        if unknown:
            raise ValidationError(_("No commune or county on the TERYT list has this code: "
                                    "%(codes)s.") % {"codes": ", ".join(unknown)})
        return sorted(communes.values(), key=lambda commune: commune.code)


class ProjectChildFormSet(forms.BaseInlineFormSet):
    """Inline rows validated against the project as it is being edited, not as it was saved."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.project = self.instance
        return form


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["number", "name", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


TERYT_DATALIST = "teryt-communes"


class CommuneInput(forms.TextInput):
    """A text field that offers the TERYT code list (the page's <datalist>), typed or chosen."""

    def __init__(self, attrs=None):
        super().__init__({"list": TERYT_DATALIST, "autocomplete": "off", **(attrs or {})})


class TerytField(forms.CharField):
    """A commune of the TERYT list, chosen as the list shows it ("… [0608011]") or as its code."""

    widget = CommuneInput

    def __init__(self, *args, max_length=None, **kwargs):
        super().__init__(*args, **kwargs)  # the label chosen is longer than the code it holds

    def to_python(self, value):
        value = super().to_python(value)
        found = re.search(r"(\d{7})\]?\s*$", value)
        return found.group(1) if found else value

    def prepare_value(self, value):
        commune = Commune.objects.filter(code=value).first() if value else None
        return commune.label if commune else value


class TerytNamesMixin:
    """With the code list loaded, the commune is chosen from it and names the rest."""

    teryt_field = "teryt"
    teryt_required = True  # once the list is loaded (a participant's residence may stay unknown)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if Commune.objects.exists():
            for name in ("voivodeship", "county", "commune"):
                self.fields[name].required = False
                self.fields[name].help_text = _("Filled from the TERYT code list.")

    def clean(self):
        cleaned = super().clean()
        try:
            commune = chosen_commune(cleaned.get(self.teryt_field, ""), field=self.teryt_field)
        except ValidationError as error:
            self.add_error(self.teryt_field, error.messages)
            return cleaned
        if commune is not None:
            cleaned.update(commune=commune.name, county=commune.county,
                           voivodeship=commune.voivodeship)
        elif self.teryt_required and Commune.objects.exists() and not cleaned.get(
            self.teryt_field
        ):
            self.add_error(self.teryt_field, _("Choose the commune from the TERYT list."))
        return cleaned


class SupportAreaCommuneForm(TerytNamesMixin, forms.ModelForm):
    class Meta:
        model = SupportAreaCommune
        fields = [
            "teryt", "voivodeship", "county", "commune",
            "revitalisation_only", "revitalisation_areas",
        ]
        widgets = {"revitalisation_areas": forms.Textarea(attrs={"rows": 1})}
        field_classes = {"teryt": TerytField}


class SupportAreaRows(ProjectChildFormSet):
    """A commune once in the area: the same TERYT code, or for a commune typed without one the
    same names, twice among the rows is refused (the database's conditional rule cannot be
    checked row against row before saving)."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not form.has_changed() and not form.instance.pk:
                continue
            key = data.get("teryt") or (data.get("voivodeship"), data.get("county"),
                                         data.get("commune"))
            if key in seen:
                raise ValidationError(_("This commune is listed twice in the support area."))
            seen.add(key)


class IndicatorTargetForm(forms.ModelForm):
    class Meta:
        model = IndicatorTarget
        fields = ["indicator", "target_value"]


class TeamFormSet(ProjectChildFormSet):
    def clean(self):
        super().clean()
        remaining = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not any(
            row.get("role") == Role.COORDINATOR and row.get("is_active") for row in remaining
        ):
            raise ValidationError(
                _("The team must keep at least one active project coordinator.")
            )


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "role", "is_active"]


def _formset(form, formset=ProjectChildFormSet):
    return forms.inlineformset_factory(
        Project, form.Meta.model, form=form, formset=formset, extra=1, can_delete=True
    )


EditionFormSet = _formset(EditionForm)
SupportAreaFormSet = _formset(SupportAreaCommuneForm, SupportAreaRows)
IndicatorTargetFormSet = _formset(IndicatorTargetForm)
MembershipFormSet = _formset(MembershipForm, TeamFormSet)


def project_formsets(project, data=None):
    """The parts of a project edited on its page, in the order they are shown."""
    team_candidates = get_user_model().objects.filter(
        Q(is_active=True)
        & (
            Q(organisation=project.lead_beneficiary_id)
            | Q(organisation__in=project.partners.all())
            | Q(memberships__project=project)
        )
    ).distinct().order_by("last_name", "first_name")
    formsets = {
        "editions": EditionFormSet(data, instance=project, prefix="editions"),
        "support_area": SupportAreaFormSet(data, instance=project, prefix="area"),
        "targets": IndicatorTargetFormSet(data, instance=project, prefix="targets"),
        "team": MembershipFormSet(data, instance=project, prefix="team"),
    }
    _share_choices(formsets["team"], "user", team_candidates)
    _share_choices(formsets["targets"], "indicator", IndicatorDefinition.objects.all())
    return formsets


def _share_choices(formset, field_name: str, queryset) -> None:
    """One query for a drop-down's choices, whatever the number of rows."""
    forms_ = [*formset.forms, formset.empty_form]
    forms_[0].fields[field_name].queryset = queryset
    choices = list(forms_[0].fields[field_name].choices)
    for form in forms_:
        form.fields[field_name].queryset = queryset
        form.fields[field_name].choices = choices
