from django.urls import path

from . import views

urlpatterns = [
    path("", views.municipality_home, name="municipality_home"),
    path("medlemmar/", views.member_list, name="member_list"),
    path("medlemmar/ny/", views.member_add, name="member_add"),
    path("medlemmar/<int:pk>/ta-bort/", views.member_remove, name="member_remove"),
    path("logg/", views.audit_log, name="audit_log"),
    path("utskick/", views.outbox_list, name="outbox"),
    path("utskick/<int:pk>/skicka-igen/", views.outbox_retry, name="outbox_retry"),
]
