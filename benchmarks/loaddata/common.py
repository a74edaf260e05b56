"""What every load-data generator shares: the town being built, bulk writes and the word lists."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from municipalities.models import OrganisationKind
from situations.models import Status

LOAD_PASSWORD = "load1234"  # noqa: S105 - load-test accounts only, printed by the command
SLUG_PREFIX = "last"
BATCH_SIZE = 2000

ORGANISATION_KINDS = [
    ("Skola", OrganisationKind.SCHOOL),
    ("Socialtjänst", OrganisationKind.SOCIAL_SERVICES),
    ("Kommunpolisen", OrganisationKind.POLICE),
    ("Kommunalteknik", OrganisationKind.UTILITY),
    ("Fritidsgård", OrganisationKind.LEISURE),
    ("Näringsliv", OrganisationKind.BUSINESS),
]
STATUS_WEIGHTS = [
    (Status.GREEN, 55),
    (Status.YELLOW, 28),
    (Status.RED, 10),
    (Status.NONE, 7),
]
TEXTS = [
    "Lugnt under perioden, inget särskilt att rapportera (exempeldata).",
    "Fler ungdomar samlas kvällstid vid centrum (exempeldata).",
    "Skadegörelse på busskuren, anmäld (exempeldata).",
    "Oro bland personal efter hot i korridoren (exempeldata).",
    "Nedskräpning och klotter vid gångtunneln (exempeldata).",
    "",
]
WHENS = ["", "Kvällar", "Helger", "Skolluncher", "Fredagskvällar"]


@dataclass
class LoadResult:
    """What was generated: rows per model, and the time it took."""

    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    slugs: list[str] = field(default_factory=list)


@dataclass
class Town:
    """One municipality being generated. The generators run in a fixed order and draw from one
    random stream, so the same seed gives the same rows; what one generator makes for the next
    (organisations, places, the coordinator, …) is kept here."""

    index: int
    years: int
    today: datetime.date
    rng: random.Random
    areas: list
    password: str
    result: LoadResult
    made: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["made"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self.__dataclass_fields__:
            object.__setattr__(self, name, value)
        else:
            self.made[name] = value


def municipality_slug(index: int) -> str:
    return f"{SLUG_PREFIX}-{index + 1:02d}"


def bulk(model, rows: list, result: LoadResult) -> list:
    created = model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    result.counts[model._meta.label] += len(rows)
    return created


def weighted_status(rng: random.Random) -> str:
    return rng.choices([s for s, _ in STATUS_WEIGHTS], weights=[w for _, w in STATUS_WEIGHTS])[0]


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())
