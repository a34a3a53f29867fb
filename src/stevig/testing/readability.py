"""Flesch-Douma (the Dutch Flesch reading ease, via textstat) of a page's main text, for the B1 tests of
public pages: the public question form and Mijn Stevig. 60 or more is plain enough for B1."""

from html.parser import HTMLParser

import textstat


class _MainText(HTMLParser):
    """The visible text inside <main>, one unit per block element (heading, label, paragraph, option)."""

    BLOCKS = {
        "p",
        "h1",
        "h2",
        "h3",
        "label",
        "legend",
        "li",
        "option",
        "button",
        "td",
        "th",
        "div",
        "caption",
        "dt",
        "dd",
    }

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.units: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attrs = dict(attrs)
        if tag == "main":
            self.depth += 1
        if self.depth and ("aria-hidden" in attrs or tag in ("script", "style")):
            self.skip += 1 if tag in ("div", "script", "style") else 0
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in self.BLOCKS:
            self._flush()
        if tag == "main":
            self.depth -= 1
        if self.skip and tag in ("div", "script", "style"):
            self.skip -= 1

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self.depth and not self.skip:
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.units.append(text)
        self.current = []


def readability(html: str) -> float:
    """Flesch-Douma of the page's main text. Headings, labels and list items are separate units: a unit
    without final punctuation is closed with a full stop, so a label is not glued to the next sentence."""
    parser = _MainText()
    parser.feed(html)
    units = [u if u[-1] in ".?!:" else u + "." for u in parser.units]
    text = " ".join(units)
    textstat.set_lang("nl")
    return textstat.flesch_reading_ease(text)
