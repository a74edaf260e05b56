"""Every form and filter gets random, hostile and boundary input: never a server error, and
whatever is echoed back is escaped.

The URLs and who may use them come from the permission matrix. The fields come from the page
itself (`page_forms`: what a visitor can send, with each field's type and maximum length) and,
for URLs that only take a POST, from every form class of the project, so a new form or field is
covered as soon as it exists.

Each field gets the boundary values of its kind: impossible and out-of-range dates, huge and
negative numbers, strings at and just over its maximum length, values that no choice has. The
sweep sends each one with the rest of the form as the page fills it in (plus the matrix row's
valid data), so that the value reaches the service and the database and not only the field;
hypothesis then mixes them with random text.
"""

from __future__ import annotations

import contextlib
import importlib

import pytest
from django import forms
from django.apps import apps
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.permissions.matrix import ALLOW
from tests.permissions.test_matrix import ROWS, _url, ctx  # noqa: F401 - ctx is a fixture
from tests.security.page_forms import Field, page_forms

MARKER = '<script>alert("trygg")</script>'
PROJECT_APPS = ["municipalities", "situations", "promises", "measures", "surveys", "reports"]

BOUNDARY_DATES = [
    "2021-02-30",
    "2021-13-01",
    "10000-01-01",
    "31/12/2021",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2201-01-01",
    "1900-01-01",
    "2200-12-31",
]
BOUNDARY_TIMES = ["24:00", "23:60", "99:99:99", "-1"]
BOUNDARY_NUMBERS = [
    "-1",
    "-32769",
    "32768",
    "-2147483649",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999",
    "1e309",
    "NaN",
]
# Values no choice, checkbox or hidden id has; a number too large for any primary key.
BOUNDARY_CHOICES = ["99999999999999999999999", "-1", "x" * 300]
# A text field with no maximum length gets these (and fails test_text_bounds in any case).
UNBOUNDED_LENGTHS = [256, 100_001]


def _form_classes():
    seen = set()
    for label in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{apps.get_app_config(label).name}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value not in seen:
                seen.add(value)
                yield value


def _spec(form_field: forms.Field) -> tuple[str, int | None]:
    if isinstance(form_field, forms.DateField):
        return "date", None
    if isinstance(form_field, forms.TimeField):
        return "time", None
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return "number", None
    if isinstance(form_field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField):
        return "choice", None
    if isinstance(form_field, forms.CharField):
        return "text", form_field.max_length
    return "text", None


FIELD_SPECS: dict[str, tuple[str, int | None]] = {}
for _form in _form_classes():
    for _name, _field in _form.base_fields.items():
        FIELD_SPECS.setdefault(_name, _spec(_field))
# Besides the forms' fields, the query parameters that links carry (year, page, status…).
FIELD_NAMES = sorted(FIELD_SPECS) + ["q", "page", "year", "status", "version", "ar", "sida", "next"]

HOSTILE_SAMPLES = [
    MARKER,
    "'; DROP TABLE municipalities_municipality; --",
    '" OR 1=1 --',
    "\x00\x01\x02\x1b[31m",
    "../../etc/passwd",
    "%s%s%n",
    "-1",
    "99999999999999999999999",
    "1e309",
    "2021-02-30",
    "NaN",
    "",
    " ",
    "٣",
    "🚓" * 50,
    "x" * 20000,
    '=HYPERLINK("http://evil.example")',
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_SAMPLES + BOUNDARY_DATES + BOUNDARY_NUMBERS),
    st.text(max_size=300),
    st.integers().map(str),
    st.lists(st.text(max_size=20), max_size=3),
)


def boundary_values(item: Field) -> list[str]:
    """The values at and beyond the edge of what the field takes."""
    if item.kind == "date":
        return BOUNDARY_DATES
    if item.kind == "time":
        return BOUNDARY_TIMES
    if item.kind == "number":
        edges = []
        for edge, step in ((item.minimum, -1), (item.maximum, 1)):
            with contextlib.suppress(TypeError, ValueError):
                edges.append(str(int(edge) + step))
        return BOUNDARY_NUMBERS + edges
    if item.kind == "text":
        lengths = [item.maxlength, item.maxlength + 1] if item.maxlength else UNBOUNDED_LENGTHS
        return ["x" * length for length in lengths]
    values = list(BOUNDARY_CHOICES)
    if item.kind == "hidden" and any(v.isdigit() for v in item.values):
        values += BOUNDARY_NUMBERS
    return values


def boundary_strategy(item: Field) -> st.SearchStrategy:
    """Boundary values of the field's kind, and generated ones around them."""
    sampled = st.sampled_from(boundary_values(item))
    if item.kind == "date":
        generated = st.dates().map(lambda day: day.isoformat())
    elif item.kind == "number":
        generated = st.integers(min_value=-(10**30), max_value=10**30).map(str)
    elif item.kind == "text" and item.maxlength:
        length = st.integers(min_value=max(item.maxlength - 2, 0), max_value=item.maxlength + 2)
        generated = length.map(lambda n: "å" * n)
    else:
        generated = hostile_text
    return st.one_of(sampled, generated, hostile_text)


def _allowed_role(row) -> str | None:
    for role in ("coordinator", "council", "politician", "reporter", "anonymous"):
        if row.expect.get(role) == ALLOW:
            return role
    return None


def _sweep_roles(row) -> list[str]:
    """Anonymous visitors first where they may come (sign-in, public pages), and a member."""
    roles = ["anonymous"] if row.expect.get("anonymous") == ALLOW else []
    member = _allowed_role(row)
    return roles + ([member] if member and member != "anonymous" else [])


FUZZED = [name for name, row in sorted(ROWS.items()) if _allowed_role(row) and name != "logout"]


def _row_data(row, context, kwargs) -> dict[str, list]:
    data = row.data(context, kwargs)
    return {k: v if isinstance(v, list) else [v] for k, v in data.items()}


def _fields_without_page(row, context, kwargs) -> dict[str, Field]:
    """For a URL that only takes a POST: the row's own fields, typed from the form classes."""
    fields = {}
    for name in row.data(context, kwargs):
        kind, maxlength = FIELD_SPECS.get(name, ("text", None))
        fields[name] = Field(name, kind, maxlength=maxlength)
    return fields


def _targets(client, row, context, kwargs, url):
    """(method, fields, base data) for each form that sends to this URL."""
    found = []
    response = client.get(url)
    page = response.status_code == 200 and not response.streaming
    html = response.content.decode() if page else ""
    for form in page_forms(html):
        if form.targets(url) and (form.method == row.method or form.method == "post"):
            base = form.initial_data() | _row_data(row, context, kwargs)
            found.append((form.method, form.fields, base))
    if not found:
        fields = _fields_without_page(row, context, kwargs)
        found.append((row.method, fields, _row_data(row, context, kwargs)))
    return found


def _check(client, name, method, url, data, failures):
    send = client.post if method == "post" else client.get
    try:
        response = send(url, data)
    except Exception as exc:  # noqa: BLE001 - every failure is collected and reported
        failures.append(f"{name}: {type(exc).__name__}: {exc!s:.200} for {_short(data)}")
        return
    if response.status_code >= 500:
        failures.append(f"{name}: {response.status_code} for {_short(data)}")
    elif (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and MARKER in response.content.decode()
    ):
        failures.append(f"{name} echoed unescaped input")


def _short(data) -> str:
    return repr({k: (v if len(str(v)) < 40 else f"<{len(str(v))} chars>") for k, v in data.items()})


def _sign_in(client, context, role):
    if role != "anonymous":
        client.force_login(context.users[role])


@pytest.mark.parametrize("name", FUZZED)
def test_boundary_values_never_break_a_page(client, ctx, name):  # noqa: F811
    """Every field of every form on the URL, one at a time, at and beyond its bounds."""
    row = ROWS[name]
    kwargs = row.setup(ctx)
    url = _url(row, ctx, kwargs)
    failures: list[str] = []
    for role in _sweep_roles(row):
        client.logout()
        _sign_in(client, ctx, role)
        for method, fields, base in _targets(client, row, ctx, kwargs, url):
            for field_name, item in fields.items():
                for value in boundary_values(item):
                    data = {**base, field_name: value}
                    _check(client, f"{name} as {role}", method, url, data, failures)
                    _sign_in(client, ctx, role)  # a value may have signed the client out
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", FUZZED)
def test_hostile_input_never_breaks_a_page(client, ctx, name):  # noqa: F811
    row = ROWS[name]
    role = _allowed_role(row)
    kwargs = row.setup(ctx)
    url = _url(row, ctx, kwargs)
    _sign_in(client, ctx, role)
    method, fields, base = _targets(client, row, ctx, kwargs, url)[0]
    # The page's own fields with their kinds, and every field name of the project's forms.
    strategies = dict.fromkeys(FIELD_NAMES, hostile_text) | {
        n: boundary_strategy(item) for n, item in fields.items()
    }
    hostile_data = st.fixed_dictionaries({}, optional=strategies)

    @settings(
        max_examples=10,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        derandomize=True,
    )
    @given(data=hostile_data)
    # Besides random mixtures, every field gets each classic attack at once.
    @example(data=dict.fromkeys(FIELD_NAMES, MARKER))
    @example(data=dict.fromkeys(FIELD_NAMES, "x" * 20000))
    @example(data=dict.fromkeys(FIELD_NAMES, "\x00\x01\x02\x1b[31m"))
    @example(data=dict.fromkeys(FIELD_NAMES, "'; DROP TABLE municipalities_municipality; --"))
    @example(data=dict.fromkeys(FIELD_NAMES, "-1"))
    @example(data=dict.fromkeys(FIELD_NAMES, "99999999999999999999999"))
    def check(data):
        _sign_in(client, ctx, role)
        failures: list[str] = []
        _check(client, name, method, url, {**base, **data}, failures)
        assert not failures, failures[0]

    check()
