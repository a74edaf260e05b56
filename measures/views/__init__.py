"""Views of the measures app, one module per part, re-exported for the URL configuration."""

from .calendar import calendar_month, event_create, event_delete, event_edit
from .causes import (
    cause_add,
    cause_analysis_detail,
    cause_analysis_list,
    cause_analysis_start,
    cause_analysis_update,
    cause_delete,
    cause_edit,
)
from .measures import measure_create, measure_detail, measure_edit, measure_list
from .partners import partner_delete, partner_edit, partner_list
from .plans import (
    action_plan_approve,
    action_plan_create,
    action_plan_detail,
    action_plan_edit,
    action_plan_list,
    action_plan_propose,
    action_plan_return,
    compliance_panel,
    goal_add,
    goal_delete,
    goal_edit,
)
from .public import public_measure_detail, public_measure_list

__all__ = [
    "action_plan_approve",
    "action_plan_create",
    "action_plan_detail",
    "action_plan_edit",
    "action_plan_list",
    "action_plan_propose",
    "action_plan_return",
    "calendar_month",
    "cause_add",
    "cause_analysis_detail",
    "cause_analysis_list",
    "cause_analysis_start",
    "cause_analysis_update",
    "cause_delete",
    "cause_edit",
    "compliance_panel",
    "event_create",
    "event_delete",
    "event_edit",
    "goal_add",
    "goal_delete",
    "goal_edit",
    "measure_create",
    "measure_detail",
    "measure_edit",
    "measure_list",
    "partner_delete",
    "partner_edit",
    "partner_list",
    "public_measure_detail",
    "public_measure_list",
]
