"""Forms of the promises app. Each takes the municipality and narrows every choice to it."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from fagersta.bounds import TEXT, DateField
from municipalities.models import Area, Municipality, Organisation
from situations.models import Problem, ProblemStatus

from .models import PERIOD_LENGTHS, Outcome, Party, Promise
from .periods import period_from, settings_for, upcoming_periods
from .services import CommitmentData, Decision

ADD_ROW = "add_row"
LENGTH_CHOICES = [(n, str(n)) for n in PERIOD_LENGTHS]


class Redisplay:
    """A bound form that is shown again without being judged: the "Lägg till rad" button
    re-renders everything typed so far with one more row, and no errors for fields the
    writer has not reached yet."""

    def __init__(self, *args, redisplay: bool = False, **kwargs):
        self.redisplay = redisplay
        super().__init__(*args, **kwargs)

    def full_clean(self):
        if self.redisplay:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()


def with_one_more_row(data, prefix: str = "c"):
    """The posted data with room for one more commitment, bounded by MAX_COMMITMENTS."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0")[:4])
    except ValueError:
        total = 0
    data[key] = str(max(0, min(total + 1, MAX_COMMITMENTS)))
    return data


class PeriodSettingsForm(forms.Form):
    length_months = forms.TypedChoiceField(
        label=_("Periodens längd i månader"),
        choices=[(n, str(n)) for n in PERIOD_LENGTHS],
        coerce=int,
    )
    first_month = forms.TypedChoiceField(
        label=_("Månad då årets första period börjar"),
        choices=[(n, str(name).capitalize()) for n, name in MONTHS.items()],
        coerce=int,
        help_text=_("Fagersta börjar i mars: mars–maj, juni–augusti, september–november…"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", _("Spara")))


class PromiseForm(Redisplay, forms.Form):
    """The promise itself. `period` and its length are chosen only when a promise is started."""

    period = forms.ChoiceField(label=_("Period"))
    length_months = forms.TypedChoiceField(
        label=_("Periodens längd i månader"), choices=LENGTH_CHOICES, coerce=int
    )
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    situation = forms.CharField(
        label=_("Läget i dag"),
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad lägesbilden visar och varför löftet behövs. Inga namngivna personer."),
    )
    text = forms.CharField(
        label=_("Löftet"),
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad polisen och kommunen lovar invånarna, i en eller ett par meningar."),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Områden"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    problems = forms.ModelMultipleChoiceField(
        label=_("Problem som löftet svarar på"),
        queryset=Problem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        municipality: Municipality,
        promise: Promise | None = None,
        today: datetime.date | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["areas"].queryset = Area.objects.available_to(municipality).filter(
            is_active=True
        )
        problems = Problem.objects.for_municipality(municipality).exclude(
            status=ProblemStatus.CLOSED
        )
        if promise is not None:
            problems = problems | Problem.objects.for_municipality(municipality).filter(
                promises=promise
            )
        self.fields["problems"].queryset = problems.distinct().order_by("title")
        if not self.fields["problems"].queryset.exists():
            del self.fields["problems"]  # nothing to link yet: no empty group of checkboxes
        if promise is None:
            settings = settings_for(municipality)
            self.periods = {
                p.start.isoformat(): p
                for p in upcoming_periods(settings, today or timezone.localdate())
            }
            self.fields["period"].choices = [(k, p.label) for k, p in self.periods.items()]
            length = self.fields["length_months"]
            length.initial = settings.length_months
            length.help_text = _(
                "Kommunens perioder är %(n)s månader. Ett enskilt löfte kan ha en egen längd, "
                "till exempel polisens årslöfte; det börjar där den valda perioden börjar."
            ) % {"n": settings.length_months}
            del self.fields["version"]
        else:
            del self.fields["period"]
            del self.fields["length_months"]

    def clean(self):
        data = super().clean()
        chosen = self.periods.get(data.get("period", "")) if "period" in self.fields else None
        if chosen is not None and data.get("length_months"):
            data["period"] = (
                chosen
                if chosen.months == data["length_months"]
                else period_from(chosen.start, data["length_months"])
            )
        return data


class CommitmentForm(Redisplay, forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    party = forms.ChoiceField(label=_("Part"), choices=[("", "---------"), *Party.choices])
    organisation = forms.ModelChoiceField(
        label=_("Ansvarig organisation"), queryset=Organisation.objects.none(), required=False
    )
    partner = forms.CharField(
        label=_("Annan ansvarig"),
        max_length=150,
        required=False,
        help_text=_("Om ansvaret ligger utanför kommunens organisationer, t.ex. en förening."),
    )
    action = forms.CharField(
        label=_("Vad som ska göras"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    measurement = forms.CharField(
        label=_("Hur det mäts (valfritt)"),
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_municipality(
            municipality
        ).filter(is_active=True)

    def clean(self):
        data = super().clean()
        if data.get("party") == Party.OTHER and not (
            data.get("organisation") or data.get("partner")
        ):
            self.add_error("partner", _("Ange vem som ansvarar när parten är en annan."))
        return data

    def as_data(self) -> CommitmentData:
        data = self.cleaned_data
        if data.get("DELETE"):
            return CommitmentData(pk=data.get("id"), party="", action="", delete=True)
        return CommitmentData(
            pk=data.get("id"),
            party=data["party"],
            organisation=data.get("organisation"),
            partner=data.get("partner", ""),
            action=data["action"],
            measurement=data.get("measurement", ""),
            delete=bool(data.get("DELETE")),
        )


class BaseCommitmentFormSet(forms.BaseFormSet):
    def __init__(self, *args, redisplay: bool = False, **kwargs):
        self.redisplay = redisplay
        kwargs.setdefault("form_kwargs", {})["redisplay"] = redisplay
        super().__init__(*args, **kwargs)

    def full_clean(self):
        if self.redisplay:
            self._errors = []
            self._non_form_errors = self.error_class()
            return
        super().full_clean()

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Ta bort åtagandet")

    def commitments(self) -> list[CommitmentData]:
        """Filled-in rows (blank extra rows are skipped; rows ticked for removal delete)."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if not data.get("id") and (not form.has_changed() or data.get("DELETE")):
                continue
            rows.append(form.as_data())
        return rows


# A promise has a handful of commitments. Without a bound the formset builds as many forms as
# the posted TOTAL_FORMS asks for, up to 2 000, each with its own queries: a minute of work.
MAX_COMMITMENTS = 30

CommitmentFormSet = forms.formset_factory(
    CommitmentForm,
    formset=BaseCommitmentFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_COMMITMENTS,
    absolute_max=MAX_COMMITMENTS,
    validate_max=True,
)


def commitment_formset(
    *args,
    municipality: Municipality,
    promise: Promise | None = None,
    redisplay: bool = False,
):
    initial = None
    if promise is not None and not args:
        initial = [
            {
                "id": c.pk,
                "party": c.party,
                "organisation": c.organisation_id,
                "partner": c.partner,
                "action": c.action,
                "measurement": c.measurement,
            }
            for c in promise.commitments.all()
        ]
    return CommitmentFormSet(
        *args,
        initial=initial,
        prefix="c",
        form_kwargs={"municipality": municipality},
        redisplay=redisplay,
    )


class ApproveForm(forms.Form):
    decision_body = forms.CharField(
        label=_("Beslutande organ"), max_length=150, initial=_("Kommunstyrelsen")
    )
    decision_date = DateField(label=_("Beslutsdatum"))
    decision_reference = forms.CharField(
        label=_("Beslutsreferens"), max_length=60, help_text=_("Till exempel ”KS § 112”.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_date"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("approve", _("Godkänn löftet")))


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Vad behöver ändras?"),
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kommentaren visas för dem som skrev förslaget."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("return", _("Återremittera"), css_class="btn-secondary"))


class FollowUpForm(forms.Form):
    """One outcome and comment per commitment, plus a summary of the period."""

    summary = forms.CharField(
        label=_("Sammanfattning av perioden"),
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, promise: Promise, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitments = list(promise.commitments.all())
        self.rows = []
        self.fields["summary"].initial = promise.follow_up_summary
        for number, commitment in enumerate(self.commitments, start=1):
            outcome_name, comment_name = f"outcome_{commitment.pk}", f"comment_{commitment.pk}"
            self.fields[outcome_name] = forms.ChoiceField(
                label=_("Utfall, åtagande %(n)s") % {"n": number},
                choices=[("", "---------"), *Outcome.choices],
                initial=commitment.outcome,
            )
            self.fields[comment_name] = forms.CharField(
                label=_("Kommentar, åtagande %(n)s") % {"n": number},
                max_length=TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=commitment.outcome_comment,
            )
            self.rows.append((number, commitment, outcome_name, comment_name))

    def outcomes(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            c.pk: (data[f"outcome_{c.pk}"], data.get(f"comment_{c.pk}", ""))
            for c in self.commitments
        }

    def bound_rows(self):
        for number, commitment, outcome_name, comment_name in self.rows:
            yield number, commitment, self[outcome_name], self[comment_name]


# -- a promise registered afterwards ------------------------------------------------------------


class PastPromiseForm(Redisplay, forms.Form):
    """A promise decided before the municipality used the service: its period (any that has
    begun, of any length), the text, and the decision taken then."""

    start_month = forms.TypedChoiceField(
        label=_("Första månaden"),
        choices=[(n, str(name).capitalize()) for n, name in MONTHS.items()],
        coerce=int,
    )
    start_year = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    length_months = forms.TypedChoiceField(
        label=_("Längd i månader"), choices=LENGTH_CHOICES, coerce=int
    )
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    situation = forms.CharField(
        label=_("Läget då"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad lägesbilden visade. Inga namngivna personer."),
        max_length=TEXT,
    )
    text = forms.CharField(
        label=_("Löftet"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Områden"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decision_body = forms.CharField(
        label=_("Beslutande organ"), max_length=150, initial=_("Kommunstyrelsen")
    )
    decision_date = DateField(label=_("Beslutsdatum"))
    decision_reference = forms.CharField(
        label=_("Beslutsreferens"), max_length=60, help_text=_("Till exempel ”KS § 112”.")
    )
    follow_up_summary = forms.CharField(
        label=_("Sammanfattning av uppföljningen (valfri)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=TEXT,
    )

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.available_to(municipality).filter(
            is_active=True
        )
        self.fields["length_months"].initial = settings_for(municipality).length_months

    def clean(self):
        data = super().clean()
        if data.get("start_month") and data.get("start_year") and data.get("length_months"):
            start = datetime.date(data["start_year"], data["start_month"], 1)
            data["period"] = period_from(start, data["length_months"])
        return data

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(data["decision_body"], data["decision_date"], data["decision_reference"])


class PastCommitmentForm(CommitmentForm):
    """A commitment of a promise registered afterwards, with its outcome if it was followed up."""

    outcome = forms.ChoiceField(
        label=_("Utfall"), choices=[("", _("Inte uppföljt")), *Outcome.choices], required=False
    )
    outcome_comment = forms.CharField(
        label=_("Kommentar till utfallet"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEXT,
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome_comment") and not data.get("outcome"):
            self.add_error("outcome", _("Ange utfallet när du skriver en kommentar."))
        return data

    def as_data(self) -> CommitmentData:
        row = super().as_data()
        row.outcome = self.cleaned_data.get("outcome", "")
        row.outcome_comment = self.cleaned_data.get("outcome_comment", "")
        return row


PastCommitmentFormSet = forms.formset_factory(
    PastCommitmentForm,
    formset=BaseCommitmentFormSet,
    extra=3,
    max_num=MAX_COMMITMENTS,
    absolute_max=MAX_COMMITMENTS,
    validate_max=True,
)


def past_commitment_formset(*args, municipality: Municipality, redisplay: bool = False):
    return PastCommitmentFormSet(
        *args, prefix="c", form_kwargs={"municipality": municipality}, redisplay=redisplay
    )
