import pytest

from tests.reports.factories import AnnualReportFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"


@pytest.fixture
def annual_report(municipality):
    return AnnualReportFactory(municipality=municipality, year=2021)
