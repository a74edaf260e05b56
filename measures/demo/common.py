"""Shorthands shared by the demo data modules."""

import datetime

from ..models import MeasureLevel, MeasureStatus

D = datetime.date
L = MeasureLevel
S = MeasureStatus

ORDER = "ordning-otrygghet"
VIOLENCE = "hot-vald"
YOUTH = "unga-skola-andt"
OTHER = "ovrigt"
