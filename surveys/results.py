"""What the answers of a safety survey add up to: shares per question, breakdowns by age
group and home area, the places named as unsafe, and their charts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from fagersta.charts import Chart

from . import charts
from .models import Choice, Question, StandardQuestion, Survey
from .selectors import _load_answers, _share, survey_questions, survey_share
from .standard import AVOID_LATE_YES, FEEL_SAFE_VALUES


@dataclass
class OptionResult:
    label: str
    count: int
    share: float


@dataclass
class QuestionResult:
    question: Question
    respondents: int
    options: list[OptionResult] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    chart: Chart | None = None


@dataclass
class Breakdown:
    title: str
    rows: list[tuple[str, int, float | None, float | None]]
    chart: Chart


@dataclass
class SurveyResults:
    survey: Survey
    total: int
    questions: list[QuestionResult]
    breakdowns: list[Breakdown]
    unsafe_places: list[tuple[str, int]]
    unsafe_chart: Chart | None


def survey_results(*, survey: Survey) -> SurveyResults:
    questions = list(survey_questions(survey=survey))
    answers = _load_answers(survey)
    total = survey.responses.count()
    by_code = {q.code: q for q in questions if q.code}
    results = []
    for question in questions:
        chosen = Counter()
        respondents = 0
        texts = []
        for per_question in answers.values():
            given = per_question.get(question.pk)
            if not given:
                continue
            respondents += 1
            for choice_id, text in given:
                if choice_id:
                    chosen[choice_id] += 1
                elif text:
                    texts.append(text)
        options = [
            OptionResult(c.label, chosen[c.pk], _share(chosen[c.pk], respondents))
            for c in question.choices.all()
        ]
        if question.other_label:
            options.append(
                OptionResult(question.other_label, len(texts), _share(len(texts), respondents))
            )
        result = QuestionResult(question, respondents, options, sorted(texts, key=str.lower))
        if options:
            # Long lists (the municipality's places) leave unchosen options out of the chart,
            # so that the labels of the rest fit; the table beside it still lists them all.
            shown = [o for o in options if o.count] if len(options) > 6 else options
            result.chart = charts.answer_chart(question.text, shown)
        results.append(result)
    breakdowns = []
    for code, title in (
        (StandardQuestion.AGE_GROUP, _("Efter åldersgrupp")),
        (StandardQuestion.HOME_PLACE, _("Efter bostadsområde")),
    ):
        if code in by_code:
            breakdowns.append(_breakdown(by_code[code], by_code, answers, title))
    unsafe = _unsafe_ranking(by_code.get(StandardQuestion.UNSAFE_PLACES), answers)
    unsafe_chart = None
    if unsafe:
        top = unsafe[:10]
        unsafe_chart = charts.unsafe_places_chart(top)
    return SurveyResults(survey, total, results, breakdowns, unsafe, unsafe_chart)


def public_survey_results(*, survey: Survey) -> SurveyResults:
    """The results as the public sees them: counts and shares only. What residents wrote in
    their own words is left out, also as a place name in the ranking of unsafe places."""
    full = survey_results(survey=survey)
    questions = [
        QuestionResult(q.question, q.respondents, q.options, [], q.chart)
        for q in full.questions
        if q.options
    ]
    unsafe_question = next(
        (q.question for q in full.questions if q.question.code == StandardQuestion.UNSAFE_PLACES),
        None,
    )
    listed = {c.label for c in unsafe_question.choices.all()} if unsafe_question else set()
    unsafe = [(name, count) for name, count in full.unsafe_places if name in listed]
    chart = charts.unsafe_places_chart(unsafe[:10]) if unsafe else None
    return SurveyResults(survey, full.total, questions, full.breakdowns, unsafe, chart)


def _choice_values(question: Question | None) -> dict[int, Choice]:
    return {c.pk: c for c in question.choices.all()} if question else {}


def _breakdown(group_question, by_code, answers, title) -> Breakdown:
    feel = by_code.get(StandardQuestion.FEEL_SAFE)
    avoid = by_code.get(StandardQuestion.AVOID_LATE)
    feel_choices = _choice_values(feel)
    avoid_choices = _choice_values(avoid)
    groups = {c.pk: c.label for c in group_question.choices.all()}
    stats = {pk: [0, 0, 0, 0, 0] for pk in groups}  # answers, feel n, feel yes, avoid n, yes
    for per_question in answers.values():
        for choice_id, _text in per_question.get(group_question.pk, []):
            if choice_id not in stats:
                continue
            row = stats[choice_id]
            row[0] += 1
            for feel_id, _t in per_question.get(feel.pk, []) if feel else []:
                if feel_id in feel_choices:
                    row[1] += 1
                    row[2] += feel_choices[feel_id].value in FEEL_SAFE_VALUES
            for avoid_id, _t in per_question.get(avoid.pk, []) if avoid else []:
                if avoid_id in avoid_choices:
                    row[3] += 1
                    row[4] += avoid_choices[avoid_id].label in AVOID_LATE_YES
    rows = [
        (
            groups[pk],
            s[0],
            _share(s[2], s[1]) if s[1] else None,
            _share(s[4], s[3]) if s[3] else None,
        )
        for pk, s in stats.items()
        if s[0]
    ]
    return Breakdown(title, rows, charts.feel_safe_chart(title, rows))


def _unsafe_ranking(question, answers) -> list[tuple[str, int]]:
    if question is None:
        return []
    labels = {c.pk: c.label for c in question.choices.all()}
    by_name = {label.lower(): label for label in labels.values()}
    counts: Counter = Counter()
    for per_question in answers.values():
        named = set()
        for choice_id, text in per_question.get(question.pk, []):
            if choice_id in labels:
                named.add(labels[choice_id])
            elif text:
                clean = " ".join(text.split())
                named.add(by_name.get(clean.lower(), clean[:1].upper() + clean[1:]))
        counts.update(named)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))


def survey_summary(*, survey: Survey) -> dict:
    """Headline figures of a survey: answers, share feeling safe, share avoiding going out
    late, top wishes and most named unsafe places."""
    results = survey_results(survey=survey)
    wishes = next(
        (q for q in results.questions if q.question.code == StandardQuestion.SAFER_WISHES), None
    )
    top_wishes = (
        sorted(((o.label, o.count) for o in wishes.options), key=lambda o: -o[1])[:3]
        if wishes
        else []
    )
    return {
        "survey": survey,
        "answers": results.total,
        "feel_safe_share": survey_share(survey=survey, measure="feel_safe"),
        "avoid_late_share": survey_share(survey=survey, measure="avoid_late"),
        "top_wishes": top_wishes,
        "unsafe_places": results.unsafe_places[:5],
        "results": results,
    }
