"""The client's address, resolved in one place: for the sign-in lock-out (and so the sign-in
log, which django-axes writes), and for the public survey's limit.

Reached directly (TRUSTED_PROXY_COUNT = 0), the address is the connection's own; an
X-Forwarded-For header is then written by the client and ignored. Behind N trusted reverse
proxies, each proxy appends the address it was reached from to X-Forwarded-For, so the client
is the N-th entry from the right and anything further left, which the client may have written
itself, is ignored.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    # ipware counts the proxies named in the header; the nearest proxy is not among them, it is
    # the connection's address. A chain shorter than the proxies in front (a request that came
    # around the outer proxy) gives None: then the connection's address is all we know.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or remote
