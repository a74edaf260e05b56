from django.urls import path

from . import two_factor_views as two_factor

urlpatterns = [
    path("", two_factor.setup, name="two_factor_setup"),
    path("verifiera/", two_factor.verify, name="two_factor_verify"),
    path("reservkoder/", two_factor.new_recovery_codes, name="two_factor_recovery_codes"),
]
