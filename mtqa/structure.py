"""Split an article into blocks (title, heading, body, caption, quote, list item,
furniture) and sentences, keeping code-point offsets into the document text.

Plain-text news articles as scraped have one paragraph a line; Markdown and
hard-wrapped text have paragraphs over several lines separated by blank lines.
Both are handled: a file "looks hard-wrapped" when many lines stop mid-sentence
at a similar width, and then consecutive lines are joined into one paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from mtqa.furniture import load_rules
from mtqa.model import Block, BlockKind, Sentence, register_segmenter
from mtqa.names.lexicon import words as lexicon_words
from mtqa.names.lexicon import zipf_in

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_DIALOGUE = re.compile(r"^[–—―]\s*|^-\s+")
_MD_LIST = re.compile(r"^[-*+]\s+")
_LIST = re.compile(r"^(?:\d{1,3}[.)]|[•·▪◦])\s+")
_MD_QUOTE = re.compile(r"^>\s?")
_CAPTION_LABEL = re.compile(r"^([^\s:][^:]{0,40}?):\s+\S")
_TERMINAL = ".!?:;,\"”»)…"
_HTML_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
#: A suppression marker at the end of a line of text (``... <!-- mtqa: ignore-line GR003 -->``):
#: not part of the article's text.
_TRAILING_MARKER = re.compile(r"\s*<!--\s*mtqa:[^>]*-->\s*$", re.IGNORECASE)
#: The furniture codes structure gives: a teaser headline, a repeated line.
TEASER = "BP001"
REPEATED_LINE = "BP007"


@dataclass
class Paragraph:
    start: int  # content start (after any marker)
    end: int
    marker: str | None = None  # heading1, heading, quote, list
    md_level: int = 0


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, line end excluded."""
    out = []
    for m in _LINE_RE.finditer(text):
        if m.start() == m.end():
            break
        content = m.group(0).rstrip("\r\n")
        out.append((m.start(), m.start() + len(content)))
    return out


def _looks_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    nonblank = [(s, e) for s, e in lines if text[s:e].strip()]
    if len(nonblank) < 4:
        return False
    mid_sentence = 0
    for (s, e), nxt in zip(lines, lines[1:]):
        line = text[s:e].rstrip()
        following = text[nxt[0] : nxt[1]].strip()
        if not line or not following:
            continue
        # A sentence running on: the line stops without punctuation and the
        # next one goes on in lower case (headlines one a line do not).
        if 40 <= len(line) <= 100 and line[-1] not in _TERMINAL and following[0].islower():
            mid_sentence += 1
    return mid_sentence / len(nonblank) > 0.2


def _paragraphs(text: str, fmt: str) -> list[Paragraph]:
    lines = _lines(text)
    markdown = fmt == "markdown"
    join_all = markdown or _looks_wrapped(text, lines)
    rules = load_rules()
    paras: list[Paragraph] = []
    in_fence = False
    previous_blank = True
    for s, e in lines:
        raw = text[s:e]
        stripped = raw.strip()
        if markdown and stripped.startswith("```"):
            in_fence = not in_fence
            previous_blank = True
            continue
        if in_fence or not stripped or _HTML_COMMENT.match(raw):
            previous_blank = True
            continue
        lead = len(raw) - len(raw.lstrip())
        cs = s + lead
        content = text[cs:e]
        marker = None
        level = 0
        m = _MD_HEADING.match(content)
        if m:
            level = len(m.group(1))
            marker = "heading1" if level == 1 else "heading"
        elif markdown and _MD_QUOTE.match(content):
            m, marker = _MD_QUOTE.match(content), "quote"
        elif markdown and _MD_LIST.match(content):
            m, marker = _MD_LIST.match(content), "list"
        elif _DIALOGUE.match(content):
            m, marker = _DIALOGUE.match(content), "quote"
        elif _LIST.match(content):
            m, marker = _LIST.match(content), "list"
        if m:
            cs += m.end()
        end = s + len(raw.rstrip())
        trailing = _TRAILING_MARKER.search(raw)
        if trailing:
            end = s + trailing.start()
        continues = (
            not previous_blank
            and paras
            and marker is None
            and paras[-1].marker not in ("heading1", "heading")
            and (join_all or content[:1].islower())
            and rules.match(content, 0, 1) is None  # "see more" under a caption
        )
        if continues:
            paras[-1].end = end
        elif cs < end:
            paras.append(Paragraph(cs, end, marker, level))
        previous_blank = False
    return paras


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\u2010-\u2015\-]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _same_line(text: str) -> str:
    """``text`` normalised for telling a repeated line: quotes, dashes, case
    and a leading dash or bullet aside."""
    text = re.sub(r"[’‘`´]", "'", _norm(text))
    text = re.sub(r"[“”«»„]", '"', text)
    return text.lstrip("-•· ").rstrip(" .")


#: A picture's credit, as a line of its own ("Photo: Kari Nordmann / NTB") or at the end
#: of a caption ("... the Opera House. Photo by Kari Nordmann on Unsplash").
_PICTURE_CREDIT = re.compile(
    r"(?:^|[.!?)]\s+)\W*(?:Photo|Foto|Photograph|Picture|Image|Illustration)(?:\s*:|\s+by\b)[^\n]{1,100}$",
    re.IGNORECASE,
)


#: A caption is short: a paragraph of body text that happens to end "... Image by ..."
#: is not a picture's credit.
_CAPTION_WORDS = 60


def _without_outlet(text: str) -> str:
    """``text`` without the names of news outlets and republishing sites after a dash
    or a bar at its end ("... | NRK Vestland", "... - VG", "... | BT", "... - NRK
    Innlandet | NatureNewsDaily"); unchanged when what follows the dash is neither
    ("Election 2025 – Results")."""
    for _ in range(2):  # the outlet, then the site that scraped it
        bare = _without_one_outlet(text)
        if bare == text:
            break
        text = bare
    return text


def _without_one_outlet(text: str) -> str:
    from mtqa.names.gazetteer import gazetteer

    domain = _DOMAIN_SUFFIX.search(text)
    if domain:
        return text[: domain.start()]  # "... – adressa.no": a Norwegian site's address
    site = _SITE_SUFFIX.search(text)
    if site:
        return text[: site.start()]  # "... | NatureNewsDaily": the farm's own name
    m = load_rules().outlet_suffix.search(text)
    if not m:
        return text
    name = m.group(0).strip().lstrip("-–—|").strip()
    outlets = gazetteer().forms("outlet")  # "Bergens Tidende", its "BT", its "Bergen's Times"
    if name in outlets or name.split()[0] in outlets:
        return text[: m.start()]
    return text


#: A republishing site's name after a bar at a line's end, named as farms are: one word
#: of two capitals or with a word news sites are named with ("... | NatureNewsDaily",
#: "... | Nordic Wire Today"; not "... | Results", "... - Lillehammer").
_SITE_SUFFIX = re.compile(
    r"\s[|·•]\s*(?:[A-Z][a-z]+[A-Z]\w*|(?:[A-Z][\w&'’.-]*\s+){0,2}[\w&'’.-]*"
    r"(?:News|Wire|Daily|Post|Online|Hub|Today|Times|Insider|Buzz)\w*)$"
)


#: A Norwegian site's address after a dash or bar at a line's end ("... – adressa.no").
_DOMAIN_SUFFIX = re.compile(r"\s[-–—|]\s*(?:www\.)?[a-z0-9][a-z0-9-]*\.no$", re.I)

#: A line that is one quotation ("“We are staying in Bergen”").
_QUOTED_WHOLE = re.compile(r"^[\"“«‘'][^\"“”«»]*[\"”»’']$")


def _page_title_of(bare: str, content: str, title_norm: str) -> bool:
    """Whether ``content``, ``bare`` without the outlet's or site's name at its end, is
    the page's title for the headline ``title_norm``: the headline itself, or its part
    before a colon or a dash ("Wolf seen near the school - NRK Innlandet" over "Wolf
    seen near the school: - The parents are shaken")."""
    line = _same_line(bare)
    if line == title_norm:
        return True
    return (
        bare != content
        and len(line.split()) >= 3
        and any(title_norm.startswith(line + sep) for sep in (":", " -", " |"))
    )


def _headline_with_label(content: str, title_norm: str) -> bool:
    """Whether ``content`` is the headline itself with a short label after a dash or a bar,
    an outlet's or a site's name the gazetteer need not know ("... - GD", "... - TA", "... |
    TV 2 Sport English"): the page's title, scraped under the headline."""
    m = load_rules().outlet_suffix.search(content)
    if m is None or _same_line(content[: m.start()]) != title_norm:
        return False
    first = m.group(0).strip().lstrip("-–—|").split()[0]
    # a name's first word: an abbreviation ("GD", "TA", "TV 2") or a word English text seldom
    # uses ("Dagbladet"), not one of a sub-heading that goes on from the headline ("Election
    # 2025 – Results")
    return bool(re.fullmatch(r"[A-ZÆØÅ]{2,5}", first)) or zipf_in(first.lower(), "en") < _LABEL_WORD_ZIPF


#: How common in English a page title's label may begin with a word and still be a name.
_LABEL_WORD_ZIPF = 3.5


def _heading_like(text: str, max_words: int) -> bool:
    return len(text.split()) <= max_words and text[-1:] not in ".!?\"”»)…"


def _name_like(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(
        re.fullmatch(r"[A-ZÆØÅÄÖÉ][\w'’.\-]*", w) for w in words
    )


def _classify(text: str, paras: list[Paragraph]) -> list[tuple[BlockKind, str | None]]:  # noqa: C901 - the kinds, in order
    rules = load_rules()
    count = len(paras)
    kinds: list[tuple[BlockKind, str | None]] = [(BlockKind.BODY, None)] * count
    contents = [text[p.start : p.end] for p in paras]

    # 1. Furniture by pattern; a comment form makes the rest furniture.
    tail_code = None
    for i, content in enumerate(contents):
        rule = rules.match(content, i, count)
        if rule is not None:
            kinds[i] = (BlockKind.FURNITURE, rule.code)
            if rule.tail and tail_code is None:
                tail_code = rule.code
        elif tail_code is not None:
            kinds[i] = (BlockKind.FURNITURE, tail_code)

    # 2. Bylines: name-like lines at the end of the article, next to other
    #    furniture or repeated (author boxes repeat the name).
    for i in range(count - 1, -1, -1):
        if kinds[i][0] is BlockKind.FURNITURE:
            continue
        nxt_furniture = i + 1 < count and kinds[i + 1][0] is BlockKind.FURNITURE
        repeated = i > 0 and _norm(contents[i - 1]) == _norm(contents[i])
        if _name_like(contents[i]) and (nxt_furniture or repeated):
            kinds[i] = (BlockKind.FURNITURE, "BP003")
            if repeated:
                kinds[i - 1] = (BlockKind.FURNITURE, "BP003")
            continue
        break

    _author_bios(contents, kinds)
    _repeats_and_teasers(contents, kinds)
    _site_lines(contents, kinds)
    _source_titles(contents, kinds)
    _source_credits(contents, kinds)
    _links_under_a_header(contents, kinds)

    # 3. Title (its repetitions are titles marked as repeated lines: a page may
    #    show its headline again as an image's text), headings, captions, quotes, lists.
    title_norm = None
    title_at = -1  # the first title line, when it ends with the outlet's name ("... - E24")
    after_title = False
    for i, (para, content) in enumerate(zip(paras, contents)):
        if kinds[i][0] is BlockKind.FURNITURE or kinds[i] == (BlockKind.TITLE, REPEATED_LINE):
            continue  # (the page's title under the headline: _source_titles)
        words = content.split()
        if title_norm is None and (
            para.marker == "heading1"
            or (para.marker is None and len(words) <= 30 and content[-1] not in ".")
            # a quote headline ("– We have taken giant steps – VG"): a dialogue dash opens
            # it, the outlet's name closes it, as Norwegian papers title an interview
            or (
                para.marker == "quote"
                and len(words) <= 20
                and content[-1] not in ".!?,"
                and _without_outlet(content) != content
            )
        ):
            title_norm = _same_line(content)
            bare = _without_outlet(content)
            if bare != content and len(bare.split()) >= 3 and not _QUOTED_WHOLE.match(bare.strip()):
                # (not "Lykkeland – NRK" over a review's "Lykkeland", nor a quote over its pull quote)
                title_norm, title_at = _same_line(bare), i
            kinds[i] = (BlockKind.TITLE, None)
            after_title = True
            continue
        if title_at >= 0 and i - title_at > 3:
            title_at = -1  # the headline itself stands right under the page title, or nowhere
        if title_at >= 0 and _same_line(content) == title_norm:
            # the page's title with the outlet's name, then the headline itself: the
            # page title is the repeat ("DNB raises its rate - E24" over "DNB raises its rate")
            kinds[title_at] = (BlockKind.TITLE, REPEATED_LINE)
            kinds[i] = (BlockKind.TITLE, None)
            title_at = -1
            after_title = True
            continue
        if title_norm is None:
            title_norm = ""  # the article has no title line
        if title_norm and (
            _same_line(content) == title_norm
            or _page_title_of(_without_outlet(content), content, title_norm)
            or _headline_with_label(content, title_norm)
        ):
            # (or the page title again with its outlet: "... closes the pass | NRK Vestland")
            # the headline again (over the picture, or scraped twice): still read as a
            # title (its words are the article's), reported as a repeated line, unless
            # a picture's credit follows it: then it is the lead picture's text, as
            # news pages show it, and the page's own
            credited = (
                i + 1 < count
                and len(contents[i + 1].split()) <= _CAPTION_WORDS
                and bool(_PICTURE_CREDIT.search(contents[i + 1]))
            )
            kinds[i] = (BlockKind.TITLE, None if credited else REPEATED_LINE)
            after_title = True
            continue
        if para.marker in ("heading1", "heading"):
            kinds[i] = (BlockKind.HEADING, None)
        elif para.marker == "quote":
            kinds[i] = (BlockKind.QUOTE, None)
        elif para.marker == "list":
            kinds[i] = (BlockKind.LIST_ITEM, None)
        elif _is_caption(content, after_title):
            kinds[i] = (BlockKind.CAPTION, None)
        elif (
            len(words) <= 12
            and len(content) <= 90
            and content[-1] not in _TERMINAL
            and i + 1 < count
        ):
            kinds[i] = (BlockKind.HEADING, None)
        after_title = False
    return kinds


#: A generated author bio's opening: an optional byline ("Written by Kari Lie – "), a writer's
#: name (with "Dr."), then what the writer is or does: "is a senior correspondent at ...", "is
#: ScandiCare News' health editor", "covers Nordic business for ...", "has followed the royal houses".
_BIO_OPENING = re.compile(
    r"^(?:(?:Written by|By)\s+[A-ZÆØÅ][\w.'’-]+(?:\s+[A-ZÆØÅ][\w.'’-]+){1,3}\s*[–—.:-]\s+)?"
    r"(?:(?:Dr|Mr|Ms|Mrs)\.?\s+)?(?P<name>[A-ZÆØÅ][\w'’-]+(?:\s+[A-ZÆØÅ][\w'’-]+){0,3})\s+"
    r"(?:is\s+(?:an?|the|[A-Z][\w&.'’ -]{2,40}['’]s?)\s+[^.]{0,60}?\b(?:journalist|correspondent|reporter|writer|"
    r"editor|blogger|columnist|contributor|author)s?\b"
    r"|(?:covers|writes about|reports on|has (?:covered|followed|written about|reported on|been writing about)|"
    r"has been covering)\b)"
)
#: What only an author box says of its writer: how long they have written, a site they
#: write for, their earlier jobs, their books, where they live, where to follow them.
_BIO_DETAIL = re.compile(
    r"\bfor (?:more than |over |nearly |almost |the (?:past|last) )?(?:\d+|a|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|twelve|fifteen|twenty|thirty) (?:years?|decades?)\b|\bover a decade\b|\bsince (?:19|20)\d\d\b"
    r"|\b\d+ years of experience\b|\bhas previously (?:worked|written)\b|\bis the author of\b"
    r"|\bFollow (?:him|her|them)\b|\b(?:lives|live) in\b"
    r"|\b(?:at|for)\s+(?:[A-Z][\w&'’.-]*\s+){0,2}(?:[A-Z][a-z]+[A-Z]\w*|[\w&'’.-]*(?:News|Wire|Daily|Post|Online|Hub|Today|Times|Insider|Buzz)\w*)"
)
#: Speech reported, or a quotation: a sentence of the article, not a site's own line.
_SPEECH = re.compile(r"\b(?:says|said|told|tells|according to)\b|[«“\"]")
#: What a sentence of the article does and a bio does not: report an event.
_AN_EVENT = re.compile(r"\b(?:was (?:arrested|killed|injured|found|called)|died)\b")


def is_author_bio(text: str) -> bool:
    """Whether a block reads as an author's bio by its words alone (its name, what the
    writer writes, what only an author box says); where it stands is :func:`_author_bios`'."""
    return bool(_BIO_OPENING.match(text.strip()) and _BIO_DETAIL.search(text))


def _author_bios(contents: list[str], kinds: list[tuple[BlockKind, str | None]]) -> None:
    """Mark a generated author bio at the top or the bottom of the page: a paragraph that
    opens with a writer's name and what they write ("Erik Thompson is a senior correspondent
    at NordicWire24, covering Scandinavian affairs since 2012."; "Written by Michael Grant –
    Michael covers Nordic business for NordicBizInsider. He has previously worked for ..."),
    says what only an author box says (how long, for which site, earlier jobs, home, follow
    me), and names someone the article itself never names, under (or over) an article of
    five paragraphs or more (a story about a journalist names them in its text)."""
    count = len(contents)
    body = [i for i in range(count) if kinds[i][0] is not BlockKind.FURNITURE]
    if len(body) < 7:
        return  # a headline, five paragraphs and the bio at least
    for i in body:
        if 5 <= i < count - 5:
            continue
        # where an author box stands: the article's last paragraph, or beside the page's
        # furniture (under a byline, over a share bar); not a paragraph among the story's own
        beside = (i > 0 and kinds[i - 1][0] is BlockKind.FURNITURE) or (
            i + 1 < count and kinds[i + 1][0] is BlockKind.FURNITURE
        )
        if not (i == body[-1] or beside):
            continue
        text = contents[i].strip()
        words = len(text.split())
        if not 8 <= words <= 70 or _SPEECH.search(text) or _AN_EVENT.search(text):
            continue
        opening = _BIO_OPENING.match(text)
        if opening is None or not _BIO_DETAIL.search(text):
            continue
        name = opening.group("name").split()
        byline = text.startswith(("Written by", "By "))
        if len(name) < 2 and not byline:
            continue  # a given name alone is a bio only after its byline
        if not byline and lexicon_words().first_name_gender(name[0]) is None:
            continue  # a person by a given name: not "Human Rights Watch has followed the case ..."
        surname = name[-1]
        named = re.compile(rf"\b{re.escape(surname)}\b")
        if any(named.search(contents[j]) for j in body if j != i):
            continue  # the article speaks of the writer: a story about a journalist
        kinds[i] = (BlockKind.FURNITURE, "BP003")


#: A site's name as farms make them: one word of two capitals ("NordicPulse", "FootyWire",
#: "NordicWire24"), a web address ("FjordNewsToday.net"), or capitalised words with a word
#: news sites are named with ("The Nordic Ledger", "Arctic Herald", "ScandiCare News").
_SITE_NAME = re.compile(
    r"^\W{0,3}(?P<name>(?:[Tt]he\s+)?(?:"
    r"(?!Mc|Mac|O['’])[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+(?:\.(?:com|net|org|eu|news|info|co\.uk))?(?:\s+[A-Z][a-z]+)?"
    r"|[A-Za-z][\w-]{2,30}\.(?:com|net|org|eu|news|info|co\.uk)"
    r"|(?:(?:[A-Z][\w&'’-]*|&)\s+){0,3}(?:News|Wire|Daily|Post|Herald|Ledger|Times|Insider|Pulse|Today|Hub|Online|Report|"
    r"Buzz|Journal|Tribune|Gazette|Chronicle|Observer|Magazine|Digest|Brief|Beat|Scoop|Watch)(?:\s+[A-Z][\w&'’-]*)?"
    r"|(?:THE\s+)?[A-Z]{2,}(?:\s+[A-Z]{2,}){1,3}"
    r"))\s*(?:$|[|·•–—:›»>-]\s)"
)
#: Real outlets and brands a story may name in its text and in a short line over it (the
#: Norwegian outlets are the gazetteer's), as :func:`_site_key` writes them.
_NOT_A_SITE = frozenset({
    "nrk", "vg", "tv2", "ntb", "e24", "dn", "bbc", "cnn", "reuters", "youtube", "tiktok", "linkedin",
    "whatsapp", "facebook", "instagram", "sparebank", "paypal", "iphone", "bankid", "dnb", "mcdonald",
    "newyorktimes", "washingtonpost", "guardian", "financialtimes", "telegraph", "independent", "economist",
    "localnorway", "dailymail", "bloomberg", "associatedpress", "apnews", "politico", "wallstreetjournal",
    "usatoday", "latimes", "losangelestimes", "chicagotribune", "bostonglobe", "huffpost", "huffingtonpost",
    "buzzfeed", "skynews", "foxnews", "nbcnews", "cbsnews", "abcnews", "bbcnews", "euronews", "aljazeera",
    "dailytelegraph", "eveningstandard", "irishtimes", "nationalpost", "torontostar", "japantimes",
})


def _an_outlet(name: str) -> bool:
    """A Norwegian outlet the gazetteer knows ("Bergens Tidende", "Dagbladet")."""
    from mtqa.names.gazetteer import gazetteer  # (names import structure's segmenter)

    return gazetteer().is_outlet(name) or gazetteer().is_outlet(re.sub(r"^[Tt]he\s+", "", name))


def _site_key(name: str) -> str:
    """A site's name made comparable however a line writes it: "The Nordic Ledger",
    "THE NORDIC LEDGER" and "nordicledger.net" all give "nordicledger"."""
    key = re.sub(r"\.(?:com|net|org|eu|news|info|co\.uk)$", "", name.strip().lower())
    return _squeezed(re.sub(r"^the\s+", "", key))


def _squeezed(text: str) -> str:
    """``text`` in lower case without spaces or punctuation."""
    return re.sub(r"[\W_]+", "", text.lower())


#: Right before a site's name where a line of the site names it: "Subscribe to", "posted by",
#: "a correspondent at", "© 2024", "Staff writer, ", a separator.
_SITE_BEFORE = re.compile(
    r"(?:\b(?:to|by|on|at|for|from|via|with|of|like|follow|join|visit)|©|\b\d{4}|[|·•–—:›»,(])\s*(?:the\s+)?$", re.I
)
#: Right after a site's name at a line's start where the site names itself: the line's end,
#: a separator, its possessive, its web address, its staff ("NordicDailyBrief Team · 5 min read").
_SITE_AFTER = re.compile(
    r"\s*(?:$|[|·•–—:›»]|['’]s?\s|\.(?:com|net|org|eu|news|info)\b|\s+(?:Team|Staff|Desk|Newsroom|Editorial|Weekly)\b)"
)

#: After a site's name: its newsroom ("ScandiCare News' health editor", "NordicWire's reporter").
_SITE_STAFF = re.compile(
    r"['’]s?\s+(?:[\w-]+\s+)?(?:editor|reporter|correspondent|writer|journalist|team|newsroom|staff)\b", re.I
)


_THE_END = re.compile(r"[Tt]he\s*$")
#: A site's section after its name: "– Crime & Courts", "| Nature, Environment".
_SECTION = re.compile(r"[|·•–—:-]\s*[A-Z][\w-]*(?:\s*(?:&|,|and)\s*[A-Z][\w-]*){1,3}")
#: The words of lines where a site names itself: prompts, bylines, bios, notes, menus.
_SITE_CUE = re.compile(
    r"\b(?:subscribe|follow|like|newsletter|sign up|posted|published|translated|auto-translated|staff|writer|"
    r"editor|correspondent|reporter|journalist|team|desk|source|rights reserved|copyright)\b|[©|·•]",
    re.I,
)


@cache
def _key_pattern(key: str) -> re.Pattern[str]:
    """A site's key as a line may write it: "nordicledger" in "The Nordic Ledger"."""
    return re.compile(r"[\W_]*".join(re.escape(c) for c in key), re.I)


def _spoken_of(line: str, key: str) -> bool:
    """Whether ``line`` speaks of the site as a story does, not as the site names itself:
    as a sentence's subject or object ("NordicPulse now has a staff of eleven", "robotics
    maker StackBot posted a rise", "The Cass Valley Ledger, which has covered ..."), not
    after "Subscribe to", "by", "at", "©" or before a separator at the line's start."""
    for m in _key_pattern(key).finditer(line):
        before = line[max(0, m.start() - 40) : m.start()]
        the = _THE_END.search(before)
        if the is not None:
            before = before[: the.start()]
        if _SITE_BEFORE.search(before):
            continue
        if not before.strip(" \t–—-•·|\"'“‘«") and _SITE_AFTER.match(line, m.end()):
            continue
        if _SITE_STAFF.match(line, m.end()):
            continue  # "Laura Mitchell is ScandiCare News' health editor"
        return True
    return False


def _site_lines(contents: list[str], kinds: list[tuple[BlockKind, str | None]]) -> None:
    """Mark the republishing site's own lines: its masthead over the article and every
    short line that names the site again (a byline "Staff writer, The Nordic Ledger", a
    prompt "Subscribe to NordicPulse Weekly", a note "Auto-translated by Arctic Herald
    Online"). The site is the name that opens a short line among the first three (its
    masthead: "NordicPulse | News | Festivals", "FjordNewsToday.net – Your window to
    Norway", "THE NORDIC LEDGER"), named as farms name themselves, or written again in
    another line of the page; an outlet the story quotes (NRK, VG) is no such site."""
    count = len(contents)
    keys: set[str] = set()
    for i in range(min(3, count)):
        text = contents[i].strip()
        if len(re.findall(r"\w+", text)) > 10:
            continue
        m = _SITE_NAME.match(text)
        if m is None:
            continue
        name = m.group("name")
        key = _site_key(name)
        if len(key) < 6 or any(key.startswith(n) for n in _NOT_A_SITE) or _an_outlet(name):
            continue
        rest = text[m.end("name") :].strip()
        menu = len(re.findall(r"\s[|·•›»]\s", text)) >= 2
        if i >= 2 and rest and not menu:
            continue  # the third line only as a menu or the name alone (not "SkiSpor – which trails ...")
        others = [j for j in range(count) if j != i and key in _squeezed(contents[j])]
        if any(_spoken_of(contents[j], key) for j in others):
            continue  # "NordicPulse now has a staff of eleven": what the story is about
        # a web address is a site; one word of two capitals alone or over a menu; any name
        # the page writes again where a site names itself ("Staff writer, The Nordic Ledger",
        # "Subscribe to ..."): not a headline "Breaking News: Ferry runs aground", "McLaren: Back
        # on Top", whose body may name it ("drove for McLaren")
        web = bool(re.search(r"\.(?:com|net|org|eu|news|info|co\.uk)$", name))
        camel = bool(re.search(r"[a-z][A-Z]", name))
        again = any(_SITE_CUE.search(contents[j]) for j in others)
        # a section after the name, as a menu names it ("The Nordic Ledger – Crime & Courts")
        section = i <= 1 and _SECTION.fullmatch(rest) is not None
        if not (web or again or section or (camel and (menu or not rest))):
            continue
        keys.add(key)
        kinds[i] = (BlockKind.FURNITURE, "BP005")
    if not keys:
        return
    for i, content in enumerate(contents):
        if kinds[i][0] is BlockKind.FURNITURE:
            continue
        words = len(content.split())
        if words > 45 or _SPEECH.search(content):
            continue
        squeezed = _squeezed(content)
        if any(key in squeezed for key in keys):
            kinds[i] = (BlockKind.FURNITURE, "BP005")


#: A header of related links with nothing after it: "Related Posts", "You may also like:".
_LINKS_HEADER = re.compile(
    r"^\W{0,3}\s*(?:related(?: articles?| stories| posts?| news)?|read more|read next|more news|more on this(?: story)?|"
    r"you (?:may|might) also like|recommended(?: for you)?|editor.s picks?|most read|popular now|trending(?: now)?|"
    r"top stories|latest news|les også|les mer|mer om|mest lest)\s*[:>»]?\s*$",
    re.I,
)


def _links_under_a_header(contents: list[str], kinds: list[tuple[BlockKind, str | None]]) -> None:
    """The links listed under a header of related links ("Related Posts", "You may also
    like"): each line right under it that reads as a headline (a short line that does not
    end as a sentence ends), up to the first that does not, is a link to another story."""
    for i, content in enumerate(contents):
        if kinds[i] != (BlockKind.FURNITURE, "BP001") or not _LINKS_HEADER.match(content.strip()):
            continue
        for j in range(i + 1, len(contents)):
            line = contents[j].strip()
            if kinds[j][0] is BlockKind.FURNITURE or not line or not line[0].isupper() or not _heading_like(line, 20):
                break
            kinds[j] = (BlockKind.FURNITURE, "BP001")


#: A line that credits the story's sources: "Source: Hamar Arbeiderblad / NTB", "Kilde: NRK".
_CREDIT_LINE = re.compile(r"^\s*(?:sources?|kilder?)\s*:\s*(?P<names>[^\n]{2,80}?)\s*\.?\s*$", re.I)


def _source_credits(contents: list[str], kinds: list[tuple[BlockKind, str | None]]) -> None:
    """A line of its own that only credits Norwegian outlets ("Source: Hamar Arbeiderblad /
    NTB"): the republishing site's note on where it took the story, not the story's text.
    Only the outlets' own names: a credit with a translated name ("Source: The Evening Post")
    stays in the text, where the names check reports the name."""
    for i, content in enumerate(contents):
        if kinds[i][0] is BlockKind.FURNITURE:
            continue
        m = _CREDIT_LINE.match(content)
        if m is None:
            continue
        parts = [p.strip() for p in re.split(r"\s*(?:[/,|&;·•]|\band\b|\bog\b)\s*", m.group("names"))]
        if parts and all(p and _an_outlet(p) for p in parts):
            kinds[i] = (BlockKind.FURNITURE, "BP005")


def _source_titles(contents: list[str], kinds: list[tuple[BlockKind, str | None]]) -> None:
    """The Norwegian page's own title, scraped above the translation with its outlet's name:
    "Tilbakekaller fiskekaker etter listeriafunn – Dagbladet" among the first four lines, a
    line in Norwegian (:func:`_in_norwegian`) that ends with an outlet the gazetteer knows; an
    English headline with its outlet ("Fire in Bergen – Bergens Tidende") is the page's
    title, not furniture, unless it stands right under a headline of four words or more
    without one: then it is the page's title scraped under the headline, in other words,
    a repeated line that is still read as a title."""
    headline = None  # the first line that is not furniture: the headline
    for i in range(min(4, len(contents))):
        if kinds[i][0] is BlockKind.FURNITURE:
            continue
        content = contents[i].strip()
        bare = _without_outlet(content)
        if bare != content and _in_norwegian(bare):
            kinds[i] = (BlockKind.FURNITURE, "BP005")
        elif headline is None:
            if content[-1] in ".!?" or len(content.split()) > 30:
                break  # a lead paragraph first, no headline: a title line after it is the title
            headline = content
        elif (
            bare != content
            and _without_outlet(headline) == headline
            and len(headline.split()) >= 4
            and len(bare.split()) >= 3
            and len(content.split()) <= 25
            and content[-1] not in ".!?:"
            and _retells(bare, headline, contents[i + 1] if i + 1 < len(contents) else "")
        ):
            # the page's own title right under the headline, in other words, with its
            # outlet's name ("Man stabbed at bus terminal in Bergen | BT.no" under
            # "Man seriously injured in knife attack – 19-year-old arrested"): the
            # headline twice, still read as a title (its words are the article's)
            kinds[i] = (BlockKind.TITLE, REPEATED_LINE)
            break
        else:
            break


def _retells(line: str, headline: str, lead: str) -> bool:
    """Whether ``line`` tells the story of the headline or the lead under it: two content
    words in common ("Man stabbed at bus terminal in Bergen" over "A man was stabbed at
    Bystasjonen in Bergen"), where a link does not ("Read the whole report")."""
    rules = load_rules()
    return len(rules.content_words(line) & (rules.content_words(headline) | rules.content_words(lead))) >= 2


def _in_norwegian(text: str) -> bool:
    """Whether most of a line's words (three at least; capitalised words after the first,
    names, aside) are Norwegian words English does not know (wordfreq: Bokmål Zipf >= 2.0
    and 1.0 above English, or with æ, ø or å, or a long compound neither list has):
    "Tilbakekaller fiskekaker etter listeriafunn"."""
    from mtqa.names.lexicon import zipf_frequency  # (names import structure's segmenter)

    words = [w for k, w in enumerate(re.findall(r"[^\W\d_]+", text)) if k == 0 or not w[0].isupper()]
    if len(words) < 3:
        return False
    norwegian = 0
    for word in words:
        low = word.lower()
        nb, en = zipf_frequency(low, "nb"), zipf_frequency(low, "en")
        if (nb >= 2.0 and nb - en >= 1.0) or (en < 1.0 and (re.search("[æøå]", low) or (nb == 0 and len(low) >= 9))):
            norwegian += 1
    return norwegian * 2 > len(words)


def _unrelated(i: int, contents: list[str], lines: list[str], kinds: list[tuple[BlockKind, str | None]]) -> bool:
    """Whether block ``i`` shares no content word with the nearest text block
    before and after it (copies of itself and furniture skipped)."""
    rules = load_rules()
    words = rules.content_words(contents[i])
    if not words:
        return False
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(contents):
            if kinds[j][0] is not BlockKind.FURNITURE and lines[j] != lines[i]:
                around = rules.content_words(contents[j])
                if around:
                    if words & around:
                        return False
                    break
            j += step
    return True


def _repeats_and_teasers(contents: list[str], kinds: list[tuple[BlockKind, str | None]]) -> None:
    """Mark repeated lines and teaser headlines of other articles as furniture.

    A line repeated right after itself is the scraper's doing (a caption
    twice): the copy is furniture.  The headline is left to the title step:
    its copies stay titles, marked as repeated lines (pages show it again
    over the picture).  A short line without closing
    punctuation is a teaser of another article when it shares no content word
    with the text around it and repeats or ends with the outlet's name; then
    every copy is.  The article's first line (its headline) is never a teaser."""
    rules = load_rules()
    text_blocks = [i for i, kind in enumerate(kinds) if kind[0] is not BlockKind.FURNITURE]
    if not text_blocks:
        return
    lines = [_same_line(c) for c in contents]
    headline = lines[text_blocks[0]]
    for i in text_blocks[1:]:
        if kinds[i][0] is BlockKind.FURNITURE or lines[i] == headline:
            continue
        content = contents[i].strip()
        repeat = lines[i - 1] == lines[i] and kinds[i - 1][0] is not BlockKind.FURNITURE
        teaser_form = _heading_like(content, rules.teaser_max_words) and (
            repeat or bool(rules.outlet_suffix.search(content))
        )
        if teaser_form and _unrelated(i, contents, lines, kinds):
            kinds[i] = (BlockKind.FURNITURE, TEASER)
            if repeat:
                kinds[i - 1] = (BlockKind.FURNITURE, TEASER)
        elif repeat:
            kinds[i] = (BlockKind.FURNITURE, REPEATED_LINE)


def _is_caption(content: str, after_title: bool) -> bool:
    """A picture's text: a short paragraph that ends with the picture's credit ("Producer
    Haakon Strand in the studio. Photo: Private"), or one that opens with a label of a few
    words, shouted or right under the title ("MEET RECENTLY: ...")."""
    if len(content.split()) <= _CAPTION_WORDS and _PICTURE_CREDIT.search(content):
        return True
    m = _CAPTION_LABEL.match(content)
    if not m:
        return False
    label = m.group(1)
    if len(label.split()) > 4:
        return False
    letters = [c for c in label if c.isalpha()]
    shouting = len(letters) >= 2 and all(c.isupper() for c in letters)
    return shouting or after_title


def _sentences_with_char_spans(text: str, sentences: list[str]) -> list:
    r"""What ``pysbd.Segmenter.sentences_with_char_spans`` returns, found with
    ``str.find``: pysbd compiles a regular expression from each sentence's text
    (``re.escape(sent) + r"\s*"``), a compile per sentence that no cache can
    keep, and a fifth of a corpus run's time."""
    from pysbd.utils import TextSpan

    spans = []
    prior = 0
    for sent in sentences:
        pos = 0
        while pos <= len(text):
            i = text.find(sent, pos)
            if i < 0:
                break
            j = i + len(sent)
            while j < len(text) and text[j].isspace():  # re's \s is str.isspace
                j += 1
            if j > prior:
                spans.append(TextSpan(text[i:j], i, j))
                prior = j
                break
            pos = j if j > i else i + 1  # finditer goes on after the match
    return spans


@cache
def _segmenter():
    import pysbd

    class Segmenter(pysbd.Segmenter):
        def sentences_with_char_spans(self, sentences):
            return _sentences_with_char_spans(self.original_text, sentences)

    return Segmenter(language="en", clean=False)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, whitespace trimmed."""
    # Line ends inside a (hard-wrapped) paragraph are not sentence ends; the
    # replacement keeps every offset.
    chunk = text[start:end].replace("\r", " ").replace("\n", " ")
    if len(chunk) > _SEGMENT_PIECE:
        # the segmenter's time grows with the square of a paragraph's length (a page
        # scraped as one line of 300 KB took minutes): a long paragraph is cut at
        # plain sentence ends into pieces of about _SEGMENT_PIECE characters first
        spans = []
        for a, b in _pieces(chunk):
            spans.extend(split_sentences(text, start + a, start + b))
        return spans or [(start, end)]
    spans = []
    cursor = 0
    for sent in _segmenter().segment(chunk):
        piece = sent.strip()
        if not piece:
            continue
        at = chunk.find(piece, cursor)
        if at == -1:  # the segmenter altered the text: fall back to one span
            return [(start, end)]
        spans.append((start + at, start + at + len(piece)))
        cursor = at + len(piece)
    return spans or [(start, end)]


#: The longest paragraph given to the sentence segmenter whole (characters).
_SEGMENT_PIECE = 8_000
#: A plain sentence end: a full stop, "!" or "?" after a lower-case word, then space and a capital.
_PLAIN_END = re.compile(r"(?<=[a-zæøå]{3}[.!?])\s+(?=[A-ZÆØÅ])")


def _pieces(chunk: str) -> list[tuple[int, int]]:
    """``chunk`` cut at plain sentence ends into pieces of about :data:`_SEGMENT_PIECE`
    characters (a piece with no such end in reach is cut at a space, else left long)."""
    out, at = [], 0
    while len(chunk) - at > _SEGMENT_PIECE:
        cut = _PLAIN_END.search(chunk, at + _SEGMENT_PIECE // 2, at + _SEGMENT_PIECE)
        if cut is not None:
            out.append((at, cut.start()))
            at = cut.end()
            continue
        space = chunk.rfind(" ", at + _SEGMENT_PIECE // 2, at + _SEGMENT_PIECE)
        if space == -1:
            space = chunk.find(" ", at + _SEGMENT_PIECE)
            if space == -1:
                break
        out.append((at, space))
        at = space + 1
    out.append((at, len(chunk)))
    return out


_ONE_SENTENCE = {BlockKind.TITLE, BlockKind.HEADING, BlockKind.FURNITURE}


def build_sentences(text: str, blocks: list[Block]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for index, block in enumerate(blocks):
        if block.kind in _ONE_SENTENCE:
            spans = [(block.start, block.end)]
        else:
            spans = split_sentences(text, block.start, block.end)
        sentences.extend(Sentence(s, e, index) for s, e in spans)
    return sentences


def _split_furniture(
    text: str, paras: list[Paragraph], lines: list[int | None]
) -> tuple[list[Paragraph], list[int | None]]:
    """Split off a furniture phrase that opens a paragraph ("Click the picture
    to enlarge. KING: ...") or closes it after a sentence ("... per cent.
    Published 15.08.2024, at 10.00"), so it becomes a block of its own."""
    rules = load_rules()
    out_paras: list[Paragraph] = []
    out_lines: list[int | None] = []
    for para, line in zip(paras, lines, strict=True):
        found = rules.prefix(text[para.start : para.end])
        if found is not None:
            cut = para.start + found[0]
            rest = cut + len(text[cut : para.end]) - len(text[cut : para.end].lstrip())
            out_paras.append(Paragraph(para.start, cut, para.marker, para.md_level))
            out_lines.append(line)
            para = Paragraph(rest, para.end, None, 0)
        closing = rules.suffix(text[para.start : para.end])
        if closing is not None:
            cut = para.start + closing[0]
            out_paras.append(Paragraph(para.start, para.start + len(text[para.start : cut].rstrip()), para.marker,
                                       para.md_level))
            out_lines.append(line)
            para = Paragraph(cut, para.end, None, 0)
        out_paras.append(para)
        out_lines.append(line)
    return out_paras, out_lines


def segment(text: str, fmt: str = "text") -> tuple[list[Block], list[Sentence]]:
    """Blocks and sentences of an article's text."""
    return segment_paragraphs(text, _paragraphs(text, fmt))


def segment_paragraphs(
    text: str, paras: list[Paragraph], source_lines: list[int | None] | None = None
) -> tuple[list[Block], list[Sentence]]:
    """Blocks and sentences from paragraphs a loader already found (HTML)."""
    paras, lines = _split_furniture(text, paras, source_lines or [None] * len(paras))
    kinds = _classify(text, paras)
    blocks = [
        Block(kind, para.start, para.end, reason, line)
        for para, (kind, reason), line in zip(paras, kinds, lines)
    ]
    return blocks, build_sentences(text, blocks)


register_segmenter(segment)
