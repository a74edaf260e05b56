"""Checking and cleaning uploaded photos.

A photo is accepted by what it is, not by what it is called: Pillow must recognise it as a
JPEG or PNG. It is then decoded and written anew, which leaves EXIF (GPS position, camera,
time), XMP, ICC and text chunks behind; the EXIF orientation is applied to the pixels first so
the picture still stands the right way up.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
# Far beyond any phone camera; refuses images crafted to exhaust memory when decoded.
MAX_PIXELS = 50_000_000


@dataclass
class CleanPhoto:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int


def clean_photo(upload) -> CleanPhoto:
    """Validate an uploaded file and return it re-encoded without metadata."""
    limit = settings.SURVEYS_PHOTO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Filen är för stor (högst %(limit)s).") % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    not_an_image = ValidationError(
        _("Filen är inte en bild i formatet JPEG eller PNG. Välj ett foto (.jpg eller .png)."),
        code="invalid_image",
    )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in FORMATS:
                raise not_an_image
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("Bilden har för många bildpunkter."), code="too_large")
            image.load()
            fmt = image.format
            image = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise not_an_image from exc
    content_type, extension = FORMATS[fmt]
    # Saving reuses parts of `info` (EXIF, ICC profile, text chunks); keep only transparency.
    transparency = image.info.get("transparency")
    image.info = {} if transparency is None else {"transparency": transparency}
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=88, optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, format="PNG", optimize=True)
    return CleanPhoto(out.getvalue(), content_type, extension, image.width, image.height)
