"""Functioneel beheer cannot escalate or impersonate (regressions of issue 13, finding 2).

Before: the beheerder changed his own role to medewerker of Team Noord and opened that team's files; he set
a worker's password, was shown her new TOTP secret and logged in as her; none of it was in the access log.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client, TestCase
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from stevig.accounts.models import EnrolmentToken, Role, User
from stevig.audit.models import AccessLogEntry
from stevig.audit.services import verify_chain
from stevig.testing import factories as f
from stevig.testing.browser import current_code
from stevig.testing.personas import web_client

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Paars-kanaal-fiets-17"


def change_form_data(user: User, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "team": user.team_id or "",
        "department": user.department_id or "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_beheer_cannot_change_own_role_or_team(world):
    client = web_client(world.admin)
    form = client.get(f"/beheer/accounts/user/{world.admin.id}/change/").content.decode()
    assert 'name="role"' not in form and 'name="team"' not in form
    response = client.post(
        f"/beheer/accounts/user/{world.admin.id}/change/",
        change_form_data(world.admin, role=Role.WORKER, team=world.team.id, first_name="Bram"),
    )
    assert response.status_code == 302
    world.admin.refresh_from_db()
    assert (world.admin.role, world.admin.team_id, world.admin.first_name) == (Role.ADMIN, None, "Bram")
    # Still no way into Team Noord's files.
    assert web_client(world.admin).get(f"/inwoners/huishouden/{world.household.id}/").status_code in (
        403,
        404,
    )


def test_beheer_changes_another_members_team_and_it_is_logged(world):
    client = web_client(world.admin)
    response = client.post(
        f"/beheer/accounts/user/{world.colleague.id}/change/",
        change_form_data(world.colleague, team=world.other_team.id),
    )
    assert response.status_code == 302
    world.colleague.refresh_from_db()
    assert world.colleague.team == world.other_team
    row = AccessLogEntry.objects.get(part="account", object_id=str(world.colleague.id))
    assert (row.action, row.outcome, row.username, row.role) == ("update", "allowed", "beheer", "beheer")
    assert row.detail["wijzigingen"] == {"team": ["Team Noord", "Team Zuid"]}
    assert verify_chain("GM9001") == []
    # The privacy officer sees it in the access log.
    html = web_client(world.privacy).get("/toegangslog/", {"user": "beheer"}).content.decode()
    assert "account en toegang van een medewerker" in html


def test_team_changes_are_logged(world):
    client = web_client(world.admin)
    response = client.post(f"/beheer/tenancy/team/{world.other_team.id}/delete/", {"post": "yes"})
    assert response.status_code in (200, 302)
    rows = AccessLogEntry.objects.filter(part="inrichting", object_type="tenancy.team")
    if response.status_code == 302:  # deleted
        assert rows.get().action == "delete"
    else:  # protected by members: nothing deleted, nothing logged
        assert not rows.exists()


def test_beheer_cannot_set_another_members_password(world):
    client = web_client(world.admin)
    assert client.get(f"/beheer/accounts/user/{world.colleague.id}/password/").status_code == 403
    response = client.post(
        f"/beheer/accounts/user/{world.colleague.id}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 403
    world.colleague.refresh_from_db()
    assert not world.colleague.check_password(NEW_PASSWORD)
    form = client.get(f"/beheer/accounts/user/{world.colleague.id}/change/").content.decode()
    assert "/password/" not in form


def test_superuser_may_still_set_a_password(world):
    root = f.UserFactory(username="root", municipality=None, role="", is_superuser=True, is_staff=True)
    assert web_client(root).get(f"/beheer/accounts/user/{world.colleague.id}/password/").status_code == 200


def reset(client: Client, user: User) -> object:
    """The action; the link is mailed once the reset commits (the test's transaction never does)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            "/beheer/accounts/user/", {"action": "reset_access", "_selected_action": [str(user.id)]}
        )


def test_reset_sends_the_member_through_enrolment_and_beheer_sees_no_secret(world):
    world.colleague.email = "collega@example.org"
    world.colleague.save()
    old_key = TOTPDevice.objects.get(user=world.colleague).key
    beheer = web_client(world.admin)
    colleague_session = web_client(world.colleague)
    response = reset(beheer, world.colleague)
    assert response.status_code == 302
    page = beheer.get(response["Location"]).content.decode()
    assert "krijgt een link per e-mail" in page
    assert "otpauth" not in page and old_key not in page
    # Everything the member logged in with is gone, and their open session ends.
    assert not TOTPDevice.objects.filter(user=world.colleague).exists()
    assert not StaticDevice.objects.filter(user=world.colleague).exists()
    world.colleague.refresh_from_db()
    assert not world.colleague.has_usable_password()
    colleague_session.get("/")
    assert "_auth_user_id" not in colleague_session.session
    row = AccessLogEntry.objects.get(part="account", object_id=str(world.colleague.id))
    assert row.detail["wijzigingen"] == {"toegang": ["ingesteld", "opnieuw instellen"]}
    # The link goes to the member's own address only, stored hashed.
    assert [m.to for m in mail.outbox] == [["collega@example.org"]]
    link = re.search(r"http://testserver(/account/instellen/[^/\s]+/)", mail.outbox[0].body)
    assert link is not None
    token = link.group(1).rstrip("/").rsplit("/", 1)[1]
    assert not EnrolmentToken.objects.filter(key_hash=token).exists()

    member = Client()
    page = member.get(link.group(1))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user=world.colleague, confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    weak = member.post(link.group(1), {"password1": "kort", "password2": "kort", "code": code})
    assert weak.status_code == 400
    done = member.post(link.group(1), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "code": code})
    assert done.status_code == 302 and done["Location"] == "/account/inloggen/"
    # The link works once.
    assert member.get(link.group(1)).status_code == 404
    world.colleague.refresh_from_db()
    assert world.colleague.check_password(NEW_PASSWORD)
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=60)):  # a code works once
        login = Client()
        login.post("/account/inloggen/", {"username": "collega", "password": NEW_PASSWORD})
        assert login.post("/account/tweede-stap/", {"code": current_code(world.colleague)}).status_code == 302
        assert login.session["_auth_user_id"] == str(world.colleague.id)
    assert verify_chain("GM9001") == []


def test_reset_needs_an_email_address_and_never_for_oneself(world):
    world.colleague.email = ""
    world.colleague.save()
    beheer = web_client(world.admin)
    page = beheer.get(reset(beheer, world.colleague)["Location"]).content.decode()
    assert "heeft geen e-mailadres" in page
    assert TOTPDevice.objects.filter(user=world.colleague).exists()
    page = beheer.get(reset(beheer, world.admin)["Location"]).content.decode()
    assert "Uw eigen toegang stelt een andere beheerder opnieuw in" in page
    assert TOTPDevice.objects.filter(user=world.admin).exists()
    assert mail.outbox == []


def test_enrolment_link_expires_after_three_days(world):
    world.colleague.email = "collega@example.org"
    world.colleague.save()
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        reset(web_client(world.admin), world.colleague)
    path = re.search(r"http://testserver(/account/instellen/[^/\s]+/)", mail.outbox[0].body).group(1)
    with time_machine.travel(dt.datetime(2026, 11, 5, 8, 59, tzinfo=dt.UTC), tick=False):
        assert Client().get(path).status_code == 200
    with time_machine.travel(dt.datetime(2026, 11, 5, 9, 0, tzinfo=dt.UTC), tick=False):
        assert Client().get(path).status_code == 404
    assert Client().get("/account/instellen/verzonnen/").status_code == 404
