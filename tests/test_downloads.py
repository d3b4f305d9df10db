"""Every file leaves as a download that is never cached and keeps its Polish name."""

from urllib.parse import quote

from django.urls import reverse

from aktywizacja.downloads import PDF, download


def test_a_download_keeps_polish_letters_and_is_never_cached():
    response = download(b"%PDF-1.7", "lista-obecności-Łódź.pdf", PDF)

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f"filename*=utf-8''{quote('lista-obecności-Łódź.pdf')}" in disposition
    assert response["Cache-Control"] == "no-store, private"
    assert response["Content-Type"] == PDF
    assert response.getvalue() == b"%PDF-1.7"


def test_a_document_number_in_the_name_keeps_its_parts():
    response = download(b"x", "NASZ-1/KS/2025/0001.pdf", PDF)

    assert response["Content-Disposition"] == 'attachment; filename="NASZ-1-KS-2025-0001.pdf"'


def test_the_summary_preview_is_named_in_polish(client, director, project):
    client.force_login(director)

    response = client.get(reverse("reporting:summary_preview", args=[project.pk]))

    assert response.status_code == 200
    expected = quote(f"podsumowanie-{project.short_name}-podgląd.pdf")
    assert f"filename*=utf-8''{expected}" in response["Content-Disposition"]
