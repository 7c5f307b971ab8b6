"""Family ``idiom``: a Norwegian word rendered in a sense its place in the text rules out.

Three general mechanisms over the dictionary of senses (:mod:`mtqa.lexicons.senses`),
read backwards (English word -> the Norwegian words it translates), with no list
of renderings:

- ID005: the labels of parallel lines ("Goals: 15-6", "Objectives: 10-7") name one
  field with two English senses of one Norwegian word (*mål*): a translation
  that chose the sense line by line.
- ID006: a quotation is attributed with a verb that is a sense of a Norwegian verb
  of saying but not an English one ("..., illuminates the police" for *opplyser
  politiet*, the police say; "..., means Hansen" for *mener Hansen*, Hansen thinks):
  the Norwegian order (verb before subject) kept, and the verb's wrong sense taken;
  or the noun spelt like the verb (", narrator Hansen" for *forteller Hansen*,
  from the table of :mod:`mtqa.checks.homographs`).
- ID009: one term written two ways in an article, with two senses of one Norwegian
  word as its modifier ("the small storm", "the little storm": *liten storm*): a
  term rendered word by word, sentence by sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from mtqa.checks import homographs
from mtqa.checks.base import Check, CheckContext
from mtqa.checks.grammar import _SPEAKERS, _base_form_subject
from mtqa.checks.idioms import LexiconSpans, lexicon_for
from mtqa.lexicons import FORM_SPLIT, Lexicon, senses
from mtqa.model import BlockKind, Document, Finding, Severity

#: A label: one to three words, the first capitalised, before a colon and a value,
#: at the start of a block or after a sentence's or another label's end.
_LABEL = re.compile(r"(?:^|(?<=[.:;!?] ))((?:[A-Z][a-z]+|[A-Z]{2,})(?: (?:[A-Za-z][a-z]+|[A-Z]{2,})){0,2}):(?= ?\S)", re.M)
#: Words that open prose, not a label ("The aim: more medals").
_NOT_LABELS = frozenset("the a an this that these those it he she they we i there".split())


def _singulars(word: str) -> list[str]:
    """What the word may be without a plural ending ("goals": "goal"; "duties": "duty";
    "stages": "stage"), then the word, in lower case; no inflection tables are loaded."""
    w = word.lower()
    out = []
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
    if w.endswith(("ses", "shes", "ches", "xes", "zes", "oes")):
        out.append(w[:-2])
    return [*out, w]  # the singular first: "measures" is "measure", though a sense of its own too


def _head(word: str) -> str:
    """A label's head: its word as the dictionary of senses has it (singular)."""
    known = _senses_of()
    return next((w for w in _singulars(word) if w in known), word.lower())


class InconsistentRendering(Check):
    """Parallel lines label one field with two senses of one Norwegian word ("Goals: 15-6" / "Objectives: 10-7").

    A table or list rendered line by line may take a different English sense of
    the same Norwegian label in each line: *mål* is "goals" and "objectives".
    Found where two labels of the document are
    English senses of one Norwegian word in the dictionary of senses, never
    stand in the same line, have a neighbouring label in common (the lines are
    parallel) and values of one kind, a score, a time or a number with the same unit ("Date:
    12 May" beside "Time: 18:00" are two fields); one of them must be the
    Norwegian word's usual sense.  The label most lines use (at least three; of as
    many, the more usual sense) names the field; another label that is not one of
    the word's two usual senses is reported ("Objectives" beside "Goals", not
    "Prize" beside "Price"), with it as the suggestion.

    Flags:
    - Euro 2008: 16 points. Goals: 18-6. Coach: Ola Berg. / Euro 2012: 16 points. Objectives: 10-7. Coach: Kari Lie. / Euro 2016: 14 points. Goals: 9-5. Coach: Kari Lie. / Euro 2004: 14 points. Goals: 9-5. Coach: Per Lia.

    Allows:
    - Euro 2008: 16 points. Goals: 18-6. Coach: Ola Berg. / Euro 2012: 16 points. Goals: 10-7. Coach: Kari Lie.
    - Goals: reduce emissions by half. / Objectives: a new plan by May. / Budget: 40 million.
    """

    code = "ID005"
    name = "inconsistent-rendering"
    family = "idiom"
    severity = Severity.WARNING
    examples_are_text = False  # the lines are blocks of their own (tests/cases/ID005.yml)

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        # label head (lemma of its last word) -> its occurrences (block, start, end, text);
        # and each occurrence's neighbours in its line (the heads of the labels before and after it)
        where: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
        neighbours: dict[str, set[tuple[str, str]]] = defaultdict(set)
        shapes: dict[str, set[str | None]] = defaultdict(set)  # the kinds of value each label takes
        labelled = []
        for index, block in enumerate(doc.blocks):
            if block.is_text:
                text = doc.text[block.start : block.end]
                found = [m for m in _LABEL.finditer(text) if m.group(1).split()[0].lower() not in _NOT_LABELS]
                if found:
                    labelled.append((index, block.start, text, found))
        if len(labelled) < 3:
            return  # two lines of one label and a third of another, at least
        for index, offset, text, found in labelled:
            heads = [_head(m.group(1).split()[-1]) for m in found]
            for n, m in enumerate(found):
                where[heads[n]].append((index, offset + m.start(1), offset + m.end(1), m.group(1)))
                shapes[heads[n]].add(_value_shape(text[m.end() :]))
                if n:
                    neighbours[heads[n]].add(("before", heads[n - 1]))
                if n + 1 < len(heads):
                    neighbours[heads[n]].add(("after", heads[n + 1]))
        if len(where) < 2:
            return
        lines = {head: {o[0] for o in occ} for head, occ in where.items()}
        # labels of one field: two senses of one Norwegian word, one of them its usual sense,
        # never in one line, with a neighbour in common (the same place in lines built alike)
        fields: dict[str, set[str]] = defaultdict(set)
        for first in sorted(where):
            for second in sorted(where):
                if first >= second or lines[first] & lines[second] or not neighbours[first] & neighbours[second]:
                    continue
                if len(shapes[first] | shapes[second]) != 1 or None in shapes[first]:
                    continue  # values of one kind, a number or a score: not "Date: 12 May" beside "Time: 18:00"
                lemma = _shared_word(first, second)
                if lemma is not None:
                    fields[lemma] |= {first, second}
        for lemma, field in sorted(fields.items()):
            order = senses.dictionary()[lemma].senses
            # the label most lines use (of as many, the usual sense) names the field
            usual = max(field, key=lambda h: (len(where[h]), -order.index(h) if h in order else -99))
            if len(where[usual]) < 3:
                continue  # a field labelled the same way in three lines at least: a pattern to break
            label = where[usual][0][3]
            # a label in one of the word's two usual senses is a translator's choice ("Price" beside "Prize")
            for odd in sorted(h for h in field - {usual} if h in order and order.index(h) >= 2):
                for _, start, end, text in where[odd]:
                    yield self.finding(
                        doc, start, end,
                        f"'{text}' labels the field that parallel lines label '{label}': both render "
                        f"Norwegian '{lemma}' ({', '.join(senses.dictionary()[lemma].senses[:3])}), "
                        f"one sense line by line",
                        suggestion=label,
                        confidence=0.7,
                        norwegian=lemma,
                    )


_VALUE = re.compile(r"\s*(.*?)(?:\.(?:\s|$)|;|$)")
_SCORE = re.compile(r"\d+ ?[-–] ?\d+")
_TIME = re.compile(r"\d{1,2}[:.]\d{2}")
_NUMBER = re.compile(r"[-+]?\d[\d.,  ]*(?: ?(%|[^\W\d]+))?")


def _value_shape(after: str) -> str | None:
    """The kind of a label's value (the text after its colon, to the sentence's end):
    a score ("15-6"), a time, a number with its unit ("16 points", "50 million"), or
    None for text, whose labels name fields too varied to compare."""
    match = _VALUE.match(after)
    value = match.group(1).strip() if match else ""
    if _SCORE.fullmatch(value):
        return "score"
    if _TIME.fullmatch(value):
        return "time"
    number = _NUMBER.fullmatch(value)
    if number:
        return f"number {(number.group(1) or '').lower()}".strip()
    return None


@cache
def _senses_of() -> dict[str, tuple[tuple[str, int], ...]]:
    """English noun or verb (a single word) -> (Norwegian lemma, its place among that
    lemma's senses) for every content word of the dictionary it translates."""
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for head in senses.dictionary().values():
        if head.pos not in ("n", "v"):
            continue
        for rank, sense in enumerate(head.senses):
            if re.fullmatch(r"[a-z]+", sense):
                out[sense].append((head.lemma, rank))
    return {k: tuple(v) for k, v in out.items()}


def _shared_word(first: str, second: str) -> str | None:
    """The most frequent Norwegian word both English words translate, one of them as
    its usual (first) sense and the other among its first six ("goal", "objective":
    *mål*; not "husband", "wife": two other senses of *ektefelle*)."""
    one = dict(_senses_of().get(first, ()))
    two = dict(_senses_of().get(second, ()))
    common = [
        (senses.dictionary()[n].rank, n)
        for n in one.keys() & two.keys()
        if min(one[n], two[n]) == 0 and max(one[n], two[n]) < 6
    ]
    return min(common)[1] if common else None


#: Norwegian verbs of saying that news attributes quotations with.
SPEECH_VERBS = (
    "mene", "si", "opplyse", "fortelle", "uttale", "skrive", "melde", "bekrefte", "forklare", "svare",
    "understreke", "påpeke", "hevde", "fastslå", "konstatere", "tilføye", "advare", "innrømme",
    "erkjenne", "utdype", "presisere", "beskrive", "kommentere", "varsle", "anslå",
)
#: English verbs that attribute a quotation (lemmas): a sense among them is right.
ENGLISH_SPEECH = frozenset(
    "say tell state write report announce confirm explain answer reply respond add note stress "
    "emphasise emphasize underline highlight claim believe think warn admit insist continue conclude ask "
    "comment describe acknowledge affirm declare remark estimate argue assert maintain observe recount "
    "relate clarify elaborate specify concede recognise recognize point notify inform alert put confess caution "
    "allege verify corroborate".split()
)
#: Verbs of saying that take the hearer as object ("informs the police" is not "the police say").
_NOT_SUGGESTED = frozenset({"inform", "notify", "alert", "put", "point", "relate", "recount", "state", "tell"})
#: Words that cannot be a title before a name ("tells about Kari Lie" is not "tells coach Kari Lie").
_NOT_A_TITLE = r"(?!(?:about|after|against|and|at|by|for|from|her|his|in|its|my|of|on|or|our|that|their|this|to|with|your)\b)"
_NAME = r"[A-ZÆØÅ][\w'’-]+(?: [A-ZÆØÅ][\w'’-]+){0,4}"  # Prime Minister Jonas Gahr Støre
#: A verb's subject: "the police", a name with a title before it or none ("coach Kari Lie"),
#: a name's role ("Hansen's lawyer"), a pronoun.
_WORD_NOT_A_TITLE = _NOT_A_TITLE + r"[a-z]+"
_SUBJECT = "(?:" + "|".join((
    r"the (?:[a-z]+ )?[a-z]+",
    rf"(?:(?:the )?{_WORD_NOT_A_TITLE}(?:[ -]{_WORD_NOT_A_TITLE})? )?{_NAME}",  # coach Kari Lie
    rf"{_NAME}['’]s {_WORD_NOT_A_TITLE}(?: {_NAME})?",  # Hansen's lawyer
    "he", "she", "they", "we", "I",
)) + ")"
#: A comma (then perhaps a closing quote) or a closing quote, a verb, its subject (then perhaps a
#: party or an age in brackets: "..., informs minister Kari Lie (Ap).").
_ATTRIBUTION = re.compile(
    r"(?:,[”\"»’']?|[”\"»]) (?P<verb>[a-z]+) (?P<subject>" + _SUBJECT + r")(?=(?:\s*\((?:[A-ZÆØÅ][\wæøå]{0,4}|\d{1,3})\))?\s*(?:[.,;!?]|$| to [A-ZÆØÅ]))"
)


@cache
def _wrong_speech_senses() -> dict[str, tuple[str, str]]:
    """English verb lemma -> (the Norwegian verb of saying it is a sense of, the
    English verb of saying that sense stands for), for its senses after the first
    two that are not English verbs of saying ("illuminate" -> ("opplyse", "say"))."""
    dictionary = senses.dictionary()
    out: dict[str, tuple[str, str]] = {}
    for verb in SPEECH_VERBS:
        head = dictionary.get(verb)
        if head is None or head.pos != "v":
            continue
        right = next((s for s in head.senses if s in ENGLISH_SPEECH - _NOT_SUGGESTED), "say")
        for sense in head.senses[2:]:  # its usual senses (the first two) are right
            if re.fullmatch(r"[a-z]+", sense) and sense not in ENGLISH_SPEECH and sense not in out:
                out[sense] = (verb, right)
    return out


#: Irregular past forms of the verbs ID006 looks for (the rest take -ed or -d).
_IRREGULAR_PAST = {
    "mean": ("meant",), "hold": ("held",), "uphold": ("upheld",), "pay": ("paid", "payed"), "strike": ("struck",),
    "tell": ("told",), "spell": ("spelled", "spelt"),
}


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _past(verb: str) -> tuple[str, ...]:
    if verb in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return (verb + "d",)
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return (verb[:-1] + "ied",)
    return (verb + "ed",)


@cache
def _verb_forms() -> dict[str, tuple[str, str]]:
    """The third person and past forms of the verbs ID006 looks for -> (verb, Penn tag),
    made by rule (a test holds them to lemminflect's), so a run loads no inflection
    tables for the attributions it reads ("says", "told NRK")."""
    out: dict[str, tuple[str, str]] = {}
    for verb in sorted(_wrong_speech_senses().keys() | HEARER_VERBS.keys()):
        out[_third_person(verb)] = (verb, "VBZ")
        for form in _past(verb):
            out[form] = (verb, "VBD")
    return out


class SpeechVerbSense(Check):
    """A quotation attributed with the wrong sense of a Norwegian verb of saying (", illuminates the police").

    Norwegian puts the verb before the subject after a quotation ("..., opplyser
    politiet"; "..., mener Hansen"); a translation that keeps the order and takes
    another sense of the verb writes "illuminates the police", "means Hansen".
    Found where a quotation or clause ends with a comma (or a closing quote), then
    a verb in the third person or the past, then its subject and the sentence's
    end, and the verb is a sense of a Norwegian verb of saying (dictionary of
    senses) but not an English one; or, right after a quotation, an English verb
    of saying whose object is the hearer ("– ..., tells Eikill": Eikill says).
    Without a closing quote or a dialogue dash before it, the comma must end the
    sentence's first clause (not an aside) and the subject be a speaker (a name,
    perhaps with its title, "coach Kari Lie"; a pronoun; "the police"), not an
    object ("..., holds the record").  Also a person who "means" a clause, *mener*
    (thinks, believes) in its third sense: "Kari Lie means that ...", "She means the
    politicians have failed", where a pronoun or a person's name (by the names analysis)
    opens the clause and a clause's verb follows (not "means a lot", "An injury to Kari Lie
    means that ...", "She means the bridge that was closed", "He means they are tired, not
    lazy").  Where a lexicon entry names the words (", informs NRK"; "illuminates the
    police"), the entry's finding is the one for the span.

    Flags:
    - The school will stay closed on Monday, illuminates the mayor.
    - – We have not decided anything yet, means Hansen.
    - – It is the worst weather in years, tells Eikill.
    - "We have won the league," narrator Kari Lie.
    - She means the politicians have failed Lofoten.

    Allows:
    - The driver was taken to hospital with minor injuries, the police say.
    - – We have not decided anything yet, says Hansen.
    - The lamps were switched on, and the hall lit up.
    - "Turnout will be high," Kari Lie, an analyst, told the news site.
    - She meant the world to her father, and he was devastated.
    """

    code = "ID006"
    name = "speech-verb-sense"
    family = "idiom"
    severity = Severity.WARNING

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        named = LexiconSpans(doc, ctx)
        yield from self._attributions(doc, named)
        yield from self._opinions(doc, ctx, named)

    def _opinions(self, doc: Document, ctx: CheckContext | None, named: LexiconSpans) -> Iterable[Finding]:
        """A person who "means" a clause: *mener* (thinks, believes) in its third sense
        ("Kappfjell means that Bane NOR must ...", "She means the politicians have failed").
        Not "meant": a past "meant" most often explains what someone had in mind ("He meant
        the players were tired, not lazy")."""
        people_ends: dict[int, int] | None = None
        for m in _MEANS.finditer(doc.text):
            subject = _opinion_subject(doc, m.start())
            if subject is None or not _a_clause_after(doc.text, m.end()) or _explains_a_meaning(doc.text, m):
                continue
            start, word = subject
            if word is None:  # a name: the person's, by the names analysis
                if people_ends is None:
                    people_ends = _person_mention_ends(doc, ctx)
                if start not in people_ends:
                    continue
                start = people_ends[start]
            if named.overlap(start, m.end("verb")):
                continue  # an entry of the lexicon names it: one finding a span
            right = "believes"
            yield self.finding(
                doc,
                start,
                m.end("verb"),
                f"'{m.group('verb')}' with a person and a clause after it reads as Norwegian 'mener' "
                f"(thinks, believes) in its third sense; in English: '{right}'",
                suggestion=f"{doc.text[start : m.start('verb')]}{right}",
                confidence=0.6,
                norwegian="mene",
            )

    def _attributions(self, doc: Document, named: LexiconSpans) -> Iterable[Finding]:
        wrong = _wrong_speech_senses()
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            block = doc.blocks[sentence.block]
            # a dialogue dash opens the block (it is markup, outside the block's text) or the sentence
            dash = bool(_DASH.match(text)) or (
                sentence.start == block.start
                and block.kind is BlockKind.QUOTE
                and bool(re.fullmatch(r"\s*[–—-]\s", doc.text[max(0, block.start - 2) : block.start]))
            )
            for m in _ATTRIBUTION.finditer(text):
                reading = _verb_forms().get(m.group("verb"))
                noun = homographs.saying_nouns().get(m.group("verb"))
                if reading is None and noun is None:
                    continue
                lemma, tag = reading or (m.group("verb"), "VBZ")
                quoted = _ends_a_quotation(text, m.start("verb"), dash)
                attributed = quoted or (
                    m.group().startswith(",") and _speaker_after_a_clause(text, m.start(), m.group("subject"))
                )
                if noun and attributed:
                    # "printer" for *skriver*: a noun; "narrator" for *forteller*: says, not tells
                    norwegian, right = noun.norwegian, "say" if noun.base in HEARER_VERBS else noun.base
                elif lemma in HEARER_VERBS and (
                    quoted or (lemma != "tell" and attributed and _ENDS.match(text, m.end("subject")))
                ):
                    # ("..., informs energy minister Kari Lie." ends reported speech too; "told"
                    # after a clause may be English: "Kari Lie, an analyst, told the news site")
                    norwegian, right = HEARER_VERBS[lemma], "say"
                elif lemma in wrong and attributed:
                    norwegian, right = wrong[lemma]
                else:
                    continue
                if _clause_in(m.group("subject")) or not _titled_speaker(m.group("subject")):
                    continue
                if named.overlap(sentence.start + m.start("verb"), sentence.start + m.end("subject")):
                    continue  # an entry of the lexicon names it (", informs NRK"): one finding a span
                subject = m.group("subject")
                suggestion = _attribution(subject, right, tag)
                if noun:
                    what = (f"the noun '{noun.noun}', spelt like Norwegian '{norwegian}' "
                            f"('{noun.third_person}'),")
                else:
                    what = (f"'{lemma}', a sense of Norwegian '{norwegian}' "
                            f"({', '.join(senses.dictionary()[norwegian].senses[:2])})")
                yield self.finding(
                    doc,
                    sentence.start + m.start("verb"),
                    sentence.start + m.end("subject"),
                    f"'{m.group('verb')} {subject}' attributes a quotation with {what} "
                    f"in the Norwegian order; in English: '{suggestion}'",
                    suggestion=suggestion,
                    confidence=0.75,
                    norwegian=norwegian,
                )


#: "means" and what may open a clause after it ("that", not "that much"; a
#: determiner, a pronoun, a name); not "means to", "means a lot", "means business".
_MEANS = re.compile(
    r"(?<=\s)(?P<verb>means)\s+(?:that\s+(?!(?:much|little|many|far|way|kind|sort|one|ones|is\s+all)\b)"
    r"|(?=(?:the|this|these|those|there|he|she|they|we|[A-ZÆØÅ][\w’'-]+)\b(?!\s+(?:to|for|as)\b)))"
)
#: A clause's verb within a few words: "the municipality should ...", "the penalty was soft".
_CLAUSE_VERB = re.compile(
    r"(?:[\w’'-]+\s+){0,6}?(?:is|are|was|were|has|have|had|should|must|will|would|can|could|does|do|did|cannot|"
    r"may|might|shall|lacks?|needs?)\b"
)
#: Before a name that is a subject: nothing, or a role in a few words ("Brann coach Hanne Eide"), no
#: preposition or "-ing" word that makes the name an object ("An injury to Kari Lie means ...").
_BEFORE_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?:;–—\n]\s)|(?<=\n))(?:(?!(?:of|to|for|by|with|from|on|in|at|about|against|without|after|"
    r"and|or|than|the|a|an)\b)(?![\w’'-]+ing\b)[\w’'-]+\s+){0,4}$"
)


def _opinion_subject(doc: Document, at: int) -> tuple[int, str | None] | None:
    """The subject before "means" at ``at``: (its start, "he"/"she") for a pronoun that opens
    its clause, or (the end of a name, None) for a name (perhaps with a party or an age in
    brackets) whose words open the sentence; None for anything else."""
    text = doc.text
    before = text[max(0, at - 120) : at]
    pronoun = re.search(r"(?:^|(?<=[.!?:;,–—\n]\s)|(?<=\n)|\b(?:and|but)\s)(?P<p>[Hh]e|[Ss]he)\s$", before)
    if pronoun is not None:
        return at - len(before) + pronoun.start("p"), pronoun.group("p").lower()
    name = re.search(r"(?P<name>[A-ZÆØÅ][\w’'-]+)(?:\s*\((?:[A-ZÆØÅ][\w.]{0,10}|\d{1,3})\))?\s$", before)
    if name is None:
        return None
    end = at - len(before) + name.end("name")
    return end, None


def _person_mention_ends(doc: Document, ctx: CheckContext | None) -> dict[int, int]:
    """The end of each person mention whose words open its sentence (perhaps after a role in a
    few words) -> the mention's start: the subject of a verb after it."""
    from mtqa.names.glossary import load_glossary
    from mtqa.names.people import people

    glossary = load_glossary(ctx.glossary) if ctx is not None else None
    pp = people(doc, glossary, ctx)
    out: dict[int, int] = {}
    for mention in pp.analysis.mentions:
        if mention.start not in pp.person_of:
            continue
        line_start = doc.text.rfind("\n", 0, mention.start) + 1
        head = doc.text[max(line_start, mention.start - 80) : mention.start]
        if _BEFORE_SUBJECT.search(head) is not None:
            out[mention.end] = mention.start
    return out


def _a_clause_after(text: str, at: int) -> bool:
    """Whether a clause follows ``at`` (after "means"): "that" and anything, or a clause's verb
    within a few words, with no comma, "to" or relative word between ("She means the bridge
    that was closed": a thing she has in mind)."""
    if text.startswith("that", at):
        return True
    m = _CLAUSE_VERB.match(text, at)
    return m is not None and not re.search(r"[,;:.!?]|\b(?:to|who|that|which|where|whose|whom)\b", m.group())


def _explains_a_meaning(text: str, m: re.Match[str]) -> bool:
    """Whether "means" explains what someone has in mind, not what they think: a contrast
    after it ("He means the players are tired, not lazy"), or a meaning spoken of just before
    ("I see what she means. She means the bus is late again")."""
    line_end = text.find("\n", m.end())
    sentence = text[m.end() : line_end if line_end >= 0 else len(text)]
    sentence = re.split(r"(?<=[.!?])\s", sentence, maxsplit=1)[0]
    before = text[max(0, m.start() - 200) : m.start()]
    return bool(re.search(r",\s*not\b", sentence)) or bool(
        re.search(r"\bwhat\s+\w+\s+(?:means?|meant)\b|\b(?:means?|meant)\b[^.!?\n]{0,60},\s*not\b", before)
    )


#: English verbs of saying whose object is the hearer: right after a quotation
#: ("..., tells Eikill"), the name is the speaker in the Norwegian order (*forteller
#: Eikill*: Eikill says).  After any other comma the speaker may stand before it
#: ("Rothenberg, an analyst, told the news site").
HEARER_VERBS = {"tell": "fortelle", "inform": "opplyse", "notify": "varsle"}


_DASH = re.compile(r"\s*[–—]\s")  # not "-": a list's bullet
#: The sentence's end after an attribution's subject (perhaps a party or an age in brackets):
#: "..., informs the police." (not "..., informed the police, and went home": a series of verbs).
_ENDS = re.compile(r"(?:\s*\([^()]{1,6}\))?\s*(?:[.!?]|$)")


def _ends_a_quotation(text: str, at: int, dash: bool) -> bool:
    """Whether the verb at ``at`` follows the end of a quotation: the closing quote of
    one that opens the sentence, or the first comma of a sentence opened by a dialogue
    dash (``dash``) with no quote mark before it."""
    before = text[:at]
    if re.search(r"[,.!?][”\"»’']\s*$|[”\"»’'],\s*$", before):
        # the quotation opens the sentence (not a title in an aside: 'Her novel, "Hunger", tells the story')
        return bool(re.match(r"\s*(?:[–—-]\s*)?[“\"«‘']", text))
    if re.search(r"[“”\"«»]", before):
        return False
    # after a dash, the comma before the verb is the first ("- Kari Lie, 45, told the court"
    # is a list's item with an aside)
    return dash and before.rstrip().endswith(",") and before.count(",") == 1


def _speaker_after_a_clause(text: str, comma: int, subject: str) -> bool:
    """Without a quotation, the Norwegian order is read only where the comma ends the
    sentence's first clause (not an aside: "The statue, unveiled in 1920, depicts the
    king") and the subject is a speaker: a name, a pronoun or a noun that names one
    ("the police", "the meteorologist"), not an object ("holds the record")."""
    if "," in text[:comma]:
        return False
    words = subject.split()
    return words[0] != "the" or _names_a_speaker(words[-1])


def _names_a_speaker(noun: str) -> bool:
    """Whether the noun, singular or plural, is one the grammar checks read as a speaker."""
    return not _SPEAKERS.isdisjoint(_singulars(noun))


def _titled_speaker(subject: str) -> bool:
    """Whether the words before a name, or after a name's possessive, name a speaker
    ("coach Kari Lie", "Hansen's lawyer"), not a time or anything else ("signed last
    December", "depicts young Knut Hamsun", "considered Norway's best"); true for a
    subject without such words."""
    words = subject.split()
    possessive = next((i for i, w in enumerate(words) if w.endswith(("'s", "’s"))), None)
    if possessive is not None:
        role = words[possessive + 1]
    elif words[0][0].isupper() or words[0] == "the" or len(words) == 1:
        return True  # a name, "the police", a pronoun
    else:
        role = next(w for w in reversed(words) if not w[0].isupper())
    return _names_a_speaker(role.split("-")[-1])


def _clause_in(subject: str) -> bool:
    """Whether the words after "the" hold a verb ("the economy grew"): a clause, not a subject."""
    words = subject.split()
    return words[0] == "the" and any(map(homographs.verb_only, words[1:]))


def _attribution(subject: str, verb: str, tag: str) -> str:
    """The English attribution: subject, then the verb of saying in the match's tense."""
    from lemminflect import getInflection

    if tag == "VBZ" and _base_form_subject(subject):
        form = verb
    else:
        form = (getInflection(verb, tag=tag) or (verb,))[0]
    return f"{subject} {form}"


#: A lower-case modifier and the noun after it; the noun is read ahead, so that each
#: word is tried as a modifier ("the small storm warning"); a possessive is the noun's.
_TERM = re.compile(r"(?<![\w’'-])(?P<modifier>[a-z]{3,}) (?=(?P<noun>[a-z]{3,})(?:['’]s\b|(?![\w’'-])))")


_BY_NORWEGIAN: dict[str, dict[str, str]] = {}


def _english_by_norwegian(lexicon: Lexicon) -> dict[str, str]:
    """Each Norwegian form of the lexicon's entries ("liten storm" of "liten storm / full
    storm / sterk storm (Beaufort)") -> its entry's idiomatic English, the first entry's."""
    table = _BY_NORWEGIAN.get(lexicon.sha256)
    if table is None:
        table = {}
        for entry in lexicon.entries:
            if not entry.english:
                continue
            for form in FORM_SPLIT.split(entry.norwegian.lower()):
                if " " in form.strip() and "<" not in form:
                    table.setdefault(" ".join(form.split()), entry.english[0])
        _BY_NORWEGIAN[lexicon.sha256] = table
    return table


@cache
def _lemmas_by_sense(pos: tuple[str, ...], first: int | None = None) -> dict[str, frozenset[str]]:
    """English word -> the Norwegian lemmas of these parts of speech it is one of the
    senses of (the first ``first`` of each; None: every sense)."""
    out: dict[str, set[str]] = defaultdict(set)
    for head in senses.dictionary().values():
        if head.pos in pos:
            for sense in head.senses[:first]:
                if re.fullmatch(r"[a-z]+", sense):
                    out[sense].add(head.lemma)
    return {k: frozenset(v) for k, v in out.items()}


#: Words that end a modifier + noun pair's shape but are no noun ("the charge does").
_NOT_HEADS = frozenset(
    "does did doing done has had have having was were will would shall should can could may might must "
    "are is been being says said goes went gets got makes made takes took".split()
)


def _one_stem(first: str, second: str) -> bool:
    """Two forms of one word ("end", "ending"; "west", "western"), not two senses."""
    return first.startswith(second) or second.startswith(first) or first[:5] == second[:5]


class TermRenderedTwice(Check):
    """One term written two ways in one article, with two senses of one Norwegian word ("the small storm" / "the little storm").

    A translation made sentence by sentence renders a Norwegian term word
    by word, and may take another sense of its first word each time: the
    Beaufort term *liten storm* becomes "the small storm" and then "the
    little storm"; *fyrvokter* becomes "fire keeper" and "lighthouse
    keeper". Found where two lower-case modifier + noun pairs of one article
    share their noun, their modifiers are two senses (among the first six)
    of one Norwegian adjective or noun of the dictionary of senses and not
    two forms of one word ("end", "ending"), and neither pair is among the
    frequent English word pairs of symspellpy's list. Every occurrence of
    both is reported, at info with confidence 0.4, as the lexicon's tentative
    tier is: which of the two is the right English the check cannot tell
    (often neither: a term rendered word by word), nor a term from a word a
    writer varies on purpose ("a big fire", then "the second large fire":
    an adversarial review found such pairs in 16 of 92 articles written to
    vary a modifier; the human English controls have none). A group of
    which the lexicon names one occurrence is left to the lexicon's finding.

    Flags:
    - A small storm is expected on the coast tonight. The little storm will ease by the morning.

    Allows:
    - A small storm is expected on the coast tonight. It will ease by the morning.
    - The lighthouse keeper lit the lamp. The lighthouse keeper then went to bed.
    - The weather will end soon. The ending weather was mild.
    """

    code = "ID009"
    name = "term-rendered-twice"
    family = "idiom"
    severity = Severity.INFO

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        from mtqa.lexicons.compose import _frequent_pairs

        # a modifier: one of the first six senses of an adjective or noun; a noun: any sense of a noun
        modifiers, nouns, frequent = _lemmas_by_sense(("adj", "n"), 6), _lemmas_by_sense(("n",)), _frequent_pairs()
        # noun -> modifier -> the pairs' spans
        found: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            for m in _TERM.finditer(text):
                modifier, noun = m.group("modifier"), m.group("noun")
                head = next((w for w in _singulars(noun) if w in nouns), None)
                if noun in _NOT_HEADS or head is None or modifier not in modifiers or f"{modifier} {noun}" in frequent:
                    continue
                found[head][modifier].append((sentence.start + m.start(), sentence.start + m.end("noun")))
        named = LexiconSpans(doc, ctx)
        by_norwegian = _english_by_norwegian(lexicon_for(ctx)) if found else {}
        reported: set[tuple[int, int]] = set()
        for head, by_modifier in found.items():
            for first in sorted(by_modifier):
                for second in sorted(by_modifier):
                    common = modifiers[first] & modifiers[second]
                    if first >= second or not common or _one_stem(first, second):
                        continue
                    spans = by_modifier[first] + by_modifier[second]
                    if any(named.overlap(start, end) for start, end in spans):
                        continue  # the lexicon names one of them: its finding says which is wrong
                    lemma = min(common)
                    usual = ", ".join(senses.dictionary()[lemma].senses[:3])
                    # the Norwegian term, back-translated word by word ("small storm", "little
                    # storm": *liten storm*), where the lexicon knows its English ("storm force")
                    terms = sorted(f"{m} {n}" for m in common for n in nouns.get(head, ()))
                    english = next((e for e in map(by_norwegian.get, terms) if e), None)
                    for start, end in sorted(spans):
                        if (start, end) in reported:
                            continue
                        reported.add((start, end))
                        this = doc.text[start:end]
                        other = next(doc.text[s:e] for s, e in spans if doc.text[s:e].split()[0] != this.split()[0])
                        yield self.finding(
                            doc, start, end,
                            f"'{this}' and '{other}' in one article, two senses of Norwegian '{lemma}' "
                            f"({usual}): if they name one thing, a Norwegian term may have been rendered word "
                            "by word, another way each time: write its English name, the same each time "
                            "(a writer also varies a word on purpose: then leave it)",
                            suggestion=english,
                            confidence=0.4,
                        )


CHECKS = (InconsistentRendering, SpeechVerbSense, TermRenderedTwice)
