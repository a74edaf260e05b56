from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def measures_start(municipality):
    """What the measures part of the start page needs, in a few bounded queries."""
    return selectors.start_summary(municipality=municipality)
