"""Social contracts: the new-contract form, an amendment, the text of the contract's PDF."""

import subprocess

from django.urls import reverse

from contracts.models import ContractKind

from ..conftest import require_tool


def contract_data(**changes) -> dict:
    """The new-contract form as a browser sends it."""
    return {
        "kind": ContractKind.SOCIAL_CONTRACT,
        "signed_on": "2025-02-03",
        "valid_from": "2025-02-03",
        "valid_to": "2025-08-31",
        "next_review_on": "2025-03-31",
        "worker": "",
        "assessment": "Bezrobotna od 3 lat; brak kwalifikacji zawodowych.",
        "goals": "Ukończenie szkolenia zawodowego i podjęcie pracy.",
    } | changes


def amend(client, contract, **changes):
    """Posts an amendment of the contract; ``changes`` replace the fields of the form."""
    data = {
        "amendment-date": "2025-04-01",
        "amendment-description": "Przedłużenie kontraktu o 2 miesiące; nowy cel.",
        "amendment-valid_to": "2025-08-31",
        "amendment-goals": "Podjęcie zatrudnienia w pełnym wymiarze.",
        "amendment-assessment": contract.assessment,
        "amendment-version": str(contract.version),
    }
    return client.post(
        reverse("contracts:amendment_add", args=[contract.pk]),
        data | {f"amendment-{key}": value for key, value in changes.items()},
    )


def pdf_bytes(response) -> bytes:
    """The bytes of a downloaded PDF, read once and kept on the response."""
    if not hasattr(response, "pdf_bytes"):
        response.pdf_bytes = response.getvalue()
    return response.pdf_bytes


def pdf_text(response, tmp_path) -> str:
    """The text of a downloaded PDF (a download streams: read once, kept on the response)."""
    pdftotext = require_tool("pdftotext")
    path = tmp_path / "contract.pdf"
    path.write_bytes(pdf_bytes(response))
    return subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
