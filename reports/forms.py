from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AnnualReport


class AnnualReportSectionsForm(forms.ModelForm):
    """The coordinator's written sections of the annual report."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = AnnualReport
        fields = [*AnnualReport.WRITTEN_SECTIONS, "version"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 6}) for name in AnnualReport.WRITTEN_SECTIONS
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", _("Spara texterna")))

    def add_conflict(self, current: AnnualReport) -> None:
        """Keep what this user wrote, show what the other person saved, and take the new
        version so that saving again overwrites knowingly."""
        for name in AnnualReport.WRITTEN_SECTIONS:
            if (self.cleaned_data.get(name) or "").strip() != getattr(current, name):
                self.add_error(
                    name,
                    _("Någon annan sparade nyss en annan text här: ”%(text)s”.")
                    % {"text": getattr(current, name) or _("(tom)")},
                )
        self.add_error(
            None,
            _(
                "Någon annan har sparat texterna medan du skrev. Din text finns kvar i "
                "fälten; jämför och spara igen om du vill ersätta deras."
            ),
        )
        data = self.data.copy()
        data["version"] = current.version
        self.data = data


class AnnualReportYearForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["year"].initial = timezone.localdate().year - 1
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", _("Skapa årsrapport")))


class SharingForm(forms.Form):
    shares = forms.BooleanField(
        label=_("Dela sammanställda siffror med andra kommuner som också delar"),
        required=False,
        help_text=_(
            "Bara sammanställda siffror delas: statusfördelning, uppfyllda löften, antal insatser "
            "och indikatorer per 100 000 invånare. Aldrig texter, problem eller personer."
        ),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["shares"].initial = municipality.shares_comparisons
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", _("Spara")))
