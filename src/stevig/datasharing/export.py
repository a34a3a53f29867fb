"""The register in the resident's data export (AVG art. 15): who received their data, why, on what
ground; and the consent they gave or withdrew."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stevig.audit.export import register_section
from stevig.datasharing.models import (
    Consent,
    Disclosure,
    LegalBasis,
    RecipientKind,
    SubjectRequest,
    category_labels,
)
from stevig.people.models import Resident


def disclosures_section(resident: Resident) -> dict[str, Any]:
    bases = dict(LegalBasis.choices)
    kinds = dict(RecipientKind.choices)
    rows = Disclosure.objects.filter(residents=resident).order_by("disclosed_on", "created_at")
    return {
        "gegevensdeling": [
            {
                "datum": d.disclosed_on,
                "ontvanger": d.recipient,
                "soort_ontvanger": str(kinds.get(d.recipient_kind, d.recipient_kind)),
                "doel": d.purpose,
                "grondslag": str(bases.get(d.legal_basis, d.legal_basis)),
                "gegevens": ", ".join(category_labels(d.categories)),
            }
            for d in rows
        ]
    }


def consents_section(resident: Resident) -> dict[str, Any]:
    rows = Consent.objects.filter(resident=resident).order_by("given_on", "created_at")
    return {
        "toestemmingen": [
            {
                "gegeven_op": c.given_on,
                "hoe": c.get_method_display(),
                "doel": c.purpose,
                "aan_wie": c.recipient,
                "gegevens": ", ".join(c.category_labels),
                "apart_ja_voor_gezondheid": c.health_explicit,
                "ingetrokken_op": c.withdrawn_at,
            }
            for c in rows
        ]
    }


def subject_requests_section(resident: Resident) -> dict[str, Any]:
    rows = SubjectRequest.objects.filter(resident=resident).order_by("received_on", "created_at")
    return {
        "verzoeken": [
            {
                "ontvangen_op": r.received_on,
                "verzoek": r.get_right_display(),
                "om_welke_gegevens": r.what,
                "wat_het_moet_zijn": r.correction,
                "reden_beperking": r.get_ground_display() if r.ground else "",
                "stand": r.get_status_display(),
                "uiterlijk_antwoord": r.due_on,
                "waarom_verlengd": r.extension_reason,
                "uitleg_besluit": r.decision_reason,
                "beperking_geldt": r.restricts,
                "wat_we_verbeterden": [
                    {"gegeven": c.label, "was": c.before, "is_nu": c.after, "op": c.created_at}
                    for c in r.rectifications.all()
                ],
            }
            for r in rows.prefetch_related("rectifications")
        ]
    }


def register_sections() -> None:
    register_section(
        "gegevensdeling",
        disclosures_section,
        order=60,
        title=_("Aan wie we uw gegevens gaven"),
        description=_(
            "Soms geven we uw gegevens aan een andere afdeling of organisatie. Hier staat aan wie, waarom, "
            "en waarom dat mocht (de grondslag)."
        ),
        labels={"gegevensdeling": _("Gegevens gedeeld")},
    )
    register_section(
        "toestemmingen",
        consents_section,
        order=61,
        title=_("Uw toestemming"),
        description=_("Hier staat waarvoor u toestemming gaf om uw gegevens te delen, en of u die introk."),
        labels={"toestemmingen": _("Toestemmingen"), "aan_wie": _("Aan wie")},
    )
    register_section(
        "verzoeken",
        subject_requests_section,
        order=62,
        title=_("Uw verzoeken om gegevens te verbeteren of te beperken"),
        description=_(
            "U mag vragen om uw gegevens te verbeteren, of om minder met uw gegevens te doen. Hier staat wat "
            "u vroeg, wat wij besloten en waarom."
        ),
        labels={"verzoeken": _("Verzoeken")},
    )
