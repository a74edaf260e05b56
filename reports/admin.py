from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualReport, ReportJob, ReportVersion


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "year", "updated_at"]
    list_filter = ["municipality"]


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["report", "status", "progress", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "municipality"]
    readonly_fields = ["task_id", "attempts", "heartbeat_at"]


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "generated_at", "generated_by", "sha256"]
    list_filter = ["municipality"]
    readonly_fields = ["sha256", "size"]
