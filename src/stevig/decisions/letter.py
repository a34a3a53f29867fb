"""The decision letter in plain Dutch (B1): what was decided, why, from when to when, and how to object.

`build_letter` writes the text once; the printable page and the PDF both show exactly that text. The PDF
is made with reportlab's platypus and the built-in Helvetica font, so no font files are needed.
"""

import io
from dataclasses import dataclass, field
from datetime import date
from html import escape

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stevig.decisions.models import GRANTING, Decision, DecisionForm, Law, Outcome
from stevig.decisions.selectors import objection_deadline
from stevig.people.models import HouseholdMembership


@dataclass
class LetterSection:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Letter:
    decision: Decision
    municipality: str
    letter_date: date
    recipient_name: str
    address_lines: list[str]
    subject: str
    salutation: str
    intro: str
    sections: list[LetterSection]
    closing: list[str]
    objection_until: date | None

    @property
    def filename(self) -> str:
        return f"beschikking-{self.decision.decided_on.isoformat()}-{str(self.decision.id)[:8]}.pdf"


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _address_lines(decision: Decision) -> list[str]:
    membership = (
        HouseholdMembership.objects.filter(resident_id=decision.resident_id, end_date__isnull=True)
        .select_related("household")
        .first()
    )
    household = membership.household if membership else decision.household
    addition = f"-{household.house_number_addition}" if household.house_number_addition else ""
    return [
        f"{household.street} {household.house_number}{addition}",
        f"{household.postcode} {household.city}",
    ]


def _granted_section(decision: Decision, law: str) -> LetterSection:
    category = decision.category
    outcome = decision.outcome
    section = LetterSection(_("Wat hebben we besloten?"))
    if outcome == Outcome.REFUSED:
        section.paragraphs.append(
            _("U krijgt geen %(category)s. We wijzen uw aanvraag af. Dit valt onder de %(law)s.")
            % {"category": category.name.lower(), "law": law}
        )
        return section
    if outcome == Outcome.NOT_CONSIDERED:
        section.paragraphs.append(
            _(
                "We nemen uw aanvraag voor %(category)s niet in behandeling. We hadden meer informatie van u "
                "nodig en die hebben we niet op tijd gekregen."
            )
            % {"category": category.name.lower()}
        )
        return section
    if outcome == Outcome.PARTLY_GRANTED:
        section.paragraphs.append(
            _("U krijgt een deel van wat u vroeg: %(category)s. Dit valt onder de %(law)s.")
            % {"category": category.name.lower(), "law": law}
        )
    else:
        section.paragraphs.append(
            _("U krijgt %(category)s. Dit valt onder de %(law)s.")
            % {"category": category.name.lower(), "law": law}
        )
    if decision.volume is not None:
        section.paragraphs.append(
            _("Hoeveel: %(volume)s %(unit)s %(frequency)s.")
            % {
                "volume": f"{decision.volume.normalize():f}",
                "unit": decision.get_unit_display(),
                "frequency": decision.get_frequency_display(),
            }
        )
    if decision.form == DecisionForm.PGB:
        section.paragraphs.append(
            _(
                "U krijgt dit als persoonsgebonden budget (pgb). Met dat geld regelt u de hulp zelf. "
                "Waarom u een pgb krijgt: %(why)s"
            )
            % {"why": decision.pgb_motivation}
        )
    else:
        section.paragraphs.append(_("U krijgt dit als zorg in natura. De gemeente regelt de hulp voor u."))
    if decision.provider:
        section.paragraphs.append(_("De hulp komt van: %(provider)s.") % {"provider": decision.provider})
    return section


def _duration_section(decision: Decision) -> LetterSection | None:
    if decision.outcome not in GRANTING:
        return None
    duration = LetterSection(_("Van wanneer tot wanneer?"))
    if decision.end_date is None:
        duration.paragraphs.append(
            _("U krijgt dit vanaf %(start)s. Er is geen einddatum.") % {"start": _day(decision.start_date)}
        )
    else:
        duration.paragraphs.append(
            _("U krijgt dit van %(start)s tot en met %(end)s.")
            % {"start": _day(decision.start_date), "end": _day(decision.end_date)}
        )
    if decision.lifelong:
        duration.paragraphs.append(
            _(
                "Uw beperking gaat niet over. Daarom hoeft u dit niet elk jaar opnieuw aan te vragen. "
                "We nemen wel af en toe contact met u op om te horen hoe het gaat. Dat is geen nieuwe keuring: "
                "u houdt wat u nu krijgt."
            )
        )
    elif decision.end_date is not None:
        duration.paragraphs.append(
            _("Heeft u daarna nog hulp nodig? Neem dan drie maanden voor de einddatum contact met ons op.")
        )
    return duration


def _objection_section(decision: Decision, until: date | None, municipality: str) -> LetterSection:
    """Awb 3:45: the letter says that, within which term and where to object. The term runs from the day
    after sending (Awb 6:8 lid 1); a posted objection is in time when posted within the term and received
    within a week after it (Awb 6:9 lid 2)."""
    objection = LetterSection(_("Bent u het niet eens met dit besluit?"))
    if until is not None:
        objection.paragraphs.append(
            _(
                "Dan kunt u bezwaar maken. Dat moet binnen 6 weken. Die 6 weken begonnen op de dag nadat we "
                "deze brief verstuurden. Uw bezwaar moet uiterlijk op %(until)s bij ons zijn."
            )
            % {"until": _day(until)}
        )
    else:
        objection.paragraphs.append(
            _(
                "Dan kunt u bezwaar maken. Dat moet binnen 6 weken. Die 6 weken beginnen op de dag nadat we "
                "deze brief versturen."
            )
        )
    objection.paragraphs.append(
        _(
            "Stuurt u uw bezwaar met de post? Dan is het ook op tijd als u het voor het einde van de 6 weken op de "
            "post doet. Het moet dan wel binnen een week daarna bij ons zijn."
        )
    )
    objection.paragraphs.append(
        _(
            "Schrijf in uw brief: uw naam en adres, de datum, over welk besluit het gaat, en waarom u het er niet "
            "mee eens bent. Zet uw handtekening onder de brief. Stuur de brief naar het college van burgemeester "
            "en wethouders van %(municipality)s."
        )
        % {"municipality": municipality}
    )
    objection.paragraphs.append(
        _(
            "Wilt u hulp bij het bezwaar? Bel of mail uw contactpersoon. U kunt ook gratis hulp krijgen van een "
            "onafhankelijke cliëntondersteuner."
        )
    )
    return objection


def _closing(decision: Decision, municipality: str) -> list[str]:
    """Signed for the college by the person in the mandate register (Awb 10:10: 'namens')."""
    lines = [
        _("Met vriendelijke groet,"),
        _("namens het college van burgemeester en wethouders van %(municipality)s,")
        % {"municipality": municipality},
    ]
    if decision.signatory is not None:
        lines.append(f"{decision.signatory.name}, {decision.signatory.function}")
    else:
        lines.append(decision.decided_by.get_full_name() or decision.decided_by.get_username())
    return lines


def build_letter(decision: Decision) -> Letter:
    resident = decision.resident
    category = decision.category
    law = Law(decision.law).label
    until = objection_deadline(decision)
    municipality = decision.household.municipality.name if decision.household_id else ""
    sections = [
        _granted_section(decision, str(law)),
        LetterSection(_("Waarom hebben we dit besloten?"), [decision.reason]),
    ]
    if decision.legal_ground:
        sections[1].paragraphs.append(
            _("Dit besluit steunt op: %(ground)s.") % {"ground": decision.legal_ground}
        )
    if decision.law == Law.WMO:
        sections[1].paragraphs.append(
            _(
                "Wat we samen in het gesprek hebben besproken, staat in het verslag van het onderzoek. Dat verslag "
                "heeft u van ons gekregen. Heeft u het niet? Vraag het dan aan uw contactpersoon."
            )
        )
    duration = _duration_section(decision)
    if duration is not None:
        sections.append(duration)
    sections.append(_objection_section(decision, until, municipality))
    return Letter(
        decision=decision,
        municipality=municipality,
        letter_date=decision.sent_on or decision.decided_on,
        recipient_name=resident.full_name,
        address_lines=_address_lines(decision),
        subject=_("Besluit over %(category)s") % {"category": category.name.lower()},
        salutation=_("Beste %(name)s,") % {"name": resident.full_name},
        intro=_(
            "In deze brief leest u wat we hebben besloten over uw aanvraag. En wat u kunt doen als u het er niet "
            "mee eens bent."
        ),
        sections=sections,
        closing=_closing(decision, municipality),
        objection_until=until,
    )


def render_pdf(letter: Letter) -> bytes:
    """The letter as a PDF (A4, Helvetica, uncompressed text so it stays searchable and testable)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=15, spaceAfter=6)
    small = ParagraphStyle("small", parent=body, fontSize=10, leading=13, spaceAfter=0)
    heading = ParagraphStyle(
        "heading", parent=body, fontName="Helvetica-Bold", fontSize=13, leading=17, spaceBefore=10
    )
    title = ParagraphStyle(
        "title", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=12
    )

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    story = [p(_("Gemeente %(name)s") % {"name": letter.municipality}, heading), Spacer(1, 0.4 * cm)]
    story += [p(letter.recipient_name, small)] + [p(line, small) for line in letter.address_lines]
    story += [
        Spacer(1, 0.6 * cm),
        p(_("Datum: %(day)s") % {"day": _day(letter.letter_date)}, small),
        Spacer(1, 0.6 * cm),
    ]
    story += [p(letter.subject, title), p(letter.salutation), p(letter.intro)]
    for section in letter.sections:
        story.append(p(section.heading, heading))
        story += [p(text) for text in section.paragraphs]
    story.append(Spacer(1, 0.4 * cm))
    story += [p(line) for line in letter.closing]

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=letter.subject,
        author=_("Gemeente %(name)s") % {"name": letter.municipality},
        subject=letter.subject,
        lang="nl-NL",
        invariant=1,
        pageCompression=0,
    )
    doc.build(story)
    return buffer.getvalue()
