from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Trygghetsvandringar och enkäter")

    def ready(self):
        from municipalities import versions

        from . import models

        # What the dashboard shows (see municipalities.versions).
        versions.watch(models.SafetyWalk, "municipality_id")
        versions.watch(models.Finding, "walk.municipality_id")
        versions.watch(models.Survey, "municipality_id")
        versions.watch(models.Response, "survey.municipality_id")
        versions.watch(models.IndicatorSeries, "municipality_id")
        versions.watch(models.IndicatorValue, "series.municipality_id")
        # The dashboard counts overdue findings by the municipality's own number of days.
        versions.watch(models.WalkSettings, "municipality_id")
        versions.exempt(models.FindingPhoto, "No cached page shows photos.")
        for model in (models.Question, models.Choice, models.Answer):
            versions.exempt(
                model, "Cached pages count answers by their response, which is watched."
            )
