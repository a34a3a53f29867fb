"""Give every existing municipality the default product categories (new ones get them on creation, see
`decisions/signals.py`). The list is frozen here on purpose: later changes to `seed.py` do not change
what this migration did."""

from django.db import migrations

CATEGORIES = (
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
    ("jeugdhulp-verblijf", "Jeugdhulp verblijf", "jeugdwet", "Wonen buiten huis, bijvoorbeeld in een pleeggezin."),
    ("jeugd-vervoer", "Vervoer jeugdhulp", "jeugdwet", "Vervoer naar de jeugdhulp."),
)


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    Municipality = apps.get_model("tenancy", "Municipality")
    ProductCategory = apps.get_model("decisions", "ProductCategory")
    for municipality_id in Municipality.objects.values_list("id", flat=True):
        existing = set(
            ProductCategory.objects.filter(municipality_id=municipality_id).values_list("code", flat=True)
        )
        ProductCategory.objects.bulk_create(
            [
                ProductCategory(
                    municipality_id=municipality_id, code=code, name=name, law=law, description=description
                )
                for code, name, law, description in CATEGORIES
                if code not in existing
            ]
        )


def unseed(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Remove the seeded categories that no decision or application uses."""
    ProductCategory = apps.get_model("decisions", "ProductCategory")
    Decision = apps.get_model("decisions", "Decision")
    Application = apps.get_model("decisions", "Application")
    used = set(Decision.objects.values_list("category_id", flat=True)) | set(
        Application.objects.exclude(category_id=None).values_list("category_id", flat=True)
    )
    ProductCategory.objects.filter(code__in=[c[0] for c in CATEGORIES]).exclude(id__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_products_applications_decisions_contacts")]

    operations = [migrations.RunPython(seed, unseed)]
