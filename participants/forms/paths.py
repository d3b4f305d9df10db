"""The needs diagnosis and IŚR, with the support it plans (a formset)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.forms import DateInput

from ..models import (
    IndividualPath,
    PlannedSupport,
)


class IndividualPathForm(forms.ModelForm):
    class Meta:
        model = IndividualPath
        fields = [
            "drawn_up_on", "problem_situation", "resources", "potential", "predispositions",
            "needs", "goals", "revision_reason", "review_on",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields[1:-1]} | {
            "drawn_up_on": DateInput(), "review_on": DateInput(),
        }

    def __init__(self, *args, first, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["drawn_up_on"].help_text = _(
            "The day the diagnosis and path were drawn up; the referrals take this date."
        )
        self.initial.setdefault("drawn_up_on", timezone.localdate())
        if first:
            del self.fields["revision_reason"]
        else:
            self.fields["revision_reason"].required = True


class PlannedSupportForm(forms.ModelForm):
    HOURS = ("group_hours", "individual_hours")

    class Meta:
        model = PlannedSupport
        fields = ["support_form", "group_hours", "individual_hours", "serves_goal"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.HOURS:
            # Empty rows stay empty (and are skipped); a blank number of hours means none.
            self.fields[name].required = False
            self.fields[name].initial = None
            self.fields[name].widget.attrs["min"] = 0

    def clean(self):
        cleaned = super().clean()
        for name in self.HOURS:
            if cleaned.get(name) is None:
                cleaned[name] = 0
                setattr(self.instance, name, 0)
        return cleaned


class BasePlannedSupportFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        chosen = [
            form.cleaned_data["support_form"]
            for form in self.forms
            if form.cleaned_data.get("support_form") and not form.cleaned_data.get("DELETE")
        ]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Each support form may be planned once."))


PlannedSupportFormSet = forms.modelformset_factory(
    PlannedSupport, form=PlannedSupportForm, formset=BasePlannedSupportFormSet, extra=3,
    can_delete=True,
)


def planned_support_formset(project, data=None, initial=None):
    formset = PlannedSupportFormSet(
        data, queryset=PlannedSupport.objects.none(), initial=initial, prefix="planned"
    )
    support_forms = project.support_forms.all()
    # A row for every support form of the project (each can be planned once): a path planning
    # all of them is one save, however many there are.
    formset.extra = max(1, len(support_forms), len(initial or []) + 1)
    choices = None
    for form in [*formset.forms, formset.empty_form]:
        field = form.fields["support_form"]
        field.queryset = support_forms
        choices = choices if choices is not None else list(field.choices)
        field.choices = choices
    return formset
