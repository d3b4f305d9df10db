"""One step of the recruitment path, for one person or for many at once."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.forms import DateInput

from ..codelists import (
    ExitReason,
    SituationAtExit,
)
from ..models import (
    TRANSITIONS,
    Participation,
    ParticipationStatus,
    status_label,
)
from .participation import boolean_choice_field


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(
        label=_("Reason or note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    REASON_REQUIRED = {
        ParticipationStatus.REJECTED, ParticipationStatus.RESIGNED, ParticipationStatus.REMOVED,
    }

    def __init__(self, *args, participation, eligibility_problems=(), **kwargs):
        super().__init__(*args, **kwargs)
        next_statuses = TRANSITIONS[ParticipationStatus(participation.status)]
        self.fields["to_status"].choices = [
            (status.value, status_label(status, participation.person.sex))
            for status in next_statuses
        ]
        self.initial.setdefault("version", participation.version)
        if eligibility_problems and ParticipationStatus.QUALIFIED in next_statuses:
            self.fields["override"] = forms.BooleanField(
                required=False, label=_("Qualify despite the criteria not being met"),
                help_text=_("Give the reason above; it is kept in the recruitment log with the "
                            "criteria not met."),
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_status") in self.REASON_REQUIRED and not cleaned.get("reason"):
            self.add_error("reason", _("Give the reason for this decision."))
        return cleaned


class BulkStatusForm(forms.Form):
    """One step of the path for many people of one project and one current status."""

    participations = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("People"),
        error_messages={"required": _("Tick at least one person.")},
    )
    to_status = forms.ChoiceField(label=_("New status"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason or note"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    edition = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Edition"),
        help_text=_("For those who start without an edition."),
    )
    exit_reason = forms.ChoiceField(
        label=_("Reason for leaving"), required=False,
        choices=[("", "---------"), *ExitReason.choices],
    )
    situation_at_exit = forms.ChoiceField(
        label=_("Situation at exit"), required=False,
        choices=[("", "---------"), *SituationAtExit.choices],
    )
    path_completed = boolean_choice_field(Participation._meta.get_field("path_completed"))

    def __init__(self, *args, project, current: str, listed, **kwargs):
        """``listed``: the participations of ``project`` with the status ``current`` that the
        page lists, the only ones that may be ticked."""
        super().__init__(*args, **kwargs)
        self.fields["participations"].queryset = (
            listed.select_related("person", "project", "edition")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        self.fields["participations"].label_from_instance = lambda participation: (
            f"{participation.person.last_name} {participation.person.first_name}"
        )
        self.fields["to_status"].choices = [
            (status.value, status.label) for status in TRANSITIONS[ParticipationStatus(current)]
        ]
        self.fields["edition"].queryset = project.editions.all()

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("to_status") in StatusChangeForm.REASON_REQUIRED
                and not cleaned.get("reason", "").strip()):
            self.add_error("reason", _("Give the reason for this decision."))
        return cleaned
