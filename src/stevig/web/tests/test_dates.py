"""One date format across the UI (issue 11 point 2): "2 maart 2026", moments in Amsterdam time."""

import datetime as dt
import re
from pathlib import Path

from django.template import engines

from stevig.web.templatetags.stevig_ui import datum, datum_tijd

SRC = Path(__file__).resolve().parents[2]


def test_a_date_reads_as_dutch_words():
    assert datum(dt.date(2026, 3, 2)) == "2 maart 2026"
    assert datum(dt.date(2026, 3, 2), "weekdag") == "maandag 2 maart 2026"
    assert datum(None) == "" and datum_tijd(None) == ""


def test_a_moment_is_shown_in_amsterdam_time_also_across_midnight():
    # 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam (CET, UTC+1).
    moment = dt.datetime(2026, 3, 1, 23, 30, 15, tzinfo=dt.UTC)
    assert datum(moment) == "2 maart 2026"
    assert datum_tijd(moment) == "2 maart 2026, 00:30"
    assert datum_tijd(moment, "seconden") == "2 maart 2026, 00:30:15"
    # Summer time (CEST, UTC+2): 31 July 2026 22:05 UTC is 1 August 00:05.
    assert datum_tijd(dt.datetime(2026, 7, 31, 22, 5, tzinfo=dt.UTC)) == "1 augustus 2026, 00:05"


def test_the_filters_are_built_in_for_every_template():
    template = engines["django"].from_string("{{ d|datum }} / {{ d|datum:'weekdag' }}")
    assert template.render({"d": dt.date(2026, 5, 17)}) == "17 mei 2026 / zondag 17 mei 2026"


def test_no_template_formats_a_date_by_itself():
    """Every template uses |datum or |datum_tijd; left are the machine format for <time datetime> ('c')
    and a month on its own ('F Y', "maart 2026"), which is no date."""
    offenders = []
    for path in SRC.rglob("templates/**/*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", line):
                if fmt not in ("c", "F Y"):
                    offenders.append(f"{path.relative_to(SRC)}:{number}: |date:{fmt!r}")
    assert offenders == []


def test_no_message_writes_a_date_as_digits():
    """Messages built in Python use the same words ("2 maart 2026"), not "02-03-2026"."""
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        if "/tests/" not in str(path)
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if 'strftime("%d-%m-%Y' in line
    ]
    assert offenders == []
