"""HTML pages: the article is extracted with trafilatura.

The document text is the extracted article, one block a paragraph, separated
by blank lines; every block remembers the line of the page its element starts
on, so a finding points back into the HTML file.
"""

from __future__ import annotations

import re
import unicodedata

from mtqa.model import Document, InputError
from mtqa.structure import Paragraph, segment_paragraphs

_SKIP_TAGS = {"html", "body", "head", "title", "meta", "script", "style", "noscript"}
_MARKERS = {"quote": "quote", "item": "list"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w\-]+)""", re.IGNORECASE)
#: Elements nested deeper than this are unwrapped before extraction (trafilatura
#: and libxml2's default parser lose the text of pages nested ~256 deep).
FLATTEN_DEPTH = 64
#: Wrapper elements that are unwrapped there; paragraphs, headings and lists are kept.
_WRAPPERS = {"div", "span", "section", "article", "main", "aside", "font", "center", "b", "i", "em", "strong", "u"}
#: How deep libxml2 parses at most (with ``huge_tree``); deeper content is lost, so such a page is refused.
PARSER_DEPTH = 2000


def meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _parse(html: str, name: str):
    """The page as an lxml tree, however deep it nests (InputError beyond what libxml2 reads)."""
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (ValueError, etree.ParserError) as exc:
        raise InputError(f"{name}: not a readable HTML page ({exc}); give mtqa its text") from None


def _flatten(tree, name: str) -> None:
    """Unwrap wrapper elements nested deeper than ``FLATTEN_DEPTH``, keeping their text."""
    depth: dict = {}
    deep = []
    deepest = 0
    for el in tree.iter():  # document order: a parent before its children
        parent = el.getparent()
        d = depth[el] = depth[parent] + 1 if parent is not None else 0
        deepest = max(deepest, d)
        if d > FLATTEN_DEPTH and isinstance(el.tag, str) and el.tag in _WRAPPERS:
            deep.append(el)
    if deepest >= PARSER_DEPTH:
        raise InputError(
            f"{name}: the page nests its elements {PARSER_DEPTH:,} or more deep, beyond what the HTML parser "
            "reads (the text below is lost); give mtqa the article's text"
        )
    for el in deep:
        el.drop_tag()


def _extract(html: str, name: str) -> tuple[str | None, list[tuple[str, str | None]]]:
    """The page title and the article's (text, marker) paragraphs."""
    import trafilatura
    from lxml import etree

    tree = _parse(html, name)
    _flatten(tree, name)
    xml = trafilatura.extract(
        tree,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_recall=True,
    )
    if not xml:
        return None, []
    root = etree.fromstring(xml.encode("utf-8"))
    title = root.get("title")
    main = root.find("main")
    paras: list[tuple[str, str | None]] = []
    if main is None:
        return title, paras
    for el in main.iter("head", "p", "quote", "item"):
        # A paragraph inside a quote or list item is taken with its parent.
        if any(a.tag in ("quote", "item") for a in el.iterancestors()):
            continue
        text = re.sub(r"\s+", " ", "".join(el.itertext())).strip()
        if not text:
            continue
        marker: str | None
        if el.tag == "head":
            marker = "heading1" if el.get("rend") == "h1" else "heading"
        else:
            marker = _MARKERS.get(el.tag)
        paras.append((text, marker))
    return title, paras


def _source_lines(html: str, texts: list[str]) -> list[int | None]:
    """The page line where each paragraph's element starts, found by its text."""
    try:
        tree = _parse(html, "")
    except InputError:
        return [None] * len(texts)
    elements = [
        (el.sourceline, _norm(el.text_content()))
        for el in tree.iter()
        if isinstance(el.tag, str) and el.tag not in _SKIP_TAGS
    ]
    lines: list[int | None] = []
    cursor = 0
    for text in texts:
        probe = _norm(text)[:40]
        found = None
        # The innermost element that starts with the paragraph's text.
        for i in range(cursor, len(elements)):
            line, content = elements[i]
            if content.startswith(probe):
                found = (i, line)
            elif found is not None and probe not in content:
                break
        if found is None:
            lines.append(None)
        else:
            cursor = found[0] + 1
            lines.append(found[1])
    return lines


_INLINE_MARKER = re.compile(r"<!--\s*mtqa:\s*ignore\b([^>]*?)-->", re.IGNORECASE)


def _inline_markers(html: str, lines: list[int | None]) -> list[dict]:
    """``<!-- mtqa: ignore CODE -->`` comments of the page and the block each covers.

    A marker covers the next paragraph: the first whose element starts on a
    later line, or on the marker's own line when nothing precedes the marker there.
    Recorded in ``doc.meta["mtqa_inline"]`` for :mod:`mtqa.gate`.
    """
    out = []
    for m in _INLINE_MARKER.finditer(html):
        line = html.count("\n", 0, m.start()) + 1
        line_start = html.rfind("\n", 0, m.start()) + 1
        alone = not html[line_start : m.start()].strip()
        block = next(
            (
                i
                for i, at in enumerate(lines)
                if at is not None and (at > line or (alone and at == line))
            ),
            None,
        )
        selectors = [s for s in re.split(r"[\s,]+", m.group(1).strip()) if s]
        out.append({"selectors": selectors, "block": block, "line": line})
    return out


def load_html(html: str, *, doc_id: str, path: str | None, **fields) -> Document:
    title, paras = _extract(html, doc_id)
    if not any(marker != "heading1" for _, marker in paras):
        # a title alone is not an article: the text could not be extracted
        raise InputError(
            f"{doc_id}: no article text found in the HTML page"
            + (f" (only its title {title!r})" if title or paras else "")
            + "; check that it is an article page, or give mtqa its text"
        )
    if title and paras[0][1] != "heading1":
        paras.insert(0, (title, "heading1"))
    text = ""
    structure = []
    for content, marker in paras:
        if text:
            text += "\n\n"
        structure.append(Paragraph(len(text), len(text) + len(content), marker))
        text += content
    lines = _source_lines(html, [c for c, _ in paras])
    blocks, sentences = segment_paragraphs(text, structure, lines)
    markers = _inline_markers(html, lines)
    if markers:
        fields["meta"] = dict(fields.get("meta") or {}, mtqa_inline=markers)
    return Document(
        id=doc_id,
        text=text,
        path=path,
        format="html",
        blocks=blocks,
        sentences=sentences,
        **fields,
    )
