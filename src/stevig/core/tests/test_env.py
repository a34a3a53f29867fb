"""Settings come from the environment and fail loudly (stevig.core.env)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from stevig.core.env import env_bool, env_choice, env_int, env_list, env_str


def test_str_default_and_required(monkeypatch):
    monkeypatch.delenv("STEVIG_X", raising=False)
    assert env_str("STEVIG_X", "standaard") == "standaard"
    with pytest.raises(ImproperlyConfigured, match="STEVIG_X is required"):
        env_str("STEVIG_X")
    monkeypatch.setenv("STEVIG_X", "")
    assert env_str("STEVIG_X") == ""  # set but empty is a value


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), (" ON ", True), ("0", False), ("", False)]
)
def test_bool(monkeypatch, raw, expected):
    monkeypatch.setenv("STEVIG_X", raw)
    assert env_bool("STEVIG_X", not expected) is expected


def test_bool_rejects_anything_else(monkeypatch):
    monkeypatch.setenv("STEVIG_X", "misschien")
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("STEVIG_X", False)


def test_int_with_minimum(monkeypatch):
    monkeypatch.delenv("STEVIG_X", raising=False)
    assert env_int("STEVIG_X", 5, minimum=1) == 5
    monkeypatch.setenv("STEVIG_X", "12")
    assert env_int("STEVIG_X", 5, minimum=1) == 12
    monkeypatch.setenv("STEVIG_X", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("STEVIG_X", 5, minimum=1)
    monkeypatch.setenv("STEVIG_X", "vijf")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("STEVIG_X", 5)


def test_list(monkeypatch):
    monkeypatch.setenv("STEVIG_X", " a.example , b.example,, ")
    assert env_list("STEVIG_X", []) == ["a.example", "b.example"]
    monkeypatch.delenv("STEVIG_X")
    assert env_list("STEVIG_X", ["standaard"]) == ["standaard"]


def test_choice(monkeypatch):
    monkeypatch.delenv("STEVIG_X", raising=False)
    assert env_choice("STEVIG_X", "database", ["database", "immediate"]) == "database"
    monkeypatch.setenv("STEVIG_X", "immediate")
    assert env_choice("STEVIG_X", "database", ["database", "immediate"]) == "immediate"
    monkeypatch.setenv("STEVIG_X", "redis")
    with pytest.raises(ImproperlyConfigured, match="one of database, immediate"):
        env_choice("STEVIG_X", "database", ["database", "immediate"])
