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
