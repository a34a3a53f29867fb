import pytest

from stevig.brp import client, mock
from stevig.core.context import Actor


@pytest.fixture(autouse=True)
def clean_mock():
    """Each test starts from the stored fictitious persons, with the built-in transport."""
    mock.reset()
    client.set_transport(None)
    yield
    mock.reset()
    client.set_transport(None)


def actor(user, channel: str = "web") -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="127.0.0.1", channel=channel)
