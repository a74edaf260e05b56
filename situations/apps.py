from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationsConfig(AppConfig):
    name = "situations"
    verbose_name = _("Lägesbilder")

    def ready(self):
        from municipalities import versions

        from . import models

        # What the heat map and the dashboard show (see municipalities.versions).
        versions.watch(models.ReportingPeriod, "municipality_id")
        versions.watch(models.SituationReport, "period.municipality_id")
        versions.watch(models.CompiledPicture, "period.municipality_id")
        versions.watch(models.AreaJudgement, "picture.period.municipality_id")
        versions.watch(models.Problem, "municipality_id")
        versions.exempt(
            models.Assessment,
            "Written only by the report services, which move the version themselves: they "
            "save areas with update(), which sends no signal.",
        )
        for model in (
            models.ReportingSchedule,
            models.Guidelines,
            models.GuidelinesReading,
            models.Notification,
            models.Meeting,
        ):
            versions.exempt(model, "No cached page shows it.")
