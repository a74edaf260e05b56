from django import template

from promises import selectors
from promises.models import Outcome, Phase, PromiseStatus
from promises.periods import Period

register = template.Library()

OUTCOME_STYLE = {
    Outcome.DONE: ("status-green", "✔"),
    Outcome.PARTLY: ("status-yellow", "◐"),
    Outcome.NOT_DONE: ("status-red", "✘"),
    Outcome.CONTINUES: ("status-none", "→"),
}

# One badge per promise: colour, symbol and word together. A decided promise is described by its
# phase (from the dates and the follow-up), a promise still being written by its status.
BADGE_STYLE = {
    PromiseStatus.DRAFT: ("status-none", "✎"),
    PromiseStatus.PROPOSED: ("status-purple", "⧗"),
    PromiseStatus.RETURNED: ("status-red", "↩"),
    Phase.UPCOMING: ("status-blue", "◷"),
    Phase.CURRENT: ("status-green", "●"),
    Phase.AWAITING_FOLLOW_UP: ("status-yellow", "⚠"),
    Phase.FOLLOWED_UP: ("status-teal", "✓"),
}
LABELS = {**dict(PromiseStatus.choices), **dict(Phase.choices)}


@register.inclusion_tag("promises/_status.html")
def promise_badge(status: str, phase: str = ""):
    """`{% promise_badge promise.status promise.phase %}`; `phase` comes from
    Promise.objects.with_phase()."""
    key = phase or status
    css, symbol = BADGE_STYLE.get(key, ("status-none", "–"))
    return {"css": css, "symbol": symbol, "label": LABELS.get(key, "")}


@register.simple_tag
def period_label(start, end) -> str:
    """Rendered, not cached: the month names follow the page's language."""
    return Period(start, end).label


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
