"""Load data: the municipality itself, its organisations, places, members and EST guidelines."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from municipalities.models import (
    Membership,
    Municipality,
    Organisation,
    Place,
    Role,
)
from situations.models import (
    Guidelines,
    GuidelinesReading,
)

from .common import (
    ORGANISATION_KINDS,
    Town,
    bulk,
    municipality_slug,
)


def municipality(town: Town) -> None:
    """The municipality."""
    index = town.index
    result = town.result
    rng = town.rng
    today = town.today
    years = town.years
    slug = municipality_slug(index)
    municipality = Municipality.objects.create(
        name=f"Lastkommun {index + 1:02d}",
        slug=slug,
        code=f"{9000 + index + 1:04d}",
        population=rng.randint(5_000, 60_000),
        shares_comparisons=True,
    )
    result.slugs.append(slug)
    result.counts["municipalities.Municipality"] += 1
    first_day = today - datetime.timedelta(days=365 * years)
    town.first_day = first_day
    town.municipality = municipality
    town.slug = slug


def organisations_places_members(town: Town) -> None:
    """Organisations, places, members."""
    municipality = town.municipality
    password = town.password
    result = town.result
    rng = town.rng
    slug = town.slug
    organisations = bulk(
        Organisation,
        [
            Organisation(
                municipality=municipality,
                name=f"{ORGANISATION_KINDS[n % len(ORGANISATION_KINDS)][0]} {n + 1}",
                kind=ORGANISATION_KINDS[n % len(ORGANISATION_KINDS)][1],
                email=f"org{n + 1}@{slug}.example.se",
            )
            for n in range(rng.randint(6, 12))
        ],
        result,
    )
    places = bulk(
        Place,
        [
            Place(
                municipality=municipality,
                name=f"Plats {n + 1}",
                latitude=Decimal("60.000000") + Decimal(rng.randint(0, 20000)) / 1_000_000,
                longitude=Decimal("15.700000") + Decimal(rng.randint(0, 20000)) / 1_000_000,
            )
            for n in range(8)
        ],
        result,
    )
    User = get_user_model()
    staff_roles = [Role.COORDINATOR, Role.COUNCIL, Role.POLITICIAN]
    users = bulk(
        User,
        [
            User(username=f"{slug}-{role}", first_name=role, last_name=slug, password=password)
            for role in staff_roles
        ]
        + [
            User(
                username=f"{slug}-reporter-{n + 1}",
                first_name="Rapportör",
                last_name=organisation.name,
                password=password,
                email=f"{slug}-reporter-{n + 1}@example.se",
            )
            for n, organisation in enumerate(organisations)
        ],
        result,
    )
    coordinator = users[0]
    reporters = users[len(staff_roles) :]
    bulk(
        Membership,
        [
            Membership(user=user, municipality=municipality, role=role)
            for user, role in zip(users, staff_roles, strict=False)
        ]
        + [
            Membership(
                user=user, municipality=municipality, role=Role.REPORTER, organisation=organisation
            )
            for user, organisation in zip(reporters, organisations, strict=True)
        ],
        result,
    )
    Guidelines.objects.create(
        municipality=municipality,
        mission="EST-gruppen samlar verksamheternas bild av läget varannan vecka (exempeldata).",
        guidelines="Skriv om platser och företeelser, aldrig om namngivna personer.",
        updated_by=coordinator,
    )
    bulk(
        GuidelinesReading,
        [GuidelinesReading(municipality=municipality, user=user) for user in reporters],
        result,
    )
    town.coordinator = coordinator
    town.organisations = organisations
    town.places = places
    town.reporters = reporters
    town.users = users
