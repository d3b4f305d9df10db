from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from aktywizacja.concurrency import VersionedForm
from participants.models import ParticipationStatus
from projects.forms import DateInput

from .models import WEEKDAYS, HoursUnit, Session, SupportForm, SupportGroup


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


class SupportGroupForm(forms.ModelForm):
    class Meta:
        model = SupportGroup
        fields = ["number", "name", "edition", "staff_name"]

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions


SupportGroupFormSet = forms.inlineformset_factory(
    SupportForm, SupportGroup, form=SupportGroupForm, extra=1, can_delete=True
)


def support_group_rows(support_form, data=None):
    """The groups the support form runs in, edited with it (none: one group, as before)."""
    return SupportGroupFormSet(
        data, instance=support_form, prefix="groups",
        form_kwargs={"editions": support_form.project.editions.all()},
    )


def offer_groups(form, support_form) -> None:
    """The ``group`` field of a form offers the support form's groups; without groups it goes."""
    groups = support_form.groups.select_related("edition")
    if groups:
        form.fields["group"].queryset = groups
    else:
        del form.fields["group"]


class TimeInput(forms.TimeInput):
    """A time typed as 10:30, 24-hour: a plain text field, because the browsers' time field
    follows the computer's locale and, on an English system, asks for AM and PM."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": _("hh:mm"), "inputmode": "numeric", "autocomplete": "off",
                    "size": 5}
        super().__init__({**defaults, **(attrs or {})}, format="%H:%M")


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "kind", "date", "start_time", "end_time", "hours_unit", "place", "staff_name",
            "participation", "group",
        ]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}

    def __init__(self, *args, participations, support_form, **kwargs):
        super().__init__(*args, **kwargs)
        offer_groups(self, support_form)
        self.fields["participation"].queryset = participations
        self.fields["participation"].label_from_instance = lambda p: str(p.person)


class SessionUpdateForm(VersionedForm, SessionForm):
    """A session being corrected: carries the version opened, to refuse overwriting a later save."""


class AgendaFilterForm(forms.Form):
    DEFAULT_DAYS = 14

    project = forms.ModelChoiceField(
        label=_("Project"), queryset=None, required=False, empty_label=_("all my projects")
    )
    days = forms.TypedChoiceField(
        label=_("How far ahead"), coerce=int, required=False, initial=DEFAULT_DAYS,
        choices=[(7, _("next 7 days")), (14, _("next 14 days")), (31, _("next 31 days"))],
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["project"].label_from_instance = lambda project: project.short_name


class ReferralWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput())
    withdrawal_reason = forms.CharField(
        label=_("Reason for the withdrawal"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. the revised path no longer plans this support"),
    )


class ReferralBulkForm(forms.Form):
    """Many participants referred to one support form at once, with the date of the referral."""

    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput())
    group = forms.ModelChoiceField(queryset=None, required=False, label=_("Group"))
    participations = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Participants"),
        error_messages={"required": _("Tick at least one person.")},
    )

    def __init__(self, *args, support_form, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_groups(self, support_form)
        # Qualified candidates (the path is drawn up before the start) and participants who are
        # not yet referred here, of those the user may see.
        field = self.fields["participations"]
        field.queryset = (
            support_form.project.participations.for_user(user).filter(
                status__in=[ParticipationStatus.QUALIFIED, ParticipationStatus.PARTICIPANT]
            )
            .exclude(referrals__support_form=support_form)
            .select_related("person", "project")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        field.label_from_instance = lambda participation: (
            f"{participation.person.last_name} {participation.person.first_name}"
        )


class SessionSeriesForm(forms.Form):
    """A timetable: group sessions on the chosen weekdays of a date range, at the same times."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one weekday.")},
    )
    first_date = forms.DateField(label=_("From"), widget=DateInput())
    last_date = forms.DateField(label=_("To"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    hours_unit = forms.ChoiceField(label=_("Hours unit"), choices=HoursUnit.choices,
                                   initial=HoursUnit.CLOCK)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    staff_name = forms.CharField(label=_("Staff"), max_length=200, required=False)
    group = forms.ModelChoiceField(queryset=None, required=False, label=_("Group"))

    def __init__(self, *args, support_form, **kwargs):
        super().__init__(*args, **kwargs)
        offer_groups(self, support_form)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_date"), cleaned.get("last_date")
        if first and last and last < first:
            self.add_error("last_date", _("The timetable cannot end before it starts."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("A session must end after it starts."))
        return cleaned


class SessionSeriesChangeForm(forms.Form):
    """New times, place and staff for a timetable's sessions still to come."""

    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    staff_name = forms.CharField(label=_("Staff"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("A session must end after it starts."))
        return cleaned


class ConsultationLogForm(forms.Form):
    """What the consultations of one log share: who held them, where, in which hours."""

    staff_name = forms.CharField(label=_("Staff"), max_length=200, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    hours_unit = forms.ChoiceField(label=_("Hours unit"), choices=HoursUnit.choices,
                                   initial=HoursUnit.CLOCK)


class ChosenAmong(forms.ModelChoiceField):
    """A choice among records read once for every line of a table form: neither checking the
    choice nor listing the options asks the database again, line by line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, queryset=None, **kwargs)
        self.known = {}

    def offer(self, records, label=str):
        self.known = {str(record.pk): record for record in records}
        self.choices = [("", self.empty_label),
                        *((record.pk, label(record)) for record in records)]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.known[str(getattr(value, "pk", value))]
        except KeyError:
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice") from None


class ConsultationLineForm(forms.Form):
    """One consultation of the log; an empty line is skipped."""

    participation = ChosenAmong(label=_("Participant"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("From"), widget=TimeInput())
    end_time = forms.TimeField(label=_("To"), widget=TimeInput())

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participation"].offer(participations, label=lambda p: str(p.person))

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("A consultation ends after it starts."))
        return data


def consultation_lines(participations, data=None, lines: int = 10):
    """The log's lines: ``lines`` empty ones to fill in, people chosen from ``participations``
    (read once for all the lines)."""
    formset = forms.formset_factory(ConsultationLineForm, extra=lines)
    return formset(data, form_kwargs={"participations": list(participations)}, prefix="lines")
