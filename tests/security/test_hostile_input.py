"""Every form and filter gets random and hostile input: never a server error, and whatever is
echoed back is escaped.

The URLs and who may use them come from the permission matrix; the field names from every form
class of the project, so a new form is covered as soon as it exists.
"""

from __future__ import annotations

import importlib

import pytest
from django import forms
from django.apps import apps
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.permissions.matrix import ALLOW
from tests.permissions.test_matrix import ROWS, _url, ctx  # noqa: F401 - ctx is a fixture

MARKER = '<script>alert("trygg")</script>'
PROJECT_APPS = ["municipalities", "situations", "promises", "measures", "surveys", "reports"]


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


FIELD_NAMES = sorted({name for form in _form_classes() for name in form.base_fields}) + [
    "q",
    "page",
    "year",
    "status",
    "version",
]

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
    st.sampled_from(HOSTILE_SAMPLES),
    st.text(max_size=300),
    st.integers().map(str),
    st.lists(st.text(max_size=20), max_size=3),
)

hostile_data = st.fixed_dictionaries({}, optional=dict.fromkeys(FIELD_NAMES, hostile_text))


def _allowed_role(row) -> str | None:
    for role in ("coordinator", "council", "politician", "reporter", "anonymous"):
        if row.expect.get(role) == ALLOW:
            return role
    return None


FUZZED = [name for name, row in sorted(ROWS.items()) if _allowed_role(row) and name != "logout"]


@pytest.mark.parametrize("name", FUZZED)
def test_hostile_input_never_breaks_a_page(client, ctx, name):  # noqa: F811
    row = ROWS[name]
    role = _allowed_role(row)
    kwargs = row.setup(ctx)
    url = _url(row, ctx, kwargs)

    @settings(
        max_examples=12,
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
        if role != "anonymous":
            client.force_login(ctx.users[role])
        send = client.post if row.method == "post" else client.get
        response = send(url, data)
        assert response.status_code < 500, f"{name}: {response.status_code} for {data!r}"
        if response.get("Content-Type", "").startswith("text/html"):
            assert MARKER not in response.content.decode(), f"{name} echoed unescaped input"

    check()
