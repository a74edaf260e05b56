from django.urls import path

from . import past_views, views

app_name = "promises"

urlpatterns = [
    path("", views.promise_list, name="list"),
    path("nytt/", views.promise_create, name="create"),
    path("perioder/", views.period_settings, name="settings"),
    path("tidigare/", past_views.promise_register_past, name="register_past"),
    path("<int:pk>/", views.promise_detail, name="detail"),
    path("<int:pk>/redigera/", views.promise_edit, name="edit"),
    path("<int:pk>/foresla/", views.promise_propose, name="propose"),
    path("<int:pk>/beslut/", views.promise_decide, name="decide"),
    path("<int:pk>/godkann/", views.promise_approve, name="approve"),
    path("<int:pk>/aterremittera/", views.promise_return, name="return"),
    path("<int:pk>/uppfoljning/", views.promise_follow_up, name="follow_up"),
    path("<int:pk>/avsluta/", views.promise_close, name="close"),
    path("<int:pk>/fornya/", views.promise_renew, name="renew"),
]
