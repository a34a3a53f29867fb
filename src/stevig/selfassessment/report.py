"""The quarterly report per municipality (kader ch. 3, issue 12 point 4), in plain B1 Dutch:

1. patterns: questions and trajectories per neighbourhood (and questions per channel) in the quarter,
   from the summary tables, suppressed with the whole year (`patterns.selectors.suppressed_tables`);
2. system bottlenecks: signals raised in the quarter per category (suppressed line) and the answers policy
   gave in the quarter (group name, step and answer: texts without personal data);
3. the indicators of the 13 principles over the quarter (`indicators`), each with how it is computed.

`build` collects it; `render_html` and `render_pdf` (reportlab, the library of the decision letters) turn
it into the stored report. Nothing here names a resident.
"""

import io
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stevig.core.suppression import Period, suppress_line
from stevig.patterns.models import Breakdown, Measure, SummaryRefresh
from stevig.patterns.selectors import suppressed_tables
from stevig.selfassessment import indicators as ind
from stevig.signalering.models import ANSWERED, Category, Signal, SignalGroup
from stevig.tenancy.models import Municipality


@dataclass
class ReportTable:
    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)


@dataclass
class Report:
    municipality: str
    period: Period
    made_at: datetime
    refreshed_at: datetime | None
    intro: list[str]
    sections: list[Section]

    @property
    def title(self) -> str:
        return _("Kwartaalrapportage %(p)s, gemeente %(m)s") % {
            "p": self.period.label,
            "m": self.municipality,
        }


def _patterns(municipality_id: uuid.UUID, period: Period) -> Section:
    assert period.quarter is not None
    section = Section(_("Wat zien we in de wijken?"))
    section.paragraphs.append(
        _(
            "Hier staat hoeveel hulpvragen en trajecten er dit kwartaal waren, per wijk en per kanaal. "
            "Kleine aantallen tonen we niet: '<5' betekent 1 tot 4, 'x' betekent verborgen zodat niemand "
            "een klein aantal kan terugrekenen."
        )
    )
    for measure, breakdowns in (
        (Measure.QUESTIONS, (Breakdown.NEIGHBOURHOOD, Breakdown.CHANNEL)),
        (Measure.TRAJECTORIES, (Breakdown.NEIGHBOURHOOD,)),
    ):
        tables = suppressed_tables(municipality_id, measure, period.year)
        for breakdown in breakdowns:
            table = tables.get(breakdown)
            if table is None or not table.rows:
                section.paragraphs.append(
                    _("Geen %(m)s per %(b)s in %(y)s.")
                    % {"m": Measure(measure).label, "b": Breakdown(breakdown).label, "y": period.year}
                )
                continue
            q = period.quarter - 1
            rows = [[str(g), cells[q].display, total.display] for g, cells, total in table.as_rows()]
            rows.append([_("totaal"), table.column_totals()[q].display, table.total.display])
            section.tables.append(
                ReportTable(
                    _("%(m)s per %(b)s")
                    % {"m": str(Measure(measure).label).capitalize(), "b": Breakdown(breakdown).label},
                    [
                        str(Breakdown(breakdown).label).capitalize(),
                        period.label,
                        _("heel %(y)s") % {"y": period.year},
                    ],
                    rows,
                )
            )
    return section


def _signals(municipality_id: uuid.UUID, period: Period) -> Section:
    section = Section(_("Knelpunten en antwoorden van beleid"))
    raised = dict(
        Signal.objects.filter(
            municipality_id=municipality_id,
            created_at__date__gte=period.start,
            created_at__date__lte=period.end,
        )
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    categories = [c for c in Category.values if raised.get(c)]
    cells, total = suppress_line([raised[c] for c in categories])
    section.paragraphs.append(
        _("Medewerkers meldden dit kwartaal %(n)s knelpunten in het systeem.") % {"n": total.display}
        if categories
        else _("Medewerkers meldden dit kwartaal geen knelpunten.")
    )
    if categories:
        section.tables.append(
            ReportTable(
                _("Gemelde knelpunten per soort"),
                [_("Soort"), _("Aantal")],
                [[str(Category(c).label), cell.display] for c, cell in zip(categories, cells, strict=True)]
                + [[_("totaal"), total.display]],
            )
        )
    answered = SignalGroup.objects.filter(
        municipality_id=municipality_id,
        status__in=ANSWERED,
        answered_at__date__gte=period.start,
        answered_at__date__lte=period.end,
    ).select_related("neighbourhood")
    rows = [
        [
            g.title,
            g.neighbourhood.name if g.neighbourhood else _("hele gemeente"),
            g.get_status_display(),
            g.answer,
        ]
        for g in answered.order_by("answered_at")
    ]
    if rows:
        section.paragraphs.append(_("Beleid gaf dit kwartaal antwoord op deze groepen knelpunten:"))
        section.tables.append(
            ReportTable(
                _("Antwoorden van beleid"), [_("Groep"), _("Wijk"), _("Besluit"), _("Antwoord")], rows
            )
        )
    else:
        section.paragraphs.append(_("Beleid gaf dit kwartaal nog geen antwoord op een groep knelpunten."))
    return section


def _indicators(municipality_id: uuid.UUID, period: Period) -> Section:
    section = Section(_("Cijfers per principe"))
    section.paragraphs.append(
        _(
            "Bij elk van de 13 principes hoort een cijfer uit Stevig over dit kwartaal. Is de groep kleiner "
            "dan 10, dan staat er 'te weinig om te tonen'."
        )
    )
    rows = [
        [str(i.principle), i.label, ", ".join([i.display, *i.extra]), i.how]
        for i in ind.indicators(municipality_id, period)
    ]
    section.tables.append(
        ReportTable(
            _("Cijfers per principe"), [_("Nr."), _("Cijfer"), _("Uitkomst"), _("Hoe berekend")], rows
        )
    )
    return section


def build(municipality_id: uuid.UUID, period: Period) -> Report:
    municipality = Municipality.objects.get(id=municipality_id)
    refreshed = (
        SummaryRefresh.objects.filter(municipality_id=municipality_id)
        .values_list("refreshed_at", flat=True)
        .first()
    )
    intro = [
        _(
            "Deze rapportage laat zien wat het lokale team dit kwartaal deed en zag. Er staan geen namen in. "
            "Kleine aantallen zijn verborgen, zodat niemand te herkennen is."
        )
    ]
    return Report(
        municipality.name,
        period,
        timezone.now(),
        refreshed,
        intro,
        [
            _patterns(municipality_id, period),
            _signals(municipality_id, period),
            _indicators(municipality_id, period),
        ],
    )


def render_html(report: Report) -> str:
    return render_to_string("selfassessment/report_body.html", {"report": report})


def render_pdf(report: Report) -> bytes:
    """The report as a PDF (A4, Helvetica, uncompressed text so it stays searchable and testable)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=14, spaceAfter=6)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0)
    heading = ParagraphStyle(
        "heading", parent=body, fontName="Helvetica-Bold", fontSize=13, leading=17, spaceBefore=10
    )
    title = ParagraphStyle(
        "title", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=10
    )

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    story = [p(report.title, title)]
    story += [p(text) for text in report.intro]
    story.append(
        p(_("Gemaakt op %(d)s.") % {"d": date_format(timezone.localtime(report.made_at), "j F Y, H:i")})
    )
    for section in report.sections:
        story.append(p(section.heading, heading))
        story += [p(text) for text in section.paragraphs]
        for table in section.tables:
            story.append(p(table.caption, ParagraphStyle("caption", parent=body, fontName="Helvetica-Bold")))
            data = [[p(h, cell) for h in table.header]] + [[p(c, cell) for c in row] for row in table.rows]
            grid = Table(data, repeatRows=1, hAlign="LEFT")
            grid.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6eef5")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [grid, Spacer(1, 0.3 * cm)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=report.title,
        author=_("Gemeente %(name)s") % {"name": report.municipality},
        lang="nl-NL",
        invariant=1,
        pageCompression=0,
    )
    doc.build(story)
    return buffer.getvalue()
