import re

import pytest
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.urls import reverse

from municipalities.access import RIGHTS, Action, Rights, UnknownAction, can, require
from municipalities.models import Membership, Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_it_redirects_anonymous_to_login(client, municipality):
    response = client.get(reverse("municipality_home", args=[municipality.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_start_page_to_member(client_for, reporter, municipality):
    response = client_for(reporter).get(reverse("municipality_home", args=[municipality.slug]))
    assert response.status_code == 200
    assert "Trygghetsarbetet i Fagersta" in response.content.decode()


def test_it_hides_other_municipality(client_for, outsider, municipality):
    response = client_for(outsider).get(reverse("municipality_home", args=[municipality.slug]))
    assert response.status_code == 404


def test_it_answers_404_for_unknown_municipality(client_for, coordinator):
    response = client_for(coordinator).get(reverse("municipality_home", args=["finns-inte"]))
    assert response.status_code == 404


def test_it_requires_coordinator_role(client_for, reporter, municipality):
    response = client_for(reporter).get(reverse("member_list", args=[municipality.slug]))
    assert response.status_code == 403


def test_it_hides_another_municipalitys_membership(
    client_for, coordinator, municipality, other_municipality
):
    foreign = Membership.objects.get(
        user=member(other_municipality, Role.POLITICIAN), municipality=other_municipality
    )
    response = client_for(coordinator).post(
        reverse("member_remove", args=[municipality.slug, foreign.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_home_redirects_single_membership_to_start_page(client_for, coordinator, municipality):
    response = client_for(coordinator).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("municipality_home", args=[municipality.slug])


def test_home_lets_user_with_two_municipalities_choose(
    client_for, coordinator, municipality, other_municipality
):
    member(other_municipality, Role.COUNCIL, user=coordinator)
    response = client_for(coordinator).get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("municipality_home", args=["fagersta"]) in body
    assert reverse("municipality_home", args=["hagfors"]) in body


def test_user_sees_only_own_roles(client_for, coordinator, municipality, other_municipality):
    member(other_municipality, Role.COUNCIL, user=coordinator)
    response = client_for(coordinator).get(reverse("municipality_home", args=["hagfors"]))
    assert response.status_code == 200
    # In Hagfors the user is a council member only: no coordinator-only links.
    assert reverse("member_list", args=["hagfors"]) not in response.content.decode()
    assert client_for(coordinator).get(reverse("member_list", args=["hagfors"])).status_code == 403


# The rights table of DESIGN.md §2, written out by hand: the permission matrix reads the code's
# table (`access.RIGHTS`), so this is where a change to who may do what has to be made twice.
DESIGN_RIGHTS = {
    "see_municipality": {"reporter", "coordinator", "council", "politician"},
    "file_own_report": {"reporter"},
    "file_reports": {"reporter", "coordinator"},
    "file_all_reports": {"coordinator"},
    "read_all_reports": {"coordinator", "council", "politician"},
    "read_lagesbild": {"reporter", "coordinator", "council", "politician"},
    "compile_lagesbild": {"coordinator"},
    "read_problems": {"coordinator", "council", "politician"},
    "manage_problems": {"coordinator"},
    "read_promises": {"coordinator", "council", "politician"},
    "write_promises": {"coordinator", "council"},
    "decide": {"politician"},
    "read_measures": {"coordinator", "council", "politician"},
    "manage_measures": {"coordinator"},
    "read_surveys": {"coordinator", "council", "politician"},
    "manage_surveys": {"coordinator"},
    "read_reports": {"coordinator", "council", "politician"},
    "manage_reports": {"coordinator"},
    "manage_municipality": {"coordinator"},
}


def test_the_rights_table_is_the_designs():
    assert {action.value: {r.value for r in roles} for action, roles in RIGHTS.items()} == (
        DESIGN_RIGHTS
    )


class _Request:
    def __init__(self, *roles):
        self.roles = set(roles)


def test_can_answers_from_the_roles_of_the_request():
    assert can(_Request("council"), Action.WRITE_PROMISES)
    assert not can(_Request("council"), Action.MANAGE_MEASURES)
    assert not can(_Request(), Action.SEE_MUNICIPALITY)


def test_require_refuses_with_403():
    require(_Request("coordinator"), Action.MANAGE_MEASURES)
    with pytest.raises(PermissionDenied):
        require(_Request("reporter", "politician"), Action.MANAGE_MEASURES)


def test_templates_cannot_ask_for_an_action_that_does_not_exist():
    template = Template("{% if can.manage_measurs %}x{% endif %}")
    with pytest.raises(UnknownAction):
        template.render(Context({"can": Rights({"coordinator"})}))
    rendered = Template("{% if can.manage_measures %}yes{% endif %}").render(
        Context({"can": Rights({"coordinator"})})
    )
    assert rendered == "yes"


def test_no_template_asks_for_a_role_by_name():
    # Templates ask `can.<action>`; a role named in a template drifts from the rights table
    # (and `current_roles` is no longer in the context, so such a check is always false).
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    pattern = re.compile(r"\bin (current_roles|roles|request\.roles)\b|current_roles\b(?!_key)")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.glob("*/templates/**/*.html")
        if ".venv" not in path.parts and "node_modules" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ] + [
        f"{path.relative_to(root)}:{number}"
        for path in (root / "templates").glob("**/*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []
