"""PDF of an administrative document with WeasyPrint (Pango; the serif font is embedded)."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML


def document_css() -> str:
    with open(finders.find("css/document.css"), encoding="utf-8") as css:
        return css.read()


def render_pdf(template: str, context: dict) -> bytes:
    """Official documents are in Vietnamese, whatever language the person reads the site in."""
    with translation.override("vi"):
        html = render_to_string(template, {**context, "css": document_css()})
    # presentational_hints: column widths are <col width="…"> (no style attribute, see the CSP).
    return HTML(string=html).write_pdf(presentational_hints=True)
