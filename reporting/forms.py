"""The forms of the reporting pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import DateInput


class ClaimPeriodForm(forms.Form):
    """The period of a payment claim: from and to, both days included, inside the project."""

    od = forms.DateField(label=_("From"), widget=DateInput())
    do = forms.DateField(label=_("To"), widget=DateInput())

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean(self):
        data = super().clean()
        first, last = data.get("od"), data.get("do")
        if first and last and last < first:
            self.add_error("do", _("The period ends on or after the day it starts."))
        elif first and last and not self.project.contains_period(first, last):
            self.add_error(None, self.project.period_error())
        return data
