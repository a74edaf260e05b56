import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from measures.models import Measure, MeasureStatus, Partner
from municipalities.models import Role
from tests.factories import OrganisationFactory, member
from tests.measures.factories import (
    CauseFactory,
    MeasureFactory,
    PartnerFactory,
    ProblemFactory,
    national_area,
)

pytestmark = pytest.mark.django_db


def list_url(municipality, query=""):
    return reverse("measures:measure_list", args=[municipality.slug]) + query


def create_url(municipality):
    return reverse("measures:measure_create", args=[municipality.slug])


def edit_url(measure):
    return reverse("measures:measure_edit", args=[measure.municipality.slug, measure.pk])


def detail_url(measure):
    return reverse("measures:measure_detail", args=[measure.municipality.slug, measure.pk])


def measure_data(**overrides):
    data = {
        "title": "Motorburen ungdom",
        "description": "Mötesplats med vuxna för unga med EPA-traktorer.",
        "areas": [national_area("ordning-otrygghet").pk],
        "level": "group",
        "status": "ongoing",
        "start_date": "2021-04-01",
        "end_date": "",
        "target_group": "Unga med EPA- och A-traktorer",
        "reach_number": "45",
        "reach_unit": "unga",
        "funding_source": "",
        "funding_amount": "",
        "outcome": "",
        "lessons_learned": "",
        "new_partners": "Fagersta Motorklubb",
    }
    data.update(overrides)
    return data


# The list


def test_it_lists_the_municipality_measures_only(client_for, council_member, municipality):
    MeasureFactory(municipality=municipality, title="Nattvandring")
    MeasureFactory(title="Annan kommuns insats")
    response = client_for(council_member).get(list_url(municipality))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nattvandring" in content
    assert "Annan kommuns insats" not in content


def test_list_query_count_does_not_grow(
    client_for, coordinator, municipality, django_assert_num_queries
):
    client = client_for(coordinator)

    def make(n):
        partner = PartnerFactory(municipality=municipality)
        for _ in range(n):
            measure = MeasureFactory(municipality=municipality, partners=[partner])
            CauseFactory(analysis__problem__municipality=municipality).measures.add(measure)

    make(2)
    client.get(list_url(municipality))  # warm up sessions and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        response = client.get(list_url(municipality, "?status=ongoing&q=Insats"))
    assert response.status_code == 200
    make(20)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(list_url(municipality, "?status=ongoing&q=Insats"))
    assert response.content.decode().count('href="/k/fagersta/insatser/') >= 22


@pytest.mark.parametrize(
    ("query", "expected", "hidden"),
    [
        ("?status=completed", "Valborg", "Nattvandring"),
        ("?q=motorklubb", "Motorburen ungdom", "Valborg"),
        ("?year=2022", "Nattvandring", "Valborg"),
    ],
)
def test_it_filters_the_list(client_for, coordinator, municipality, query, expected, hidden):
    club = PartnerFactory(municipality=municipality, name="Fagersta Motorklubb")
    MeasureFactory(
        municipality=municipality,
        title="Valborg",
        status=MeasureStatus.COMPLETED,
        start_date=datetime.date(2021, 4, 30),
    )
    MeasureFactory(
        municipality=municipality,
        title="Nattvandring",
        status=MeasureStatus.ONGOING,
        start_date=datetime.date(2021, 1, 1),
    )
    MeasureFactory(municipality=municipality, title="Motorburen ungdom", partners=[club])
    response = client_for(coordinator).get(list_url(municipality, query))
    table = response.content.decode().split("<tbody>")[1]
    assert expected in table
    assert hidden not in table


def test_it_filters_by_area_and_partner(client_for, coordinator, municipality):
    ica = PartnerFactory(municipality=municipality, name="ICA-handlarna")
    MeasureFactory(
        municipality=municipality,
        title="ICA trygghetsråd",
        areas=[national_area("hot-vald")],
        partners=[ica],
    )
    MeasureFactory(municipality=municipality, title="Föräldrastöd")
    client = client_for(coordinator)
    area = national_area("hot-vald")
    for query in (f"?area={area.pk}", f"?partner={ica.pk}"):
        table = client.get(list_url(municipality, query)).content.decode().split("<tbody>")[1]
        assert "ICA trygghetsråd" in table
        assert "Föräldrastöd" not in table


def test_it_flags_measures_that_answer_no_cause(client_for, coordinator, municipality):
    answered = MeasureFactory(municipality=municipality, title="Belysning i Kolarbyn")
    MeasureFactory(municipality=municipality, title="Polisen informerar")
    CauseFactory(analysis__problem__municipality=municipality).measures.add(answered)
    content = client_for(coordinator).get(list_url(municipality)).content.decode()
    rows = content.split("<tbody>")[1].split("</tr>")
    flag = "Svarar inte mot någon identifierad orsak"
    assert flag not in next(r for r in rows if "Belysning i Kolarbyn" in r)
    assert flag in next(r for r in rows if "Polisen informerar" in r)
    detail = client_for(coordinator).get(detail_url(answered)).content.decode()
    assert flag not in detail


def listed_titles(response):
    """The titles of the listed measures, in the order shown."""
    table = response.content.decode().split("<tbody>")[1]
    return re.findall(r'<th scope="row">\s*<a href="[^"]+">([^<]+)</a>', table)


def test_it_lists_running_measures_first_and_the_newest_first(
    client_for, coordinator, municipality
):
    def make(title, status, start):
        MeasureFactory(municipality=municipality, title=title, status=status, start_date=start)

    make("Avslutad i år", MeasureStatus.COMPLETED, datetime.date(2026, 2, 1))
    make("Pågår sedan länge", MeasureStatus.ONGOING, datetime.date(2019, 5, 1))
    make("Planerad utan datum", MeasureStatus.PLANNED, None)
    make("Planerad", MeasureStatus.PLANNED, datetime.date(2026, 9, 1))
    make("Vilande", MeasureStatus.PAUSED, datetime.date(2022, 1, 1))
    make("Inställd", MeasureStatus.CANCELLED, datetime.date(2025, 1, 1))
    response = client_for(coordinator).get(list_url(municipality))
    assert listed_titles(response) == [
        "Planerad",
        "Vilande",
        "Pågår sedan länge",
        "Planerad utan datum",
        "Avslutad i år",
        "Inställd",
    ]


def test_it_shows_areas_status_period_partners_and_reach_of_each_measure(
    client_for, coordinator, municipality
):
    MeasureFactory(
        municipality=municipality,
        title="Trygga stråk",
        status=MeasureStatus.COMPLETED,
        areas=[national_area("ordning-otrygghet"), national_area("hot-vald")],
        partners=[
            PartnerFactory(municipality=municipality, name="Västra kyrkan"),
            PartnerFactory(municipality=municipality, name="Bostadsbolaget"),
        ],
        start_date=datetime.date(2021, 3, 15),
        end_date=datetime.date(2022, 6, 30),
        reach_number=1200,
        reach_unit="boende",
    )
    MeasureFactory(municipality=municipality, title="Utan uppgifter", areas=[], start_date=None)
    response = client_for(coordinator).get(list_url(municipality))
    rows = response.content.decode().split("<tbody>")[1].split("</tr>")
    full = next(r for r in rows if "Trygga stråk" in r)
    cells = re.findall(r"<td>([^<]*)</td>", full)
    assert cells == [
        "Hot och våld, Ordningsstörning och otrygghet",
        "Genomförd",
        "mars 2021–juni 2022",
        "Bostadsbolaget, Västra kyrkan",
        "1\xa0200 boende",
    ]
    empty = next(r for r in rows if "Utan uppgifter" in r)
    assert re.findall(r"<td>([^<]*)</td>", empty) == ["–", "Pågår", "–", "–", "–"]
    assert 'href="/k/fagersta/insatser/' in full


def test_it_pages_the_list_and_keeps_the_filter(client_for, coordinator, municipality):
    for day in range(1, 28):
        MeasureFactory(municipality=municipality, start_date=datetime.date(2024, 1, day))
    MeasureFactory(municipality=municipality, status=MeasureStatus.COMPLETED)
    client = client_for(coordinator)
    first = client.get(list_url(municipality, "?status=ongoing"))
    content = first.content.decode()
    assert len(listed_titles(first)) == 25
    assert "27 insatser" in content
    assert "Sida 1 av 2" in content
    assert 'href="?status=ongoing&amp;sida=2"' in content
    second = client.get(list_url(municipality, "?status=ongoing&sida=2"))
    assert len(listed_titles(second)) == 2
    assert "Sida 2 av 2" in second.content.decode()


def year_choices(response):
    form = response.context["listing"]["filter"].form
    return [value for value, _label in form.fields["year"].choices if value != ""]


def test_it_offers_only_the_years_in_which_measures_ran(client_for, coordinator, municipality):
    def make(status, start, end=None):
        MeasureFactory(municipality=municipality, status=status, start_date=start, end_date=end)

    this_year = timezone.localdate().year
    make(MeasureStatus.COMPLETED, datetime.date(2015, 4, 1))
    make(MeasureStatus.COMPLETED, datetime.date(2017, 9, 1), datetime.date(2019, 2, 1))
    make(MeasureStatus.ONGOING, datetime.date(this_year - 1, 1, 10))
    make(MeasureStatus.PLANNED, None)
    response = client_for(coordinator).get(list_url(municipality))
    assert year_choices(response) == [this_year, this_year - 1, 2019, 2018, 2017, 2015]


def test_it_filters_by_a_year_inside_a_finished_measures_period(
    client_for, coordinator, municipality
):
    MeasureFactory(
        municipality=municipality,
        title="Sommarjobb",
        status=MeasureStatus.COMPLETED,
        start_date=datetime.date(2017, 6, 1),
        end_date=datetime.date(2019, 8, 31),
    )
    MeasureFactory(
        municipality=municipality,
        title="Valborg",
        status=MeasureStatus.COMPLETED,
        start_date=datetime.date(2017, 4, 30),
    )
    client = client_for(coordinator)
    assert listed_titles(client.get(list_url(municipality, "?year=2018"))) == ["Sommarjobb"]
    assert set(listed_titles(client.get(list_url(municipality, "?year=2017")))) == {
        "Sommarjobb",
        "Valborg",
    }


def test_it_offers_only_the_municipality_areas_and_partners(
    client_for, coordinator, municipality, other_municipality
):
    ours = PartnerFactory(municipality=municipality, name="ICA-handlarna")
    theirs = PartnerFactory(municipality=other_municipality, name="Hagfors IF")
    MeasureFactory(municipality=other_municipality, partners=[theirs])
    response = client_for(coordinator).get(list_url(municipality, f"?partner={theirs.pk}"))
    form = response.context["listing"]["filter"].form
    partners = [label for _value, label in form.fields["partner"].choices]
    assert ours.name in partners
    assert theirs.name not in partners
    assert "partner" in form.errors
    areas = {label for _value, label in form.fields["area"].choices}
    assert national_area("hot-vald").name in areas


def test_it_refuses_the_list_to_reporters(client_for, reporter, municipality):
    assert client_for(reporter).get(list_url(municipality)).status_code == 403


def test_it_hides_the_list_from_other_municipality(client_for, outsider, municipality):
    assert client_for(outsider).get(list_url(municipality)).status_code == 404


# Create


def test_it_creates_a_measure(client_for, coordinator, municipality):
    organisation = OrganisationFactory(municipality=municipality, name="Fritidsgården")
    problem = ProblemFactory(municipality=municipality)
    response = client_for(coordinator).post(
        create_url(municipality),
        measure_data(responsible_organisation=organisation.pk, problems=[problem.pk]),
    )
    measure = Measure.objects.get(title="Motorburen ungdom")
    assert response.status_code == 302
    assert response.url == detail_url(measure)
    assert measure.municipality == municipality
    assert measure.created_by == coordinator
    assert measure.reach_number == 45
    assert [p.name for p in measure.partners.all()] == ["Fagersta Motorklubb"]
    assert Partner.objects.get(name="Fagersta Motorklubb").municipality == municipality
    assert list(measure.problems.all()) == [problem]
    assert measure.history.count() == 1


def test_it_keeps_the_text_and_explains_bad_input(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        create_url(municipality),
        measure_data(start_date="2021-05-01", end_date="2021-04-01", reach_unit=""),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Slutdatum kan inte ligga före startdatum." in content
    assert "Ange vad räckvidden räknas i" in content
    assert "Mötesplats med vuxna för unga med EPA-traktorer." in content
    assert not Measure.objects.exists()


def test_it_refuses_another_municipality_partner(
    client_for, coordinator, municipality, other_municipality
):
    foreign = PartnerFactory(municipality=other_municipality)
    response = client_for(coordinator).post(
        create_url(municipality), measure_data(partners=[foreign.pk], new_partners="")
    )
    assert response.status_code == 400
    assert not Measure.objects.exists()


@pytest.mark.parametrize("role", [Role.COUNCIL, Role.POLITICIAN, Role.REPORTER])
def test_it_requires_coordinator_role_to_create(client_for, municipality, organisation, role):
    user = member(municipality, role, organisation=organisation)
    response = client_for(user).post(create_url(municipality), measure_data())
    assert response.status_code == 403
    assert not Measure.objects.exists()


def test_it_hides_create_from_other_municipality(client_for, outsider, municipality):
    response = client_for(outsider).post(create_url(municipality), measure_data())
    assert response.status_code == 404
    assert not Measure.objects.exists()


# Edit


def test_it_edits_a_measure_and_marks_it_public(client_for, coordinator, municipality):
    measure = MeasureFactory(municipality=municipality, title="Livesändning")
    response = client_for(coordinator).post(
        edit_url(measure),
        measure_data(
            title="Livesänt samtal om alkohol",
            reach_number="2000",
            reach_unit="visningar",
            is_public="on",
            new_partners="",
        ),
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Livesänt samtal om alkohol"
    assert measure.is_public
    assert measure.history.count() == 2


def test_it_requires_coordinator_role_to_edit(client_for, council_member, municipality):
    measure = MeasureFactory(municipality=municipality, title="Före")
    response = client_for(council_member).post(edit_url(measure), measure_data(title="Efter"))
    assert response.status_code == 403
    measure.refresh_from_db()
    assert measure.title == "Före"


def test_it_hides_edit_from_other_municipality(client_for, outsider, municipality):
    measure = MeasureFactory(municipality=municipality, title="Före")
    response = client_for(outsider).post(edit_url(measure), measure_data(title="Efter"))
    assert response.status_code == 404
    measure.refresh_from_db()
    assert measure.title == "Före"


def test_it_hides_other_municipality_measure(client_for, coordinator, other_municipality):
    foreign = MeasureFactory(municipality=other_municipality, title="Före")
    client = client_for(coordinator)
    url = reverse("measures:measure_edit", args=["fagersta", foreign.pk])
    assert client.post(url, measure_data(title="Efter")).status_code == 404
    detail = reverse("measures:measure_detail", args=["fagersta", foreign.pk])
    assert client.get(detail).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == "Före"


# Partners


def test_it_adds_a_partner(client_for, coordinator, municipality):
    url = reverse("measures:partner_list", args=[municipality.slug])
    response = client_for(coordinator).post(url, {"name": "Svenska kyrkan"})
    assert response.status_code == 302
    assert Partner.objects.get(name="Svenska kyrkan").municipality == municipality


def test_it_refuses_a_duplicate_partner(client_for, coordinator, municipality):
    PartnerFactory(municipality=municipality, name="Nattvandrarna")
    url = reverse("measures:partner_list", args=[municipality.slug])
    response = client_for(coordinator).post(url, {"name": "nattvandrarna"})
    assert response.status_code == 400
    assert "Det finns redan en partner med det namnet." in response.content.decode()


def test_it_requires_coordinator_role_to_add_partner(client_for, politician, municipality):
    url = reverse("measures:partner_list", args=[municipality.slug])
    assert client_for(politician).get(url).status_code == 200
    assert client_for(politician).post(url, {"name": "Tillväxtverket"}).status_code == 403
    assert not Partner.objects.exists()


def test_it_hides_partners_from_other_municipality(client_for, outsider, municipality):
    url = reverse("measures:partner_list", args=[municipality.slug])
    assert client_for(outsider).post(url, {"name": "Tillväxtverket"}).status_code == 404
    assert not Partner.objects.exists()


# Links to citizen promises


def test_a_measure_linked_to_a_commitment_appears_on_both_pages(
    client_for, coordinator, municipality
):
    from tests.promises.factories import CommitmentFactory

    commitment = CommitmentFactory(
        promise__municipality=municipality, action="Nattvandring på riskhelger"
    )
    measure = MeasureFactory(municipality=municipality, title="Nattvandring med föreningar")
    client = client_for(coordinator)
    response = client.post(
        edit_url(measure),
        measure_data(
            title="Nattvandring med föreningar",
            new_partners="Nattvandrarna",
            promises=[commitment.promise_id],
            commitments=[commitment.pk],
        ),
    )
    assert response.status_code == 302
    assert list(commitment.measures.all()) == [measure]
    assert list(commitment.promise.measures.all()) == [measure]
    assert "Nattvandring på riskhelger" in client.get(detail_url(measure)).content.decode()
    promise_page = reverse("promises:detail", args=[municipality.slug, commitment.promise_id])
    assert "Nattvandring med föreningar" in client.get(promise_page).content.decode()


def test_it_refuses_another_municipality_commitment(
    client_for, coordinator, municipality, other_municipality
):
    from tests.promises.factories import CommitmentFactory

    foreign = CommitmentFactory(promise__municipality=other_municipality)
    measure = MeasureFactory(municipality=municipality)
    response = client_for(coordinator).post(
        edit_url(measure), measure_data(commitments=[foreign.pk])
    )
    assert response.status_code == 400
    assert not measure.commitments.exists()


def test_the_list_speaks_english_when_chosen(client_for, coordinator, municipality):
    MeasureFactory(municipality=municipality, status=MeasureStatus.PAUSED)
    client = client_for(coordinator)
    client.post(reverse("set_language"), {"language": "en"})
    body = client.get(list_url(municipality)).content.decode()
    assert "New measure" in body
    assert "Paused" in body
    assert "Answers no identified cause" in body


def test_a_concurrent_change_keeps_the_users_text(client_for, coordinator, municipality):
    import re

    from measures import services

    measure = MeasureFactory(municipality=municipality, title="Nattvandring")
    client = client_for(coordinator)
    form_page = client.get(edit_url(measure)).content.decode()
    loaded = re.search(r'name="loaded_version" value="([^"]+)"', form_page).group(1)
    services.measure_update(actor=coordinator, measure=measure, outcome="Någon annans text")

    mine = measure_data(title="Nattvandring i centrum", new_partners="", loaded_version=loaded)
    response = client.post(edit_url(measure), mine)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Någon annan har sparat insatsen medan du skrev." in content
    assert "Nattvandring i centrum" in content
    measure.refresh_from_db()
    assert measure.title == "Nattvandring"

    newer = re.search(r'name="loaded_version" value="([^"]+)"', content).group(1)
    response = client.post(edit_url(measure), {**mine, "loaded_version": newer})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Nattvandring i centrum"


def test_a_new_measure_shows_in_the_cached_list_at_once(client_for, coordinator, municipality):
    url = reverse("measures:measure_list", args=[municipality.slug])
    client = client_for(coordinator)
    assert "Nattvandring i centrum" not in client.get(url).content.decode()
    MeasureFactory(municipality=municipality, title="Nattvandring i centrum")
    assert "Nattvandring i centrum" in client.get(url).content.decode()


def test_a_filtered_list_is_not_cached(client_for, coordinator, municipality, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "measure-list-test",
        }
    }
    from django.core.cache import cache

    url = reverse("measures:measure_list", args=[municipality.slug])
    client_for(coordinator).get(url, {"q": "något"})
    assert not [k for k in cache._cache if "measure-list" in k]
    client_for(coordinator).get(url)
    assert [k for k in cache._cache if "measure-list" in k]


def test_a_measure_linked_to_a_cause_loses_its_warning_in_the_cached_list(
    client_for, coordinator, municipality
):
    measure = MeasureFactory(municipality=municipality, title="Belysning vid stationen")
    url = reverse("measures:measure_list", args=[municipality.slug])
    client = client_for(coordinator)
    assert "Svarar inte mot någon identifierad orsak" in client.get(url).content.decode()
    cause = CauseFactory(analysis__problem__municipality=municipality)
    cause.measures.add(measure)
    assert "Svarar inte mot någon identifierad orsak" not in client.get(url).content.decode()


def test_the_promise_page_column_lists_each_commitments_measures_of_this_municipality(
    municipality, other_municipality, django_assert_num_queries
):
    from django.template import Context, Template

    from tests.promises.factories import CommitmentFactory

    walked, nothing = CommitmentFactory.create_batch(2, promise__municipality=municipality)
    MeasureFactory(municipality=municipality, title="Nattvandring").commitments.add(walked)
    MeasureFactory(municipality=other_municipality, title="Grannens insats").commitments.add(walked)
    template = Template(
        "{% load measures_tags %}{% with_measures commitments municipality as rows %}"
        "{% for c in rows %}[{% commitment_measures c municipality %}]{% endfor %}"
    )
    with django_assert_num_queries(1):
        html = template.render(
            Context({"commitments": [walked, nothing], "municipality": municipality})
        )
    measure = walked.measures.get(municipality=municipality)
    link = f'<a href="/k/{municipality.slug}/insatser/{measure.pk}/">Nattvandring</a>'
    assert html.count("<li>") == 1
    assert link in html
    assert html.strip().endswith("[–\n]")
