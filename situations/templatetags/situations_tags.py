from django import template
from django.utils.html import format_html

from situations import selectors
from situations.models import TREND_SYMBOLS, Status, Trend

register = template.Library()


@register.simple_tag
def status_badge(value):
    """A status as a coloured badge that also carries its symbol and word."""
    if isinstance(value, selectors.StatusCell):
        cell = value
    else:
        cell = selectors.StatusCell(value if value in Status.values else Status.NONE)
    return format_html(
        '<span class="status {}"><span aria-hidden="true">{}</span> {}</span>',
        cell.css,
        cell.symbol,
        cell.label,
    )


@register.simple_tag
def trend_label(value):
    if value not in Trend.values:
        return ""
    return format_html(
        '<span aria-hidden="true">{}</span> {}', TREND_SYMBOLS[Trend(value)], Trend(value).label
    )


@register.simple_tag(takes_context=True)
def situations_start(context):
    """What the start page says about the lägesbild for the signed-in user's roles."""
    request = context["request"]
    return selectors.start_summary(
        municipality=request.municipality, user=request.user, rights=context["can"]
    )


@register.filter
def person(user):
    """A user's full name, else the username; a dash for nobody."""
    if user is None or not getattr(user, "pk", None):
        return "–"
    return user.get_full_name() or user.username
