from django.urls import path

from . import views

app_name = "measures_public"

urlpatterns = [
    path("", views.public_measure_list, name="measure_list"),
    path("<int:pk>/", views.public_measure_detail, name="measure_detail"),
]
