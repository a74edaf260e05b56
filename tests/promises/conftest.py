import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _swedish():
    """Code outside a request speaks the default language, whatever a previous test chose."""
    with translation.override("sv"):
        yield
