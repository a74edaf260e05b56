"""Standing characters for every test: a municipality with a member of each role, and an
outsider who belongs to another municipality."""

import pytest

from municipalities.models import Role
from tests.factories import MunicipalityFactory, OrganisationFactory, member


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Fagersta", slug="fagersta", code="1982", population=13300)


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(name="Hagfors", slug="hagfors", code="1783", population=11600)


@pytest.fixture
def organisation(municipality):
    return OrganisationFactory(municipality=municipality, name="Risbroskolan")


@pytest.fixture
def coordinator(municipality):
    return member(municipality, Role.COORDINATOR, username="samordnare")


@pytest.fixture
def reporter(municipality, organisation):
    return member(municipality, Role.REPORTER, organisation=organisation, username="rapportor")


@pytest.fixture
def council_member(municipality):
    return member(municipality, Role.COUNCIL, username="bra")


@pytest.fixture
def politician(municipality):
    return member(municipality, Role.POLITICIAN, username="politiker")


@pytest.fixture
def outsider(other_municipality):
    """A coordinator, with every right, but in another municipality."""
    return member(other_municipality, Role.COORDINATOR, username="utomstaende")


@pytest.fixture
def client_for(client):
    """Sign the test client in as a user: `client_for(coordinator).get(...)`."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _swedish():
    # A request in English leaves English active in the thread (the language middleware
    # activates the visitor's language and nothing deactivates it): every test starts in Swedish.
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.activate("sv")


@pytest.fixture(autouse=True)
def _empty_cache():
    # With Redis as the cache (as in CI) entries would otherwise outlive the test that made them.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_session_renewal(monkeypatch):
    # Query-count tests compare requests; a session renewal (a write at most once a minute)
    # landing in one of them would count as a difference. The renewal has its own test.
    from fagersta.middleware import SlidingSessionMiddleware

    monkeypatch.setattr(SlidingSessionMiddleware, "INTERVAL", 10**12)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Hashing with the production hasher costs ~0.3 s per user; tests create hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Tasks run in-process unless a test is marked `services` and talks to a real worker."""
    from fagersta.celery import app

    eager = request.node.get_closest_marker("services") is None
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path_factory):
    """Files that only members may see (photos of findings) go to a temporary directory."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.getbasetemp() / "private_media"
