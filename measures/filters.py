"""The filters of the measure list: area, status, year, partner and a free-text search."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from municipalities import selectors as municipality_selectors

from . import selectors
from .models import MeasureLevel, MeasureStatus, Partner

MAX_SEARCH_WORDS = 8
MAX_SEARCH_LENGTH = 200


class MeasureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Sök"), method="search", max_length=MAX_SEARCH_LENGTH)
    area = django_filters.ChoiceFilter(
        label=_("Område"), method="in_area", empty_label=_("Alla områden")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MeasureStatus.choices, empty_label=_("Alla")
    )
    level = django_filters.ChoiceFilter(
        label=_("Nivå"), choices=MeasureLevel.choices, empty_label=_("Alla nivåer")
    )
    year = django_filters.ChoiceFilter(label=_("År"), method="in_year", empty_label=_("Alla år"))
    partner = django_filters.ChoiceFilter(
        label=_("Partner"),
        field_name="partners",
        empty_label=_("Alla partner"),
        distinct=True,
    )

    def __init__(self, data=None, queryset=None, *, municipality, **kwargs):
        super().__init__(data, queryset, **kwargs)
        filters = self.filters
        # Plain choices: one ordinary query each, and no query to validate a chosen one.
        areas = municipality_selectors.areas(municipality=municipality)
        filters["area"].extra["choices"] = list(areas.values_list("pk", "name"))
        partners = selectors.partners(municipality=municipality)
        filters["partner"].extra["choices"] = list(partners.values_list("pk", "name"))
        years = selectors.measure_years(municipality=municipality)
        filters["year"].extra["choices"] = [(y, str(y)) for y in years]
        filters["q"].extra["widget"] = forms.TextInput(attrs={"type": "search"})

    def search(self, queryset, name, value):
        """Every word must match the measure's texts or a partner's name."""
        for word in value.split()[:MAX_SEARCH_WORDS]:
            partner = Partner.objects.filter(measures=OuterRef("pk"), name__icontains=word)
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(target_group__icontains=word)
                | Q(outcome__icontains=word)
                | Exists(partner)
            )
        return queryset

    def in_area(self, queryset, name, area):
        return queryset.filter(Q(areas=area) | Q(areas__parent=area)).distinct()

    def in_year(self, queryset, name, year):
        """Measures that ran during some part of the year. Without an end date a measure
        still running reaches into later years; a finished one counts for its start year."""
        year = int(year)
        return queryset.filter(start_date__year__lte=year).filter(
            Q(end_date__year__gte=year)
            | Q(end_date__isnull=True, start_date__year=year)
            | Q(end_date__isnull=True, status__in=selectors.RUNNING_STATUSES)
        )
