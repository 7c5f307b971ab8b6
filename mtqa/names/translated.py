"""Names that machine translation turned into English words.

Each shape needs the article's own evidence that a name stands there:

- an outlet translated: "news" for NRK in a photo credit ("Photo: X / news"), in a
  page title ("– news Sørlandet"), after a reporting verb ("says X to news",
  "told news", "asks news") or as the subject at a sentence start ("news has
  learned ..."); the gazetteer's renderings of other outlets ("the Evening Post")
  after a word that introduces an outlet ("to", "told", "according to", "towards"),
  before a newsroom's role ("Daily Paper's reviewer"), or anywhere when it opens with a
  Norwegian place ("Bergen's Tidings");
- a county, police district, NRK office or place translated ("NRK Northland", "the
  Northland police district", "Inland County", "at Thirteen in Øyer"); a court
  ("Sør-Rogaland thing court"); a public body ("the State Manager"); a club in a
  sports report ("the loss against Fire", "Bodø/Glimpse");
- a common English word where a person's given name stands: before a surname
  that the article uses alone for a person ("duty officer Bear Halvorsrud ...
  says Halvorsrud"), a surname the article writes rendered as its word ("says
  Birch" beside "Siri Bjørk"), or a lower-case English word that sounds like a name
  the article writes elsewhere ("fill the crystal" beside "Hamar Kristall");
- capitalised English words that are, word by word, a name the article writes in
  Norwegian, in a name's slot ("in Seal" beside "Sel", "says Neck" beside "Kari Hals").

A match right after a capitalised word is part of a longer name ("the US Justice
Department", "The Yorkshire Evening Post") and is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from mtqa.lexicons.senses import dictionary
from mtqa.model import Document
from mtqa.names.figures import figures, listed
from mtqa.names.gazetteer import Gazetteer, english_names, gazetteer
from mtqa.names.lexicon import ADJECTIVE_ENDINGS, english_zipf, names_as_words, only_norwegian, words
from mtqa.names.mentions import Analysis
from mtqa.names.phonetic import fold, key

#: A word at least this common in English is a word where it stands in lower case.
ENGLISH_WORD = 3.0
#: A word this common in English is never a given name ("their", "with").
FUNCTION_WORD = 5.5
#: A word this rare in English is none: "vaktkommandør", a role left in Norwegian.
UNKNOWN_IN_ENGLISH = 1.5
#: Function words no one is named, for a given name after a role left in Norwegian ("says
#: vaktkommandør Their Aasen"); not a word that is a name too ("Live", "Will", "Even").
_NEVER_A_NAME = frozenset(
    "their his her its our your my the this that these those with from over under and or but of".split()
)


def _inside_a_name(text: str, start: int) -> bool:
    """Whether a capitalised word that does not open its sentence stands right before
    ``start`` ("The US Justice Department", "Tampa Bay Lightning"): the match is part of
    a longer name.  A match that opens with "the" is never inside one."""
    if text[start : start + 4].lower() == "the ":
        return False
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == start or not text[j - 1].isalnum():
        return False  # after punctuation: "... Friend. Daily Paper's reviewer"
    k = j
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'’.&-"):
        k -= 1
    if k == j or not text[k].isupper():
        return False
    i = k
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i > 0 and text[i - 1] not in ".!?:;\n–—\"“«(‘'"


def _alternation(forms: Iterable[str]) -> str:
    """A regex alternation of the forms, the longest first (so "Daily Paper" is tried before
    "Daily"), without a group of its own."""
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


@dataclass(frozen=True)
class Translated:
    start: int
    end: int
    what: str  # outlet, place, given name, name
    suggestion: str | None
    reason: str
    confidence: float


def given_name_words() -> dict[str, str]:
    """English word -> the Norwegian given name it translates (``bear`` -> ``Bjørn``)."""
    return words().word_given_names


@cache
def surname_words() -> dict[str, tuple[str, ...]]:
    """English word -> the Norwegian surnames it translates (``forest`` -> ``Skog``, ``Skogen``)."""
    return {str(k).lower(): tuple(str(v) for v in vs) for k, vs in (names_as_words()[0].get("surnames") or {}).items()}


_SPEECH = (
    r"(?:says|said|tells|told|tell|asks|asked|answers|answered|confirms|confirmed|writes|wrote"
    r"|explains|explained|adds|added|reports|reported|informs|informed|thunders|according)"
)
#: The end of a clause after the outlet: punctuation, a closing quote, "that".
_CLAUSE_END = r"(?=\s*[.,;:!?»”\"]|\s+that\b)"
# "news" standing for NRK
_NEWS = (
    # a photo or video credit: "Photo: Kari Nordmann / news"
    (
        re.compile(r"(?:Photo|Foto|Photograph|Video|Illustration|Graphics)\s*:(?:[^\n/]{1,80}/)?\s*(news)\b(?![ \t]+[a-z])"),
        "a photo credit",
    ),
    # a page title's outlet: "– news Sørlandet", "– news Sport"
    (re.compile(r"[–—]\s*(news)\s+(?=[A-ZÆØÅ])"), "the outlet of a page title"),
    # after a reporting verb: "says Kari to news.", "told news.", "asks news."
    (
        re.compile(r"\b" + _SPEECH + r"\b[^.!?\n]{0,60}?\b(?:to|for)\s+(news)" + _CLAUSE_END),
        "the outlet spoken to",
    ),
    (re.compile(r"\b(?:told|tells|asks|asked)\s+(news)" + _CLAUSE_END), "the outlet spoken to"),
    # the subject of a sentence, in lower case: "news has learned ..."
    (
        re.compile(
            r"(?:^|[.!?]\s+|\n)(news)\s+(?:has|have|had|is|was|knows|knew|asks|asked|reports|reported"
            r"|spoke|learns|learned|understands|reveals|revealed|can)\b"
        ),
        "a sentence's subject",
    ),
)
_COUNTY_HEADS = r"(?:police district|Police District|county|County)"


def _outlets(doc: Document, start: int, end: int) -> list[Translated]:
    text = doc.folded_text()  # "Bergen’s Tidings" as the patterns spell it
    out: list[Translated] = []
    for pattern, where in _NEWS:
        for m in pattern.finditer(text, start, end):
            # a regional office named with "og", its "og" translated too ("news Vestfold and
            # Telemark"): the office's name is Norwegian, "NRK Vestfold og Telemark"
            region = _nrk_office().match(text, m.end(1), end)
            if region:
                out.append(Translated(m.start(1), region.end(), "outlet", "NRK " + region.group(1).replace(" and ", " og "),
                                      f"'news' in {where} is NRK's name translated", 0.7))
                continue
            out.append(
                Translated(m.start(1), m.end(1), "outlet", "NRK", f"'news' in {where} is NRK's name translated", 0.7)
            )
    patterns, named = _outlet_patterns()
    for pattern in patterns:
        for m in pattern.finditer(text, start, end):
            if _inside_a_name(text, m.start(1)):
                continue  # "The Yorkshire Evening Post's reporter"
            name = named[_bare(m.group(1))]
            out.append(
                Translated(m.start(1), m.end(1), "outlet", name,
                           f"'{m.group(1)}' is the outlet {name}'s name translated word for word", 0.7)
            )
    return out


@cache
def _nrk_office() -> re.Pattern[str]:
    """The name of an NRK regional office named with "og", "og" rendered "and", after "news"."""
    regions = [r.replace(" og ", " and ") for r in gazetteer().nrk_regions if " og " in r]
    return re.compile(r"\s+(" + "|".join(re.escape(r) for r in regions) + r")\b")


@cache
def _outlet_patterns() -> tuple[tuple[re.Pattern[str], ...], dict[str, str]]:
    """Other outlets' translated names ("the Evening Post") after a word that
    introduces an outlet, or before a newsroom's role; "news" is matched above, where
    a name must stand.  One pattern a slot, its forms in one alternation; with the
    outlet each form names."""
    places = gazetteer().names("place", "county")
    named: dict[str, str] = {}
    led: list[str] = []  # opening with a Norwegian place ("Hamar Workers' Paper"): no English paper's name
    other: list[str] = []
    for e in gazetteer().outlets():
        for form in e.translated:
            bare = _bare(form)
            if not bare[:1].isupper() or bare in named:
                continue  # "news" for NRK is matched above, where a name must stand
            named[bare] = e.name
            (led if re.sub(r"['’]s$", "", bare.split()[0]) in places else other).append(bare)

    def names(forms: list[str]) -> str:
        # "tells the Daily Paper": the article joins the span (the name takes none)
        return r"((?:[Tt]he\s+)?(?:" + _alternation(forms) + r"))\b"

    # a rendering of one word ("the Eastlander") is a person's name for where they are from
    # too ("said the Hallingdaler"): only after "to", "told", "towards", "according to"
    one = [f for f in other if " " not in f]
    other = [f for f in other if " " in f]
    patterns = [
        re.compile(_OUTLET_BEFORE + names(other)),
        re.compile(_NOT_GLOSSED + names(led + other) + _NEWSROOM),
        # after the kind of outlet it is: "to the newspaper Northern Lights" (*til avisen Nordlys*)
        re.compile(_OUTLET_KIND + names(led + other + one)),
    ]
    if one:
        patterns.append(re.compile(r"\b(?:[Tt]o|told|tells|towards|[Aa]ccording to)\s+" + names(one)))
    if led:
        patterns.append(re.compile(_NOT_GLOSSED + names(led)))
    return tuple(patterns), named


#: Not a gloss of the Norwegian name ("Hamar Arbeiderblad (Hamar Workers' Paper)", "(literally ...").
_NOT_GLOSSED = r"(?<!\()(?<!\(literally )(?<!\(lit\. )(?<![“\"'‘])"

#: The words an outlet's name follows: a verb of saying or meeting, a source line
#: ("meets See and Hear", "has not answered See and Hear's questions", "Source: ...").
_OUTLET_BEFORE = (
    r"(?:\b(?:[Tt]o|told|tells|[Aa]ccording to|in|says|said|writes|wrote|meets|met|answered|interviewed by|"
    r"interview with|reported by|reports|reported|towards)|\b(?:[Ss]ource|[Kk]ilde)\s*:)\s+"
)
#: The kind of outlet before its name: "the newspaper ", "the local paper ", "the channel ".
_OUTLET_KIND = (
    r"\b(?:[Tt]he\s+)(?:local\s+|regional\s+|national\s+|daily\s+)?(?:newspaper|paper|broadcaster|TV channel|"
    r"channel|magazine|tabloid|weekly|news site|online newspaper)\s+"
)
#: The newsroom's people and work after an outlet's possessive ("Daily Paper's reviewer").
_NEWSROOM = (
    r"(?=['’]s\s+(?:reviewer|critic|journalist|reporter|editor|editor-in-chief|commentator|photographer|"
    r"correspondent|columnist|sources|survey|poll|review|investigation|coverage|podcast|readers|website|"
    r"news desk|newsroom)\b)"
)


#: Norwegian courts named word for word: *tingrett* "thing court" (the District Court),
#: *lagmannsrett* "the law man's court" (the Court of Appeal).
#: In lower case only after a capitalised word, a court's place ("Sør-Rogaland thing court", not
#: "the only thing court officials could confirm").
_COURTS = (
    # (tingrett: "Oslo thing right", "the Thing Court")
    (re.compile(r"(?<![\w-])([Tt]hing(?:'s)?[ -](?:Court|Right))\b"
               r"|(?<![\w-])(?!(?:The|A|An|This|That|One|Any|Every|Some|No|Only|First|Last|Right|Wrong)\s)[A-ZÆØÅ][\w-]*\s+"
               r"(thing[ -](?:court|right))\b(?!\s+(?:now|away|here|there|after|before|at|to|for|of|about|with|and|or|but|the)\b)"),
     "District Court"),
    (re.compile(r"(?<![\w-])([Ll]aw ?[Mm]an(?:'s|s)?[ -]Court|[Ll]awman(?:'s|s)?[ -]Court"
                r"|[Tt]eam[ -]?[Mm]an(?:'s|s)?[ -][Cc]ourt)\b"), "Court of Appeal"),
)


#: The head words of an institution's English name that take "the" ("the Norwegian Medical
#: Association"; not "Helse Bergen", a name that English leaves as it is).
_THE_NAMES = re.compile(
    r"\b(?:Authority|Association|Federation|Court|Directorate|Service|Agency|Ministry|Council|Board|Trust|"
    r"Hospital|Office|Police|Administration|Inspectorate|Centre|Center|Institute|Bank|University|Party|Union|"
    r"Company|Prosecutions|Corporation|Commission|Ombud|Ombudsman|Parliament|Storting|Supreme|Government|Fund|Award|Prize|"
    r"Tribunal|Governor|Committee|Inspection|Unit|Station|Appeal|Society|Institution|Organisation|Organization|"
    r"Mediator|House|Corps)\b"
)


#: English names of Norwegian bodies that take no article ("Statistics Norway", "Friends of the
#: Earth Norway"), a name left in Norwegian ("Den Nationale Scene"), an acronym.
_NO_THE = re.compile(r"(?:^(?:Statistics Norway|Innovation Norway|Friends of the Earth|Den|Det|Sámediggi|Sametinget)\b|^[A-ZÆØÅ]{2,}$)")


def _the(english: str) -> str:
    return "the " if _THE_NAMES.search(english) else ""


#: A caption's words for who stands where.
_PICTURED = re.compile(r"\b(?:[Pp]ictured|[Pp]hoto|[Ff]rom left|[Ff]rom right|[Ll]eft to right)\b")
#: Høyre and Venstre rendered as the English words where only a party can be meant: after a
#: name in brackets ("Kari Lie (Right)"), before a party role ("Right mayor Kari Lie", "the
#: Left leader"), as "the Right party" (not "the political Right", "the Right" of a debate).
_PARTIES = {"Right": ("Høyre", "the Conservative Party (Høyre)"), "Left": ("Venstre", "the Liberal Party (Venstre)")}
_PARTY_WORD = re.compile(
    r"(?<=\()(Right|Left)(?=\))"
    r"|(?<=[a-z,] )(?<![Ff]ar )(?<![Hh]ard )(?<![Nn]ew )(?<![Ee]xtreme )(?<![Rr]adical )(?<![Pp]opulist )"
    r"(?<![Pp]olitical )(?<![Cc]entre )(?<![Cc]enter )(?<![Aa]lt )(?<![Oo]ld )(?<!Christian )(?<![Rr]eligious )"
    r"(?<![Mm]oderate )(Right|Left)(?= (?:mayor|deputy mayor|leader|politicians?|councillors?|representatives?|MPs?|"
    r"group leader|top candidate|candidate|voters)\b)"
    r"|(?<=\bthe )(Right|Left)(?= [Pp]arty\b)"
)


def _parties(doc: Document, start: int, end: int) -> list[Translated]:
    text = doc.folded_text()  # "Bergen’s Tidings", "the Workers’ Party" as the patterns spell them
    out: list[Translated] = []
    block = text[start:end]
    captions = "(Left)" in block and "(Right)" in block or _PICTURED.search(block) is not None
    for m in _PARTY_WORD.finditer(text, start, end):
        word = m.group(0)
        if captions and text[m.start() - 1 : m.start()] == "(":
            continue  # "Kari Lie (Left) and Per Hansen (Right)": where they stand in a photo
        name, english = _PARTIES[word]
        out.append(Translated(m.start(), m.end(), "institution", name,
                              f"'{word}' is the party {name} ({english.split(' (')[0]}) translated word for word", 0.7))
    if _about_norway(doc) and not _FOREIGN_WORKERS.search(block):
        # "The Workers' Party's group leader" for Arbeiderpartiet, in an article about Norway
        # (not Brazil's PT, the PKK, North Korea's or Singapore's party)
        for m in _WORKERS_PARTY.finditer(text, start, end):
            out.append(Translated(m.start(), m.end(), "institution", m.group(1) + "Labour Party",
                                  f"'{m.group(0)}' is the party Arbeiderpartiet (the Labour Party) translated word for word", 0.7))
    return out


#: Arbeiderpartiet rendered word for word, and the words of a paragraph about another
#: country's Workers' Party.
_WORKERS_PARTY = re.compile(r"\b([Tt]he )Workers['’]? Party\b(?!\s+of\b)")
_FOREIGN_WORKERS = re.compile(
    r"\b(?:Brazil\w*|Lula|PT|PKK|Kurd\w*|Turk\w*|Korea\w*|Pyongyang|Kim Jong|Singapore\w*|Tunisia\w*|Vietnam\w*|Hungar\w*|Trotsk\w*|Socialist Workers)\b"
)


def _a_place_before(text: str, at: int) -> bool:
    """Whether the capitalised word right before ``at`` is a place of the gazetteer ("Oslo",
    "South Rogaland" by its last word)."""
    m = _LAST_NAME_WORD.search(text[max(0, at - 40) : at])
    return m is not None and gazetteer().knows(m.group(1))


#: The capitalised word that ends a text.
_LAST_NAME_WORD = re.compile(r"([A-ZÆØÅ][\w-]*)\s+$")


#: A capitalised word right after a body's translated name, and what it may be there: a part
#: of the country the body's name holds ("the Main Rescue Central Southern Norway", "...
#: Mid-Norway"), or the given name of one who holds the title ("The Reich Mediator Mats
#: Ruland", group 1, tested against the given names); anything else makes a longer name.
_CAPITAL_NEXT = re.compile(r"\s+[A-ZÆØÅ0-9]")
_AFTER_BODY = re.compile(
    r"\s+(?:(?:Southern|Northern|Western|Eastern|Central|Mid|North|South)[ -]Norway\b|([A-ZÆØÅ][a-zæøå]+)\s+[A-ZÆØÅ])"
)


def _institutions(doc: Document, start: int, end: int) -> list[Translated]:
    text = doc.folded_text()  # "Bergen’s Tidings", "the Workers’ Party" as the patterns spell them
    out: list[Translated] = _parties(doc, start, end)
    for pattern, english in _COURTS:
        for m in pattern.finditer(text, start, end):
            g = 1 if m.group(1) else 2
            if g == 2 and m.group(2).lower().endswith("right") and not _a_place_before(text, m.start(2)):
                continue  # "got the Brexit thing right": only a court's place names a court "thing right"
            out.append(
                Translated(m.start(g), m.end(g), "institution", english,
                           f"'{m.group(g)}' is a Norwegian court's name translated word for word", 0.75)
            )
    patterns, names = _institution_patterns()
    for pattern in patterns:
        for m in pattern.finditer(text, start, end):
            span = m.group(1)
            english = names[_bare(span)]
            if _inside_a_name(text, m.start(1)):
                continue  # "The US Justice Department", "Oxford University Press"
            if _CAPITAL_NEXT.match(text, m.end(1)):
                after = _AFTER_BODY.match(text, m.end(1))
                if after is None or (after.group(1) and not words().is_first_name(after.group(1))):
                    continue  # "the Emergency Police Unit of ...", "... Central Committee": a longer name
            has_the = span[:4].lower() == "the "
            out.append(
                Translated(m.start(1), m.end(1), "institution", (span[:4] if has_the and not _NO_THE.search(english) else "") + english,
                           f"'{span}' is the name of {_the(english)}{english} translated word for word", 0.7)
            )
    return out


#: Words of a sports report; a club's name that is a word is read only in an article with
#: three of them or more (see :func:`_a_sports_report`).
_SPORT = re.compile(
    r"\b(?:match(?:es)?|goals?|league|Eliteserien|Toppserien|OBOS-ligaen|coach|cup|season|striker|"
    r"goalkeeper|keeper|midfielder|defender|relegation|promotion|stadium|Stadion|derby|kick-off|"
    r"half-time|penalty|referee|table|podium|relay|World Cup|skiing|skier|biathlon|ski club)\b"
)
#: The slots of a club's name in a sports report: the team met, beaten, joined.
_CLUB_BEFORE = (
    r"(?:\b(?:against|vs\.?|versus|beat|beats|beaten by|lost to|losses? to|draw with|drew with|defeated|"
    r"joins|joined|signs? for|signed for|points?\s+(?:behind|ahead\s+of|clear\s+of|above|below))\s+"
    # a competitor's club after the surname: "Jo Fjeldstad from Lightning"
    r"|\b[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?\s+(?:from|of)\s+"
    # the subject of a sentence of the match: "Fire equalised just before half-time"
    # ("Lightning led to a break", "Fire won the hearts": not the verbs weather and fire take too)
    r"|(?:^|(?<=[.!?]\s)|(?<=\n))(?=\w+\s+(?:equalised|equalized|scored|drew|pressed|dominated|"
    r"took the lead|reduced the deficit|came back|struck back|got a penalty|were awarded a penalty)\b"
    # or beats another club by name ("Glimpse crushed Rosenborg", *Glimt knuste Rosenborg*)
    r"|\w+\s+(?:crushed|thrashed|hammered|routed|outplayed|beat|defeated)\s+[A-ZÆØÅ][\w/-]*(?![\w/'’-])))"
)
_CLUB_AFTER = (
    r"(?=['’]s\s+(?:coach|manager|goalkeeper|keeper|captain|striker|players|fans|supporters|home ground|"
    r"squad|midfielder|defender|sporting director|new signing)\b|\s+Stadion\b"
    # the club's name before a role and a person's name, or before "talent" ("Fire coach Kari
    # Lie", "picks up Fire talent")
    r"|\s+(?:coach|manager|captain|striker|goalkeeper|keeper|midfielder|defender|winger|sporting director)"
    r"\s+[A-ZÆØÅ]|\s+talents?\b)"
)


@cache
def _club_patterns() -> tuple[tuple[tuple[re.Pattern[str], bool], ...], dict[str, str]]:
    """(pattern, needs a sports report) for the clubs' translated names, and the club
    each form names: one with a slash ("Bodø/Glimpse") anywhere as a name, one of several
    words anywhere in a sports report, a word ("Fire") only in a club's slot of a sports
    report ("the loss against Fire", "Fire's coach")."""
    named: dict[str, str] = {}
    whole: list[str] = []
    words_: list[str] = []
    for e in gazetteer().by_kind("club"):
        for form in e.translated:
            bare = _bare(form)
            if bare in named:
                continue
            named[bare] = e.name
            (whole if "/" in bare or " " in bare else words_).append(bare)

    def alt(forms: list[str]) -> str:
        return r"((?:[Tt]he\s+)?(?:" + _alternation(forms) + r"))(?![\w/-])"

    out: list[tuple[re.Pattern[str], bool]] = []
    slashed = [f for f in whole if "/" in f]
    spaced = [f for f in whole if "/" not in f]
    if slashed:
        out.append((re.compile(r"(?<![\w/-])" + alt(slashed) + r"(?!\s+[A-ZÆØÅ])"), False))
    if spaced:
        # several words only in a sports report ("Little Current" is a town in Ontario)
        out.append((re.compile(r"(?<![\w/-])" + alt(spaced) + r"(?!\s+[A-ZÆØÅ])"), True))
    if words_:
        # (not a body's name of several words: "Kari Lie from Fire and Rescue")
        out.append((re.compile(_CLUB_BEFORE + alt(words_) + r"(?!\s+[A-ZÆØÅ]|\s+(?:and|&)\s+[A-ZÆØÅ])"), True))
        out.append((re.compile(r"(?<![\w/-])" + alt(words_) + _CLUB_AFTER), True))
    return tuple(out), named


def _a_sports_report(text: str) -> bool:
    """Three words of sport or more, two of them different ("match", "coach", "league")."""
    found = [m.group(0).lower() for m in _SPORT.finditer(text)]
    return len(found) >= 3 and len(set(found)) >= 2


def _clubs(doc: Document, start: int, end: int) -> list[Translated]:
    text = doc.folded_text()  # "Bergen’s Tidings", "the Workers’ Party" as the patterns spell them
    out: list[Translated] = []
    sport = None
    patterns, named = _club_patterns()
    for pattern, needs_sport in patterns:
        for m in pattern.finditer(text, start, end):
            if _inside_a_name(text, m.start(1)):
                continue  # "the Tampa Bay Lightning's coach", "the Chicago Fire"
            if needs_sport:
                if sport is None:
                    sport = _a_sports_report(text)
                if not sport:
                    break
            club = named[_bare(m.group(1))]
            out.append(Translated(m.start(1), m.end(1), "club", club,
                                  f"'{m.group(1)}' is the club {club}'s name translated word for word", 0.7))
    return out


def _bare(form: str) -> str:
    """A translated name without the article it is listed with ("the Net Newspaper")."""
    return re.sub(r"^[Tt]he\s+", "", form)


@cache
def _institution_patterns() -> tuple[tuple[re.Pattern[str], ...], dict[str, str]]:
    """The gazetteer's word-for-word renderings of public institutions ("the Main Rescue
    Center" for Hovedredningssentralen, "the State Administrator" for Statsforvalteren),
    written as a name (capitalised, case-sensitive) anywhere, with its article where it is
    listed with one ("the State Manager", not "Kari Lie, State Manager for Victoria");
    with the English name each form stands for."""
    english: dict[str, str] = {}
    with_the: list[str] = []
    bare_too: list[str] = []
    for e in gazetteer().by_kind("institution"):
        if not e.translated or not e.english:
            continue
        for f in e.translated:
            if _bare(f) in english:
                continue
            # the name itself where its English is the name without its letters ("Okokrim")
            english[_bare(f)] = e.name if fold(e.english[0]) == fold(e.name) else e.english[0]
            (with_the if f[:4].lower() == "the " else bare_too).append(_bare(f))

    def alt(forms: list[str]) -> str:
        return "(?:" + _alternation(forms) + ")"

    # not inside a longer name ("Ministry of Knowledge Economy") nor before a number
    # ("Rescue Company 1", "Rescue Company Two" are fire units)
    # (nor one of another country's: "the Emergency Police of Lagos"; a capitalised word
    # after it is tested in _institutions: _AFTER_BODY)
    end = r")(?![\w-])(?!\s*\d)(?!\s+of\s+(?:the\s+)?[A-ZÆØÅ])"
    patterns = []
    if bare_too:
        patterns.append(re.compile(r"(?<![\w-])((?:[Tt]he\s+)?" + alt(bare_too) + end))
    if with_the:
        patterns.append(re.compile(r"(?<![\w-])([Tt]he\s+" + alt(with_the) + end))
    return tuple(patterns), english


#: After a place's rendering: nothing capitalised and no "of" ("in Spruce", not "in Spruce
#: Valley", "in Whale Island of ...").
_NO_NAME_AFTER = r"(?!\s+(?:[A-ZÆØÅ]|of\b))"


@cache
def _place_patterns() -> tuple[tuple[re.Pattern[str], str | None, bool], ...]:
    """(pattern, county, only in an article about Norway) for each translated county or
    police district, in the slots where a name stands; the places' renderings with no
    county (their place is looked up in :func:`_place_forms`)."""
    g = gazetteer()
    out: list[tuple[re.Pattern[str], str | None, bool]] = []
    for entry in (*g.by_kind("county"), *g.by_kind("police_district")):
        for form in entry.translated:
            esc = re.escape(form)
            common = english_zipf(form.lower()) >= ENGLISH_WORD
            context = [
                r"\b(?:the\s+)?(" + esc + r")\s+" + _COUNTY_HEADS + r"\b",  # "the Northland police district"
                r"\bNRK\s+(" + esc + r")\b",
            ]
            if not common:
                context.append(r"\b(?:in|of|from)\s+(" + esc + r")\b")  # "in Northland"
            out += [(re.compile(pat, re.I if common else 0), entry.name, False) for pat in context]
    # a place whose name is a word ("Eel" for Ål, "Thirteen" for Tretten), written as a
    # name where a place stands: before "in" and the place around it ("at Thirteen in
    # Øyer"), between two places, before "municipality"; one pattern a slot, every form
    # in it (the name each form stands for is looked up in :func:`_place_forms`)
    forms = _place_forms()
    if forms:
        alt = "(" + _alternation(forms) + ")"
        out += [
            (re.compile(r"\b(?:in|at|near|from|to|outside|inside)\s+(?:the\s+)?" + alt + r"(?=\s+in\s+(?!" + _MONTHS
                        + r")[A-ZÆØÅ])"), None, False),
            (re.compile(r"\bbetween\s+(?:the\s+)?" + alt + r"\s+and\s+[A-ZÆØÅ]"), None, False),
            # a definite place's name in lower case, as engines write it, paired with a place of
            # the gazetteer after it: "the ferry between the beach and Liabygda" (Stranda og
            # Liabygda; not "the road between Oslo and the beach")
            (re.compile(r"\bbetween\s+(" + _alternation(_lower_place_forms()) + r")\s+and\s+(?P<other>[A-ZÆØÅ][\w-]+)\b"),
             None, True),
            (re.compile(r"\b(?:[Tt]he\s+)?" + alt + r"\s+(?:municipality|municipal council|kommune)\b"), None, False),
        ]
        # a rendering that keeps a place of the gazetteer after its preposition ("Mo in Rana"
        # for Mo i Rana): a name in any slot
        places = gazetteer().names("place")
        kept = [f for f in forms if (m := _IN_A_PLACE.fullmatch(f)) and m.group(1) in places]
        if kept:
            out.append((re.compile(r"(?<![\w-])(" + _alternation(kept) + r")(?![\w-])"), None, False))
        # beside a place of the gazetteer in a pair: "the neighbouring municipalities the Sun and
        # Sandnes" (Sola og Sandnes); the other must be a place (checked in _places); not a
        # rendering English writes as a name of its own, "between Oslo and Greenland", unless it
        # is a common noun, capitalised beside a place: "in Beach and Hjelmeland"
        own_names = {_bare(e) for e in english_names()}
        paired = [f for f in forms if _bare(f) not in own_names or _a_common_noun(_bare(f))]
        if paired:
            palt = "(" + _alternation(paired) + ")"
            out += [
                (re.compile(r"(?<![\w-])(?:the\s+)?" + palt + r"\s+and\s+(?P<other>[A-ZÆØÅ][\w-]+)\b"), None, True),
                (re.compile(r"\b(?P<other>[A-ZÆØÅ][\w-]+)\s+and\s+(?:the\s+)?" + palt + r"(?![\w-])(?!\s+[A-ZÆØÅ])"),
                 None, True),
            ]
    # a rendering English seldom writes as a name ("Eel", "the New Valley", "the Pine Flat";
    # not "the Sun", "Current", "Islands"), after a preposition of place where nothing
    # capitalised follows, or before a place's part ("just after Eel centre")
    known = {_bare(f) for f in english_names()}
    rare = [
        f for f in forms
        if _bare(f) not in known and " " not in _bare(f) and english_zipf(_bare(f).lower()) < RARE_AS_A_NAME
        and not words().is_first_name(_bare(f))  # "from Rowan": someone's name
    ]
    # a common English word of one word, capitalised after a preposition of place inside a
    # sentence, where English writes no name of its own by it ("residents in Spruce", "a
    # cabin on Whales"; not "in Greenland", "at City", "in the Sun"; not after "from", which
    # brings people too: "came from Rowan")
    plain = [
        f for f in forms
        if _bare(f) not in known and " " not in f and f not in rare and not words().is_first_name(f)
        and english_zipf(f.lower()) < COMMON_AS_A_NAME and f not in _SERVICES
    ]
    if plain:
        calt = "(" + _alternation(plain) + ")"
        out.append(
            (re.compile(r"(?<=[a-z,] )(?:in|at|near|outside|on)\s+" + calt + r"(?![\w'’-])" + _NO_NAME_AFTER),
             None, True)
        )
    # a rendering of two words or more, each capitalised, after a preposition of place in an
    # article about Norway ("out to Whale Island", "a cabin at Pine Flat"); not one English
    # has as a name of its own ("Bear Island"), nor one that opens as English names do, with
    # a direction or a title ("West Village", "Star Island", "Fort Worth")
    multi = [
        f for f in forms
        if " " in _bare(f) and _bare(f) not in known and _bare(f).istitle()
        and _bare(f).split()[0].lower() not in _NAME_OPENERS
    ]
    if multi:
        malt = "(" + _alternation(multi) + ")"
        out.append(
            (re.compile(r"\b(?:in|at|near|from|to|outside|inside|on)\s+(?:the\s+)?" + malt + r"(?![\w'’-])" + _NO_NAME_AFTER),
             None, True)
        )
    if rare:
        alt = "(" + _alternation(rare) + ")"
        out += [
            (re.compile(r"\b(?:in|at|near|from|outside|inside|on)\s+(?:the\s+)?" + alt + r"(?![\w-])" + _NO_NAME_AFTER),
             None, True),
            # inside a sentence: "just after Eel centre" (not "Parish church records ...")
            (re.compile(r"(?<=[a-z,] )" + alt + r"\s+(?:centre|center|church|school|station|harbour|harbor)\b"), None, True),
        ]
    return tuple(out)


#: First words of English place names ("West Village", "Star Island", "Port Royal"): a
#: rendering that opens with one may be an English name.
_NAME_OPENERS = frozenset(
    "west east north south upper lower grand star royal king's kings queen's saint st fort port mount".split()
)


def _a_common_noun(word: str) -> bool:
    """Whether a word is an English common noun by the inflection tables ("beach", "voice";
    not "Greenland", a name only)."""
    from lemminflect import getAllLemmas

    return " " not in word and "NOUN" in getAllLemmas(word.lower())


def _about_norway(doc: Document) -> bool:
    """Whether the article names two Norwegian places or counties of the gazetteer or more,
    in Norwegian: a rendering of a place is read after any preposition of place only there
    ("in Eel" beside "Gudbrandsdalen" and "Lillehammer"; not "at the Valley" in a report
    from London)."""
    return doc.memo("names.about_norway", _names_norway)


def _names_norway(doc: Document) -> bool:
    names = gazetteer().names("place", "county")
    words_ = {m.group(0) for m in re.finditer(r"[A-ZÆØÅ][\w-]+", doc.text)}
    found = {word for word in words_ if word in names}
    # (a given name only Norwegians bear counts as a place: "at Holmestrand ... says Arild")
    found |= {word for word in words_ if words().is_first_name(word) and only_norwegian(word)}
    return len(found) >= 2


#: A rendering of a place made of a word, a preposition and a place: "Mo in Rana".
_IN_A_PLACE = re.compile(r"\S+ (?:in|on|at|by) (\S+)")


@cache
def _place_forms() -> dict[str, str]:
    """Each place's word-for-word rendering -> the place (the first listed, if two share one)."""
    out: dict[str, str] = {}
    for entry in gazetteer().by_kind("place"):
        for form in entry.translated:
            out.setdefault(form, entry.name)
    return out


def _a_norwegian_place_name(word: str) -> bool:
    """A capitalised word that reads as a Norwegian place's name the gazetteer lacks: no
    English word, with Norwegian letters or a Norwegian place's ending ("Liabygda",
    "Kvitnes", "Øyfjorden")."""
    return english_zipf(word.lower()) < 2.5 and _NORWEGIAN_PLACE_END.search(word.lower()) is not None


#: Letters and endings of Norwegian places' names.
_NORWEGIAN_PLACE_END = re.compile(
    r"[æøå]|(?:bygda|bygd|fjord|fjorden|vik|vika|dal|dalen|øy|øya|sund|sundet|nes|stad|heim|våg|vågen|berg|haug|"
    r"lia|moen|vatn|vatnet|setra|stranda|elva|holmen|toppen|hamn|havn|gard|garden|bukt|bukta)$"
)


@cache
def _lower_place_forms() -> dict[str, str]:
    """The renderings of places with a definite article ("the Beach" for Stranda), in lower
    case ("the beach") -> the place."""
    return {form.lower(): place for form, place in _place_forms().items() if form.startswith("the ")}


def _places(doc: Document, start: int, end: int) -> list[Translated]:
    text = doc.folded_text()  # "Bergen’s Tidings", "the Workers’ Party" as the patterns spell them
    out: list[Translated] = []
    for pattern, name, norway_only in _place_patterns():
        if norway_only and not _about_norway(doc):
            continue
        g = 2 if pattern.groupindex.get("other") == 1 else 1  # the rendering's group
        for m in pattern.finditer(text, start, end):
            place = name or _place_forms().get(m.group(g)) or _lower_place_forms()[m.group(g)]
            other = m.group("other") if "other" in pattern.groupindex else None
            lower = m.group(g).islower()
            if other is not None and not (
                (other in gazetteer().names("place") or (lower and _a_norwegian_place_name(other))) and other != place
            ):
                continue
            reason = f"'{m.group(g)}' is {place} translated word for word"
            out.append(Translated(m.start(g), m.end(g), "place", place, reason, 0.75))
    return out


#: A month after "in" is no place around a place ("He moved to Greenland in May").
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"

#: A place's rendering of one word this common in English ("sun", "current", "clay") is read
#: as a name only in the narrow slots above; one of several words always is ("the West
#: Village", "Star Island" are English names).
RARE_AS_A_NAME = 3.3

#: A place's rendering of one word this common in English or more is read only in the narrow
#: slots ("Sun", "Island", "List": "in Sun Valley", "on List" are too often English).
COMMON_AS_A_NAME = 4.6
#: Renderings that are also the names of services English writes after "on" ("wrote on Messenger").
_SERVICES = frozenset({"Messenger"})

#: Norwegian given names that are common English words, kept out of the general list of
#: given names (they would make "Even Norway's best skiers" a person).
_NAMES_THAT_ARE_WORDS = frozenset({"even", "are", "bent", "kent"})


def _given_names(analysis: Analysis) -> list[Translated]:
    """A common English word before a surname the article uses alone for a
    person, or a word of the table of given names after a role."""
    doc = analysis.doc
    w = words()
    table = given_name_words()
    tokens = analysis.tokens
    # surnames used alone beside a reporting verb, or as a person's surname
    alone: set[str] = {m.last.text for m in analysis.mentions if m.kind == "person" and m.last is not None}
    for i, t in enumerate(tokens):
        if not t.cap or t.initial:
            continue
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (prev is not None and prev.lower in w.speech_verbs and prev.sentence == t.sentence) or (
            nxt is not None and nxt.lower in w.speech_verbs and nxt.sentence == t.sentence
        ):
            alone.add(t.text)
    out: list[Translated] = []
    for i, t in enumerate(tokens):
        # a word of the table with an age after it, as news gives a person's, where the words
        # around say a person ("Missing Life (16) found", *Liv (16)*): the given name alone;
        # not "Sarah Stone (34)" (a surname), "Goals: Day (14)", "Life (15)" (a film's rating),
        # "Odd (16)" (the name itself), "Lily (5)" (an English name)
        age = _AGE_AFTER.match(doc.text, t.end)
        if not (t.cap and t.lower in table and not t.possessive and age) or table[t.lower].lower() == t.lower:
            continue
        if w.is_first_name(t.text) or t.lower in _ENGLISH_GIVEN:
            continue
        prev = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == t.sentence else None
        person = (prev is not None and (prev.lower in _PERSON_STATES or (not prev.cap and prev.lower in w.person_nouns))) or (
            prev is None and _STATE_AFTER.match(doc.text, age.end()) is not None
        )
        if person:
            name = table[t.lower]
            out.append(Translated(t.start, t.end, "given name", name, f"'{t.text}' is the English word for the given name {name}", 0.7))
    aged = {f.start for f in out}
    for i, t in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        if not t.cap or not nxt.cap or doc.text[t.end : nxt.start] != " " or t.possessive or t.start in aged:
            continue
        low = t.lower
        prev = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == t.sentence else None
        # after a role ("operations manager Stone Rimstad"), a word of the
        # table stands where a given name does even if the surname comes once
        after_role = (
            low in table
            and prev is not None
            and not prev.cap
            and w.is_role(prev.text)
        )
        # or after a role left in Norwegian after a verb of saying ("says vaktkommandør Their
        # Aasen"): a word no English list knows stands where English puts a role
        before = tokens[i - 2] if i > 1 and tokens[i - 2].sentence == t.sentence else None
        untranslated_role = (
            low in _NEVER_A_NAME
            and prev is not None
            and before is not None
            and before.lower in w.speech_verbs
            and not prev.cap
            and prev.text.isalpha()
            and english_zipf(prev.lower) < UNKNOWN_IN_ENGLISH
            and doc.text[before.end : prev.start] == " " == doc.text[prev.end : t.start]
        )
        if not (nxt.text in alone or after_role or untranslated_role) or english_zipf(nxt.lower) >= ENGLISH_WORD:
            continue
        if nxt.acronym or t.acronym:
            continue
        if w.is_first_name(t.text) or w.title(t.text) is not None or low in w.not_names or gazetteer().knows(t.text):
            continue
        if prev is not None and prev.cap and w.is_first_name(prev.text) and doc.text[prev.end : t.start] == " ":
            continue  # a second given name after a first ("Kjell Are Rønningen")
        if low in _NAMES_THAT_ARE_WORDS:
            continue  # a Norwegian given name that is an English word ("Their teacher, Even Tveit")
        if low.endswith(ADJECTIVE_ENDINGS) or low in w.particles:
            continue  # "Norwegian", "Swedish": adjectives English capitalises
        # a word of the table, or a word so common that it is never a name
        # ("Over", "With"); English given names that are words (Jay, Kit, Ray)
        # stay names
        if low not in table and (t.initial or english_zipf(low) < FUNCTION_WORD):
            continue
        suggestion = table.get(low)
        reason = (
            f"'{t.text}' is the English word for the given name {suggestion}"
            if suggestion
            else f"'{t.text}' is an English word where {nxt.text}'s given name stands"
        )
        out.append(Translated(t.start, t.end, "given name", suggestion, reason, 0.7 if suggestion else 0.55))
    return out


#: Words of the table that English gives children as names too ("Lily (5)").
_ENGLISH_GIVEN = frozenset({"lily"})
#: Words of a person's state before or after a name with an age ("Missing Life (16)").
_PERSON_STATES = frozenset("missing found dead injured killed rescued arrested charged wanted".split())
#: A person's state right after a name and its age opening a sentence ("Life (16) was found";
#: not "Stone (45) was the top scorer").
_STATE_AFTER = re.compile(
    r"\s+(?:(?:is|was|has\s+been|had\s+been)\s+(?:\w+\s+)?)?"
    rf"(?:{'|'.join(sorted(_PERSON_STATES))}|drowned|died|disappeared)\b"
)
#: A person's age in brackets right after a name, as news writes it: " (16)", " (104)".
_AGE_AFTER = re.compile(r" \((?:[1-9]\d?|1[01]\d)\)(?! of\b)")
#: The end of a clause right after a word: punctuation, a closing quote, a line's end.
_CLAUSE_ENDS = re.compile(r"\s*(?:[.,;:!?»”\"]|$)", re.MULTILINE)


def _surnames(analysis: Analysis) -> list[Translated]:
    """A surname the article writes for someone, rendered elsewhere as the English word
    it also is: after a given name ("Siri Forest" beside "Skog"), or where a surname
    alone stands beside a verb of saying ("says Birch", "said the hill", "Bay points
    out" beside "Siri Bjørk", "Kjell Bakken", "Kjersti Vik")."""
    table = surname_words()
    doc = analysis.doc
    w = words()
    tokens = analysis.tokens
    # the surnames the article writes: a person's last name, or a name word inside a sentence
    written = {m.last.text for m in analysis.mentions if m.kind == "person" and m.last is not None}
    written |= {t.text for t in tokens if t.cap and not t.initial and not t.quoted}
    alone = {m.text for m in analysis.mentions if len(m.tokens) == 1}
    full = {(m.tokens[0].text, m.last.text) for m in analysis.mentions if len(m.tokens) >= 2 and m.last is not None}
    out: list[Translated] = []
    for i, t in enumerate(tokens):
        # (not the surname itself: "Guri Sand ... said Sand" is no English word for Sand)
        known = [name for name in table.get(t.lower, ()) if name in written and name.lower() != t.lower]
        if not known:
            continue
        if any(
            len(m.tokens) >= 2 and m.last is not None and m.last.text == t.text and not m.start <= t.start < m.end
            for m in analysis.mentions
        ):
            continue  # the English word is someone's surname elsewhere ("analyst John Hill ... says Hill")
        prev = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == t.sentence else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].sentence == t.sentence else None
        if nxt is not None and nxt.cap and doc.text[t.end : nxt.start] == " ":
            continue  # "Birch Street", "Mountain View": a name of its own
        start = t.start
        if t.cap and prev is not None and prev.cap and w.is_first_name(prev.text) and doc.text[prev.end : t.start] == " ":
            # the surname must be this person's: written alone, or after the same given name
            known = [name for name in known if name in alone or (prev.text, name) in full]
            if not known:
                continue
            where = f"after the given name {prev.text}"
        else:
            before = prev
            if prev is not None and prev.lower == "the" and not t.cap:
                before = tokens[i - 2] if i > 1 and tokens[i - 2].sentence == t.sentence else None
                start = prev.start
            elif not t.cap:
                continue
            if start == t.start and prev is not None and prev.cap and doc.text[prev.end : t.start] == " ":
                continue  # "Sean Beach says ...": a name of two words, whatever its given name
            # after the verb the word must end the clause: '"...," said the hill.' (not "says
            # the hill could slide", where it opens the reported clause)
            said_before = (
                before is not None
                and before.lower in w.speech_verbs
                and doc.text[before.end : start].strip() == ""
                and bool(_CLAUSE_ENDS.match(doc.text, t.end))
            )
            said_after = nxt is not None and nxt.lower in w.speech_verbs and doc.text[t.end : nxt.start] == " "
            # a bare noun opening its sentence before its verb is no English subject ("Bay has
            # throughout admitted that ...": *Vik har hele veien erkjent*); English says "The bay"
            opens = (
                t.cap and t.initial and start == t.start and nxt is not None
                and nxt.lower in _AUXILIARIES and doc.text[t.end : nxt.start] == " "
                and (t.lower not in _MASS_NOUNS or _A_PERSONS_VERB.match(doc.text, nxt.end) is not None)
            )
            if not (said_before or said_after or opens):
                continue
            where = (
                "where a surname stands beside a verb of saying" if said_before or said_after
                else "where a surname opens a sentence as its subject"
            )
        name = known[0]
        out.append(
            Translated(start, t.end, "surname", name,
                       f"'{doc.text[start : t.end]}' is the English word for the surname {name} ({where}), "
                       "which the article writes elsewhere", 0.65)
        )
    return out


#: A subject's auxiliary or adverb right after it.
_AUXILIARIES = frozenset("has had is was will would can could must should did does also then now".split())
#: Surname words English also uses bare, as a material or a mass ("Wood has become the
#: preferred material", "Rock is still the genre"): only a person's verb after them makes a name.
_MASS_NOUNS = frozenset(
    "wood woods rock stone sand water snow ice gold silver iron copper steel clay grass heather moss peat salt "
    "oak ash birch pine spruce elm beech rowan willow hay straw fire light frost rain wind stream power "
    "current heath moor land earth soil field".split()
)
#: What only a person does, after the auxiliary and up to two adverbs: "Bay has throughout
#: admitted that ..." (not "Wood has become the preferred material", "Rock is still the genre").
_A_PERSONS_VERB = re.compile(
    r"(?:\s+(?:[a-z]+ly|not|never|always|throughout|also|now|still|repeatedly|consistently|since|then))*\s+"
    r"(?:admit|admitted|denied|deny|confirmed|confirm|said|say|told|tell|explained|explain|claimed|claim|"
    r"stated|insisted|insist|argued|argue|refused|refuse|agreed|agree|promised|promise|acknowledged|"
    r"pleaded|pled|testified|apologi[sz]ed|believed|believes|thinks|thought|hoped|hopes|wanted|wants|"
    r"says|tells|explains|admits|denies|confirms|claims|emphasi[sz]ed|emphasi[sz]es|pointed|points\s+out)\b"
)


def _unwritten_surnames(analysis: Analysis) -> list[Translated]:
    """The English word of a surname the article never writes, right after a given name
    only Norwegians bear ("Terje Beach" for Terje Strand, "Ole Forest" for Ole Skog), in an
    article about Norway: not "Anne Hill" or "Eli Wood" (given names English has too), nor a
    name a list knows. Where the word translates several surnames ("Kjell Hill": Bakken,
    Haugen ...), the message names them all and the suggestion is the first, at a lower
    confidence."""
    doc = analysis.doc
    if not _about_norway(doc):
        return []
    table = surname_words()
    w = words()
    tokens = analysis.tokens
    out: list[Translated] = []
    for i, t in enumerate(tokens[1:], start=1):
        names = table.get(t.lower, ())
        prev = tokens[i - 1]
        if not names or not t.cap or t.quoted or prev.sentence != t.sentence or doc.text[prev.end : t.start] != " ":
            continue
        if not (prev.cap and w.is_first_name(prev.text) and only_norwegian(prev.text)):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.sentence == t.sentence and nxt.cap and doc.text[t.end : nxt.start] == " ":
            continue  # "Terje Beach Hansen", "Eli Mountain Road": more name after it
        full = f"{prev.text} {t.text}"
        if gazetteer().knows(full) or listed(full) is not None:
            continue
        which = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        out.append(
            Translated(t.start, t.end, "surname", names[0],
                       f"'{t.text}' after the Norwegian given name {prev.text} is the English word for the "
                       f"surname {which}", 0.5 if len(names) == 1 else 0.4)
        )
    return out


@cache
def _surname_english(surname: str) -> frozenset[str]:
    """The English words a Norwegian surname is as a word: its usual senses in the dictionary
    of senses ("Strøm": current, electricity, power, stream) and the table of surname words."""
    head = dictionary().get(surname.lower())
    english = set(head.senses[:4]) if head is not None and head.pos in ("n", "adj", "v") else set()
    english |= {word for word, names in surname_words().items() if surname in names}
    return frozenset(english)


@cache
def _figures_by_given() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The people of the news by their given names ("Jan", "Christian") -> their surnames."""
    out: dict[tuple[str, ...], list[str]] = {}
    for f in figures():
        parts = f.name.split()
        out.setdefault(tuple(parts[:-1]), []).append(parts[-1])
    return {k: tuple(v) for k, v in out.items()}


def _figures_translated(analysis: Analysis) -> list[Translated]:
    """A person of the news written with their given names and the English word for their
    surname ("Health Minister Jan Christian Western" for Jan Christian Vestre, "Anna Odine
    Power" for the ski jumper Anna Odine Strøm): a sense of the surname as a Norwegian word
    (the dictionary of senses, the table of surname words). Two given names or more, or
    one only Norwegians bear ("Terje"), must match the person's; "Anna Power" alone is
    anyone."""
    by_given = _figures_by_given()
    out: list[Translated] = []
    for m in analysis.mentions:
        slots = m.slots()
        if len(slots) < 2 or m.kind == "org":
            continue
        given = tuple(t.text for t in slots[:-1])
        last = slots[-1]
        if len(given) == 1 and not only_norwegian(given[0]):
            continue
        for surname in by_given.get(given, ()):
            if last.text == surname:
                break  # the person, rightly named
            if last.lower in _surname_english(surname):
                person = " ".join((*given, surname))
                out.append(
                    Translated(last.start, last.end, "surname", surname,
                               f"'{last.text}' is the English word for the surname of {person}, a person of "
                               "Norwegian news, translated word for word", 0.7)
                )
                break
    return out


#: "the " right before a word (the match must end where the word starts).
_ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s$")


def _sound_alike(analysis: Analysis) -> list[Translated]:
    """A lower-case English word that sounds like a name of the article ("the
    crystal" beside "Kristall")."""
    names: dict[str, str] = {}
    for t in analysis.tokens:
        if t.cap and not t.initial and not t.acronym and len(t.text) >= 6 and english_zipf(t.lower) < 2.5:
            names.setdefault(key(t.text), t.text)
    out: list[Translated] = []
    for t in analysis.tokens:
        if t.cap or len(t.text) < 6 or english_zipf(t.lower) < ENGLISH_WORD:
            continue
        name = names.get(key(t.text))
        if name is None or fold(name) == fold(t.text):
            continue
        # the word took an article as a common noun; the name takes none ("fill the
        # spectrum" -> "fill Spektrum"), so the span takes the article too
        article = _ARTICLE_BEFORE.search(analysis.doc.text, max(0, t.start - 4), t.start)
        start = article.start() if article else t.start
        out.append(
            Translated(start, t.end, "name", name,
                       f"'{t.text}' sounds like '{name}', a name the article writes elsewhere", 0.6)
        )
    return out


#: Endings a Norwegian name adds to a word: none, a linking letter between two parts
#: ("Langesund"), a definite article at the end ("Furuflaten", "Nydalen").
_LINKS = ("", "e", "s")
_DEFINITE = ("", "en", "et", "a", "n")


@cache
def _english_to_norwegian(pos: tuple[str, ...] = ("n", "adj")) -> dict[str, tuple[str, ...]]:
    """English word -> the Norwegian words of these parts of speech of which it is a
    sense (any of their senses: a machine translation picks the wrong one too)."""
    out: dict[str, list[str]] = {}
    for head in dictionary().values():
        if head.pos not in pos or len(head.lemma) < 2:
            continue
        for sense in head.senses:
            if re.fullmatch(r"[a-z]+", sense):
                out.setdefault(sense, []).append(head.lemma)
    return {k: tuple(v) for k, v in out.items()}


#: The heads of English names of Norwegian places and buildings that are right as they are
#: ("North Cape", "Bear Island", "the Opera House", "Pulpit Rock", "the Royal Palace").
_EXONYM_HEADS = frozenset({
    "cape", "island", "islands", "house", "hall", "rock", "road", "wall", "palace", "church", "cathedral",
    "square", "bridge", "tower", "fortress", "castle", "museum", "park", "ladder", "path", "sisters",
    "end", "town", "street", "station", "airport", "harbour", "harbor", "gate", "plateau", "glacier",
})
#: A name's slot before the run: a preposition of place or of a body, a verb of meeting.
_NAME_SLOT_BEFORE = re.compile(
    r"\b(?:in|at|on|from|to|near|outside|inside|of|for|by|against|visited|visits|towards|between|and|"
    r"tells|told|says|said)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A name's slot after the run: a kind of place or body ("Seal municipality").
_NAME_SLOT_AFTER = re.compile(
    r"\s+(?:municipality|municipal|county|kommune|police district|Stadion|school|skole|church|kirke|kindergarten)\b"
)
#: Prepositions that open a sentence before a place ("In Seal, ...", "At Hook school").
_OPENING_PREPOSITIONS = frozenset({"in", "at", "on", "from", "near", "outside", "inside"})


def _norwegian_forms(parts: list[tuple[str, ...]]) -> set[str]:
    """The Norwegian words a run of English words may render part by part: the
    parts' lemmas joined, with a linking letter between them and a definite ending."""
    forms = {""}
    for n, lemmas in enumerate(parts):
        links = ("",) if n == 0 else _LINKS
        forms = {f + link + lemma for f in forms for link in links for lemma in lemmas}
        if len(forms) > 2000:
            return set()
    return {f + end for f in forms for end in _DEFINITE}


#: A place's region or country after it: "Deer Valley, Utah", "Hook, Hampshire".
_REGION_AFTER = re.compile(r",\s+([A-Z][a-z]+)\b(?!\s+[A-Z])")


def _abroad(text: str, end: int, g: Gazetteer) -> bool:
    """Whether the words ending at ``end`` are followed by the name of a region or
    country that English knows and the gazetteer of Norway does not ("Long Beach,
    California"): a place abroad, named as English names it."""
    m = _REGION_AFTER.match(text, end)
    if m is None or m.group(1) in ("Norway", "Norge") or g.knows(m.group(1)):
        return False  # "In Seal, Norway": the article's own country
    return english_zipf(m.group(1).lower()) >= REGION_ZIPF


#: How common in English a region's name is, at least ("Utah" 3.3, "Hampshire" 3.2).
REGION_ZIPF = 2.5

#: Before an English rendering that glosses the name: "Lakselv (Salmon River)",
#: "literally 'Salmon River'", "which means Seal".
_GLOSS_BEFORE = re.compile(r"(?:\(|\(literally\s+|literally\s+|means\s+|meaning\s+)[\"'“‘]?$")


#: What stands between a name and its gloss: "Tyskebryggen, the German Wharf", "Salmon River (Lakselv)".
_GLOSS_GAP = re.compile(r"^[\s,(–—:-]*(?:the\s+|or\s+|literally\s+)?[\s\"'“‘]*$")


def _beside_speech(analysis: Analysis, a: int, b: int) -> bool:
    """Whether tokens ``a`` to ``b`` stand beside a verb of saying ("says Neck.", "Neck says")."""
    tokens = analysis.tokens
    verbs = words().speech_verbs
    before = tokens[a - 1] if a > 0 and tokens[a - 1].sentence == tokens[a].sentence else None
    after = tokens[b + 1] if b + 1 < len(tokens) and tokens[b + 1].sentence == tokens[b].sentence else None
    return bool((before is not None and before.lower in verbs) or (after is not None and after.lower in verbs))


def _back_translated(analysis: Analysis) -> list[Translated]:
    """Capitalised English words that are, word by word, a name the article writes
    elsewhere in Norwegian: "in Seal" beside "Sel", "34.7 degrees in Salmon River"
    beside "Lakselv", "the loss against Fire" beside "Brann Stadion", "says Neck"
    beside "Kari Hals".  A name read as words is translated as words; the article's
    own Norwegian name is the evidence that a name stands there."""
    doc = analysis.doc
    tokens = analysis.tokens
    names: dict[str, str] = {}
    for t in tokens:
        if t.cap and not t.initial and not t.quoted and not t.acronym and english_zipf(t.lower) < ENGLISH_WORD:
            names.setdefault(t.lower, t.text)
    if not names:
        return []
    table = _english_to_norwegian()
    nouns = _english_to_norwegian(("n",))
    g = gazetteer()
    # surnames of people named in full ("analyst John Hill ... says Hill"): their own
    surnames = {m.last.text for m in analysis.mentions if len(m.tokens) >= 2 and m.last is not None}
    out: list[Translated] = []
    i = 0
    while i < len(tokens):
        # a maximal run of capitalised words joined by single spaces, in one sentence
        j = i + 1
        while (
            j < len(tokens)
            and tokens[j].cap
            and tokens[j].sentence == tokens[i].sentence
            and doc.text[tokens[j - 1].end : tokens[j].start] == " "
            and not tokens[j - 1].possessive
        ):
            j += 1
        ra, rb = i, j - 1
        run, i = tokens[i:j], (j if tokens[i].cap else i + 1)
        opening = len(run) > 1 and run[0].initial and run[0].lower in _OPENING_PREPOSITIONS
        if opening:
            run, ra = run[1:], ra + 1  # "In Bay, the school stays closed": the preposition is the slot
        if not run[0].cap or len(run) > 3 or run[0].initial or any(t.quoted or t.acronym for t in run):
            continue
        # one word is read as a noun ("Seal"), not an adjective ("the political Right")
        parts = [(table if len(run) > 1 else nouns).get(t.lower, ()) for t in run]
        if not all(parts) or any(english_zipf(t.lower) < ENGLISH_WORD for t in run):
            continue
        if len(run) > 1 and run[-1].lower in _EXONYM_HEADS:
            continue  # "North Cape", "Bear Island": the English name
        prev = tokens[ra - 1] if ra > 0 else None
        if prev is not None and prev.cap and prev.possessive and prev.sentence == run[0].sentence:
            continue  # "Mother's Day": a name of its own
        if not (
            opening
            or _NAME_SLOT_BEFORE.search(doc.text, max(0, run[0].start - 16), run[0].start)
            or _NAME_SLOT_AFTER.match(doc.text, run[-1].end)
            or _beside_speech(analysis, ra, rb)
        ):
            continue  # no slot of a name: "the political Right"
        text = doc.text[run[0].start : run[-1].end]
        if text in surnames or g.knows(text) or (len(run) == 1 and words().is_first_name(run[0].text)):
            continue
        if _GLOSS_BEFORE.search(doc.text, max(0, run[0].start - 16), run[0].start):
            continue
        if run[0].lower.endswith(ADJECTIVE_ENDINGS):
            continue  # "the European (EØS) rules": English capitalises such adjectives
        if re.match(r"\s*\d", doc.text[run[-1].end : run[-1].end + 3]):
            continue  # "Day 3", "Stage 2": a numbered part
        if _abroad(doc.text, run[-1].end, g):
            continue  # "In Deer Valley, Utah": a place abroad, named with its region
        hit = next((names[f] for f in sorted(_norwegian_forms(parts)) if f in names), None)
        if hit is None or fold(hit) == fold(text):
            continue
        before = doc.text[max(0, run[0].start - len(hit) - 16) : run[0].start]
        after = doc.text[run[-1].end : run[-1].end + len(hit) + 16]
        if _GLOSS_GAP.search(before.rsplit(hit, 1)[1] if hit in before else "x") or (
            hit in after and _GLOSS_GAP.fullmatch(after.split(hit, 1)[0])
        ):
            continue  # glossed beside the name: "known as Tyskebryggen, the German Wharf"
        out.append(
            Translated(run[0].start, run[-1].end, "name", hit,
                       f"'{text}' is the name {hit}, which the article writes elsewhere, translated word for word",
                       0.65)
        )
    return out


def _repeated(doc: Document, found: list[Translated]) -> list[Translated]:
    """The other places an article writes a name of several words it translates where its
    slot shows the name ("tells the Address Newspaper that ..." confirms "figures the
    Address Newspaper has gained access to"): the same words are the same name."""
    out: list[Translated] = []
    seen = {(f.start, f.end) for f in found}
    for f in found:
        words = doc.text[f.start : f.end]
        if f.what not in ("outlet", "institution", "club", "place") or len(words.split()) < 2 or (words[:1].islower() and not words.startswith("the ")):
            continue  # (not "thing right" of "Oslo thing right" in "the thing right now": its own pattern reads the slot)
        pattern = re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])")
        for block in doc.text_blocks():
            for m in pattern.finditer(doc.text, block.start, block.end):
                start = m.start()
                if (start, start + len(words)) not in seen and not _inside_a_name(doc.text, start):
                    seen.add((start, start + len(words)))
                    out.append(Translated(start, start + len(words), f.what, f.suggestion, f.reason, f.confidence))
    return out


def _spelled_as_english(doc: Document) -> list[Translated]:
    """A name of two or three capitalised words that the article also writes in Norwegian,
    made English word by word by the look of its letters ("Glitter Net" beside "Glitre
    Nett", "Fjord Power" beside "Fjordkraft" is not: one word each): each word of the
    English one a common English word, alike in its letters to the Norwegian one's word
    in the same place, and a word of the Norwegian one no English word."""
    from rapidfuzz.distance import Levenshtein

    phrases: dict[str, list[int]] = {}
    for block in doc.text_blocks():
        for m in _CAPITALISED_RUN.finditer(doc.text, block.start, block.end):
            phrases.setdefault(m.group(1), []).append(m.start(1))
    split = {phrase: phrase.split() for phrase in phrases}
    # (each phrase's words weighed once: common English words, no given name; a word no English word)
    english_ones = [
        p for p, ws in split.items()
        if all(english_zipf(w.lower()) >= 3.0 for w in ws) and not any(words().is_first_name(w) for w in ws)
    ]
    norwegian_ones = [p for p, ws in split.items() if any(english_zipf(w.lower()) < 2.5 for w in ws)]
    out: list[Translated] = []
    for english in english_ones:
        ew = split[english]
        for norwegian in norwegian_ones:
            nw = split[norwegian]
            if len(nw) != len(ew) or norwegian == english:
                continue
            pairs = list(zip(ew, nw))
            if all(
                a.lower() == b.lower()
                or (a[0].lower() == b[0].lower() and Levenshtein.normalized_similarity(a.lower(), b.lower()) >= 0.5)
                for a, b in pairs
            ) and sum(a.lower() != b.lower() for a, b in pairs) >= 1:
                reason = f"'{english}' is {norwegian}, written so elsewhere in the article, made English word by word"
                out += [Translated(s, s + len(english), "institution", norwegian, reason, 0.7) for s in phrases[english]]
                break
    return out


#: Two or three capitalised words in a row, and no more (a name's words).
_CAPITALISED_RUN = re.compile(r"(?<![\w'’-])([A-ZÆØÅ][a-zæøå]+(?: [A-ZÆØÅ][a-zæøå]+){1,2})(?![\w'’-]| [A-ZÆØÅ])")


def _bodies(doc: Document) -> list[Translated]:
    """Outlets' and public bodies' names translated word for word, in the article's text
    blocks: found by the gazetteer alone, with no names analysis, once a document (NC005
    and the lexicon's checks both ask)."""
    return doc.memo("names.bodies", lambda d: [
        t for block in d.text_blocks() for t in _outlets(d, block.start, block.end) + _institutions(d, block.start, block.end)
    ])


def body_spans(doc: Document) -> list[tuple[int, int]]:
    """The spans of :func:`_bodies` (NC005's): the lexicon's checks leave them to NC005, so
    that one name has one finding ("The Reich Mediator")."""
    return [(t.start, t.end) for t in _bodies(doc)]


def translated_names(analysis: Analysis) -> list[Translated]:
    """Every name translated as words in the article's text blocks, by position."""
    doc = analysis.doc
    found: list[Translated] = list(_bodies(doc))
    for block in doc.text_blocks():
        found += _places(doc, block.start, block.end)
        found += _clubs(doc, block.start, block.end)
    found += _given_names(analysis)
    found += _surnames(analysis)
    found += _unwritten_surnames(analysis)
    found += _figures_translated(analysis)
    found += _sound_alike(analysis)
    found += _back_translated(analysis)
    found += _spelled_as_english(doc)
    found += _repeated(doc, found)
    found.sort(key=lambda f: (f.start, f.end))
    out: list[Translated] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        written = doc.text[f.start : f.end]
        if "’" in written:  # the patterns read the folded text: the message quotes the article's
            f = replace(f, reason=f.reason.replace(f"'{doc.folded_text()[f.start : f.end]}'", f"'{written}'"))
        out.append(f)
    return out
