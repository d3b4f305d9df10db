from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import DateInput

from .models import DocumentKind, DossierFile
from .uploads import NAME_REFUSED, check_upload


class DossierFileForm(forms.ModelForm):
    """A scan or photo of a signed document: its kind, its date and the file, checked here
    (``self.checked`` is what the service stores)."""

    upload = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        error_messages={"required": _("Choose the file to add.")},
    )

    class Meta:
        model = DossierFile
        fields = ["kind", "date"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, names_sent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.names_sent = names_sent or {}
        self.checked = None
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_upload(self):
        uploaded = self.cleaned_data["upload"]
        self.checked = check_upload(uploaded, sent_name=self.names_sent.get(uploaded.name))
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if "" in self.names_sent and self.checked is None:
            # Django drops a file named "." or ".." altogether: say why, not "choose a file".
            self.errors.pop("upload", None)
            self.add_error("upload", forms.ValidationError(NAME_REFUSED, code="name"))
        return cleaned


class RemovalForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the file removed?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=_("e.g. a wrong person's document, an unreadable scan, added twice"),
        error_messages={"required": _("Give the reason for removing the file.")},
    )


class RequiredKindsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Documents required before someone becomes a participant"),
        choices=DocumentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
