"""`{% form_field bound_field %}`: one form field in Bootstrap 5 markup, built in Python.

The markup is that of crispy-bootstrap5's `|as_crispy_field`: a label (a fieldset and legend for
radio buttons and checkbox lists), the required marker, `is-invalid` and `aria-invalid`, and the
errors and help text in elements that `aria-describedby` points to. Going through crispy's and
Django's widget templates costs about a millisecond per field, most of it in choice widgets with
many options, which adds up on forms of many fields. Widgets without a known template are still
rendered by Django, inside the same markup.

Crispy stays the way forms are laid out; this tag is for the forms that are rendered on almost
every request with many fields (the situation report, the measure list's filter), where that
millisecond per field shows. A test compares its output with crispy's for the report form.

The HTML is put together from f-strings in which every value goes through `conditional_escape`:
`format_html` for every option and attribute cost more than the rest of the tag.
"""

from __future__ import annotations

from django import forms, template
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe

register = template.Library()

WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "checkbox",
    )
)
SELECT_TEMPLATES = (f"{WIDGETS}select.html", f"{WIDGETS}select_option.html")
TEXTAREA_TEMPLATE = f"{WIDGETS}textarea.html"


@register.simple_tag
def form_field(field):
    """The field with its label, errors and help text."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is one too.
        html = _choice_group(field)
    elif field.is_hidden:
        html = _control(field, "")
    elif isinstance(widget, forms.CheckboxInput):
        html = _checkbox(field)
    else:
        html = _labelled(field)
    return mark_safe(html)  # noqa: S308 - every value in it went through conditional_escape


def _labelled(field):
    widget = field.field.widget
    css_class = "form-select" if isinstance(widget, forms.Select) else "form-control"
    label = ""
    if field.label:
        label = (
            f'<label{_attr("for", field.id_for_label)} class="form-label{_required(field)}">'
            f"{_label_text(field)}</label>"
        )
    return (
        f'<div{_wrapper_id(field)} class="{esc(_join("mb-3", field.css_classes()))}">'
        f"{label}{_control(field, css_class)}{_errors(field)}{_help_text(field)}</div>"
    )


def _checkbox(field):
    label = (
        f'<label{_attr("for", field.id_for_label)} class="form-check-label{_required(field)}">'
        f"{_label_text(field)}</label>"
    )
    return (
        f'<div class="mb-3"><div{_wrapper_id(field)}'
        f' class="{esc(_join("form-check", field.css_classes()))}">'
        f"{_control(field, 'form-check-input')}{label}{_errors(field)}{_help_text(field)}"
        "</div></div>"
    )


def _choice_group(field):
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs({"id": id_} if id_ else {})
    groups = widget.optgroups(field.html_name, widget.format_value(field.value()), attrs)
    input_class = _join(
        "form-check-input", "is-invalid" if field.errors else "", widget.attrs.get("class")
    )
    start = (
        f'<div class="form-check"><input type="{esc(widget.input_type)}"'
        f' class="{esc(input_class)}" name="{esc(field.html_name)}"'
    )
    errors = _errors(field)
    last_group = len(groups) - 1
    parts = []
    for group_index, (group_name, options, _index) in enumerate(groups):
        if group_name:
            parts.append(f"<strong>{esc(group_name)}</strong>")
        last_option = len(options) - 1
        for option_index, option in enumerate(options):
            option_attrs = {name: v for name, v in option["attrs"].items() if name != "class"}
            # As in crispy-bootstrap5: the errors follow the last input, so that Bootstrap's
            # `.is-invalid ~ .invalid-feedback` shows them.
            last = group_index == last_group and option_index == last_option
            parts.append(
                f'{start} value="{esc(option["value"])}"{_attrs(option_attrs)}>'
                f'<label{_attr("for", option_attrs.get("id"))} class="form-check-label">'
                f"{esc(option['label'])}</label>{errors if last else ''}</div>"
            )
    choices = f"<div>{''.join(parts)}</div>"
    if not groups:
        choices += _errors(field, "d-block")
    if field.label:
        choices = (
            f"<fieldset{_attr('aria-describedby', field.aria_describedby)}>"
            f'<legend class="form-label{_required(field)} fs-6">{_label_text(field)}</legend>'
            f"{choices}{_help_text(field)}</fieldset>"
        )
    else:
        choices += _help_text(field)
    return (
        f'<div{_wrapper_id(field)} class="{esc(_join("mb-3", field.css_classes()))}">'
        f"{choices}</div>"
    )


def _control(field, css_class):
    """The widget alone, as Django's own templates would render it, with `css_class` added."""
    widget = field.field.widget
    if field.field.localize:
        widget.is_localized = True
    invalid = "is-invalid" if field.errors and not field.is_hidden else ""
    extra = {}
    if classes := _join(widget.attrs.get("class"), css_class, invalid):
        extra["class"] = classes
    template_name = widget.template_name
    is_select = (template_name, getattr(widget, "option_template_name", None)) == SELECT_TEMPLATES
    if not (is_select or template_name in INPUT_TEMPLATES or template_name == TEXTAREA_TEMPLATE):
        return esc(field.as_widget(attrs=extra))
    attrs = field.build_widget_attrs(extra, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    name, value, attrs = esc(context["name"]), context["value"], _attrs(context["attrs"])
    if template_name == TEXTAREA_TEMPLATE:
        # The newline keeps a value that starts with one: the HTML parser drops the first.
        return f'<textarea name="{name}"{attrs}>\n{esc(value or "")}</textarea>'
    if is_select:
        return f'<select name="{name}"{attrs}>{_options(context["optgroups"])}\n</select>'
    value = "" if value is None else f' value="{esc(value)}"'
    return f'<input type="{esc(context["type"])}" name="{name}"{value}{attrs}>'


def _options(groups):
    parts = []
    for group_name, options, _index in groups:
        if group_name:
            parts.append(f'\n  <optgroup label="{esc(group_name)}">')
        parts.extend(
            f'\n  <option value="{esc(option["value"])}"{_attrs(option["attrs"])}>'
            f"{esc(option['label'])}</option>"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    return "".join(parts)


def _label_text(field):
    marker = '<span class="asteriskField">*</span>' if field.field.required else ""
    return f"{esc(field.label)}{marker}"


def _required(field):
    return " requiredField" if field.field.required else ""


def _errors(field, extra_class=""):
    errors = field.errors
    if not errors:
        return ""
    auto_id = field.auto_id
    css_class = _join("invalid-feedback", extra_class)
    if not auto_id:
        items = "".join(f"<p><strong>{esc(error)}</strong></p>" for error in errors)
        return f'<div class="{css_class}">{items}</div>'
    auto_id = esc(auto_id)
    items = "".join(
        f'<p id="error_{n}_{auto_id}"><strong>{esc(error)}</strong></p>'
        for n, error in enumerate(errors, start=1)
    )
    return f'<div id="{auto_id}_error" class="{css_class}">{items}</div>'


def _help_text(field):
    if not field.help_text:
        return ""
    help_id = _attr("id", field.auto_id and f"{field.auto_id}_helptext")
    return f'<div{help_id} class="form-text">{esc(field.help_text)}</div>'


def _wrapper_id(field):
    return _attr("id", field.auto_id and f"div_{field.auto_id}")


def _attr(name, value):
    return f' {name}="{esc(value)}"' if value else ""


def _attrs(attrs):
    """The attributes as Django's widget templates write them: True alone, False not at all."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {esc(name)}")
        elif value is not False and value is not None:
            parts.append(f' {esc(name)}="{esc(value)}"')
    return "".join(parts)


def _join(*classes):
    return " ".join(c for c in classes if c)
