"""Only an organisation's administrator sets up its scheme and catalogue: every other role gets
403 and changes nothing; another organisation's ids are 404; signed-out users are sent to sign
in. Administrators find the pages from the navigation and the home page."""

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditEvent
from tandem.budgets.models import (
    RasAdjustment,
    RasAnswer,
    RasQuestion,
    RasScheme,
    Service,
    ServiceRate,
)
from tandem.budgets.tests.setup_helpers import (
    make_adjustment,
    make_admin,
    make_scheme,
    make_service,
)


@pytest.fixture
def admin(org):
    return make_admin(org, first_name="Robin", last_name="Ledgerwood")


@pytest.fixture
def other_org_admin(db):
    return make_admin(testing.make_organisation("Hillside Council"))


NOT_ADMINISTRATORS = [role for role in Role if role != Role.ADMINISTRATOR]


@pytest.fixture
def scene(org, admin):
    """A published version 1, a draft version 2 with a question, an answer and an adjustment,
    and a service."""
    make_scheme(org, admin, questions=1, status=RasScheme.Status.PUBLISHED)
    draft = make_scheme(org, admin, questions=1, version=2)
    question = draft.questions.get()
    return {
        "published": RasScheme.objects.get(organisation=org, version=1),
        "draft": draft,
        "question": question,
        "answer": question.answers.first(),
        "adjustment": make_adjustment(draft),
        "service": make_service(org),
    }


def pages(s) -> list[tuple[str, str, dict | None]]:
    """(url name, url, POST data that an administrator may send, or None for a page that only
    reads). The data succeeds for an administrator (see the last test)."""
    d, q, a, j, svc = s["draft"], s["question"], s["answer"], s["adjustment"], s["service"]
    details = {"name": "Adult RAS", "price_per_point": "5.00", "revision": d.revision}
    return [
        ("budgets:setup", reverse("budgets:setup"), None),
        ("budgets:setup_scheme", reverse("budgets:setup_scheme", args=[d.pk]), None),
        (
            "budgets:setup_scheme_start",
            reverse("budgets:setup_scheme_start"),
            {"name": "Adult RAS", "price_per_point": "5.00"},
        ),
        (
            "budgets:setup_scheme_change",
            reverse("budgets:setup_scheme_change", args=[d.pk]),
            details,
        ),
        (
            "budgets:setup_scheme_publish",
            reverse("budgets:setup_scheme_publish", args=[d.pk]),
            {"revision": d.revision},
        ),
        (
            "budgets:setup_question_add",
            reverse("budgets:setup_question_add", args=[d.pk]),
            {"text": "How much help do you need with meals?"},
        ),
        (
            "budgets:setup_question",
            reverse("budgets:setup_question", args=[d.pk, q.pk]),
            {"text": "Changed question", "revision": d.revision},
        ),
        (
            "budgets:setup_question_remove",
            reverse("budgets:setup_question_remove", args=[d.pk, q.pk]),
            {"revision": d.revision},
        ),
        (
            "budgets:setup_answer_add",
            reverse("budgets:setup_answer_add", args=[d.pk, q.pk]),
            {"text": "Every day", "points": "20"},
        ),
        (
            "budgets:setup_answer",
            reverse("budgets:setup_answer", args=[d.pk, q.pk, a.pk]),
            {"text": "Never", "points": "1", "revision": d.revision},
        ),
        (
            "budgets:setup_answer_remove",
            reverse("budgets:setup_answer_remove", args=[d.pk, q.pk, a.pk]),
            {"revision": d.revision},
        ),
        (
            "budgets:setup_adjustment_add",
            reverse("budgets:setup_adjustment_add", args=[d.pk]),
            {"label": "Lives alone", "weekly_amount": "15.00"},
        ),
        (
            "budgets:setup_adjustment",
            reverse("budgets:setup_adjustment", args=[d.pk, j.pk]),
            {"label": "Has a carer", "weekly_amount": "-30.00", "revision": d.revision},
        ),
        (
            "budgets:setup_adjustment_remove",
            reverse("budgets:setup_adjustment_remove", args=[d.pk, j.pk]),
            {"revision": d.revision},
        ),
        (
            "budgets:setup_scheme_new_version",
            reverse("budgets:setup_scheme_new_version", args=[s["published"].pk]),
            {},
        ),
        ("budgets:setup_catalogue", reverse("budgets:setup_catalogue"), None),
        (
            "budgets:setup_service_add",
            reverse("budgets:setup_service_add"),
            {
                "name": "Day centre",
                "unit": "day",
                "unit_cost": "45.00",
                "effective_from_day": "1",
                "effective_from_month": "4",
                "effective_from_year": "2026",
            },
        ),
        ("budgets:setup_service", reverse("budgets:setup_service", args=[svc.pk]), None),
        (
            "budgets:setup_service_change",
            reverse("budgets:setup_service_change", args=[svc.pk]),
            {"name": "Home care (day)", "unit": "hour", "loaded": _loaded(svc)},
        ),
        (
            "budgets:setup_rate_add",
            reverse("budgets:setup_rate_add", args=[svc.pk]),
            {
                "unit_cost": "26.00",
                "effective_from_day": "1",
                "effective_from_month": "4",
                "effective_from_year": "2026",
            },
        ),
        (
            "budgets:setup_service_active",
            reverse("budgets:setup_service_active", args=[svc.pk]),
            {"active": "no"},
        ),
    ]


def _loaded(service) -> str:
    from tandem.budgets.services.setup import service_fingerprint

    return service_fingerprint(service)


# Pages whose ids are another organisation's records when seen by its administrator.
WITH_IDS = {
    name
    for name in (
        "budgets:setup_scheme",
        "budgets:setup_scheme_change",
        "budgets:setup_scheme_publish",
        "budgets:setup_question_add",
        "budgets:setup_question",
        "budgets:setup_question_remove",
        "budgets:setup_answer_add",
        "budgets:setup_answer",
        "budgets:setup_answer_remove",
        "budgets:setup_adjustment_add",
        "budgets:setup_adjustment",
        "budgets:setup_adjustment_remove",
        "budgets:setup_scheme_new_version",
        "budgets:setup_service",
        "budgets:setup_service_change",
        "budgets:setup_rate_add",
        "budgets:setup_service_active",
    )
}
POST_ONLY = {"budgets:setup_scheme_new_version", "budgets:setup_service_active"}


def state():
    """Every row the setup pages could change, and the audit trail."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (RasScheme, RasQuestion, RasAnswer, RasAdjustment, Service, ServiceRate)
    ] + [AuditEvent.objects.count()]


def _requests(s):
    """Every page by GET (unless it only takes POST), and by POST if it writes."""
    for name, url, data in pages(s):
        if name not in POST_ONLY:
            yield name, "get", url, None
        if data is not None:
            yield name, "post", url, data


@pytest.mark.parametrize("role", NOT_ADMINISTRATORS)
def test_it_refuses_every_other_role_and_changes_nothing(client_for, org, team, scene, role):
    user = testing.make_user(org, role=role, teams=(team,) if role != Role.PERSON else ())
    client = client_for(user)
    before = state()
    for name, method, url, data in _requests(scene):
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        assert response.status_code == 403, (name, method, response.status_code)
    assert state() == before


def test_it_answers_404_for_another_organisations_records(client_for, scene, other_org_admin):
    client = client_for(other_org_admin)
    before = state()
    for name, method, url, data in _requests(scene):
        if name not in WITH_IDS:
            continue
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        assert response.status_code == 404, (name, method, response.status_code)
    assert state() == before


def test_it_shows_another_organisations_administrator_only_their_own(
    client_for, scene, other_org_admin
):
    client = client_for(other_org_admin)
    assert "Adult RAS" not in client.get(reverse("budgets:setup")).content.decode()
    assert "Home care" not in client.get(reverse("budgets:setup_catalogue")).content.decode()


def test_it_refuses_an_administrator_without_an_organisation(client_for, scene):
    client = client_for(make_admin(None))
    assert client.get(reverse("budgets:setup")).status_code == 403
    assert client.get(reverse("budgets:setup_catalogue")).status_code == 403


def test_it_sends_someone_signed_out_to_sign_in(client, scene):
    before = state()
    for name, method, url, data in _requests(scene):
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name
    assert state() == before


def test_it_answers_404_for_ids_that_are_not_numbers_or_too_big(client_for, admin, scene):
    client = client_for(admin)
    draft = scene["draft"]
    assert client.get(f"/budgets/setup/scheme/{2**70}/").status_code == 404
    assert client.get(f"/budgets/setup/scheme/{draft.pk}/questions/{2**70}/").status_code == 404
    assert client.get("/budgets/setup/scheme/abc/").status_code == 404
    assert client.get(f"/budgets/setup/services/{2**70}/").status_code == 404


def test_it_answers_404_for_a_question_of_another_version(client_for, admin, scene):
    """The question of version 1 is not reached through version 2's URL."""
    other = scene["published"].questions.get()
    url = reverse("budgets:setup_question", args=[scene["draft"].pk, other.pk])
    assert client_for(admin).get(url).status_code == 404


def test_it_lets_an_administrator_use_every_page(client_for, admin, scene):
    """The data the refusal tests send is data an administrator may send: a refusal above can't
    pass merely because the data was wrong."""
    client = client_for(admin)
    for name, url, _data in pages(scene):
        if name not in POST_ONLY | {"budgets:setup_scheme_start"}:
            assert client.get(url).status_code == 200, name
    # There is a scheme already: starting one is skipped (test_setup_scheme.py starts one).
    assert client.get(reverse("budgets:setup_scheme_start"))["Location"] == reverse("budgets:setup")


@pytest.mark.parametrize(
    "name",
    [
        "budgets:setup_scheme_change",
        "budgets:setup_question_add",
        "budgets:setup_question",
        "budgets:setup_question_remove",
        "budgets:setup_answer_add",
        "budgets:setup_answer",
        "budgets:setup_answer_remove",
        "budgets:setup_adjustment_add",
        "budgets:setup_adjustment",
        "budgets:setup_adjustment_remove",
        "budgets:setup_service_add",
        "budgets:setup_service_change",
        "budgets:setup_rate_add",
        "budgets:setup_service_active",
    ],
)
def test_it_saves_and_audits_what_an_administrator_sends(client_for, admin, scene, name):
    url, data = next((u, d) for n, u, d in pages(scene) if n == name)
    before, events = state(), AuditEvent.objects.count()
    response = client_for(admin).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert state() != before
    assert AuditEvent.objects.filter(actor=admin).count() == events + 1


def test_it_shows_administrators_the_link_from_their_administration_home(client_for, admin):
    client = client_for(admin)
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("administration:home")
    assert f'href="{reverse("budgets:setup")}"' in client.get(response["Location"]).text
    html = client.get(reverse("budgets:setup")).content.decode()
    assert f'href="{reverse("budgets:setup")}" aria-current="true"' in html
    assert "Budgets and costs" in html


def test_it_does_not_show_the_link_to_staff(client_for, manager):
    html = client_for(manager).get(reverse("people:list")).content.decode()
    assert "Budgets and costs" not in html
    assert client_for(manager).get(reverse("home"))["Location"] == reverse("worklist:list")
