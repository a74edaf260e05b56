from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from fagersta import health as health_views
from municipalities import views as municipality_views
from municipalities.forms import (
    ChangePasswordForm,
    NewPasswordForm,
    OutboxPasswordResetForm,
    SignInForm,
)
from reports import public_views as public_start

municipality_patterns = [
    path("", include("municipalities.urls")),
    path("lagesbild/", include("situations.urls")),
    path("loften/", include("promises.urls")),
    path("insatser/", include("measures.urls")),
    path("trygghet/", include("surveys.urls")),
    path("rapporter/", include("reports.urls")),
]

public_patterns = [
    path("", public_start.index, name="public_start"),
    path("loften/", include("promises.public_urls")),
    path("insatser/", include("measures.public_urls")),
    path("enkat/", include("surveys.public_urls")),
]

urlpatterns = [
    path("", municipality_views.home, name="home"),
    path("tillganglighet/", municipality_views.accessibility, name="accessibility"),
    path("accounts/tvafaktor/", include("municipalities.account_urls")),
    # Django's own views, with forms whose every field is bounded before a validator or a
    # column sees it (municipalities.forms).
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(form_class=ChangePasswordForm),
        name="password_change",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", health_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("k/<slug:municipality>/", include(municipality_patterns)),
    path("offentlig/<slug:municipality>/", include(public_patterns)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
