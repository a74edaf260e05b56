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
