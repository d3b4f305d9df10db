from django import forms
from django.utils.translation import gettext_lazy as _

from aktywizacja.concurrency import VersionedForm
from projects.forms import DateInput

from .models import Internship, InternshipOutcome, JobSupportContact


def _textarea(rows):
    return forms.Textarea(attrs={"rows": rows})


class InternshipForm(forms.ModelForm):
    class Meta:
        model = Internship
        fields = [
            "employer", "position", "mentor_name", "start_date", "end_date", "monthly_stipend",
            "support_form",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        localized_fields = ["monthly_stipend"]  # typed with a decimal comma, 1994,40

    def __init__(self, *args, organisations, support_forms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = organisations
        self.fields["employer"].help_text = _(
            "An organisation on record with its NIP; add the employer under Organisations first."
        )
        self.fields["end_date"].help_text = _(
            "An internship lasts from 3 to 6 months, e.g. 01.03 – 31.05 is three months."
        )
        self.fields["support_form"].queryset = support_forms


class InternshipUpdateForm(VersionedForm, InternshipForm):
    """The terms being changed: carries the version opened, to refuse overwriting a later save."""


class InternshipCloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (value, label) for value, label in InternshipOutcome.choices
            if value != InternshipOutcome.IN_PROGRESS
        ],
    )
    outcome_notes = forms.CharField(
        label=_("Notes on the outcome"), required=False, widget=_textarea(3),
        help_text=_("Required for an interrupted internship: say why."),
    )


class MonthForm(forms.Form):
    """One month of an internship's attendance: both numbers, or neither for a month to come."""

    days_planned = forms.IntegerField(
        label=_("Working days planned"), required=False, min_value=0, max_value=31
    )
    days_present = forms.IntegerField(
        label=_("Days present"), required=False, min_value=0, max_value=31
    )

    def clean(self):
        data = super().clean()
        planned, present = data.get("days_planned"), data.get("days_present")
        if (planned is None) != (present is None) and not self.errors:
            raise forms.ValidationError(
                _("Enter both the working days planned and the days present.")
            )
        if planned is not None and present is not None and present > planned:
            self.add_error(
                "days_present", _("Days present cannot exceed the working days planned.")
            )
        return data


MonthFormSet = forms.formset_factory(MonthForm, extra=0)


class JobSupportContactForm(forms.ModelForm):
    class Meta:
        model = JobSupportContact
        fields = [
            "kind", "date", "employer", "employer_name", "position", "staff_name",
            "duration_minutes", "notes", "support_form",
        ]
        widgets = {"date": DateInput(), "notes": _textarea(3)}

    def __init__(self, *args, organisations, support_forms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = organisations
        self.fields["employer_name"].help_text = _(
            "For an employer not on record; an offer, interview or placement needs one of the two."
        )
        self.fields["support_form"].queryset = support_forms
