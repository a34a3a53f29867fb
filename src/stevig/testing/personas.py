"""The personas every authorisation test runs against.

One municipality with two teams and a household held by team Noord, with `own_worker` as its
vast aanspreekpunt; a second municipality; and one user for every other role.
"""

import datetime as dt
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from stevig.accounts.models import ApiToken, Role, User
from stevig.accounts.selectors import token_hash
from stevig.people.models import Household, Resident
from stevig.tenancy.models import Department, Municipality, Team
from stevig.testing import factories as f


@dataclass
class World:
    municipality: Municipality
    other_municipality: Municipality
    team: Team
    other_team: Team
    department: Department
    household: Household
    parent: Resident
    child: Resident
    users: dict[str, User] = field(default_factory=dict)
    other_household: Household | None = None

    def __getattr__(self, name: str) -> User:
        try:
            return self.__dict__["users"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc


PERSONAS = (
    "own_worker",
    "colleague",
    "other_team_worker",
    "other_municipality_worker",
    "team_lead",
    "coordinator",
    "policy",
    "department_worker",
    "admin",
    "privacy",
)


# Personas whose role never works in household files: a file page refuses them with 403 (logged).
NON_FILE_PERSONAS = ("policy", "department_worker", "admin", "privacy")


def denied_status(persona: str) -> int:
    """What a file page answers a persona who may not see the world's household: 404 from another
    municipality (nothing is confirmed), otherwise 403 (break-the-glass for a file role, a role refusal
    for the others)."""
    return 404 if persona == "other_municipality_worker" else 403


def api_denied_status(persona: str) -> int:
    """What a file endpoint of the API answers a persona who may not see the world's household: 403 for
    a role that never works in files (logged, whatever the object: `core.access.Kind.roles`), 404 for a
    file role out of scope (the API never confirms that a file exists)."""
    return 403 if persona in NON_FILE_PERSONAS else 404


def build_world() -> World:
    gm = f.MunicipalityFactory(code="GM9001", name="Stevigdam")
    other_gm = f.MunicipalityFactory(code="GM9002", name="Anderdorp")
    north_hood = f.NeighbourhoodFactory(municipality=gm, code="WK900101", name="Noord")
    south_hood = f.NeighbourhoodFactory(municipality=gm, code="WK900102", name="Zuid")
    f.PostcodeAreaFactory(municipality=gm, neighbourhood=north_hood, postcode_digits="1234")
    f.PostcodeAreaFactory(municipality=gm, neighbourhood=south_hood, postcode_digits="1235")
    team = f.TeamFactory(municipality=gm, name="Team Noord")
    team.neighbourhoods.add(north_hood)
    other_team = f.TeamFactory(municipality=gm, name="Team Zuid")
    other_team.neighbourhoods.add(south_hood)
    other_gm_team = f.TeamFactory(municipality=other_gm, name="Team Anderdorp")
    department = f.DepartmentFactory(municipality=gm, name="Schuldhulpverlening")
    users = {
        "own_worker": f.UserFactory(username="eigen", municipality=gm, role=Role.WORKER, team=team),
        "colleague": f.UserFactory(username="collega", municipality=gm, role=Role.WORKER, team=team),
        "other_team_worker": f.UserFactory(
            username="anderteam", municipality=gm, role=Role.WORKER, team=other_team
        ),
        "other_municipality_worker": f.UserFactory(
            username="andergemeente", municipality=other_gm, role=Role.WORKER, team=other_gm_team
        ),
        "team_lead": f.UserFactory(username="teamleider", municipality=gm, role=Role.TEAM_LEAD, team=team),
        "coordinator": f.UserFactory(username="coordinator", municipality=gm, role=Role.COORDINATOR),
        "policy": f.UserFactory(username="beleid", municipality=gm, role=Role.POLICY),
        "department_worker": f.UserFactory(
            username="vakafdeling", municipality=gm, role=Role.DEPARTMENT, department=department
        ),
        "admin": f.UserFactory(username="beheer", municipality=gm, role=Role.ADMIN, is_staff=True),
        "privacy": f.UserFactory(username="privacy", municipality=gm, role=Role.PRIVACY),
    }
    # A fixed address: the world does not depend on how many households other tests made before it.
    household = f.HouseholdFactory(
        municipality=gm, team=team, neighbourhood=north_hood, postcode="1234 AB", house_number=1
    )
    parent = f.add_member(household, given_names="Fatima", surname="El Amrani", bsn="999990019")
    child = f.add_member(
        household,
        relation="kind",
        given_names="Yusuf",
        surname="El Amrani",
        date_of_birth=__import__("datetime").date(2012, 3, 1),
    )
    f.involve(household, users["own_worker"])
    other_household = f.HouseholdFactory(municipality=other_gm, team=other_gm_team, postcode="9999 ZZ")
    f.add_member(other_household, given_names="Anna", surname="Anders")
    return World(gm, other_gm, team, other_team, department, household, parent, child, users, other_household)


def web_client(user: User) -> Client:
    """A browser session that passed the password and the second factor.

    The session is written directly, as `Client.force_login` writes it (user, backend, the password's
    session hash) plus the second factor's device: the same session the middleware reads, in three queries.
    `force_login` went through `login()`: a second session for the key rotation, the `user_logged_in`
    receivers (last_login, django-axes' login record) and a re-read of the session, about 25 queries and
    10 ms of CPU, and most tests make one or more of these clients. Tests of the login itself use the
    real two-step form (accounts/tests)."""
    client = Client()
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="default"
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = client._get_backend()
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    name = settings.SESSION_COOKIE_NAME
    client.cookies[name] = session.session_key
    client.cookies[name].update(
        {
            "max-age": None,
            "path": "/",
            "domain": settings.SESSION_COOKIE_DOMAIN,
            "secure": settings.SESSION_COOKIE_SECURE or None,
            "expires": None,
        }
    )
    return client


FAR_FUTURE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def persona_token(user: User) -> str:
    """A stable API key per test user (stored hashed like every key), valid far beyond any travelled-to date.
    Its 'last used' lies in the future, so using it never adds the bookkeeping write: query counts in the API
    tests measure the endpoint only."""
    raw = f"stv_test_{user.pk.hex}"
    ApiToken.objects.get_or_create(
        key_hash=token_hash(raw),
        defaults={
            "user": user,
            "name": "test",
            "prefix": raw[:12],
            "expires_at": FAR_FUTURE,
            "last_used_at": FAR_FUTURE,
        },
    )
    return raw


def api_client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {persona_token(user)}")
    return client
