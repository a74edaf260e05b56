import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from surveys.models import FindingPhoto
from tests.surveys.factories import FindingFactory, jpeg_bytes, png_bytes

pytestmark = pytest.mark.django_db


def upload_url(finding):
    return reverse("surveys:photo_add", args=[finding.walk.municipality.slug, finding.pk])


def upload(client, finding, name, content, content_type="image/jpeg"):
    return client.post(
        upload_url(finding), {"photo": SimpleUploadedFile(name, content, content_type)}
    )


def test_the_test_photo_really_carries_gps():
    exif = Image.open(io.BytesIO(jpeg_bytes(gps=True))).getexif()
    assert exif.get_ifd(0x8825)[1] == "N"


def test_it_stores_photo_without_gps_exif(client_for, coordinator, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    response = upload(client_for(coordinator), finding, "med-gps.jpg", jpeg_bytes(gps=True))
    assert response.status_code == 302
    photo = FindingPhoto.objects.get()
    with photo.image.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.format == "JPEG"
    exif = stored.getexif()
    assert len(exif) == 0
    assert exif.get_ifd(0x8825) == {}
    assert "exif" not in stored.info
    assert photo.content_type == "image/jpeg"


def test_it_applies_orientation_before_stripping(coordinator, municipality):
    from surveys.photos import clean_photo

    # Orientation 6 means "rotate 90°": the 40×30 picture is really 30×40.
    clean = clean_photo(SimpleUploadedFile("r.jpg", jpeg_bytes(orientation=6)))
    stored = Image.open(io.BytesIO(clean.content))
    assert stored.size == (30, 40)
    assert len(stored.getexif()) == 0


def test_it_refuses_text_file_renamed_jpg(client_for, coordinator, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    response = upload(client_for(coordinator), finding, "bild.jpg", b"inte en bild\n" * 10)
    assert response.status_code == 400
    assert "Filen är inte en bild i formatet JPEG eller PNG" in response.content.decode()
    assert not FindingPhoto.objects.exists()


def test_it_refuses_other_image_formats(client_for, coordinator, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    out = io.BytesIO()
    Image.new("RGB", (5, 5)).save(out, format="GIF")
    response = upload(client_for(coordinator), finding, "bild.png", out.getvalue())
    assert response.status_code == 400
    assert not FindingPhoto.objects.exists()


def test_it_refuses_too_large_files(client_for, coordinator, municipality, settings):
    settings.SURVEYS_PHOTO_MAX_BYTES = 100
    finding = FindingFactory(walk__municipality=municipality)
    response = upload(client_for(coordinator), finding, "stor.jpg", jpeg_bytes(size=(200, 200)))
    assert response.status_code == 400
    assert "Filen är för stor" in response.content.decode()


def test_it_accepts_png_by_content_whatever_the_name(client_for, coordinator, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    response = upload(client_for(coordinator), finding, "foto.jpeg", png_bytes(), "image/jpeg")
    assert response.status_code == 302
    photo = FindingPhoto.objects.get()
    assert photo.content_type == "image/png"
    assert photo.image.name.endswith(".png")


def test_it_requires_coordinator_role_to_upload(client_for, council_member, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    response = upload(client_for(council_member), finding, "a.jpg", jpeg_bytes())
    assert response.status_code == 403


def test_it_hides_other_municipality_finding_for_upload(
    client_for, coordinator, municipality, other_municipality
):
    finding = FindingFactory(walk__municipality=other_municipality)
    url = reverse("surveys:photo_add", args=[municipality.slug, finding.pk])
    response = client_for(coordinator).post(
        url, {"photo": SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg")}
    )
    assert response.status_code == 404


def test_members_see_photos_through_the_view(
    client_for, coordinator, politician, reporter, outsider, municipality
):
    finding = FindingFactory(walk__municipality=municipality)
    upload(client_for(coordinator), finding, "a.jpg", jpeg_bytes())
    photo = FindingPhoto.objects.get()
    url = reverse("surveys:photo", args=[municipality.slug, photo.pk])
    response = client_for(politician).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert client_for(reporter).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404


def test_it_hides_photos_of_another_municipality(
    client_for, coordinator, outsider, municipality, other_municipality
):
    finding = FindingFactory(walk__municipality=other_municipality)
    upload(client_for(outsider), finding, "a.jpg", jpeg_bytes())
    photo = FindingPhoto.objects.get()
    url = reverse("surveys:photo", args=[municipality.slug, photo.pk])
    assert client_for(coordinator).get(url).status_code == 404


def test_photos_are_not_under_media_root(client_for, coordinator, municipality, settings):
    finding = FindingFactory(walk__municipality=municipality)
    upload(client_for(coordinator), finding, "a.jpg", jpeg_bytes())
    path = FindingPhoto.objects.get().image.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_a_photo_whose_file_is_missing_is_not_found(client_for, coordinator, municipality):
    finding = FindingFactory(walk__municipality=municipality)
    upload(client_for(coordinator), finding, "a.jpg", jpeg_bytes())
    photo = FindingPhoto.objects.get()
    photo.image.storage.delete(photo.image.name)
    client = client_for(coordinator)
    url = reverse("surveys:photo", args=[municipality.slug, photo.pk])
    assert client.get(url).status_code == 404
    page = client.get(reverse("surveys:finding_detail", args=[municipality.slug, finding.pk]))
    assert page.status_code == 200
