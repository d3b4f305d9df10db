from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import DateInput

from .models import TrainingCourse, TrainingResult
from .services import ATTENDANCE_RANGE_ERROR, ResultChange


class CourseSetUpForm(forms.ModelForm):
    # Without the model's validators: one clear message for the whole range.
    min_attendance_percent = forms.IntegerField(
        label=TrainingCourse._meta.get_field("min_attendance_percent").verbose_name,
        help_text=TrainingCourse._meta.get_field("min_attendance_percent").help_text,
    )

    class Meta:
        model = TrainingCourse
        fields = ["min_attendance_percent", "exam_required", "leads_to_qualification",
                  "certifying_body", "competence_scope", "competence_standard"]
        widgets = {"competence_scope": forms.Textarea(attrs={"rows": 3}),
                   "competence_standard": forms.Textarea(attrs={"rows": 3})}

    def clean_min_attendance_percent(self):
        value = self.cleaned_data["min_attendance_percent"]
        if not 0 <= value <= 100:
            raise forms.ValidationError(ATTENDANCE_RANGE_ERROR)
        return value


class RowVersionField(forms.IntegerField):
    """The version of a row as the page showed it; empty for a row not saved yet.

    Never counts as a change: a row is saved because its values changed, not its version.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


class ResultForm(forms.ModelForm):
    """One row of the results table: an enrolled participant's exam and document."""

    version = RowVersionField()

    class Meta:
        model = TrainingResult
        fields = ["exam_result", "exam_date", "document_kind", "document_body",
                  "document_number", "document_date"]
        widgets = {"exam_date": DateInput(), "document_date": DateInput()}

    def __init__(self, *args, participation, **kwargs):
        super().__init__(*args, **kwargs)
        self.participation = participation
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label}: {participation.person}"

    def change(self) -> ResultChange:
        values = dict(self.cleaned_data)
        return ResultChange(self.participation, values.pop("version"), values)


class ResultRows(list):
    """The results table: a ResultForm for each person enrolled, saved at once (so valid only
    when every row is). A row's fields are named after its participation (``p12-exam_date``)."""

    @classmethod
    def of_course(cls, course, outcomes, data=None) -> "ResultRows":
        return cls(
            ResultForm(
                data,
                instance=outcome.result
                or TrainingResult(course=course, participation=outcome.participation),
                participation=outcome.participation,
                prefix=f"p{outcome.participation.pk}",
                initial=None if outcome.result else {"document_body": course.certifying_body},
            )
            for outcome in outcomes
        )

    def is_valid(self) -> bool:
        return all([row.is_valid() for row in self])  # every row checked: each shows its errors

    def changed(self) -> list[ResultForm]:
        return [row for row in self if row.has_changed()]

    def of(self, participation) -> ResultForm:
        return next(row for row in self if row.participation == participation)

    def error_lines(self) -> list:
        """The rows' errors for the summary at the top: a field's linked to that field."""
        lines = []
        for row in self:
            person = row.participation.person
            lines += [f"{person}: {error}" for error in row.non_field_errors()]
            lines += [
                {"label": f"{person}, {field.label}", "message": error, "field_id": field.auto_id}
                for field in row for error in field.errors
            ]
        return lines


class CloseForm(forms.Form):
    completed_on = forms.DateField(label=_("Course closed on"), widget=DateInput())
