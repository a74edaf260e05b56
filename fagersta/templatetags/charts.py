from django import template

register = template.Library()


@register.inclusion_tag("includes/chart.html")
def chart(chart, caption_level: int = 3):
    """Render a fagersta.charts.Chart as SVG followed by the table of its numbers."""
    return {"chart": chart, "svg": chart.svg(), "rows": chart.rows()}
