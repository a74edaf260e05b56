"""One language per page: after a page has been rendered (and cached) in one language, the
other language shows none of its words, for every cached page and every role."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Words of the interface in one language that the other language's pages never show. Each
# list is checked against a rendering from an empty cache, so that a word that no page shows
# (and so proves nothing) fails the test too.
ENGLISH = [
    "Unchanged",
    "Green",
    "Yellow",
    "Red",
    "No information",
    r"w\. \d+",
    "Share of",
    "per cent",
    "The numbers in the chart",
    "Category",
    "Planned",
    "In progress",
    "Completed",
    "Paused",
    "Done",
    "Dashboard",
    "Measures",
    "Problems",
    "deadline",
    "Not reported",
    "Citizen promises",
    "Safety work",
    "Sign out",
]
SWEDISH = [
    "Översikt",
    "Oförändrat",
    "Grön",
    "Gul",
    "Röd",
    "Ingen information",
    r"v\. \d+",
    "Andel gröna",
    "Andel perioder",
    "Andel genomförda",
    "procent",
    "Siffrorna i diagrammet",
    "Kategori",
    "Planerad",
    "Pågår",
    "Genomförd",
    "Vilande",
    "Fortsätter nästa period",
    "Insatser",
    "sista dag",
    "Inte rapporterat",
    "Medborgarlöften",
    "Trygghetsarbetet",
    "Logga ut",
    "Perioder",
]
WORDS = {"en": ENGLISH, "sv": SWEDISH}

PAGES = [
    ("municipality_home", ["fagersta"]),  # the main menu
    ("reports:dashboard", ["fagersta"]),
    ("situations:heat_map", ["fagersta"]),
    ("measures:measure_list", ["fagersta"]),
    ("promises_public:index", ["fagersta"]),
]
ROLES = [
    "fagersta-coordinator",
    "fagersta-council",
    "fagersta-politician",
    "fagersta-reporter",
    None,  # the public
]


def visible_text(html: str) -> str:
    """What a reader sees of the menu and the content: the footer's language switcher names
    both languages on purpose."""
    html = html.split("<footer", 1)[0]
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def found(words: list[str], text: str) -> list[str]:
    return [word for word in words if re.search(rf"(?<!\w){word}(?!\w)", text)]


def render_all(client, language: str, rendered_templates: set) -> dict[str, str]:
    client.post(reverse("set_language"), {"language": language})
    pages = {}
    for name, args in PAGES:
        response = client.get(reverse(name, args=args))
        if response.status_code == 200:
            rendered_templates.update(t.name for t in response.templates if t.name)
            pages[name] = visible_text(response.content.decode())
    return pages


@pytest.fixture
def demo(db):
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115


def cached_templates() -> set[str]:
    """Every template that caches a fragment of itself."""
    names = set()
    for directory in [*settings.TEMPLATES[0]["DIRS"], *Path(settings.BASE_DIR).glob("*/templates")]:
        for path in Path(directory).rglob("*.html"):
            if "{% cache " in path.read_text(encoding="utf-8"):
                names.add(str(path.relative_to(directory)))
    return names


def test_no_cached_page_shows_the_language_rendered_before_it(demo, client):
    users = get_user_model().objects
    rendered_templates: set[str] = set()
    seen = {"en": "", "sv": ""}
    for username in ROLES:
        client.logout()
        if username:
            client.force_login(users.get(username=username))
        for first, second in (("en", "sv"), ("sv", "en")):
            cache.clear()
            before = render_all(client, first, rendered_templates)
            after = render_all(client, second, rendered_templates)
            assert before.keys() == after.keys()
            for name, text in after.items():
                mixed = found(WORDS[first], text)
                assert not mixed, f"{second} {name} for {username} after {first}: {mixed}"
            seen[first] += " ".join(before.values())

    # Every word checked does show in its own language, and every cached fragment was rendered.
    for language, words in WORDS.items():
        assert found(words, seen[language]) == words, language
    assert cached_templates() <= rendered_templates
