"""Family ``names``: one person spelled several ways, names that do not exist,
one organisation named two ways.

Machine translation garbles proper names, and does so inconsistently inside one
article.  These checks find the names in the article's own text (see
:mod:`mtqa.names.mentions`), group the spellings of one name
(:mod:`mtqa.names.variants`) and choose the canonical spelling: the Norwegian
source, the user glossary (``--glossary``, format in :mod:`mtqa.names.glossary`),
word lists, then the full name or the majority.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from mtqa.checks.base import Check, CheckContext
from mtqa.model import Document, Finding, Severity
from mtqa.names.gazetteer import garbles, gazetteer, near_place
from mtqa.names.glossary import Glossary, load_glossary
from mtqa.names.lexicon import (
    ATTESTED,
    LANGS,
    UNATTESTED,
    attestation,
    attested_neighbours,
    words,
    zipf_in,
)
from mtqa.names.mentions import analyse
from mtqa.names.phonetic import fold, similarity, skeleton
from mtqa.names.translated import translated_names
from mtqa.names.variants import (
    Cluster,
    Place,
    Spelling,
    choose,
    describe_attestation,
    document_clusters,
    of_one_family,
    rank_outside,
    source_words,
)

#: Letter pairs that write out ä, ö, ü, å on purpose.
_TRANSLITERATIONS = ("ae", "oe", "ue", "aa")
#: A spelling more common than this is a word, not a name someone garbled.
COMMON_WORD = 4.5


def _connectors_lowered(surface: str) -> str:
    connectors = words().org_connectors
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).lower() if m.group(0).lower() in connectors else m.group(0), surface)


def _undouble(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word.lower())


def _glossary(ctx: CheckContext | None) -> Glossary | None:
    return load_glossary(ctx.glossary) if ctx is not None else None


def _quote(names: Iterable[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def _doc_clusters(doc: Document, ctx: CheckContext | None) -> list[Cluster]:
    """The document's clusters, computed once (kept on the document) for every check that asks."""
    return document_clusters(doc, _glossary(ctx), ctx)


#: Before a family's name in the plural ("the Hansens", "both Myklebusts"), and after it
#: ("Myklebusts have"); a Norwegian street ("Krohgs gate").
_BEFORE_FAMILY = frozenset({"the", "two", "three", "four", "both", "all", "many", "several", "other", "young"})
_AFTER_FAMILY = frozenset({"have", "had", "are", "were", "live", "lived", "run", "ran", "own", "owned", "will", "would"})
_STREET = frozenset({"gate", "gata", "vei", "veg", "veien", "vegen", "plass", "allé", "alle", "torg"})


class InconsistentNameSpelling(Check):
    """One person's name spelled in different ways in the same article.

    Spellings that sound alike and belong to the same person (the same given
    name, or a spelling that no word list knows beside one that is attested)
    are grouped; every mention that differs from the canonical spelling is
    reported.  The canonical spelling comes from the Norwegian source when it
    is given, then the glossary, then word lists of Norwegian, English, German,
    Swedish and other languages (the majority is often wrong), then the full
    name or the majority.  In a corpus run, the same person spelled differently
    in different articles is reported too, once per deviant spelling.

    News names a person in full first and by the surname after: a surname that
    is never written with a given name and is a near spelling of a person's
    (edits in proportion to its length, or a phonetic match) is that person's
    misspelled, even when both spellings are real names ("Wollan" for
    "Vollan"); two common surnames a letter apart (Nilsen / Nielsen, Lie /
    Lien) need more than that.  A garbled given name beside the known one
    ("Oistein" for "Øystein") and a particle written into the surname ("El
    Ouazzani" / "Eluazzani") are one person too.  Places, roads and
    institutions are grouped the same way ("Kløverhagen" / "Kloverhaken",
    "Hurdalsvegen" / "Hurdalveien"), unless both are names of the gazetteer of
    Norway (Troms, Tromsø), both are attested words, or one is the other
    inflected (Folkeblad / Folkebladet); their spelling is the gazetteer's, an
    attested one, the majority, then the first.  A middle name or the first half
    of a double surname spelled two ways is one person's ("Marte Øvrebø Lunde" /
    "Marte Ovrebo Lunde", "Sissel Knutsen Hegdal" / "Knudsen Hegdal"), so is the
    second half of one written alike first ("Eide Mathisen" / "Eide Mathiesen", though
    both are families' names) and a double given name with and without its hyphen
    ("Per-Ivar" / "Per Ivar"), and a
    surname with the Norwegian genitive "s" and no apostrophe is a name that does
    not exist ("Myklebusts advice" for "Myklebust's").

    Different people stay apart: two Hansens with different given names, a
    father and son, a surname alone after the full name, a middle name dropped.

    Flags:
    - Foreign Minister Anniken Heitfeldt met her Swedish counterpart on Friday. Huitfeldt said the talks had gone well.
    - Finance Minister Trygve Slagsvold Vedum presented the budget. Vedun said the budget was tight.
    - Prime Minister Jonas Gahr Støre spoke to the press. Later, Store said the talks would continue.
    - Meteorologist Siri Kvamme expects a wet weekend. Bring an umbrella to the match, says Quamme.
    - A lorry slid off Hurdalsvegen on Tuesday night. Hurdalveien stayed closed until the morning.

    Allows:
    - Jens Stoltenberg met his father Thorvald Stoltenberg in Oslo. Stoltenberg said they had talked about the war.
    - Per Hansen and Kari Hansen run the farm together. Hansen said the harvest was good.
    - Prime Minister Jonas Gahr Støre opened the meeting. Jonas Støre said the government would act. Støre left at noon.
    - Kari Johansen chairs the board. Johnsen, the treasurer, disagreed.
    - The storm hit Troms on Monday. In Tromsø, the airport was closed.
    """

    code = "NC001"
    name = "inconsistent-name-spelling"
    family = "names"
    severity = Severity.ERROR

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        for cluster in _doc_clusters(doc, ctx):
            canon = cluster.choice.canonical
            for dev in cluster.deviants():
                others = [s for s in cluster.spellings if s not in (dev.text, canon)]
                what = {
                    "surname": "the same person",
                    "given": "one person's given name",
                    "middle": "one person's middle name",
                    "place": "one name spelled two ways",
                }[cluster.slot]
                if of_one_family(cluster):
                    what = "one family's name"  # "Stig Rugland" and "the son Håvard Rygland"
                if canon in cluster.spellings:
                    head = f"'{dev.text}' and '{canon}' look like {what}"
                else:
                    head = f"'{dev.text}' and {_quote(others)} look like {what}"
                    others = []
                if others:
                    head += f" (also {_quote(others)})"
                message = f"{head}; {cluster.choice.reason}"
                for tok in dev.tokens:
                    yield self.finding(
                        doc,
                        tok.start,
                        tok.end,
                        message,
                        suggestion=canon,
                        confidence=cluster.choice.confidence,
                        canonical_by=cluster.choice.step,
                        variants=sorted(cluster.spellings),
                    )

        yield from self._genitives(doc)

    def _genitives(self, doc: Document) -> Iterable[Finding]:
        """A surname with the Norwegian genitive "s" and no apostrophe ("Myklebusts
        advice", "Bergstøs first speech"): the person's name as a word that does not
        exist.  Only a surname the article gives someone in full, before a word in
        lower case, and never written so with a given name."""
        from mtqa.names.lexicon import zipf_frequency

        analysis = analyse(doc)
        full = {m.last.text for m in analysis.mentions if m.kind == "person" and m.full and m.last is not None}
        in_full = {m.last.text for m in analysis.mentions if m.full and m.last is not None}
        tokens = analysis.tokens
        for i, t in enumerate(tokens[:-1]):
            stem = t.text[:-1]
            if not (t.text.endswith("s") and len(stem) >= 3 and stem in full) or t.text in in_full or t.possessive:
                continue
            nxt = tokens[i + 1]
            prev = tokens[i - 1] if i else None
            if nxt.sentence != t.sentence or doc.text[t.end : nxt.start] != " " or not nxt.text[:1].islower():
                continue
            if prev is not None and prev.sentence == t.sentence and prev.lower in _BEFORE_FAMILY:
                continue  # "the Hansens", "the two Myklebusts": the family
            if nxt.lower in _AFTER_FAMILY or nxt.lower in _STREET:
                continue  # "Myklebusts have farmed here", "Krohgs gate": a family, a street's name
            if t.initial and zipf_frequency(t.text.lower(), "en") >= 3.0:
                continue  # "Lies spread quickly" beside a Kari Lie: an English word opening a sentence
            yield self.finding(
                doc,
                t.start,
                t.end,
                f"'{t.text}' is the surname {stem} with the Norwegian genitive 's'; English writes {stem}'s",
                suggestion=f"{stem}'s",
                confidence=0.6,
            )

    # -- across documents ----------------------------------------------------------
    corpus_level = True

    def collect(self, doc: Document, ctx: CheckContext | None) -> dict:
        """The document's people named in full, after its own corrections."""
        analysis = analyse(doc)
        fixed = {}
        for cluster in _doc_clusters(doc, ctx):
            for dev in cluster.deviants():
                fixed[dev.text] = cluster.choice.canonical
        seen = set()
        people = []
        for m in analysis.mentions:
            if m.kind != "person" or not m.full:
                continue
            assert m.first is not None and m.last is not None  # full: two name slots or more
            given, surname = fixed.get(m.first.text, m.first.text), fixed.get(m.last.text, m.last.text)
            if (given, surname) in seen:
                continue
            seen.add((given, surname))
            # the finding's place, filled in now; its message waits for the corpus
            place = self.finding(doc, m.last.start, m.last.end, "").to_dict() if surname == m.last.text else None
            people.append([given, surname, place])
        return {"id": doc.id, "people": people}

    def finish_collected(
        self, states: list[tuple[int, Any]], ctx: CheckContext | None
    ) -> Iterable[tuple[int, Finding]]:
        """The same person spelled differently in different articles of a corpus."""
        glossary = _glossary(ctx)
        # two passes over the states (a corpus run reads them from disk): first
        # the spellings of each given name, then only the people whose given
        # name is written with surnames that may be one person's
        surnames: dict[str, set[str]] = defaultdict(set)
        for _, state in states:
            for given, surname, _place in (state or {}).get("people", ()):
                surnames[fold(given)].add(surname)
        wanted = {g for g, names in surnames.items() if len(names) > 1 and _cross_groups(sorted(names))}
        ids: dict[int, str] = {}
        people: list[tuple[int, str, str, Finding | None]] = []  # (document index, given, surname, place)
        for ri, state in states:
            for given, surname, place in (state or {}).get("people", ()):
                if fold(given) in wanted:
                    ids[ri] = state["id"]
                    people.append((ri, given, surname, Finding.from_dict(place) if place else None))
        # spellings of one person across documents
        by_given: dict[str, list[tuple[int, str, str, Finding | None]]] = defaultdict(list)
        for p in people:
            by_given[fold(p[1])].append(p)
        for entries in by_given.values():
            spelled = sorted({p[2] for p in entries})
            if len(spelled) < 2:
                continue
            for group in _cross_groups(spelled):
                docs_of = {s: sorted({p[0] for p in entries if p[2] == s}) for s in group}
                if any(set(docs_of[a]) & set(docs_of[b]) for a in group for b in group if a < b):
                    continue  # two people in one article
                spellings = {
                    # a fresh list of Findings, each a Place (list is invariant)
                    s: Spelling(
                        s,
                        tokens=cast(list[Place], [p[3] for p in entries if p[2] == s and p[3] is not None]),
                        person=True,
                        full=True,
                    )
                    for s in group
                }
                choice = choose(spellings, None, glossary, ctx)
                canon = choice.canonical
                for s in group:
                    if s == canon:
                        continue
                    for ri in docs_of[s]:
                        place = next((p[3] for p in entries if p[0] == ri and p[2] == s and p[3] is not None), None)
                        if place is None:
                            continue
                        elsewhere = [ids[i] for i in docs_of.get(canon, [])]
                        where = ", ".join(elsewhere[:3]) + (" ..." if len(elsewhere) > 3 else "")
                        message = (
                            f"'{s}' is spelled '{canon}' in {len(elsewhere)} other document"
                            f"{'s' if len(elsewhere) != 1 else ''}"
                            + (f" ({where})" if where else "")
                            + f"; {choice.reason}"
                        )
                        yield ri, dataclasses.replace(
                            place,
                            message=message,
                            suggestion=canon,
                            confidence=round(choice.confidence * 0.9, 2),
                            extra={"scope": "corpus", "documents": elsewhere},
                        )


def _cross_groups(surnames: list[str]) -> list[list[str]]:
    """Surnames of one given name, across documents, that are one person's."""
    groups: list[list[str]] = []
    used: set[str] = set()
    for i, a in enumerate(surnames):
        if a in used:
            continue
        group = [a]
        for b in surnames[i + 1 :]:
            if b in used or not similarity(a, b):
                continue
            za, zb = attestation(a)[0], attestation(b)[0]
            if fold(a) == fold(b) or (min(za, zb) < UNATTESTED and max(za, zb) >= ATTESTED):
                group.append(b)
        if len(group) > 1:
            used.update(group)
            groups.append(group)
    return groups


#: Endings of Norwegian place names and surnames: a name in one of them that no
#: word list knows is a rare real name, not a garble of a frequent one
#: ("-rød" is no "-rud", "-lund" no "-land").
_NORWEGIAN_ENDINGS = (
    "rød", "rod", "rud", "lund", "land", "stad", "sted", "heim", "hjem", "vik", "dal", "dahl",
    "berg", "by", "haug", "li", "lie", "nes", "ness", "sen", "moen", "mo", "vold", "voll", "gård",
    "gard", "gaard", "eng", "ås", "aas", "bakken", "bakke", "strand", "seth", "set", "sæter",
    "seter", "holm", "vold", "rygg", "myr", "fjell", "tveit", "tvedt", "hus", "lien", "bø", "øy",
)


def _norwegian_name(word: str) -> bool:
    """A spelling with Norwegian letters or a Norwegian name ending."""
    low = word.lower()
    return any(c in low for c in "æøå") or low.endswith(_NORWEGIAN_ENDINGS)


#: Endings that name a feature of the landscape (fjord, sound, lake, island, valley ...),
#: long enough that a changed letter does not make one ("Sarpsberg" is Sarpsborg garbled):
#: a word with one the near place lacks is another place ("the Vestfjord" is no Vestfold).
_FEATURE_ENDINGS = (
    "fjord", "fjorden", "sund", "sundet", "vatnet", "vannet", "elva", "bukta", "øya", "fjellet", "dalen", "neset",
)


def _another_place(word: str, place: str) -> bool:
    """Whether ``word`` ends in a landscape ending that ``place`` does not end in."""
    low, other = word.lower(), place.lower()
    return any(low.endswith(e) and not other.endswith(e) for e in _FEATURE_ENDINGS)


class UnattestedName(Check):
    """A person's name that no word list knows, one letter from one that is known.

    A surname or given name of a person named in full (with a title, a role or
    a known given name) that is attested in none of the word lists, nor in the
    Norwegian source or the glossary, while a spelling one edit or one swapped
    vowel group away is attested ("Barbock" for "Baerbock", "Erdugan" for
    "Erdogan").  That spelling must keep the consonants (a garbled vowel, not
    another name), be attested in a language where the person's other name is
    attested too, and not be a common word; spellings that differ only in
    doubled letters, kept diacritics or a written-out umlaut ("ae") are all real
    and left alone.  The suggestion is that spelling; the confidence falls when
    several spellings compete.  A source or glossary spelling near the name is
    suggested first, and a wrong spelling listed in the glossary is always
    reported (as an error).  Names unknown to every list with no attested
    spelling near are left alone: most are real.  A suggestion that only word
    lists support is an ``info``, and a name with Norwegian letters or a
    Norwegian name ending (-rød, -lund, -stad ...) gets none: it is a rare real
    name, not a garble of a frequent one.

    The gazetteer of Norway (``mtqa/data/gazetteer.yaml``) is evidence too: a
    word near the first word of one of its names where the rest follows
    ("Akerhus University Hospital" for Akershus), or near a county after "in"
    or "NRK" ("in Agdar" for Agder), is reported with its spelling.  So is the
    gazetteer of people in Norwegian news (``mtqa/data/people.tsv``: politicians,
    officials, athletes, people of culture...): a person named in full whose
    name is not on it but is a near spelling of exactly one name on it, given
    name and surname starting alike ("Jonas Gar Støre"), or the given names
    spelled as they sound ("Jan Kristian Vestre" for Jan Christian Vestre).

    Flags:
    - She also held talks with the new German Foreign Minister Annalena Barbock on Tuesday.
    - Prime Minister Jonas Gar Støre visited Tromsø on Monday.
    - NATO Secretary-General Jens Stoltenburg arrived in Riga on Monday.
    - Two hikers were flown to Akerhus University Hospital with frostbite.

    Allows:
    - She also held talks with the new German Foreign Minister Annalena Baerbock on Tuesday.
    - Prime Minister Jonas Gahr Støre visited Tromsø on Monday.
    - The company's founder, Jabori Obasanjo, said the firm would expand.
    - Police chief Ingrid Fjellrød said the investigation was over.
    - Two hikers were flown to Akershus University Hospital with frostbite.
    """

    code = "NC002"
    name = "unattested-name"
    variable_severity = True  # a glossary's known wrong variant is an error
    family = "names"
    severity = Severity.WARNING

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        """One finding a span: the rules below may each reach the same word."""
        seen: list[tuple[int, int]] = []
        for finding in self._findings(doc, ctx):
            if not any(a < finding.end and finding.start < b for a, b in seen):
                seen.append((finding.start, finding.end))
                yield finding

    def _findings(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        analysis = analyse(doc)
        glossary = _glossary(ctx)
        if glossary is not None:
            yield from self._glossary_variants(doc, analysis, glossary)
        in_clusters = {s for c in document_clusters(doc, glossary, ctx) for s in c.spellings}
        yield from self._near_places(doc, analysis, in_clusters)
        for block in doc.text_blocks():
            for g in garbles(doc.text, block.start, block.end):
                if g.written in in_clusters:
                    continue
                yield self.finding(
                    doc,
                    g.start,
                    g.end,
                    f"'{g.written}' is near '{g.name}' of the gazetteer of Norway ({g.context})",
                    suggestion=g.name,
                    confidence=0.6,
                    source="gazetteer",
                )
        src = source_words(doc.source) if doc.source else {}
        gloss_words = glossary.words if glossary is not None else {}
        yield from self._near_figures(doc, analysis, in_clusters, src, gloss_words)
        done: dict[tuple[str, str], tuple | None] = {}
        for m in analysis.mentions:
            if m.kind != "person" or not (m.evidence & {"title", "first-name", "role"}) or not m.full:
                continue
            first, last = m.first, m.last
            assert first is not None and last is not None  # full: two name slots or more
            for tok, partner in ((first, last), (last, first)):
                word = tok.text
                if word in in_clusters or word.lower() in gloss_words or word.lower() in src:
                    continue
                if (word, partner.text) not in done:
                    done[word, partner.text] = self._suggest(word, partner.text, src, gloss_words)
                found = done[word, partner.text]
                if found is None:
                    continue
                suggestion, confidence, why, evidence = found
                yield self.finding(
                    doc,
                    tok.start,
                    tok.end,
                    f"'{word}' is in no word list; {why}",
                    suggestion=suggestion,
                    confidence=confidence,
                    # a spelling that only word lists suggest is a hint: most
                    # names that no list knows are real
                    severity=Severity.WARNING if evidence else Severity.INFO,
                )

    def _near_figures(self, doc: Document, analysis, taken: set[str], src, gloss) -> Iterable[Finding]:
        """A person named in full whose name is a near spelling of one person of the
        gazetteer of people in Norwegian news (``data/people.tsv``) and not on it."""
        from mtqa.names import figures
        from mtqa.names.people import _credit

        seen: dict[str, tuple | None] = {}
        for m in analysis.mentions:
            if m.kind != "person" or not m.full or _credit(doc, m):
                continue  # a photographer's credit names whoever took the picture
            first, last = m.first, m.last
            written = doc.text[first.start : last.end]
            if "\n" in written or any(t.text in taken for t in m.slots()):
                continue  # several spellings in the article: NC001's business
            if any(t.lower in src or t.lower in gloss for t in m.slots()):
                continue  # the source or the glossary writes it so
            if written not in seen:
                seen[written] = figures.near(written)
            found = seen[written]
            if found is None:
                continue
            figure, ratio = found
            yield self.finding(
                doc,
                first.start,
                last.end,
                f"'{written}' is not in the gazetteer of people in Norwegian news; "
                f"'{figure.name}' ({figure.note or figure.category}) is, and is spelled nearly so",
                suggestion=figure.name,
                confidence=0.6 if ratio < 92 else 0.7,
                source="people",
                similarity=round(ratio, 1),
            )

    def _near_places(self, doc: Document, analysis, taken: set[str]) -> Iterable[Finding]:
        """A name word that no word list knows, a near spelling of one place of the
        gazetteer of Norway ("Sarpsburg" for Sarpsborg)."""
        person_slots = {t.start for m in analysis.mentions if m.kind == "person" for t in m.slots()}
        seen: dict[str, str | None] = {}
        for tok in analysis.tokens:
            word = tok.text
            if (
                not tok.cap
                or tok.acronym
                or tok.start in person_slots
                or word in taken
                or (tok.initial and word not in analysis.proper_forms)
                or not word[1:].islower()
            ):
                continue
            if word not in seen:
                seen[word] = near_place(word) if attestation(word)[0] < UNATTESTED else None
            place = seen[word]
            if place is None or _another_place(word, place):
                continue
            yield self.finding(
                doc,
                tok.start,
                tok.end,
                f"'{word}' is in no word list; '{place}' is a place of the gazetteer of Norway",
                suggestion=place,
                confidence=0.6,
                source="gazetteer",
            )

    @staticmethod
    def _suggest(word: str, partner: str, src: dict[str, str], gloss: dict[str, str]):
        """A suggestion for ``word`` written beside ``partner`` (the person's other name).

        From the source or the glossary when one of their names is near; else a
        spelling one edit away that keeps the consonants (a garbled vowel, not
        another name), is attested in a language where the partner name is
        attested too (given name and surname come from one language), and is
        not a very common word (a name is rarer).
        """
        if attestation(word)[0] > 0 or len(word) < 5:
            return None
        if src or gloss:
            pass
        elif _norwegian_name(word):
            return None  # "Sandrød" is no garble of "Sandrud": a rare real name
        for pool, label, conf in ((src, "the Norwegian source writes", 0.9), (gloss, "the glossary has", 0.85)):
            near = sorted({w for w in pool.values() if similarity(word, w)})
            if len(near) == 1:
                return near[0], conf, f"{label} '{near[0]}'", True
        partner_langs = [lang for lang in LANGS if zipf_in(partner, lang) >= 1.0]
        if not partner_langs:
            return None
        cands = []
        for cand, z in attested_neighbours(word, ATTESTED):
            if z > COMMON_WORD or skeleton(cand) != skeleton(word) or not similarity(word, cand):
                continue
            if fold(cand) == fold(word) and len(cand) <= len(word):
                continue  # "Mihajlovič" keeps a letter that word lists fold away
            if _undouble(cand) == _undouble(word):
                continue  # "Balarin" / "Ballarin": both are real spellings
            if any(word.lower().count(d) > cand.lower().count(d) for d in _TRANSLITERATIONS):
                continue  # "Haeder" is "Häder" written out, not a garble of "Hader"
            if max(zipf_in(cand, lang) for lang in partner_langs) < ATTESTED:
                continue
            cands.append((cand, z))
        if not cands:
            return None
        spelling = {word: Spelling(word)}
        cands.sort(key=lambda cz: rank_outside(cz[0], cz[1], spelling))
        best, z = cands[0]
        top = rank_outside(best, z, spelling)[:2]
        rivals = [c for c, zz in cands[1:] if rank_outside(c, zz, spelling)[:2] == top and zz >= z - 1.0]
        confidence = round(0.6 / (1 + len(rivals)), 2)
        why = f"'{best}' is attested ({describe_attestation(best)}), as is '{partner}'"
        if rivals:
            why += f"; so {'is' if len(rivals) == 1 else 'are'} {_quote(rivals[:3])}"
        return best, confidence, why, False

    def _glossary_variants(self, doc: Document, analysis, glossary: Glossary) -> Iterable[Finding]:
        taken: list[tuple[int, int]] = []
        for variant, entry in glossary.variant_phrases():
            pattern = re.compile(r"(?<![\w-])" + re.escape(variant) + r"(?![\w-])")
            for block in doc.text_blocks():
                for m in pattern.finditer(doc.text, block.start, block.end):
                    span = (m.start(), m.end())
                    if any(a < span[1] and span[0] < b for a, b in taken):
                        continue
                    taken.append(span)
                    yield self.finding(
                        doc,
                        span[0],
                        span[1],
                        f"'{variant}' is a wrong spelling of '{entry.name}' (glossary)",
                        suggestion=entry.name,
                        confidence=0.95,
                        severity=Severity.ERROR,
                        source="glossary",
                    )


class InconsistentOrganisationName(Check):
    """One organisation named in two ways in the same article.

    Two names of a body that have the same words in the same order and differ
    only in the joining words, hyphens or capitals ("NATO and Russia Council" /
    "NATO-Russia Council").  Names with the words in another order ("Department
    of Justice" / "Justice Department") are both standard English and left
    alone.  The canonical name is the glossary's, then the most frequent, then
    the shorter.  An outlet of the gazetteer written with dots ("V.G" for VG)
    is reported too.

    Flags:
    - Stoltenberg invited Russia to the NATO and Russia Council in January. The NATO-Russia Council has not met for two years.
    - Record heat is coming, the meteorologist tells V.G on Sunday.

    Allows:
    - The U.S. and the E.U. agreed on Monday.
    - The Department of Justice opened an inquiry. A Justice Department spokesman declined to comment.
    - The NATO-Russia Council has not met for two years, and the NATO-Russia Council secretariat is closed.
    """

    code = "NC003"
    name = "inconsistent-organisation-name"
    family = "names"
    severity = Severity.WARNING

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        yield from self._dotted_outlets(doc)
        analysis = analyse(doc)
        glossary = _glossary(ctx)
        gloss = {e.name: e for e in glossary.entries} if glossary is not None else {}
        by_key: dict[str, list] = defaultdict(list)
        for org in analysis.orgs:
            by_key[org.key].append(org)
        for orgs in by_key.values():
            surfaces: dict[str, list] = defaultdict(list)
            for o in orgs:
                # "Labour And Welfare Administration" in a Title Case headline is
                # the same name as "Labour and Welfare Administration"
                surfaces[_connectors_lowered(o.surface)].append(o)
            if len(surfaces) < 2:
                continue
            in_glossary = [s for s in surfaces if s in gloss]

            def rank(s: str, in_glossary=in_glossary, surfaces=surfaces):
                return (s in in_glossary, len(surfaces[s]), -len(s.split()), -surfaces[s][0].start)

            ordered = sorted(surfaces, key=rank, reverse=True)
            canon = ordered[0]
            if in_glossary:
                why, conf = f"the glossary names it '{canon}'", 0.9
            elif len(surfaces[canon]) > len(surfaces[ordered[1]]):
                why, conf = f"'{canon}' is the more frequent form", 0.6
            elif len(canon.split()) < len(ordered[1].split()):
                why, conf = f"'{canon}' is the shorter form", 0.5
            else:
                why, conf = f"'{canon}' comes first", 0.4
            for surface in ordered[1:]:
                for o in surfaces[surface]:
                    found = self.finding(
                        doc,
                        o.start,
                        o.end,
                        f"'{o.surface}' and '{canon}' look like the same organisation; {why}",
                        suggestion=canon,
                        confidence=conf,
                    )
                    if in_glossary:
                        found.extra["canonical_by"] = "glossary"  # --fix respells it, as NC001's
                    yield found


    def _dotted_outlets(self, doc: Document) -> Iterable[Finding]:
        """"V.G" for VG, "N.R.K." for NRK: an outlet's name is written without dots."""
        acronyms = {e.name for e in gazetteer().outlets() if e.name.isupper() and e.name.isalpha()}
        for block in doc.text_blocks():
            for m in _DOTTED.finditer(doc.text, block.start, block.end):
                letters = m.group(0).replace(".", "")
                if letters in acronyms:
                    yield self.finding(
                        doc,
                        m.start(),
                        m.end(),
                        f"'{m.group(0)}' is the outlet {letters}, written without dots",
                        suggestion=letters,
                        confidence=0.7,
                    )


_DOTTED = re.compile(r"(?<![\w.])[A-Z](?:\.[A-Z])+\.?(?![\w])")
_SOURCE_NAME = re.compile(r"(?<![\w\-])[A-ZÆØÅ][a-zæøåäöüéè]+(?:-[A-ZÆØÅ][a-zæøåäöüéè]+)?(?![\w\-])")


def _strip_accents(word: str) -> str:
    import unicodedata

    word = word.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("Æ", "Ae")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _attested(word: str) -> bool:
    from mtqa.names.lexicon import zipf_frequency

    return max(zipf_frequency(word.lower(), lang) for lang in ("en", "nb", "de", "fr")) >= 1.5


class SourceNameMismatch(Check):
    """A name of the Norwegian source spelled differently in the aligned English sentence.

    Names keep their spelling in translation, diacritics included (Støre,
    Brøgger, Sæther): a name of the source that the aligned English writes
    with a letter or two changed, or without its æ, ø or å, is reported with
    the source's spelling.

    Flags:
    - (source "Statsminister Jonas Gahr Støre møtte Brøgger." / translation "Prime Minister Jonas Gahr Store met Broegger.")

    Allows:
    - (source "Statsminister Jonas Gahr Støre møtte Brøgger." / translation "Prime Minister Jonas Gahr Støre met Brøgger.")
    """

    code = "NC004"
    name = "source-name-mismatch"
    family = "names"
    severity = Severity.ERROR
    variable_severity = True
    requires = frozenset({"source"})
    examples_are_text = False

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        from rapidfuzz.distance import OSA  # a swap of two letters is one edit

        from mtqa.align import sentence_pairs

        for bead, src_text in sentence_pairs(doc):
            names = {
                m.group(0)
                for m in _SOURCE_NAME.finditer(src_text)
                if m.start() > 0 and len(m.group(0)) >= 4 and not re.search(r"[.!?:«\"]\s*$", src_text[: m.start()])
            }
            for span in bead.target:
                text = doc.text[span.start : span.end]
                words = list(re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)?", text))
                present = {w.group(0) for w in words}
                for name in sorted(names):
                    base = name[:-1] if name.endswith("s") and name[:-1] in present else name
                    if base in present:
                        continue
                    for w in words:
                        word = w.group(0)
                        if not word[:1].isupper() or word == base or abs(len(word) - len(base)) > 2:
                            continue
                        accents = _strip_accents(base) == _strip_accents(word) and base != word
                        distance = OSA.distance(word.lower(), base.lower())
                        close = word[0] == base[0] and (
                            1 <= distance <= (2 if len(base) >= 6 else 1)
                        )
                        # An English word or a known name is no misspelling: the
                        # source has an exonym ("Italia") or a typo of its own.
                        if close and not accents and _attested(word):
                            continue
                        if accents or close:
                            what = "without its Norwegian letters" if accents else "spelled differently"
                            yield self.finding(
                                doc,
                                span.start + w.start(),
                                span.start + w.end(),
                                f"'{word}' is the source's '{base}' {what}",
                                suggestion=base,
                                confidence=0.9 if accents or distance == 1 else 0.75,
                                # Dropped letters may be a deliberate anglicised
                                # spelling ("Bjorn"): worth a look, not an error.
                                severity=Severity.WARNING if accents else Severity.ERROR,
                                source_text=base,
                            )
                            break


class NameTranslatedAsWord(Check):
    """A name that machine translation turned into English words.

    Norwegian names are often Norwegian words too, and word-for-word MT
    translates them: the broadcaster NRK becomes "news", a county "Northland"
    or "Inland", a given name "Bear" (Bjørn), a venue "the crystal" (Kristall).
    Reported only where the article shows that a name stands there: a photo
    credit or a page title's outlet, the outlet someone spoke to ("says X to
    news"), a county or police district before "police district" or "county",
    an English word before a surname the article uses alone for a person, a
    lower-case word that sounds like a name the article writes elsewhere, a
    surname the article writes for someone rendered as the word it also is
    (``mtqa/data/names_translated.yaml``: "Siri Forest" beside "Skog", "says
    Birch" beside "Siri Bjørk"), capitalised English words that are, word by
    word, a name the article writes in Norwegian ("in Seal" beside "Sel"), a
    court ("Sør-Rogaland thing court"), a club in a sports report ("the loss
    against Fire"), a place's rendering after a preposition in an article about
    Norway ("in Eel").  The suggestion is the name, from the gazetteer of Norway
    (``mtqa/data/gazetteer.yaml``, ``gazetteer_translated.yaml``), the article
    or the table of given names that are words (``mtqa/data/names_translated.yaml``),
    where it can be inferred.

    Flags:
    - The mayor was happy with the result, says Kari Nordmann to news.
    - The bridge reopened on Monday after a year of repairs. Photo: Ola Hansen / news
    - The crash was reported to the Northland police district at 11 pm.
    - Duty officer Bear Halvorsrud says the tunnel is closed. It will open again at six, Halvorsrud says.

    Allows:
    - She said she had heard the news on the radio.
    - The Innlandet police district was told of the crash at 11 pm.
    - Duty officer Bjørn Halvorsrud says the tunnel is closed. It will open again at six, Halvorsrud says.
    """

    code = "NC005"
    name = "name-translated-as-word"
    family = "names"
    severity = Severity.WARNING

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for t in translated_names(analyse(doc)):
            yield self.finding(
                doc,
                t.start,
                t.end,
                t.reason,
                suggestion=t.suggestion,
                confidence=t.confidence,
                kind=t.what,
            )


CHECKS = (
    InconsistentNameSpelling,
    UnattestedName,
    InconsistentOrganisationName,
    SourceNameMismatch,
    NameTranslatedAsWord,
)
