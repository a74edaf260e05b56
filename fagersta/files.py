"""Stored files served through views that check access first."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import Http404


def open_or_404(field_file: FieldFile) -> FieldFile:
    """The stored file opened for reading. A file missing from storage (removed by hand, a
    volume not mounted, a backup restored without its files) is a 404 like a missing row,
    not a server error."""
    if not field_file:
        raise Http404
    try:
        return field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
