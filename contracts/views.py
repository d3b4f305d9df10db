from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.functions import Coalesce, Least
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.decorators.http import require_POST

from accounts.access_log import log_access
from accounts.models import AccessAction
from aktywizacja.concurrency import EditConflict, conflict_response
from aktywizacja.downloads import pdf_download
from aktywizacja.forms import add_errors
from aktywizacja.pdf import render_pdf
from participants.history import history_entries
from participants.models import Participation
from projects.access import get_object_for_user, has_project_perm, projects_where, scoped

from .forms import (
    ANNEXED_TERMS,
    ActionDoneForm,
    AmendmentForm,
    CloseForm,
    ContractActionForm,
    ContractCreateForm,
    ContractUpdateForm,
    MonitoringForm,
)
from .models import (
    TERM_DATES,
    Amendment,
    ContractAction,
    MonitoringEntry,
    SocialContract,
    proposed_kind,
)
from .services import (
    action_set_done,
    contract_add_action,
    contract_add_monitoring,
    contract_amend,
    contract_close,
    contract_correct,
    contract_create,
)

VIEW = "contracts.view_socialcontract"
CHANGE = "contracts.change_socialcontract"
CONFLICT = _lazy("Someone changed this contract in the meantime. Check it and try again.")


def _contract_for(request, pk, perm=VIEW):
    queryset = SocialContract.objects.select_related(
        "participation__person", "participation__project", "project", "worker__organisation"
    )
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


def _participation_for(request, pk, perm=VIEW):
    queryset = Participation.objects.select_related("person", "project")
    return get_object_for_user(request.user, queryset, perm=perm, pk=pk)


# --- The contract page ----------------------------------------------------------------------


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


def _contract_page(request, participation, contract, *, bound=None, status=200):
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
        "can_add": has_project_perm(user, project, "contracts.add_socialcontract")
        and not any(c.in_force for c in contracts),
        "can_change": has_project_perm(user, project, CHANGE),
        "can_add_action": has_project_perm(user, project, "contracts.add_contractaction"),
        "can_tick_action": has_project_perm(user, project, "contracts.change_contractaction"),
        "can_monitor": has_project_perm(user, project, "contracts.add_monitoringentry"),
        "can_amend": has_project_perm(user, project, "contracts.add_amendment"),
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
    participation = _participation_for(request, participation_pk)
    return _contract_page(request, participation, None)


@login_required
def contract_detail(request, pk):
    contract = _contract_for(request, pk)
    return _contract_page(request, contract.participation, contract)


# --- Signing and editing --------------------------------------------------------------------


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


class ContractCreate(LoginRequiredMixin, View):
    template_name = "contracts/contract_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.participation = _participation_for(
            request, kwargs["participation_pk"], perm="contracts.add_socialcontract"
        )
        in_force = self.participation.contracts.in_force().first()
        if in_force:  # also a form submitted twice: the first submission made this contract
            messages.info(request, _("This participant already has a contract in force."))
            return redirect(in_force)
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data=None, **kwargs):
        instance = SocialContract(
            participation=self.participation, project=self.participation.project
        )
        return ContractCreateForm(data, instance=instance, **kwargs)

    def get(self, request, participation_pk):
        return self._render(self._form(initial=_initial_for(self.participation, request.user)))

    def post(self, request, participation_pk):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                contract = contract_create(
                    participation=self.participation, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The contract %(number)s has been recorded.") % {"number": contract.number},
                )
                return redirect(contract)
        return self._render(form, status=400)

    def _render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            status=status,
            context={
                "form": form,
                "participation": self.participation,
                "title": _("New contract"),
                "proposed_kind": proposed_kind(self.participation),
            },
        )


class ContractUpdate(LoginRequiredMixin, View):
    """The contract's terms, refusing to overwrite a save made after the form was opened."""

    template_name = "contracts/contract_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.contract = _contract_for(request, kwargs["pk"], perm=CHANGE)
        if not self.contract.in_force:
            messages.error(request, _("A closed contract can no longer change."))
            return redirect(self.contract)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self._render(ContractUpdateForm(instance=self.contract))

    def post(self, request, pk):
        form = ContractUpdateForm(request.POST, instance=self.contract)
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            contract_correct(contract=form.instance, by=request.user,
                             expected_version=form.cleaned_data["version"])
        except EditConflict as conflict:
            return conflict_response(
                request, form, conflict, back_url=self.contract.get_absolute_url(),
                back_label=_("Back to the contract"),
            )
        messages.success(request, _("The changes have been saved."))
        return redirect(self.contract)

    def _render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            status=status,
            context={
                "form": form,
                "participation": self.contract.participation,
                "contract": self.contract,
                "title": _("Edit the contract"),
            },
        )


# --- Changes made from the contract page (POST only) ----------------------------------------


def _posted(request, contract, key, form, act, done_message):
    """Runs the change if the form is valid; else shows the contract page with the errors."""
    if not contract.in_force:  # a page opened before someone closed the contract
        messages.error(request, _("This contract is closed: it can no longer change."))
        return _contract_page(request, contract.participation, contract, status=400)
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
    return _contract_page(
        request, contract.participation, contract, bound={key: form}, status=status
    )


@require_POST
@login_required
def action_add(request, pk):
    contract = _contract_for(request, pk, perm="contracts.add_contractaction")
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
    contract = _contract_for(request, pk, perm="contracts.add_monitoringentry")
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
    contract = _contract_for(request, pk, perm="contracts.add_amendment")
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
    contract = _contract_for(request, pk, perm=CHANGE)
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


# --- The document and the list --------------------------------------------------------------


SIGNED = "podpisana"


@login_required
def contract_pdf(request, pk):
    """The contract to print: as signed (``?wersja=podpisana``, its frozen terms), or the
    consolidated text with the annexes it includes (not stored; printed from the record)."""
    contract = _contract_for(request, pk)
    log_access(request, AccessAction.PDF, contract)
    as_signed = request.GET.get("wersja") == SIGNED
    amendments = [] if as_signed else list(contract.amendments.order_by("date", "pk"))
    context = {
        "contract": contract,
        "terms": contract.signed if as_signed else {
            "signed_on": contract.signed_on, "valid_from": contract.valid_from,
            "valid_to": contract.valid_to, "assessment": contract.assessment,
            "goals": contract.goals,
        },
        "as_signed": as_signed,
        "person": contract.participation.person,
        "participation": contract.participation,
        "centre": _centre(contract),
        "actions": list(contract.actions.all()),
        "monitoring": [] if as_signed else contract.monitoring.all(),
        "amendments": amendments,
        "printed_on": timezone.localdate(),
    }
    pdf = render_pdf("pdf/contract.html", context)
    suffix = "-podpisana" if as_signed else ""
    return pdf_download(pdf, f"{contract.number}{suffix}.pdf")


def _centre(contract):
    return contract.worker.organisation or contract.project.lead_beneficiary


@login_required
def amendment_pdf(request, pk):
    """One annex to print and sign: its number, what it changes, before and after."""
    amendment = get_object_for_user(
        request.user,
        Amendment.objects.select_related("contract__participation__person", "contract__project",
                                         "contract__worker__organisation"),
        perm=VIEW, pk=pk,
    )
    contract = amendment.contract
    log_access(request, AccessAction.PDF, contract)
    labels = {name: SocialContract._meta.get_field(name).verbose_name for name in ANNEXED_TERMS}
    changes = [
        (labels[name], _term_text(name, before), _term_text(name, after))
        for name, (before, after) in amendment.changes.items()
    ]
    pdf = render_pdf("pdf/contract_annex.html", {
        "amendment": amendment, "contract": contract, "changes": changes,
        "person": contract.participation.person, "centre": _centre(contract),
        "printed_on": timezone.localdate(),
    })
    name = (amendment.number or f"aneks-{amendment.pk}").replace("/", "-")
    return pdf_download(pdf, f"{name}.pdf")


def _term_text(name: str, value: str) -> str:
    if name in TERM_DATES:
        return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
    return value


@login_required
def contract_due(request):
    """Contracts in force of the user's projects whose review or end is near or has passed."""
    projects = projects_where(request.user, VIEW)
    if not projects.exists():
        raise PermissionDenied
    today = timezone.localdate()
    contracts = (
        scoped(request.user, SocialContract)
        .filter(project__in=projects)
        .due(today)
        .select_related("participation__person", "project", "worker")
        .annotate(due_on=Least(Coalesce("next_review_on", "valid_to"), F("valid_to")))
        .order_by("due_on", "number", "pk")
    )
    page = Paginator(contracts, 50).get_page(request.GET.get("page"))
    return render(request, "contracts/contract_due.html", {"page_obj": page, "today": today})
