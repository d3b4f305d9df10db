from django import forms

from projects.forms import DateInput

from .models import SupportForm


class SupportFormForm(forms.ModelForm):
    class Meta:
        model = SupportForm
        fields = [
            "name", "instrument", "mode", "provider", "staff_role", "start_date", "end_date",
            "planned_group_hours", "planned_individual_hours", "scope",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "scope": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = organisations
