from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromisesConfig(AppConfig):
    name = "promises"
    verbose_name = _("Medborgarlöften")

    def ready(self):
        from municipalities import versions

        from . import models

        # What the public promise page and the dashboard show (see municipalities.versions).
        versions.watch(models.Promise, "municipality_id")
        versions.watch(models.Commitment, "promise.municipality_id")
        for model in (models.PromisePeriodSettings, models.PromiseTransition):
            versions.exempt(
                model, "No cached page shows it: the decision history is on uncached pages."
            )
