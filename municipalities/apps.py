from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Kommuner")

    def ready(self):
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from . import versions
        from .models import Area, EmailAttachment, Membership, Organisation, OutgoingEmail, Place
        from .two_factor import forget_devices

        # Area names and order show on cached pages; national areas (no municipality) change
        # rarely and only through the admin, and cached pages expire within minutes.
        both = (versions.DATA, versions.REFERENCE)
        versions.watch(Area, "municipality_id", both)
        versions.watch(Place, "municipality_id", both)
        # Organisation names show on the dashboard and the public promise page.
        versions.watch(Organisation, "municipality_id")
        versions.exempt(
            Membership,
            "No cached page lists members; the cached menu's key holds the reader's roles.",
        )
        for model in (OutgoingEmail, EmailAttachment):
            versions.exempt(model, "No cached page shows e-mails; the outbox page is not cached.")

        for model in (TOTPDevice, StaticDevice):
            post_save.connect(forget_devices, sender=model, dispatch_uid=f"forget-{model.__name__}")
            post_delete.connect(
                forget_devices, sender=model, dispatch_uid=f"forget-del-{model.__name__}"
            )
