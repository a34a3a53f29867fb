import pytest
from django.contrib.auth.hashers import make_password

from stevig.testing.factories import PASSWORD

# MD5 first (fast), PBKDF2 still accepted for users made later by the factory.
FAST_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@pytest.fixture
def world(world, settings):  # type: ignore[no-untyped-def]
    """The personas, with a fast password hash: these tests log in through the real password check many
    times, and the production hasher takes over a second per check. The check itself is unchanged."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    fast_hash = make_password(PASSWORD)
    for user in world.users.values():
        user.password = fast_hash
        user.save(update_fields=["password"])
    return world
