"""The forms a page shows, read from its HTML: what a visitor can send, field by field.

The hostile-input tests send every field's boundary values to the URL that renders the form,
so they cover what is on the page (prefixed forms, formsets, fields built from a survey's
questions) without a list of forms to keep up to date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

TEXT_TYPES = {"text", "search", "email", "password", "url", "tel"}
SKIPPED_TYPES = {"submit", "button", "reset", "image", "file"}


@dataclass
class Field:
    name: str
    kind: str  # text, date, time, number, choice, hidden, checkbox
    maxlength: int | None = None
    minimum: str | None = None
    maximum: str | None = None
    values: list[str] = field(default_factory=list)  # what the page fills in or selects
    choices: list[str] = field(default_factory=list)


@dataclass
class PageForm:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    def targets(self, url: str) -> bool:
        return self.action in ("", "?") or urlsplit(self.action).path == urlsplit(url).path

    def initial_data(self) -> dict[str, list[str]]:
        """What submitting the form unchanged would send."""
        return {name: list(f.values) for name, f in self.fields.items() if f.values}


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._option: tuple[str | None, bool] | None = None
        self._option_text = ""

    def _add(self, item: Field) -> Field:
        known = self._form.fields.get(item.name)
        if known is None:
            self._form.fields[item.name] = item
            return item
        return known

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._form = PageForm(method=method, action=attrs.get("action") or "")
            self.forms.append(self._form)
            return
        if self._form is None or (tag in ("input", "textarea", "select") and not attrs.get("name")):
            if tag == "option" and self._select is not None:
                self._option = (attrs.get("value"), "selected" in attrs)
                self._option_text = ""
            return
        name = attrs.get("name")
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in SKIPPED_TYPES or name == "csrfmiddlewaretoken":
                return
            if kind in ("checkbox", "radio"):
                item = self._add(Field(name, "choice" if kind == "radio" else "checkbox"))
                value = attrs.get("value", "on")
                item.choices.append(value)
                if "checked" in attrs:
                    item.values.append(value)
                return
            kind = "text" if kind in TEXT_TYPES else kind
            item = self._add(
                Field(
                    name,
                    kind,
                    maxlength=int(attrs["maxlength"]) if attrs.get("maxlength") else None,
                    minimum=attrs.get("min"),
                    maximum=attrs.get("max"),
                )
            )
            if attrs.get("value"):
                item.values.append(attrs["value"])
        elif tag == "textarea":
            maxlength = int(attrs["maxlength"]) if attrs.get("maxlength") else None
            self._textarea = self._add(Field(name, "text", maxlength=maxlength))
            self._textarea.values.append("")
        elif tag == "select":
            self._select = self._add(Field(name, "choice"))
        elif tag == "option" and self._select is not None:
            self._option = (attrs.get("value"), "selected" in attrs)
            self._option_text = ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.values[-1] += data
        if self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # A textarea's first newline belongs to the markup.
            value = self._textarea.values[-1]
            self._textarea.values[-1] = value[1:] if value.startswith("\n") else value
            if not self._textarea.values[-1]:
                self._textarea.values.pop()
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected = self._option
            value = self._option_text.strip() if value is None else value
            self._select.choices.append(value)
            if selected and value:
                self._select.values.append(value)
            self._option = None
        elif tag == "select":
            self._select = None


def page_forms(html: str) -> list[PageForm]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms
