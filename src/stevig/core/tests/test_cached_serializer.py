"""core.api.CachedModelSerializer: the fields worked out once per class are the fields DRF works out per
instance, and no two serializers share a field object."""

import pytest
from rest_framework import serializers

from stevig.core.api import CachedModelSerializer
from stevig.intake.api.serializers import QuestionDetailSerializer, QuestionSummarySerializer
from stevig.mandates.api.serializers import MandateRequestDetailSerializer, MandateRequestSerializer
from stevig.people.api.serializers import HouseholdFileSerializer, HouseholdSerializer, ResidentSerializer
from stevig.trajectories.api.serializers import TrajectorySerializer

CACHED = [
    HouseholdSerializer,
    HouseholdFileSerializer,
    ResidentSerializer,
    QuestionSummarySerializer,
    QuestionDetailSerializer,
    MandateRequestSerializer,
    MandateRequestDetailSerializer,
    TrajectorySerializer,
]


def _described(fields: dict) -> dict:
    return {name: (type(f), f.read_only, f.required, f.allow_null, repr(f)) for name, f in fields.items()}


@pytest.mark.parametrize("cls", CACHED, ids=lambda c: c.__name__)
def test_cached_fields_are_drfs_fields_and_never_shared(cls):
    assert issubclass(cls, CachedModelSerializer)
    uncached = serializers.ModelSerializer.get_fields(cls())  # DRF's own, worked out now
    first, second = cls().fields, cls().fields  # the second from the class's cache
    assert _described(dict(first)) == _described(uncached) == _described(dict(second))
    for name in first:
        assert first[name] is not second[name]
        assert first[name].parent is not second[name].parent
    assert "_fields_from_model" in cls.__dict__  # kept on this class, not on a parent


def test_a_subclass_keeps_its_own_fields():
    parent, child = (
        set(HouseholdSerializer().fields),
        set(HouseholdFileSerializer().fields),
    )  # both cached now
    assert child > parent
    assert set(HouseholdFileSerializer().fields) == child and set(HouseholdSerializer().fields) == parent
