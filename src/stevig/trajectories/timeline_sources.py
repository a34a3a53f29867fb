"""The trajectory app's own timeline sources: questions, phase changes, contacts, help, consultations."""

from django.apps import apps
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from stevig.core.context import Actor
from stevig.people.models import Household
from stevig.trajectories import timeline
from stevig.trajectories.models import BasicHelp, Consultation, Contact, Phase, PhaseChange
from stevig.trajectories.timeline import TimelineItem


def _short(text: str, words: int = 30) -> str:
    return Truncator(text).words(words)


def _trajectory_url(trajectory_id: object, anchor: str) -> str:
    return reverse("trajectories:detail", args=[trajectory_id]) + f"#{anchor}"


def phase_items(household: Household, actor: Actor) -> list[TimelineItem]:
    rows = PhaseChange.objects.filter(trajectory__household=household).select_related("changed_by")
    items = []
    for change in rows:
        if change.from_phase:
            title = _("Fase: van %(from)s naar %(to)s") % {
                "from": Phase(change.from_phase).label,
                "to": Phase(change.to_phase).label,
            }
        else:
            title = _("Traject geopend")
        items.append(
            TimelineItem(
                change.changed_at,
                "fase",
                title,
                _short(change.reason),
                _trajectory_url(change.trajectory_id, "fase"),
            )
        )
    return items


def contact_items(household: Household, actor: Actor) -> list[TimelineItem]:
    rows = Contact.objects.filter(trajectory__household=household)
    return [
        TimelineItem(
            c.contact_date,
            "contact",
            _("Contact: %(kind)s") % {"kind": c.get_kind_display()},
            _short(c.summary),
            _trajectory_url(c.trajectory_id, "contacten"),
        )
        for c in rows
    ]


def help_items(household: Household, actor: Actor) -> list[TimelineItem]:
    items = []
    for h in BasicHelp.objects.filter(trajectory__household=household):
        url = _trajectory_url(h.trajectory_id, "basishulp")
        items.append(
            TimelineItem(
                h.start_date,
                "basishulp",
                _("Basishulp: %(kind)s") % {"kind": h.get_kind_display()},
                _short(h.description),
                url,
            )
        )
        if h.evaluated_at:
            items.append(
                TimelineItem(
                    h.evaluated_at,
                    "evaluatie",
                    _("Basishulp geëvalueerd: %(kind)s") % {"kind": h.get_kind_display()},
                    _short(h.evaluation_note),
                    url,
                )
            )
    return items


def consultation_items(household: Household, actor: Actor) -> list[TimelineItem]:
    items = []
    for c in Consultation.objects.filter(trajectory__household=household).select_related("area"):
        if c.kind == Consultation.Kind.REFERRAL:
            title = _("Verwezen naar specialistische hulp (%(area)s)") % {"area": c.area.name}
            kind = "verwijzing"
        else:
            title = _("Consultatie %(area)s") % {"area": c.area.name}
            kind = "consultatie"
        items.append(
            TimelineItem(
                c.consultation_date,
                kind,
                title,
                _short(c.question),
                _trajectory_url(c.trajectory_id, "expertise"),
            )
        )
    return items


def question_items(household: Household, actor: Actor) -> list[TimelineItem]:
    """Questions from the intake app, when its model links a question to a household."""
    try:
        question_model = apps.get_model("intake", "Question")
    except LookupError:
        return []
    if not any(f.name == "household" for f in question_model._meta.get_fields()):
        return []
    rows = question_model.objects.filter(household=household).order_by("received_at")
    return [
        TimelineItem(q.received_at, "vraag", _("Vraag %(ref)s") % {"ref": q.reference}, _short(q.text))
        for q in rows
    ]


def register_sources() -> None:
    timeline.register("trajectories.phases", phase_items)
    timeline.register("trajectories.contacts", contact_items)
    timeline.register("trajectories.basic_help", help_items)
    timeline.register("trajectories.consultations", consultation_items)
    timeline.register("intake.questions", question_items)
