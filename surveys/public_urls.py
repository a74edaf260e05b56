from django.urls import path

from . import public_views

app_name = "surveys_public"

urlpatterns = [
    path("<str:key>/", public_views.answer, name="answer"),
    path("<str:key>/tack/", public_views.thanks, name="thanks"),
    path("<str:key>/resultat/", public_views.results, name="results"),
]
