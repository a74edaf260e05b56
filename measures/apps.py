from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Insatser")

    def ready(self):
        from municipalities import versions

        from . import models

        # What the dashboard and the measure list show (see municipalities.versions).
        versions.watch(models.Measure, "municipality_id")
        versions.watch(models.Partner, "municipality_id")
        versions.watch_m2m(models.Measure, "areas", "municipality_id")
        versions.watch_m2m(models.Measure, "partners", "municipality_id")
        # Whether a measure answers an identified cause shows in the list.
        versions.watch(models.Cause, "analysis.problem.municipality_id")
        versions.watch_m2m(models.Cause, "measures", "analysis.problem.municipality_id")
        # Deleting an analysis deletes its causes, each with a signal of its own.
        versions.exempt(models.CauseAnalysis, "Shows on cached pages only through its causes.")
        for model in (
            models.ActionPlan,
            models.ActionPlanGoal,
            models.ActionPlanDecision,
            models.CalendarEvent,
            models.CalendarReminder,
        ):
            versions.exempt(model, "No cached page shows it.")
