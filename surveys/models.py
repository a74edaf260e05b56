"""Safety walks and their findings, safety surveys and their anonymous answers, and indicator
series (NTU, police statistics, wastewater testing, the municipality's own surveys)."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagersta import formats as number_formats
from fagersta.bounds import TEXT, ModelDateField
from municipalities.history import TenantHistoricalRecords
from municipalities.models import (
    Municipality,
    Organisation,
    Place,
    TenantQuerySet,
    tenant_queryset,
)

from .storage import photo_storage


# -- Safety walks ---------------------------------------------------------------------------
class Light(models.TextChoices):
    DAYLIGHT = "daylight", _("Dagsljus")
    DARK = "dark", _("Mörker")


class SafetyWalk(models.Model):
    """A safety walk (trygghetsvandring) through an area. Participants are counted by group,
    never named."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="safety_walks"
    )
    date = ModelDateField(_("datum"))
    start_time = models.TimeField(_("starttid"), null=True, blank=True)
    light = models.CharField(_("ljusförhållanden"), max_length=10, choices=Light.choices)
    area = models.CharField(_("område"), max_length=150)
    route = models.TextField(_("sträcka"), blank=True, max_length=TEXT)
    residents = models.PositiveSmallIntegerField(_("invånare"), default=0)
    municipal_staff = models.PositiveSmallIntegerField(_("kommunens personal"), default=0)
    police = models.PositiveSmallIntegerField(_("polis"), default=0)
    utility = models.PositiveSmallIntegerField(_("kommunalteknik/fastighetsbolag"), default=0)
    businesses = models.PositiveSmallIntegerField(_("näringsliv"), default=0)
    others = models.PositiveSmallIntegerField(_("övriga"), default=0)
    notes = models.TextField(_("anteckningar"), blank=True, max_length=TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()
    history = TenantHistoricalRecords()

    PARTICIPANT_FIELDS = (
        "residents",
        "municipal_staff",
        "police",
        "utility",
        "businesses",
        "others",
    )

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("trygghetsvandring")
        verbose_name_plural = _("trygghetsvandringar")

    def __str__(self) -> str:
        return f"{self.area} {self.date:%Y-%m-%d}"

    @property
    def participant_total(self) -> int:
        return sum(getattr(self, name) for name in self.PARTICIPANT_FIELDS)

    def participant_counts(self) -> list[tuple[str, int]]:
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.PARTICIPANT_FIELDS
        ]


class FindingCategory(models.TextChoices):
    LIGHTING = "lighting", _("Belysning")
    VEGETATION = "vegetation", _("Vegetation eller skymd sikt")
    DESERTED = "deserted", _("Öde plats, inga människor i rörelse")
    MAINTENANCE = "maintenance", _("Underhåll, nedskräpning eller klotter")
    TRAFFIC = "traffic", _("Trafik")
    OTHER = "other", _("Övrigt")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    FORWARDED = "forwarded", _("Vidarebefordrad")
    FIXED = "fixed", _("Åtgärdad")
    WONT_FIX = "wont_fix", _("Åtgärdas inte")


OPEN_STATUSES = (FindingStatus.OPEN, FindingStatus.FORWARDED)
CLOSED_STATUSES = (FindingStatus.FIXED, FindingStatus.WONT_FIX)


class FindingQuerySet(tenant_queryset("walk__municipality")):
    def still_open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, *, days: int, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.still_open().filter(walk__date__lt=today - datetime.timedelta(days=days))


class Finding(models.Model):
    """Something a safety walk found at a place (broken lighting, obstructed view…), followed
    from open through forwarding to fixed or deliberately not fixed."""

    walk = models.ForeignKey(SafetyWalk, on_delete=models.CASCADE, related_name="findings")
    place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("plats"),
    )
    latitude = models.DecimalField(
        _("latitud"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitud"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    category = models.CharField(_("kategori"), max_length=20, choices=FindingCategory.choices)
    description = models.TextField(_("beskrivning"), max_length=TEXT)
    recipient_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mottagande organisation"),
    )
    recipient_name = models.CharField(
        _("extern mottagare"),
        max_length=150,
        blank=True,
        help_text=_("T.ex. Trafikverket, när det inte är en av kommunens organisationer."),
    )
    recipient_email = models.EmailField(_("mottagarens e-post"), blank=True)
    forwarded_on = ModelDateField(_("vidarebefordrad"), null=True, blank=True)
    forwarded_reference = models.CharField(
        _("ärendenummer hos mottagaren"), max_length=100, blank=True
    )
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    status_reason = models.TextField(_("motivering"), blank=True, max_length=TEXT)
    closed_on = ModelDateField(_("avslutad"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FindingQuerySet.as_manager()
    history = TenantHistoricalRecords(excluded_fields=["overdue_notified_at"])

    class Meta:
        ordering = ["walk__date", "pk"]
        verbose_name = _("brist")
        verbose_name_plural = _("brister")

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.location_label}"

    @property
    def location_label(self) -> str:
        if self.place_id:
            return self.place.name
        if self.latitude is not None:
            return f"{self.latitude}, {self.longitude}"
        return ""

    @property
    def point(self) -> tuple[float, float] | None:
        """The finding's own point, else its place's coordinates."""
        if self.latitude is not None and self.longitude is not None:
            return float(self.latitude), float(self.longitude)
        if self.place_id and self.place.latitude is not None and self.place.longitude is not None:
            return float(self.place.latitude), float(self.place.longitude)
        return None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def recipient_label(self) -> str:
        if self.recipient_organisation_id:
            return self.recipient_organisation.name
        return self.recipient_name

    @property
    def recipient_address(self) -> str:
        if self.recipient_email:
            return self.recipient_email
        if self.recipient_organisation_id:
            return self.recipient_organisation.email
        return ""

    def clean(self):
        errors = {}
        municipality_id = self.walk.municipality_id if self.walk_id else None
        if self.place_id and self.place.municipality_id != municipality_id:
            errors["place"] = _("Platsen hör till en annan kommun.")
        if (
            self.recipient_organisation_id
            and self.recipient_organisation.municipality_id != municipality_id
        ):
            errors["recipient_organisation"] = _("Organisationen hör till en annan kommun.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Ange både latitud och longitud, eller ingen av dem.")
        if not self.place_id and self.latitude is None and "longitude" not in errors:
            errors["place"] = _("Välj en plats eller ange en punkt (latitud och longitud).")
        if self.status == FindingStatus.WONT_FIX and not self.status_reason.strip():
            errors["status_reason"] = _("Skriv varför bristen inte ska åtgärdas.")
        if self.status in CLOSED_STATUSES and not self.closed_on:
            errors["closed_on"] = _("Ange när bristen avslutades.")
        if self.status in OPEN_STATUSES and self.closed_on:
            errors["closed_on"] = _("En öppen brist har inget avslutsdatum.")
        if self.status == FindingStatus.FORWARDED and not self.forwarded_on:
            errors["forwarded_on"] = _("Ange när bristen vidarebefordrades.")
        if errors:
            raise ValidationError(errors)


def _photo_name(instance, filename: str) -> str:
    extension = ".png" if filename.lower().endswith(".png") else ".jpg"
    return f"findings/{uuid.uuid4().hex}{extension}"


class FindingPhoto(models.Model):
    """A photo of a finding. Stored re-encoded without metadata, outside the public media
    directory; served only to members through a view that checks access."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("foto"), upload_to=_photo_name, storage=photo_storage)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_queryset("finding__walk__municipality").as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("foto")
        verbose_name_plural = _("foton")

    def __str__(self) -> str:
        return self.image.name

    @property
    def extension(self) -> str:
        return "png" if self.content_type == "image/png" else "jpg"


class WalkSettings(models.Model):
    """Per-municipality settings for findings: after how many days an open finding is overdue."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="walk_settings"
    )
    overdue_days = models.PositiveSmallIntegerField(
        _("dagar innan en öppen brist flaggas"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("inställning för brister")
        verbose_name_plural = _("inställningar för brister")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.overdue_days}"


# -- Safety surveys -------------------------------------------------------------------------
class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Ett svarsalternativ")
    MULTIPLE = "multiple", _("Flera svarsalternativ")
    TEXT = "text", _("Fritext")


class StandardQuestion(models.TextChoices):
    AGE_GROUP = "age_group", _("Åldersgrupp")
    HOME_PLACE = "home_place", _("Var bor du?")
    FEEL_SAFE = "feel_safe", _("Hur trygg känner du dig?")
    AVOID_LATE = "avoid_late", _("Avstår du från att gå ut sent på grund av otrygghet?")
    UNSAFE_PLACES = "unsafe_places", _("Platser som känns otrygga")
    SAFER_WISHES = "safer_wishes", _("Vad skulle öka din trygghet?")
    INFO_SOURCE = "info_source", _("Var hittar du information om trygghetsarbetet?")


class SurveyQuerySet(TenantQuerySet):
    def open_on(self, day: datetime.date):
        return self.filter(opens_on__lte=day, closes_on__gte=day)

    def results_published(self):
        return self.filter(results_published_at__isnull=False)


class Survey(models.Model):
    """A safety survey (trygghetsenkät) that residents answer anonymously between two dates."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("rubrik"), max_length=150)
    slug = models.SlugField(
        _("kortnamn i länken"), max_length=80, help_text=_("Används i den offentliga länken.")
    )
    introduction = models.TextField(_("inledning"), blank=True, max_length=TEXT)
    opens_on = ModelDateField(_("öppnar"))
    closes_on = ModelDateField(_("stänger"))
    is_example = models.BooleanField(
        _("exempeldata"), default=False, help_text=_("Svaren är påhittade exempel.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the coordinator: the aggregated results are then public; free-text answers never are.
    results_published_at = models.DateTimeField(_("resultaten publicerade"), null=True, blank=True)

    objects = SurveyQuerySet.as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("trygghetsenkät")
        verbose_name_plural = _("trygghetsenkäter")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="unique_survey_slug")
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("Enkäten kan inte stänga innan den öppnar.")})


class Question(models.Model):
    """One question of a survey: a standard question (with a code) or the municipality's own."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    code = models.CharField(
        _("standardfråga"), max_length=20, choices=StandardQuestion.choices, blank=True
    )
    kind = models.CharField(_("typ"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("fråga"), max_length=300)
    help_text = models.CharField(_("hjälptext"), max_length=300, blank=True)
    required = models.BooleanField(_("obligatorisk"), default=False)
    other_label = models.CharField(
        _("etikett för eget svar"),
        max_length=100,
        blank=True,
        help_text=_("Fyll i för att låta den svarande skriva ett eget alternativ."),
    )

    objects = tenant_queryset("survey__municipality").as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"],
                condition=~models.Q(code=""),
                name="unique_standard_question",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class Choice(models.Model):
    """An answer option. Options of the place questions point at the municipality's places."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("alternativ"), max_length=200)
    value = models.SmallIntegerField(
        null=True, blank=True, help_text=_("Skalvärde, t.ex. 1–5 för hur trygg man känner sig.")
    )
    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, blank=True)

    objects = tenant_queryset("question__survey__municipality").as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("svarsalternativ")
        verbose_name_plural = _("svarsalternativ")

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One anonymous answer to a survey. Only the date is kept: no time, no IP address, no
    browser, no account — nothing that points at the person who answered. The id is random,
    so neither it nor an order by it tells in which order the answers arrived."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = ModelDateField(_("inskickad"))
    is_example = models.BooleanField(_("exempeldata"), default=False)

    objects = tenant_queryset("survey__municipality").as_manager()

    class Meta:
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")

    def __str__(self) -> str:
        return f"{self.survey}, {self.submitted_on}"


class Answer(models.Model):
    """The answer to one question: a chosen option, a written text, or both ("other: …").
    Random ids like its response's: a sequence would tell the order of arrival as well."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    text = models.CharField(max_length=500, blank=True)

    objects = tenant_queryset("response__survey__municipality").as_manager()

    class Meta:
        verbose_name = _("svar på fråga")
        verbose_name_plural = _("svar på frågor")

    def __str__(self) -> str:
        return self.choice.label if self.choice_id else self.text


# -- Indicator series -----------------------------------------------------------------------
class IndicatorSource(models.TextChoices):
    NTU = "ntu", _("NTU (Brå)")
    POLICE = "police", _("Polisens statistik")
    WASTEWATER = "wastewater", _("Avloppsvattenanalys")
    OWN_SURVEY = "own_survey", _("Egen enkät")
    OTHER = "other", _("Annan källa")


class IndicatorLevel(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommun")
    PLACE = "place", _("Plats")


class NationalIndicator(models.TextChoices):
    """Indicators measured the same way in every municipality: the national safety survey's
    questions (Brå's NTU), Kolada's key figures and the police's reported crimes. Only series
    with one of these codes are compared between municipalities, matched by the code, shown
    with the label below and never with the municipality's own name, unit or period text."""

    NTU_UNSAFE_EVENING = (
        "ntu_otrygg_kvall",
        _("NTU: andel som känner sig otrygga ute sent på kvällen i sitt bostadsområde"),
    )
    NTU_AVOID_LATE = (
        "ntu_avstar_ga_ut",
        _("NTU: andel som avstår från att gå ut sent på kvällen på grund av otrygghet"),
    )
    NTU_WORRY_CRIME = (
        "ntu_oro_brottslighet",
        _("NTU: andel som är mycket eller ganska oroade över brottsligheten i samhället"),
    )
    NTU_EXPOSED_PERSON = "ntu_utsatt_person", _("NTU: andel utsatta för brott mot person")
    NTU_TRUST_POLICE = "ntu_fortroende_polis", _("NTU: andel med stort förtroende för polisen")
    KOLADA_VIOLENT_CRIME = (
        "kolada_n07403",
        _("Kolada N07403: anmälda våldsbrott per 100 000 invånare"),
    )
    POLICE_REPORTED_CRIMES = "polis_anmalda_brott", _("Polisen: anmälda brott, totalt")
    POLICE_VANDALISM = "polis_skadegorelse", _("Polisen: anmäld skadegörelse")


class Periodicity(models.TextChoices):
    YEAR = "year", _("per år")
    QUARTER = "quarter", _("per kvartal")


@dataclass(frozen=True)
class NationalSpec:
    """How a national indicator is measured: its unit, whether it is a count (compared per
    100 000 inhabitants) and how often it is measured."""

    unit: str
    count: bool
    periodicity: str


PERCENT = NationalSpec("%", count=False, periodicity=Periodicity.YEAR)
NATIONAL_SPECS = {
    NationalIndicator.NTU_UNSAFE_EVENING: PERCENT,
    NationalIndicator.NTU_AVOID_LATE: PERCENT,
    NationalIndicator.NTU_WORRY_CRIME: PERCENT,
    NationalIndicator.NTU_EXPOSED_PERSON: PERCENT,
    NationalIndicator.NTU_TRUST_POLICE: PERCENT,
    NationalIndicator.KOLADA_VIOLENT_CRIME: NationalSpec(
        _("per 100 000 invånare"), count=False, periodicity=Periodicity.YEAR
    ),
    NationalIndicator.POLICE_REPORTED_CRIMES: NationalSpec(
        _("antal"), count=True, periodicity=Periodicity.QUARTER
    ),
    NationalIndicator.POLICE_VANDALISM: NationalSpec(
        _("antal"), count=True, periodicity=Periodicity.QUARTER
    ),
}


def national_period(code: str, start: datetime.date) -> tuple[int, int] | None:
    """(year, quarter; 0 for a yearly value) of a value of a national indicator that starts on
    `start`, or None if no period of the indicator starts that day."""
    spec = NATIONAL_SPECS[NationalIndicator(code)]
    if spec.periodicity == Periodicity.YEAR:
        return (start.year, 0) if (start.month, start.day) == (1, 1) else None
    if start.day == 1 and start.month in (1, 4, 7, 10):
        return start.year, (start.month - 1) // 3 + 1
    return None


class IndicatorSeries(models.Model):
    """A measured indicator over time, e.g. the share who avoid going out late (NTU)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="indicator_series"
    )
    name = models.CharField(_("namn"), max_length=150)
    source = models.CharField(_("källa"), max_length=20, choices=IndicatorSource.choices)
    unit = models.CharField(_("enhet"), max_length=30, help_text=_("T.ex. %, antal, mg/1000 inv."))
    level = models.CharField(
        _("nivå"),
        max_length=20,
        choices=IndicatorLevel.choices,
        default=IndicatorLevel.MUNICIPALITY,
    )
    description = models.TextField(_("beskrivning"), blank=True, max_length=TEXT)
    national_code = models.CharField(
        _("nationellt mått"),
        max_length=40,
        choices=NationalIndicator.choices,
        blank=True,
        help_text=_(
            "Välj måttet om serien mäter ett av dem; bara sådana serier jämförs med andra "
            "kommuner, med det nationella måttets namn."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("indikatorserie")
        verbose_name_plural = _("indikatorserier")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_series_name"),
            models.UniqueConstraint(
                fields=["municipality", "national_code"],
                condition=~models.Q(national_code=""),
                name="unique_series_national_code",
                violation_error_message=_("Kommunen har redan en serie för det nationella måttet."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.national_code and self.level != IndicatorLevel.MUNICIPALITY:
            raise ValidationError(
                {"level": _("Ett nationellt mått gäller hela kommunen, inte en plats.")}
            )


class IndicatorValue(models.Model):
    """One value of a series for a period (a year, a quarter…), at a place if the series is
    measured per place."""

    series = models.ForeignKey(IndicatorSeries, on_delete=models.CASCADE, related_name="values")
    period_label = models.CharField(
        _("period"), max_length=20, help_text=_("T.ex. 2021 eller 2021 K3.")
    )
    period_start = ModelDateField(_("periodens startdatum"))
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("plats")
    )
    value = models.DecimalField(_("värde"), max_digits=12, decimal_places=2)
    note = models.CharField(_("kommentar"), max_length=200, blank=True)
    survey = models.ForeignKey(
        Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = tenant_queryset("series__municipality").as_manager()

    class Meta:
        ordering = ["period_start", "place__name"]
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "period_label", "place"], name="unique_indicator_place_value"
            ),
            models.UniqueConstraint(
                fields=["series", "period_label"],
                condition=models.Q(place__isnull=True),
                name="unique_indicator_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.period_label} = {self.value}"

    @property
    def display_value(self) -> str:
        """The value without trailing zeros, with the locale's decimal mark: 52,4 not 52,40."""
        return number_formats.measured(self.value)

    def clean(self):
        if not self.series_id:
            return
        if self.series.level == IndicatorLevel.PLACE and not self.place_id:
            raise ValidationError({"place": _("Serien mäts per plats: ange en plats.")})
        if self.series.level == IndicatorLevel.MUNICIPALITY and self.place_id:
            raise ValidationError({"place": _("Serien gäller hela kommunen: ange ingen plats.")})
        if self.place_id and self.place.municipality_id != self.series.municipality_id:
            raise ValidationError({"place": _("Platsen hör till en annan kommun.")})
        code = self.series.national_code
        if code and self.period_start and national_period(code, self.period_start) is None:
            spec = NATIONAL_SPECS[NationalIndicator(code)]
            message = (
                _("Måttet redovisas per år: perioden börjar den 1 januari.")
                if spec.periodicity == Periodicity.YEAR
                else _(
                    "Måttet redovisas per kvartal: perioden börjar den 1 januari, 1 april, "
                    "1 juli eller 1 oktober."
                )
            )
            raise ValidationError({"period_start": message})
