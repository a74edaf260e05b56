"""Forms of the measures app. Each takes the municipality and narrows every choice to it."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from fagersta.bounds import TEXT, DateField, DateInput
from municipalities import selectors as municipality_selectors
from promises.models import Commitment, Promise
from situations.models import Problem

from . import selectors
from .models import (
    ActionPlan,
    ActionPlanGoal,
    CalendarEvent,
    Cause,
    CauseAnalysis,
    Measure,
    Partner,
)

MAX_PK = 2**63 - 1


class PkMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses values that cannot be primary keys before they reach the database, which
    would otherwise fail on numbers larger than its integers."""

    def _check_values(self, value):
        for pk in value:
            try:
                valid = 0 < int(str(pk)) <= MAX_PK
            except (TypeError, ValueError):
                valid = False
            if not valid:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def _measure_choices(municipality):
    return selectors.measures(municipality=municipality).order_by("title")


class MeasureForm(forms.ModelForm):
    new_partners = forms.CharField(
        label=_("Nya partner"),
        required=False,
        max_length=500,
        help_text=_("Namn på partner som inte finns i listan, åtskilda med kommatecken."),
    )

    loaded_version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "areas",
            "level",
            "status",
            "start_date",
            "end_date",
            "responsible_organisation",
            "partners",
            "funding_source",
            "funding_amount",
            "target_group",
            "reach_number",
            "reach_unit",
            "problems",
            "promises",
            "commitments",
            "outcome",
            "lessons_learned",
            "is_public",
        ]
        field_classes = dict.fromkeys(
            ["areas", "partners", "problems", "promises", "commitments"], PkMultipleChoiceField
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "lessons_learned": forms.Textarea(attrs={"rows": 3}),
            "areas": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "problems": forms.CheckboxSelectMultiple,
            "promises": forms.CheckboxSelectMultiple,
            "commitments": forms.CheckboxSelectMultiple,
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["areas"].queryset = municipality_selectors.areas(municipality=municipality)
        self.fields["partners"].queryset = selectors.partners(municipality=municipality)
        self.fields["responsible_organisation"].queryset = municipality_selectors.organisations(
            municipality=municipality
        )
        self.fields["problems"].queryset = Problem.objects.for_municipality(municipality).order_by(
            "title"
        )
        self.fields["commitments"].help_text = _("Insatsen visas vid åtagandet på löftets sida.")
        # New partners are typed right below the list of existing ones.
        fields = list(self._meta.fields)
        self.order_fields([*fields[: fields.index("partners") + 1], "new_partners"])
        if self.instance.pk:
            self.initial["loaded_version"] = self.instance.updated_at.isoformat()
        self.fields["promises"].queryset = Promise.objects.for_municipality(municipality)
        self.fields["commitments"].queryset = Commitment.objects.for_municipality(
            municipality
        ).select_related("promise")
        self.fields["commitments"].label_from_instance = lambda c: (
            f"{c.promise.title}: {c.action[:80]}"
        )
        self.helper = _helper()

    def clean_new_partners(self) -> list[str]:
        raw = self.cleaned_data.get("new_partners", "")
        names = [name.strip() for name in raw.split(",") if name.strip()]
        too_long = [name for name in names if len(name) > 150]
        if too_long:
            raise forms.ValidationError(_("Ett partnernamn får vara högst 150 tecken."))
        return names


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "description"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.helper = _helper()


class ActionPlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "summary", "review_date"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "review_date": DateInput()}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_date"].help_text = _("Föreslagen tid för nästa översyn.")
        self.helper = _helper()


class GoalForm(forms.ModelForm):
    class Meta:
        model = ActionPlanGoal
        fields = ["area", "text", "indicator", "measures"]
        field_classes = {"measures": PkMultipleChoiceField}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = municipality_selectors.areas(municipality=municipality)
        self.fields["measures"].queryset = _measure_choices(municipality)
        self.helper = _helper()


class ApproveForm(forms.Form):
    body = forms.CharField(label=_("Beslutande organ"), max_length=120, initial="Kommunstyrelsen")
    decided_on = DateField(label=_("Beslutsdatum"))
    reference = forms.CharField(
        label=_("Paragraf"), max_length=60, help_text=_("Till exempel ”KS § 112”.")
    )
    review_date = DateField(label=_("Nästa översyn"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        decided_on, review_date = data.get("decided_on"), data.get("review_date")
        if decided_on and review_date and review_date <= decided_on:
            self.add_error("review_date", _("Nästa översyn måste ligga efter beslutsdatum."))
        return data


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Vad ska ändras?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CauseAnalysisForm(forms.ModelForm):
    class Meta:
        model = CauseAnalysis
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CauseForm(forms.ModelForm):
    class Meta:
        model = Cause
        fields = ["branch", "description", "evidence", "measures"]
        field_classes = {"measures": PkMultipleChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "measures": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = _measure_choices(municipality)
        self.helper = _helper()


class CalendarEventForm(forms.ModelForm):
    class Meta:
        model = CalendarEvent
        fields = [
            "title",
            "kind",
            "description",
            "start_date",
            "end_date",
            "recurs_yearly",
            "remind_days_before",
            "measures",
        ]
        field_classes = {"measures": PkMultipleChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "measures": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = _measure_choices(municipality)
        self.helper = _helper()
