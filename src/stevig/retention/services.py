"""Destroying a household file: the file and everything derived from it, in one transaction, or nothing.

The access log (no foreign keys) and a `DestructionRecord` stay. The destruction is refused, with a clear
error and nothing removed, while the file is under a litigation hold or a legal term is still open (an
aanvraag without decision, an open trajectory, safety track or mandate request).

How the rows are found: starting from the household, every row in a Stevig app that points at a row
already found (a foreign key or one-to-one) is derived data and goes too, until nothing new is found.
Residents go with the file only when they never lived in another household (otherwise only this
household's rows about them go). Many foreign keys are PROTECT, so the rows are deleted model by model in
an order that satisfies them: a model whose rows are still protected by rows not yet deleted waits for
the next round. A cycle that cannot be resolved rolls everything back.
"""

import uuid
from collections import defaultdict
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied, RoleDenied, VersionConflict
from stevig.core.versioning import save_if_unchanged
from stevig.people.models import Household, HouseholdMembership, Resident
from stevig.retention import rules, selectors
from stevig.retention.models import (
    DestructionList,
    DestructionListItem,
    DestructionRecord,
    DestructionRequest,
    ItemStatus,
    ListStatus,
    LitigationHold,
    Requester,
    RequestLaw,
    RequestStatus,
)

# Apps whose rows are never part of a resident's file: the tenant, staff accounts, the access log itself.
# A row there pointing at the file blocks the destruction. (A lifted litigation hold goes with the file;
# an active one has refused the destruction before.)
KEPT_APPS = frozenset({"tenancy", "accounts", "audit"})
MAX_ROUNDS = 50


def _project_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("stevig.")]


def _pointers(model: type[models.Model]) -> list[models.Field]:  # type: ignore[type-arg]
    return [
        f
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False) and (f.many_to_one or f.one_to_one) and f.related_model is not None
    ]


def collect(household: Household, resident_ids: set[uuid.UUID]) -> dict[type[models.Model], set[Any]]:
    """Every row of the file: the household, the residents that go with it, and all rows derived from
    them. Raises ValidationError when a row that must stay (staff account, tenant set-up) points at it."""
    found: dict[type[models.Model], set[Any]] = defaultdict(set)
    found[Household].add(household.pk)
    found[Resident] |= resident_ids
    frontier: dict[type[models.Model], set[Any]] = {k: set(v) for k, v in found.items() if v}
    candidates = [(m, _pointers(m)) for m in _project_models()]
    while frontier:
        new: dict[type[models.Model], set[Any]] = defaultdict(set)
        for model, fields in candidates:
            for field in fields:
                target = field.related_model
                if target not in frontier:
                    continue
                rows = model._default_manager.filter(**{f"{field.name}__in": frontier[target]})  # type: ignore[index]
                ids = set(rows.values_list("pk", flat=True))
                if not ids:
                    continue
                if model._meta.app_label in KEPT_APPS:
                    raise ValidationError(
                        {
                            "household": _(
                                "Dit dossier kan niet worden vernietigd: %(what)s verwijst ernaar. "
                                "Er is niets verwijderd."
                            )
                            % {"what": model._meta.verbose_name}
                        }
                    )
                ids -= found[model]
                if ids:
                    new[model] |= ids
        for model, ids in new.items():
            found[model] |= ids
        frontier = dict(new)
    return found


def _delete_in_order(found: dict[type[models.Model], set[Any]]) -> dict[str, int]:
    remaining = {model: ids for model, ids in found.items() if ids}
    removed: dict[str, int] = defaultdict(int)
    for _round in range(MAX_ROUNDS):
        if not remaining:
            return dict(removed)
        progress = False
        for model in list(remaining):
            try:
                with transaction.atomic():
                    _total, per_model = model._default_manager.filter(pk__in=remaining[model]).delete()
            except (ProtectedError, RestrictedError, IntegrityError):
                continue  # still protected by rows deleted in a later round
            for label, count in per_model.items():
                removed[label] += count
            del remaining[model]
            progress = True
        if not progress:
            break
    raise ValidationError(
        {
            "household": _(
                "Dit dossier kan niet in een geldige volgorde worden vernietigd. Er is niets verwijderd."
            )
        }
    )


def blocking_reasons(household: Household) -> list[str]:
    """Why the file may not be destroyed now (empty: it may)."""
    from stevig.decisions.models import Application
    from stevig.mandates.models import OPEN_STATUSES, MandateRequest
    from stevig.safety.models import SafetyTrack
    from stevig.safety.models import Status as SafetyStatus
    from stevig.trajectories.models import Trajectory

    reasons = []
    if LitigationHold.objects.filter(household=household, lifted_at__isnull=True).exists():
        reasons.append(_("Er geldt een bewaarplicht wegens een geschil (litigation hold)."))
    if Application.objects.filter(household=household, status="open").exists():
        reasons.append(_("Er loopt een aanvraag zonder besluit: de wettelijke beslistermijn loopt nog."))
    if Trajectory.objects.filter(household=household, closed_at__isnull=True).exists():
        reasons.append(_("Er loopt nog een traject."))
    if SafetyTrack.objects.filter(household=household).exclude(status=SafetyStatus.CLOSED).exists():
        reasons.append(_("Er loopt nog een veiligheidsspoor (Meldcode)."))
    if MandateRequest.objects.filter(household=household, status__in=OPEN_STATUSES).exists():
        reasons.append(_("Er loopt nog een mandaatverzoek met een termijn."))
    return reasons


def destroy_household(*, actor: Actor, household_id: uuid.UUID, ground: str) -> DestructionRecord:
    """Destroy a household file on an approved ground (e.g. "Jeugdwet art. 7.3.8: bewaartermijn
    verstreken"). Only the privacy officer; one transaction; refused while anything blocks it."""
    if actor.role != Role.PRIVACY:
        log.denied(actor, Action.DELETE, Part.HOUSEHOLD, object_type="household", object_id=household_id)
        raise RoleDenied("Alleen de privacy officer vernietigt dossiers.")
    ground = (ground or "").strip()
    mine = Household.objects.filter(id=household_id, municipality_id=actor.municipality_id)
    if not mine.exists():  # logged outside the transaction, so the denial row survives
        log.denied(actor, Action.DELETE, Part.HOUSEHOLD, object_type="household", object_id=household_id)
        raise AccessDenied("Dit huishouden bestaat niet (meer).", can_break_glass=False)
    with transaction.atomic():
        household = mine.select_for_update().get()
        if not ground:
            raise ValidationError({"ground": _("Schrijf op op welke grond het dossier wordt vernietigd.")})
        reasons = blocking_reasons(household)
        if reasons:
            raise ValidationError({"household": reasons})
        members = set(
            HouseholdMembership.objects.filter(household=household).values_list("resident_id", flat=True)
        )
        elsewhere = set(
            HouseholdMembership.objects.filter(resident_id__in=members)
            .exclude(household=household)
            .values_list("resident_id", flat=True)
        )
        going = members - elsewhere
        found = collect(household, going)
        removed = _delete_in_order(found)
        record = DestructionRecord.objects.create(
            municipality_id=actor.municipality_id,
            household_ref=str(household_id),
            resident_refs=sorted(str(r) for r in members),
            ground=ground,
            approved_by=actor.user,
            removed=removed,
        )
        log.allowed(
            actor,
            Action.DELETE,
            Part.HOUSEHOLD,
            sorted(members),
            object_type="household",
            object_id=household_id,
            detail={"grond": ground[:200], "rijen": sum(removed.values())},
        )
        return record


# ---- The monthly destruction list ------------------------------------------------------------------------


def make_destruction_list(*, municipality_id: uuid.UUID, today: date) -> DestructionList:
    """The month's list of files whose retention period passed before `today` (run by the monthly job).
    Safe to run twice: a month that has its list keeps it as it is. A system operation: it reads no file
    for a person and writes no access-log row; the privacy officer's reading of the list is logged."""
    month = today.replace(day=1)
    with transaction.atomic():
        existing = DestructionList.objects.filter(municipality_id=municipality_id, month=month).first()
        if existing is not None:
            return existing
        candidates = selectors.files_past_their_term(municipality_id=municipality_id, today=today)
        destruction_list = DestructionList.objects.create(
            municipality_id=municipality_id,
            month=month,
            made_on=today,
            status=ListStatus.OPEN if candidates else ListStatus.DONE,
        )
        DestructionListItem.objects.bulk_create(
            DestructionListItem(
                municipality_id=municipality_id,
                destruction_list=destruction_list,
                household_ref=str(c.household_id),
                kinds=c.kinds,
                last_involvement=c.last_involvement,
                keep_until=c.keep_until,
                sources=c.sources,
            )
            for c in candidates
        )
        return destruction_list


class Decision:
    APPROVE = "goedkeuren"
    REJECT = "afwijzen"
    CHOICES = ((APPROVE, _("goedkeuren: vernietigen")), (REJECT, _("afwijzen: bewaren")))


def review_item(
    *, actor: Actor, item_id: uuid.UUID, decision: str, reason: str, expected_version: int
) -> DestructionListItem:
    """The privacy officer approves (the file is destroyed now, by `destroy_household`, in the same
    transaction) or rejects (the file stays) one file on the list, with her reason.

    409 (`VersionConflict`) when the list is stale: the item was decided since she read it
    (`expected_version`), or a newer month's list replaced this one. A file that may not be destroyed
    (litigation hold, open legal term) is refused with the reasons and nothing changes."""
    item = selectors.own_item(actor=actor, item_id=item_id, action=Action.DELETE)
    reason = (reason or "").strip()
    errors = {}
    if decision not in (Decision.APPROVE, Decision.REJECT):
        errors["decision"] = _("Kies goedkeuren of afwijzen.")
    if len(reason) < 5:
        errors["reason"] = _("Schrijf op waarom (minstens 5 tekens).")
    if errors:
        raise ValidationError(errors)
    if item.version != expected_version or item.status != ItemStatus.PROPOSED:
        raise VersionConflict("Dit dossier is intussen al beoordeeld. Laad de lijst opnieuw.")
    if selectors.latest_list_id(actor.municipality_id) != item.destruction_list_id:
        raise VersionConflict("Er is een nieuwere vernietigingslijst. Beoordeel het dossier op die lijst.")
    household_id = uuid.UUID(item.household_ref)
    with transaction.atomic():
        # Claim the item first (a conditional update): of two decisions on the same version only one
        # gets through, the other answers 409 before anything is destroyed.
        save_if_unchanged(
            item,
            expected_version=expected_version,
            fields={
                "decided_by": actor.user,
                "decided_at": timezone.now(),
                "reason": reason,
                "status": ItemStatus.DESTROYED if decision == Decision.APPROVE else ItemStatus.REJECTED,
            },
        )
        if decision == Decision.APPROVE:
            if not Household.objects.filter(id=household_id, municipality_id=actor.municipality_id).exists():
                raise ValidationError({"decision": _("Dit dossier is al vernietigd.")})
            record = destroy_household(
                actor=actor,
                household_id=household_id,
                ground=f"Bewaartermijn verstreken ({'; '.join(item.sources)}). {reason}",
            )
            DestructionListItem.objects.filter(id=item.id).update(record=record)
            item.record = record
            subjects = [uuid.UUID(r) for r in record.resident_refs]
        else:
            subjects = selectors.member_ids(household_id)
        log.allowed(
            actor,
            Action.UPDATE,
            Part.DESTRUCTION_LIST,
            subjects,
            object_type="vernietigingslijst-item",
            object_id=str(item.id),
            detail={"besluit": decision, "toelichting": reason[:200]},
        )
        destruction_list = item.destruction_list
        DestructionList.objects.filter(id=destruction_list.id).update(
            version=models.F("version") + 1,
            status=ListStatus.OPEN
            if destruction_list.items.filter(status=ItemStatus.PROPOSED).exists()
            else ListStatus.DONE,
        )
    return item


# ---- Litigation hold (bewaarplicht wegens een geschil) ---------------------------------------------------


def place_hold(*, actor: Actor, household_id: uuid.UUID, reason: str) -> LitigationHold:
    """Keep a file while a dispute, complaint or court case runs: no destruction until it is lifted."""
    household = selectors.household_for_hold(actor=actor, household_id=household_id, action=Action.CREATE)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError(
            {"reason": _("Schrijf op waarom het dossier bewaard moet blijven (minstens 5 tekens).")}
        )
    with transaction.atomic():
        hold = LitigationHold.objects.create(
            municipality_id=household.municipality_id,
            household=household,
            reason=reason,
            placed_by=actor.user,
            placed_at=timezone.now(),
        )
        log.allowed(
            actor,
            Action.CREATE,
            Part.LITIGATION_HOLD,
            selectors.member_ids(household.id),
            object_type="bewaarplicht",
            object_id=str(hold.id),
            detail={"reden": reason[:200]},
        )
    return hold


def lift_hold(*, actor: Actor, hold_id: uuid.UUID, reason: str) -> LitigationHold:
    """End a litigation hold, with the reason (the dispute is over). The hold stays readable."""
    hold = selectors.own_hold(actor=actor, hold_id=hold_id)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": _("Schrijf op waarom de bewaarplicht vervalt (minstens 5 tekens).")})
    with transaction.atomic():
        updated = LitigationHold.objects.filter(id=hold.id, lifted_at__isnull=True).update(
            lifted_at=timezone.now(), lifted_by=actor.user, lift_reason=reason
        )
        if updated != 1:
            raise VersionConflict("Deze bewaarplicht is al opgeheven. Laad de pagina opnieuw.")
        hold.refresh_from_db()
        log.allowed(
            actor,
            Action.UPDATE,
            Part.LITIGATION_HOLD,
            selectors.member_ids(hold.household_id),
            object_type="bewaarplicht",
            object_id=str(hold.id),
            detail={"opgeheven": reason[:200]},
        )
    return hold


# ---- Destruction on request (Jeugdwet art. 7.3.9, Wmo 2015 art. 5.3.5) ---------------------------------


class RequestDecision:
    CARRY_OUT = "uitvoeren"
    REFUSE = "weigeren"
    CHOICES = ((CARRY_OUT, _("uitvoeren: het dossier wordt nu vernietigd")), (REFUSE, _("weigeren")))


def register_destruction_request(
    *, actor: Actor, household_id: uuid.UUID, law: str, received_on: date, requested_by: str
) -> DestructionRequest:
    """Register a resident's request to destroy their file. A worker who may see the household, or the
    privacy officer of its municipality; anyone else gets a logged denial. The due date is three months
    after receipt (`rules.destruction_request_due`)."""
    household = selectors.household_for_request(actor=actor, household_id=household_id)
    errors = {}
    if law not in RequestLaw.values:
        errors["law"] = _("Kies de Jeugdwet of de Wmo 2015.")
    if requested_by not in Requester.values:
        errors["requested_by"] = _("Kies wie om vernietiging vroeg.")
    if received_on > timezone.localdate():
        errors["received_on"] = _("De datum van ontvangst kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = DestructionRequest.objects.create(
            municipality_id=household.municipality_id,
            household_ref=str(household.id),
            law=law,
            received_on=received_on,
            due_on=rules.destruction_request_due(received_on),
            requested_by=requested_by,
            registered_by=actor.user,
        )
        log.allowed(
            actor,
            Action.CREATE,
            Part.DESTRUCTION_LIST,
            selectors.member_ids(household.id),
            object_type="vernietigingsverzoek",
            object_id=str(request.id),
            detail={"wet": law, "ontvangen": received_on.isoformat()},
        )
    return request


def decide_destruction_request(
    *,
    actor: Actor,
    request_id: uuid.UUID,
    decision: str,
    exception: str = "",
    reason: str,
    expected_version: int,
) -> DestructionRequest:
    """The privacy officer carries out the request (the file is destroyed now by `destroy_household`, in
    the same transaction; refused with the reasons while a hold or open legal term blocks it) or refuses
    it on one of the legal exceptions (`rules.RequestException`) with her reason. 409 when the request was
    decided since she read it."""
    request = selectors.own_request(actor=actor, request_id=request_id, action=Action.DELETE)
    reason = (reason or "").strip()
    exception = (exception or "").strip()
    errors = {}
    if decision not in (RequestDecision.CARRY_OUT, RequestDecision.REFUSE):
        errors["decision"] = _("Kies uitvoeren of weigeren.")
    if decision == RequestDecision.REFUSE and exception not in rules.RequestException.values:
        errors["exception"] = _("Kies de uitzondering uit de wet waarop u weigert.")
    if len(reason) < 5:
        errors["reason"] = _("Schrijf op waarom (minstens 5 tekens).")
    if errors:
        raise ValidationError(errors)
    if request.version != expected_version or request.status != RequestStatus.OPEN:
        raise VersionConflict("Over dit verzoek is intussen al besloten. Laad de pagina opnieuw.")
    household_id = uuid.UUID(request.household_ref)
    carry_out = decision == RequestDecision.CARRY_OUT
    with transaction.atomic():
        save_if_unchanged(
            request,
            expected_version=expected_version,
            fields={
                "decided_by": actor.user,
                "decided_at": timezone.now(),
                "reason": reason,
                "exception": "" if carry_out else exception,
                "status": RequestStatus.DONE if carry_out else RequestStatus.REFUSED,
            },
        )
        if carry_out:
            if not Household.objects.filter(id=household_id, municipality_id=actor.municipality_id).exists():
                raise ValidationError({"decision": _("Dit dossier is al vernietigd.")})
            article = RequestLaw(request.law).label
            record = destroy_household(
                actor=actor,
                household_id=household_id,
                ground=f"Verzoek om vernietiging van {request.received_on.isoformat()}, {article}. {reason}",
            )
            DestructionRequest.objects.filter(id=request.id).update(record=record)
            subjects = [uuid.UUID(r) for r in record.resident_refs]
        else:
            subjects = selectors.member_ids(household_id)
        log.allowed(
            actor,
            Action.UPDATE,
            Part.DESTRUCTION_LIST,
            subjects,
            object_type="vernietigingsverzoek",
            object_id=str(request.id),
            detail={"besluit": decision, "uitzondering": exception, "toelichting": reason[:200]},
        )
    request.refresh_from_db()
    return request
