import re

from django import forms
from django.template import Context, Template
from django.test.html import parse_html
from django.utils.safestring import mark_safe

from municipalities.models import Municipality
from situations.forms import AssessmentForm


class Form(forms.Form):
    name = forms.CharField(label="Namn", max_length=20, help_text="Bara platser.")
    notes = forms.CharField(label="Anteckningar", required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(label="Sort", choices=[("a", "A"), ("b", "B")])
    status = forms.ChoiceField(
        label="Läge",
        choices=[("green", "Grön"), ("red", "Röd")],
        widget=forms.RadioSelect,
        help_text="Välj ett läge.",
    )
    places = forms.MultipleChoiceField(
        label="Platser",
        required=False,
        choices=[("1", "Torget"), ("2", "Parken")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="Jag godkänner")
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    upload = forms.FileField(label="Fil", required=False)


def render(bound_field) -> str:
    return Template("{% load fields %}{% form_field f %}").render(Context({"f": bound_field}))


def invalid_form() -> Form:
    form = Form(data={"name": "", "kind": "z", "status": "blue", "places": ["9"]})
    assert not form.is_valid()
    return form


def test_it_labels_the_field_and_marks_it_required():
    html = render(Form()["name"])
    assert '<label for="id_name" class="form-label requiredField">' in html
    assert 'Namn<span class="asteriskField">*</span></label>' in html
    assert 'class="form-control"' in html
    assert html.startswith('<div id="div_id_name" class="mb-3">')
    assert re.search(r"<input [^>]* required[ >]", html)


def test_it_links_the_help_text_to_the_field():
    html = render(Form()["name"])
    assert 'aria-describedby="id_name_helptext"' in html
    assert '<div id="id_name_helptext" class="form-text">Bara platser.</div>' in html


def test_it_links_errors_to_the_field():
    html = render(invalid_form()["name"])
    assert 'class="form-control is-invalid"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    errors = re.search(r'<div id="id_name_error" class="invalid-feedback">(.*?)</div>', html)
    assert "Detta fält måste fyllas i." in errors.group(1)


def test_it_links_errors_of_a_select_to_it():
    html = render(invalid_form()["kind"])
    assert 'class="form-select is-invalid"' in html
    assert 'aria-describedby="id_kind_error"' in html
    assert 'id="id_kind_error" class="invalid-feedback"' in html


def test_it_escapes_hostile_input():
    hostile = '<script>alert("x")</script>'
    form = Form(data={"name": hostile, "notes": hostile, "kind": hostile, "token": hostile})
    form.fields["kind"].choices = [("a", hostile)]
    form.fields["name"].label = hostile
    form.is_valid()
    form.add_error("notes", hostile)
    html = "".join(render(form[name]) for name in ("name", "notes", "kind", "token"))
    assert "<script>" not in html
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in html
    assert "\n&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</textarea>" in html
    assert '<option value="a">&lt;script&gt;' in html
    assert "<strong>&lt;script&gt;" in html


def test_it_escapes_help_text_unless_it_is_marked_safe():
    form = Form()
    form.fields["name"].help_text = "<b>fet</b>"
    form.fields["notes"].help_text = mark_safe("<b>fet</b>")
    assert "&lt;b&gt;fet&lt;/b&gt;" in render(form["name"])
    assert "<b>fet</b>" in render(form["notes"])


def test_it_groups_radio_buttons_in_a_fieldset_with_a_legend():
    html = render(Form(initial={"status": "red"})["status"])
    assert '<fieldset aria-describedby="id_status_helptext">' in html
    assert '<legend class="form-label requiredField fs-6">Läge' in html
    assert 'value="red" id="id_status_1" required checked>' in html
    assert '<label for="id_status_0" class="form-check-label">Grön</label>' in html
    assert html.count('class="form-check-input"') == 2
    assert '<div id="id_status_helptext" class="form-text">Välj ett läge.</div></fieldset>' in html


def test_it_links_errors_of_a_radio_group_to_its_fieldset():
    html = render(invalid_form()["status"])
    assert '<fieldset aria-describedby="id_status_helptext id_status_error">' in html
    assert html.count('class="form-check-input is-invalid"') == 2
    assert html.count('aria-invalid="true"') == 2
    # After the last input, where Bootstrap shows it.
    assert re.search(r'id="id_status_1".*<div id="id_status_error" class="invalid-feedback">', html)


def test_it_groups_checkboxes_in_a_fieldset_with_a_legend():
    html = render(Form(initial={"places": ["2"]})["places"])
    assert "<fieldset><legend" in html
    assert 'class="form-label fs-6">Platser</legend>' in html
    assert (
        'type="checkbox" class="form-check-input" name="places" value="1" id="id_places_0">' in html
    )
    assert 'value="2" id="id_places_1" checked>' in html
    assert "required" not in html


def test_it_renders_a_single_checkbox_after_its_input():
    html = render(Form()["agree"])
    assert html.startswith('<div class="mb-3"><div id="div_id_agree" class="form-check">')
    checkbox = re.search(r'<input type="checkbox" name="agree" ([^>]*)><label for="id_agree"', html)
    assert sorted(checkbox.group(1).split()) == [
        'class="form-check-input"',
        'id="id_agree"',
        "required",
    ]
    assert 'class="form-check-label requiredField">Jag godkänner' in html


def test_it_renders_a_hidden_field_alone():
    assert render(Form(initial={"token": "abc"})["token"]) == (
        '<input type="hidden" name="token" value="abc" id="id_token">'
    )


def test_it_leaves_other_widgets_to_django_inside_the_same_markup():
    html = render(Form()["upload"])
    assert '<label for="id_upload" class="form-label">Fil</label>' in html
    assert '<input type="file" name="upload" class="form-control" id="id_upload">' in html


def assessment_form(data=None):
    class Area:
        pk = 1
        name = "Skolan"

    class Place:
        def __init__(self, pk):
            self.pk = pk

        def __str__(self):
            return f"Plats {self.pk}"

    return AssessmentForm(
        data,
        prefix="area-1",
        initial={"status": "none", "trend": "same", "text": "Lugnt\nmest"},
        area=Area,
        municipality=Municipality(pk=1),
        places=[Place(1), Place(2)],
    )


def crispy(bound_field) -> str:
    html = Template("{% load crispy_forms_tags %}{{ f|as_crispy_field }}").render(
        Context({"f": bound_field})
    )
    # crispy's own hooks for styling by widget; nothing here styles by them.
    return re.sub(r' class="(?:textinput|select|textarea) ', ' class="', html)


def test_the_report_form_has_the_markup_of_crispy_bootstrap5():
    invalid = {"area-1-trend": "bogus", "area-1-text": "x" * 1001, "area-1-when": "y" * 201}
    for data in (None, invalid):
        for name in ("status", "trend", "text", "places", "when"):
            # crispy changes the widget's classes as it renders: each needs a form of its own.
            expected = crispy(assessment_form(data)[name])
            assert parse_html(render(assessment_form(data)[name])) == parse_html(expected), name
