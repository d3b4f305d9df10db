"""System checks of what the printed documents rely on: the address their QR codes and check
lines name (``manage.py check --deploy``), and how a certificate identifies its holder."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

HOLDER_IDS = ("birth_date", "pesel", "none")


@register(Tags.security, deploy=True)
def site_url_is_the_public_address(app_configs, **kwargs):
    """Every certificate prints SITE_URL for checking it: in production it must be the
    application's public https address, not the development default."""
    address = urlsplit(settings.SITE_URL)
    if address.scheme != "https" or address.hostname in (None, "127.0.0.1", "localhost"):
        return [Error(
            "SITE_URL must be the application's public https address (it is printed on every "
            f"certificate for checking it); it is {settings.SITE_URL!r}.",
            hint="Set the SITE_URL environment variable, e.g. https://aktywizacja.mops.pl",
            id="documents.E001",
        )]
    return []


@register()
def certificate_holder_id_is_known(app_configs, **kwargs):
    if settings.CERTIFICATE_HOLDER_ID not in HOLDER_IDS:
        return [Error(
            f"CERTIFICATE_HOLDER_ID must be one of {', '.join(HOLDER_IDS)}; it is "
            f"{settings.CERTIFICATE_HOLDER_ID!r}.",
            id="documents.E002",
        )]
    return []
