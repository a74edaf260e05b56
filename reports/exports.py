"""CSV exports of a municipality's data, for the coordinator, written by
`fagersta.csv_export`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from measures.models import Measure
from municipalities.models import Municipality
from promises.models import Commitment
from promises.periods import Period
from situations.models import Assessment, Problem
from surveys import selectors as survey_selectors
from surveys.models import Finding, Survey


@dataclass(frozen=True)
class Export:
    slug: str
    title: str
    header: list
    rows: Callable[[Municipality], Iterable[Iterable]]


def _date(value) -> str:
    return value.isoformat() if value else ""


def _problems(municipality: Municipality):
    problems = (
        Problem.objects.for_municipality(municipality)
        .select_related("area", "place", "owner")
        .order_by("created_at")
    )
    for p in problems.iterator(chunk_size=500):
        yield [
            p.pk,
            p.created_at.date().isoformat(),
            p.area.name,
            p.place.name if p.place else "",
            p.title,
            p.description,
            p.get_status_display(),
            p.owner.get_username() if p.owner else "",
            _date(p.due_date),
            p.resolution,
        ]


def _assessments(municipality: Municipality):
    assessments = (
        Assessment.objects.for_municipality(municipality)
        .select_related("report__period", "report__organisation", "area")
        .prefetch_related("places")
        .order_by("report__period__starts_on", "report__organisation__name", "area__position")
    )
    for a in assessments.iterator(chunk_size=500):
        report = a.report
        yield [
            report.period.starts_on.isoformat(),
            report.period.ends_on.isoformat(),
            report.organisation.name,
            report.get_status_display(),
            report.submitted_at.date().isoformat() if report.submitted_at else "",
            a.area.name,
            a.get_status_display(),
            a.get_trend_display() if a.trend else "",
            a.text,
            ", ".join(p.name for p in a.places.all()),
            a.when,
        ]


def _commitments(municipality: Municipality):
    commitments = (
        Commitment.objects.for_municipality(municipality)
        .select_related("promise", "organisation")
        .order_by("promise__period_start", "promise_id", "position", "pk")
    )
    for c in commitments.iterator(chunk_size=500):
        p = c.promise
        yield [
            Period(p.period_start, p.period_end).label,
            p.title,
            p.get_status_display(),
            p.decision_body,
            _date(p.decision_date),
            p.decision_reference,
            c.responsible or c.get_party_display(),
            c.action,
            c.measurement,
            c.get_outcome_display() if c.outcome else "",
            c.outcome_comment,
            p.follow_up_summary,
        ]


def _measures(municipality: Municipality):
    measures = (
        Measure.objects.for_municipality(municipality)
        .select_related("responsible_organisation")
        .prefetch_related("areas", "partners")
        .order_by("start_date", "title", "pk")
    )
    for m in measures.iterator(chunk_size=500):
        yield [
            m.title,
            ", ".join(a.name for a in m.areas.all()),
            m.get_status_display(),
            _date(m.start_date),
            _date(m.end_date),
            m.responsible_organisation.name if m.responsible_organisation else "",
            ", ".join(p.name for p in m.partners.all()),
            m.funding_source,
            m.funding_amount,
            m.target_group,
            m.reach_number,
            m.reach_unit,
            m.outcome,
        ]


def _findings(municipality: Municipality):
    findings = (
        Finding.objects.for_municipality(municipality)
        .select_related("walk", "place", "recipient_organisation")
        .order_by("walk__date", "pk")
    )
    for f in findings.iterator(chunk_size=500):
        yield [
            f.walk.date.isoformat(),
            f.walk.area,
            f.place.name if f.place else "",
            f.get_category_display(),
            f.description,
            f.recipient_organisation.name if f.recipient_organisation else f.recipient_name,
            _date(f.forwarded_on),
            f.get_status_display(),
            _date(f.closed_on),
        ]


def _survey_answers(municipality: Municipality):
    """One row per answer to a question (long format), so that surveys with different
    questions fit in one file."""
    for survey in Survey.objects.for_municipality(municipality).order_by("opens_on", "pk"):
        header, rows = survey_selectors.survey_export_rows(survey=survey)
        questions = header[2:]
        for row in rows:
            number, day, answers = row[0], row[1], row[2:]
            for question, answer in zip(questions, answers, strict=True):
                if answer:
                    yield [survey.title, number, day, question, answer]


EXPORTS: dict[str, Export] = {
    e.slug: e
    for e in [
        Export(
            "lagesrapporter",
            _("Lägesrapporter"),
            [
                _("Perioden börjar"),
                _("Perioden slutar"),
                _("Verksamhet"),
                _("Rapportens status"),
                _("Inskickad"),
                _("Område"),
                _("Läge"),
                _("Trend"),
                _("Text"),
                _("Platser"),
                _("När"),
            ],
            _assessments,
        ),
        Export(
            "problem",
            _("Problem"),
            [
                _("Nr"),
                _("Skapat"),
                _("Område"),
                _("Plats"),
                _("Rubrik"),
                _("Beskrivning"),
                _("Status"),
                _("Ägare"),
                _("Klart senast"),
                _("Hur det löstes"),
            ],
            _problems,
        ),
        Export(
            "medborgarloften",
            _("Medborgarlöften med åtaganden och uppföljning"),
            [
                _("Period"),
                _("Löfte"),
                _("Status"),
                _("Beslutande organ"),
                _("Beslutsdatum"),
                _("Paragraf"),
                _("Vem"),
                _("Åtagande"),
                _("Hur det mäts"),
                _("Utfall"),
                _("Kommentar till utfallet"),
                _("Uppföljning av löftet"),
            ],
            _commitments,
        ),
        Export(
            "insatser",
            _("Insatser"),
            [
                _("Insats"),
                _("Områden"),
                _("Status"),
                _("Start"),
                _("Slut"),
                _("Ansvarig"),
                _("Samverkanspartner"),
                _("Finansiering"),
                _("Belopp (kronor)"),
                _("Målgrupp"),
                _("Räckvidd"),
                _("Räckvidd, enhet"),
                _("Resultat"),
            ],
            _measures,
        ),
        Export(
            "brister",
            _("Brister från trygghetsvandringar"),
            [
                _("Vandringens datum"),
                _("Vandringens område"),
                _("Plats"),
                _("Kategori"),
                _("Beskrivning"),
                _("Skickad till"),
                _("Skickad"),
                _("Status"),
                _("Avslutad"),
            ],
            _findings,
        ),
        Export(
            "enkatsvar",
            _("Enkätsvar"),
            [_("Enkät"), _("Svar nr"), _("Datum"), _("Fråga"), _("Svar")],
            _survey_answers,
        ),
    ]
}
