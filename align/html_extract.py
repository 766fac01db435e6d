"""The article of an HTML page (title, date line, body paragraphs) without the page around it.

Parsing is lxml.html's. Scripts, styles, forms, navigation, menus, header and footer bars,
share/print links and language switchers are removed; the body is the element holding most of
the page's paragraph text (scored the way readability tools do: paragraphs vote for their parent
and, half as much, for their grandparent; link-heavy text counts for little). The title is the
first-level heading (or, failing that, the nearest heading before the body, or ``<title>``), and
the date line is a short date-like text between the title and the body.
"""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

from align.boilerplate import is_boilerplate
from align.errors import DocumentError
from align.kinds import is_dateline
from align.language import is_han
from align.normalize import remove_invisible
from align.blocks import Block

#: removed with everything inside them
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "form",
              "select", "button", "input", "textarea", "object", "embed", "map", "head", "video",
              "audio")
#: page furniture by tag, removed unless it holds the page's first-level heading
_FURNITURE_TAGS = ("nav", "header", "footer", "aside", "menu")
#: page furniture by class or id (as a word of the attribute)
_FURNITURE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menubar|breadcrumbs?|crumbs?|footer|foot|"
    r"share|sharing|social|sidebar|side|toolbar|tools|print|lang|language|languages|switcher|"
    r"copyright|banner|advert|ads?|topbar|top-bar|bottom|search|login|pagination|pager|skip|"
    r"related|recommend|subnav|location|position|weizhi|dqwz|fxd|bdshare)(?:$|[\s_-])",
    re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre section article main table tr td "
    "th tbody thead tfoot figure figcaption address center hr body html".split())
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: the deepest nesting of elements read (libxml2 alone stops at 256 and drops the rest)
MAX_DEPTH = 512
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u2000-\u200a\u3000]+")
#: the superscript form of each digit, for a ``<sup>`` that holds only digits
_SUPERSCRIPT = str.maketrans("0123456789",
                             "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _collapse(text: str) -> str:
    """Runs of white space to one space, or to nothing between two Chinese characters;
    invisible characters (&#8203;, &shy; …) removed."""
    text = remove_invisible(text)
    def repl(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        before = text[s - 1] if s else ""
        after = text[e] if e < len(text) else ""
        if before and after and is_han(before) and is_han(after) and "\n" in m.group():
            return ""
        return " "
    return _SPACES.sub(repl, text)


def _superscript(el: etree._Element) -> str | None:
    """A ``<sup>`` holding only digits (a footnote mark, an exponent) as superscript digits
    ("cooperate.<sup>1</sup>" → "cooperate.¹", which the splitter keeps with its sentence, where
    "cooperate.1" would hide the full stop); None for any other element."""
    if el.tag != "sup":
        return None
    digits = el.text_content().strip()
    return digits.translate(_SUPERSCRIPT) if digits.isascii() and digits.isdigit() else None


def _attr_words(el: etree._Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"


def _text_len(el: etree._Element) -> int:
    return len(_collapse(el.text_content()).strip())


def _link_density(el: etree._Element) -> float:
    total = _text_len(el)
    if not total:
        return 0.0
    links = sum(_text_len(a) for a in el.iter("a"))
    return min(1.0, links / total)


def _holds_title(el: etree._Element) -> bool:
    """Whether ``el`` holds a first-level heading that is more than a link (a site logo in an
    ``<h1>`` is no article title)."""
    return any(_text_len(h) and _link_density(h) < 0.9 for h in el.iter("h1"))


def _clean(root: etree._Element) -> None:
    """Remove scripts, styles, forms and page furniture in place."""
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        el.drop_tree() if hasattr(el, "drop_tree") else el.getparent().remove(el)
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter(*_FURNITURE_TAGS)):
        if el.getparent() is not None and not _holds_title(el):
            el.drop_tree()
    total = max(_text_len(root), 1)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("body", "html"):
            continue
        if el.get("role") in ("navigation", "banner", "contentinfo", "search") or \
                _FURNITURE_ATTR.search(_attr_words(el)):
            size = _text_len(el)
            if list(el.iter("h1")) and size > 0.3 * total:
                continue
            if size < 0.3 * total or _link_density(el) > 0.5:
                el.drop_tree()


def _paragraph_elements(root: etree._Element) -> list[etree._Element]:
    """Elements that directly hold a paragraph of text."""
    out = []
    for el in root.iter("p", "div", "td", "li", "blockquote", "pre", "dd", "section", "article"):
        own = (el.text or "").strip() + "".join((c.tail or "").strip() for c in el)
        if el.tag == "p" or len(own) >= 20:
            out.append(el)
    return out


def _best_container(root: etree._Element) -> etree._Element:
    """The element that holds most of the article's paragraph text."""
    scores: dict[etree._Element, float] = {}
    for el in _paragraph_elements(root):
        length = _text_len(el)
        if length < 10:
            continue
        text = el.text_content()
        score = 1 + text.count(",") + text.count("，") + text.count("。") + min(length / 100, 3)
        score *= 1 - _link_density(el)
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + score / 2
    if not scores:
        body = root.find("body")
        return body if body is not None else root
    return max(scores, key=lambda el: scores[el])


class _Collector:
    """Walks an element and cuts its text into paragraphs at block elements and <br>, noting
    how much of each paragraph is link text."""

    def __init__(self) -> None:
        self.blocks: list[tuple[Block, float]] = []
        self.parts: list[tuple[str, bool]] = []
        self.line: int | None = None
        self.kind: str | None = None
        self.headings = 0  # how many headings the walk is inside

    def flush(self) -> None:
        text = _collapse("".join(t for t, _ in self.parts)).strip()
        if text:
            linked = len(_collapse("".join(t for t, link in self.parts if link)).strip())
            self.blocks.append((Block(text, self.line, self.kind), linked / len(text)))
        self.parts, self.line, self.kind = [], None, None

    def add(self, text: str | None, line: int | None, link: bool) -> None:
        if text:
            if not any(t.strip() for t, _ in self.parts):
                self.line = line
            self.parts.append((text, link))

    def walk(self, el: etree._Element, link: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if tag == "br" and self.headings:
            self.add("\n", el.sourceline, link)  # a long title broken over two lines
        elif block or tag == "br":
            self.flush()
        if tag in _HEADINGS:
            self.kind = "title" if tag == "h1" else "heading"
            self.headings += 1
        link = link or tag == "a"
        superscript = _superscript(el)
        if superscript is not None:
            self.add(superscript, el.sourceline, link)
        elif tag != "br":
            self.add(el.text, el.sourceline, link)
            for child in el:
                self.walk(child, link)
                self.add(child.tail, getattr(child, "sourceline", None), link)
        if tag in _HEADINGS:
            self.headings -= 1
        if block or tag in _HEADINGS:
            self.flush()


def _text_with_breaks(el: etree._Element) -> str:
    """The text of a title or date line, a ``<br>`` inside it read as a wrapped line."""
    def text_of(node: etree._Element) -> str:
        parts = ["\n" if node.tag == "br" else node.text or ""]
        for child in node:
            parts += [text_of(child), child.tail or ""]
        return "".join(parts)
    return _collapse(text_of(el)).strip()


def _blocks_of(el: etree._Element) -> list[Block]:
    """Paragraphs under ``el``, without furniture and without link lists."""
    collector = _Collector()
    collector.walk(el)
    collector.flush()
    return [b for b, linked in collector.blocks
            if not is_boilerplate(b.text) and (b.kind or linked < 0.6 or len(b.text) >= 200)]


def _page_title(root: etree._Element) -> str:
    title = root.find(".//title")
    if title is None:
        return ""
    text = _collapse(title.text_content()).strip()
    # "Wang Yi Meets … - Ministry of Foreign Affairs": keep the longest part
    return max(re.split(r"\s+[-|_–—]\s+|_", text), key=len).strip()


def _region(container: etree._Element, levels: int = 2) -> etree._Element:
    """The container's ancestor ``levels`` up (or the highest there is): where the title and the
    date line of an article usually sit, next to its body."""
    region = container
    for _ in range(levels):
        parent = region.getparent()
        if parent is None or parent.tag == "html":
            break
        region = parent
    return region


def _dateline_before(elements: list[etree._Element]) -> etree._Element | None:
    """The innermost short element that is a date line, among ``elements``."""
    for el in elements:
        text = _collapse(el.text_content()).strip()
        if text and len(text) <= 80 and is_dateline(text) and not any(
                is_dateline(_collapse(c.text_content()).strip()) for c in el):
            return el
    return None


def html_blocks(html: str) -> list[Block]:
    """The paragraphs of the article of an HTML page: title, date line, body paragraphs."""
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return []
    _check_depth(root)
    page_title = _page_title(root)
    _clean(root)
    order = {el: i for i, el in enumerate(root.iter())}
    container = _best_container(root)
    body = _blocks_of(container)
    start = order.get(container, 0)
    inside = set(container.iter())
    region = [el for el in _region(container).iter() if el not in inside
              and order.get(el, start) < start]
    head: list[Block] = []
    title_el = None
    if not any(b.kind == "title" for b in body):
        headings = [el for el in region if el.tag in _HEADINGS and _text_len(el)]
        if not headings:  # a first-level heading anywhere before the body
            headings = [el for el in root.iter("h1") if order.get(el, start) < start
                        and _text_len(el)]
        h1 = [el for el in headings if el.tag == "h1" and _holds_title(el)]
        title_el = h1[-1] if h1 else headings[-1] if headings else None
        if title_el is not None:
            head.append(Block(_text_with_breaks(title_el), title_el.sourceline, "title"))
        elif page_title:
            # the page's <title>, unless the body opens with it (then that paragraph is the title)
            same = [k for k, b in enumerate(body[:3]) if _same_title(b.text, page_title)]
            if same:
                k = same[0]
                body[k] = Block(body[k].text, body[k].line, "title", body[k].starts)
            else:
                head.append(Block(page_title, None, "title"))
    if not any(is_dateline(b.text) for b in body[:3]):
        after = order[title_el] if title_el is not None else -1
        skip = set(title_el.iter()) if title_el is not None else set()
        dateline = _dateline_before([el for el in region if order[el] > after and el not in skip])
        if dateline is not None:
            head.append(Block(_text_with_breaks(dateline), dateline.sourceline))
    return head + body


def _check_depth(root: etree._Element) -> None:
    """:class:`DocumentError` naming the line when elements nest deeper than :data:`MAX_DEPTH`
    (the page would be read in part, or not at all)."""
    depth = {root: 1}
    for el in root.iter():
        parent = el.getparent()
        if parent is None:
            continue
        depth[el] = depth[parent] + 1
        if depth[el] > MAX_DEPTH:
            raise DocumentError(f"HTML elements nested more than {MAX_DEPTH} levels deep (here "
                                f"<{el.tag}> is at level {depth[el]}): not read; flatten the page",
                                line=el.sourceline)


def _same_title(text: str, title: str) -> bool:
    """Whether a paragraph repeats the page title (ignoring spaces and case)."""
    a = re.sub(r"\s+", "", text).lower()
    b = re.sub(r"\s+", "", title).lower()
    return bool(a) and (a == b or len(a) <= 1.3 * len(b) and (a in b or b in a))
