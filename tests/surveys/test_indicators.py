import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys import services
from surveys.models import IndicatorLevel, IndicatorSeries, IndicatorValue, NationalIndicator
from tests.factories import PlaceFactory
from tests.surveys.factories import SeriesFactory

pytestmark = pytest.mark.django_db


def url(name, municipality, *args):
    return reverse(f"surveys:{name}", args=[municipality.slug, *args])


def csv_file(text: str, encoding="utf-8"):
    return SimpleUploadedFile("varden.csv", text.encode(encoding), content_type="text/csv")


def test_it_creates_a_series(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        url("series_create", municipality),
        {
            "name": "Avstår från att gå ut sent",
            "source": "ntu",
            "unit": "%",
            "level": "municipality",
        },
    )
    series = IndicatorSeries.objects.get()
    assert response.status_code == 302
    assert series.municipality == municipality


def test_it_requires_coordinator_role_to_create_series(client_for, politician, municipality):
    response = client_for(politician).post(
        url("series_create", municipality),
        {"name": "X", "source": "ntu", "unit": "%", "level": "municipality"},
    )
    assert response.status_code == 403


def test_it_hides_series_creation_from_outsider(client_for, outsider, municipality):
    assert client_for(outsider).get(url("series_create", municipality)).status_code == 404


def test_it_records_a_value(client_for, coordinator, municipality):
    series = SeriesFactory(municipality=municipality)
    response = client_for(coordinator).post(
        url("value_add", municipality, series.pk),
        {"period_label": "2023", "period_start": "2023-01-01", "value": "12,5"},
    )
    assert response.status_code == 302
    assert series.values.get().value == Decimal("12.5")


def test_it_needs_a_place_for_place_series(client_for, coordinator, municipality):
    series = SeriesFactory(municipality=municipality, level=IndicatorLevel.PLACE)
    response = client_for(coordinator).post(
        url("value_add", municipality, series.pk),
        {"period_label": "2023", "period_start": "2023-01-01", "value": "3"},
    )
    assert response.status_code == 400
    assert not IndicatorValue.objects.exists()


def test_it_hides_other_municipality_series(
    client_for, coordinator, municipality, other_municipality
):
    series = SeriesFactory(municipality=other_municipality)
    client = client_for(coordinator)
    assert client.get(url("series_detail", municipality, series.pk)).status_code == 404
    response = client.post(
        url("value_add", municipality, series.pk),
        {"period_label": "2023", "period_start": "2023-01-01", "value": "3"},
    )
    assert response.status_code == 404
    response = client.post(
        url("series_import", municipality, series.pk), {"file": csv_file("period;värde\n2021;1\n")}
    )
    assert response.status_code == 404
    assert not IndicatorValue.objects.exists()


def test_it_requires_coordinator_role_to_import(client_for, council_member, municipality):
    series = SeriesFactory(municipality=municipality)
    response = client_for(council_member).post(
        url("series_import", municipality, series.pk), {"file": csv_file("period;värde\n2021;1\n")}
    )
    assert response.status_code == 403


def test_it_imports_a_good_file(client_for, coordinator, municipality):
    series = SeriesFactory(municipality=municipality)
    text = "period;datum;värde\n2021;;14,0\n2022 K3;;13\n2023;2023-06-01;12\n"
    response = client_for(coordinator).post(
        url("series_import", municipality, series.pk), {"file": csv_file(text)}
    )
    assert response.status_code == 302
    values = list(series.values.order_by("period_start").values_list("period_label", "value"))
    assert values == [("2021", Decimal("14")), ("2022 K3", Decimal("13")), ("2023", Decimal("12"))]
    assert str(series.values.get(period_label="2022 K3").period_start) == "2022-07-01"


def test_one_bad_row_is_reported_and_nothing_is_imported(client_for, coordinator, municipality):
    series = SeriesFactory(municipality=municipality)
    services.value_record(
        actor=None,
        series=series,
        period_label="2020",
        period_start=datetime.date(2020, 1, 1),
        value=Decimal(15),
    )
    text = "period;värde\n2021;14\n2022;tretton\n2023;12\n"
    response = client_for(coordinator).post(
        url("series_import", municipality, series.pk), {"file": csv_file(text)}
    )
    assert response.status_code == 400
    report = response.context["import_report"]
    assert report.errors == [(3, "Värdet ”tretton” är inte ett tal.")]
    assert "Rad 3: Värdet ”tretton” är inte ett tal." in response.content.decode()
    assert list(series.values.values_list("period_label", flat=True)) == ["2020"]


def test_report_names_every_bad_row(coordinator, municipality):
    PlaceFactory(municipality=municipality, name="Torget")
    series = SeriesFactory(municipality=municipality, level=IndicatorLevel.PLACE)
    text = (
        "period,datum,värde,plats\n"
        "2021,,4,Torget\n"
        ",,5,Torget\n"
        "vår 2021,,5,Torget\n"
        "2021,,6,Månen\n"
        "2021,,7,torget\n"
    )
    report = services.series_import_csv(actor=coordinator, series=series, raw=text.encode())
    lines = [line for line, _message in report.errors]
    assert lines == [3, 4, 5, 6]
    messages = dict(report.errors)
    assert "Perioden saknas" in messages[3]
    assert "Datumet saknas eller är ogiltigt (skriv ÅÅÅÅ-MM-DD" in messages[4]
    assert "Platsen ”Månen” finns inte i kommunen" in messages[5]
    assert "Perioden finns redan på rad 2" in messages[6]
    assert not IndicatorValue.objects.exists()


def test_missing_columns_are_reported(coordinator, municipality):
    series = SeriesFactory(municipality=municipality)
    report = services.series_import_csv(actor=coordinator, series=series, raw=b"ar;tal\n2021;3\n")
    assert report.errors == [(1, "Kolumner saknas: period, värde.")]


def test_excel_files_in_windows_encoding_are_read(coordinator, municipality):
    series = SeriesFactory(municipality=municipality)
    raw = "period;värde\n2021;3\n".encode("cp1252")
    report = services.series_import_csv(actor=coordinator, series=series, raw=raw)
    assert report.ok and report.imported == 1


def test_series_page_shows_chart_and_table(client_for, politician, municipality):
    series = SeriesFactory(municipality=municipality, name="NTU otrygghet")
    for year, value in ((2021, 14), (2022, 13)):
        services.value_record(
            actor=None,
            series=series,
            period_label=str(year),
            period_start=datetime.date(year, 1, 1),
            value=Decimal(value),
        )
    response = client_for(politician).get(url("series_detail", municipality, series.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and "<polyline" in body
    assert "<caption" in body and "2022" in body
    assert client_for(politician).get(url("series_list", municipality)).status_code == 200


@pytest.mark.parametrize(
    ("value", "shown"), [("52.40", "52,4"), ("12.00", "12"), ("100", "100"), ("0.05", "0,05")]
)
def test_values_show_without_trailing_zeros(municipality, value, shown):
    series = SeriesFactory(municipality=municipality)
    item = services.value_record(
        actor=None,
        series=series,
        period_label="2021",
        period_start=datetime.date(2021, 1, 1),
        value=Decimal(value),
    )
    item.refresh_from_db()
    assert item.display_value == shown


def _series_form(**changes):
    return {
        "name": "Anmälda brott i vår kommun",
        "source": "police",
        "national_code": NationalIndicator.POLICE_REPORTED_CRIMES,
        "unit": "antal",
        "level": "municipality",
        **changes,
    }


def test_a_series_follows_a_national_indicator(client_for, coordinator, municipality):
    client = client_for(coordinator)
    assert client.post(url("series_create", municipality), _series_form()).status_code == 302
    series = IndicatorSeries.objects.get()
    assert series.national_code == NationalIndicator.POLICE_REPORTED_CRIMES
    response = client.post(url("series_create", municipality), _series_form(name="Igen"))
    assert response.status_code == 400
    assert "redan en serie för det nationella måttet" in response.content.decode()


def test_a_national_indicator_is_for_the_whole_municipality(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        url("series_create", municipality), _series_form(level="place")
    )
    assert response.status_code == 400
    assert "gäller hela kommunen" in response.content.decode()
    assert not IndicatorSeries.objects.exists()


@pytest.mark.parametrize(
    ("code", "start", "accepted"),
    [
        (NationalIndicator.POLICE_REPORTED_CRIMES, "2023-04-01", True),
        (NationalIndicator.POLICE_REPORTED_CRIMES, "2023-02-01", False),
        (NationalIndicator.NTU_AVOID_LATE, "2023-01-01", True),
        (NationalIndicator.NTU_AVOID_LATE, "2023-07-01", False),
    ],
)
def test_values_of_a_national_indicator_start_its_periods(
    client_for, coordinator, municipality, code, start, accepted
):
    series = SeriesFactory(municipality=municipality, national_code=code)
    response = client_for(coordinator).post(
        url("value_add", municipality, series.pk),
        {"period_label": "Vår period", "period_start": start, "value": "3"},
    )
    assert response.status_code == (302 if accepted else 400)
    assert series.values.exists() == accepted
