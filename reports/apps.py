from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporter")

    def ready(self):
        from municipalities import versions

        from . import models

        for model in (models.AnnualReport, models.ReportJob, models.ReportVersion):
            versions.exempt(model, "The annual report and its jobs are on uncached pages.")
