"""The catalogue of legal bases (grondslagen): which law and article allows sharing which data with which
kind of recipient. Every disclosure (typed in, mandate request, decision to a provider, referral,
consultation) is checked against it in `services.record_disclosure`, so a worker picks from what the law
allows for that recipient instead of choosing freely.

The articles (versions in force in 2026; a privacy officer or lawyer checks them against wetten.overheid.nl
before production, see docs/avg.md):

* AVG (EU 2016/679) art. 6 lid 1: a (consent), c (legal duty), d (vital interest), e (public task). Art. 9
  lid 1 forbids processing health data unless lid 2 applies: a (explicit consent), c (vital interest), or
  g/h with a national law. A public task alone (art. 6 lid 1 onder e) therefore never carries health data.
* Wmo 2015 art. 5.1.1: the college processes personal data, including health data, as far as needed for
  the investigation (art. 2.3.2), the decision and the provision of support, and shares them with the
  provider (aanbieder) that delivers the support.
* Jeugdwet art. 7.4.0 lid 1: the college, jeugdhulpaanbieders and certified institutions process personal
  data, including health data, as far as needed for their tasks under this law.
* Wet gemeentelijke schuldhulpverlening art. 5: the college processes personal data for debt help (lid 1),
  and may receive them from others (art. 7). Health data are not named: they need the resident's consent.
* Participatiewet art. 64 and Wet SUWI art. 62: data for bijstand and work go between the college and
  the SUWI chain (UWV, SVB) and its own departments for that purpose; no health data on this ground.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stevig.datasharing.models import DataCategory, LegalBasis, RecipientKind, category_labels
from stevig.tenancy.models import Department

ALL_CATEGORIES: frozenset[str] = frozenset(DataCategory.values)
# Data that may travel on a ground that does not allow special categories (AVG art. 9) or safety notes.
ORDINARY: frozenset[str] = frozenset(
    {
        DataCategory.PERSONAL,
        DataCategory.CONTACT,
        DataCategory.HOUSEHOLD,
        DataCategory.OTHER,
    }
)
MONEY_AND_HOUSING: frozenset[str] = ORDINARY | {
    DataCategory.FINANCES,
    DataCategory.HOUSING,
    DataCategory.DECISION,
}


@dataclass(frozen=True)
class Ground:
    code: str
    article: str
    # In plain words: when this ground applies.
    when: Promise
    recipient_kinds: frozenset[str]
    categories: frozenset[str]
    # Only for the department that gives debt help (Department.debt_help).
    debt_help_only: bool = False

    @property
    def label(self) -> str:
        return str(LegalBasis(self.code).label)


ALL_KINDS: frozenset[str] = frozenset(RecipientKind.values)

CATALOGUE: dict[str, Ground] = {
    g.code: g
    for g in (
        Ground(
            LegalBasis.CONSENT,
            "AVG art. 6 lid 1 onder a; voor gezondheid art. 9 lid 2 onder a",
            gettext_lazy("De inwoner zei zelf ja, voor deze ontvanger en deze gegevens."),
            ALL_KINDS,
            ALL_CATEGORIES,
        ),
        Ground(
            LegalBasis.WMO_CH5,
            "Wmo 2015 art. 5.1.1",
            gettext_lazy("Voor onderzoek, besluit en ondersteuning uit de Wmo, ook met de zorgaanbieder."),
            frozenset({RecipientKind.DEPARTMENT, RecipientKind.PARTNER, RecipientKind.SPECIALIST}),
            ALL_CATEGORIES,
        ),
        Ground(
            LegalBasis.JEUGDWET_CH7,
            "Jeugdwet art. 7.4.0 lid 1",
            gettext_lazy("Voor jeugdhulp: met de jeugdhulpaanbieder of een specialist."),
            frozenset({RecipientKind.DEPARTMENT, RecipientKind.PARTNER, RecipientKind.SPECIALIST}),
            ALL_CATEGORIES,
        ),
        Ground(
            LegalBasis.WGS,
            "Wet gemeentelijke schuldhulpverlening art. 5",
            gettext_lazy(
                "Voor schuldhulp: alleen met schuldhulpverlening. Niet voor gezondheid of veiligheid."
            ),
            frozenset({RecipientKind.DEPARTMENT, RecipientKind.PARTNER}),
            MONEY_AND_HOUSING | {DataCategory.ANALYSIS, DataCategory.PLAN},
            debt_help_only=True,
        ),
        Ground(
            LegalBasis.PARTICIPATIEWET,
            "Participatiewet art. 64; Wet SUWI art. 62",
            gettext_lazy("Voor bijstand en werk: met de afdeling werk en inkomen. Niet voor gezondheid."),
            frozenset({RecipientKind.DEPARTMENT}),
            MONEY_AND_HOUSING,
        ),
        Ground(
            LegalBasis.PUBLIC_TASK,
            "AVG art. 6 lid 1 onder e",
            gettext_lazy(
                "Voor een taak van de gemeente, zoals een verwijzing of advies vragen. Alleen naam, adres, "
                "contact en het huishouden. Nooit gezondheid, geld of veiligheid."
            ),
            frozenset({RecipientKind.DEPARTMENT, RecipientKind.SPECIALIST, RecipientKind.FACILITY}),
            ORDINARY,
        ),
        Ground(
            LegalBasis.LEGAL_DUTY,
            "AVG art. 6 lid 1 onder c",
            gettext_lazy("Een wet zegt dat de gemeente het moet geven, bijvoorbeeld aan de rechter."),
            ALL_KINDS,
            ALL_CATEGORIES,
        ),
        Ground(
            LegalBasis.VITAL_INTEREST,
            "AVG art. 6 lid 1 onder d; art. 9 lid 2 onder c",
            gettext_lazy("Nood: het leven of de gezondheid van iemand is in gevaar."),
            ALL_KINDS,
            ALL_CATEGORIES,
        ),
    )
}


def grounds_for(recipient_kind: str, department: Department | None = None) -> list[Ground]:
    """The grounds that may carry a disclosure to this kind of recipient (and this department)."""
    return [
        g
        for g in CATALOGUE.values()
        if recipient_kind in g.recipient_kinds
        and not (
            g.debt_help_only and recipient_kind == RecipientKind.DEPARTMENT and not _debt_help(department)
        )
    ]


def _debt_help(department: Department | None) -> bool:
    return department is not None and department.debt_help


def problem(
    *, legal_basis: str, recipient_kind: str, categories: Iterable[str], department: Department | None = None
) -> str | None:
    """Why this ground cannot carry these data to this recipient, or None when the catalogue allows it."""
    ground = CATALOGUE.get(legal_basis)
    if ground is None:
        return _("Kies de grondslag: waarom mag u deze gegevens delen?")
    kind_label = str(RecipientKind(recipient_kind).label) if recipient_kind in RecipientKind.values else ""
    allowed = [g.label for g in grounds_for(recipient_kind, department)]
    if recipient_kind not in ground.recipient_kinds or (
        ground.debt_help_only and recipient_kind == RecipientKind.DEPARTMENT and not _debt_help(department)
    ):
        return _("%(ground)s geldt niet voor deze ontvanger (%(kind)s). Wel mogelijk: %(allowed)s.") % {
            "ground": ground.label,
            "kind": department.name if department is not None else kind_label,
            "allowed": "; ".join(allowed),
        }
    outside = [c for c in categories if c not in ground.categories]
    if outside:
        return _(
            "Op grond van %(ground)s mag u dit niet delen: %(list)s. Haal dat weg, of kies een andere "
            "grondslag, zoals toestemming van de inwoner."
        ) % {"ground": ground.label, "list": ", ".join(category_labels(outside))}
    return None


@dataclass(frozen=True)
class CatalogueRow:
    label: str
    article: str
    when: str
    recipients: str
    data: str


def catalogue_rows() -> list[CatalogueRow]:
    """The catalogue in words, for the worker's page and the resident's inzage."""
    return [
        CatalogueRow(
            g.label,
            g.article,
            str(g.when),
            ", ".join(str(label) for code, label in RecipientKind.choices if code in g.recipient_kinds),
            _("alle soorten")
            if g.categories == ALL_CATEGORIES
            else ", ".join(category_labels(sorted(g.categories))),
        )
        for g in CATALOGUE.values()
    ]


def legal_basis_field(recipient_kind: str) -> Any:
    """An optional form field with the grounds the catalogue allows for this kind of recipient (consent has
    its own road: the register page or the API), defaulting to the municipality's task."""
    from django import forms

    return forms.ChoiceField(
        label=gettext_lazy("Grondslag: waarom mag de ontvanger dit weten?"),
        choices=[(g.code, g.label) for g in grounds_for(recipient_kind) if g.code != LegalBasis.CONSENT],
        initial=LegalBasis.PUBLIC_TASK,
        required=False,
        help_text=gettext_lazy(
            "Dit komt in het register 'Gegevens gedeeld'. Gaat het om gezondheid? Kies dan de Wmo of de "
            "Jeugdwet, of leg eerst toestemming vast."
        ),
    )
