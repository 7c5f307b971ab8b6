"""The lexicon engine on whole articles: the seed's garbles, and the Norwegian source."""

from __future__ import annotations

import json

import pytest

import mtqa

from .conftest import CROWN_LEXICON, FIXTURES, SEED

ARTICLE = """NATO prepares its answer

The alliance is working on its response to Russia, sources say.

three yards

Internally within NATO, there are currently three actions that are emerging in response.
"""


def _idioms(report):
    return [f for f in report.findings if f.family == "idiom"]


def test_must_idiom_items_of_the_seed_are_found_with_the_right_suggestion():
    report = mtqa.check(SEED, select=["idiom"], fluency=False)
    found = {f.text: f for f in _idioms(report)}
    gold = [
        json.loads(line)
        for line in (FIXTURES / "gold" / "000_b3dce5b5bb70e21c.gold.jsonl").read_text("utf-8").splitlines()
    ]
    text = SEED.read_text("utf-8")
    for item in (g for g in gold if g["family"] == "idiom" and g["must"]):
        start = -1
        for _ in range(item["occurrence"] + 1):
            start = text.index(item["quote"], start + 1)
        hits = [f for f in _idioms(report) if f.start < start + len(item["quote"]) and start < f.end]
        assert hits, item["quote"]
        assert any(item["suggestion"].lower() in (h.suggestion or "").lower() for h in hits), (
            item["quote"], [h.suggestion for h in hits])
    assert found["three yards"].code == "ID001"
    assert "tre spor" in found["three yards"].message


def test_the_source_confirms_an_entry():
    doc = mtqa.document_from_text(ARTICLE, source="NATO forbereder svaret\n\nTre spor\n\nInternt i NATO ...")
    (finding,) = _idioms(mtqa.check(doc, select=["idiom"], fluency=False))
    assert finding.text == "three yards"
    assert finding.confidence >= 0.95
    assert finding.extra["source_text"].lower() == "tre spor"
    assert "the source has 'Tre spor'" in finding.message


def test_a_source_without_the_expression_silences_the_entry():
    doc = mtqa.document_from_text(ARTICLE, source="NATO forbereder svaret\n\nTre yards\n\nInternt i NATO ...")
    assert _idioms(mtqa.check(doc, select=["idiom"], fluency=False)) == []


def test_a_user_lexicon_is_used(tmp_path):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(
        """version: 1
entries:
  - id: my-dugnad
    kind: literal
    norwegian: dugnad
    meaning: voluntary community work
    english: [voluntary work]
    renderings: ['\\bcommunity effort day\\b']
    source: ['\\bdugnad']
    confidence: 0.8
    severity: warning
    examples: {flag: [It was a community effort day.], allow: [It was a community effort.]}
    note: test entry
""",
        encoding="utf-8",
    )
    text = "Town cleans up\n\nThe whole street joined the community effort day on Saturday.\n"
    assert not _idioms(mtqa.check(text, select=["idiom"], fluency=False))
    report = mtqa.Checker(select=["idiom"], fluency=False, lexicons=[lexicon]).check(text)
    assert [f.extra["lexicon_entry"] for f in _idioms(report)] == ["my-dugnad"]
    # One path as a string (or a Path) is one file, not a list of its characters.
    for one in (str(lexicon), lexicon):
        report = mtqa.Checker(select=["idiom"], fluency=False, lexicons=one).check(text)
        assert [f.extra["lexicon_entry"] for f in _idioms(report)] == ["my-dugnad"]


def _suggestions(text):
    report = mtqa.check(text, select=["idiom"], fluency=False)
    return {f.text: f.suggestion for f in _idioms(report)}


def test_slot_rules_compute_their_suggestion_from_the_slot():
    found = _suggestions(
        "Fire in Bergen\n\n"
        "Just before the clock 21 smoke was seen from a flat.\n\n"
        "The clock 07.30 the road was opened again.\n\n"
        "Police were called out in the night to Sunday.\n\n"
        "The man was sentenced to prison in eight years.\n"
    )
    assert found["Just before the clock 21"] == "Just before 9 pm"
    assert found["The clock 07.30"] == "At 7.30 am"
    assert found["in the night to Sunday"] == "on Saturday night"
    assert found["sentenced to prison in eight years"] == "sentenced to eight years in prison"


def test_a_norwegian_article_is_not_read_as_garbled_english():
    text = (
        "Full storm på kysten\n\n"
        "Det er full storm på kysten i natt, og politiet har rykket ut til flere steder.\n\n"
        "Meteorologen sier at det blir laber bris i morgen, men at det kan komme mer vind.\n"
    )
    assert _idioms(mtqa.check(text, select=["idiom"], fluency=False)) == []


def test_odd_input_neither_crashes_nor_floods():
    long_sentence = " ".join(["the police said that the road was closed"] * 25) + "."
    text = (
        "THE POLICE MOVED OUT TO THE SCENE AT THE CLOCK 21\n\n"
        "Night To Sunday: A Film About Small Storms\n\n"
        f"{long_sentence}\n\n"
        '“Front to front”, she sang, quoting the band’s odd lyric.\n'
    )
    findings = _idioms(mtqa.check(text, select=["idiom"], fluency=False))
    spans = [(f.start, f.end) for f in findings]
    assert len(spans) == len(set(spans))  # one finding per span
    for a in findings:  # and no two findings overlap
        assert not any(b is not a and a.start < b.end and b.start < a.end for b in findings)
    assert len(findings) <= 6


def test_a_quoted_title_is_not_corrected():
    text = (
        "Music\n\n"
        "The band played “Night To Sunday” and “Front To Front” before the encore.\n\n"
        "The cars collided front to front on the E6.\n"
    )
    findings = _idioms(mtqa.check(text, select=["idiom"], fluency=False))
    assert [f.text for f in findings] == ["front to front"]


def test_overlapping_entries_of_different_codes_give_one_finding():
    text = "Crash\n\nThe police moved out to the scene, and emergency crews are in place.\n"
    findings = _idioms(mtqa.check(text, select=["idiom"], fluency=False))
    for a in findings:
        assert not any(b is not a and a.start < b.end and b.start < a.end for b in findings)
    assert findings


def test_a_rendering_does_not_cut_a_hyphenated_word(tmp_path):
    # "into the far cross" renders "i krysset" (the top corner); "in the cross-country
    # race" is another word
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(
        """version: 1
entries:
  - id: my-krysset
    kind: literal
    norwegian: i krysset
    meaning: in the top corner (of the goal)
    english: [into the top corner]
    renderings: ['\\b(?:into|in) the (?:far )?cross\\b']
    confidence: 0.8
    severity: warning
    examples: {flag: [He curled it into the far cross.], allow: [He curled it into the top corner.]}
    note: test entry
""",
        encoding="utf-8",
    )
    text = (
        "Sport\n\nHe curled the free kick into the far cross.\n\n"
        "She scored a goal in the cross-country relay, and the ball of the season was hers.\n"
    )
    checker = mtqa.Checker(select=["idiom"], fluency=False, lexicons=[lexicon])
    findings = [f for f in _idioms(checker.check(text)) if f.extra["lexicon_entry"] == "my-krysset"]
    assert [(f.text, f.line) for f in findings] == [("into the far cross", 3)]


def test_the_matches_kept_on_a_document_belong_to_their_lexicon():
    # a document's matches are memoised per lexicon; one lexicon derived from another
    # (its hash extended, as benchmarks/accuracy.py's page-free lexicon) must not
    # reuse the other's matches
    from mtqa import lexicons
    from mtqa.checks.idioms import find_matches

    full = lexicons.builtin()
    doc = mtqa.document_from_text("Traffic\n\nThe cars collided front to front on the E6.\n")
    found = [m.entry.id for m in find_matches(doc, full, {"ID001", "ID002", "ID003"})]
    assert found
    smaller = lexicons.Lexicon(tuple(e for e in full.entries if e.id not in found), full.sha256 + "-smaller")
    assert [m.entry.id for m in find_matches(doc, smaller, {"ID001", "ID002", "ID003"})] != found


def test_a_topic_cue_may_be_in_the_title_or_two_sentences_either_side_but_an_exclusion_only_in_the_sentence(tmp_path):
    lexicon = tmp_path / "topic.yaml"
    lexicon.write_text(
        """version: 1
entries:
  - id: my-drill
    kind: false-friend
    norwegian: øvelsen
    meaning: the exercise
    english: [the exercise]
    renderings: ['\\bthe drill is (?:still )?going on\\b']
    context: {sentence: '\\b(?:soldiers|troops)\\b', not_sentence: '\\bdentist\\b'}
    confidence: 0.8
    severity: warning
    examples: {flag: [The troops are in the field and the drill is going on.], allow: [The drill is going on.]}
    note: test entry
""",
        encoding="utf-8",
    )
    checker = mtqa.Checker(select=["idiom"], fluency=False, lexicons=[lexicon])

    def entries(text):
        return [f.extra["lexicon_entry"] for f in _idioms(checker.check(text))]

    assert entries("Army week\n\nSoldiers camped by the lake on Monday. The drill is still going on.\n") == ["my-drill"]
    # two sentences back counts (session 47); three back does not
    assert entries("Army week\n\nSoldiers camped by the lake. It rained all day. The drill is still going on.\n") == ["my-drill"]
    assert entries(
        "Army week\n\nSoldiers camped by the lake. It rained all day. The wind rose. The drill is still going on.\n"
    ) == []
    # the two sentences after count too (session 63), the third does not
    assert entries("Army week\n\nThe drill is still going on. It rained. The soldiers are cold.\n") == ["my-drill"]
    assert entries("Army week\n\nThe drill is still going on. It rained. The wind rose. The soldiers are cold.\n") == []
    # and the article's title, however far away
    assert entries(
        "Soldiers in the snow\n\nIt rained. The wind rose. It was cold. The drill is still going on. It got dark.\n"
    ) == ["my-drill"]
    assert entries("In the snow\n\nIt rained. The wind rose. It was cold. The drill is still going on. It got dark.\n") == []
    # the exclusion holds in the sentence itself only
    assert entries("Soldiers camped by the lake. The dentist says the drill is still going on.\n") == []
    # furniture between the two sentences is not the sentence before
    assert entries(
        "Army week\n\nIt rained all day on Monday.\n\nREAD ALSO: Soldiers leave the base\n\n"
        "The drill is still going on.\n"
    ) == []


def test_a_composed_match_that_continues_a_proper_name_is_not_read_as_one():
    from mtqa.checks.idioms import _inside_a_name

    def inside(sentence, match):
        return _inside_a_name(sentence, sentence.index(match))

    # a capital right after a capitalised word, mid-sentence: part of a name
    assert inside("She met Coast Guard chief Ola Berg on Monday.", "Guard chief")
    assert inside("Google Earth users spotted the wreck.", "Earth users")
    # not after a function word, a place of the gazetteer or an adjective of nationality,
    # not at the sentence's start, not in a title-case headline, not in lower case
    assert not inside("The Guard chief says the search will go on.", "Guard chief")
    assert not inside("The Norwegian Crash Commission will investigate.", "Crash Commission")
    assert not inside("Pupils at Oslo Police High School sat the exam.", "Police High School")
    assert not inside("Guard chief says the search will go on.", "Guard chief")
    assert not inside("Firefighters Jerked Out To Hotel Fire In Bergen", "Jerked Out")
    assert not inside("The guard chief says the search will go on.", "guard chief")


def test_a_compounds_parts_are_no_compound_where_the_second_is_a_verb_with_its_object():
    from mtqa.checks.idioms import _ends_in_a_verb

    def ends_in_a_verb(sentence, phrase):
        end = sentence.index(phrase) + len(phrase)
        return _ends_in_a_verb(sentence, end, phrase)

    assert ends_in_a_verb("A good doctor guards against overprescribing.", "doctor guards")
    assert ends_in_a_verb("A lower price rewards the customers who wait.", "price rewards")
    # a plural compound before a relative "that", a time phrase, an article or a particle
    assert not ends_in_a_verb("The air alarms that sounded in Kyiv woke the city.", "air alarms")
    assert not ends_in_a_verb("The air alarms this morning lasted three hours.", "air alarms")
    assert not ends_in_a_verb("He has three air alarms a day.", "air alarms")
    assert not ends_in_a_verb("The border hunters out on patrol saw a bear.", "border hunters")
    assert not ends_in_a_verb("The police divers found the car.", "police divers")
    assert not ends_in_a_verb("Two smoke divers entered the building.", "smoke divers")
    assert not ends_in_a_verb("The glass is cracked.", "The glass")
    assert not ends_in_a_verb("He talks the talk.", "talks")  # one word is no compound


def _suggested(sentence: str) -> list[tuple[str, str | None]]:
    """(text, suggestion) of each idiom finding in one sentence under a title."""
    return [(f.text, f.suggestion) for f in mtqa.check("Title\n\n" + sentence, select=["idiom"], fluency=False).findings]


@pytest.mark.parametrize(
    "sentence,suggestion",
    [
        ("The House Bank opened a new office in Drammen.", "The State Housing Bank"),  # opens the sentence
        ("– The House Bank opened a new office.", "The State Housing Bank"),  # after a dash of speech
        ("She wrote to the House Bank in March.", "the State Housing Bank"),  # mid-sentence: as written
    ],
)
def test_a_suggestion_that_opens_the_sentence_takes_its_capital(sentence, suggestion):
    assert [s for _, s in _suggested(sentence)] == [suggestion]


def test_a_suggestion_keeps_the_lower_case_of_a_heading_scraped_without_capitals():
    assert [s for _, s in _suggested("the House Bank opened a new office in Drammen.")] == ["the State Housing Bank"]


@pytest.mark.parametrize(
    "sentence,found,suggestion",
    [
        # "Her kan du lese": the span ends with the verb, and the capital follows the sentence
        ("Below, she has you can read the documents.", "she has you can read", "here you can read"),
        ("Documents: she can read more about the case here.", "she can read", "here you can read"),
        ("Her can you see the whole video.", "Her can you see", "Here you can see"),
        # the entry's examples say which words of the match are the calque; the rest stay
        ("The trial takes place at Bergen thing house.", "at Bergen thing house", "at Bergen courthouse"),
        ("The parties came forward to an agreement late on Sunday.", "came forward to an agreement",
         "reached an agreement"),
        # a rewrite learnt on one rendering is not used on another ("police first servant")
        ("Police first servant Ole Lie led the patrol.", "Police first servant", "Police officer"),
        # a look-alike allow example ("has today announced") is no correction; a deletion is
        ("The minister has yesterday announced new measures.", "has yesterday announced", "yesterday announced"),
        ("I am giant happy with the result.", "giant happy", "really happy"),
        # the article before the match is taken in where the suggestion needs the other one
        ("This is a difference treatment of the pupils.", "a difference treatment", "an unequal treatment"),
        # a suggestion with its own article replaces the sentence's ("an a gentle breeze" before)
        ("There was an easy breeze from the south.", "an easy breeze", "a gentle breeze"),
        # ... or gives way to it
        ("The easy breeze calmed the sea.", "easy breeze", "gentle breeze"),
        # a capital "A" inside a sentence is no article, unless the sentence is in title case
        ("Plan A difference treatment was not allowed.", "difference treatment", "unequal treatment"),
        ("Pupils Face A Difference Treatment In Oslo", "A Difference Treatment", "An unequal Treatment"),
        ("Forecast: An easy breeze from the south.", "An easy breeze", "A gentle breeze"),
        # after a guillemet or a dash
        ("The ombud called it «a difference treatment» of the pupils.", "a difference treatment",
         "an unequal treatment"),
        ("The report—a difference treatment of pupils—was criticised.", "a difference treatment",
         "an unequal treatment"),
        # a template's article fits its number; a match that holds a word the correction adds
        ("An 18 years old man was arrested.", "An 18 years old man", "An 18-year-old man"),
        ("It is closed up to and with Monday.", "up to and with Monday", "up to and including Monday"),
    ],
)
def test_the_span_and_the_suggestion_of_an_idiom_finding(sentence, found, suggestion):
    assert _suggested(sentence) == [(found, suggestion)]


@pytest.mark.parametrize(
    "head,word,agreed",
    [("with a ", "oncoming", "with an "), ("An ", "car", "A "), ("a ", "university", "a "),
     ("a ", "hour", "an "), ("the ", "oncoming", "the "), ("banana ", "apple", "banana ")],
)
def test_an_indefinite_article_before_a_rewritten_word_agrees_with_it(head, word, agreed):
    from mtqa.lexicons import _agree_article

    assert _agree_article(head, word) == agreed


def _entry(english: list[str], renderings: str | list[str], flags: list[str], allows: list[str],
           norwegian: str = "x", meaning: str = "x"):
    """A one-entry lexicon's entry, for the rewrites its examples teach."""
    import json

    from mtqa import lexicons

    renderings = [renderings] if isinstance(renderings, str) else renderings
    text = (
        f"version: 1\nentries:\n- id: t\n  kind: literal\n  norwegian: {json.dumps(norwegian)}\n"
        f"  meaning: {json.dumps(meaning)}\n"
        f"  english: {json.dumps(english)}\n  renderings: {json.dumps(renderings)}\n"
        "  confidence: 0.8\n  severity: warning\n  examples:\n"
        f"    flag: {json.dumps(flags)}\n    allow: {json.dumps(allows)}\n  note: test\n"
    )
    (entry,) = lexicons.parse(text.encode(), "test").entries
    return entry


_MEETING = (["oncoming"], r"\b(?:a|an|the|with) meeting (?:car|lorry|vehicle)s?\b",
            ["The car collided with a meeting vehicle."], ["The car collided with an oncoming vehicle."])
_TRAP = (["the stairs"], [r"\b(?:fell|ran|walked) (?:in|down|up) the traps?\b",
                          r"\bthe trap in the old house (?:was|is) steep\b"],
         ["The woman fell in the trap at home.", "The trap in the old house was steep."],
         ["The woman fell down the stairs at home.", "The stairs in the old house were steep."])
_TIL_OG_MED = (["up to and including"], r"\bto and with\b", ["The road is closed to and with Sunday."],
               ["The road is closed up to and including Sunday."])
_POSISJON = (["the governing parties and the opposition"], r"\bposition and (?:the )?opposition\b",
             ["Position and opposition agreed on the budget."],
             ["The governing parties and the opposition agreed on the budget."])


@pytest.mark.parametrize(
    "english,rendering,flags,allows,sentence,suggestion",
    [
        # "a meeting vehicle" corrected to "an oncoming vehicle": the word is the calque, the
        # article follows the word put in, and the rewrite holds after "the" too (it replaced
        # the whole match with "oncoming" before: "collided with oncoming")
        (*_MEETING, "The van collided with the meeting car near Dalheim.", "the oncoming car"),
        (*_MEETING, "The van collided with a meeting lorry near Dalheim.", "an oncoming lorry"),
        (*_MEETING, "A meeting car hit the van.", "An oncoming car"),
        # two changes with one word between, inside the match: one run, the verb kept
        (*_TRAP, "Ola Berg fell in the trap last night.", "fell down the stairs"),
        # changes far apart (more than four words from the first to the last): the entry's English
        (*_TRAP, "The trap in the old house was steep.", "the stairs"),
        # words the correction adds next to the calque are left out where the sentence has them
        (*_TIL_OG_MED, "It is closed up to and with Monday.", "to and including"),
        (*_TIL_OG_MED, "Open to and with Monday.", "up to and including"),
        # the capital of the allow example's sentence is not the words' own; it comes back at a
        # sentence's start
        (*_POSISJON, "The deal between position and opposition held.", "the governing parties and the opposition"),
        (*_POSISJON, "Position and opposition agreed.", "The governing parties and the opposition"),
        # an article the match holds stays, the correction's own goes ("The the governing parties")
        (_POSISJON[0], r"\b(?:the )?position and (?:the )?opposition\b", *_POSISJON[2:],
         "The position and opposition agreed.", "The governing parties and the opposition"),
        # a name keeps its capital
        (["Ministry of Petroleum and Energy"], r"\boil and energy department\b",
         ["Oil and Energy Department announced new rules."],
         ["Petroleum and Energy Department announced new rules."],
         "Rules from the Oil and Energy Department.", "Petroleum and Energy Department"),
        # a look-alike allow example, closer to the flag example than the correction, is no rewrite
        (["a matter of time"], r"\b(?:a|only a|just a) time question\b",
         ["It is only a time question before prices rise."],
         ["It is only a matter of time before prices rise.", "It is only a short time before prices rise."],
         "It is only a time question before he goes.", "a matter of time"),
        # words put in that are all shorter than three letters ("to" -> "up") are no rewrite
        # (the auxiliary the match opens with stays before it: "have to keep at it")
        (["keep at it"], r"\b(?:must|have to|had to) step to\b", ["We must step to."], ["We must step up."],
         "We have to step to now.", "have to keep at it"),
        # a word at the match's edge is its own, though the sentence has it again next to it
        (["it emerged that"], r"\bit came forward that\b", ["It came forward that he lied."],
         ["It emerged that he lied."], "In court, it came forward that that was a lie.", "it emerged that"),
        # an "a" the correction adds where the words replaced had none is the sentence's business
        (["a gentle breeze"], r"\beasy breezes?\b", ["The forecast says easy breeze from the south."],
         ["The forecast says a gentle breeze from the south."], "Expect easy breezes on Friday.", "gentle breezes"),
        # a word deleted after "an": the article agrees with the word that now follows
        (["quarantine"], r"\b(?:an?|the) (?:infection|contagion) quarantine\b",
         ["Close contacts are in the infection quarantine now."], ["Close contacts are in the quarantine now."],
         "She was put in an infection quarantine.", "a quarantine"),
        # no rewrite learnt: the English alternative closest to the match, in its verb's form
        (["one game at a time", "one day at a time"], r"\bone (?:match|day) of the time\b",
         ["We take one match of the time."], ["We take each match as it comes."],
         "I take one day of the time now.", "one day at a time"),
        (["take place", "be held"], r"\b(?:goes|went|go) off the stack\b",
         ["The festival goes off the stack in August."], ["The festival takes place in August."],
         "The concert went off the stack on Friday.", "took place"),
        # words deleted after a word hold only after that word: "salaries itself" is no "pays itself"
        (["it is worth it"], r"\bit (?:pays|salaries) itself\b",
         ["It pays itself to compare deals."], ["It pays to compare deals."],
         "It salaries itself to wait.", "it is worth it"),
        (["it is worth it"], r"\bit (?:pays|salaries) itself\b",
         ["It pays itself to compare deals."], ["It pays to compare deals."],
         "Now it pays itself to wait.", "it pays"),
        # a copula the match opens with stays before an English noun phrase
        (["a festive welcome", "a huge celebration"], r"\b(?:got|was) (?:a huge )?people's (?:party|feast)\b",
         ["The couple got people's party."], ["The Danish People's Party won."],
         "The homecoming was a huge people's feast.", "was a festive welcome"),
        # one word shared is too little to choose another alternative than the first
        (["wasteful finishing", "a huge chance"], r"\bchance[- ]?wasting\b",
         ["They lost on chance wasting."], ["The Danish People's Party won."],
         "The coach blamed the defeat on chance wasting.", "wasteful finishing"),
        # a word of a direction picks the alternative of its side (session 50)
        (["make a profit", "run at a loss"], r"\b(?:go|goes|went) with (?:profit|loss|surplus|deficit)\b",
         ["The hotel went with deficit."], ["The Danish People's Party won."],
         "The shop will go with loss this year.", "run at a loss"),
        (["relegated", "promoted"], r"\b(?:jerked|moved) (?:up|down)\b",
         ["The club jerked down."], ["The Danish People's Party won."],
         "The club jerked up after the season.", "promoted"),
        # a word the correction only capitalises goes with the words it replaces
        (["the Mountain Code"], r"\bmountain wit rules\b",
         ["Remember the mountain wit rules before you go."], ["Remember the Mountain Code before you go."],
         "Follow the mountain wit rules.", "Mountain Code"),
    ],
)
def test_an_entry_s_suggestion_fits_the_sentence_it_goes_into(english, rendering, flags, allows, sentence, suggestion):
    entry = _entry(english, rendering, flags, allows)
    assert entry.suggestion_for(next(entry.iter_matches(sentence))) == suggestion


@pytest.mark.parametrize(
    "word,an",
    [("oncoming", True), ("car", False), ("university", False), ("unidentified", True), ("uninsured", True),
     ("unanimous", False), ("Ukrainian", False), ("utility", False), ("usual", False), ("urgent", True),
     ("hour", True), ("European", False), ("one-off", False), ("onerous", True), ("MP", True), ("NRK", True),
     ("UN", False), ("X-ray", True), ("12", False), ("18", True), ("8", True), ("80", True), ("100", False),
     ("18000", True), ("–", None)],
)
def test_the_article_a_word_takes(word, an):
    from mtqa.lexicons import _an

    assert _an(word) is an


def test_an_article_is_changed_only_where_the_word_before_took_the_other():
    from mtqa.lexicons import _agree_article

    assert _agree_article("with a ", "car", "meeting") == "with a "
    assert _agree_article("with a ", "oncoming", "meeting") == "with an "
    assert _agree_article("with an ", "unanimous", "uncertain") == "with a "
    assert _agree_article("Plan A ", "oncoming", "meeting") == "Plan A "  # not an article


def test_an_article_is_none_of_a_clause_suggestions_business():
    from mtqa.checks.idioms import _fit_article

    text = "It is a near-lying thought that prices will rise."
    start = text.index("near")
    assert _fit_article(text, start, "it is reasonable to assume") == (start, "it is reasonable to assume")
    assert _fit_article(text, start, "obvious") == (text.index("a near"), "an obvious")


def test_an_article_cue_is_looked_for_in_the_whole_article_and_an_exclusion_anywhere_in_it(tmp_path):
    # one sense per article: "crown" is the virus only in an article about infection
    # that names no king, coin or tooth, wherever in the article those words are
    lexicon = tmp_path / "article.yaml"
    lexicon.write_text(CROWN_LEXICON, encoding="utf-8")
    checker = mtqa.Checker(select=["idiom"], fluency=False, lexicons=[lexicon])

    def lines(text):
        return [f.line for f in _idioms(checker.check(text)) if f.extra["lexicon_entry"] == "my-crown"]

    story = "Reader questions\n\nShe tested negative on Monday.\n\nIt rained.\n\nIt snowed.\n\nI have no crown, she says.\n"
    assert lines(story) == [9]  # the topic four sentences away
    assert lines(story.replace("tested negative", "stayed home")) == []  # no topic anywhere
    # the exclusion four sentences away, before or after
    assert lines(story.replace("It rained.", "The king rained.")) == []
    assert lines(story + "\nThe tooth fairy came.\n") == []
    # a link to another story is no part of the article: its exclusion does not silence
    # the entry, and its topic word does not make the article's topic
    link = "READ ALSO: The king is infected\n\n"
    assert lines(story.replace("It snowed.\n\n", "It snowed.\n\n" + link)) == [11]
    topic_link = "READ ALSO: Infection numbers rise\n\n"
    assert lines(story.replace("It snowed.\n\n", "It snowed.\n\n" + topic_link)) == [11]
    assert lines(story.replace("She tested negative", "She stayed home").replace("It snowed.\n\n", topic_link)) == []


def test_an_entry_decides_its_article_cues_once_for_a_document(tmp_path):
    # a long article with the rendering in every sentence: the cues are searched in the
    # article once, not once a sentence (which made a 10,000-word article 60 times slower)
    from mtqa import lexicons

    (entry,) = lexicons.parse(CROWN_LEXICON.encode(), "t").entries
    searched: list[str] = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, text, *args):
            searched.append(self.pattern.pattern)
            return self.pattern.search(text, *args)

    entry._cues.update({k: Counting(entry._cues[k]) for k in ("article", "not_article")})
    article = "\n".join(["She tested negative."] + [f"I have no crown, day {n}." for n in range(50)])
    found = [m.group() for n in range(50) for m in entry.iter_matches(f"I have no crown, day {n}.", document=article)]
    assert found == ["crown"] * 50
    assert len(searched) == 2  # the topic once, the exclusion once
    other = article.replace("negative", "negative for the king")
    assert not list(entry.iter_matches("I have no crown, day 1.", document=other))  # a new article, a new verdict
    assert len(searched) == 4


def test_article_cues_on_a_sentence_alone_look_in_the_sentence():
    from mtqa.lexicons import parse

    (entry,) = parse(CROWN_LEXICON.encode(), "t").entries
    assert [m.group() for m in entry.iter_matches("She tested negative and has no crown.")] == ["crown"]
    assert not list(entry.iter_matches("She has no crown."))
    assert [m.group() for m in entry.iter_matches("She has no crown.", around="She tested negative.")] == ["crown"]
    assert not list(entry.iter_matches("She has no crown.", around="The king tested negative."))
    assert not list(entry.iter_matches("She tested negative and has no crown.", document="She has no crown."))


_WORKPLACE = ["employer", "employee", "union representative"]


@pytest.mark.parametrize(
    ("norwegian", "meaning", "english", "found", "suggestion"),
    [
        # the Norwegian alternative the match renders part by part (tillit-s-valgt: trust, elected)
        ("arbeidsgiver / arbeidstaker / tillitsvalgt", "employer / employee / union representative", _WORKPLACE,
         "Main trust-elected Kari Lie says the staff are tired.", "union representative"),
        ("lisensjakt / skadefelling", "licensed hunting / culling of problem predators", ["licensed hunting", "culling"],
         "The council allowed damage felling of the wolf.", "culling"),
        # forms of one expression, not one meaning each: the first English
        ("arbeidsgiver / arbeidstaker / tillitsvalgt", "an employer", _WORKPLACE,
         "Main trust-elected Kari Lie says the staff are tired.", "employer"),
    ],
)
def test_an_entry_of_paired_senses_suggests_the_one_the_match_renders(norwegian, meaning, english, found, suggestion):
    entry = _entry(english, r"\b(?:trust-elected|damage felling)\b", [found], ["The Danish People's Party won."],
                   norwegian=norwegian, meaning=meaning)
    assert entry.suggestion_for(next(entry.iter_matches(found))) == suggestion


def test_a_wide_match_is_narrowed_to_the_words_its_suggestion_changes(tmp_path):
    """A rendering that takes the words around a calque to be sure of its sense reports the
    calque, with the suggestion narrowed alike (taking it gives the same sentence); a match
    of a few words, and one whose suggestion shares no first or last word with it, stay."""
    from mtqa.fix import Edit, apply

    lexicon = tmp_path / "wide.yaml"
    lexicon.write_text(
        """version: 1
entries:
  - id: my-uprising
    kind: false-friend
    norwegian: oppreisning
    meaning: compensation (for a wrong)
    english: [compensation]
    renderings: ['\\border(?:ed)? to pay (?P<sum>[\\d,.]+ kroner) in flubbery\\b']
    suggest: 'ordered to pay {sum} in compensation'
    examples: {flag: [He was ordered to pay 150,000 kroner in flubbery.], allow: [He was ordered to pay 150,000 kroner in compensation.]}
    confidence: 0.8
    severity: warning
    note: test entry
  - id: my-reviews
    kind: false-friend
    norwegian: anmeldelser
    meaning: police reports
    english: [police reports]
    renderings: ['\\breceived (?:over |about )?\\d+ zorbles after break-ins\\b']
    examples: {flag: [The police have received over 40 zorbles after break-ins.], allow: [The police have received over 40 reports.]}
    confidence: 0.8
    severity: warning
    note: test entry
  - id: my-glorbs
    kind: false-friend
    norwegian: anmeldelser
    meaning: police reports
    english: [police reports]
    renderings: ['\\bcounted (?:over |about )?\\d+ glorbs after the storm\\b']
    examples: {flag: [The police counted over 40 glorbs after the storm.], allow: [Police reports rose in March.]}
    confidence: 0.8
    severity: warning
    note: test entry
  - id: my-in-uprising
    kind: false-friend
    norwegian: i oppreisning
    meaning: in compensation
    english: [in compensation]
    renderings: ['\\bpaid in flubbery\\b']
    examples: {flag: [She was paid in flubbery.], allow: [She was paid in compensation.]}
    confidence: 0.8
    severity: warning
    note: test entry
""",
        encoding="utf-8",
    )
    checker = mtqa.Checker(select=["idiom"], fluency=False, lexicons=[lexicon])
    text = "Verdict\n\nThe man was ordered to pay 150,000 kroner in flubbery to the victim.\n"
    (finding,) = _idioms(checker.check(text))
    assert (finding.text, finding.suggestion) == ("flubbery", "compensation")
    assert apply(text, [Edit(finding.start, finding.end, finding.suggestion, finding)]) == (
        "Verdict\n\nThe man was ordered to pay 150,000 kroner in compensation to the victim.\n"
    )
    # the suggestion its examples teach ("... over 40 reports") changes the last words
    (finding,) = _idioms(checker.check("Burglaries\n\nThe police have received over 40 zorbles after break-ins.\n"))
    assert (finding.text, finding.suggestion) == ("zorbles after break-ins", "reports")
    # a suggestion that is the entry's English, sharing no word with the match: it stays
    (finding,) = _idioms(checker.check("Storm\n\nThe police counted over 40 glorbs after the storm.\n"))
    assert finding.text == "counted over 40 glorbs after the storm"
    # a match of a few words stays
    (finding,) = _idioms(checker.check("Verdict\n\nShe was paid in flubbery.\n"))
    assert (finding.text, finding.suggestion) == ("paid in flubbery", "paid in compensation")


def test_an_entry_written_with_an_apostrophe_matches_a_typographic_one(tmp_path):
    """A rendering written with ' ("old woman's advice") matches "old woman’s advice", as
    real pages write it: both the entry's pattern and the prefilter's strings read the
    text with its apostrophes folded; the suggestion keeps the article's ’."""
    lexicon = tmp_path / "apostrophe.yaml"
    lexicon.write_text(
        """version: 1
entries:
  - id: my-home-remedy
    kind: compound
    norwegian: kjerringråd
    parts: kjerring råd
    meaning: home remedy
    english: [a granny's cure]
    renderings: ['\\bold woman''s flubbery\\b']
    examples: {flag: [It is an old woman's flubbery against colds.], allow: [It is a granny's cure against colds.]}
    confidence: 0.8
    severity: warning
    note: test entry
""",
        encoding="utf-8",
    )
    checker = mtqa.Checker(select=["idiom"], fluency=False, lexicons=[lexicon])
    for apostrophe in ("'", "’"):
        text = f"Colds\n\nHoney is believed to be an old woman{apostrophe}s flubbery against colds.\n"
        (finding,) = _idioms(checker.check(text))
        assert finding.text == f"an old woman{apostrophe}s flubbery"  # with its article
        assert finding.suggestion == f"a granny{apostrophe}s cure"


def test_suggestion_fit_puts_each_suggestion_in_its_sentence(tmp_path):
    """benchmarks/suggestion_fit.py: each idiom finding's suggestion is put in place in
    its own sentence (the sentence the model judges), and a suggestion that leaves the
    text as it was is not counted."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import suggestion_fit

    (tmp_path / "a.txt").write_text(
        "Fire in Bergen\n\nThe fire started just before the clock 21 on Sunday. Nobody was hurt.\n", encoding="utf-8"
    )
    (found,) = suggestion_fit.fixes([tmp_path / "a.txt"])
    assert found["written"] == "The fire started just before the clock 21 on Sunday."
    assert found["fixed"] == "The fire started just before 9 pm on Sunday."
    assert suggestion_fit._odds("the") > suggestion_fit._odds("cruciate")


def test_a_lexicon_entry_and_id006_give_one_finding_for_an_attribution():
    """", informs NRK" is an entry's (an outlet put after its verb) and a hearer verb
    in the Norwegian order to ID006: one finding, the entry's, else taking both
    suggestions writes "NRK reportsNRK says"."""
    text = "Untitled\n\nTwo people were injured, informs NRK.\n"
    findings = _idioms(mtqa.check(text, select=["idiom"], fluency=False))
    assert [(f.code, f.text) for f in findings] == [("ID002", ", informs NRK")]
