from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import DateInput


class LogFilterForm(forms.Form):
    """The access log's filters; posted, so that a PESEL typed never stands in an address."""

    person = forms.CharField(
        label=_("Participant (name or PESEL)"), required=False, max_length=100,
    )
    user = forms.ModelChoiceField(label=_("User"), queryset=None, required=False,
                                  empty_label=_("any user"))
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", _("The period ends on or after the day it starts."))
        return data
