from django import template

from fagersta.charts import NARROW

register = template.Library()


@register.inclusion_tag("includes/chart.html")
def chart(chart, caption_level: int = 3):
    """Render a fagersta.charts.Chart as SVG followed by the table of its numbers. The chart
    comes drawn twice, for a wide and a narrow container; CSS shows the one that fits."""
    return {
        "chart": chart,
        "svg": chart.svg(),
        "svg_narrow": chart.svg(NARROW),
        "rows": chart.rows(),
    }
