"""iWmo/iJw messages between the municipality and providers: out (301, 319, iJw 316/318) and in (305, 307,
315, 317). Every message is checked against its XSD before it is stored in the outbox or accepted into the
inbox; nothing invalid leaves or is stored as received.

Flow for one decision (docs/koppelingen.md): a decision in kind (zorg in natura) for a product, with a
provider Stevig knows by AGB code, makes an allocation and a 301 toewijzing in the outbox
(`allocate_for_decision`, on the `decision_registered` signal). The provider fetches it (HTTP or folder),
answers with 305 (care started) and 307 (care stopped), matched by ToewijzingNummer. A 315 (verzoek om
toewijzing, matched by BeschikkingNummer) or 317 (verzoek om wijziging, matched by ToewijzingNummer) waits on
the worklist until a worker answers it: toewijzen (a 301) or a 319 (afgewezen / in onderzoek). iJw also
answers 315 with its 316 retour and 317 with its 318 retour the moment it is accepted.
"""

import copy
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from stevig.accounts.models import Role
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import RoleDenied
from stevig.decisions.models import GRANTING, Decision, DecisionForm, Law
from stevig.istandaarden import xml
from stevig.istandaarden.models import (
    Allocation,
    AllocationStatus,
    Direction,
    Message,
    MessageStatus,
    Provider,
)
from stevig.istandaarden.selectors import MESSAGE
from stevig.tenancy.models import Municipality

# Stevig's product categories (decisions.seed) as iStandaarden product categories and codes.
PRODUCTS: dict[str, tuple[str, str]] = {
    "huishoudelijke-hulp": ("01", "01A01"),
    "begeleiding": ("02", "02A01"),
    "kortdurend-verblijf": ("04", "04A01"),
    "dagbesteding": ("07", "07A01"),
    "vervoer": ("08", "08A01"),
    "woningaanpassing": ("13", "13A01"),
    "hulpmiddel": ("14", "14A01"),
    "beschermd-wonen": ("15", "15A01"),
    "jeugdhulp-ambulant": ("45", "45A01"),
    "jeugdhulp-dagbehandeling": ("41", "41A01"),
    "jeugdhulp-verblijf": ("43", "43A01"),
    "jeugd-vervoer": ("42", "42A01"),
}
UNITS = {"uur": "04", "minuten": "01", "dagdeel": "16", "etmaal": "14", "stuk": "82", "euro": "83"}
FREQUENCIES = {"week": "2", "maand": "4", "totaal": "6"}
ANSWERS = {"afgewezen": "1", "in-onderzoek": "2"}
REJECTION_REASONS = {
    "1": _("Geen wijziging, maar nieuwe aanvraag"),
    "2": _("Past niet binnen budget"),
    "3": _("Geen contract"),
    "4": _("Past niet binnen contract"),
    "5": _("Andere gemeente"),
    "6": _("Stapeling"),
    "7": _("Zorginhoudelijke afkeur"),
    "8": _("Woonplaatsbeginsel"),
    "9": _("Leeftijdsgrens is bereikt"),
}
ACCEPTED = ("305", "307", "315", "317")


def standard_for(law: str) -> str:
    return "iwmo" if law == Law.WMO else "ijw"


def municipality_code(municipality: Municipality) -> str:
    """The 4-digit CBS code iStandaarden use as sender/receiver (GM0363 -> 0363)."""
    digits = "".join(ch for ch in municipality.code if ch.isdigit())
    return digits[-4:].rjust(4, "0")


def _next_identification(municipality_id: uuid.UUID) -> str:
    count = Message.objects.filter(municipality_id=municipality_id, direction=Direction.OUT).count()
    return f"STV{count + 1:09d}"[:12]


def _next_allocation_number(municipality_id: uuid.UUID) -> int:
    highest = Allocation.objects.filter(municipality_id=municipality_id).aggregate(n=Max("number"))["n"]
    return (highest or 100000) + 1


def find_provider(municipality_id: uuid.UUID, text: str) -> Provider | None:
    """The provider a decision names: by its AGB code in the text, else by its exact name."""
    text = (text or "").strip()
    if not text:
        return None
    providers = Provider.objects.filter(municipality_id=municipality_id, active=True)
    digits = "".join(ch if ch.isdigit() else " " for ch in text).split()
    by_code = providers.filter(agb_code__in=[d for d in digits if len(d) == 8]).first()
    return by_code or providers.filter(name__iexact=text).first()


def _store_out(
    *,
    municipality_id: uuid.UUID,
    writer: xml.Writer,
    provider: Provider,
    decision: Decision | None,
    allocation: Allocation | None,
    in_reply_to: Message | None,
    identification: str,
) -> Message:
    """Check the message against its XSD and put it in the outbox; an invalid one is kept as refused."""
    body = writer.bytes()
    errors: list[str] = []
    try:
        xml.check(body)
    except xml.InvalidMessage as exc:
        errors = exc.errors
    return Message.objects.create(
        municipality_id=municipality_id,
        direction=Direction.OUT,
        standard=writer.standard,
        code=writer.code,
        identification=identification,
        sender=writer.root.findtext(f"{{{writer.m}}}Header/{{{writer.m}}}Afzender"),
        receiver=provider.agb_code,
        provider=provider,
        decision=decision,
        household_id=decision.household_id if decision else None,
        allocation=allocation,
        in_reply_to=in_reply_to,
        status=MessageStatus.REFUSED if errors else MessageStatus.READY,
        xml=body.decode("utf-8"),
        errors=errors,
    )


def _client(w: xml.Writer, decision: Decision) -> Any:
    resident = decision.resident
    client = w.el(w.root, "Client")
    w.el(client, "Bsn", resident.bsn)
    born = w.el(client, "Geboortedatum")
    w.el(born, "Datum", resident.date_of_birth.isoformat(), base=True)
    w.el(client, "Geslacht", "0")  # not recorded in Stevig: "onbekend"
    name = w.el(client, "Naam")
    surname = w.el(name, "Geslachtsnaam", base=True)
    w.el(surname, "Achternaam", resident.surname[:200], base=True)
    if resident.prefix:
        w.el(surname, "Voorvoegsel", resident.prefix[:10], base=True)
    initials = "".join(part[0] for part in resident.given_names.split() if part[:1].isalpha())[:6]
    if initials:
        w.el(name, "Voorletters", initials.upper(), base=True)
    w.el(name, "NaamGebruik", "1", base=True)
    return client


def _contact(w: xml.Writer, client: Any, decision: Decision) -> None:
    household = decision.household
    contacts = w.el(client, "Contactgegevens")
    contact = w.el(contacts, "Contact")
    w.el(contact, "Soort", "01")  # BRP-adres
    address = w.el(contact, "Adres")
    house = w.el(address, "Huis", base=True)
    w.el(house, "Huisnummer", household.house_number, base=True)
    addition = household.house_number_addition.strip()
    if addition[:1].isalpha():
        w.el(house, "Huisletter", addition[0].upper(), base=True)
        addition = addition[1:].strip()
    if addition:
        w.el(house, "HuisnummerToevoeging", addition[:4], base=True)
    w.el(address, "Postcode", household.postcode.replace(" ", ""), base=True)
    w.el(address, "Straatnaam", household.street[:24], base=True)
    w.el(address, "Plaatsnaam", household.city[:80], base=True)
    w.el(address, "LandCode", "NL", base=True)


def _write_301(allocation: Allocation, decision: Decision, identification: str) -> xml.Writer:
    standard = standard_for(decision.law)
    w = xml.Writer(standard, "301")
    municipality = decision.household.municipality
    w.header(
        sender=municipality_code(municipality),
        receiver=allocation.provider.agb_code,
        identification=identification,
        dated=timezone.localdate(),
    )
    client = _client(w, decision)
    _contact(w, client, decision)
    products = w.el(client, "ToegewezenProducten")
    product = w.el(products, "ToegewezenProduct")
    w.el(product, "ToewijzingNummer", allocation.number)
    w.el(product, "ReferentieAanbieder", allocation.provider.agb_code)
    code = w.el(product, "Product")
    w.el(code, "Categorie", allocation.product_category, base=True)
    if allocation.product_code:
        w.el(code, "Code", allocation.product_code, base=True)
    w.el(product, "Toewijzingsdatum", timezone.localdate().isoformat())
    w.el(product, "Toewijzingstijd", timezone.localtime().strftime("%H:%M:%S"))
    w.el(product, "Ingangsdatum", allocation.start_date.isoformat())
    if allocation.end_date:
        w.el(product, "Einddatum", allocation.end_date.isoformat())
    if decision.volume is not None and allocation.product_code:
        amount = w.el(product, "Omvang")
        w.el(amount, "Volume", int(decision.volume), base=True)
        w.el(amount, "Eenheid", UNITS.get(decision.unit, "04"), base=True)
        w.el(amount, "Frequentie", FREQUENCIES.get(decision.frequency, "6"), base=True)
    return w


def _send_301(allocation: Allocation, decision: Decision, in_reply_to: Message | None = None) -> Message:
    identification = _next_identification(decision.municipality_id)
    writer = _write_301(allocation, decision, identification)
    return _store_out(
        municipality_id=decision.municipality_id,
        writer=writer,
        provider=allocation.provider,
        decision=decision,
        allocation=allocation,
        in_reply_to=in_reply_to,
        identification=identification,
    )


def allocate_for_decision(*, actor: Actor, decision: Decision) -> Message | None:
    """A granted decision in kind for a product, with a provider Stevig knows: allocation + 301 in the
    outbox. Runs inside the decision's transaction (signal `decision_registered`). A pgb goes to the SVB,
    not to a provider: no 301. A 301 that fails its XSD is kept as "geweigerd" with its errors (shown on
    the decision's page) and never leaves."""
    if decision.outcome not in GRANTING or decision.form != DecisionForm.IN_KIND:
        return None
    provider = find_provider(decision.municipality_id, decision.provider)
    product = PRODUCTS.get(decision.category.code)
    if provider is None or product is None:
        return None
    allocation = Allocation.objects.create(
        municipality_id=decision.municipality_id,
        decision=decision,
        household_id=decision.household_id,
        provider=provider,
        number=_next_allocation_number(decision.municipality_id),
        product_category=product[0],
        product_code=product[1],
        start_date=decision.start_date,
        end_date=decision.end_date,
    )
    message = _send_301(allocation, decision)
    log.allowed(
        actor,
        Action.CREATE,
        Part.MESSAGE,
        [decision.resident_id],
        object_type="ibericht",
        object_id=message.id,
        detail={"bericht": message.label, "aanbieder": provider.agb_code, "status": message.status},
    )
    return message


def on_decision_registered(sender: Any, decision: Decision, actor: Actor, **kwargs: Any) -> None:
    allocate_for_decision(actor=actor, decision=decision)


# --- the inbox ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    message: Message
    answers: list[Message]


def _refuse(errors: list[str], field: str = "bericht") -> ValidationError:
    return ValidationError({field: errors})


def require_connection(actor: Actor) -> Municipality:
    """Only the connection account (functioneel beheer, with an API key for the provider's system or the
    folder mode) delivers and fetches messages; others are refused and logged."""
    if actor.role != Role.ADMIN:
        log.denied(actor, Action.CREATE, Part.MESSAGE, object_type="ibericht")
        raise RoleDenied(_("Alleen het koppelingsaccount (functioneel beheer) levert berichten af."))
    assert actor.user.municipality is not None
    return actor.user.municipality


def _retour(received: Message, reader: xml.Reader, code: str) -> bytes:
    """The iJw retour (316 on 315, 318 on 317): the request itself with the retour header, code 0200
    (bericht goedgekeurd)."""
    source_ns = xml.namespace(received.standard, received.code)
    target_ns = xml.namespace(received.standard, code)
    root = copy.deepcopy(reader.root)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith(f"{{{source_ns}}}"):
            element.tag = f"{{{target_ns}}}" + element.tag.split("}", 1)[1]
    etree.cleanup_namespaces(root)
    text = etree.tostring(root, encoding="unicode").replace(
        f'xmlns:{xml.ELEMENT_PREFIX[received.standard]}{received.code}="{target_ns}"',
        f'xmlns:{xml.ELEMENT_PREFIX[received.standard]}{code}="{target_ns}"',
    )
    root = etree.fromstring(text.encode())
    m, b = target_ns, xml.base_namespace(received.standard)
    header = root.find(f"{{{m}}}Header")
    header.find(f"{{{m}}}BerichtCode").text = xml.BERICHT_CODES[received.standard][code]
    after = header.find(f"{{{m}}}XsdVersie")
    index = list(header).index(after) + 1
    items = []
    ident = etree.Element(f"{{{m}}}IdentificatieRetour")
    ident.text = _next_identification(received.municipality_id)
    items.append(ident)
    dated = etree.Element(f"{{{m}}}DagtekeningRetour")
    dated.text = timezone.localdate().isoformat()
    items.append(dated)
    version = etree.Element(f"{{{m}}}XsdVersieRetour")
    for name in ("BasisschemaXsdVersie", "BerichtXsdVersie"):
        etree.SubElement(version, f"{{{b}}}{name}").text = "1.0.0"
    items.append(version)
    codes = etree.Element(f"{{{m}}}RetourCodes")
    etree.SubElement(codes, f"{{{m}}}RetourCode").text = "0200"
    items.append(codes)
    for offset, item in enumerate(items):
        header.insert(index + offset, item)
    return _add_retour_codes(received.standard, code, root)


def _add_retour_codes(standard: str, code: str, root: Any) -> bytes:
    """A retour carries RetourCodes on the client and on every request and product in it: add code 0200
    (goedgekeurd) wherever the schema asks for one, as its last child."""
    m = xml.namespace(standard, code)
    xsd = xml.schema(standard, code)
    for _round in range(6):
        body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        root = etree.fromstring(body)
        if xsd.validate(root):
            break
        lines = {e.line for e in xsd.error_log if "Missing child" in e.message and "RetourCodes" in e.message}
        if not lines:
            break
        for element in root.iter():
            if (
                isinstance(element.tag, str)
                and element.sourceline in lines
                and element.find(f"{{{m}}}RetourCodes") is None
            ):
                missing = [
                    e
                    for e in xsd.error_log
                    if e.line == element.sourceline and element.tag.split("}")[1] in e.message
                ]
                if missing:
                    codes = etree.SubElement(element, f"{{{m}}}RetourCodes")
                    etree.SubElement(codes, f"{{{m}}}RetourCode").text = "0200"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _store_retour(received: Message, reader: xml.Reader, code: str) -> Message | None:
    if received.standard != "ijw" or not xml.available("ijw", code):
        return None
    body = _retour(received, reader, code)
    errors: list[str] = []
    try:
        xml.check(body)
    except xml.InvalidMessage as exc:
        errors = exc.errors
    identification = etree.fromstring(body).findtext(
        f"{{{xml.namespace('ijw', code)}}}Header/{{{xml.namespace('ijw', code)}}}IdentificatieRetour"
    )
    return Message.objects.create(
        municipality_id=received.municipality_id,
        direction=Direction.OUT,
        standard=received.standard,
        code=code,
        identification=identification,
        sender=municipality_code(received.provider.municipality) if received.provider else received.receiver,
        receiver=received.sender,
        provider=received.provider,
        decision=received.decision,
        household_id=received.household_id,
        allocation=received.allocation,
        in_reply_to=received,
        status=MessageStatus.REFUSED if errors else MessageStatus.READY,
        xml=body.decode("utf-8"),
        errors=errors,
    )


def _match(
    municipality: Municipality, provider: Provider, reader: xml.Reader
) -> tuple[Allocation | None, Decision]:
    """The decision (and allocation) a received message is about; ValidationError when unknown."""
    allocations = Allocation.objects.filter(municipality=municipality, provider=provider).select_related(
        "decision", "decision__resident"
    )
    numbers: list[str]
    if reader.code in ("305", "307", "317"):
        numbers = [
            n.text.strip()
            for n in reader.root.iter()
            if isinstance(n.tag, str) and n.tag.endswith("}ToewijzingNummer")
        ]
        allocation = allocations.filter(
            number__in=[int(n) for n in numbers if n.isascii() and n.isdigit()]
        ).first()
        if allocation is None or allocation.decision.resident.bsn != reader.bsn:
            raise _refuse([_("Onbekende toewijzing: er is geen toewijzing met dit nummer voor deze cliënt.")])
        return allocation, allocation.decision
    numbers = [
        n.text.strip()
        for n in reader.root.iter()
        if isinstance(n.tag, str) and n.tag.endswith("}BeschikkingNummer")
    ]
    allocation = allocations.filter(
        number__in=[int(n) for n in numbers if n.isascii() and n.isdigit()]
    ).first()
    decision = allocation.decision if allocation else None
    if decision is None or decision.resident.bsn != reader.bsn:
        raise _refuse([_("Onbekende beschikking: er is geen beschikking met dit nummer voor deze cliënt.")])
    return allocation, decision


def _apply(message: Message, reader: xml.Reader) -> None:
    allocation = message.allocation
    if allocation is None:
        return
    if reader.code == "305":
        started = reader.text("m:Client/m:StartProducten/m:StartProduct/m:Begindatum")
        allocation.status = AllocationStatus.STARTED
        allocation.care_started_on = date.fromisoformat(started) if started else timezone.localdate()
        allocation.save(update_fields=["status", "care_started_on", "updated_at"])
    elif reader.code == "307":
        stopped = reader.text("m:Client/m:StopProducten/m:StopProduct/m:Einddatum")
        allocation.status = AllocationStatus.STOPPED
        allocation.care_stopped_on = date.fromisoformat(stopped) if stopped else timezone.localdate()
        allocation.stop_reason = reader.text("m:Client/m:StopProducten/m:StopProduct/m:RedenBeeindiging")[:2]
        allocation.save(update_fields=["status", "care_stopped_on", "stop_reason", "updated_at"])


def receive(*, actor: Actor, body: bytes) -> Received:
    """Accept one message from a provider: XSD-valid, addressed to this municipality, from a known provider,
    about a known decision, not seen before. Anything else: ValidationError, nothing stored, a denied row in
    the access log. 305/307 update the allocation; 315/317 wait for a worker's answer (iJw: retour now)."""
    municipality = require_connection(actor)
    try:
        standard, code, root = xml.check(body)
        reader = xml.Reader(standard, code, root)
        if code not in ACCEPTED:
            raise xml.InvalidMessage([_("Stevig ontvangt alleen 305, 307, 315 en 317.")])
        if reader.receiver != municipality_code(municipality):
            raise xml.InvalidMessage([_("Dit bericht is niet voor deze gemeente.")])
        provider = Provider.objects.filter(
            municipality=municipality, agb_code=reader.sender, active=True
        ).first()
        if provider is None:
            raise xml.InvalidMessage(
                [_("De afzender (AGB-code) is geen bekende aanbieder van deze gemeente.")]
            )
        allocation, decision = _match(municipality, provider, reader)
        if Message.objects.filter(
            municipality=municipality,
            direction=Direction.IN,
            sender=reader.sender,
            code=code,
            identification=reader.identification,
        ).exists():
            raise _refuse(
                [_("Dit bericht is al ontvangen (zelfde afzender, soort en berichtidentificatie).")]
            )
    except (xml.InvalidMessage, ValidationError) as exc:
        errors = exc.errors if isinstance(exc, xml.InvalidMessage) else exc.messages
        log.denied(actor, Action.CREATE, Part.MESSAGE, object_type="ibericht", detail={"fouten": errors[:3]})
        raise (exc if isinstance(exc, ValidationError) else _refuse(errors)) from None
    with transaction.atomic():
        try:
            with transaction.atomic():
                message = Message.objects.create(
                    municipality=municipality,
                    direction=Direction.IN,
                    standard=standard,
                    code=code,
                    identification=reader.identification,
                    sender=reader.sender,
                    receiver=reader.receiver,
                    provider=provider,
                    decision=decision,
                    household_id=decision.household_id,
                    allocation=allocation,
                    status=MessageStatus.PROCESSED if code in ("305", "307") else MessageStatus.RECEIVED,
                    xml=body.decode("utf-8"),
                )
        except IntegrityError as exc:  # the same message arrived twice at the same moment
            raise _refuse(
                [_("Dit bericht is al ontvangen (zelfde afzender, soort en berichtidentificatie).")]
            ) from exc
        _apply(message, reader)
        answers = []
        retour = _store_retour(message, reader, {"315": "316", "317": "318"}.get(code, ""))
        if retour is not None:
            answers.append(retour)
        log.allowed(
            actor,
            Action.CREATE,
            Part.MESSAGE,
            [decision.resident_id],
            object_type="ibericht",
            object_id=message.id,
            detail={"bericht": message.label, "aanbieder": provider.agb_code},
        )
    return Received(message, answers)


# --- answering a 315/317 ------------------------------------------------------------------------------


def _write_319(
    message: Message, reader: xml.Reader, answer: str, reason: str, identification: str
) -> xml.Writer:
    w = xml.Writer(message.standard, "319")
    w.header(
        sender=message.receiver,
        receiver=message.sender,
        identification=identification,
        dated=timezone.localdate(),
    )
    block = w.el(w.root, "Antwoord")
    reference = reader.text("m:Client/m:Verzoek/m:ReferentieAanbieder") or reader.text(
        "m:Client/m:AangevraagdeProducten/m:AangevraagdProduct/m:ReferentieAanbieder"
    )
    w.el(block, "ReferentieAanbieder", reference or message.sender)
    w.el(block, "VerzoekAntwoord", ANSWERS[answer])
    if answer == "afgewezen":
        w.el(block, "RedenAfwijzingVerzoek", reason)
    return w


def answer_request(*, actor: Actor, message_id: uuid.UUID, verdict: str, reason: str = "") -> Message:
    """A worker answers a received 315/317: "toewijzen" (a new 301 for the decision, the requested end date
    for a 317), "afgewezen" (319 with a reason) or "in-onderzoek" (319)."""
    message = access.scoped_get(MESSAGE, actor=actor, pk=message_id, action=Action.UPDATE, part=Part.MESSAGE)
    if message.direction != Direction.IN or message.code not in ("315", "317"):
        raise ValidationError({"verdict": _("Alleen een verzoek (315 of 317) krijgt een antwoord.")})
    if message.status != MessageStatus.RECEIVED:
        raise ValidationError({"verdict": _("Dit verzoek is al beantwoord.")})
    if verdict not in ("toewijzen", *ANSWERS):
        raise ValidationError({"verdict": _("Kies toewijzen, afwijzen of in onderzoek.")})
    if verdict == "afgewezen" and reason not in REJECTION_REASONS:
        raise ValidationError({"reason": _("Kies de reden van afwijzen.")})
    standard, code, root = xml.check(message.xml.encode())
    reader = xml.Reader(standard, code, root)
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(id=message.id)
        if locked.status != MessageStatus.RECEIVED:
            raise ValidationError({"verdict": _("Dit verzoek is al beantwoord.")})
        decision = Decision.objects.select_related("household__municipality", "resident", "category").get(
            id=message.decision_id
        )
        if verdict == "toewijzen":
            allocation = message.allocation
            assert allocation is not None
            if code == "317":
                end = reader.text("m:Client/m:Verzoek/m:TeWijzigenProducten/m:TeWijzigenProduct/m:Einddatum")
                if end:
                    allocation.end_date = date.fromisoformat(end)
                    allocation.save(update_fields=["end_date", "updated_at"])
            answer = _send_301(allocation, decision, in_reply_to=message)
        else:
            identification = _next_identification(message.municipality_id)
            writer = _write_319(message, reader, verdict, reason, identification)
            assert message.provider is not None
            answer = _store_out(
                municipality_id=message.municipality_id,
                writer=writer,
                provider=message.provider,
                decision=decision,
                allocation=message.allocation,
                in_reply_to=message,
                identification=identification,
            )
        if answer.status == MessageStatus.REFUSED:
            raise ValidationError(
                {"verdict": [_("Het antwoord klopt niet met het XSD-schema."), *answer.errors[:3]]}
            )
        locked.status = MessageStatus.ANSWERED
        locked.save(update_fields=["status", "updated_at"])
        log.allowed(
            actor,
            Action.UPDATE,
            Part.MESSAGE,
            [decision.resident_id],
            object_type="ibericht",
            object_id=message.id,
            detail={"antwoord": answer.label, "besluit": verdict},
        )
    return answer


# --- the outbox for providers -------------------------------------------------------------------------


def fetch_outbox(*, actor: Actor, agb_code: str, limit: int = 50) -> list[Message]:
    """The provider fetches its ready messages; they are marked as fetched (once)."""
    municipality = require_connection(actor)
    with transaction.atomic():
        rows = list(
            Message.objects.select_for_update()
            .filter(
                municipality=municipality,
                direction=Direction.OUT,
                status=MessageStatus.READY,
                receiver=agb_code,
            )
            .order_by("created_at", "id")[:limit]
        )
        now = timezone.now()
        Message.objects.filter(id__in=[m.id for m in rows]).update(
            status=MessageStatus.FETCHED, fetched_at=now
        )
        if rows:
            residents = Decision.objects.filter(
                id__in=[m.decision_id for m in rows if m.decision_id]
            ).values_list("resident_id", flat=True)
            log.listed(
                actor,
                Part.MESSAGES,
                list(residents),
                action=Action.EXPORT,
                detail={"aanbieder": agb_code, "aantal": len(rows)},
            )
    return rows
