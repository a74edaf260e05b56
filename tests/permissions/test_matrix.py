"""Every URL × every role × own and other municipality, against the declared matrix."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.permissions as package
from municipalities.models import Role
from tests.factories import MunicipalityFactory, OrganisationFactory, member
from tests.permissions.matrix import ALLOW, DENY, HIDDEN, LOGIN, ROLES, Context, Row

# The admin has its own staff-only permission system and is not part of the product's roles.
EXEMPT_NAMESPACES = {"admin"}


def declared_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for module_info in pkgutil.iter_modules(package.__path__):
        if not module_info.name.startswith("matrix_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        for row in module.ROWS:
            assert row.name not in rows, f"{row.name} is declared twice"
            rows[row.name] = row
    return rows


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXEMPT_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name"
            names.add(f"{namespace}{entry.name}")
    return names


ROWS = declared_rows()


def test_every_url_is_declared():
    undeclared = url_names() - set(ROWS)
    assert not undeclared, f"URLs missing from the permission matrix: {sorted(undeclared)}"
    stale = set(ROWS) - url_names()
    assert not stale, f"Matrix rows for URLs that no longer exist: {sorted(stale)}"


@pytest.fixture
def ctx(db):
    municipality = MunicipalityFactory(name="Fagersta", slug="fagersta", code="1982")
    other = MunicipalityFactory(name="Hagfors", slug="hagfors", code="1783")
    organisation = OrganisationFactory(municipality=municipality, name="Risbroskolan")
    users = {
        "reporter": member(municipality, Role.REPORTER, organisation=organisation),
        "coordinator": member(municipality, Role.COORDINATOR),
        "council": member(municipality, Role.COUNCIL),
        "politician": member(municipality, Role.POLITICIAN),
        "outsider": member(other, Role.COORDINATOR),
    }
    return Context(municipality=municipality, organisation=organisation, users=users)


def _url(row: Row, ctx: Context, kwargs: dict) -> str:
    from django.urls import NoReverseMatch

    try:
        return reverse(row.name, kwargs=kwargs)
    except NoReverseMatch:
        return reverse(row.name, kwargs={"municipality": ctx.municipality.slug, **kwargs})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROWS))
def test_cell(client, ctx, name, role):
    row = ROWS[name]
    kwargs = row.setup(ctx)
    url = _url(row, ctx, kwargs)
    if role != "anonymous":
        client.force_login(ctx.users[role])
    send = client.post if row.method == "post" else client.get
    response = send(url, row.data(ctx, kwargs))
    expected = row.expect[role]
    status = response.status_code
    where = f"{row.method.upper()} {url} as {role}"
    assert status < 500, f"{where}: server error {status}"
    if expected == ALLOW:
        assert status not in (403, 404), f"{where}: expected access, got {status}"
        assert not (status == 302 and "/accounts/login/" in response["Location"]), where
    elif expected == DENY:
        assert status == 403, f"{where}: expected 403, got {status}"
    elif expected == HIDDEN:
        assert status == 404, f"{where}: expected 404, got {status}"
    elif expected == LOGIN:
        assert status == 302 and "/accounts/login/" in response["Location"], (
            f"{where}: expected a redirect to sign-in, got {status}"
        )
