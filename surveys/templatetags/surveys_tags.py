from django import template

from surveys import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def surveys_summary(context) -> dict:
    """Numbers for the start-page card (three small queries)."""
    municipality = getattr(context.get("request"), "municipality", None)
    if municipality is None:
        return {}
    return selectors.start_summary(municipality=municipality)
