import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Photos go to a temporary directory in every test."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
