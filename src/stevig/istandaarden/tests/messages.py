"""Build received messages from the official examples, addressed to the test world."""

from lxml import etree

from stevig.istandaarden import xml
from stevig.istandaarden.tests.conftest import EXAMPLES, PROVIDER_AGB


def example(standard: str, code: str) -> bytes:
    folder = "iwmo-3.2" if standard == "iwmo" else "ijw-3.2"
    prefix = "WMO" if standard == "iwmo" else "JW"
    return (EXAMPLES / folder / f"{prefix}{code}.xml").read_bytes()


def addressed(
    standard: str,
    code: str,
    *,
    bsn: str,
    number: int,
    identification: str = "B00000000001",
    sender: str = PROVIDER_AGB,
    receiver: str = "9001",
    body: bytes | None = None,
) -> bytes:
    """The example with our provider as sender, the municipality as receiver, our client and our
    toewijzing/beschikking number."""
    root = etree.fromstring(body or example(standard, code))
    m, b = xml.namespace(standard, code), xml.base_namespace(standard)
    header = root.find(f"{{{m}}}Header")
    header.find(f"{{{m}}}Afzender").text = sender
    header.find(f"{{{m}}}Ontvanger").text = receiver
    header.find(f"{{{m}}}BerichtIdentificatie/{{{b}}}Identificatie").text = identification
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        name = node.tag.split("}", 1)[1]
        if name == "Bsn":
            node.text = bsn
        elif name in ("ToewijzingNummer", "BeschikkingNummer"):
            node.text = str(number)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
