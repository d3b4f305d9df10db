from django import forms
from django.utils.translation import gettext_lazy as _

from aktywizacja.concurrency import VersionedForm
from projects.forms import DateInput

from .models import Event


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["kind", "title", "start_date", "end_date", "places", "description"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class EventUpdateForm(VersionedForm, EventForm):
    """An event being changed: carries the version opened, to refuse overwriting a later save."""


class AttendeesForm(forms.Form):
    """Who attended: a tick box for each participant of the event's project."""

    participations = forms.ModelMultipleChoiceField(
        label=_("Attended"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=None,
    )

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["participations"]
        field.queryset = participations
        field.label_from_instance = lambda p: f"{p.person.last_name} {p.person.first_name}"
