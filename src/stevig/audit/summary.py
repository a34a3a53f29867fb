"""The B1 summary at the top of a resident's inzage (AVG art. 15 lid 1 onder c: to whom the data were
shown): who looked, in which role and team, when and why — in plain Dutch, without usernames or codes.

One short paragraph per person, most recent first. Short sentences and common words (B1, Flesch-Douma
>= 60; tested on the page's own text)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from stevig.accounts.models import Role, User
from stevig.audit.models import AccessLogEntry, AccessLogSubject, Outcome
from stevig.audit.purposes import Purpose
from stevig.people.models import Resident

# Why, as the resident reads it: one plain sentence per purpose on the fixed list.
WHY: dict[str, str] = {
    Purpose.SUPPORT: N_("Dat was om u te helpen."),
    Purpose.DECISION: N_("Dat was om te beslissen over wat u vroeg."),
    Purpose.LEGAL_PROTECTION: N_("Dat was voor uw bezwaar of klacht."),
    Purpose.MANDATE: N_("Het team had de afdeling om hulp voor u gevraagd."),
    Purpose.ESCALATION: N_("Het team en een afdeling waren het niet eens. Deze persoon moest kiezen."),
    Purpose.DATA_SHARING: N_("Dat was om gegevens te delen. Dat mag als u ja zei, of als de wet het zegt."),
    Purpose.SAFETY: N_("Dat was omdat we ons zorgen maakten over de veiligheid thuis."),
    Purpose.EMERGENCY: N_("Er was snel hulp nodig. Dat heet noodtoegang. Wij kijken dat altijd na."),
    Purpose.SUPERVISION: N_("Dat was om te kijken of iedereen zich aan de regels houdt."),
    Purpose.DATA_SUBJECT: N_("Dat was omdat u vroeg welke gegevens wij van u hebben."),
    Purpose.POLICY: N_("Dat was om te tellen hoe vaak iets gebeurt."),
    Purpose.SETUP: N_("Dat was om het systeem klaar te zetten."),
    Purpose.BRP_SEARCH: N_("Dat was om uw gegevens op te zoeken bij de gemeente (de BRP)."),
    Purpose.BRP_HOUSEHOLD: N_("Dat was om te zien wie bij u woont (de BRP)."),
    Purpose.BRP_COMPARE: N_("Dat was om te kijken of uw gegevens nog kloppen (de BRP)."),
    Purpose.BRP_GEZAG: N_("Dat was om te zien wie het gezag over een kind heeft (de BRP)."),
    Purpose.MESSAGES: N_("Dat was om berichten te sturen naar uw zorgaanbieder."),
}
# The role in plain words (the access-log pages use the longer official labels).
ROLE_WORDS: dict[str, str] = {
    Role.WORKER: N_("medewerker van het lokale team"),
    Role.COORDINATOR: N_("coördinator"),
    Role.TEAM_LEAD: N_("teamleider"),
    Role.DEPARTMENT: N_("medewerker"),
    Role.POLICY: N_("beleidsmedewerker"),
    Role.ADMIN: N_("beheerder van het systeem"),
    Role.PRIVACY: N_("privacy officer"),
}
MAX_PEOPLE = 25


@dataclass
class _Person:
    user_id: str
    role: str
    allowed: int = 0
    denied: int = 0
    first: datetime | None = None
    last: datetime | None = None
    purposes: list[str] | None = None


def _day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment).date(), "j F Y")


def access_summary(resident: Resident) -> list[str]:
    """Plain paragraphs: per person who looked (or tried), newest first."""
    code = resident.municipality.code
    rows = (
        AccessLogEntry.objects.filter(
            municipality_code=code,
            id__in=AccessLogSubject.objects.filter(municipality_code=code, resident_id=resident.id).values(
                "entry_id"
            ),
        )
        .order_by("timestamp")
        .values_list("user_id", "role", "outcome", "purpose", "timestamp")
    )
    people: dict[str, _Person] = {}
    for user_id, role, outcome, purpose, moment in rows.iterator(chunk_size=2000):
        key = str(user_id)
        person = people.setdefault(key, _Person(user_id=key, role=role, purposes=[]))
        if outcome == Outcome.DENIED:
            person.denied += 1
            continue
        person.allowed += 1
        person.first = person.first or moment
        person.last = moment
        assert person.purposes is not None
        if purpose not in person.purposes:
            person.purposes.append(purpose)
    if not people:
        return [_("Niemand keek in uw gegevens.")]
    users = {
        str(u.id): u
        for u in User.objects.filter(id__in=[p for p in people if p != "None"]).select_related(
            "team", "department"
        )
    }
    ordered = sorted(people.values(), key=lambda p: p.last or datetime.min.replace(tzinfo=UTC), reverse=True)
    paragraphs = [_paragraph(p, users.get(p.user_id)) for p in ordered[:MAX_PEOPLE]]
    if len(ordered) > MAX_PEOPLE:
        paragraphs.append(
            _("Nog %(count)s andere mensen keken. Die staan verderop in de lijst.")
            % {"count": len(ordered) - MAX_PEOPLE}
        )
    return paragraphs


def _who(user: User | None, role: str) -> tuple[str, str]:
    """('Anna de Vries', 'Zij werkt als medewerker in Team Noord.')"""
    name = (user.get_full_name() if user is not None else "") or _("Een medewerker die hier niet meer werkt")
    role_text = _(ROLE_WORDS.get(role, N_("medewerker")))
    place = ""
    if user is not None and user.team is not None:
        place = user.team.name
    elif user is not None and user.department is not None:
        place = _("de afdeling %(name)s") % {"name": user.department.name}
    if place:
        return name, _("%(name)s werkt als %(role)s bij %(place)s.") % {
            "name": name,
            "role": role_text,
            "place": place,
        }
    return name, _("%(name)s werkt als %(role)s.") % {"name": name, "role": role_text}


def _paragraph(person: _Person, user: User | None) -> str:
    name, works = _who(user, person.role)
    sentences = [works]
    if person.allowed and person.first and person.last:
        times = _("1 keer") if person.allowed == 1 else _("%(n)s keer") % {"n": person.allowed}
        if _day(person.first) == _day(person.last):
            when = _("op %(day)s") % {"day": _day(person.last)}
        else:
            when = _("tussen %(first)s en %(last)s") % {
                "first": _day(person.first),
                "last": _day(person.last),
            }
        sentences.append(
            _("%(name)s keek %(times)s in uw gegevens, %(when)s.")
            % {"name": name, "times": times, "when": when}
        )
        sentences.extend(_(WHY.get(p, WHY[Purpose.SUPPORT])) for p in person.purposes or [])
    if person.denied:
        sentences.append(
            _("%(name)s wilde ook %(times)s kijken. Dat mocht niet. Het systeem hield dat tegen.")
            % {
                "name": name,
                "times": _("1 keer") if person.denied == 1 else _("%(n)s keer") % {"n": person.denied},
            }
        )
    return " ".join(dict.fromkeys(sentences))
