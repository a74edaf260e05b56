"""Factories for the tenant kernel. Each app keeps its own in tests/<app>/factories.py."""

import factory
from django.contrib.auth import get_user_model

from municipalities.models import (
    Area,
    Membership,
    Municipality,
    Organisation,
    Place,
    PlaceKind,
    Role,
)

PASSWORD = "test-pass-123"  # noqa: S105


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")
    # Four digits whatever the length of the test run.
    code = factory.Sequence(lambda n: f"{1000 + n % 9000:04d}")
    population = 10000


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "school"


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Plats {n}")
    kind = PlaceKind.RESIDENTIAL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.COORDINATOR
    organisation = factory.LazyAttribute(
        lambda m: (
            OrganisationFactory(municipality=m.municipality) if m.role == Role.REPORTER else None
        )
    )


def member(municipality, role, *, user=None, organisation=None, **user_fields):
    """A user holding `role` in `municipality` (created unless given)."""
    user = user or UserFactory(**user_fields)
    MembershipFactory(
        user=user,
        municipality=municipality,
        role=role,
        **({"organisation": organisation} if organisation is not None else {}),
    )
    return user


def national_areas():
    return list(Area.objects.national())
