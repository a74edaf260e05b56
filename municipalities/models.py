"""The tenant kernel: municipalities, their organisations, members, areas and places.

Every other app hangs its data off a Municipality and fetches it through `TenantQuerySet`,
so that a user only ever sees the municipalities they are a member of.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagersta.bounds import TEXT

from .history import TenantHistoricalRecords


class Role(models.TextChoices):
    REPORTER = "reporter", _("Rapportör")
    COORDINATOR = "coordinator", _("Samordnare")
    COUNCIL = "council", _("Brå-ledamot")
    POLITICIAN = "politician", _("Politiker")


class TenantQuerySet(models.QuerySet):
    """Scoping every app uses; `municipality_path` is the lookup from the model to Municipality."""

    municipality_path = "municipality"

    def for_municipality(self, municipality):
        return self.filter(**{self.municipality_path: municipality})

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(**{f"{self.municipality_path}__in": Municipality.objects.for_user(user)})


def tenant_queryset(path: str) -> type[TenantQuerySet]:
    """A TenantQuerySet for a model that reaches its municipality through `path`."""
    return type(f"TenantQuerySet_{path}", (TenantQuerySet,), {"municipality_path": path})


class MunicipalityQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def sharing(self):
        return self.filter(shares_comparisons=True)


class Municipality(models.Model):
    """A Swedish municipality (kommun): the tenant that owns all other data."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnamn"), max_length=60, unique=True)
    code = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Kommunkoden består av fyra siffror."))],
    )
    population = models.PositiveIntegerField(_("folkmängd"), default=0)
    shares_comparisons = models.BooleanField(
        _("delar jämförelser"),
        default=False,
        help_text=_("Andra delande kommuner får se sammanställda siffror, aldrig texter."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    SCHOOL = "school", _("Skola")
    SOCIAL_SERVICES = "social", _("Socialtjänst")
    POLICE = "police", _("Polis")
    UTILITY = "utility", _("Kommunalteknik")
    LEISURE = "leisure", _("Fritid")
    BUSINESS = "business", _("Näringsliv")
    OTHER = "other", _("Övrigt")


class Organisation(models.Model):
    """A reporting unit of a municipality: a school, social services, the community police…"""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(_("namn"), max_length=150)
    kind = models.CharField(_("typ"), max_length=20, choices=OrganisationKind.choices)
    reports = models.BooleanField(
        _("lämnar lägesrapport"),
        default=True,
        help_text=_("Organisationen ingår i EST-gruppen och rapporterar varannan vecka."),
    )
    email = models.EmailField(_("e-post"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="unique_organisation_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """One role of one user in one municipality, optionally on behalf of an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    is_deputy = models.BooleanField(
        _("ersättare"), default=False, help_text=_("Ersättare för samordnaren.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()
    history = TenantHistoricalRecords()

    class Meta:
        ordering = ["municipality__name", "role"]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"

    def clean(self):
        if self.organisation_id and self.organisation.municipality_id != self.municipality_id:
            raise ValidationError({"organisation": _("Organisationen hör till en annan kommun.")})
        if self.role == Role.REPORTER and not self.organisation_id:
            raise ValidationError(
                {"organisation": _("En rapportör rapporterar för en organisation.")}
            )


class AreaQuerySet(models.QuerySet):
    def available_to(self, municipality):
        """National areas plus the municipality's own sub-areas."""
        return self.filter(
            models.Q(municipality__isnull=True) | models.Q(municipality=municipality)
        )

    def national(self):
        return self.filter(municipality__isnull=True, parent__isnull=True)


class Area(models.Model):
    """A problem area of the lägesbild. National areas have stable codes used for comparison;
    a municipality may add sub-areas under them."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_areas",
        help_text=_("Tomt för de fem nationella områdena."),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    code = models.SlugField(_("kod"), max_length=40)
    name = models.CharField(_("namn"), max_length=120)
    description = models.TextField(_("beskrivning"), blank=True, max_length=TEXT)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(municipality__isnull=True),
                name="unique_national_area_code",
            ),
            models.UniqueConstraint(
                fields=["municipality", "code"], name="unique_municipal_area_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.municipality_id is None

    @property
    def national_code(self) -> str:
        """The code of the national area this area belongs to (itself if national)."""
        return self.parent.code if self.parent_id else self.code

    def clean(self):
        if self.municipality_id is None:
            return
        if self.parent_id is None or not self.parent.is_national:
            raise ValidationError(
                {"parent": _("Ett eget område ligger under ett av de nationella områdena.")}
            )
        if Area.objects.national().filter(code=self.code).exists():
            raise ValidationError({"code": _("Koden används redan av ett nationellt område.")})


class PlaceKind(models.TextChoices):
    """What kind of place it is: a survey asks where residents live among the residential
    areas only, not among junctions and schools."""

    RESIDENTIAL = "residential", _("Bostadsområde")
    CENTRE = "centre", _("Centrum, torg eller handel")
    SCHOOL = "school", _("Skola eller förskola")
    STREET = "street", _("Gata, korsning eller stråk")
    TRANSIT = "transit", _("Station eller hållplats")
    PARK = "park", _("Park eller grönområde")
    OTHER = "other", _("Annan plats")


class Place(models.Model):
    """A named place in a municipality, optionally with coordinates (WGS84)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("namn"), max_length=150)
    kind = models.CharField(
        _("typ av plats"), max_length=20, choices=PlaceKind.choices, default=PlaceKind.OTHER
    )
    description = models.TextField(_("beskrivning"), blank=True, max_length=TEXT)
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

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("plats")
        verbose_name_plural = _("platser")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_place_name")
        ]

    def __str__(self) -> str:
        return self.name


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Väntar")
    SENDING = "sending", _("Skickas")
    SENT = "sent", _("Skickat")
    FAILED = "failed", _("Misslyckades")


class OutgoingEmailQuerySet(TenantQuerySet):
    def unsent(self):
        return self.filter(
            status__in=[EmailStatus.PENDING, EmailStatus.SENDING, EmailStatus.FAILED]
        )


class OutgoingEmail(models.Model):
    """One e-mail to one recipient, written in the same transaction as the change it reports.

    The row is the outbox: a worker claims it with a conditional update, sends it and records
    the outcome, so a broker or mail server that is down delays the e-mail instead of losing it,
    and (key, to) being unique means nobody gets the same message twice.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="outgoing_emails", null=True
    )
    key = models.CharField(_("utskick"), max_length=200)
    to = models.EmailField(_("mottagare"), max_length=254)
    reply_to = models.EmailField(max_length=254, blank=True)
    subject = models.CharField(_("ämne"), max_length=300)
    body = models.TextField()
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    next_attempt_at = models.DateTimeField(_("nästa försök"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)
    error = models.TextField(_("fel"), blank=True)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("utgående e-post")
        verbose_name_plural = _("utgående e-post")
        constraints = [
            models.UniqueConstraint(fields=["key", "to"], name="unique_email_per_recipient")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="email_due_idx")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class EmailAttachment(models.Model):
    """A file sent with an outgoing e-mail, kept with it so a retry sends the same message."""

    email = models.ForeignKey(OutgoingEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()

    objects = tenant_queryset("email__municipality").as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")

    def __str__(self) -> str:
        return self.filename
