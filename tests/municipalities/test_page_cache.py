"""Pages cached under a municipality's data version: a watched write shows at once, in that
municipality only, and a cached page costs fewer queries than computing it."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from municipalities import versions
from promises.models import PromiseStatus
from tests.factories import MembershipFactory, member, national_areas
from tests.promises.factories import DecidedPromiseFactory
from tests.situations.factories import JudgementFactory, PeriodFactory, PictureFactory


def count(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def main(page: str) -> str:
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def this_period():
    first = timezone.localdate().replace(day=1)
    return {"period_start": first, "period_end": first + datetime.timedelta(days=80)}


def test_a_watched_write_bumps_only_its_own_municipality(municipality, other_municipality):
    mine, theirs = versions.page_key(municipality.pk), versions.page_key(other_municipality.pk)
    PeriodFactory(municipality=other_municipality)
    assert versions.page_key(municipality.pk) == mine
    assert versions.page_key(other_municipality.pk) != theirs


def test_the_heat_map_shows_a_new_joint_status_at_once(client_for, coordinator, municipality):
    areas = national_areas()
    period = PeriodFactory(municipality=municipality, starts_on=datetime.date(2021, 3, 1))
    picture = PictureFactory(period=period)
    JudgementFactory(picture=picture, area=areas[0], status="green")
    client = client_for(coordinator)
    url = reverse("situations:heat_map", args=[municipality.slug]) + "?ar=2021"
    computed, before = count(client, url)
    cached, again = count(client, url)
    assert cached < computed
    assert main(again) == main(before)
    assert '<span class="visually-hidden">Röd</span>' not in main(before).split("heat-caption")[-1]

    JudgementFactory(picture=picture, area=areas[1], status="red")
    _queries, after = count(client, url)
    assert '<span class="visually-hidden">Röd</span>' in main(after).split("heat-caption")[-1]


def test_the_public_promise_page_shows_a_decided_promise_at_once(client, municipality):
    url = reverse("promises_public:index", args=[municipality.slug])
    computed, before = count(client, url)
    cached, _page = count(client, url)
    assert cached < computed
    assert "Just nu finns inget beslutat löfte" in before

    DecidedPromiseFactory(
        municipality=municipality,
        status=PromiseStatus.ACTIVE,
        title="Trygg centrumkväll",
        **this_period(),
    )
    _queries, after = count(client, url)
    assert "Trygg centrumkväll" in after


def test_a_write_in_another_municipality_keeps_my_cached_page(
    client, municipality, other_municipality
):
    url = reverse("promises_public:index", args=[municipality.slug])
    count(client, url)
    DecidedPromiseFactory(municipality=other_municipality, **this_period())
    cached, _page = count(client, url)
    assert cached == 1  # the municipality itself; the rest comes from the cache


def test_the_cached_menu_follows_the_roles(client_for, coordinator, reporter, municipality):
    url = reverse("municipality_home", args=[municipality.slug])
    dashboard = reverse("reports:dashboard", args=[municipality.slug])
    members = reverse("member_list", args=[municipality.slug])
    coordinator_page = client_for(coordinator).get(url).content.decode()
    reporter_page = client_for(reporter).get(url).content.decode()
    assert dashboard in coordinator_page and members in coordinator_page
    assert dashboard not in reporter_page and members not in reporter_page


def test_a_second_municipality_shows_the_switcher(client_for, coordinator, municipality):
    from tests.factories import MunicipalityFactory

    hagfors = MunicipalityFactory(name="Hagfors", slug="hagfors")
    MembershipFactory(user=coordinator, municipality=hagfors, role="council")
    page = client_for(coordinator).get(reverse("municipality_home", args=["fagersta"]))
    body = page.content.decode()
    assert reverse("municipality_home", args=["hagfors"]) in body
    hagfors_page = client_for(coordinator).get(reverse("municipality_home", args=["hagfors"]))
    assert reverse("member_list", args=["hagfors"]) not in hagfors_page.content.decode()


def test_a_device_set_up_elsewhere_is_asked_for_on_the_next_request(
    client_for, coordinator, municipality
):
    client = client_for(coordinator)
    url = reverse("municipality_home", args=[municipality.slug])
    assert client.get(url).status_code == 200  # "no device" is now cached
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))


def test_a_removed_device_no_longer_asks_for_a_code(client_for, coordinator, municipality):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client = client_for(coordinator)
    url = reverse("municipality_home", args=[municipality.slug])
    assert client.get(url).status_code == 302
    device.delete()
    assert client.get(url).status_code == 200


def test_membership_is_read_once_per_request(client_for, coordinator, municipality):
    member(municipality, "council", user=coordinator)
    client = client_for(coordinator)
    url = reverse("reports:dashboard", args=[municipality.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    membership_queries = [
        q for q in captured.captured_queries if 'FROM "municipalities_membership"' in q["sql"]
    ]
    assert len(membership_queries) == 1


def test_a_saved_report_keeps_the_cached_areas_and_places(municipality):
    from tests.factories import PlaceFactory
    from tests.situations.factories import ReportFactory

    reference = versions.current(municipality.pk, versions.REFERENCE)
    data = versions.current(municipality.pk)
    ReportFactory(period=PeriodFactory(municipality=municipality))
    assert versions.current(municipality.pk) > data
    assert versions.current(municipality.pk, versions.REFERENCE) == reference

    PlaceFactory(municipality=municipality, name="Nytt torg")
    assert versions.current(municipality.pk, versions.REFERENCE) > reference


def test_a_new_place_shows_in_the_report_form_at_once(client_for, reporter, organisation):
    from tests.factories import PlaceFactory

    municipality = organisation.municipality
    period = PeriodFactory(
        municipality=municipality,
        starts_on=timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday()),
    )
    url = reverse("situations:report", args=[municipality.slug, period.pk, organisation.pk])
    client = client_for(reporter)
    assert "Nytt torg" not in client.get(url).content.decode()
    PlaceFactory(municipality=municipality, name="Nytt torg")
    assert "Nytt torg" in client.get(url).content.decode()


def test_a_version_that_starts_again_starts_above_the_old_one(municipality):
    from django.core.cache import cache

    before = versions.current(municipality.pk)
    cache.delete(f"municipality-data-version:{municipality.pk}")  # expired or evicted
    assert versions.current(municipality.pk) > before


def test_a_renamed_organisation_shows_on_the_dashboard_at_once(
    client_for, coordinator, organisation, municipality
):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday())
    PeriodFactory(
        municipality=municipality,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=13),
        deadline=start + datetime.timedelta(days=10),
    )
    url = reverse("reports:dashboard", args=[municipality.slug])
    client = client_for(coordinator)
    assert organisation.name in main(client.get(url).content.decode())  # has not reported
    organisation.name = "Nya skolan"
    organisation.save()
    assert "Nya skolan" in main(client.get(url).content.decode())


def test_with_a_shared_cache_a_new_device_is_asked_for_at_once(coordinator, settings):
    from municipalities.two_factor import has_confirmed_device

    settings.CACHE_SHARED = True
    assert has_confirmed_device(coordinator) is False  # now cached
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    assert has_confirmed_device(coordinator) is True


def test_a_device_confirmed_during_a_read_is_not_forgotten(coordinator, settings, monkeypatch):
    from municipalities import two_factor

    settings.CACHE_SHARED = True
    real = two_factor.user_has_device

    confirmed_elsewhere = []

    def read_then_confirm_elsewhere(user, confirmed=True):
        answer = real(user, confirmed=confirmed)
        if not confirmed_elsewhere:  # the first read finds no device; then one is confirmed
            confirmed_elsewhere.append(True)
            TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
        return answer

    monkeypatch.setattr(two_factor, "user_has_device", read_then_confirm_elsewhere)
    assert two_factor.has_confirmed_device(coordinator) is False  # what this request read
    monkeypatch.setattr(two_factor, "user_has_device", real)
    assert two_factor.has_confirmed_device(coordinator) is True  # the next request


def test_a_removed_device_with_a_shared_cache_asks_no_more(coordinator, settings):
    from municipalities.two_factor import has_confirmed_device

    settings.CACHE_SHARED = True
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    assert has_confirmed_device(coordinator) is True
    device.delete()
    assert has_confirmed_device(coordinator) is False


def test_every_key_names_the_language(municipality):
    from django.utils import translation

    with translation.override("sv"):
        swedish_page = versions.page_key(municipality.pk)
        swedish_places = versions.cached(municipality.pk, "words", lambda: "svenska")
    with translation.override("en"):
        assert versions.page_key(municipality.pk) != swedish_page
        assert versions.cached(municipality.pk, "words", lambda: "english") == "english"
    assert swedish_places == "svenska"
