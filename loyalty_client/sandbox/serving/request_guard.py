"""Hostile-input guards for SOAP request bodies: checks on the raw bytes, then a parse within limits.

Before any parser sees a body:
- it must be UTF-8 (no NUL byte, valid UTF-8, no other encoding declared), and the parser is
  told to read UTF-8 whatever the body declares, so what these checks see is what it parses
  (an `encoding="UTF-7"` body could otherwise spell `<!DOCTYPE` in bytes no check would match);
- it must not contain `<!` other than a comment or CDATA: no DOCTYPE, ENTITY or other
  declaration ever reaches the parser (libxml2 can open the file a DOCTYPE names even with DTD
  loading off);
- no `<` may be followed by more than `MAX_SPAN_BYTES` without another `<`: a start tag is
  parsed whole before anything can be counted, so this bounds the attributes of one element
  and the length of one text.

The parse itself stays within as many elements, attributes, namespace declarations and as much
depth as any contract request needs. A body with no more `<` than elements allowed and no more
`=` than attributes allowed on one element cannot cross any limit but depth (every element takes
a `<`, every attribute and declaration a `=`), so it is parsed whole and its depth checked after;
any other body, and any body that does not parse, is fed in chunks to a parser whose events are
counted, stopped as soon as a limit is crossed (which also says what is wrong with a broken one).
Its parser resolves nothing (`RefusingResolver`), so even a case missed above opens no file or URL.

Fault texts are fixed: they never repeat a parser's message or anything named in the body.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from lxml import etree

from loyalty_client.errors import InvalidRequest

# The largest contract request is a CommitPurchase of a receipt: 10 elements a line, 500 lines
# at most by the schema. The limits leave room for a receipt of twice that and then some.
MAX_ELEMENTS = 20_000
MAX_DEPTH = 32  # Envelope/Body/CommitPurchaseRequest/receipt/lines/line/amount is 7 deep
# The contract has no attributes; SOAP toolkits may add a few xsi:/soap: ones.
MAX_ATTRIBUTES_PER_ELEMENT = 16
MAX_ATTRIBUTES = 1_000
# Some toolkits declare the namespace again on every element.
MAX_NAMESPACES_PER_ELEMENT = 16
MAX_NAMESPACES = MAX_ELEMENTS
# The longest legitimate text is 500 characters (tl:Text): 6 KB even with every character
# written as an entity reference.
MAX_SPAN_BYTES = 8 * 1024
FEED_BYTES = 16 * 1024

NOT_UTF8 = "Запрос должен быть в кодировке UTF-8"
DOCTYPE_REFUSED = "DTD и сущности (DOCTYPE) в запросах запрещены"
NOT_XML = "Запрос не является корректным XML"
TOO_LONG = f"В запросе есть тег или текст длиннее {MAX_SPAN_BYTES} байт"
TOO_MANY_ELEMENTS = f"В запросе больше {MAX_ELEMENTS} элементов"
TOO_DEEP = f"Вложенность элементов в запросе больше {MAX_DEPTH}"
TOO_MANY_ATTRIBUTES_HERE = f"У элемента запроса больше {MAX_ATTRIBUTES_PER_ELEMENT} атрибутов"
TOO_MANY_ATTRIBUTES = f"В запросе больше {MAX_ATTRIBUTES} атрибутов"
TOO_MANY_NAMESPACES_HERE = f"У элемента запроса больше {MAX_NAMESPACES_PER_ELEMENT} объявлений пространств имён"
TOO_MANY_NAMESPACES = f"В запросе больше {MAX_NAMESPACES} объявлений пространств имён"

_UTF8_BOM = b"\xef\xbb\xbf"
_DECLARATION = re.compile(rb"\A\s*<\?xml\s[^>]*?\bencoding\s*=\s*[\"']([^\"']*)[\"']")
_MARKUP_DECLARATION = re.compile(rb"<!(?!--|\[CDATA\[)")
_LONG_SPAN = re.compile(rb"<[^<]{%d}" % MAX_SPAN_BYTES)  # anchored at '<': linear time
_BELOW_MAX_DEPTH = "boolean(" + "/*" * (MAX_DEPTH + 1) + ")"  # an element deeper than allowed


class RefusingResolver(etree.Resolver):
    """A resolver that resolves every external reference (DTD, entity, import) to nothing.

    Attached to every parser of the sandbox so that libxml2 never opens a file or URL itself.
    """

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        """An empty document for whatever is asked for."""
        return self.resolve_string("", context)


def check_bytes(body: bytes) -> None:
    """Raise `InvalidRequest` unless `body` is UTF-8 with no declaration and no overlong span."""
    if b"\0" in body:
        raise InvalidRequest(NOT_UTF8)  # UTF-16 and UTF-32 are full of NUL bytes; XML allows none
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidRequest(NOT_UTF8) from None
    declared = _DECLARATION.match(body.removeprefix(_UTF8_BOM))
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise InvalidRequest(NOT_UTF8)
    if _MARKUP_DECLARATION.search(body):
        raise InvalidRequest(DOCTYPE_REFUSED)
    if _LONG_SPAN.search(body):
        raise InvalidRequest(TOO_LONG)


def safe_parser(**options: object) -> etree.XMLParser:
    """A parser that reads UTF-8, loads no DTD, resolves no entity and opens nothing.

    `options` go to `etree.XMLPullParser` when `events` is among them, else to `etree.XMLParser`.
    """
    settings: dict[str, object] = dict(
        encoding="utf-8",
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        remove_comments=True,
        remove_pis=True,
    )
    settings.update(options)
    factory = etree.XMLPullParser if "events" in settings else etree.XMLParser
    parser = factory(**settings)
    parser.resolvers.add(RefusingResolver())
    return parser


def parse_within_limits(body: bytes) -> etree._Element:
    """The root element of `body` (checked by `check_bytes` first), parsed within the limits.

    Raises `InvalidRequest` with a fixed text as soon as a limit is crossed or the XML is broken.
    """
    check_bytes(body)
    if body.count(b"<") <= MAX_ELEMENTS and body.count(b"=") <= MAX_ATTRIBUTES_PER_ELEMENT:
        try:
            root = etree.fromstring(body, safe_parser())
        except etree.XMLSyntaxError:
            pass  # the counting parse below tells what is wrong
        else:
            if root.xpath(_BELOW_MAX_DEPTH):
                raise InvalidRequest(TOO_DEEP)
            return root
    return _parse_counting(body)


def _parse_counting(body: bytes) -> etree._Element:
    """`parse_within_limits` for a body that might cross any limit: fed in chunks, events counted."""
    parser = safe_parser(events=("start", "end", "start-ns"))
    counter = _Counter()
    try:
        for offset in range(0, len(body), FEED_BYTES):
            parser.feed(body[offset : offset + FEED_BYTES])
            counter.count(parser.read_events())
        root = parser.close()
        counter.count(parser.read_events())
    except etree.XMLSyntaxError:
        raise InvalidRequest(NOT_XML) from None
    return root


class _Counter:
    """Running totals over a pull parser's events; raises as soon as one crosses its limit."""

    def __init__(self) -> None:
        self.elements = 0
        self.depth = 0
        self.attributes = 0
        self.namespaces = 0
        self.namespaces_here = 0

    def count(self, events: Iterable[tuple[str, Any]]) -> None:
        for event, item in events:
            if event == "start-ns":
                self.namespaces += 1
                self.namespaces_here += 1
                if self.namespaces_here > MAX_NAMESPACES_PER_ELEMENT:
                    raise InvalidRequest(TOO_MANY_NAMESPACES_HERE)
                if self.namespaces > MAX_NAMESPACES:
                    raise InvalidRequest(TOO_MANY_NAMESPACES)
            elif event == "start":
                self.namespaces_here = 0
                self.elements += 1
                self.depth += 1
                here = len(item.attrib)
                self.attributes += here
                if self.elements > MAX_ELEMENTS:
                    raise InvalidRequest(TOO_MANY_ELEMENTS)
                if self.depth > MAX_DEPTH:
                    raise InvalidRequest(TOO_DEEP)
                if here > MAX_ATTRIBUTES_PER_ELEMENT:
                    raise InvalidRequest(TOO_MANY_ATTRIBUTES_HERE)
                if self.attributes > MAX_ATTRIBUTES:
                    raise InvalidRequest(TOO_MANY_ATTRIBUTES)
            else:
                self.depth -= 1
