"""Figures and reports read from the replica alias when one is configured; nothing else does."""

import pytest
from django.conf import settings
from django.db import router

from stevig.core.db_router import REPLICA, ReplicaRouter, reporting
from stevig.core.suppression import Period
from stevig.trajectories import figures
from stevig.trajectories.models import Trajectory


@pytest.fixture
def two_aliases(monkeypatch):
    """A second alias beside "default" (the router only looks it up; no query is sent to it)."""
    monkeypatch.setitem(settings.DATABASES, REPLICA, {**settings.DATABASES["default"]})


def test_reports_read_from_the_replica_and_writes_stay_on_the_primary(two_aliases):
    assert Trajectory.objects.all().db == "default"
    with reporting():
        assert Trajectory.objects.all().db == REPLICA
        assert router.db_for_write(Trajectory) == "default"
    assert Trajectory.objects.all().db == "default"


def test_without_a_replica_reports_use_the_primary():
    with reporting():
        assert Trajectory.objects.all().db == "default"


def test_the_replica_is_never_migrated():
    assert ReplicaRouter().allow_migrate(REPLICA, "people") is False
    assert ReplicaRouter().allow_migrate("default", "people") is None


def test_figures_are_collected_inside_the_reporting_block(two_aliases, monkeypatch):
    seen = []
    monkeypatch.setattr(
        figures, "_SOURCES", {"probe": lambda *a: seen.append(Trajectory.objects.all().db) or []}
    )
    monkeypatch.setattr(figures.Summaries, "load", classmethod(lambda cls, m, y: cls(m, y, None, {})))
    figures.collect(municipality_id=None, period=Period(2026))
    assert seen == [REPLICA]
