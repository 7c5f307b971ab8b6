"""Literal renderings composed from the dictionary of senses (mtqa.lexicons.compose).

The Norwegian phrases and sentences here are general Norwegian and our own English,
with invented names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mtqa
from mtqa import lexicons
from mtqa.lexicons import compose, parse
from mtqa.model import Severity

ENTRY = """version: 1
entries:
  - id: rykke-ut
    kind: particle
    norwegian: rykket ut / rykke ut
    meaning: (of the emergency services) turned out to a call
    english: [turned out, responded]
    renderings: ['\\bmoved out to the scene\\b']
    confidence: 0.9
    severity: error
    examples:
      flag: [The fire brigade moved out to the scene at once.]
      allow: [The fire brigade turned out at once.]
    note: test entry
"""


def test_a_particle_verb_is_composed_from_the_usual_sense_of_each_word():
    phrases = compose.compose("rykket ut / rykke ut", ["turned out"])
    assert {"jerked out", "jerk out", "jerks out"} <= set(phrases)
    # the first two senses only (rykke: jerk; pull): a literal rendering takes the usual sense
    assert not any(p.startswith(("advance", "tug")) for p in phrases)


def test_two_content_words_are_composed_with_every_inflection():
    assert {"give iron", "gave iron", "giving iron"} <= set(compose.compose("gi jern", ["go all out"]))
    assert {"blew red", "blow red", "blown red"} <= set(compose.compose("blåse rødt", ["fail a breathalyser test"]))


@pytest.mark.parametrize(
    ("norwegian", "english", "absent"),
    [
        # the entry's own English, inflected another way (word stems compared)
        ("kritisk skadd", ["critically injured"], "critical injuries"),
        # English uses the pair often ("broke out" is an outbreak, no calque): every inflection goes
        ("brøt ut", ["escaped"], "broke out"),
        ("brøt ut", ["escaped"], "breaks out"),
        # a single word is not composed (a compound's parts are mostly right English)
        ("mørketall", ["unreported cases"], "dark numbers"),
        # a light verb alone carries no calque
        ("ha det", ["goodbye"], "have it"),
        # a review found it in correct English (mtqa/data/composed_english.tsv): every form goes
        ("opplyser politiet", ["the police say"], "informed the police"),
        ("opplyser politiet", ["the police say"], "informs police"),
    ],
)
def test_what_is_not_composed(norwegian, english, absent):
    assert absent not in compose.compose(norwegian, english)


def test_a_phrase_of_an_allow_example_is_not_composed():
    assert "give iron" in compose.compose("gi jern", ["go all out"])
    assert "give iron" not in compose.compose("gi jern", ["go all out"], ["Blacksmiths give iron a shape."])


def test_slots_and_names_are_not_composed():
    assert compose.phrases("rykket ut / X rykket ut / rykke ut (politi) / natt til <dag>") == [
        ("rykket", "ut"), ("rykke", "ut")
    ]


def test_an_entry_gets_its_composed_renderings_after_its_own_and_may_opt_out():
    (entry,) = parse(ENTRY.encode(), "t.yaml").entries
    assert "jerked out" in entry.composed and entry.composed_at == 1
    assert entry.rendering_patterns[0] == "\\bmoved out to the scene\\b"
    m = entry.rendering(entry.composed_at).search("The police jerked out with three patrols.")
    assert m and entry.is_composed(m)
    opted_out = ENTRY.replace("    note: test entry", "    note: test entry\n    compose: false")
    (plain,) = parse(opted_out.encode(), "t.yaml").entries
    assert plain.composed == () and plain.composed_at == -1 and len(plain.rendering_patterns) == 1
    with pytest.raises(lexicons.LexiconError, match="compose must be true or false"):
        parse(ENTRY.replace("    note: test entry", "    note: x\n    compose: maybe").encode(), "t.yaml")


def test_the_prefilter_needs_a_whole_composed_phrase_keyed_on_its_rarest_word():
    lexicon = parse(ENTRY.encode(), "t.yaml")
    (entry, needles), = lexicon._rendering_needles
    assert needles[entry.composed_at] == frozenset(entry.composed)
    _, by_gram = lexicon._needle_index
    keys = {key for key, pairs in by_gram.items() for needle, _ in pairs if needle == "jerked out"}
    assert len(keys) == 1 and keys.pop() in "jerked"  # a sequence of the rarer word, not of "out"
    assert [(e.id, rs) for e, rs in lexicon.candidate_renderings("Police jerked out to Lia.")] == [
        ("rykke-ut", (1,))
    ]
    assert list(lexicon.candidate_renderings("The police turned out to Lia.")) == []


ROOT = """version: 1
entries:
  - id: sla-rot
    kind: idiom
    norwegian: slå rot / slo rot
    meaning: take root, become established
    english: [take root]
    renderings: ['\\bbeat roots in the\\b']
    confidence: 0.9
    severity: error
    examples:
      flag: [The idea beat roots in the party.]
      allow: [The idea took root in the party.]
    note: test entry
"""


def test_a_composed_match_is_a_word_for_word_warning_and_yields_to_a_written_rendering(tmp_path):
    path = tmp_path / "user.yaml"
    path.write_text(ROOT, encoding="utf-8")
    checker = mtqa.Checker(fluency=False, select=["ID001", "ID002", "ID003"], lexicons=[path])
    text = "Party news\n\nThe idea has beaten roots among the voters of Lia.\n"
    (finding,) = checker.check(text).findings
    assert finding.code == "ID002" and finding.severity == Severity.WARNING
    assert text[finding.start : finding.end] == "beaten roots"
    assert finding.extra["lexicon_entry"] == "sla-rot" and finding.extra["composed"] is True
    # the suggestion takes the form of the matched verb: "has beaten roots" -> "has taken root"
    assert "word for word" in finding.message and finding.suggestion == "taken root"
    # the entry's own rendering of the same words wins: reported as written, an idiom, at its severity
    text = "Party news\n\nThe idea beat roots in the party of Lia.\n"
    (finding,) = checker.check(text).findings
    assert (finding.code, finding.severity) == ("ID001", Severity.ERROR) and "composed" not in finding.extra
    assert text[finding.start : finding.end] == "beat roots in the"


def test_the_builtin_lexicon_composes_renderings_for_its_phrases():
    entries = [e for e in lexicons.builtin().entries if e.composed]
    assert len(entries) > 300
    assert all(e.composed_at == len(e.rendering_patterns) - 1 for e in entries)


@pytest.mark.parametrize(
    ("suggestion", "matched", "expected"),
    [
        ("fail a breathalyser test", "blew red", "failed a breathalyser test"),
        ("turned out", "jerked out", "turned out"),
        ("respond", "jerked out", "responded"),
        ("go all out", "giving iron", "going all out"),
        ("go all out", "gives iron", "goes all out"),
        ("go all out", "give iron", "go all out"),  # the base form: as written
        ("oncoming car", "meeting car", "oncoming car"),  # "meeting" is a noun too: as written
        ("Take root", "Beat roots", "Take root"),
    ],
)
def test_a_suggestion_takes_the_form_of_the_matched_verb(suggestion, matched, expected):
    assert compose.inflect_like(suggestion, matched) == expected


@pytest.mark.parametrize(
    ("suggestion", "matched", "before", "expected"),
    [
        # the match's own reflexive or possessive names the person
        ("took his time", "took herself good time", "Kari Lie ", "took her time"),
        ("pulled oneself together", "took ourselves together", "Then we ", "pulled ourselves together"),
        ("take matters into one's own hands", "take the spoon in my own hand", "I had to ", "take matters into my own hands"),
        # else a subject pronoun at most three words before it, in the same clause
        ("a reduced sentence for his confession", "punishment discount", "She got a ", "a reduced sentence for her confession"),
        ("lived beyond one's means", "lived above ability", "For years they ", "lived beyond their means"),
        ("Spoke his mind", "Took the leaf from the mouth", "", "Spoke his mind"),  # nobody named: as written
        ("spoke his mind", "took the leaf from the mouth", "Kari Lie said that the mayor ", "spoke his mind"),
        ("spoke his mind", "took the leaf from the mouth", "She said it, and the mayor ", "spoke his mind"),  # another clause
        ("let her go", "let her run", "We ", "let her go"),  # an object, not a possessive
        ("gave her the money", "gave her the pay", "They ", "gave her the money"),
        ("turned out", "jerked out", "We ", "turned out"),  # no pronoun to agree
    ],
)
def test_a_suggestion_s_pronouns_agree_with_the_person_of_the_match(suggestion, matched, before, expected):
    assert compose.agree_pronouns(suggestion, matched, before) == expected


@pytest.mark.parametrize(
    ("suggestion", "matched", "expected"),
    [
        ("struggles with", "has worn with", "has struggled with"),
        ("be asleep at the wheel", "have slept in class", "have been asleep at the wheel"),
        ("admitted", "was laid in", "was admitted"),
        ("canceled", "were adjusted", "were canceled"),  # a regular verb's participle
        ("stay in cabins", "must live in cabins", "must stay in cabins"),
        ("hires", "has to rent in", "has to hire"),
        ("excited", "were tense", "were excited"),
        ("running on empty", "was completely on the rim", "was running on empty"),
        ("give up", "did not give themselves", "did not give up"),
        ("Turned out", "Has moved out", "Has turned out"),
        # left as they are
        ("refuse to give up", "will not give itself", "refuse to give up"),  # says the "not" itself
        ("be in a hurry", "have bad time", "be in a hurry"),  # "have" a verb of its own
        ("be caught", "were taken for having", "be caught"),  # its own auxiliary
        ("has backbone", "has bone in the nose", "has backbone"),
        ("so far", "is preliminary unknown", "so far"),  # an adverb
        ("given the circumstances", "is doing well after the conditions", "given the circumstances"),
        ("access", "has got access", "access"),  # a noun too
        ("missing", "has missed", "missing"),
        ("please everyone", "do everyone to lags", "please everyone"),  # "do" a verb of its own
        ("turned out", "jerked out", "turned out"),  # no auxiliary
    ],
)
def test_a_suggestion_keeps_the_auxiliary_that_opens_the_match(suggestion, matched, expected):
    assert compose.keep_auxiliary(suggestion, matched) == expected


def test_a_lexicon_suggestion_speaks_of_the_person_the_sentence_names(tmp_path):
    path = tmp_path / "user.yaml"
    path.write_text(
        """version: 1
entries:
  - id: ta-seg-god-tid
    kind: idiom
    norwegian: ta seg god tid
    meaning: take one's time
    english: [take one's time]
    renderings: ['\\b(?:took|takes|take) (?:himself|herself|themselves|ourselves|myself) good time\\b']
    confidence: 0.9
    severity: error
    examples:
      flag: [She took herself good time.]
      allow: [She took her time.]
    note: test entry
""",
        encoding="utf-8",
    )
    checker = mtqa.Checker(fluency=False, select=["ID001", "ID002", "ID003"], lexicons=[path])
    report = checker.check("The mayor answered every question. She took herself good time before the vote.")
    (finding,) = [f for f in report.findings if f.text == "took herself good time"]
    assert finding.suggestion == "took her time"


def test_the_inflected_suggestions_are_computed_when_the_lexicon_is_parsed():
    (entry,) = parse(ROOT.encode(), "t.yaml").entries
    assert entry.composed_suggestion("Beaten  Roots") == "taken root"
    assert entry.composed_suggestion("beat root") == "take root"  # the base form: as written
    assert ("hitting roots", "taking root") in entry.composed_suggestions


def test_an_adjective_and_a_noun_are_not_composed():
    # "near relatives", "inner areas", "big classes": grammatical English in another meaning
    assert compose.compose("nære pårørende", ["next of kin"]) == ()


def test_only_the_forms_of_the_first_expression_are_composed():
    # an entry listing other expressions beside its first has another English for them
    assert compose.phrases("slå rot / slo rot / gi jern") == [("slå", "rot"), ("slo", "rot")]
    assert compose.phrases("Det melder NRK / Det bekrefter politiet") == []  # "det" is no content word


def test_a_case_sensitive_entry_matches_its_composed_phrases_in_any_case():
    text = ROOT.replace("    confidence: 0.9", "    context: {case_sensitive: true}\n    confidence: 0.9")
    (entry,) = parse(text.encode(), "t.yaml").entries
    assert entry.rendering(entry.composed_at).search("Beaten roots everywhere.")


def test_a_composed_match_yields_to_a_written_rendering_of_another_entry(tmp_path):
    other = ROOT.replace("id: sla-rot", "id: other-entry").replace(
        "renderings: ['\\bbeat roots in the\\b']", "renderings: ['\\bbeaten roots among\\b']"
    ).replace("confidence: 0.9", "confidence: 0.5").replace(
        "flag: [The idea beat roots in the party.]", "flag: [The idea has beaten roots among us.]"
    ).replace("norwegian: slå rot / slo rot", "norwegian: rotfeste")
    (tmp_path / "a.yaml").write_text(ROOT, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(other, encoding="utf-8")
    checker = mtqa.Checker(fluency=False, select=["ID001", "ID002", "ID003"],
                           lexicons=[tmp_path / "a.yaml", tmp_path / "b.yaml"])
    (finding,) = checker.check("Party news\n\nThe idea has beaten roots among the voters.\n").findings
    assert finding.extra["lexicon_entry"] == "other-entry" and "composed" not in finding.extra


def test_only_a_verb_first_phrase_and_a_base_form_suggestion_take_the_verb_form():
    phrases, verbal = compose.compose_with_verbs("blåse rødt / blåste rødt", ["fail a breathalyser test"])
    assert "blew red" in verbal
    assert dict(compose.suggestions("fail a breathalyser test", verbal))["blew red"] == "failed a breathalyser test"
    # a suggestion that does not begin with a base-form verb stays as written
    assert compose.inflect_like("broken heart", "broke glass") == "broken heart"
    # a participle used as an adjective (-ende) is no verb to follow
    _, verbal = compose.compose_with_verbs("ventende gjester", ["guests who wait"])
    assert not verbal


@pytest.mark.parametrize(
    ("suggestion", "matched", "expected"),
    [
        ("take place", "goes off the stack", "takes place"),  # "goes" may be a noun, but not before "off"
        ("take place", "went off the stack", "took place"),
        ("get stuck", "walked herself stuck", "got stuck"),
        ("reported", "illuminates the police", "reports"),  # a past-form suggestion takes the match's form
        ("pleaded guilty", "recognize criminal guilt", "plead guilty"),  # "does not recognize ..." needs the base
        ("oncoming car", "meeting car", "oncoming car"),  # a noun phrase
        ("go all out", "give iron", "go all out"),  # both in the base form
        ("broken heart", "broke glass", "broken heart"),  # an adjective, no verb
        ("failed a test", "blows red", "failed a test"),  # "blows" before an adjective may be a noun
        ("aggravated fraud", "rough fraud", "aggravated fraud"),  # "rough" is an adjective too
    ],
)
def test_a_suggestion_s_verb_takes_the_match_s_form(suggestion, matched, expected):
    assert compose.inflect_like(suggestion, matched) == expected


def test_compose_must_be_a_boolean():
    with pytest.raises(lexicons.LexiconError, match="compose must be true or false"):
        parse(ENTRY.replace("    note: test entry", "    note: x\n    compose: 1").encode(), "t.yaml")


def test_the_signature_covers_what_composing_reads(monkeypatch):
    import hashlib
    from pathlib import Path

    from mtqa.lexicons import senses

    seen: list[bytes] = []
    original = hashlib.sha256

    class Recorder:
        def __init__(self, data: bytes = b""):
            self._h = original(data)
            seen.append(data)

        def update(self, data: bytes) -> None:
            seen.append(data)
            self._h.update(data)

        def hexdigest(self) -> str:
            return self._h.hexdigest()

    monkeypatch.setattr(hashlib, "sha256", Recorder)
    compose.signature.cache_clear()
    try:
        compose.signature()
    finally:
        compose.signature.cache_clear()
    assert Path(compose.__file__).read_bytes() in seen and Path(senses.__file__).read_bytes() in seen
    assert compose._bigram_file().read_bytes() in seen
    from importlib.metadata import version

    assert version("wordfreq").encode() in seen and version("lemminflect").encode() in seen


@settings(max_examples=200, deadline=None)
@given(norwegian=st.text(max_size=60), english=st.lists(st.text(max_size=20), max_size=3),
       allow=st.lists(st.text(max_size=40), max_size=2))
def test_any_norwegian_field_composes_or_gives_nothing(norwegian, english, allow):
    phrases, verbal = compose.compose_with_verbs(norwegian, english, allow)
    assert verbal <= set(phrases) and all(p == p.lower() and p.strip() for p in phrases)
    compose.suggestions("take root", verbal)
    if phrases:
        assert compose.pattern(phrases)


COMPOUND = """version: 1
entries:
  - id: hestekur
    kind: compound
    norwegian: hestekur / hestekuren
    parts: hest kur
    meaning: a drastic remedy
    english: [drastic remedy, drastic measure]
    renderings: []
    confidence: 0.8
    severity: warning
    examples:
      flag: [The minister calls the cuts a horse cure for the economy.]
      allow: [The minister calls the cuts a drastic remedy for the economy.]
    note: test entry
"""


def test_a_compound_is_composed_from_its_parts_side_by_side_and_with_the_possessive():
    phrases = set(compose.compose("kjerringråd", ["home remedy"], parts="kjerring råd"))
    # a sense of several words counts as one; the first noun is singular ("doctors watch" is a clause)
    assert {"old woman advice", "old woman advices", "old woman's advice", "hag's advice"} <= phrases
    assert not any(p.startswith(("old women", "hags ")) for p in phrases)
    # the single word composes nothing without its parts
    assert compose.compose("kjerringråd", ["home remedy"]) == ()


def test_a_verb_part_takes_its_verb_forms_but_the_ing_form_and_a_phrasal_verb_inflects_its_verb():
    phrases = set(compose.compose("sprengkulde", ["bitter cold"], parts="sprenge+kulde"))
    assert {"blast cold", "blasted cold", "blew up cold", "blown up cold"} <= phrases
    assert not any("upp" in p for p in phrases)  # not "blow upping"
    # English compounds are made with the -ing form ("driving course"): not composed
    assert not any(p.split()[0].endswith("ing") for p in phrases)


def test_the_entry_s_own_english_is_not_composed_in_another_inflection():
    # "driving school": the sense "drive" is the lemma of "driving" (its stem "drivi" is not "drive")
    phrases = compose.compose("kjøreskole", ["driving school"], parts="kjøre skole")
    assert not any(p.endswith(("school", "schools")) and p.startswith(("drive", "drove")) for p in phrases)


def test_a_compound_rendering_of_the_commonest_english_words_only_is_not_composed():
    # sluttspill (play-offs): "end game" is English, two of its commonest words side by side (Zipf >= 5.5)
    phrases = set(compose.compose("sluttspill", ["play-offs"], parts="slutt spill"))
    assert not {"end game", "end games", "end's game"} & phrases


def test_a_compound_with_an_adjective_first_or_a_part_that_is_no_content_word_is_not_composed():
    assert compose.compose("storbrann", ["major fire"], parts="stor brann") == ()
    # a pronoun or an adverb among the parts: nothing, not an error
    assert compose.compose("hjemmekontor", ["home office"], parts="hjem kontor") == ()
    assert compose.compose("vårløsning", ["spring thaw"], parts="vår løsning") == ()


@pytest.mark.parametrize("parts", ["hest", "a b c d", "hest kur2", ""])
def test_parts_must_be_two_or_three_words(parts):
    assert compose.parts_of(parts) is None
    with pytest.raises(lexicons.LexiconError, match="parts"):
        parse(COMPOUND.replace("parts: hest kur", f"parts: '{parts}'").encode(), "t.yaml")


def test_a_compound_entry_matches_its_composed_renderings_with_either_apostrophe():
    (entry,) = parse(COMPOUND.encode(), "t.yaml").entries
    assert entry.composed and "horse cure" in entry.composed
    assert [m.group() for m in entry.iter_matches("Call it a horse cure.")] == ["horse cure"]
    (kjerring,) = parse(
        COMPOUND.replace("parts: hest kur", "parts: kjerring råd").encode(), "t.yaml"
    ).entries
    # (matched on the sentence with its apostrophes folded: the span is the sentence's own)
    text = "It is an old woman’s advice."
    assert [text[m.start() : m.end()] for m in kjerring.iter_matches(text)] == ["old woman’s advice"]

