"""A participant's contract page (the contract in force, else the latest), and the changes
posted from it: an action added or ticked, a review, an amendment, the closing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aktywizacja.concurrency import EditConflict
from aktywizacja.forms import add_errors
from participants.history import history_entries
from projects.access import ProjectPermissions, get_object_for_user, has_project_perm

from ..forms import ActionDoneForm, AmendmentForm, CloseForm, ContractActionForm, MonitoringForm
from ..models import ContractAction, MonitoringEntry, proposed_kind
from ..services import (
    action_set_done,
    contract_add_action,
    contract_add_monitoring,
    contract_amend,
    contract_close,
)
from .lookups import CHANGE, CONFLICT, contract_for, participation_for


def _page_forms(contract, bound: dict) -> dict:
    """The forms of the contract page: the one just posted (with its errors), the rest empty."""
    if not contract or not contract.in_force:
        return {}
    empty = {
        "action_form": ContractActionForm,
        "monitoring_form": MonitoringForm,
        "amendment_form": lambda: AmendmentForm(contract=contract),
        "close_form": lambda: CloseForm(contract=contract),
    }
    return {key: bound[key] if key in bound else make() for key, make in empty.items()}


def contract_page(request, participation, contract, *, bound=None, status=200):
    contracts = list(participation.contracts.order_by("-signed_on", "-sequence"))
    if contract is None and contracts:
        contract = next((c for c in contracts if c.in_force), contracts[0])
    user, project = request.user, participation.project
    context = {
        "participation": participation,
        "person": participation.person,
        "tab": "contract",
        "contract": contract,
        "other_contracts": [c for c in contracts if c != contract],
        "in_force": any(c.in_force for c in contracts),
        "can": ProjectPermissions(user, project),
        "proposed_kind": proposed_kind(participation),
        "today": timezone.localdate(),
        **_page_forms(contract, bound or {}),
    }
    if contract is not None:
        context |= {
            "actions": list(contract.actions.all()),
            "monitoring": contract.monitoring.select_related("recorded_by"),
            "amendments": contract.amendments.all(),
            "history": history_entries(contract.history.all(), _("contract"))[::-1],
        }
    return render(request, "contracts/contract_detail.html", context, status=status)


@login_required
def participation_contract(request, participation_pk):
    """The contract page of a participant: the contract in force, else the latest one."""
    participation = participation_for(request, participation_pk)
    return contract_page(request, participation, None)


@login_required
def contract_detail(request, pk):
    contract = contract_for(request, pk)
    return contract_page(request, contract.participation, contract)


# --- Changes made from the contract page (POST only) ----------------------------------------


def _posted(request, contract, key, form, act, done_message):
    """Runs the change if the form is valid; else shows the contract page with the errors."""
    if not contract.in_force:  # a page opened before someone closed the contract
        messages.error(request, _("This contract is closed: it can no longer change."))
        return contract_page(request, contract.participation, contract, status=400)
    status = 400
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except EditConflict:
            form.add_error(None, CONFLICT)
            status = 409
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done_message)
            return redirect(contract)
    contract.refresh_from_db()  # show what is saved, not the refused change
    return contract_page(
        request, contract.participation, contract, bound={key: form}, status=status
    )


@require_POST
@login_required
def action_add(request, pk):
    contract = contract_for(request, pk, perm="contracts.add_contractaction")
    form = ContractActionForm(request.POST, instance=ContractAction(contract=contract))
    return _posted(
        request,
        contract,
        "action_form",
        form,
        lambda data: contract_add_action(contract=contract, by=request.user, **data),
        _("The action has been added."),
    )


@require_POST
@login_required
def action_done(request, pk):
    action = get_object_for_user(
        request.user,
        ContractAction.objects.select_related("contract__project"),
        perm="contracts.change_contractaction",
        pk=pk,
    )
    form = ActionDoneForm(request.POST)
    if form.is_valid():  # a tick box: any value is valid
        try:
            action_set_done(action=action, done=form.cleaned_data["done"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect(action.contract)


@require_POST
@login_required
def monitoring_add(request, pk):
    contract = contract_for(request, pk, perm="contracts.add_monitoringentry")
    form = MonitoringForm(
        request.POST, instance=MonitoringEntry(contract=contract, recorded_by=request.user)
    )
    return _posted(
        request,
        contract,
        "monitoring_form",
        form,
        lambda data: contract_add_monitoring(
            contract=contract,
            on=data["date"],
            note=data["note"],
            progress=data["progress"],
            next_review_on=data["next_review_on"],
            by=request.user,
        ),
        _("The review has been recorded."),
    )


@require_POST
@login_required
def amendment_add(request, pk):
    contract = contract_for(request, pk, perm="contracts.add_amendment")
    if not has_project_perm(request.user, contract.project, CHANGE):
        raise PermissionDenied
    form = AmendmentForm(request.POST, contract=contract)
    return _posted(
        request,
        contract,
        "amendment_form",
        form,
        lambda data: contract_amend(
            contract=contract,
            on=data["date"],
            description=data["description"],
            by=request.user,
            expected_version=data["version"],
            valid_to=data["valid_to"],
            goals=data["goals"],
            assessment=data["assessment"],
        ),
        _("The amendment has been recorded."),
    )


@require_POST
@login_required
def contract_close_view(request, pk):
    contract = contract_for(request, pk, perm=CHANGE)
    form = CloseForm(request.POST, contract=contract)
    return _posted(
        request,
        contract,
        "close_form",
        form,
        lambda data: contract_close(
            contract=contract,
            outcome=data["outcome"],
            final_assessment=data["final_assessment"],
            on=data["final_assessed_on"],
            by=request.user,
            expected_version=data["version"],
        ),
        _("The contract has been closed."),
    )
