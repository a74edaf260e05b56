from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from municipalities.access import public_municipality_or_404

from .. import selectors
from ..models import MeasureStatus

# Headings of the public list, in the order residents see them.
PUBLIC_GROUPS = [
    (MeasureStatus.ONGOING, _("Pågående insatser")),
    (MeasureStatus.PLANNED, _("Planerade insatser")),
    (MeasureStatus.COMPLETED, _("Genomförda insatser")),
    (MeasureStatus.PAUSED, _("Vilande insatser")),
    (MeasureStatus.CANCELLED, _("Inställda insatser")),
]


def public_measure_list(request, municipality):
    municipality = public_municipality_or_404(municipality)
    measures = list(selectors.public_measures(municipality=municipality))
    groups = [
        (heading, [m for m in measures if m.status == status]) for status, heading in PUBLIC_GROUPS
    ]
    return render(
        request,
        "measures/public_list.html",
        {"municipality": municipality, "groups": [g for g in groups if g[1]]},
    )


def public_measure_detail(request, municipality, pk):
    municipality = public_municipality_or_404(municipality)
    measure = get_object_or_404(selectors.public_measures(municipality=municipality), pk=pk)
    return render(
        request,
        "measures/public_detail.html",
        {"municipality": municipality, "measure": measure},
    )
