from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def with_measures(commitments, municipality):
    """The commitments shown on a promise page, each with `linked_measures`: the measures of
    the municipality that carry it out. The measures app owns this column of the promise
    pages; the promises app does not know about measures."""
    commitments = list(commitments)
    found = selectors.measures_by_commitment(
        municipality=municipality, commitment_ids=[c.pk for c in commitments]
    )
    for commitment in commitments:
        commitment.linked_measures = found.get(commitment.pk, [])
    return commitments


@register.inclusion_tag("measures/_commitment_measures.html")
def commitment_measures(commitment, municipality):
    return {"measures": commitment.linked_measures, "municipality": municipality}


@register.simple_tag
def measures_start(municipality):
    """What the measures part of the start page needs, in a few bounded queries."""
    return selectors.start_summary(municipality=municipality)
