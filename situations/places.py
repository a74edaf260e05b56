"""Places that reporters name when the list does not have them ("annan plats"): the
coordinator adds each to the municipality's list, or merges it with a place already there.
Either way the reports that named it then point at the listed place."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from municipalities import versions
from municipalities.models import Municipality, Place

from .models import Assessment


@dataclass(frozen=True)
class ProposedPlace:
    name: str
    reports: int


def proposed_places(*, municipality: Municipality) -> list[ProposedPlace]:
    """Every place name that reports gave outside the list, with how many areas of reports
    named it; one query."""
    rows = (
        Assessment.objects.for_municipality(municipality)
        .exclude(other_place="")
        .values("other_place")
        .annotate(n=Count("pk"))
        .order_by("other_place")
    )
    return [ProposedPlace(name=row["other_place"], reports=row["n"]) for row in rows]


def _naming(municipality: Municipality, name: str) -> list[Assessment]:
    found = list(Assessment.objects.for_municipality(municipality).filter(other_place=name))
    if not found:
        raise ValidationError(_("Ingen rapport nämner längre den platsen."))
    return found


def _point_at(municipality: Municipality, assessments: list[Assessment], place: Place) -> None:
    Through = Assessment.places.through
    Through.objects.bulk_create(
        [Through(assessment_id=a.pk, place_id=place.pk) for a in assessments],
        ignore_conflicts=True,
    )
    Assessment.objects.filter(pk__in=[a.pk for a in assessments]).update(other_place="")
    versions.bump(municipality.pk, (versions.DATA, versions.REFERENCE))


@transaction.atomic
def place_adopt(*, actor, municipality: Municipality, name: str, kind: str) -> Place:
    """Add a named place to the municipality's list."""
    assessments = _naming(municipality, name)
    if Place.objects.for_municipality(municipality).filter(name__iexact=name).exists():
        raise ValidationError(
            _("Det finns redan en plats med det namnet i listan. Slå ihop med den i stället.")
        )
    place = Place(municipality=municipality, name=name, kind=kind)
    place.full_clean()
    place.save()
    _point_at(municipality, assessments, place)
    return place


@transaction.atomic
def place_merge(*, actor, municipality: Municipality, name: str, place: Place) -> Place:
    """Treat a named place as one already in the list."""
    if place.municipality_id != municipality.pk:
        raise ValidationError(_("Platsen hör till en annan kommun."))
    _point_at(municipality, _naming(municipality, name), place)
    return place
