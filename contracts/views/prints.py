"""The contract and its annexes to print and sign (printed from the record, not stored)."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.formats import date_format

from accounts.access_log import log_access
from accounts.models import AccessAction
from aktywizacja.downloads import pdf_download
from aktywizacja.pdf import render_pdf
from projects.access import get_object_for_user

from ..forms import ANNEXED_TERMS
from ..models import TERM_DATES, Amendment, SocialContract
from .lookups import VIEW, contract_for

SIGNED = "podpisana"


@login_required
def contract_pdf(request, pk):
    """The contract to print: as signed (``?wersja=podpisana``, its frozen terms), or the
    consolidated text with the annexes it includes (not stored; printed from the record)."""
    contract = contract_for(request, pk)
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
        "signatory": _signatory(contract, on=contract.signed_on),
        "actions": list(contract.actions.all()),
        "monitoring": [] if as_signed else contract.monitoring.all(),
        "amendments": amendments,
        "printed_on": timezone.localdate(),
    }
    pdf = render_pdf("pdf/contract.html", context)
    suffix = "-podpisana" if as_signed else ""
    return pdf_download(pdf, f"{contract.number}{suffix}.pdf")


def _centre(contract):
    """The party to the contract: the organisation of the worker who signs it (a partner's, for
    the participants it supports), else the project's lead."""
    return contract.worker.organisation or contract.project.lead_beneficiary


def _signatory(contract, *, on: date):
    """Who signs for the party on that day: the one recorded for the contract's kind (an annex
    is signed as its contract)."""
    return _centre(contract).signatory_for(contract.kind, on=on)


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
        "signatory": _signatory(contract, on=amendment.date),
        "printed_on": timezone.localdate(),
    })
    name = (amendment.number or f"aneks-{amendment.pk}").replace("/", "-")
    return pdf_download(pdf, f"{name}.pdf")


def _term_text(name: str, value: str) -> str:
    if name in TERM_DATES:
        return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
    return value
