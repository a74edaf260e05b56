"""`{% filter page_title %}`: the page's own title, a separator and the service's name."""

from django import template

register = template.Library()

SITE_NAME = "Trygghetsnavet"


@register.filter(is_safe=True)
def page_title(value: str) -> str:
    # Block content cannot be tested for emptiness in the template itself ("self.title" is a
    # Jinja idiom that Django silently reads as empty), so the separator is added here.
    title = " ".join(str(value).split())
    return f"{title} – {SITE_NAME}" if title else SITE_NAME
