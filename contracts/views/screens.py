"""Signing a new contract and correcting one in force: the shared form-screen shape."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aktywizacja.views import FormScreen
from projects.access import ProjectScreen

from ..forms import ContractCreateForm, ContractUpdateForm
from ..models import SocialContract, proposed_kind
from ..services import contract_correct, contract_create
from .lookups import CHANGE, contract_for, participation_for


def _initial_for(participation, user) -> dict:
    project = participation.project
    today = timezone.localdate()
    signed_on = today if project.contains_period(today, None) else participation.start_date
    team = project.memberships.active().values_list("user", flat=True)
    worker = participation.social_worker_id or (user.pk if user.pk in set(team) else None)
    return {
        "kind": proposed_kind(participation),
        "signed_on": signed_on,
        "valid_from": signed_on,
        "valid_to": participation.end_date or project.end_date,
        "worker": worker,
    }


class ContractCreate(ProjectScreen, FormScreen):
    template_name = "contracts/contract_form.html"
    form_class = ContractCreateForm

    def find(self):
        self.participation = participation_for(
            self.request, self.kwargs["participation_pk"], perm="contracts.add_socialcontract"
        )
        self.project = self.participation.project
        in_force = self.participation.contracts.in_force().first()
        if in_force:  # also a form submitted twice: the first submission made this contract
            messages.info(self.request, _("This participant already has a contract in force."))
            return redirect(in_force)
        return None

    def get_instance(self):
        return SocialContract(participation=self.participation, project=self.project)

    def get_initial(self):
        return _initial_for(self.participation, self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "participation": self.participation,
            "title": _("New contract"),
            "proposed_kind": proposed_kind(self.participation),
        }

    def save(self, form):
        return contract_create(
            participation=self.participation, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, saved):
        return _("The contract %(number)s has been recorded.") % {"number": saved.number}

    def get_success_url(self, saved=None):
        return saved.get_absolute_url()

    def get_back_url(self):
        return reverse("contracts:participation_contract", args=[self.participation.pk])


class ContractUpdate(ProjectScreen, FormScreen):
    """The contract's terms, refusing to overwrite a save made after the form was opened."""

    template_name = "contracts/contract_form.html"
    form_class = ContractUpdateForm
    success_message = gettext_lazy("The changes have been saved.")
    back_label = gettext_lazy("Back to the contract")

    def find(self):
        self.contract = contract_for(self.request, self.kwargs["pk"], perm=CHANGE)
        self.project = self.contract.project
        if not self.contract.in_force:
            messages.error(self.request, _("A closed contract can no longer change."))
            return redirect(self.contract)
        return None

    def get_instance(self):
        return self.contract

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "participation": self.contract.participation,
            "contract": self.contract,
            "title": _("Edit the contract"),
        }

    def save(self, form):
        contract_correct(contract=form.instance, by=self.request.user,
                         expected_version=form.cleaned_data["version"])
        return self.contract

    def get_back_url(self):
        return self.contract.get_absolute_url()
