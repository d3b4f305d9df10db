from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import DateInput

from .models import ClauseReceipt, Consent, ConsentKind
from .placeholders import unknown_placeholders


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class ConsentGiveForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["kind", "given_on"]
        widgets = {"given_on": DateInput()}

    def __init__(self, *args, in_force=(), **kwargs):
        super().__init__(*args, **kwargs)
        # What the person has already consented to is withdrawn first, then given again.
        self.fields["kind"].choices = [
            (value, label) for value, label in ConsentKind.choices if value not in in_force
        ]
        self.helper = _helper()


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("withdrawn on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ClauseReceiptForm(forms.ModelForm):
    class Meta:
        model = ClauseReceipt
        fields = ["version", "given_on"]
        widgets = {"given_on": DateInput()}

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.TypedChoiceField(
            label=self.fields["version"].label, help_text=self.fields["version"].help_text,
            choices=versions, coerce=int,
        )
        self.helper = _helper()


class TemplateForm(forms.Form):
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 24}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n")
        unknown = unknown_placeholders(body)
        if unknown:
            raise forms.ValidationError(
                _("Unknown placeholders: %(names)s. Use only those listed beside the text.")
                % {"names": ", ".join(f"{{{name}}}" for name in unknown)}
            )
        return body
