from django import template

register = template.Library()

# Swedish style writes small numbers in words ("sex möten") and larger ones in digits.
WORDS = {
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
}


@register.filter
def in_words(value):
    """2–12 as Swedish words, other numbers unchanged."""
    try:
        return WORDS.get(int(value), value)
    except (TypeError, ValueError):
        return value


@register.filter
def join_attr(items, attribute: str) -> str:
    """ "a, b och c" from an attribute of each item, the Swedish way."""
    names = [str(getattr(item, attribute)) for item in items]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


@register.simple_tag(takes_context=True)
def annual_report_status(context):
    """Last year's annual report of the municipality on the page, with its version count
    (one query), for the start page card."""
    from django.db.models import Count
    from django.utils import timezone

    from reports.models import AnnualReport

    request = context.get("request")
    municipality = getattr(request, "municipality", None) or context.get("municipality")
    year = timezone.localdate().year - 1
    report = (
        AnnualReport.objects.for_municipality(municipality)
        .filter(year=year)
        .annotate(version_count=Count("versions"))
        .first()
        if municipality is not None
        else None
    )
    return {"year": year, "report": report}
