from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from fagersta import health as health_views
from municipalities import views as municipality_views
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
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", health_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("k/<slug:municipality>/", include(municipality_patterns)),
    path("offentlig/<slug:municipality>/", include(public_patterns)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
