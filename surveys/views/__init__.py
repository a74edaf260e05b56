"""Member views: safety walks and findings, surveys and their results, indicator series.

Coordinators write; council members and politicians read; reporters are turned away.
"""

from .indicators import series_create, series_detail, series_import, series_list, value_add
from .surveys import (
    question_add,
    question_remove,
    survey_create,
    survey_detail,
    survey_edit,
    survey_export,
    survey_list,
    survey_results,
    survey_to_series,
)
from .walks import (
    finding_create,
    finding_detail,
    finding_edit,
    finding_export,
    finding_forward,
    finding_list,
    finding_map,
    finding_status,
    overview,
    photo,
    photo_add,
    walk_create,
    walk_detail,
    walk_edit,
    walk_list,
    walk_settings,
)

__all__ = [
    "finding_create",
    "finding_detail",
    "finding_edit",
    "finding_export",
    "finding_forward",
    "finding_list",
    "finding_map",
    "finding_status",
    "overview",
    "photo",
    "photo_add",
    "question_add",
    "question_remove",
    "series_create",
    "series_detail",
    "series_import",
    "series_list",
    "survey_create",
    "survey_detail",
    "survey_edit",
    "survey_export",
    "survey_list",
    "survey_results",
    "survey_to_series",
    "value_add",
    "walk_create",
    "walk_detail",
    "walk_edit",
    "walk_list",
    "walk_settings",
]
