from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("", views.measure_list, name="measure_list"),
    path("ny/", views.measure_create, name="measure_create"),
    path("<int:pk>/", views.measure_detail, name="measure_detail"),
    path("<int:pk>/andra/", views.measure_edit, name="measure_edit"),
    path("partner/", views.partner_list, name="partner_list"),
    path("partner/<int:pk>/andra/", views.partner_edit, name="partner_edit"),
    path("partner/<int:pk>/ta-bort/", views.partner_delete, name="partner_delete"),
    path("atgardsplan/", views.action_plan_list, name="action_plan_list"),
    path("atgardsplan/ny/", views.action_plan_create, name="action_plan_create"),
    path("atgardsplan/<int:pk>/", views.action_plan_detail, name="action_plan_detail"),
    path("atgardsplan/<int:pk>/andra/", views.action_plan_edit, name="action_plan_edit"),
    path("atgardsplan/<int:pk>/mal/ny/", views.goal_add, name="goal_add"),
    path("atgardsplan/<int:pk>/foresla/", views.action_plan_propose, name="action_plan_propose"),
    path("atgardsplan/<int:pk>/anta/", views.action_plan_approve, name="action_plan_approve"),
    path(
        "atgardsplan/<int:pk>/aterremittera/",
        views.action_plan_return,
        name="action_plan_return",
    ),
    path("atgardsplan/mal/<int:pk>/andra/", views.goal_edit, name="goal_edit"),
    path("atgardsplan/mal/<int:pk>/ta-bort/", views.goal_delete, name="goal_delete"),
    path("efterlevnad/", views.compliance_panel, name="compliance"),
    path("orsaksanalys/", views.cause_analysis_list, name="cause_analysis_list"),
    path(
        "orsaksanalys/problem/<int:problem_pk>/",
        views.cause_analysis_start,
        name="cause_analysis_start",
    ),
    path("orsaksanalys/<int:pk>/", views.cause_analysis_detail, name="cause_analysis_detail"),
    path(
        "orsaksanalys/<int:pk>/sammanfattning/",
        views.cause_analysis_update,
        name="cause_analysis_update",
    ),
    path("orsaksanalys/<int:pk>/orsak/ny/", views.cause_add, name="cause_add"),
    path("orsaksanalys/orsak/<int:pk>/andra/", views.cause_edit, name="cause_edit"),
    path("orsaksanalys/orsak/<int:pk>/ta-bort/", views.cause_delete, name="cause_delete"),
    path("arshjul/", views.calendar_month, name="calendar"),
    path("arshjul/<int:year>/<int:month>/", views.calendar_month, name="calendar_month"),
    path("arshjul/ny/", views.event_create, name="event_create"),
    path("arshjul/<int:pk>/andra/", views.event_edit, name="event_edit"),
    path("arshjul/<int:pk>/ta-bort/", views.event_delete, name="event_delete"),
]
