"""What "now" means for a promise: one definition (Promise.objects.with_phase / in_phase) that
the public page, the dashboard and the start page all follow."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from promises import selectors, services
from promises.models import Phase, Promise, PromiseStatus
from reports.dashboard import dashboard
from tests.promises.factories import CommitmentFactory, DecidedPromiseFactory, PromiseFactory

DAY = datetime.timedelta(days=1)
S = PromiseStatus

# (status, first day and last day of the period relative to today, the phase it is in)
CASES = [
    (S.APPROVED, 5, 90, Phase.UPCOMING),
    (S.APPROVED, -5, 80, Phase.CURRENT),  # the daily activation has not run yet
    (S.ACTIVE, -5, 80, Phase.CURRENT),
    (S.FOLLOWED_UP, -60, 5, Phase.CURRENT),  # followed up early, the period still runs
    (S.ACTIVE, -90, -1, Phase.AWAITING_FOLLOW_UP),
    (S.APPROVED, -90, -1, Phase.AWAITING_FOLLOW_UP),
    (S.FOLLOWED_UP, -90, -1, Phase.FOLLOWED_UP),
    (S.CLOSED, -90, -1, Phase.FOLLOWED_UP),
    (S.DRAFT, -5, 80, ""),
    (S.PROPOSED, -5, 80, ""),
    (S.RETURNED, -90, -1, ""),
]


def _promise(municipality, status, start, end, **kwargs):
    today = timezone.localdate()
    factory = (
        PromiseFactory if status in (S.DRAFT, S.PROPOSED, S.RETURNED) else DecidedPromiseFactory
    )
    return factory(
        municipality=municipality,
        status=status,
        period_start=today + start * DAY,
        period_end=today + end * DAY,
        **kwargs,
    )


@pytest.mark.parametrize(("status", "start", "end", "phase"), CASES)
def test_the_phase_follows_from_the_dates_and_the_follow_up(
    municipality, status, start, end, phase
):
    promise = _promise(municipality, status, start, end)
    today = timezone.localdate()
    assert Promise.objects.with_phase(today).get(pk=promise.pk).phase == phase
    for other in Phase.values:
        found = Promise.objects.in_phase(other, today).filter(pk=promise.pk).exists()
        assert found == (other == phase)


@pytest.mark.parametrize(("status", "start", "end", "phase"), CASES)
def test_public_page_dashboard_and_start_page_agree(municipality, status, start, end, phase):
    promise = _promise(municipality, status, start, end, title="Löftet i fråga")
    public = selectors.public_promises(municipality=municipality)
    board = dashboard(municipality=municipality)["promise"]
    start_page = selectors.start_summary(municipality=municipality)
    is_current = phase == Phase.CURRENT
    assert (promise in public.current) == is_current
    assert ([p["pk"] for p in board["current"]] == [promise.pk]) == is_current
    assert start_page["current"] == int(is_current)
    awaiting = phase == Phase.AWAITING_FOLLOW_UP
    assert board["awaiting_follow_up"] == start_page["to_follow_up"] == int(awaiting)
    assert (promise in public.earlier) == (phase in (Phase.AWAITING_FOLLOW_UP, Phase.FOLLOWED_UP))
    assert (promise in public.upcoming) == (phase == Phase.UPCOMING)


def test_an_old_promise_approved_today_is_not_shown_as_current(
    client_for, municipality, politician, coordinator
):
    """The defect as seen: a 2022 promise approved now was "Löftet som gäller nu"."""
    old = PromiseFactory(
        municipality=municipality,
        status=S.PROPOSED,
        title="Hösten 2022",
        period_start=datetime.date(2022, 9, 1),
        period_end=datetime.date(2022, 11, 30),
    )
    CommitmentFactory(promise=old)
    services.promise_approve(
        actor=politician,
        promise=old,
        decision_body="Kommunstyrelsen",
        decision_date=timezone.localdate(),
        decision_reference="KS § 7",
    )
    assert Promise.objects.get(pk=old.pk).status == S.ACTIVE

    page = (
        client_for(coordinator)
        .get(reverse("promises_public:index", args=[municipality.slug]))
        .content.decode()
    )
    current = page[page.index('id="current-heading"') : page.index('id="earlier-heading"')]
    assert "Hösten 2022" not in current
    assert "Just nu finns inget beslutat löfte." in current
    assert "Hösten 2022" in page[page.index('id="earlier-heading"') :]

    board = client_for(coordinator).get(reverse("reports:dashboard", args=[municipality.slug]))
    card = board.content.decode().split('id="dash-promise"', 1)[1].split("</section>", 1)[0]
    assert "Senaste medborgarlöfte" in card
    assert "Gällande" not in card
    assert "Ska följas upp" in card

    start = client_for(coordinator).get(reverse("municipality_home", args=[municipality.slug]))
    assert "Inget beslutat löfte gäller just nu." in start.content.decode()
    assert "1 löfte ska följas upp" in start.content.decode()


def test_two_promises_can_be_current_at_once(client, municipality):
    today = timezone.localdate()
    DecidedPromiseFactory(
        municipality=municipality,
        title="Polisens årslöfte",
        period_start=today.replace(month=1, day=1),
        period_end=today.replace(month=12, day=31),
    )
    _promise(municipality, S.ACTIVE, -5, 80, title="Kvartalets löfte")
    page = client.get(reverse("promises_public:index", args=[municipality.slug])).content.decode()
    current = page[page.index('id="current-heading"') : page.index('id="earlier-heading"')]
    assert "Löftena som gäller nu" in current
    assert "Polisens årslöfte" in current
    assert "Kvartalets löfte" in current


def test_the_badge_is_one_badge_with_colour_and_word(client_for, coordinator, municipality):
    draft = _promise(municipality, S.DRAFT, 100, 190, title="Nästa utkast")
    current = _promise(municipality, S.ACTIVE, -5, 80, title="Löftet nu")
    ended = _promise(municipality, S.ACTIVE, -200, -110, title="Förra löftet")
    client = client_for(coordinator)
    html = client.get(reverse("promises:list", args=[municipality.slug])).content.decode()
    assert "text-bg-secondary" not in html
    assert 'status-none promise-status"><span aria-hidden="true">✎</span> Utkast' in html
    assert 'status-green promise-status"><span aria-hidden="true">●</span> Gäller nu' in html
    assert 'status-yellow promise-status"><span aria-hidden="true">⚠</span> Ska följas upp' in html
    for promise in (draft, current, ended):
        detail = client.get(reverse("promises:detail", args=[municipality.slug, promise.pk]))
        status_line = detail.content.decode().split("</h1>", 1)[1].split("</p>", 1)[0]
        assert status_line.count("promise-status") == 1
        assert "Gäller" not in status_line.replace("Gäller nu", "")
