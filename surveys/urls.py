from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("vandringar/", views.walk_list, name="walk_list"),
    path("vandringar/ny/", views.walk_create, name="walk_create"),
    path("vandringar/<int:pk>/", views.walk_detail, name="walk_detail"),
    path("vandringar/<int:pk>/andra/", views.walk_edit, name="walk_edit"),
    path("vandringar/<int:walk_pk>/brister/ny/", views.finding_create, name="finding_create"),
    path("brister/", views.finding_list, name="finding_list"),
    path("brister/karta/", views.finding_map, name="finding_map"),
    path("brister/brister.csv", views.finding_export, name="finding_export"),
    path("brister/installningar/", views.walk_settings, name="walk_settings"),
    path("brister/<int:pk>/", views.finding_detail, name="finding_detail"),
    path("brister/<int:pk>/andra/", views.finding_edit, name="finding_edit"),
    path("brister/<int:pk>/skicka/", views.finding_forward, name="finding_forward"),
    path("brister/<int:pk>/status/", views.finding_status, name="finding_status"),
    path("brister/<int:pk>/foton/", views.photo_add, name="photo_add"),
    path("foton/<int:pk>/", views.photo, name="photo"),
    path("enkater/", views.survey_list, name="survey_list"),
    path("enkater/ny/", views.survey_create, name="survey_create"),
    path("enkater/<int:pk>/", views.survey_detail, name="survey_detail"),
    path("enkater/<int:pk>/andra/", views.survey_edit, name="survey_edit"),
    path("enkater/<int:pk>/fragor/", views.question_add, name="question_add"),
    path("fragor/<int:pk>/ta-bort/", views.question_remove, name="question_remove"),
    path("enkater/<int:pk>/resultat/", views.survey_results, name="survey_results"),
    path("enkater/<int:pk>/publicera/", views.survey_publish, name="survey_publish"),
    path("enkater/<int:pk>/svar.csv", views.survey_export, name="survey_export"),
    path("enkater/<int:pk>/till-serie/", views.survey_to_series, name="survey_to_series"),
    path("indikatorer/", views.series_list, name="series_list"),
    path("indikatorer/ny/", views.series_create, name="series_create"),
    path("indikatorer/<int:pk>/", views.series_detail, name="series_detail"),
    path("indikatorer/<int:pk>/varden/", views.value_add, name="value_add"),
    path("indikatorer/<int:pk>/import/", views.series_import, name="series_import"),
]
