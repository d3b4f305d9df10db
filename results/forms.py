from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from projects.access import scoped
from projects.forms import DateInput
from projects.models import Organisation

from .models import Employment, SocialProgress


class EmploymentForm(forms.ModelForm):
    class Meta:
        model = Employment
        fields = [
            "contract_type", "employer", "employer_name", "position", "start_date", "end_date",
            "working_time", "contract_value", "evidence",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only organisations the user may see can be picked (a posted other id is refused).
        self.fields["employer"].queryset = scoped(user, Organisation).order_by("name")
        # Effectiveness is audited: a result counts only with the document that proves it.
        self.fields["evidence"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False


class SocialProgressForm(forms.ModelForm):
    class Meta:
        model = SocialProgress
        fields = ["description", "evidence", "date"]
        widgets = {"date": DateInput()}
        help_texts = {
            "description": _("e.g. contract goals reached, therapy completed, housing regained"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
