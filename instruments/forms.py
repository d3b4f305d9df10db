from django import forms

from projects.forms import DateInput

from .models import Session, SupportForm


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


class TimeInput(forms.TimeInput):
    def __init__(self, attrs=None):
        super().__init__({"type": "time", **(attrs or {})}, format="%H:%M")


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "kind", "date", "start_time", "end_time", "hours_unit", "place", "staff_name",
            "participation",
        ]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participation"].queryset = participations
        self.fields["participation"].label_from_instance = lambda p: str(p.person)
