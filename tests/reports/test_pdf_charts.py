"""Charts in the PDF keep their text at 12 px: WeasyPrint lays each one out at its natural
size (the width it was drawn for), never squeezed, and only the wide drawing is printed."""

import re

import pytest
from django.contrib.staticfiles import finders

from fagersta.charts import FONT_SIZE, WIDE
from municipalities.models import Area
from reports import annual, pdf
from tests.measures.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def _svg_boxes(box):
    if type(box).__name__.endswith("ReplacedBox") and str(box.element_tag).endswith("svg"):
        yield box
    for child in getattr(box, "children", None) or []:
        yield from _svg_boxes(child)


def test_pdf_charts_are_printed_at_their_natural_size(annual_report, municipality):
    from weasyprint import CSS, HTML

    for area in Area.objects.national()[:3]:
        measure = MeasureFactory(municipality=municipality, title=f"Insats inom {area.name}")
        measure.areas.set([area])
    html = pdf.render_html(annual.build(annual_report), for_pdf=True)
    drawn = re.findall(r'<svg [^>]*viewBox="0 0 (\d+) \d+" width="(\d+)"', html)
    assert drawn, "the report has no chart to check"
    assert all(view == width for view, width in drawn)
    assert f'font-size="{FONT_SIZE}"' in html

    stylesheet = CSS(filename=finders.find(pdf.STYLESHEET))
    document = HTML(string=html).render(stylesheets=[stylesheet])
    boxes = [box for page in document.pages for box in _svg_boxes(page._page_box)]
    # One printed drawing per chart, the wide one, at 1:1: 12 px text stays 12 px on paper.
    assert len(boxes) == len(drawn) // 2
    assert all(box.width == WIDE for box in boxes)
