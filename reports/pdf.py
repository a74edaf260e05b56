"""Rendering of the annual report: one template for the HTML preview and the PDF."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

TEMPLATE = "reports/annual/document.html"
STYLESHEET = "reports/annual_report.css"
REPORT_LANGUAGE = "sv"


def render_html(context: dict, *, for_pdf: bool) -> str:
    # The report is the municipality's Swedish document whatever the reader's language.
    with translation.override(REPORT_LANGUAGE):
        return render_to_string(TEMPLATE, {**context, "for_pdf": for_pdf})


def render_pdf(html: str, context: dict | None = None) -> bytes:
    """An archivable (PDF/A-3b), tagged A4 PDF of the rendered report HTML."""
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=finders.find(STYLESHEET))
    document = HTML(string=html, base_url=None).render(stylesheets=[stylesheet])
    return document.write_pdf(pdf_variant="pdf/a-3b", pdf_tags=True)
