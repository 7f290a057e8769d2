"""The markup inside an EIDO: PIDF-LO location XML, additional-data Comment XML, HTML notes.

Plain Python, no Django import. EIDO carries these as strings inside the JSON; they come from
outside systems, so XML is parsed with defusedxml and DTDs are refused outright (no entity
expansion, no external references). Each reader raises `MarkupProblem` with a message fit to show
an administrator; the caller adds the JSON path.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: S405  (types and ParseError only; parsing is defused)
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import fromstring as defused_fromstring  # type: ignore[import-untyped]

from crisisdesk.intake.records import LocationData

COMMENT_ROOT = "EmergencyCallData.Comment"
COORDINATE = Decimal("0.000001")


class MarkupProblem(ValueError):
    """The markup is there but cannot be read; the message says why, without quoting it."""


def _local(tag: object) -> str:
    # "{urn:ietf:params:xml:ns:pidf}presence" -> "presence"; comments and PIs have no str tag.
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse_xml(text: str) -> ET.Element:
    try:
        root: ET.Element = defused_fromstring(text, forbid_dtd=True)
    except DefusedXmlException:
        raise MarkupProblem("XML with a DTD or entity declarations is refused") from None
    except ET.ParseError as error:
        raise MarkupProblem(f"is not well-formed XML ({error})") from None
    return root


def _clean(text: str | None) -> str:
    return " ".join((text or "").replace("\x00", "").split())


# PIDF-LO (RFC 4119, civic address RFC 5139, geodetic shapes RFC 5491)

# Street-name parts in the order they are written, e.g. 42 W CELLULAR STREET.
STREET_PARTS = ("HNO", "HNS", "PRM", "PRD", "RD", "STS", "POD", "POM")
UNIT_PARTS = (("BLD", "BLDG "), ("FLR", "FL "), ("UNIT", ""), ("ROOM", "RM "))


# Column sizes of places.Location: longer values are reported, never cut silently.
LIMITS = {"address": 300, "unit": 50, "city": 100, "region": 50, "postal_code": 20}


def location_from_pidf(text: str) -> LocationData | None:
    """The civic address and/or point in a PIDF-LO document; None when it holds neither.

    A point without a civic address still becomes a location: its coordinates are written as
    the address text, because a location with no address is dropped by the merge rule and a
    clinician would rather read coordinates than nothing.
    """
    root = _parse_xml(text)
    civic = next((el for el in root.iter() if _local(el.tag) == "civicAddress"), None)
    fields: dict[str, str] = {}
    if civic is not None:
        for child in civic:
            name = _local(child.tag)
            if name and name not in fields:
                fields[name] = _clean(child.text)
    latitude, longitude = _point(root)
    address = " ".join(fields[part] for part in STREET_PARTS if fields.get(part))
    if not address:
        address = fields.get("A6", "") or fields.get("LOC", "") or fields.get("NAM", "")
    address = address.upper()
    if not address and latitude is not None and longitude is not None:
        address = f"{latitude}, {longitude}"
    if not address:
        return None
    unit = " ".join(prefix + fields[part] for part, prefix in UNIT_PARTS if fields.get(part))
    location = LocationData(
        address=address,
        unit=unit,
        city=fields.get("A3", ""),
        region=fields.get("A1", ""),
        postal_code=fields.get("PC", ""),
        latitude=latitude,
        longitude=longitude,
    )
    for name, limit in LIMITS.items():
        if len(getattr(location, name)) > limit:
            raise MarkupProblem(f"the civic address {name} is longer than {limit} characters")
    return location


def _point(root: ET.Element) -> tuple[Decimal | None, Decimal | None]:
    """The first gml:pos (a Point, or a Circle's centre): "latitude longitude [altitude]"."""
    pos = next((el for el in root.iter() if _local(el.tag) == "pos"), None)
    if pos is None:
        return None, None
    parts = (pos.text or "").split()
    try:
        latitude, longitude = (Decimal(part) for part in parts[:2])
    except (ValueError, InvalidOperation):
        raise MarkupProblem("gml:pos must hold a latitude and a longitude") from None
    if not (latitude.is_finite() and longitude.is_finite()):
        raise MarkupProblem("gml:pos must hold a latitude and a longitude")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise MarkupProblem("gml:pos is outside latitude -90..90 or longitude -180..180")
    return latitude.quantize(COORDINATE), longitude.quantize(COORDINATE)


# Additional data: EmergencyCallData.Comment (RFC 7852)


def might_hold_comments(text: str) -> bool:
    """A cheap test first: most additional data (ServiceInfo, ProviderInfo...) we do not read."""
    return COMMENT_ROOT in text


def comments_from_additional_data(text: str) -> list[str]:
    """The texts of the Comment elements of an EmergencyCallData.Comment block."""
    root = _parse_xml(text)
    if _local(root.tag) != COMMENT_ROOT:
        return []
    texts = (_multiline("".join(el.itertext())) for el in root if _local(el.tag) == "Comment")
    return [text for text in texts if text]


# Notes: notesActionComments is HTML5.

BLOCK_TAGS = frozenset(
    {"address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4"}
    | {"h5", "h6", "hr", "li", "ol", "p", "pre", "section", "table", "tr", "ul"}
)
HIDDEN_TAGS = frozenset({"script", "style", "template", "head", "title"})
MARKUP_HINT = re.compile(r"<[A-Za-z!/?]|&[#A-Za-z]")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _multiline(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.replace("\x00", "").splitlines())
    return "\n".join(line for line in lines if line)


def html_to_text(html: str) -> str:
    """Plain text of an HTML note: tags dropped, entities decoded, blocks on their own lines."""
    if not MARKUP_HINT.search(html):
        # Most CAD notes are plain upper-case text: no need to run the HTML parser.
        return _multiline(html)
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return _multiline("".join(collector.parts))
