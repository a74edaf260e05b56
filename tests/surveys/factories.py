import datetime
import io

import factory
from PIL import Image

from surveys.models import (
    Finding,
    FindingCategory,
    IndicatorSeries,
    IndicatorSource,
    Light,
    SafetyWalk,
)
from tests.factories import MunicipalityFactory, PlaceFactory


class WalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyWalk

    municipality = factory.SubFactory(MunicipalityFactory)
    date = datetime.date(2021, 10, 5)
    light = Light.DARK
    area = factory.Sequence(lambda n: f"Område {n}")
    residents = 10


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    walk = factory.SubFactory(WalkFactory)
    place = factory.SubFactory(
        PlaceFactory, municipality=factory.SelfAttribute("..walk.municipality")
    )
    category = FindingCategory.LIGHTING
    description = "Trasig lampa vid gångvägen"


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorSeries

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Serie {n}")
    source = IndicatorSource.NTU
    unit = "%"


def jpeg_bytes(*, gps: bool = False, size=(40, 30), orientation: int | None = None) -> bytes:
    """A small JPEG, optionally with GPS position and an orientation in its EXIF."""
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "Kameratillverkare"
        exif[0x8825] = {1: "N", 2: (60.0, 0.0, 14.0), 3: "E", 4: (15.0, 47.0, 35.0)}
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes() if (gps or orientation) else b"")
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 255, 128)).save(out, format="PNG")
    return out.getvalue()
