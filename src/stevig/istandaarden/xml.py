"""iWmo 3.2 / iJw 3.2 messages as XML: the schemas, the check, reading and writing.

Every message is checked against its XSD (`xsd/iwmo-3.2`, `xsd/ijw-3.2`, with lxml) before it leaves
Stevig or is accepted: `validate(standard, code, xml)` raises `InvalidMessage` with the schema's own
error lines (line number and message), which the inbox answers with and shows.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

XSD_DIR = Path(__file__).resolve().parent / "xsd"
STANDARDS = {"iwmo": "iwmo-3.2", "ijw": "ijw-3.2"}
PREFIX = {"iwmo": "WMO", "ijw": "JW"}
ELEMENT_PREFIX = {"iwmo": "wmo", "ijw": "jw"}
# BerichtCode in the header per message (iStandaarden codelist COD002).
BERICHT_CODES = {
    "iwmo": {
        "301": "414",
        "305": "418",
        "307": "420",
        "315": "444",
        "317": "480",
        "319": "482",
        "323": "484",
    },
    "ijw": {
        "301": "436",
        "302": "437",
        "305": "438",
        "306": "439",
        "307": "440",
        "308": "441",
        "315": "446",
        "316": "447",
        "317": "486",
        "318": "487",
        "319": "488",
        "320": "489",
        "323": "490",
        "325": "491",
    },
}
MAX_BYTES = 2_000_000
_ROOT = re.compile(r"^\{http://www\.istandaarden\.nl/(iwmo|ijw)/3_2/(wmo|jw)(\d{3})/schema\}Bericht$")


class InvalidMessage(Exception):
    """The message is not a valid iWmo/iJw 3.2 message. `errors` are Dutch/XSD lines to show."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors[:5]))


def namespace(standard: str, code: str) -> str:
    return f"http://www.istandaarden.nl/{standard}/3_2/{ELEMENT_PREFIX[standard]}{code}/schema"


def base_namespace(standard: str) -> str:
    return f"http://www.istandaarden.nl/{standard}/3_2/basisschema/schema"


def available(standard: str, code: str) -> bool:
    return (XSD_DIR / STANDARDS[standard] / f"{PREFIX[standard]}{code}.xsd").exists()


@cache
def schema(standard: str, code: str) -> etree.XMLSchema:
    path = XSD_DIR / STANDARDS[standard] / f"{PREFIX[standard]}{code}.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def _parser() -> etree.XMLParser:
    # No DTDs, no entities, no network: a message is data, never instructions.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse(xml: bytes) -> tuple[str, str, Any]:
    """Which standard and message this is (from the root element), and the parsed tree."""
    if len(xml) > MAX_BYTES:
        raise InvalidMessage(["Het bericht is te groot."])
    try:
        root = etree.fromstring(xml, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise InvalidMessage([f"Geen geldige XML: {exc}"]) from exc
    match = _ROOT.match(root.tag if isinstance(root.tag, str) else "")
    if not match:
        raise InvalidMessage(["Dit is geen iWmo- of iJw-bericht van release 3.2 (onbekend hoofdelement)."])
    standard, code = match.group(1), match.group(3)
    if not available(standard, code):
        raise InvalidMessage([f"Bericht {code} bestaat niet in {STANDARDS[standard]}."])
    return standard, code, root


def validate(standard: str, code: str, root: Any) -> None:
    xsd = schema(standard, code)
    if not xsd.validate(root):
        raise InvalidMessage([f"regel {e.line}: {e.message}" for e in xsd.error_log][:20])


def check(xml: bytes) -> tuple[str, str, Any]:
    """Parse and validate against the XSD; returns (standard, code, root)."""
    standard, code, root = parse(xml)
    validate(standard, code, root)
    return standard, code, root


# --- reading ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reader:
    standard: str
    code: str
    root: Any

    def _ns(self) -> dict[str, str]:
        return {"m": namespace(self.standard, self.code), "b": base_namespace(self.standard)}

    def text(self, path: str, node: Any = None) -> str:
        found = (node if node is not None else self.root).find(path, self._ns())
        return (found.text or "").strip() if found is not None else ""

    def all(self, path: str) -> list[Any]:
        return list(self.root.findall(path, self._ns()))

    @property
    def sender(self) -> str:
        return self.text("m:Header/m:Afzender")

    @property
    def receiver(self) -> str:
        return self.text("m:Header/m:Ontvanger")

    @property
    def identification(self) -> str:
        return self.text("m:Header/m:BerichtIdentificatie/b:Identificatie")

    @property
    def dated(self) -> str:
        return self.text("m:Header/m:BerichtIdentificatie/b:Dagtekening")

    @property
    def bsn(self) -> str:
        return self.text("m:Client/m:Bsn")


# --- writing ------------------------------------------------------------------------------------------


class Writer:
    """Builds one message element by element, in the order of the schema."""

    def __init__(self, standard: str, code: str) -> None:
        self.standard, self.code = standard, code
        self.m = namespace(standard, code)
        self.b = base_namespace(standard)
        self.root = etree.Element(
            f"{{{self.m}}}Bericht",
            nsmap={f"{ELEMENT_PREFIX[standard]}{code}": self.m, standard: self.b},
        )

    def el(self, parent: Any, name: str, text: Any = None, *, base: bool = False) -> Any:
        node = etree.SubElement(parent, f"{{{self.b if base else self.m}}}{name}")
        if text is not None:
            node.text = str(text)
        return node

    def header(self, *, sender: str, receiver: str, identification: str, dated: date) -> Any:
        header = self.el(self.root, "Header")
        self.el(header, "BerichtCode", BERICHT_CODES[self.standard][self.code])
        self.el(header, "BerichtVersie", 3)
        self.el(header, "BerichtSubversie", 2)
        self.el(header, "Afzender", sender)
        self.el(header, "Ontvanger", receiver)
        ident = self.el(header, "BerichtIdentificatie")
        self.el(ident, "Identificatie", identification, base=True)
        self.el(ident, "Dagtekening", dated.isoformat(), base=True)
        self.xsd_version(header, "XsdVersie")
        return header

    def xsd_version(self, parent: Any, name: str) -> None:
        version = self.el(parent, name)
        self.el(version, "BasisschemaXsdVersie", "1.0.0", base=True)
        self.el(version, "BerichtXsdVersie", "1.0.0", base=True)

    def bytes(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def now_time() -> str:
    return datetime.now().strftime("%H:%M:%S")
