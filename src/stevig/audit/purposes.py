"""'Doel' and 'namens wie' of an access-log row (NEN 7513:2024, 5.2: the log records the purpose of the
access and, when someone acts for another, on whose behalf).

The purpose comes from one fixed list (`Purpose`). A caller that knows it names it on the `Actor`
(e.g. the privacy officer's supervision, a resident's inzage request); otherwise it follows from the
part of the file touched and the actor's role (`purpose_for`): a decision is read for decision-making,
a bezwaar for legal protection, a mandate request by the department to carry it out.

'Namens wie' (`acting_for`) is filled when someone acts for another:
* a department worker acts for the department that received the mandate request;
* the coordinator, on escalation, uses the college's doorzettingsmacht;
* under emergency access the worker acts outside the own team, in the file of the team that holds it.
An `on_behalf_of` named on the `Actor` always wins.
"""

import uuid
from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from stevig.audit.models import Part

__all__ = ["Purpose", "acting_for", "purpose_for"]


class Purpose(models.TextChoices):
    SUPPORT = "ondersteuning", _("ondersteuning van het huishouden")
    DECISION = "besluitvorming", _("aanvraag en beschikking")
    LEGAL_PROTECTION = "rechtsbescherming", _("bezwaar, klacht en beroep")
    MANDATE = "uitvoering mandaatverzoek", _("uitvoering van een mandaatverzoek door een afdeling")
    ESCALATION = "doorzettingsmacht", _("escalatie naar de coördinator")
    DATA_SHARING = "gegevensdeling", _("gegevens delen met toestemming of grondslag")
    SAFETY = "veiligheid (Meldcode)", _("veiligheid (Meldcode)")
    EMERGENCY = "noodtoegang", _("noodtoegang")
    SUPERVISION = "privacytoezicht", _("toezicht door de privacy officer")
    DATA_SUBJECT = "inzageverzoek AVG art. 15", _("verzoek van de inwoner (AVG)")
    POLICY = "beleid", _("beleid en sturing")
    SETUP = "inrichting", _("inrichting door functioneel beheer")
    # Questions to the BRP (Basisregistratie Personen) and messages with providers (iWmo/iJw).
    BRP_SEARCH = "inwoner opzoeken in de BRP", _("inwoner opzoeken in de BRP")
    BRP_HOUSEHOLD = "huishouden vullen uit de BRP", _("huishouden vullen uit de BRP")
    BRP_COMPARE = "dossier vergelijken met de BRP", _("dossier vergelijken met de BRP")
    BRP_GEZAG = "gezag nagaan in de BRP", _("gezag nagaan in de BRP")
    MESSAGES = "iWmo/iJw-berichten uitwisselen", _("berichten uitwisselen met zorgaanbieders (iWmo/iJw)")


_BY_PART: dict[str, Purpose] = {
    **dict.fromkeys(
        (
            Part.DECISION,
            Part.DECISIONS,
            Part.DECISIONS_WORKLIST,
            Part.DECISION_LETTER,
            Part.APPLICATION,
            Part.APPLICATIONS,
            Part.LIFELONG_LIMITATION,
            Part.PERIODIC_CONTACT,
        ),
        Purpose.DECISION,
    ),
    **dict.fromkeys((Part.OBJECTION, Part.COMPLAINT, Part.APPEAL), Purpose.LEGAL_PROTECTION),
    **dict.fromkeys((Part.DATA_SHARING, Part.CONSENT), Purpose.DATA_SHARING),
    **dict.fromkeys(
        (
            Part.SAFETY,
            Part.SAFETY_TRACKS,
            Part.SAFETY_STEP,
            Part.SAFETY_FOLLOW_UP,
            Part.SAFETY_NAMED,
            Part.SAFETY_RISK,
        ),
        Purpose.SAFETY,
    ),
    **dict.fromkeys((Part.EMERGENCY, Part.SAFETY_EMERGENCY), Purpose.EMERGENCY),
    Part.COORDINATION: Purpose.ESCALATION,
    **dict.fromkeys(
        (
            Part.ACCESS_LOG,
            Part.EMERGENCY_OVERVIEW,
            Part.EMERGENCY_REVIEW,
            Part.DESTRUCTION_LIST,
            Part.LITIGATION_HOLD,
        ),
        Purpose.SUPERVISION,
    ),
    **dict.fromkeys(
        (Part.SUBJECT_SEARCH, Part.SUBJECT_EXPORT, Part.SUBJECT_REQUEST, Part.SUBJECT_REQUESTS),
        Purpose.DATA_SUBJECT,
    ),
    **dict.fromkeys(
        (Part.FIGURES, Part.INTAKE_FIGURES, Part.DECISION_FIGURES, Part.TRANSITIONS_OVERVIEW), Purpose.POLICY
    ),
    **dict.fromkeys((Part.SETUP, Part.ACCOUNT), Purpose.SETUP),
}
_MANDATE_PARTS = frozenset({Part.MANDATE_REQUEST, Part.MANDATE_REQUESTS, Part.FOUR_EYES, Part.COORDINATION})

# Roles as stored on the user (accounts.Role values; no import: accounts sits above audit's models).
_DEPARTMENT = "vakafdeling"
_COORDINATOR = "coordinator"


def purpose_for(*, named: str, part: str, role: str, emergency: bool) -> str:
    """The purpose the row keeps: the one the caller named when it is on the list and more precise than
    the default 'ondersteuning'; else the one that matches the part and the role."""
    if named in Purpose.values and named != Purpose.SUPPORT:
        return named
    if emergency:
        return Purpose.EMERGENCY
    if part in _MANDATE_PARTS:
        if role == _DEPARTMENT:
            return Purpose.MANDATE
        if role == _COORDINATOR:
            return Purpose.ESCALATION
    return _BY_PART.get(part, Purpose.SUPPORT)


def acting_for(*, user, part: str, emergency: bool, residents: Iterable[uuid.UUID | str]) -> str:  # type: ignore[no-untyped-def]
    """'Namens wie' for a row whose actor named nobody (empty when the actor acts for themselves)."""
    if user.role == _DEPARTMENT and user.department_id:
        return str(_("afdeling %(name)s (mandaat)") % {"name": user.department.name})[:150]
    if user.role == _COORDINATOR and part in _MANDATE_PARTS:
        return str(_("college van B en W (doorzettingsmacht)"))
    if emergency:
        team = _holding_team(residents, user.municipality_id)
        if team:
            return str(_("%(team)s (noodtoegang)") % {"team": team})[:150]
        return str(_("team van het dossier (noodtoegang)"))
    return ""


def _holding_team(residents: Iterable[uuid.UUID | str], municipality_id: object) -> str:
    """The team that holds the household of the residents (under emergency access the worker acts in
    that team's file). One query; only for emergency rows."""
    from stevig.people.models import Household  # people builds on audit: import at call time

    ids = [str(r) for r in residents]
    if not ids:
        return ""
    name = (
        Household.objects.filter(
            municipality_id=municipality_id,
            memberships__resident_id__in=ids,
            memberships__end_date__isnull=True,
            team__isnull=False,
        )
        .values_list("team__name", flat=True)
        .first()
    )
    return name or ""
