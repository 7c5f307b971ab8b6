"""Family ``pronoun``: a pronoun that does not fit the person it refers to.

Norwegian "hun"/"han" and "hennes"/"hans" are easy to mistranslate, and a
person can become "it" ("den"/"det").  The evidence is the article itself (how
it refers to the person elsewhere), then gendered titles (Mr, Mrs) and the
given name (``mtqa/data/names_first_names.yaml``).  People and pronoun
resolution are in :mod:`mtqa.names.people`.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import chain

from mtqa.checks.base import Check, CheckContext
from mtqa.model import Document, Finding, Severity
from mtqa.names.glossary import load_glossary
from mtqa.names.lexicon import words
from mtqa.names.mentions import Token
from mtqa.names.people import (
    INDEFINITE,
    LOOKBACK,
    NAMED_LOOKBACK,
    NEW_CLAUSE,
    People,
    Person,
    Ref,
    Resolution,
    caption_apart,
    evident_gender,
    gendered_before,
    generic_pronoun,
    norwegian_name_gender,
    noun_subject_of,
    own_subject_pronoun,
    people,
    pronoun_base,
    pronoun_gender,
    ref_gender,
    refs_by_sentence,
    reporting_pronoun,
    speaks,
    static_gender,
    subject_bound,
)

#: Evidence needed against a pronoun, and how much more than for it.
MIN_EVIDENCE = 1.0
#: What a given name Norwegian gives one gender ("Randi", "Gunn", "Bjørn") weighs more
#: against a pronoun nobody else near may be meant by: "– We have tried everything, says
#: he." of Randi Eira, where the engine wrote "he" for her twice and no man was named yet.
UNRIVALLED_NAME_BONUS = 1.0
_SWAP = {
    ("male", "he"): "she", ("male", "him"): "her", ("male", "his"): "her", ("male", "himself"): "herself",
    ("female", "she"): "he", ("female", "her"): "his", ("female", "hers"): "his", ("female", "herself"): "himself",
}
_WORDS = {"male": "he", "female": "she"}
_ADVERB = re.compile(r"^(also|further|again|then|now|still|later|even|too|\w+ly)$", re.I)


def _recase(word: str, model: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _evidence_text(person: Person, gender: str, exclude: Token | None = None) -> str:
    """``referred to as 'she' in 2 other places; 'Kari' is a woman's name``."""
    pron = sum(1 for tok, _ in person.votes.get(gender, ()) if exclude is None or tok.start != exclude.start)
    parts = []
    if pron:
        parts.append(f"referred to as '{_WORDS[gender]}' in {pron} other place{'s' if pron != 1 else ''}")
    parts += sorted(set(person.static.get(gender, ())))
    if person.norway_gender == gender and person.given_name:
        parts.append(f"'{person.given_name}' is {'a man' if gender == 'male' else 'a woman'}'s name in Norway")
    return "; ".join(parts)


def _person_at(pp: People, tok: Token) -> Person | None:
    """The person whose mention covers ``tok``."""
    for person in pp.persons.values():
        for m in person.mentions:
            if m.start <= tok.start < m.end:
                return person
    return None


def _first_of_its_gender(pp: People, tok: Token) -> bool:
    """Whether ``tok`` is a subject or possessive pronoun ("he", "his"; not "him") and the
    first of its gender in its sentence: the engine's one choice there ("Kari Lie voted for
    the plan, and he does not hide that he is disappointed")."""
    if tok.lower not in ("he", "she", "his", "hers"):
        return False
    i = bisect.bisect_left(pp.analysis.token_starts, tok.start)
    g = pronoun_gender(tok.text)
    return g is not None and g not in gendered_before(pp.analysis.tokens, i)


def _in_reported_clause(pp: People, tok: Token) -> bool:
    """Whether ``tok`` is (after) the subject of a clause a speech verb reports, in its
    sentence: "Police attorney Kari Lie says he was arrested at his home" (someone else,
    maybe), not the speaker of a speech tag ("..., says he.")."""
    tokens = pp.analysis.tokens
    speech = words().speech_verbs
    i = bisect.bisect_left(pp.analysis.token_starts, tok.start)
    for k in range(i, 0, -1):
        t = tokens[k]
        if t.sentence != tok.sentence:
            return False
        if t.lower in ("he", "she") and tokens[k - 1].lower in speech and tokens[k - 1].sentence == t.sentence:
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            return after is not None and after.sentence == t.sentence and after.text[:1].isalnum()
    return False


def _rival(pp: People, r: Resolution) -> bool:
    """Whether someone other than ``r.person`` named in the pronoun's sentence or the
    ones before it (a person, a person noun or a name of unknown kind) may be what the
    pronoun means: anyone not shown to be of the other gender."""
    first = r.token.sentence - LOOKBACK
    doc = pp.analysis.doc
    block_start = doc.blocks[r.token.block].start
    previous = r.token.sentence - 1
    # "Dalheim has won it before. Dalheim will now rest at home. He hopes ...": a subject
    # the paragraph names twice before the pronoun is not rivalled by someone of an
    # earlier paragraph (not when the pronoun's sentence speaks of the other gender too:
    # "He said she had trained harder")
    floor = 0
    if previous >= 0 and doc.sentences[previous].start >= block_start:
        before = [ref for ref in pp.refs if block_start <= ref.start < r.token.start]
        named = sum(1 for ref in before if ref.person is r.person)
        # (or once, as the subject of the paragraph's first sentence, where it is the one
        # named there: "Ingrid Helland from Sandnes has been at the hospital every day. His
        # father (84) was admitted ...")
        opens = doc.sentences[previous].start == block_start and len(before) == 1 and before[0].subject
        if named >= 2 and not _other_pronoun_in_sentence(pp, r):
            floor = block_start
        elif opens and named == 1 and not _other_pronoun_in_sentence(pp, r) and not _in_paragraph_before(pp, r):
            floor = block_start
    for ref in pp.refs:
        if ref.start >= r.token.start:
            break
        if ref.sentence < first or ref.person is r.person or ref.start < floor:
            continue
        if _may_mean(pp, ref, r.gender):
            return True
    return False


def _in_paragraph_before(pp: People, r: Resolution) -> bool:
    """Whether the paragraph before the pronoun's names someone (a name of unknown kind
    aside), or has a pronoun, of the pronoun's gender ("The skipper was rescued after six
    hours. / Nurse Kari Lie met the helicopter. He was cold ...", "Per Hansen (84) was
    admitted on Monday. / Ingrid Helland has been at the hospital every day. His condition
    ...": he may be meant)."""
    doc = pp.analysis.doc
    block = r.token.block - 1
    if block < 0:
        return False
    before = doc.blocks[block]
    refs = [ref for ref in pp.refs if before.start <= ref.start < before.end and not ref.unknown]
    inside = [n for n, s in enumerate(doc.sentences) if s.block == block]  # (a block's sentences are consecutive)
    sentences = range(inside[0], inside[-1] + 1) if inside else range(0)
    starts = pp.analysis.token_starts
    first = bisect.bisect_left(starts, before.start)
    if first < len(starts) and starts[first] < before.end and pp.analysis.tokens[first].quoted:
        # a dialogue line: its speaker has had their say, and a paragraph that opens with
        # someone else's name moves on to them ("– ..., says Ola Bakken. / Haugen is more
        # concerned. He expects ...": Haugen's "He"); the people its quote speaks of still count
        refs = [ref for ref in refs if not speaks(pp.analysis, ref)]
        return _gender_near(pp, refs, sentences, r.gender, speakers=False)
    return _gender_near(pp, refs, sentences, r.gender)


def _may_mean(pp: People, ref: Ref, gender: str) -> bool:
    """Whether ``ref`` may be someone a pronoun of ``gender`` means: a person not shown
    to be of the other gender, a name of unknown kind, a person noun of that gender or
    none ("nobody" is no one)."""
    if ref.person is not None:
        return evident_gender(pp, ref.person) in (None, gender)
    return ref.unknown or (ref.gender in (None, gender) and not INDEFINITE.match(pp.analysis.doc.text, ref.start))


def _could_be(pp: People, ref: Ref, gender: str) -> bool:
    """Whether ``ref``, outside a quote, may be someone a pronoun of ``gender`` means."""
    return not ref.quoted and _may_mean(pp, ref, gender)


def _sentence_tokens(pp: People, sentence: int) -> list[Token]:
    """The tokens of sentence number ``sentence``."""
    span = pp.analysis.doc.sentences[sentence]
    starts = pp.analysis.token_starts
    return pp.analysis.tokens[bisect.bisect_left(starts, span.start) : bisect.bisect_left(starts, span.end)]


def _gender_near(
    pp: People, refs: Iterable[Ref], sentences: range, gender: str, besides: Token | None = None,
    speakers: bool = True,
) -> bool:
    """Whether one of ``refs`` may be of ``gender``, or a pronoun of ``gender`` (other than
    ``besides``) stands in one of ``sentences``: someone near whom a pronoun may mean.
    Without ``speakers``, one who is only the speaker of a reporting clause two sentences
    back or more ("..., says Per Lie.") or is called "he" in one ("..., he says.") does not
    count."""
    analysis = pp.analysis
    last = max(sentences, default=-1)
    if any(
        _could_be(pp, r, gender) and (speakers or r.sentence >= last or not speaks(analysis, r)) for r in refs
    ):  # (one named in the sentence right before counts, speaking or not)
        return True
    speech = words().speech_verbs
    for s in sentences:
        for tok in _sentence_tokens(pp, s):
            if pronoun_gender(tok.text) != gender or (besides is not None and tok.start == besides.start):
                continue
            i = bisect.bisect_left(analysis.token_starts, tok.start)
            if generic_pronoun(analysis.doc.text, analysis.tokens, i):
                continue  # "she or he must choose": no one near
            if speakers or not reporting_pronoun(analysis.tokens, i, speech):
                return True
    return False


def _other_pronoun_in_sentence(pp: People, r: Resolution) -> bool:
    """Whether the pronoun's sentence has a pronoun of the other gender too."""
    return any(pronoun_gender(t.text) not in (None, r.gender) for t in _sentence_tokens(pp, r.token.sentence))


_WORD = re.compile(r"[^\W\d_]+")
#: Words right before a reflexive that are no verb: a noun phrase's ("the queen herself").
_NOT_A_VERB = frozenset("the a an his her their its this that my your our".split())
#: A clause word, a comma or a dash between a subject and a reflexive, an object pronoun or
#: a noun phrase: the reflexive may be another's ("She told him to pull himself together").
_CLAUSE_BREAK = re.compile(
    NEW_CLAUSE.pattern + r"|\b(?:him|her|them|"
    # a noun phrase between: the reflexive is its ("She let the boy dress himself")
    r"the|a|an|this|these|those|every|each|my|your|our|their|its|his)\b",
    re.I,
)
#: Taken to a hospital: "was flown to UNN", "was sent to the hospital", "was taken to A&E".
_TO_HOSPITAL = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?(?:flown|taken|sent|brought|driven|transported|admitted|rushed|airlifted)\b"
    r"[^.!?]{0,60}?\b(?:hospital|(?-i:UNN|A&E)|emergency (?:room|department)|intensive care|infirmary|"
    r"medical cent(?:re|er)|health cent(?:re|er))\b",
    re.I,
)
#: Nouns of kin and royal titles a "he" or a "she" cannot be.
_MALE_PREDICATES = frozenset(
    "father dad son husband brother grandfather uncle king prince boyfriend widower nephew grandson "
    "stepfather stepson godfather".split()
)
_FEMALE_PREDICATES = frozenset(
    "mother mum mom daughter wife sister grandmother aunt queen princess girlfriend widow niece "
    "granddaughter stepmother stepdaughter godmother".split()
)
#: After "he"/"she": a copula, an article and up to two adjectives, then the noun, which ends
#: the phrase ("is a fantastic mother,", "was the proudest father in the hall"); not "like a
#: mother", "a mother and a father", "a mother's boy", "a father figure".
_PREDICATE_NOUN = re.compile(
    r"\s+(?:is|was|has been|had been|will be|became|becomes|remains|remained)\s+(?:also\s+|still\s+|now\s+)?"
    r"(?:a|an|the|his|her|their)\s+(?:(?!like\b|and\b|or\b)[a-z-]+\s+){0,2}?"
    r"(?P<noun>[a-z]+)(?=\s*[.,;!?]|\s+(?:of|in|to|for|who|at|on|with|from)\b)(?!\s+(?:and|or)\b)",
)
#: "<noun>, who himself": the reflexive right after the relative pronoun of a noun.
_NOUN_WHO_SELF = re.compile(r"\b(?P<noun>[A-Za-z]+),\s+who\s+(?P<refl>himself|herself)\b")
#: A phrase opening the sentence with a possessive, then its comma: "In his speech, the ".
_FRONTED_POSSESSIVE = re.compile(
    r"[–—\-\s]*(?:In|During|Through|After|Before|At the end of|At the start of|On)\s+(?P<pos>his|her)\s+"
    r"(?:[a-z-]+\s+){0,2}?[a-z-]+,\s+(?:the\s+)?"
)
#: "says that a " before a person noun: what the speaker tells of someone (the match ends at the noun).
_TOLD_THAT = re.compile(
    r"\b(?:says|said|informs|informed|tells|told|confirms|confirmed|reports|reported|explains|explained)"
    r"(?:\s+[\w-]+){0,3}?\s+that\s+(?:an?|the)\s+(?:(?:young|elderly|older|injured)\s+)?"
)
#: In the patient's sentence: someone besides the one told of ("also", "too", "herself").
_SOMEONE_ELSE = re.compile(r"\b(?:also|too|as well|himself|herself|both)\b", re.I)
#: Two sentences back: several people ("Two people fell through the ice").
_SEVERAL = re.compile(r"\b(?:two|three|four|five|several|both|people|persons|passengers|pupils|children)\b", re.I)
#: What happened to the person noun: "woman in her 50s was brought out of ...", "man (34) was hit".
_HAPPENED_TO = re.compile(
    r"[^\W\d_]+(?:\s+in\s+(?:her|his)\s+\d0s|\s*\(\d{1,3}\))?\s+(?:was|has been|had been|were)\s+(?:\w+ly\s+)?"
    r"(?:brought|taken|carried|rescued|found|pulled|hit|injured|hurt|evacuated|helped|freed|struck|run over)\b"
)
#: A subject's person noun, its "of" phrase and an apposition's article, up to the apposed
#: noun that gives it a gender ("driver of the passenger car, a " woman).
_APPOSED_NOUN = re.compile(r"[\w-]+(?:\s+of\s+(?:the\s+|a\s+|an\s+)?[\w-]+(?:\s+[\w-]+){0,2})?,\s+(?:a|an)\s+", re.I)
#: A preposition of place right before a name that may be a person's: a place it is.
_AT_PLACE = re.compile(r"\b(?:in|at|to|from|near)\s+$")
#: How a patient is, right after "he"/"she": "is seriously injured", "was discharged later".
_CONDITION = re.compile(
    r"\s+(?:is|was|has been|had been|remains|was later|is now)\s+(?!(?:not|never|also|too)\b)(?:(?!not\b)\w+\s+){0,2}?"
    r"(?:injured|hurt|discharged|released|stable|critical|conscious|unconscious|operated|treated|"
    r"written out|out of danger|in (?:a )?(?:serious|critical|stable|good) condition)\b",
    re.I,
)
#: A vessel, which English may call "she".
_VESSEL = re.compile(r"\b(?:ship|ships|boat|vessel|ferry|trawler|tanker|freighter|yacht|tug|cutter|frigate|rig)\b", re.I)



#: A royal style before the royal's title: "His Majesty King Harald", "Her Royal Highness Princess Ingrid".
_MAJESTY = re.compile(
    r"\b(?P<pronoun>His|Her) (?P<style>Majesty|Royal Highness|Highness)(?: the)? "
    r"(?P<title>Queen|King|Crown Princess|Crown Prince|Princess|Prince)\b"
)
#: A dialogue line that opens with what a client says of themselves, attributed to their
#: lawyer: "– She denies criminal guilt, says his defender".
_CLIENT_QUOTE = re.compile(
    r"(?m)^[–—-]\s*(?P<client>He|She)\s+(?:(?:also|still|fully|completely|strongly|firmly)\s+)?"
    r"(?:denies|admits|pleads|regrets|accepts|is innocent|is not guilty|is relieved|is cooperating|will appeal|"
    r"has admitted|has denied|has explained|will give a statement|wants to appeal|does not recognise|"
    r"does not recognize|does not accept)\b[^\n–—]{0,120}?,\s+(?:says|said|explains|explained|tells)\s+"
    # (a defence lawyer speaks for the accused; a "lawyer" or "counsel" may be the victim's)
    r"(?P<pos>his|her)\s+(?P<lawyer>defender|defence lawyer|defense lawyer|defense attorney|defence counsel|defense counsel)\b"
)
#: "said the Queen in his opening speech": a verb of saying, its subject a noun, and what it was said in.
_SAID_BY_NOUN = re.compile(
    r"\b(?:said|says|wrote|writes|explained|explains|stressed|stresses)\s+the\s+(?P<noun>[A-Za-z]+)\s+in\s+"
    r"(?P<pos>his|her)\s+(?:(?:opening|closing|new|annual|first|last|traditional|New Year's|Christmas)\s+)?"
    r"(?:speech|statement|address|post|letter|interview|column|reply|remarks|greeting|sermon|lecture|presentation)\b"
)
#: The royal titles of a woman.
_FEMALE_ROYAL = frozenset({"Queen", "Crown Princess", "Princess"})


class PronounMismatch(Check):
    """A pronoun that does not fit the person it refers to.

    A "he"/"his" for a person the article otherwise calls "she" (or the other
    way round), and "it" as the subject of "says", "confirms" and other verbs of
    saying right after a person spoke.  A pronoun is checked only when its
    referent is clear (the one person named in its sentence and the three
    before it, no role such as "NRK's head of entertainment" beside them, and
    no one's kin introduced with a pronoun of its gender: "Her husband, Kjell
    Aune, died. She ..."), or, for a pronoun opening a sentence, the subject of
    the sentence before where no one else named in those sentences could be meant
    (everyone else there is shown to be of the other gender; "nobody" is no one;
    "Kari Lie at Kraftlaget" names a workplace, "the Tour de Ski" a thing, not a
    person; when that sentence is in the pronoun's paragraph, people of earlier
    paragraphs are not counted). The sentence's form gives a referent too: "says
    he" closing a dialogue line is the one person named in the last sentence of
    the paragraph before it, when nobody else who could speak is near ("Doctor Kari
    Lie confirms that she was there. / – I have talked to him since, says he."); and
    "his"/"her" right after a subject that is a person noun, with nobody else who
    could be meant near ("The Crown Princess ended his visit", "the woman
    transferred the money to his own account"), is the subject's; so is "his own" or
    "her own" (Norwegian *sin egen*) after a named subject, after "she"/"he" as the
    clause's subject and in "<person>, who ..." with no object or clause between
    ("Skipper Kari Lie fishes with his own boat"), and after "he"/"she" as its clause's
    subject whoever that is ("He put both her own and others' lives in danger"). "He adds that", "She points out
    that", "He asks people to ..." opening a sentence is the one person whose speech
    the sentence before attributes, with nobody else named in it ("..., says operations
    manager Kari Lie in Norled. He adds that ..."); "She says that" too after a quote's
    "..., says Per Hansen.", and "Mayor Kari Lie says he understands ...", "The owner, Kari
    Lie, tells the newspaper that he is glad ..." is the speaker speaking of themselves, where
    nobody else near could be meant and nothing happens to the one meant ("says he was
    arrested"); "He believes ..." after a quote goes on with its speaker. A "he"/"she" opening a
    sentence right after one whose subject is a person noun of the other gender ("The
    woman was taken to hospital. He is ...") is reported where nobody and no pronoun
    near is of its gender, and so is one that takes the patient to hospital after a sentence
    whose speaker tells what happened to a person noun of the other gender ("Operation leader
    Per Aasen says that a woman was brought out of the flat. He has been taken to hospital"). People of the news (``mtqa/data/people.tsv``) have the
    gender the list gives ("Sylvi Listhaug"). For a pronoun
    after ", and" whose referent is the named subject of the first clause, the
    other pronouns of its sentence are no evidence ("Kari Lie voted for it, and he
    does not hide that he is disappointed"). A pronoun is reported when the
    evidence against it is more than twice the
    evidence for it: first the article's own pronouns for that person elsewhere, then a
    gendered title ("Mr", "Mrs") and a given name of known gender.  The message
    shows the evidence; the confidence grows with it.  Names in photo credits
    ("Photo: Ola Nordmann / NTB") are nobody a pronoun refers to.

    Inside a quotation or a dialogue line ("– ..., she said"), a speaker calls
    themselves "I": a "he" or "she" of the speaker's own gender refers to
    someone else, and when everyone else near it (in the quote before it, else
    the nearest sentence before that names someone) is of the other gender, or
    it opens a sentence whose predecessor's subject is, it is reported ("– The
    bishop is pleased. She will soon recover, his wife said").  A possessive
    whose two-word object the article gives to someone of the other gender
    ("his summer house" beside "the princess's summer house") is reported too, and
    so is a reflexive right after its verb that does not agree with its clause's
    subject, whoever that is ("He never takes herself too seriously").

    Flags:
    - Foreign Minister Kari Nordmann met reporters on Friday. She said the talks had been useful. Nordmann met his US counterpart in Washington in December.
    - Finance Minister Trygve Vedum presented the budget on Monday. He said the budget was tight. At the same time, it confirms that taxes will not rise.

    - King Olav is in hospital. “The king himself is in good spirits. She will soon be back on her feet,” Queen Ingrid said.

    Allows:
    - Foreign Minister Kari Nordmann met reporters on Friday. She said the talks had been useful. Nordmann met her US counterpart in Washington in December.
    - Queen Sonja visited the school on Friday. “She was very interested,” headmaster Per Hansen said.
    - Kari Nordmann thanked Per Hansen. He said he was grateful for her support.
    - "I think we are close to a deal," Kari Nordmann said. She left for Brussels on Saturday.
    - The ministry published its report on Friday. It says prices will rise.
    - Speaking to his fans on Friday, Ronaldo said the reports were fake.
    """

    code = "PR001"
    name = "pronoun-mismatch"
    family = "pronoun"
    severity = Severity.WARNING
    variable_severity = True  # info where a person's pronouns contradict each other

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        glossary = load_glossary(ctx.glossary) if ctx is not None else None
        pp = people(doc, glossary, ctx)
        reported: set[tuple[int, int]] = set()
        for finding in chain(
            self._gendered(doc, pp),
            self._in_quotes(doc, pp),
            self._possessions(doc, pp),
            self._own(doc, pp),
            self._no_one_fits(doc, pp),
            self._reflexive(doc, pp),
            self._own_of_pronoun(doc, pp),
            self._predicate(doc, pp),
            self._who_self(doc),
            self._majesty(doc),
            self._client(doc),
            self._said_by_noun(doc),
            self._fronted(doc, pp),
            self._it(doc, pp),
            self._patient(doc, pp),
        ):
            if (finding.start, finding.end) not in reported:  # one finding a pronoun, whichever rule sees it first
                reported.add((finding.start, finding.end))
                yield finding

    # -- he / she ------------------------------------------------------------------------
    def _gendered(self, doc: Document, pp: People) -> Iterable[Finding]:
        found = list(self._gendered_each(doc, pp))
        # a person whose gender only the pronouns say, with findings for both genders ("She"
        # flagged by one "he", that "he" by the "She"): one of the two is wrong, and which
        # the article does not say; both are reported as that, at the lowest severity
        wanted: dict[int, list[tuple[str, Finding]]] = defaultdict(list)
        for person, gender, finding in found:
            wanted[id(person)].append((gender, finding))
        for person, gender, finding in found:
            against = [f for g, f in wanted[id(person)] if g != gender]
            if against and not (static_gender(person) or person.news_gender):
                other = against[0].text
                finding = dataclasses.replace(
                    finding,
                    severity=Severity.INFO,
                    confidence=min(finding.confidence, 0.3),
                    message=f"'{finding.text}' and '{other}' both refer to {person.display}: one of the two is wrong",
                )
            yield finding

    def _gendered_each(self, doc: Document, pp: People) -> Iterable[tuple[Person, str, Finding]]:
        for r in pp.resolutions:
            if r.person is None:
                continue
            score = pp.gender(r.person, exclude=r.token, bound=r.bound)
            other = "female" if r.gender == "male" else "male"
            against, for_ = score[other], score[r.gender]
            if (
                against < 2 * for_ + 1
                and r.hard
                and norwegian_name_gender(r.person) == other
                and (r.by_form or not _rival(pp, r))  # (whom the sentence's form names has no rival)
                and _first_of_its_gender(pp, r.token)
                and not _in_reported_clause(pp, r.token)
            ):
                against += UNRIVALLED_NAME_BONUS
            if against < MIN_EVIDENCE or against < 2 * for_ + 1:
                continue
            if not r.hard and _rival(pp, r):
                # the previous sentence's subject, taken as the referent of a pronoun
                # opening the next one: only where nobody else near could be meant
                continue
            suggestion = _SWAP.get((r.gender, r.token.lower))
            if suggestion is None:
                continue
            evidence = _evidence_text(r.person, other, r.token)
            yield r.person, other, self.finding(
                doc,
                r.token.start,
                r.token.end,
                f"'{r.token.text}' does not fit {r.person.display}: {evidence}",
                suggestion=_recase(suggestion, r.token.text),
                confidence=round(min(0.9, 0.4 + 0.15 * against - 0.1 * for_), 2),
                person=r.person.display,
            )

    # -- he / she in someone's quote ---------------------------------------------------
    def _in_quotes(self, doc: Document, pp: People) -> Iterable[Finding]:
        for r in pp.quoted:
            base = pronoun_base(r.token.text)
            swap = _SWAP.get((r.gender, base.lower()))
            if swap is None or r.expected is None:
                continue
            who = r.person.display if r.person is not None else "the person spoken of"
            noun = "a man" if r.expected == "male" else "a woman"
            yield self.finding(
                doc,
                r.token.start,
                r.token.end,
                f"'{r.token.text}' in a quote of {r.speaker} refers to someone other than the speaker, "
                f"and the one near it is {noun} ({who})",
                suggestion=_recase(swap, base) + r.token.text[len(base) :],
                confidence=0.5,
                person=who,
            )

    # -- his X, where the article says whose X it is -------------------------------------
    def _possessions(self, doc: Document, pp: People) -> Iterable[Finding]:
        for r in pp.possessed:
            if r.expected is None:
                continue
            noun = "a man's" if r.expected == "male" else "a woman's"
            found = self._swapped(
                doc, r.token.start, r.token.text, r.gender,
                f"'{r.token.text}' does not fit: elsewhere the article gives what follows it to {noun} name", 0.45,
            )
            if found is not None:
                yield found

    # -- his, her: the subject's --------------------------------------------------------
    def _own(self, doc: Document, pp: People) -> Iterable[Finding]:
        """"The woman transferred money to his own account", "The Crown Princess ended his
        visit": a possessive right after its clause's subject, a person noun of the
        other gender, with nobody else named between them.  "his own" (Norwegian "sin
        egen"), "said in his speech" and "shook his head" can only be the subject's; a
        plain "his" only where nobody who could be meant is named in the sentence or the
        three before it (one who only spoke two sentences back or more, or is "he" of a
        reporting clause, does not count).  So a plain "his" after a named subject the
        article shows to be a woman ("Kari Lie has had good support from his family",
        *familien sin*), where no one resolved it to anybody else."""
        by_sentence = refs_by_sentence(pp.refs)
        tokens = pp.analysis.tokens
        resolved = {r.token.start for r in pp.resolutions}
        for i, t in enumerate(tokens):
            g = pronoun_gender(t.text)
            if g is None:
                continue
            here = [r for r in by_sentence.get(t.sentence, []) if r.start < t.start]
            subject = noun_subject_of(pp.analysis, here, t)
            if subject is None and t.start not in resolved:
                subject = noun_subject_of(pp.analysis, here, t, named=True, plain=True)
                if subject is not None and not self._named_other(pp, subject, t, g):
                    subject = None
            elif subject is not None and subject.gender == g:
                continue
            if subject is None:
                continue
            own = subject_bound(pp.analysis, i) or t.lower in ("himself", "herself")
            possessed = tokens[i + 1].start if i + 1 < len(tokens) else -1  # "his father" is not his own referent
            if any(_could_be(pp, r, g) for r in by_sentence.get(t.sentence, []) if r.start > t.start and r.start != possessed):
                continue  # "The woman returned his wallet to Per Hansen": he may be meant
            named_subject = subject.person is not None and subject.subject
            # a person named as the subject of the possessive's own sentence: someone of its
            # gender three sentences back is too far to be meant
            back = range(max(0, t.sentence - (NAMED_LOOKBACK if named_subject else LOOKBACK)), t.sentence)
            near = [r for s in back if not caption_apart(doc, s, t.sentence) for r in by_sentence.get(s, [])]
            if named_subject:
                # nor is a name of unknown kind two sentences back or more that is not its
                # sentence's subject ("The fish plant Vestfjord Fisk lays off 30 ...")
                near = [r for r in near if not (r.unknown and not r.subject and r.sentence < t.sentence - 1)]
            if not own and _gender_near(pp, near, back, g, speakers=False):
                # "The girl held his hand": the father named before, or called "he" there, may be meant
                continue
            if subject.person is not None:
                noun = subject.person.display
            else:
                noun = _WORD.match(doc.text, subject.start).group(0)  # type: ignore[union-attr]  # a token starts there
            found = self._swapped(
                doc, t.start, t.text, g,
                f"'{t.text}' refers to the subject, '{noun}', who is {'a woman' if g == 'male' else 'a man'}",
                0.5 if own else 0.4,
            )
            if found is not None:
                yield found

    @staticmethod
    def _named_other(pp: People, subject: Ref, t: Token, g: str) -> bool:
        """Whether the article shows the named subject to be of the other gender than
        the possessive ``t`` (of gender ``g``), as ``_gendered`` weighs it."""
        if subject.person is None:
            return False
        score = pp.gender(subject.person, exclude=t)
        against, for_ = score["female" if g == "male" else "male"], score[g]
        return against >= MIN_EVIDENCE and against >= 2 * for_ + 1

    # -- he / she after a sentence about a woman / a man, nobody else near ---------------
    def _no_one_fits(self, doc: Document, pp: People) -> Iterable[Finding]:
        """"The woman in her 60s was taken to hospital. He is not seriously injured.": a
        "he"/"she" opening a sentence right after one whose subject is a person noun of the
        other gender, where nobody the article names before it and no pronoun before it
        could be of the pronoun's gender ("She" may be a ship)."""
        resolved = {r.token.start for r in pp.resolutions}
        by_sentence = refs_by_sentence(pp.refs)
        ref_starts = [r.start for r in pp.refs]  # (refs are in text order)
        tokens = pp.analysis.tokens
        for i, t in enumerate(tokens):
            g = pronoun_gender(t.text)
            if g is None or t.lower not in ("he", "she") or t.quoted or not t.initial or t.start in resolved:
                continue
            previous = [r for r in by_sentence.get(t.sentence - 1, []) if not r.quoted]
            if not previous or not previous[0].subject or previous[0].person is not None or previous[0].gender in (None, g):
                continue
            noun = previous[0]
            if INDEFINITE.match(doc.text, noun.start):
                continue  # "No woman was hurt. He ...": no one
            named_before = pp.refs[: bisect.bisect_left(ref_starts, t.start)]  # everyone the article named before it
            if any(_may_mean(pp, r, g) for r in named_before if r.sentence >= 0):
                continue
            if g == "female" and _VESSEL.search(doc.text, doc.sentences[max(0, t.sentence - LOOKBACK)].start, t.start):
                continue  # "The man was rescued from the cargo ship. She was refloated ...": the ship
            if any(pronoun_gender(tok.text) == g for tok in tokens[:i] if tok.sentence >= 0):
                continue  # "He" was someone before: a man spoken of
            found = self._after_noun(
                doc, t, g, noun,
                "'{pronoun}' opens the sentence after one about '{word}', {who}, and nobody near is "
                + ("a man" if g == "male" else "a woman"),
                0.4,
            )
            if found is not None:
                yield found

    # -- himself after "she" --------------------------------------------------------------
    def _reflexive(self, doc: Document, pp: People) -> Iterable[Finding]:
        """"He never takes herself too seriously": a reflexive right after its verb is its
        clause's subject's (Norwegian *seg*), so it has the gender of the "he" or "she" that
        is the subject, whoever that is, with no clause word, comma, name or noun between
        ("He met the queen herself" is emphatic, after a noun)."""
        resolved = {r.token.start for r in pp.resolutions if r.person is not None}
        tokens = pp.analysis.tokens
        for i, t in enumerate(tokens):
            if t.lower not in ("himself", "herself") or t.start in resolved or i < 2:
                continue
            verb, before = tokens[i - 1], tokens[i - 2]
            if (
                verb.sentence != t.sentence
                or verb.cap
                or verb.lower in _NOT_A_VERB
                or before.lower in _NOT_A_VERB
                or doc.text[verb.end : t.start] != " "
            ):
                continue  # after a noun or a name: emphatic ("the queen herself")
            for j in range(i - 2, max(-1, i - 7), -1):
                subject = tokens[j]
                if subject.sentence != t.sentence:
                    break
                if subject.lower not in ("he", "she"):
                    continue
                between = doc.text[subject.end : t.start]
                if _CLAUSE_BREAK.search(between) or any(tok.cap for tok in tokens[j + 1 : i]):
                    break
                g, wanted = pronoun_gender(t.text), pronoun_gender(subject.text)
                if g is not None and g != wanted:
                    swap = _SWAP.get((g, t.lower))
                    if swap is not None:
                        yield self.finding(
                            doc,
                            t.start,
                            t.end,
                            f"'{t.text}' is the reflexive of its clause's subject, '{subject.text}'",
                            suggestion=swap,
                            confidence=0.6,
                        )
                break

    # -- her own after "he" -----------------------------------------------------------------
    def _own_of_pronoun(self, doc: Document, pp: People) -> Iterable[Finding]:
        """"He put both her own and others' lives in danger", "she has fought for his own
        place in the team": "his own"/"her own" (Norwegian *sin egen*) is its clause's
        subject's, so it has the gender of the "he" or "she" that is the subject, whoever that
        is, where for "his own" nobody of the possessive's gender is near (no one named, no
        person noun and no pronoun of that gender in the sentence or the three before: "The
        woman reported her son. He had stolen her own car" is hers; "she said in his speech"
        and "she shook his head" are hers whoever is near), not after "like" or "as" ("He looks like
        her own son"), not in a quotation, and not where the subject is itself the slip
        (resolved to someone the article shows to be of the possessive's gender)."""
        by_sentence = refs_by_sentence(pp.refs)
        resolved = {r.token.start: r for r in pp.resolutions}
        tokens = pp.analysis.tokens
        for i, t in enumerate(tokens):
            g = pronoun_gender(t.text)
            if g is None or t.lower not in ("his", "her") or t.marks:
                continue
            if t.start in resolved and resolved[t.start].person is not None:
                continue
            here = [r for r in by_sentence.get(t.sentence, []) if r.start < t.start]
            subject = own_subject_pronoun(pp.analysis, here, i)
            if subject is None or pronoun_gender(subject.text) == g or (i > 0 and tokens[i - 1].lower in ("like", "as")):
                continue
            # (the speaker of a dialogue line, named after it, calls herself "my", not "her")
            sentences = range(max(0, t.sentence - LOOKBACK), t.sentence + 1)
            near = [
                r
                for s in sentences
                for r in by_sentence.get(s, [])
                if not (t.quoted and r.start > t.start and not r.quoted)
            ]
            own_word = i + 1 < len(tokens) and tokens[i + 1].lower == "own"
            if own_word and _gender_near(pp, near, sentences, g, besides=t):
                continue  # "The woman reported her son. He had stolen her own car": hers
            of_subject = resolved.get(subject.start)
            if of_subject is not None and of_subject.person is not None:
                score = pp.gender(of_subject.person, exclude=subject)
                if score[g] > score["female" if g == "male" else "male"]:
                    continue  # "Kari Lie ... He put her own ...": the "He" is the slip
            found = self._swapped(doc, t.start, t.text, g, f"'{t.text}{' own' if own_word else ''}' is its clause's subject's, '{subject.text}'", 0.55)
            if found is not None:
                yield found

    # -- "He is a fantastic mother" ---------------------------------------------------------
    def _predicate(self, doc: Document, pp: People) -> Iterable[Finding]:
        """"He is a fantastic mother", "She was a proud father": a "he"/"she" whose predicate
        is a noun of kin or a royal title of the other gender (Norwegian *Hun er en fantastisk
        mor*), whoever it refers to; not "like a mother", "both mother and father", "a mother's
        boy", "a father figure"."""
        for t in pp.analysis.tokens:
            g = pronoun_gender(t.text)
            if g is None or t.lower not in ("he", "she"):
                continue
            m = _PREDICATE_NOUN.match(doc.text, t.end)
            if m is None:
                continue
            noun = m.group("noun").lower()
            wanted = "male" if noun in _MALE_PREDICATES else "female" if noun in _FEMALE_PREDICATES else None
            if wanted is None or wanted == g:
                continue
            found = self._swapped(doc, t.start, t.text, g, f"'{t.text}' is said to be a {noun}", 0.6)
            if found is not None:
                yield found

    # -- "The Queen, who himself ...", "said the Queen in his speech" ---------------------------
    def _who_self(self, doc: Document) -> Iterable[Finding]:
        """"The Queen, who himself is a keen printmaker": "himself"/"herself" right after
        "<noun>, who" is the noun's, a noun of one gender ("queen", "mother", "king")."""
        return self._of_a_noun(doc, _NOUN_WHO_SELF, "refl")

    def _said_by_noun(self, doc: Document) -> Iterable[Finding]:
        """"..., said the Queen in his opening speech": what the speaker said it in is the
        speaker's own (Norwegian *i sin tale*), a noun of one gender ("queen", "king")."""
        return self._of_a_noun(doc, _SAID_BY_NOUN, "pos")

    def _of_a_noun(self, doc: Document, pattern: re.Pattern[str], group: str) -> Iterable[Finding]:
        """The pronoun of ``pattern``'s ``group`` that is the gendered noun's of its group "noun"."""
        w = words()
        for m in pattern.finditer(doc.text):
            noun, word = m.group("noun").lower(), m.group(group)
            wanted = "male" if noun in w.male_nouns else "female" if noun in w.female_nouns else None
            g = pronoun_gender(word)
            if wanted is None or g is None or wanted == g:
                continue
            found = self._swapped(
                doc, m.start(group), word, g, f"'{word}' is the {noun}'s, who is {'a woman' if g == 'male' else 'a man'}", 0.6
            )
            if found is not None:
                yield found

    # -- "His Majesty Queen Sonja" -----------------------------------------------------------
    def _majesty(self, doc: Document) -> Iterable[Finding]:
        """"His Majesty Queen Sonja", "Her Royal Highness Crown Prince Haakon": the
        possessive of a royal style is the royal's own (Norwegian *Hennes Majestet
        Dronningen*)."""
        for m in _MAJESTY.finditer(doc.text):
            pronoun, title = m.group("pronoun"), m.group("title")
            g = pronoun_gender(pronoun)
            wanted = "female" if title in _FEMALE_ROYAL else "male"
            if g is None or g == wanted:
                continue
            found = self._swapped(
                doc, m.start("pronoun"), pronoun, g, f"a {title.lower()} is styled '{'Her' if pronoun == 'His' else 'His'} {m.group('style')}', not '{pronoun} {m.group('style')}'", 0.8,
            )
            if found is not None:
                yield found

    # -- "– She denies guilt, says his defender" ---------------------------------------------
    def _client(self, doc: Document) -> Iterable[Finding]:
        """"– She denies criminal guilt, says his defender, lawyer Per Lie": the client a
        quote opens with is the one whose lawyer speaks (Norwegian *sier hennes forsvarer*),
        where the quote says what a client says of themselves (denies, admits, regrets ...)."""
        for m in _CLIENT_QUOTE.finditer(doc.text):
            client, pos = pronoun_gender(m.group("client")), m.group("pos")
            g = pronoun_gender(pos)
            if client is None or g is None or g == client:
                continue
            found = self._swapped(
                doc, m.start("pos"), pos, g,
                f"'{pos} {m.group('lawyer')}' speaks for the client the quote calls '{m.group('client')}'", 0.6,
            )
            if found is not None:
                yield found

    # -- "In his speech, the Queen ..." ------------------------------------------------------
    def _fronted(self, doc: Document, pp: People) -> Iterable[Finding]:
        """"In his speech, the Queen stressed ...", "During her visit, King Harald met ...": a
        possessive in a phrase that opens the sentence is the subject's that follows it
        (Norwegian *I talen sin* / *I sin tale*), a person noun or a named person of the other
        gender, where nobody of the possessive's gender is named in the sentence before."""
        by_sentence = refs_by_sentence(pp.refs)
        mentions = pp.analysis.mention_starts
        for sentence_index, sentence in enumerate(doc.sentences):
            m = _FRONTED_POSSESSIVE.match(doc.text, sentence.start, sentence.end)
            if m is None:
                continue
            subject = next(
                (
                    r
                    for r in by_sentence.get(sentence_index, [])
                    if r.start == m.end() or (r.start in mentions and mentions[r.start].title and mentions[r.start].title[0].start == m.end())
                ),
                None,
            )  # (the subject's title may open it: "King Harald")
            if subject is None or subject.quoted:
                continue
            possessive = m.group("pos")
            g = pronoun_gender(possessive)
            wanted = ref_gender(pp, subject)
            if g is None or wanted is None or wanted == g:
                continue
            if sentence_index > 0 and _gender_near(
                pp, by_sentence.get(sentence_index - 1, []), range(sentence_index - 1, sentence_index), g
            ):
                continue  # someone of its gender just before may be meant
            found = self._swapped(
                doc, m.start("pos"), possessive, g,
                f"'{possessive}' opens the sentence whose subject, {'a woman' if g == 'male' else 'a man'}, follows it", 0.5,
            )
            if found is not None:
                yield found

    # -- the one taken to hospital -------------------------------------------------------
    def _patient(self, doc: Document, pp: People) -> Iterable[Finding]:
        """"The woman was flown to UNN in Tromsø. He is seriously injured": the sentence after
        one whose subject, a person noun or a name of the other gender, was taken to a
        hospital, and which names nobody else, opens with "he"/"she" and says how the
        patient is: the patient (Norwegian *Hun er alvorlig skadd*), whoever the article
        named before.  Not "He was not hurt": someone else, by contrast."""
        resolved_to = {r.token.start: r.person for r in pp.resolutions if r.person is not None}
        by_sentence = refs_by_sentence(pp.refs)
        tokens = pp.analysis.tokens
        for t in tokens:
            g = pronoun_gender(t.text)
            if g is None or t.quoted or t.sentence < 1:
                continue
            reported = self._reported_patient(doc, by_sentence, t, g, resolved_to.get(t.start))
            if reported is not None:
                yield reported
                continue
            if t.start in resolved_to:
                continue
            if t.lower not in ("he", "she") or not t.initial or not _CONDITION.match(doc.text, t.end):
                continue  # (not "His condition is stable": the grandfather of "his granddaughter" may be meant)
            found = self._after_patient(doc, pp, by_sentence, t, g)
            if found is not None:
                yield found

    def _after_patient(
        self, doc: Document, pp: People, by_sentence: dict[int, list[Ref]], t: Token, g: str
    ) -> Finding | None:
        """The finding for a "he"/"she" that says how the patient is, where the sentence before
        took its subject, a person noun or a name of the other gender, to hospital and named
        nobody else; a subject whose noun has no gender may take one from an apposition
        ("The driver of the car, a woman in her 40s, was flown to ...")."""
        previous = by_sentence.get(t.sentence - 1, [])
        if not previous or previous[0].quoted or not previous[0].subject:
            return None
        patient, rest = previous[0], previous[1:]
        gender = ref_gender(pp, patient)
        if (
            gender is None
            and patient.person is None
            and rest
            and rest[0].person is None
            and rest[0].gender is not None
            and _APPOSED_NOUN.fullmatch(doc.text, patient.start, rest[0].start)
        ):
            patient, rest, gender = rest[0], rest[1:], rest[0].gender
        other = "female" if g == "male" else "male"
        if gender != other or (patient.person is None and INDEFINITE.match(doc.text, patient.start)):
            return None
        rest = [r for r in rest if not (r.unknown and _AT_PLACE.search(doc.text, max(0, r.start - 6), r.start))]
        if any(r.person is not patient.person or r.gender != patient.gender for r in rest):
            return None  # someone else in that sentence (not a place: "the hospital in Little Hammer")
        if any(r.start < t.start for r in by_sentence.get(t.sentence, [])):
            return None  # someone named before the pronoun in its own sentence
        before = doc.sentences[t.sentence - 1]
        if not _TO_HOSPITAL.search(doc.text, before.start, before.end):
            return None
        return self._after_noun(
            doc, t, g, patient, "'{pronoun}' says how the patient is, and the sentence before took '{word}', {who}, to hospital", 0.45
        )

    def _reported_patient(
        self, doc: Document, by_sentence: dict[int, list[Ref]], t: Token, g: str, resolved_to: Person | None
    ) -> Finding | None:
        """"Operation leader Per Aasen says that a woman in her 50s was brought out of the
        flat. He has been taken to hospital and is seriously injured": a "he"/"she" opening the
        sentence that takes someone to hospital (or says how they are), after one whose speaker
        reports what happened to a person noun of the other gender; the one it happened to,
        not the one who tells it (to whom the pronoun may have been resolved), nobody else
        named in either sentence, and nobody else told of ("Two people fell through the ice",
        "another woman", "He was also taken to hospital", "She was herself injured")."""
        if t.lower not in ("he", "she") or not t.initial or t.sentence < 1:
            return None
        sentence = doc.sentences[t.sentence]
        if _SOMEONE_ELSE.search(doc.text, sentence.start, sentence.end):
            return None
        if t.sentence >= 2 and _SEVERAL.search(doc.text, doc.sentences[t.sentence - 2].start, doc.sentences[t.sentence - 2].end):
            return None
        taken = _TO_HOSPITAL.search(doc.text, t.end, sentence.end)
        if not (_CONDITION.match(doc.text, t.end) or (taken is not None and taken.start() <= t.end + 6)):
            return None  # (the pronoun's own verb: "He has been taken to hospital", "She was flown to UNN")
        if any(r.start != t.start for r in by_sentence.get(t.sentence, [])):
            return None
        previous = by_sentence.get(t.sentence - 1, [])
        if len(previous) != 2 or any(r.quoted for r in previous):
            return None
        speaker, patient = previous
        if resolved_to is not None and resolved_to is not speaker.person:
            return None  # (resolved to the teller, it is the patient all the same)
        other = "female" if g == "male" else "male"
        if patient.person is not None or patient.gender != other:
            return None
        before = doc.sentences[t.sentence - 1]
        told = _TOLD_THAT.search(doc.text, speaker.start, patient.start)
        if told is None or told.end() != patient.start or not _HAPPENED_TO.match(doc.text, patient.start, before.end):
            return None
        return self._after_noun(
            doc, t, g, patient,
            "'{pronoun}' is the patient, '{word}' of the sentence before, {who}, not the one who tells of it", 0.45,
        )

    def _swapped(self, doc: Document, start: int, word: str, g: str, message: str, confidence: float) -> Finding | None:
        """The finding for the pronoun ``word`` at ``start`` (of gender ``g``), with the other
        gender's form as its suggestion."""
        swap = _SWAP.get((g, word.lower()))
        if swap is None:
            return None
        return self.finding(doc, start, start + len(word), message, suggestion=_recase(swap, word), confidence=confidence)

    def _after_noun(self, doc: Document, t: Token, g: str, noun: Ref, message: str, confidence: float) -> Finding | None:
        """The finding for pronoun ``t`` (of gender ``g``) that should have the other gender,
        that of the person ``noun`` of the sentence before; ``message`` names them with
        ``{pronoun}``, ``{word}`` (the noun's first word) and ``{who}`` ("a woman")."""
        word = _WORD.match(doc.text, noun.start).group(0)  # type: ignore[union-attr]  # a token starts there
        who = "a woman" if g == "male" else "a man"
        return self._swapped(doc, t.start, t.text, g, message.format(pronoun=t.text, word=word, who=who), confidence)

    # -- it says -------------------------------------------------------------------------
    def _it(self, doc: Document, pp: People) -> Iterable[Finding]:
        w = words()
        tokens = pp.analysis.tokens
        by_sentence: dict[int, list[int]] = {}
        for i, t in enumerate(tokens):
            by_sentence.setdefault(t.sentence, []).append(i)
        for i, t in enumerate(tokens):
            if t.lower != "it" or t.quoted or t.sentence < 0:
                continue
            j = i + 1
            if j < len(tokens) and _ADVERB.match(tokens[j].text) and tokens[j].lower not in w.speech_verbs:
                j += 1
            if j >= len(tokens) or tokens[j].lower not in w.speech_verbs or tokens[j].sentence != t.sentence:
                continue
            if doc.text[t.end : tokens[j].start].strip(" "):
                continue  # punctuation between "it" and the verb
            if not self._is_subject(doc, t):
                continue
            speaker = self._speaker(doc, pp, by_sentence.get(t.sentence - 1, []))
            if speaker is None:
                continue
            phrase, person, gender = speaker
            note = ""
            if gender is None and person is not None:
                score = pp.gender(person)
                if max(score.values()) >= 1 and score["male"] != score["female"]:
                    gender = max(score, key=lambda g: score[g])
                    note = f" ({person.display}: {_evidence_text(person, gender)})"
            suggestion = _WORDS[gender] if gender else "he or she"
            yield self.finding(
                doc,
                t.start,
                t.end,
                f"'{t.text}' refers to a person: {phrase} spoke in the sentence before{note}",
                suggestion=_recase(suggestion, t.text),
                confidence=0.6 if gender else 0.45,
            )

    @staticmethod
    def _is_subject(doc: Document, t: Token) -> bool:
        """``it`` starts its sentence or follows an opening phrase and a comma."""
        sentence = doc.sentences[t.sentence]
        before = doc.text[sentence.start : t.start].strip()
        if not before or t.initial:
            return True
        return before.endswith(",") and len(before.split()) <= 6

    def _speaker(self, doc: Document, pp: People, indices: list[int]):
        """The person who speaks in a sentence ("X says ..."), as (phrase, Person or None)."""
        w = words()
        tokens = pp.analysis.tokens
        for k, idx in enumerate(indices):
            tok = tokens[idx]
            if tok.marks or tok.lower not in w.speech_verbs:
                continue
            # the subject: up to five words before the verb, no comma between
            window = []
            for back in range(k - 1, max(-1, k - 7), -1):
                prev = tokens[indices[back]]
                if "," in doc.text[prev.end : tokens[indices[back + 1]].start]:
                    break
                window.append(prev)
            if not window:
                return None
            window.reverse()  # sentence order
            # the head of "Minister of Foreign Affairs", "spokesman for the
            # ministry" comes before the preposition
            for cut, prev in enumerate(window):
                if prev.lower in ("of", "for", "at", "in", "from", "with"):
                    window = window[:cut]
                    break
            head = window[-1] if window else None
            if head is not None and head.lower in ("he", "she") and not head.marks:
                # "He said ... At the same time, it confirms": the person is a he/she
                person = next((r.person for r in pp.resolutions if r.token.start == head.start), None)
                return f"'{head.text}'", person, ("male" if head.lower == "he" else "female")
            for prev in reversed(window):  # the head (nearest the verb) first
                low = prev.lower
                if low in w.thing_nouns or (prev.cap and low in w.org_heads):
                    return None
                person = pp.person_of.get(prev.start) or _person_at(pp, prev)
                if person is not None:
                    return person.display, person, None
                if w.title(prev.text) == "title" or (low in w.person_nouns and low not in w.thing_nouns):
                    start = window[0].start
                    phrase = doc.text[start : tok.start].strip()
                    return f"'{phrase}'", self._recent_person(pp, prev.start), None
            return None
        return None

    @staticmethod
    def _recent_person(pp: People, before: int) -> Person | None:
        """The person last named before ``before``, within the six sentences before it."""
        doc = pp.analysis.doc
        here = doc.sentence_at(before)
        limit = doc.sentences[max(0, doc.sentences.index(here) - 6)].start if here else 0
        best = None
        for start, person in pp.person_of.items():
            if limit <= start < before and (best is None or start > best[0]):
                best = (start, person)
        return best[1] if best else None


CHECKS = (PronounMismatch,)
