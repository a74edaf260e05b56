"""Forms of the lägesbild. Each takes the municipality and narrows every choice to it."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db import models
from django.utils import formats
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fagersta.bounds import LONG_TEXT, DateField, DateInput
from municipalities import selectors as municipality_selectors
from municipalities.models import PlaceKind

from . import selectors
from .models import (
    STATUS_SYMBOLS,
    Guidelines,
    Meeting,
    Problem,
    ReportingSchedule,
    Status,
    Trend,
)
from .personal_data import validate_no_personal_data

MAX_PK = 2**63 - 1


class PkMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses values that cannot be primary keys before they reach the database, which would
    otherwise fail on numbers larger than its integers.

    `objects`, when set, are the rows of the queryset already read: the values are looked up
    among them instead of in the database.
    """

    objects = None

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
        if self.objects is None:
            return super()._check_values(value)
        known = {obj.pk for obj in self.objects}
        wanted = set()
        for pk in value:
            if int(str(pk)) not in known:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
            wanted.add(int(str(pk)))
        return [obj for obj in self.objects if obj.pk in wanted]


def _helper(submit_label=None) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    if submit_label:
        helper.add_input(Submit("submit", submit_label))
    return helper


def _shown(value, field) -> str:
    """A saved or submitted value as the person reads it."""
    if value is None or value == "":
        return ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return ", ".join(sorted(str(v) for v in value))
    choices = dict(getattr(field, "choices", None) or ())
    if value in choices:
        return str(choices[value])
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "j F Y")
    return str(value)


class VersionedForm:
    """A model form that edits shared text: it carries the version the edit started from, and
    after a conflict keeps what this user wrote, shows beside each field what the other person
    saved, and takes their version, so that saving again overwrites knowingly."""

    def add_version_field(self):
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=0,
            max_value=MAX_PK,
            required=self.instance.pk is not None,
            initial=self.instance.version if self.instance.pk else 0,
        )

    def add_conflict(self, current) -> None:
        for name, field in self.fields.items():
            if name == "version":
                continue
            saved = getattr(current, name, None)
            if hasattr(saved, "all"):  # a many-to-many field
                saved = list(saved.all()) if current.pk else []
            theirs, mine = _shown(saved, field), _shown(self.cleaned_data.get(name), field)
            if theirs != mine:
                self.add_error(
                    name,
                    _("Någon annan sparade nyss: ”%(saved)s”.") % {"saved": theirs or _("(tomt)")},
                )
        self.add_error(
            None,
            _(
                "Någon annan har sparat medan du skrev. Det du skrev finns kvar i fälten och "
                "ingenting är sparat; det som den andra sparade står vid varje fält som skiljer "
                "sig. Jämför och spara igen om du vill ersätta det."
            ),
        )
        data = self.data.copy()
        data["version"] = current.version
        self.data = data


# The radio buttons carry the status symbol beside the word, as everywhere else.
STATUS_CHOICES = [(s.value, format_lazy("{} {}", STATUS_SYMBOLS[s], s.label)) for s in Status]


class VersionForm(forms.Form):
    """The version the edit started from (0: a report not yet started); a save from an older
    version is a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AssessmentForm(forms.Form):
    """One area of a situation report. Rendered as a fieldset with the area as legend."""

    status = forms.ChoiceField(label=_("Läge"), choices=STATUS_CHOICES, widget=forms.RadioSelect)
    trend = forms.ChoiceField(label=_("Utveckling"), choices=Trend.choices)
    text = forms.CharField(
        label=_("Kort beskrivning"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        help_text=_("Platser och företeelser – aldrig namn eller uppgifter om enskilda personer."),
    )
    places = PkMultipleChoiceField(
        label=_("Platser"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_place = forms.CharField(
        label=_("Annan plats"),
        required=False,
        max_length=150,
        validators=[validate_no_personal_data],
        help_text=_(
            "Finns platsen inte i listan? Skriv dess namn, så lägger samordnaren till den."
        ),
    )
    when = forms.CharField(
        label=_("När"),
        required=False,
        max_length=200,
        validators=[validate_no_personal_data],
        help_text=_("Till exempel kvällar, helger, skolluncher."),
    )

    def __init__(self, *args, area, municipality, places=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.fields["places"].queryset = municipality_selectors.places(municipality=municipality)
        if places is not None:
            # The report's forms share one list of places, read once for the whole report:
            # the checkboxes render from it and the chosen places are checked against it,
            # instead of a query per area for each.
            self.fields["places"].choices = [(place.pk, str(place)) for place in places]
            self.fields["places"].objects = places


def assessment_forms(*, report, data=None) -> list[AssessmentForm]:
    """One form per area of the report, prefixed by the area id, filled from the report."""
    municipality = report.period.municipality
    existing = {a.area_id: a for a in report.assessments.all()} if report.pk else {}
    places = municipality_selectors.place_list(municipality=municipality)
    forms_ = []
    for area in selectors.report_areas(municipality=municipality):
        assessment = existing.get(area.pk)
        initial = {"status": Status.NONE, "trend": Trend.SAME}
        if assessment is not None:
            initial = {
                "status": assessment.status,
                "trend": assessment.trend,
                "text": assessment.text,
                "when": assessment.when,
                "other_place": assessment.other_place,
                "places": list(assessment.places.all()),
            }
        forms_.append(
            AssessmentForm(
                data,
                prefix=f"area-{area.pk}",
                initial=initial,
                area=area,
                municipality=municipality,
                places=places,
            )
        )
    return forms_


class JudgementForm(forms.Form):
    """The joint status and analysis of one area in the compiled picture."""

    status = forms.ChoiceField(label=_("Gemensamt läge"), choices=STATUS_CHOICES)
    trend = forms.ChoiceField(label=_("Utveckling"), choices=Trend.choices)
    analysis = forms.CharField(
        label=_("Analys"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
    )

    def __init__(self, *args, column, **kwargs):
        super().__init__(*args, **kwargs)
        self.column = column
        self.area = column.area


class PictureForm(forms.Form):
    analysis = forms.CharField(
        label=_("Samlad analys"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validate_no_personal_data],
    )
    decisions = forms.CharField(
        label=_("Beslut och åtgärder"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_personal_data],
        help_text=_("Skickas till rapportörerna som återkoppling när lägesbilden publiceras."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def judgement_forms(*, picture, columns, data=None) -> list[JudgementForm]:
    existing = {j.area_id: j for j in picture.areas.all()} if picture.pk else {}
    result = []
    for column in columns:
        judgement = existing.get(column.area.pk)
        initial = (
            {"status": judgement.status, "trend": judgement.trend, "analysis": judgement.analysis}
            if judgement
            else {"status": column.suggested.status, "trend": Trend.SAME}
        )
        result.append(
            JudgementForm(data, prefix=f"area-{column.area.pk}", initial=initial, column=column)
        )
    return result


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = ReportingSchedule
        fields = [
            "interval_weeks",
            "anchor",
            "deadline_weekday",
            "reminder_days",
            "close_after_days",
        ]
        widgets = {"anchor": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Spara schemat"))


class OpenPeriodForm(forms.Form):
    day = DateField(
        label=_("En dag i perioden"),
        required=False,
        widget=DateInput(),
        help_text=_("Tomt: perioden efter den senaste."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Öppna period"))


class GuidelinesForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Guidelines
        fields = ["mission", "guidelines"]
        widgets = {
            "mission": forms.Textarea(attrs={"rows": 6}),
            "guidelines": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        self.helper = _helper(_("Spara riktlinjerna"))


class ProblemForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Problem
        fields = [
            "title",
            "area",
            "place",
            "description",
            "owner",
            "due_date",
            "status",
            "resolution",
            "period",
        ]
        widgets = {
            "due_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "resolution": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["area"].queryset = municipality_selectors.areas(municipality=municipality)
        self.fields["place"].queryset = municipality_selectors.places(municipality=municipality)
        self.fields["owner"].queryset = selectors.problem_owners(municipality=municipality)
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["period"].queryset = selectors.period_list(municipality=municipality)
        self.fields["period"].required = False
        self.add_version_field()
        self.helper = _helper(_("Spara problemet"))

    def _post_clean(self):
        # Model validation runs in the service, after the fields are assigned there.
        pass


class MeetingForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "date", "organisations", "notes", "decisions"]
        field_classes = {"organisations": PkMultipleChoiceField}
        widgets = {
            "date": DateInput(),
            "organisations": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = municipality_selectors.organisations(
            municipality=municipality
        )
        self.add_version_field()
        self.helper = _helper(_("Spara mötet"))

    def _post_clean(self):
        pass


class AdoptPlaceForm(forms.Form):
    """Add a place that reports named to the list."""

    name = forms.CharField(max_length=150, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Typ av plats"), choices=PlaceKind.choices)


class MergePlaceForm(forms.Form):
    """Treat a place that reports named as one in the list."""

    name = forms.CharField(max_length=150, widget=forms.HiddenInput)
    place = forms.ModelChoiceField(label=_("Samma plats som"), queryset=None)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = municipality_selectors.places(municipality=municipality)
