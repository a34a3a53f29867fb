"""The default product categories every municipality starts with. Functioneel beheer changes them in
/beheer/ (rename, add, switch off); decisions keep pointing at the category they were made with."""

import uuid
from typing import Any

# (code, name, law, description). Names are what the resident reads in the decision letter.
DEFAULT_CATEGORIES: tuple[tuple[str, str, str, str], ...] = (
    ("begeleiding", "Begeleiding", "wmo", "Hulp om de dag te regelen en mee te doen."),
    ("dagbesteding", "Dagbesteding", "wmo", "Een zinvolle plek om overdag naartoe te gaan."),
    ("hulpmiddel", "Hulpmiddel", "wmo", "Bijvoorbeeld een rolstoel of een scootmobiel."),
    ("woningaanpassing", "Woningaanpassing", "wmo", "Bijvoorbeeld een traplift of een aangepaste douche."),
    ("vervoer", "Vervoer", "wmo", "Bijvoorbeeld de regiotaxi."),
    ("huishoudelijke-hulp", "Huishoudelijke hulp", "wmo", "Hulp bij het schoonhouden van het huis."),
    ("kortdurend-verblijf", "Kortdurend verblijf", "wmo", "Even logeren, zodat de mantelzorger rust krijgt."),
    ("beschermd-wonen", "Beschermd wonen", "wmo", "Wonen met hulp en toezicht."),
    ("jeugdhulp-ambulant", "Jeugdhulp ambulant", "jeugdwet", "Hulp thuis, op school of bij de hulpverlener."),
    ("jeugdhulp-dagbehandeling", "Jeugdhulp dagbehandeling", "jeugdwet", "Hulp overdag op een groep."),
    (
        "jeugdhulp-verblijf",
        "Jeugdhulp verblijf",
        "jeugdwet",
        "Wonen buiten huis, bijvoorbeeld in een pleeggezin.",
    ),
    ("jeugd-vervoer", "Vervoer jeugdhulp", "jeugdwet", "Vervoer naar de jeugdhulp."),
)


def seed_categories(municipality_id: uuid.UUID, *, model: Any = None) -> int:
    """Create the default categories a municipality does not have yet; returns how many were made.

    `model` is the (historical) ProductCategory class; the data migration passes its own."""
    if model is None:
        from stevig.decisions.models import ProductCategory

        model = ProductCategory
    existing = set(model.objects.filter(municipality_id=municipality_id).values_list("code", flat=True))
    rows = [
        model(municipality_id=municipality_id, code=code, name=name, law=law, description=description)
        for code, name, law, description in DEFAULT_CATEGORIES
        if code not in existing
    ]
    model.objects.bulk_create(rows)
    return len(rows)
