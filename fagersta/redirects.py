"""Where to send a user back to after a form: a `next` value from the request, made safe."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, value: str | None) -> str:
    """`value` if it is a path on this site, else "".

    Only a path is taken: `redirect()` treats anything else as the name of a view, so a value
    such as "-1" would pass the host check and then fail to resolve (a 500)."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return ""
    if not url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return value
