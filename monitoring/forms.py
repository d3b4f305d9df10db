import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # 10,000 rows of the layout fit with room to spare


class ImportFileForm(forms.Form):
    """The file to check; it is read in memory and never stored."""

    file = forms.FileField(
        label=_("File (XLSX or CSV in the layout of the export)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than %(size)s MB.") % {
                "size": MAX_UPLOAD_BYTES // (1024 * 1024)
            })
        self.data_bytes = uploaded.read()
        return uploaded

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data_bytes).hexdigest()


class ImportConfirmForm(ImportFileForm):
    """The same file again, as checked in the preview, and what to do with invalid rows."""

    only_valid = forms.BooleanField(
        label=_("Import only the valid rows and leave out the rows with errors"), required=False
    )

    def __init__(self, *args, **kwargs):
        # Shown on the page above the upload form: its fields need ids of their own.
        super().__init__(*args, auto_id="id_confirm_%s", **kwargs)
