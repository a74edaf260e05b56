"""The client address behind zero, one and two trusted reverse proxies."""

import pytest
from django.test import RequestFactory

from fagersta.client import client_address

PROXY = "10.0.0.2"


def request(remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_reached_directly_it_ignores_a_spoofed_header(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request("198.51.100.7", "203.0.113.66")) == "198.51.100.7"
    assert client_address(request("198.51.100.7")) == "198.51.100.7"


def test_behind_one_proxy_it_takes_the_address_the_proxy_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request(forwarded="198.51.100.7")) == "198.51.100.7"
    # The client wrote the first entry; the proxy appended the real one.
    assert client_address(request(forwarded="203.0.113.66, 198.51.100.7")) == "198.51.100.7"
    assert client_address(request(forwarded="nonsense, 198.51.100.7")) == "198.51.100.7"


def test_behind_two_proxies_it_takes_the_second_entry_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request(forwarded="198.51.100.7, 192.0.2.10")) == "198.51.100.7"
    assert (
        client_address(request(forwarded="203.0.113.66, 198.51.100.7, 192.0.2.10"))
        == "198.51.100.7"
    )


@pytest.mark.parametrize("forwarded", [None, "", "unknown"])
def test_without_a_usable_header_it_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request(forwarded=forwarded)) == PROXY


def test_a_chain_shorter_than_the_proxies_gives_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request(forwarded="198.51.100.7")) == PROXY


def test_it_keeps_a_private_client_address(settings):
    # Municipal staff often sign in from an internal network.
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request(forwarded="10.20.30.40")) == "10.20.30.40"
    assert client_address(request(forwarded="2001:db8::7")) == "2001:db8::7"
