from django import template

from promises import selectors
from promises.models import Outcome

register = template.Library()

OUTCOME_STYLE = {
    Outcome.DONE: ("status-green", "✔"),
    Outcome.PARTLY: ("status-yellow", "◐"),
    Outcome.NOT_DONE: ("status-red", "✘"),
    Outcome.CONTINUES: ("status-none", "→"),
}


@register.filter
def commitment_measures(commitment):
    """Measures linked to a commitment, once the measures app provides the relation."""
    related = getattr(commitment, "measures", None)
    return related.all() if related is not None else []


@register.inclusion_tag("promises/_outcome.html")
def outcome(commitment):
    css, symbol = OUTCOME_STYLE.get(commitment.outcome, ("status-none", "–"))
    return {"commitment": commitment, "css": css, "symbol": symbol}


@register.simple_tag
def promise_summary(municipality):
    """Counts for the start page card (one query)."""
    if municipality is None:
        return {}
    return selectors.start_summary(municipality=municipality)
