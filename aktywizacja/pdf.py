"""The one PDF renderer: a document template and its context in, PDF bytes out.

WeasyPrint is the implementation; templates and their @page rules live in
templates/pdf/. Documents render in Polish with Django's formats, whatever the
language of the person who asked for them.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

STATIC_BASE = settings.BASE_DIR / "static"


def render_pdf(template_name: str, context: dict, *, language: str = "pl") -> bytes:
    with translation.override(language):
        html = render_to_string(template_name, context)
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(STATIC_BASE)).write_pdf(
        font_config=fonts, pdf_variant="pdf/ua-1"
    )
