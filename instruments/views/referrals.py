"""Referrals: one withdrawn (with its date and reason), many participants referred at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aktywizacja.forms import add_errors
from projects.access import get_object_for_user

from ..forms import ReferralBulkForm, ReferralWithdrawForm
from ..models import Referral
from ..services import referral_withdraw, referrals_create
from .lookups import support_form_for


@login_required
def referral_withdrawal(request, pk):
    """Withdraws a referral with its date and reason; the card's path tab lists it as withdrawn."""
    referral = get_object_for_user(
        request.user,
        Referral.objects.select_related("participation__person", "support_form"),
        perm="instruments.change_referral", pk=pk,
    )
    back = reverse("card:participation_tab", args=[referral.participation_id, "path"])
    if not referral.can_be_withdrawn:
        return redirect(back)
    form = ReferralWithdrawForm(
        request.POST or None, initial={"withdrawn_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral_withdraw(
                referral=referral, on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["withdrawal_reason"], by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The referral has been withdrawn."))
            return redirect(back)
    return render(request, "instruments/referral_withdraw.html", {
        "referral": referral, "participation": referral.participation, "form": form,
        "back": back,
    }, status=400 if form.errors else 200)


@login_required
def referral_bulk(request, support_form_pk):
    """Refers many participants to the support form in one action (the IŚR refers one by one)."""
    support_form = support_form_for(request, support_form_pk, "instruments.add_referral")
    initial = {"referred_on": timezone.localdate()}
    form = ReferralBulkForm(request.POST if request.method == "POST" else None,
                            support_form=support_form, initial=initial)
    if request.GET.get("wszyscy") and request.method == "GET":
        form.initial["participations"] = list(form.fields["participations"].queryset)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["participations"])
        try:
            referrals_create(support_form=support_form, participations=chosen,
                             on=form.cleaned_data["referred_on"], by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, ngettext(
                "%(count)s person referred to %(form)s.",
                "%(count)s people referred to %(form)s.", len(chosen),
            ) % {"count": len(chosen), "form": support_form})
            return redirect("instruments:session_list", support_form_pk=support_form.pk)
    return render(request, "instruments/referral_bulk.html", {
        "support_form": support_form, "project": support_form.project, "form": form,
    }, status=400 if form.errors else 200)
