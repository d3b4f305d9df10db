"""Referrals: one withdrawn (with its date and reason), many participants referred at once."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from aktywizacja.views import FormScreen
from projects.access import ProjectScreen, get_object_for_user

from ..forms import ReferralBulkForm, ReferralWithdrawForm
from ..models import Referral
from ..services import referral_withdraw, referrals_create
from .lookups import support_form_for


class ReferralWithdrawal(ProjectScreen, FormScreen):
    """Withdraws a referral with its date and reason; the card's path tab lists it as withdrawn."""

    template_name = "instruments/referral_withdraw.html"
    form_class = ReferralWithdrawForm
    success_message = gettext_lazy("The referral has been withdrawn.")

    def find(self):
        self.referral = get_object_for_user(
            self.request.user,
            Referral.objects.select_related("participation__person", "participation__project",
                                            "support_form"),
            perm="instruments.change_referral", pk=self.kwargs["pk"],
        )
        self.project = self.referral.participation.project
        if not self.referral.can_be_withdrawn:
            return redirect(self.get_back_url())
        return None

    def get_initial(self):
        return {"withdrawn_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "referral": self.referral, "participation": self.referral.participation,
            "back": self.get_back_url(),
        }

    def save(self, form):
        return referral_withdraw(
            referral=self.referral, on=form.cleaned_data["withdrawn_on"],
            reason=form.cleaned_data["withdrawal_reason"], by=self.request.user,
        )

    def get_back_url(self):
        return reverse("card:participation_tab", args=[self.referral.participation_id, "path"])


class ReferralBulk(ProjectScreen, FormScreen):
    """Refers many participants to the support form in one action (the IŚR refers one by one)."""

    template_name = "instruments/referral_bulk.html"
    form_class = ReferralBulkForm

    def find(self):
        self.support_form = support_form_for(self.request, self.kwargs["support_form_pk"],
                                             "instruments.add_referral")
        self.project = self.support_form.project

    def get_initial(self):
        return {"referred_on": timezone.localdate()}

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "support_form": self.support_form, "user": self.request.user,
        }

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.request.method == "GET" and self.request.GET.get("wszyscy"):
            form.initial["participations"] = list(form.fields["participations"].queryset)
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"support_form": self.support_form}

    def save(self, form):
        chosen = list(form.cleaned_data["participations"])
        referrals_create(support_form=self.support_form, participations=chosen,
                         on=form.cleaned_data["referred_on"], by=self.request.user,
                         group=form.cleaned_data.get("group"))
        return chosen

    def get_success_message(self, saved):
        return ngettext(
            "%(count)s person referred to %(form)s.",
            "%(count)s people referred to %(form)s.", len(saved),
        ) % {"count": len(saved), "form": self.support_form}

    def get_back_url(self):
        return reverse("instruments:session_list", args=[self.support_form.pk])
