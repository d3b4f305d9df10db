"""The consultation log: many individual consultations of a support form in one table form."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aktywizacja.views import FormScreen
from projects.access import ProjectScreen

from ..forms import ConsultationLogForm, consultation_lines
from ..services import Consultation, consultations_record
from .lookups import ADD_SESSION, referred, support_form_for


class ConsultationLog(ProjectScreen, FormScreen):
    """Consultations typed in from the counsellor's log: person, day and hours on each line,
    the staff and place once; each recorded as a consultation the person attended."""

    template_name = "instruments/consultation_log.html"
    form_class = ConsultationLogForm

    def find(self):
        self.support_form = support_form_for(self.request, self.kwargs["support_form_pk"],
                                             ADD_SESSION)
        self.project = self.support_form.project

    def get_initial(self):
        last = self.support_form.sessions.exclude(staff_name="").order_by("-date", "-pk").first()
        return {"staff_name": last.staff_name, "place": last.place} if last else {}

    def get_formsets(self, data=None):
        return {"lines": consultation_lines(referred(self.support_form, self.request.user), data)}

    def get_context_data(self, **kwargs):
        lines = self.formsets["lines"]
        line_errors = [*lines.non_form_errors()] if lines.is_bound else []
        for number, line in enumerate(lines if lines.is_bound else [], start=1):
            line_errors += [
                _("Line %(line)s, %(field)s: %(error)s") % {
                    "line": number, "field": line.fields[name].label, "error": error,
                }
                for name, errors in line.errors.items() for error in errors
            ]
        return super().get_context_data(**kwargs) | {
            "support_form": self.support_form, "line_errors": line_errors,
        }

    def save(self, form):
        return consultations_record(
            support_form=self.support_form, by=self.request.user,
            consultations=[
                Consultation(**line.cleaned_data)
                for line in self.formsets["lines"] if line.has_changed() and line.cleaned_data
            ],
            **form.cleaned_data,
        )

    def get_success_message(self, saved):
        return ngettext(
            "%(count)s consultation has been recorded.",
            "%(count)s consultations have been recorded.", len(saved),
        ) % {"count": len(saved)}

    def get_back_url(self):
        return reverse("instruments:session_list", args=[self.support_form.pk])
