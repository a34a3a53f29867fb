"""Every write of a broad analysis, in one transaction with its access-log row."""

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from stevig.analysis.models import CHILD_DOMAINS, Analysis, Domain, DomainScore, Score
from stevig.analysis.selectors import current_members, is_child, is_emergency
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.trajectories.models import Phase, Trajectory
from stevig.trajectories.selectors import TRAJECTORY

MAX_TEXT = 5000


def ensure_open(trajectory: Trajectory) -> None:
    if trajectory.phase == Phase.CLOSED:
        raise ValidationError(_("Dit traject is afgesloten. U kunt er niets meer aan toevoegen."))


def _valid_score(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in Score.values


def record_analysis(
    *,
    actor: Actor,
    trajectory_id: uuid.UUID,
    resident_id: uuid.UUID,
    analysed_on: date,
    scores: Iterable[Mapping[str, Any]],
    self_direction: int | None = None,
    strengths: str = "",
    wishes: str = "",
) -> Analysis:
    """Record a dated analysis of one household member. Only the domains given are scored; the
    previous analyses stay as they are, so the household view can compare."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.CREATE, part=Part.ANALYSIS
    )
    with transaction.atomic():
        ensure_open(trajectory)
        member = next((m for m in current_members(trajectory) if m.resident_id == resident_id), None)
        errors: dict[str, list[str]] = {}
        if member is None:
            errors.setdefault("resident", []).append(
                _("Deze persoon hoort niet bij het huishouden van dit traject.")
            )
        if analysed_on > timezone.localdate():
            errors.setdefault("analysed_on", []).append(_("De datum van de analyse ligt in de toekomst."))
        if self_direction is not None and not _valid_score(self_direction):
            errors.setdefault("self_direction", []).append(_("Zelfregie is een getal van 1 tot en met 5."))
        for name, text in (("strengths", strengths), ("wishes", wishes)):
            if len(text) > MAX_TEXT:
                errors.setdefault(name, []).append(_("Gebruik hoogstens 5000 tekens."))
        rows = list(scores)
        seen: set[str] = set()
        score_errors: list[str] = []
        if not rows:
            score_errors.append(_("Vul minstens één leefgebied in. Alleen de leefgebieden die ertoe doen."))
        for row in rows:
            domain, score = row.get("domain"), row.get("score")
            if domain not in Domain.values:
                score_errors.append(_("Dit leefgebied bestaat niet: %(domain)s.") % {"domain": domain})
                continue
            label = capfirst(str(Domain(domain).label))
            if domain in seen:
                score_errors.append(_("%(domain)s staat er twee keer in.") % {"domain": label})
            seen.add(domain)
            if not _valid_score(score):
                score_errors.append(
                    _("De score bij %(domain)s moet 1, 2, 3, 4 of 5 zijn.") % {"domain": label}
                )
            if len(row.get("note") or "") > MAX_TEXT:
                score_errors.append(_("De toelichting bij %(domain)s is te lang.") % {"domain": label})
            if member is not None and domain in CHILD_DOMAINS and not is_child(member.resident, analysed_on):
                score_errors.append(
                    _("%(domain)s vult u alleen in voor kinderen (jonger dan 18).") % {"domain": label}
                )
        if score_errors:
            errors["scores"] = score_errors
        if errors:
            raise ValidationError(errors)
        analysis = Analysis.objects.create(
            municipality_id=trajectory.municipality_id,
            trajectory=trajectory,
            resident_id=resident_id,
            analysed_on=analysed_on,
            self_direction=self_direction,
            strengths=strengths,
            wishes=wishes,
            created_by=actor.user,
        )
        DomainScore.objects.bulk_create(
            [
                DomainScore(
                    municipality_id=trajectory.municipality_id,
                    analysis=analysis,
                    domain=row["domain"],
                    score=row["score"],
                    note=row.get("note") or "",
                )
                for row in rows
            ]
        )
        log.allowed(
            actor,
            Action.CREATE,
            Part.ANALYSIS,
            [resident_id],
            object_type="analysis",
            object_id=analysis.id,
            emergency=is_emergency(actor=actor, trajectory=trajectory),
            detail={"leefgebieden": sorted(seen)},
        )
        return analysis
