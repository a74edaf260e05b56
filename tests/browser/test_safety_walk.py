"""Acceptance: a coordinator records a safety walk with two findings (one with a photo),
forwards one by e-mail, marks it fixed, and sees the right statuses on the map and the list."""

import io

import pytest
from django.core import mail
from PIL import Image

from municipalities.demo import DEMO_PASSWORD
from surveys.models import Finding, FindingStatus, SafetyWalk
from tests.browser.conftest import VIEWPORTS, assert_fits, sign_in


@pytest.fixture
def photo_path(tmp_path):
    path = tmp_path / "lampa.jpg"
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 30, 30)).save(out, format="JPEG")
    path.write_bytes(out.getvalue())
    return path


def test_coordinator_records_walk_and_follows_up_findings(
    page, demo, settings, tmp_path, photo_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MAP_TILE_URL = ""
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()

    page.goto("/k/fagersta/trygghet/")
    page.axe()
    page.get_by_role("link", name="Registrera en trygghetsvandring").click()
    page.axe()
    page.get_by_label("Datum").fill("2026-10-06")
    page.get_by_label("Starttid").fill("18:30")
    page.get_by_label("Mörker").check()
    page.get_by_label("Område").fill("Centrum")
    page.get_by_label("Invånare").fill("14")
    page.get_by_label("Polis").fill("2")
    page.get_by_role("button", name="Spara vandringen").click()
    page.axe()
    assert "Trygghetsvandring: Centrum" in page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("link", name="Lägg till en brist").click()
    page.axe()
    page.get_by_label("Kategori").select_option("lighting")
    page.get_by_label("Plats", exact=True).select_option(
        label="Korsningen Försäkringskassan/Bragevägen"
    )
    page.get_by_label("Beskrivning").fill("Korsningen är helt mörk på kvällen.")
    page.get_by_label("Foto").set_input_files(str(photo_path))
    page.get_by_role("button", name="Spara och lägg till en till").click()
    page.axe()
    assert "Bristen är sparad." in page.get_by_role("status").inner_text()

    page.get_by_label("Kategori").select_option("vegetation")
    page.get_by_label("Plats", exact=True).select_option(label="Centrum")
    page.get_by_label("Beskrivning").fill("Buskage skymmer sikten vid gångvägen.")
    page.get_by_role("button", name="Spara bristen").click()
    page.axe()

    walk = SafetyWalk.objects.get(area="Centrum", date__year=2026)
    lighting, vegetation = walk.findings.order_by("pk")
    assert lighting.photos.count() == 1
    assert vegetation.photos.count() == 0

    page.goto(f"/k/fagersta/trygghet/brister/{lighting.pk}/")
    page.axe()
    assert page.get_by_role("img", name="Foto 1 av bristen (Belysning)").is_visible()
    page.get_by_label("Organisation i kommunen").select_option(
        label="Norra Västmanlands Kommunalteknikförbund (NVK)"
    )
    page.get_by_label("Mottagarens e-post").fill("felanmalan@nvk.example.se")
    page.get_by_label("Ärendenummer eller referens").fill("NVK-2026-12")
    page.get_by_role("button", name="Skicka bristen").click()
    page.axe()
    assert "felanmalan@nvk.example.se" in page.get_by_role("status").inner_text()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["felanmalan@nvk.example.se"]
    assert "Korsningen Försäkringskassan/Bragevägen" in message.body
    assert len(message.attachments) == 1
    lighting.refresh_from_db()
    assert lighting.status == FindingStatus.FORWARDED

    page.get_by_label("Ny status").select_option("fixed")
    page.get_by_role("button", name="Spara status").click()
    page.axe()
    assert "✓ Åtgärdad" in page.locator("main").inner_text()
    lighting.refresh_from_db()
    assert lighting.status == FindingStatus.FIXED and lighting.closed_on

    page.goto("/k/fagersta/trygghet/brister/karta/")
    page.axe()
    table = page.get_by_role("table", name="Brister och deras status")
    lighting_row = table.get_by_role("row").filter(has_text="Korsningen är helt mörk")
    vegetation_row = table.get_by_role("row").filter(has_text="Buskage skymmer")
    assert "✓ Åtgärdad" in lighting_row.inner_text()
    assert "● Öppen" in vegetation_row.inner_text()
    assert page.locator("#findings-map").is_visible()
    assert page.locator(".map-marker").count() == 2  # two different places

    page.goto("/k/fagersta/trygghet/brister/")
    page.axe()
    rows = page.get_by_role("table").get_by_role("row")
    assert "✓ Åtgärdad" in rows.filter(has_text="Korsningen är helt mörk").inner_text()
    assert "● Öppen" in rows.filter(has_text="Buskage skymmer").inner_text()
    assert Finding.objects.filter(walk=walk, status=FindingStatus.OPEN).count() == 1


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_map_page_works_without_javascript(browser, live_server, demo, settings, viewport):
    from surveys import demo as surveys_demo

    settings.MAP_TILE_URL = ""
    surveys_demo.load(demo)
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=VIEWPORTS[viewport]
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill("fagersta-council")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto("/k/fagersta/trygghet/brister/karta/")
    text = page.locator("main").inner_text()
    assert "Korsningen Försäkringskassan/Bragevägen" in text
    assert "➜ Vidarebefordrad" in text and "✓ Åtgärdad" in text
    assert not page.locator("#findings-map").is_visible()
    assert not page.locator("#findings-map-legend").is_visible()
    assert_fits(page)
    context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_map_draws_under_the_content_security_policy(
    browser, live_server, demo, settings, viewport
):
    """The other browser tests bypass the CSP to run axe; this one keeps it and checks that
    the map script, Leaflet and the JSON data block run without a single violation."""
    from surveys import demo as surveys_demo

    settings.MAP_TILE_URL = ""
    surveys_demo.load(demo)
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORTS[viewport])
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill("fagersta-politician")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    response = page.goto("/k/fagersta/trygghet/brister/karta/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".map-marker").first.wait_for()
    # Six findings at four places: findings at the same place share a marker.
    assert page.locator(".map-marker").count() == 4
    # Without a tile server the map is a blank field: a legend says what the markers mean...
    legend = page.locator("#findings-map-legend")
    assert legend.is_visible()
    assert "Åtgärdad" in legend.inner_text() and "saknar bakgrund" in legend.inner_text()
    # ...and no marker hides under the zoom buttons or the attribution.
    controls = [
        page.locator(".leaflet-control-zoom").bounding_box(),
        page.locator(".leaflet-control-attribution").bounding_box(),
    ]
    for marker in page.locator(".map-marker").all():
        box = marker.bounding_box()
        for control in controls:
            apart = (
                box["x"] + box["width"] <= control["x"]
                or control["x"] + control["width"] <= box["x"]
                or box["y"] + box["height"] <= control["y"]
                or control["y"] + control["height"] <= box["y"]
            )
            assert apart, f"a marker at {box} lies under a map control at {control}"
    assert_fits(page)
    page.get_by_role("button", name="Kolarbyområdet: ").click()
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "Belysning, Kolarbyområdet: Åtgärdad" in popup
    assert "Vegetation eller skymd sikt, Kolarbyområdet: Åtgärdad" in popup
    assert problems == []
    context.close()


def test_coordinator_picks_a_point_on_the_map(page, demo, settings):
    # Any same-origin image serves as tiles here; the point is what the click fills in.
    settings.MAP_TILE_URL = "/static/vendor/leaflet/images/layers.png?{z}/{x}/{y}"
    walk = SafetyWalk.objects.create(
        municipality=demo["fagersta"], date="2026-10-06", light="dark", area="Västanfors"
    )
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    page.goto(f"/k/fagersta/trygghet/vandringar/{walk.pk}/brister/ny/")
    page.axe()
    assert page.get_by_role("region", name="Karta för att välja bristens punkt").is_visible()
    page.locator("#point-map").click()
    latitude = float(page.get_by_label("Latitud").input_value())
    longitude = float(page.get_by_label("Longitud").input_value())
    assert 59.9 < latitude < 60.1 and 15.7 < longitude < 15.9
    page.get_by_label("Kategori").select_option("deserted")
    page.get_by_label("Beskrivning").fill("Öde parkering utan belysning.")
    page.get_by_role("button", name="Spara bristen").click()
    page.axe()
    finding = walk.findings.get()
    assert finding.place is None
    assert abs(float(finding.latitude) - latitude) < 1e-6


def test_no_picking_map_without_tiles(page, demo, settings):
    settings.MAP_TILE_URL = ""
    walk = SafetyWalk.objects.create(
        municipality=demo["fagersta"], date="2026-10-06", light="dark", area="Västanfors"
    )
    sign_in(page, "fagersta-coordinator", DEMO_PASSWORD)
    page.axe()
    page.goto(f"/k/fagersta/trygghet/vandringar/{walk.pk}/brister/ny/")
    page.axe()
    assert not page.locator("#point-map").is_visible()
    assert page.get_by_label("Latitud").is_visible()
