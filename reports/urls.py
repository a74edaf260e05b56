from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("arsrapport/", views.annual_report_list, name="annual_report_list"),
    path("arsrapport/ny/", views.annual_report_create, name="annual_report_create"),
    path("arsrapport/<int:year>/", views.annual_report_detail, name="annual_report"),
    path("arsrapport/<int:year>/texter/", views.annual_report_edit, name="annual_report_edit"),
    path(
        "arsrapport/<int:year>/generera/",
        views.annual_report_generate,
        name="annual_report_generate",
    ),
    path(
        "arsrapport/<int:year>/forhandsvisning/",
        views.annual_report_preview,
        name="annual_report_preview",
    ),
    path("jamforelse/", views.comparison, name="comparison"),
    path("jamforelse/delning/", views.sharing_update, name="sharing_update"),
    path("export/", views.export_list, name="export_list"),
    path("export/<slug:kind>.csv", views.export_csv, name="export_csv"),
    path("jobb/<int:pk>/", views.job_detail, name="job_detail"),
    path("version/<int:pk>/pdf/", views.version_download, name="version_download"),
]
