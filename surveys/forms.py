from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fagersta.bounds import TEXT, DateField, DateInput
from municipalities import selectors as municipality_selectors

from .models import (
    Finding,
    FindingStatus,
    IndicatorLevel,
    IndicatorSeries,
    QuestionKind,
    SafetyWalk,
    Survey,
)
from .photos import clean_photo
from .services import SURVEY_MEASURES


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class HelperMixin:
    """A crispy helper without its own <form> tag: templates write the form and its button."""

    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


PHOTO_HELP = _("JPEG eller PNG, högst %(mb)s MB. Platsuppgifter och annan metadata tas bort.")


class PhotoField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Foto"))
        kwargs.setdefault(
            "help_text", PHOTO_HELP % {"mb": settings.SURVEYS_PHOTO_MAX_BYTES // (1024 * 1024)}
        )
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            clean_photo(upload)
            upload.seek(0)
        return upload


class WalkForm(HelperMixin, forms.ModelForm):
    class Meta:
        model = SafetyWalk
        fields = [
            "date",
            "start_time",
            "light",
            "area",
            "route",
            "residents",
            "municipal_staff",
            "police",
            "utility",
            "businesses",
            "others",
            "notes",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "light": forms.RadioSelect,
            "route": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "residents": _("Antal deltagare per grupp – aldrig namn."),
            "route": _("T.ex. gator och platser i den ordning ni gick."),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self._helper()


class FindingForm(HelperMixin, forms.ModelForm):
    photo = PhotoField(required=False)

    class Meta:
        model = Finding
        fields = [
            "category",
            "place",
            "latitude",
            "longitude",
            "description",
            "recipient_organisation",
            "recipient_name",
            "recipient_email",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "latitude": _("Valfritt: en punkt i WGS84, t.ex. 60.004512."),
            "recipient_organisation": _(
                "Den som ska åtgärda bristen, om det är en organisation i kommunen."
            ),
        }

    def __init__(self, *args, walk, with_photo: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.walk = walk
        municipality = walk.municipality
        self.fields["place"].queryset = municipality_selectors.places(municipality=municipality)
        self.fields["recipient_organisation"].queryset = municipality_selectors.organisations(
            municipality=municipality
        )
        if not with_photo:
            del self.fields["photo"]
        self._helper()


class PhotoForm(HelperMixin, forms.Form):
    photo = PhotoField(label=_("Lägg till foto"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class ForwardForm(HelperMixin, forms.Form):
    recipient_organisation = forms.ModelChoiceField(
        label=_("Organisation i kommunen"), queryset=None, required=False
    )
    recipient_name = forms.CharField(
        label=_("Eller extern mottagare"),
        max_length=150,
        required=False,
        help_text=_("T.ex. Trafikverket eller ett fastighetsbolag."),
    )
    recipient_email = forms.EmailField(
        label=_("Mottagarens e-post"),
        max_length=254,
        required=False,
        help_text=_("Behövs om organisationen saknar e-post i registret."),
    )
    reference = forms.CharField(
        label=_("Ärendenummer eller referens"), max_length=100, required=False
    )
    forwarded_on = DateField(label=_("Datum"), required=False)

    def __init__(self, *args, finding: Finding, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("recipient_organisation", finding.recipient_organisation_id)
        initial.setdefault("recipient_name", finding.recipient_name)
        initial.setdefault("recipient_email", finding.recipient_email)
        initial.setdefault("reference", finding.forwarded_reference)
        super().__init__(*args, **kwargs)
        self.fields["recipient_organisation"].queryset = municipality_selectors.organisations(
            municipality=finding.walk.municipality
        )
        self._helper()

    def clean(self):
        data = super().clean()
        organisation = data.get("recipient_organisation")
        if not organisation and not data.get("recipient_name"):
            self.add_error(
                "recipient_organisation",
                _("Välj en organisation eller skriv namnet på en extern mottagare."),
            )
        elif not data.get("recipient_email") and not (organisation and organisation.email):
            self.add_error("recipient_email", _("Ange en e-postadress dit bristen ska skickas."))
        return data


class StatusForm(HelperMixin, forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=FindingStatus.choices)
    reason = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs när bristen inte ska åtgärdas."),
    )
    closed_on = DateField(
        label=_("Avslutad"),
        required=False,
        help_text=_("Tomt betyder i dag, för åtgärdad eller avslutad."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()

    def clean(self):
        data = super().clean()
        if data.get("status") == FindingStatus.WONT_FIX and not data.get("reason", "").strip():
            self.add_error("reason", _("Skriv varför bristen inte ska åtgärdas."))
        return data


class WalkSettingsForm(HelperMixin, forms.Form):
    overdue_days = forms.IntegerField(
        label=_("Flagga öppna brister efter antal dagar"), min_value=1, max_value=365
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class SurveyForm(HelperMixin, forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "slug", "introduction", "opens_on", "closes_on"]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "introduction": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self._helper()

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = Survey.objects.for_municipality(self.instance.municipality).filter(slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists() or slug.isdigit():
            raise forms.ValidationError(_("Välj ett annat kortnamn; det här används redan."))
        return slug


class QuestionForm(HelperMixin, forms.Form):
    text = forms.CharField(label=_("Fråga"), max_length=300)
    kind = forms.ChoiceField(label=_("Typ av svar"), choices=QuestionKind.choices)
    options = forms.CharField(
        label=_("Svarsalternativ"),
        required=False,
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ett alternativ per rad. Behövs inte för fritext."),
    )
    other_label = forms.CharField(
        label=_("Eget svar"),
        max_length=100,
        required=False,
        help_text=_("T.ex. ”Annat”: låter den svarande skriva ett eget alternativ."),
    )
    required = forms.BooleanField(label=_("Obligatorisk fråga"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()

    def clean_options(self):
        lines = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        return [line[:200] for line in lines if line]

    def clean(self):
        data = super().clean()
        choices = data.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        if choices and len(data.get("options") or []) < 2:
            self.add_error("options", _("Ange minst två svarsalternativ, ett per rad."))
        return data


HONEYPOT = "hemsida"


class ResponseForm(forms.Form):
    """The public survey form, built from the survey's questions.

    The field named `hemsida` is hidden from people (CSS) and from assistive technology; a
    bot that fills in every field gives itself away.
    """

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        for question in self.questions:
            name = question.field_name
            choices = [(str(c.pk), c.label) for c in question.choices.all()]
            common = {
                "label": question.text,
                "help_text": question.help_text,
                "required": False,
            }
            if question.kind == QuestionKind.SINGLE:
                self.fields[name] = forms.ChoiceField(
                    choices=choices, widget=forms.RadioSelect, **common
                )
            elif question.kind == QuestionKind.MULTIPLE:
                self.fields[name] = forms.MultipleChoiceField(
                    choices=choices, widget=forms.CheckboxSelectMultiple, **common
                )
            else:
                self.fields[name] = forms.CharField(
                    max_length=500, widget=forms.Textarea(attrs={"rows": 3}), **common
                )
            if question.other_label and question.kind != QuestionKind.TEXT:
                self.fields[f"{name}_other"] = forms.CharField(
                    label=f"{question.other_label} ({question.text.rstrip('?').lower()})",
                    max_length=200,
                    required=False,
                )
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Lämna det här fältet tomt"),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = question.field_name
            answered = data.get(name) or data.get(f"{name}_other")
            if question.required and not answered:
                self.add_error(name, _("Svara på den här frågan."))
        return data

    def answers(self) -> dict[int, dict]:
        result = {}
        for question in self.questions:
            name = question.field_name
            by_id = {str(c.pk): c for c in question.choices.all()}
            given = self.cleaned_data.get(name)
            if question.kind == QuestionKind.TEXT:
                picked, text = [], given or ""
            else:
                values = given if isinstance(given, list) else ([given] if given else [])
                picked = [by_id[v] for v in values if v in by_id]
                text = self.cleaned_data.get(f"{name}_other", "")
            if picked or text.strip():
                result[question.pk] = {"choices": picked, "text": text}
        return result


class SeriesForm(HelperMixin, forms.ModelForm):
    class Meta:
        model = IndicatorSeries
        fields = ["name", "source", "national_code", "unit", "level", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self._helper()

    def clean_name(self):
        name = self.cleaned_data["name"]
        taken = IndicatorSeries.objects.for_municipality(self.instance.municipality).filter(
            name__iexact=name
        )
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Det finns redan en serie med det namnet."))
        return name


class ValueForm(HelperMixin, forms.Form):
    period_label = forms.CharField(
        label=_("Period"), max_length=20, help_text=_("T.ex. 2021 eller 2021 K3.")
    )
    period_start = DateField(label=_("Periodens startdatum"))
    value = forms.DecimalField(label=_("Värde"), max_digits=12, decimal_places=2, localize=True)
    place = forms.ModelChoiceField(label=_("Plats"), queryset=None, required=False)
    note = forms.CharField(label=_("Kommentar"), max_length=200, required=False)

    def __init__(self, *args, series: IndicatorSeries, **kwargs):
        super().__init__(*args, **kwargs)
        if series.level == IndicatorLevel.PLACE:
            self.fields["place"].queryset = municipality_selectors.places(
                municipality=series.municipality
            )
            self.fields["place"].required = True
        else:
            del self.fields["place"]
        self._helper()


class ImportForm(HelperMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_(
            "Kolumner: period, datum (ÅÅÅÅ-MM-DD, valfritt för år och kvartal), värde och för "
            "serier per plats även plats. Semikolon eller komma som avgränsare."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    MAX_BYTES = 1024 * 1024

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Filen är för stor (högst 1 MB)."))
        return upload


class SurveyPublishForm(forms.Form):
    """Publish the aggregated results (publish=1) or take them back (publish=0)."""

    publish = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


class SurveyToSeriesForm(HelperMixin, forms.Form):
    series = forms.ModelChoiceField(label=_("Indikatorserie"), queryset=None)
    measure = forms.ChoiceField(label=_("Mått"), choices=list(SURVEY_MEASURES.items()))
    period_label = forms.CharField(label=_("Period"), max_length=20)

    def __init__(self, *args, survey: Survey, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("period_label", str(survey.opens_on.year))
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = IndicatorSeries.objects.for_municipality(
            survey.municipality
        ).filter(level=IndicatorLevel.MUNICIPALITY)
        self._helper()
