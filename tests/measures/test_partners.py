"""Keeping the partner list: the coordinator renames, describes and removes partners."""

import pytest
from django.urls import reverse

from measures.models import Partner
from tests.measures.factories import MeasureFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def edit_url(partner):
    return reverse("measures:partner_edit", args=[partner.municipality.slug, partner.pk])


def delete_url(partner):
    return reverse("measures:partner_delete", args=[partner.municipality.slug, partner.pk])


def test_it_renames_a_partner(client_for, coordinator, municipality):
    partner = PartnerFactory(municipality=municipality, name="ICA Fagersa")
    response = client_for(coordinator).post(
        edit_url(partner), {"name": "ICA Fagersta", "description": "Dagligvaruhandeln"}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.description) == ("ICA Fagersta", "Dagligvaruhandeln")


def test_a_renamed_partner_shows_in_the_measure_list_at_once(client_for, coordinator, municipality):
    partner = PartnerFactory(municipality=municipality, name="ICA Fagersa")
    MeasureFactory(municipality=municipality, partners=[partner])
    client = client_for(coordinator)
    measures = reverse("measures:measure_list", args=[municipality.slug])
    assert "ICA Fagersa" in client.get(measures).content.decode()
    client.post(edit_url(partner), {"name": "ICA Fagersta", "description": ""})
    page = client.get(measures).content.decode()
    assert "ICA Fagersta" in page and "ICA Fagersa" not in page


def test_it_refuses_a_name_another_partner_has(client_for, coordinator, municipality):
    PartnerFactory(municipality=municipality, name="Svenska kyrkan")
    partner = PartnerFactory(municipality=municipality, name="Kyrkan")
    response = client_for(coordinator).post(
        edit_url(partner), {"name": "svenska kyrkan", "description": ""}
    )
    assert response.status_code == 400
    assert "Det finns redan en partner med det namnet." in response.content.decode()
    partner.refresh_from_db()
    assert partner.name == "Kyrkan"


def test_an_empty_name_is_refused_at_the_field(client_for, coordinator, municipality):
    partner = PartnerFactory(municipality=municipality, name="Nattvandrarna")
    response = client_for(coordinator).post(edit_url(partner), {"name": "", "description": ""})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    partner.refresh_from_db()
    assert partner.name == "Nattvandrarna"


def test_it_removes_a_partner_no_measure_names(client_for, coordinator, municipality):
    partner = PartnerFactory(municipality=municipality, name="Gammal förening")
    response = client_for(coordinator).post(delete_url(partner))
    assert response.status_code == 302
    assert not Partner.objects.filter(pk=partner.pk).exists()


def test_it_keeps_a_partner_that_measures_name(client_for, coordinator, municipality):
    partner = PartnerFactory(municipality=municipality, name="Tillväxtverket")
    MeasureFactory(municipality=municipality, partners=[partner])
    client = client_for(coordinator)
    response = client.post(delete_url(partner), follow=True)
    assert Partner.objects.filter(pk=partner.pk).exists()
    assert "Tillväxtverket är partner i 1 insats och kan inte tas bort." in (
        response.content.decode()
    )


@pytest.mark.parametrize("who", ["council_member", "politician", "reporter"])
def test_only_the_coordinator_keeps_partners(request, client_for, who, municipality):
    partner = PartnerFactory(municipality=municipality, name="Nattvandrarna")
    client = client_for(request.getfixturevalue(who))
    assert client.post(edit_url(partner), {"name": "Annat", "description": ""}).status_code == 403
    assert client.post(delete_url(partner)).status_code == 403
    partner.refresh_from_db()
    assert partner.name == "Nattvandrarna"


def test_it_hides_another_municipality_partner(client_for, outsider, municipality):
    partner = PartnerFactory(municipality=municipality, name="Nattvandrarna")
    client = client_for(outsider)
    assert client.post(edit_url(partner), {"name": "Annat", "description": ""}).status_code == 404
    assert client.post(delete_url(partner)).status_code == 404
    assert Partner.objects.filter(pk=partner.pk, name="Nattvandrarna").exists()


def test_the_list_offers_editing_to_the_coordinator_only(
    client_for, coordinator, council_member, municipality
):
    partner = PartnerFactory(municipality=municipality, name="Nattvandrarna")
    url = reverse("measures:partner_list", args=[municipality.slug])
    assert edit_url(partner) in client_for(coordinator).get(url).content.decode()
    assert edit_url(partner) not in client_for(council_member).get(url).content.decode()


def test_a_partner_of_another_municipality_is_not_found_here(
    client_for, coordinator, municipality, other_municipality
):
    theirs = PartnerFactory(municipality=other_municipality, name="Hagfors IF")
    url = reverse("measures:partner_edit", args=[municipality.slug, theirs.pk])
    assert client_for(coordinator).post(url, {"name": "Annat"}).status_code == 404
    delete = reverse("measures:partner_delete", args=[municipality.slug, theirs.pk])
    assert client_for(coordinator).post(delete).status_code == 404
    assert Partner.objects.filter(pk=theirs.pk, name="Hagfors IF").exists()
