from django.contrib import admin

from .forms import AdminSignInForm
from .models import Area, Membership, Municipality, Organisation, Place

admin.site.login_form = AdminSignInForm


class OrganisationInline(admin.TabularInline):
    model = Organisation
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "population", "shares_comparisons"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "kind", "reports", "is_active"]
    list_filter = ["municipality", "kind"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "role", "organisation", "is_deputy"]
    list_filter = ["municipality", "role"]
    raw_id_fields = ["user"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "municipality", "parent", "position", "is_active"]
    list_filter = ["municipality"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "latitude", "longitude"]
    list_filter = ["municipality", "kind"]
