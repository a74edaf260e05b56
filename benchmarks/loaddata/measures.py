"""Load data: measures with partners, areas and the problems they answer."""

from __future__ import annotations

import datetime

from measures.models import (
    Measure,
    MeasureLevel,
    MeasureStatus,
    Partner,
)

from .common import (
    Town,
    bulk,
)


def measures(town: Town) -> None:
    """Measures."""
    areas = town.areas
    coordinator = town.coordinator
    first_day = town.first_day
    municipality = town.municipality
    organisations = town.organisations
    problems = town.problems
    result = town.result
    rng = town.rng
    today = town.today
    years = town.years
    partners = bulk(
        Partner,
        [Partner(municipality=municipality, name=f"Förening {n + 1}") for n in range(4)],
        result,
    )
    measure_rows = []
    for year_offset in range(years + 1):
        year_start = first_day + datetime.timedelta(days=365 * year_offset)
        if year_start > today:
            break
        for n in range(6):
            start_date = year_start + datetime.timedelta(days=rng.randint(0, 300))
            if start_date > today:
                continue
            end_date = start_date + datetime.timedelta(days=rng.randint(30, 200))
            done = end_date < today
            measure_rows.append(
                Measure(
                    municipality=municipality,
                    title=f"Insats {start_date.year}-{n + 1}: drogfri aktivitet (exempeldata)",
                    description="Aktivitet för unga under riskhelger (exempeldata).",
                    level=rng.choice(MeasureLevel.values),
                    status=MeasureStatus.COMPLETED if done else MeasureStatus.ONGOING,
                    start_date=start_date,
                    end_date=end_date,
                    responsible_organisation=rng.choice(organisations),
                    funding_source="Kommunens budget",
                    funding_amount=rng.randint(5, 200) * 1000,
                    target_group="Unga 13–17 år",
                    reach_number=rng.randint(20, 400),
                    reach_unit="unga",
                    outcome="Väl mottaget (exempeldata)." if done else "",
                    is_public=rng.random() < 0.5,
                    created_by=coordinator,
                )
            )
    measures = bulk(Measure, measure_rows, result)
    bulk(
        Measure.areas.through,
        [
            Measure.areas.through(measure_id=measure.pk, area_id=rng.choice(areas).pk)
            for measure in measures
        ],
        result,
    )
    bulk(
        Measure.partners.through,
        [
            Measure.partners.through(measure_id=measure.pk, partner_id=rng.choice(partners).pk)
            for measure in measures
            if rng.random() < 0.5
        ],
        result,
    )
    bulk(
        Measure.problems.through,
        [
            Measure.problems.through(measure_id=measure.pk, problem_id=rng.choice(problems).pk)
            for measure in measures
            if problems and rng.random() < 0.3
        ],
        result,
    )
