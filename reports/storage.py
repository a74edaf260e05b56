"""Where annual report PDFs are kept: the private media directory, which no URL maps to, so
the only way to a PDF is the download view that checks the reader's membership."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class ReportStorage(FileSystemStorage):
    """FileSystemStorage rooted at settings.PRIVATE_MEDIA_ROOT, read on every use so that
    tests and worker processes can point it elsewhere."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Annual reports have no public URL; use the download view.")


_storage = ReportStorage()


def report_storage() -> ReportStorage:
    return _storage
