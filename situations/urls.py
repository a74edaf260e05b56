from django.urls import path

from . import views

app_name = "situations"

urlpatterns = [
    path("", views.index, name="index"),
    path("schema/", views.schedule_edit, name="schedule_edit"),
    path("perioder/ny/", views.period_open, name="period_open"),
    path("perioder/<int:pk>/", views.period_detail, name="period_detail"),
    path("perioder/<int:pk>/stang/", views.period_close, name="period_close"),
    path("perioder/<int:pk>/oppna/", views.period_reopen, name="period_reopen"),
    path("min-rapport/", views.my_report, name="my_report"),
    path(
        "perioder/<int:period_pk>/rapporter/<int:organisation_pk>/",
        views.report,
        name="report",
    ),
    path(
        "perioder/<int:period_pk>/rapporter/<int:organisation_pk>/inget-nytt/",
        views.report_nothing_new,
        name="report_nothing_new",
    ),
    path(
        "perioder/<int:period_pk>/rapporter/<int:organisation_pk>/historik/",
        views.report_history,
        name="report_history",
    ),
    path("perioder/<int:pk>/lagesbild/", views.picture, name="picture"),
    path("perioder/<int:pk>/lagesbild/sammanstall/", views.picture_edit, name="picture_edit"),
    path("perioder/<int:pk>/lagesbild/publicera/", views.picture_publish, name="picture_publish"),
    path("perioder/<int:pk>/lagesbild/historik/", views.picture_history, name="picture_history"),
    path("karta/", views.heat_map, name="heat_map"),
    path("platser/", views.proposed_places, name="proposed_places"),
    path("problem/", views.problem_list, name="problem_list"),
    path("problem/nytt/", views.problem_create, name="problem_create"),
    path("problem/<int:pk>/", views.problem_detail, name="problem_detail"),
    path("problem/<int:pk>/andra/", views.problem_edit, name="problem_edit"),
    path("moten/", views.meeting_list, name="meeting_list"),
    path("moten/nytt/", views.meeting_edit, name="meeting_create"),
    path("moten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/andra/", views.meeting_edit, name="meeting_edit"),
    path("riktlinjer/", views.guidelines, name="guidelines"),
    path("riktlinjer/last/", views.guidelines_read, name="guidelines_read"),
    path("riktlinjer/andra/", views.guidelines_edit, name="guidelines_edit"),
]
