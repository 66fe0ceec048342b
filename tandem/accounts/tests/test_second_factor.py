"""Staff give a second factor before any page: an authenticator app set up on first sign-in,
or a one-use recovery code. People, carers and providers are not asked for one."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem import testing
from tandem.accounts.models import Role
from tandem.accounts.signin.rules import needs_second_factor
from tandem.accounts.tests.signin_helpers import code_for, post_password, with_password
from tandem.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
SECOND = reverse("signin:second_factor")
ENROL = reverse("signin:enrol")
CODES = reverse("signin:recovery_codes")


def actions(user) -> list[str]:
    return list(
        AuditEvent.objects.filter(actor=user).order_by("pk").values_list("action", flat=True)
    )


@pytest.mark.parametrize(
    ("role", "needed"),
    [
        (Role.SOCIAL_WORKER, True),
        (Role.SOCIAL_WORK_ASSISTANT, True),
        (Role.OCCUPATIONAL_THERAPIST, True),
        (Role.SENSORY_IMPAIRMENT_WORKER, True),
        (Role.TEAM_MANAGER, True),
        (Role.ADMINISTRATOR, True),
        (Role.PERSON, False),
        (Role.CARER, False),
        (Role.PROVIDER, False),
    ],
)
def test_the_rule_asks_staff_and_administrators_only(org, role, needed):
    assert needs_second_factor(testing.make_user(org, role=role)) is needed


@pytest.fixture
def half_signed_in(worker, person, settings):
    """A worker who has given their password and nothing more."""
    # django-otp makes each wrong code wait longer before the next is tried: not in these tests.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    with_password(worker)
    client = Client()
    post_password(client, worker.username)
    return client


def test_staff_cannot_reach_case_pages_with_only_a_password(half_signed_in, person):
    for url in [reverse("people:detail", args=[person.pk]), reverse("worklist:list"), CODES]:
        response = half_signed_in.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{SECOND}?next={url.replace('/', '%2F')}"
    assert not AuditEvent.objects.filter(action=AuditAction.PERSON_VIEW).exists()


def test_the_first_sign_in_sets_up_an_authenticator_then_shows_recovery_codes(
    half_signed_in, worker, person
):
    detail = reverse("people:detail", args=[person.pk])
    response = half_signed_in.get(f"{SECOND}?next={detail}")
    assert response["Location"] == f"{ENROL}?next={detail.replace('/', '%2F')}"

    page = half_signed_in.get(response["Location"]).content.decode()
    device = TOTPDevice.objects.get(user=worker, confirmed=False)
    key = re.search(r'id="setup-key">(.*?)</p>', page, re.S).group(1)
    assert "data:image/svg+xml" in page  # the QR code
    assert "".join(re.findall(r'tandem-key-group">(\w+)<', key)) == _base32(device)
    # A reload shows the same key: what was scanned still works.
    assert half_signed_in.get(ENROL).content.decode().count(_base32(device)[:4]) >= 1

    wrong = half_signed_in.post(ENROL, {"code": "000000", "next": detail})
    assert "The code is not right" in wrong.content.decode()
    response = half_signed_in.post(ENROL, {"code": code_for(device), "next": detail})

    assert response["Location"] == f"{CODES}?next={detail.replace('/', '%2F')}"
    codes_page = half_signed_in.get(response["Location"]).content.decode()
    codes = re.findall(r"<code>(\w+)</code>", codes_page)
    assert len(codes) == 10
    assert "shown only this once" in codes_page
    assert "<code>" not in half_signed_in.get(CODES).content.decode()  # once
    assert half_signed_in.get(detail).status_code == 200
    assert actions(worker)[:5] == [
        AuditAction.SECOND_FACTOR_FAILED,
        AuditAction.SECOND_FACTOR_ENROL,
        AuditAction.RECOVERY_CODES,
        AuditAction.SIGN_IN,
        AuditAction.PERSON_VIEW,
    ]


def _base32(device) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


def test_a_later_sign_in_asks_for_the_code_and_then_opens_the_page_asked_for(
    half_signed_in, worker, person
):
    device = testing.authenticator_for(worker)
    detail = reverse("people:detail", args=[person.pk])
    assert half_signed_in.get(f"{SECOND}?next={detail}").status_code == 200

    wrong = half_signed_in.post(SECOND, {"code": "123 456", "next": detail})
    assert wrong.status_code == 200
    assert "The code is not right" in wrong.content.decode()
    response = half_signed_in.post(SECOND, {"code": code_for(device), "next": detail})

    assert response["Location"] == detail
    assert half_signed_in.get(detail).status_code == 200
    assert actions(worker) == [
        AuditAction.SECOND_FACTOR_FAILED,
        AuditAction.SIGN_IN,
        AuditAction.PERSON_VIEW,
    ]


def test_it_never_sends_anyone_off_the_site_after_the_code(half_signed_in, worker):
    device = testing.authenticator_for(worker)

    response = half_signed_in.post(SECOND, {"code": code_for(device), "next": "https://evil.test/"})

    assert response["Location"] == reverse("home")


def test_a_recovery_code_works_once(half_signed_in, worker):
    testing.authenticator_for(worker)
    from tandem.accounts.signin.services import recovery_codes_make

    code = recovery_codes_make(user=worker)[0]

    response = half_signed_in.post(SECOND, {"code": code})
    assert response.status_code == 302
    assert (
        AuditEvent.objects.filter(action=AuditAction.RECOVERY_CODE_USED, actor=worker).count() == 1
    )
    assert not StaticToken.objects.filter(token=code).exists()
    assert StaticToken.objects.filter(device__user=worker).count() == 9

    half_signed_in.post(reverse("logout"))
    second = Client()
    post_password(second, worker.username)
    again = second.post(SECOND, {"code": code})
    assert again.status_code == 200
    assert "The code is not right" in again.content.decode()


def test_staff_make_new_recovery_codes_and_the_old_ones_stop_working(worker):
    from tandem.accounts.signin.services import recovery_codes_make

    old = recovery_codes_make(user=worker)
    client = testing.client_for(worker)
    assert "You have 10 recovery codes left." in client.get(CODES).content.decode()

    response = client.post(CODES)

    page = client.get(response["Location"]).content.decode()
    new = re.findall(r"<code>(\w+)</code>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert not StaticToken.objects.filter(token__in=old).exists()
    assert AuditEvent.objects.filter(action=AuditAction.RECOVERY_CODES, actor=worker).count() == 2


@pytest.mark.parametrize("role", [Role.PERSON, Role.CARER, Role.PROVIDER])
def test_people_carers_and_providers_have_no_second_factor_pages(org, team, role):
    client = testing.client_for(testing.make_user(org, role=role, teams=(team,)))

    assert client.get(ENROL).status_code == 403
    assert client.get(CODES).status_code == 403
    assert client.post(CODES).status_code == 403
    assert not StaticToken.objects.exists()


def test_after_a_wrong_code_it_asks_to_wait_rather_than_refuse_a_right_one(worker, person):
    with_password(worker)
    client = Client()
    post_password(client, worker.username)
    device = testing.authenticator_for(worker)
    client.post(SECOND, {"code": "000000"})

    response = client.post(SECOND, {"code": code_for(device)})

    assert "You entered a wrong code. Wait 1 second, then" in response.content.decode()


def test_an_administrator_resets_a_lost_second_factor_and_it_is_audited(worker, org):
    from django.core.exceptions import PermissionDenied

    from tandem.accounts.signin.services import recovery_codes_make, second_factor_reset
    from tandem.budgets.tests.setup_helpers import make_admin

    testing.authenticator_for(worker)
    recovery_codes_make(user=worker)
    manager = testing.make_worker(org, role=Role.TEAM_MANAGER)
    with pytest.raises(PermissionDenied):
        second_factor_reset(actor=manager, user=worker)
    other_admin = make_admin(testing.make_organisation())
    with pytest.raises(PermissionDenied):
        second_factor_reset(actor=other_admin, user=worker)
    assert TOTPDevice.objects.filter(user=worker).exists()

    admin = make_admin(org)
    second_factor_reset(actor=admin, user=worker)

    assert not TOTPDevice.objects.filter(user=worker).exists()
    assert not StaticToken.objects.filter(device__user=worker).exists()
    event = AuditEvent.objects.get(action=AuditAction.SECOND_FACTOR_RESET)
    assert (event.actor, event.detail["user_id"]) == (admin, worker.pk)
