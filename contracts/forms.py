from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aktywizacja.concurrency import VersionedForm
from projects.forms import DateInput

from .models import CLOSING_OUTCOMES, ContractAction, MonitoringEntry, SocialContract

CONTRACT_FIELDS = [
    "signed_on",
    "valid_from",
    "valid_to",
    "next_review_on",
    "worker",
    "assessment",
    "goals",
]


def _row(*names):
    return Row(*(Column(name, css_class="col-md") for name in names))


def _textarea(rows):
    return forms.Textarea(attrs={"rows": rows})


class ContractFields(forms.ModelForm):
    class Meta:
        model = SocialContract
        fields = CONTRACT_FIELDS
        widgets = {
            "signed_on": DateInput(),
            "valid_from": DateInput(),
            "valid_to": DateInput(),
            "next_review_on": DateInput(),
            "assessment": _textarea(5),
            "goals": _textarea(4),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        project = self.instance.participation.project
        on_team = Q(memberships__project=project, memberships__is_active=True)
        if self.instance.worker_id:  # who signed it stays a choice after leaving the team
            on_team |= Q(pk=self.instance.worker_id)
        self.fields["worker"].queryset = (
            get_user_model().objects.filter(on_team).distinct().order_by("last_name", "first_name")
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *[name for name in ("version",) if name in self.fields],
            Fieldset(_("Part I: the parties"), _row(*self._first_row())),
            Fieldset(_("Period"), _row("valid_from", "valid_to", "next_review_on")),
            Fieldset(_("Part II: assessment and goals"), "assessment", "goals"),
        )

    def _first_row(self):
        return [name for name in ("kind", "signed_on", "worker") if name in self.fields]


class ContractCreateForm(ContractFields):
    class Meta(ContractFields.Meta):
        fields = ["kind", *CONTRACT_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].help_text = _(
            "A social contract for a client of the centre; for anyone else, an agreement "
            "modelled on it."
        )


# The terms an annex changes: once annexed, the edit form no longer offers them.
ANNEXED_TERMS = ["signed_on", "valid_from", "valid_to", "assessment", "goals"]


class ContractUpdateForm(VersionedForm, ContractFields):
    class Meta(ContractFields.Meta):
        fields = CONTRACT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.amendments.exists():
            for name in ANNEXED_TERMS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "The contract has annexes: its terms change by a further annex."
                )


class ContractActionForm(forms.ModelForm):
    prefix = "action"

    class Meta:
        model = ContractAction
        fields = ["party", "description", "deadline", "responsible"]
        widgets = {"description": _textarea(2), "deadline": DateInput()}


class MonitoringForm(forms.ModelForm):
    prefix = "monitoring"
    next_review_on = forms.DateField(
        label=_("Next review on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty when no further review is planned."),
    )

    class Meta:
        model = MonitoringEntry
        fields = ["date", "progress", "note"]
        widgets = {"date": DateInput(), "note": _textarea(3)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate


class ContractVersionForm(forms.Form):
    """A change of the contract itself, made from the contract page: it carries the version."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", contract.version)


def _model_field(name, **kwargs):
    return SocialContract._meta.get_field(name).formfield(**kwargs)


class AmendmentForm(ContractVersionForm):
    prefix = "amendment"
    date = forms.DateField(label=_("Date of the amendment"), widget=DateInput())
    description = forms.CharField(label=_("What changes"), widget=_textarea(3))
    valid_to = _model_field("valid_to", widget=DateInput())
    goals = _model_field("goals", widget=_textarea(4))
    assessment = _model_field("assessment", widget=_textarea(4))

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, contract=contract, **kwargs)
        self.initial.setdefault("date", timezone.localdate())
        for name in ("valid_to", "goals", "assessment"):
            self.initial.setdefault(name, getattr(contract, name))


class CloseForm(ContractVersionForm):
    prefix = "close"
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[(outcome.value, outcome.label) for outcome in CLOSING_OUTCOMES]
    )
    final_assessment = _model_field("final_assessment", widget=_textarea(4), required=True)
    final_assessed_on = forms.DateField(
        label=_("Date of the final assessment"), widget=DateInput(), initial=timezone.localdate
    )


class ActionDoneForm(forms.Form):
    done = forms.BooleanField(required=False)
