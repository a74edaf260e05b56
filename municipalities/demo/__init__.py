"""Demo municipalities, organisations, places and users.

Fagersta follows its 2021 annual report; Hagfors its 2024 action plan. Where the sources give no
figure (coordinates, e-mail addresses, some organisations) the values are examples.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model

from ..models import (
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    Place,
    PlaceKind,
    Role,
)

DEMO_PASSWORD = "demo1234"  # noqa: S105 - printed in the README on purpose

K = OrganisationKind

MUNICIPALITIES = {
    "fagersta": {
        "name": "Fagersta",
        "code": "1982",
        "population": 13300,
        "organisations": [
            ("Alfaskolan", K.SCHOOL),
            ("Risbroskolan", K.SCHOOL),
            ("Lindgårdsskolan", K.SCHOOL),
            ("Socialförvaltningen", K.SOCIAL_SERVICES),
            ("Öppenvården", K.SOCIAL_SERVICES),
            ("Norra Västmanlands Kommunalteknikförbund (NVK)", K.UTILITY),
            ("Näringslivsansvarig", K.BUSINESS),
            ("Kommunpolisen", K.POLICE),
            ("Fagerstahallen", K.LEISURE),
            ("Fritidsgården", K.LEISURE),
            ("Projekt Framtidens Fagersta", K.OTHER),
        ],
        "places": [
            ("Kolarbyområdet", PlaceKind.RESIDENTIAL, "60.0105", "15.8030"),
            ("Centrum", PlaceKind.CENTRE, "60.0040", "15.7930"),
            ("Västanfors", PlaceKind.RESIDENTIAL, "60.0165", "15.7785"),
            ("Korsningen Försäkringskassan/Bragevägen", PlaceKind.STREET, "60.0052", "15.7958"),
            ("Risbroskolan", PlaceKind.SCHOOL, "59.9985", "15.8010"),
            ("Bensinstationen vid riksväg 66", PlaceKind.OTHER, "60.0005", "15.8105"),
        ],
        "reporter_org": "Risbroskolan",
    },
    "hagfors": {
        "name": "Hagfors",
        "code": "1783",
        "population": 11600,
        "organisations": [
            ("Enheten för sysselsättning", K.SOCIAL_SERVICES),
            ("Individ- och familjeomsorgen", K.SOCIAL_SERVICES),
            ("Älvstrandens bildningscentrum", K.SCHOOL),
            ("Kommunpolisen", K.POLICE),
            ("Teknisk förvaltning", K.UTILITY),
            ("Fritidsgården", K.LEISURE),
            ("Näringslivsenheten", K.BUSINESS),
        ],
        "places": [
            ("Torget", PlaceKind.CENTRE, "60.0330", "13.6920"),
            ("Centrum", PlaceKind.CENTRE, "60.0345", "13.6950"),
            ("Busstationen", PlaceKind.TRANSIT, "60.0310", "13.6890"),
        ],
        "reporter_org": "Älvstrandens bildningscentrum",
    },
}

ROLE_USERS = [
    (Role.REPORTER, "Rapportör"),
    (Role.COORDINATOR, "Samordnare"),
    (Role.COUNCIL, "Brå-ledamot"),
    (Role.POLITICIAN, "Politiker"),
]


def _user(username: str, first_name: str, last_name: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.se",
        },
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load() -> dict[str, Municipality]:
    """Create or update the demo municipalities and users; safe to run again."""
    result = {}
    for slug, spec in MUNICIPALITIES.items():
        municipality, _ = Municipality.objects.update_or_create(
            slug=slug,
            defaults={
                "name": spec["name"],
                "code": spec["code"],
                "population": spec["population"],
                "shares_comparisons": True,
            },
        )
        orgs = {}
        for name, kind in spec["organisations"]:
            orgs[name], _ = Organisation.objects.update_or_create(
                municipality=municipality, name=name, defaults={"kind": kind}
            )
        for name, kind, lat, lon in spec["places"]:
            Place.objects.update_or_create(
                municipality=municipality,
                name=name,
                defaults={"kind": kind, "latitude": Decimal(lat), "longitude": Decimal(lon)},
            )
        for role, label in ROLE_USERS:
            user = _user(f"{slug}-{role}", label, spec["name"])
            Membership.objects.get_or_create(
                user=user,
                municipality=municipality,
                role=role,
                defaults={
                    "organisation": orgs[spec["reporter_org"]] if role == Role.REPORTER else None
                },
            )
        # The work must not hang on one person: every demo municipality has a deputy coordinator.
        deputy = _user(f"{slug}-deputy", "Ersättande samordnare", spec["name"])
        Membership.objects.get_or_create(
            user=deputy,
            municipality=municipality,
            role=Role.COORDINATOR,
            defaults={"is_deputy": True},
        )
        police = _user("police", "Kommunpolis", "Bergslagen")
        Membership.objects.get_or_create(
            user=police,
            municipality=municipality,
            role=Role.REPORTER,
            defaults={"organisation": orgs["Kommunpolisen"]},
        )
        result[slug] = municipality
    return result


def demo_logins() -> list[tuple[str, str]]:
    logins = []
    for slug, spec in MUNICIPALITIES.items():
        logins += [(f"{slug}-{role}", f"{label}, {spec['name']}") for role, label in ROLE_USERS]
        logins.append((f"{slug}-deputy", f"Ersättare för samordnaren, {spec['name']}"))
    logins.append(("police", "Kommunpolis i både Fagersta och Hagfors"))
    return logins
