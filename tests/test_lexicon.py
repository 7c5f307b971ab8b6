"""The Norwegian-English lexicon: schema, and every entry's own examples."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest

import mtqa
from mtqa import lexicons
from mtqa.checks.idioms import KIND_CODES
from mtqa.lexicons import LexiconError, parse

from .conftest import ROOT

LEXICON = lexicons.builtin()


def test_the_builtin_lexicon_is_valid_and_large():
    assert len(LEXICON) >= 250
    kinds = Counter(e.kind for e in LEXICON.entries)
    assert set(kinds) == set(lexicons.KINDS), kinds
    assert all(e.note and e.meaning and e.english for e in LEXICON.entries)


def _examples():
    for entry in LEXICON.entries:
        kind = sorted(entry.blocks)[0] if entry.blocks else "body"
        for text in entry.flag_examples:
            yield pytest.param(entry, text, kind, True, id=f"{entry.id}-flag")
        for text in entry.allow_examples:
            yield pytest.param(entry, text, "body", False, id=f"{entry.id}-allow")


@pytest.mark.parametrize("entry,text,kind,flagged", list(_examples()))
def test_entry_examples(entry, text, kind, flagged):
    """Every entry fires on its flag examples and not on its look-alikes."""
    assert bool(list(entry.matches(text, kind))) is flagged


def test_every_entry_with_renderings_has_a_flag_and_an_allow_example():
    for entry in LEXICON.entries:
        if entry.renderings:
            assert entry.flag_examples and entry.allow_examples, entry.id


def test_every_kind_maps_to_a_check_code():
    assert set(KIND_CODES) == set(lexicons.KINDS)
    codes = {c.code for c in mtqa.list_checks()}
    assert set(KIND_CODES.values()) <= codes


GOOD = b"""version: 1
entries:
  - id: tre-spor
    kind: idiom
    norwegian: tre spor
    meaning: three tracks
    english: [three tracks]
    renderings: ['\\bthree yards\\b']
    context: {blocks: [heading]}
    source: ['\\btre spor\\b']
    confidence: 0.9
    severity: error
    examples: {flag: [three yards], allow: [He ran three yards.]}
    note: test
"""


@pytest.mark.parametrize(
    "change,message",
    [
        ((b"kind: idiom", b"kind: proverb"), "kind must be one of"),
        ((b"severity: error", b"severity: fatal"), "unknown severity"),
        ((b"['\\bthree yards\\b']", b"['three (yards']"), "bad regular expression"),
        ((b"    note: test\n", b""), "missing note"),
        ((b"confidence: 0.9", b"confidence: 2"), "confidence must be"),
        ((b"context: {blocks: [heading]}", b"context: {blocks: [sidebar]}"), "context.blocks"),
        ((b"version: 1", b"version: 7"), "version: 1"),
        ((b"id: tre-spor", b"id: Tre Spor"), "id must be"),
    ],
)
def test_schema_errors_name_the_entry_and_the_field(change, message):
    parse(GOOD, "good.yaml")  # the unchanged file is valid
    bad = GOOD.replace(*change)
    assert bad != GOOD
    with pytest.raises(LexiconError, match=message):
        parse(bad, "bad.yaml")


def test_a_user_lexicon_adds_entries(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_bytes(GOOD.replace(b"tre-spor", b"my-tre-spor"))
    combined = lexicons.load([path])
    assert len(combined) == len(LEXICON) + 1
    with pytest.raises(LexiconError, match="cannot be read"):
        lexicons.load([tmp_path / "missing.yaml"])


def test_the_builtin_lexicon_is_every_yaml_file_beside_the_loader():
    files = lexicons.builtin_files()
    assert files[0] == lexicons.BUILTIN and len(files) > 1
    assert {e.origin for e in LEXICON.entries} == set(files)
    assert len(LEXICON) >= 500


def test_entries_learnt_from_development_pages_are_marked_and_kept_apart():
    """Page-learnt entries say so in one field value (benchmarks report recall
    without them); no other entry names the pages."""
    page = "realworld dev page"
    for entry in LEXICON.entries:
        if entry.origin == "dev_pages.yaml":
            assert entry.provenance == page, entry.id
        else:
            assert "realworld" not in f"{entry.provenance} {entry.note}".lower(), entry.id
            assert "dev page" not in f"{entry.provenance} {entry.note}".lower(), entry.id


@pytest.mark.parametrize(
    "hour,minute,expected",
    [("21", None, "9 pm"), ("0", None, "midnight"), ("12", None, "noon"), ("07", "30", "7.30 am"),
     ("12", "15", "12.15 pm"), ("24", None, "midnight"), ("25", None, None), ("9", "75", None)],
)
def test_clock_times_are_rendered_as_english_news_writes_them(hour, minute, expected):
    assert lexicons.clock_time(hour, minute) == expected


@pytest.mark.parametrize(
    "hour,after,expected",
    [("ten", " Tuesday forenoon", "10 am"), ("seven", " in the evening", "7 pm"), ("nine", ".", "9 o'clock"),
     ("twelve", " at night", "midnight"), ("21", " in the evening", "9 pm")],
)
def test_an_hour_in_words_takes_its_half_of_the_day_from_the_words_after_it(hour, after, expected):
    # session 50: "klokka ti tirsdag formiddag" is of the 12-hour clock
    assert lexicons.clock_time(hour, None, after) == expected


def test_a_suggest_template_is_filled_from_the_slots():
    import re

    m = re.search(r"(?P<mod>just )?(?P<prep>before) the clock (?P<hour>\d+)", "Just before the clock 21", re.I)
    assert lexicons.render_suggestion("{mod}{prep} {time}", m) == "Just before 9 pm"
    m = re.search(r"night to (?P<day>\w+)", "night to monday")
    assert lexicons.render_suggestion("on {day_before} night", m) == "on Sunday night"
    m = re.search(r"(?:(?P<prep>at) )?clock half (?P<half>\w+)", "clock half nine")
    assert lexicons.render_suggestion("{prep|at} {half_time}", m) == "at 8.30"
    m = re.search(r"night to (?P<day>\w+)", "night to tomorrow")
    assert lexicons.render_suggestion("on {day_before} night", m) is None


@pytest.mark.parametrize(
    "text,expected",
    [("says Kari Lie to NRK", "Kari Lie tells NRK"), ("said Lie to VG", "Lie told VG"),
     ("confirmed Lie to NTB", "Lie confirmed to NTB")],
)
def test_a_quote_tag_before_an_outlet_is_turned_round(text, expected):
    import re

    m = re.fullmatch(r"(?P<verb>\w+) (?P<name>(?:[A-Z]\w+ )+)to (?P<outlet>\w+)", text)
    assert lexicons.render_suggestion("{name}{tell} {outlet}", m) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("five over half nine", "8.35"), ("five to half nine", "8.25"), ("ten past half 3", "2.40"),
     ("ten on half one", "12.20"), ("twenty over half nine", "8.50"), ("thirty over half nine", None),
     ("five over half 20", "7.35 pm"), ("ten over half 24", "11.40 pm")],
)
def test_half_hours_with_minutes_before_or_after_them_are_computed(text, expected):
    import re

    m = re.fullmatch(r"(?P<offset>\w+) (?P<side>over|past|to|on) half (?P<half>\w+)", text)
    assert lexicons.render_suggestion("{half_time}", m) == expected


def test_defaults_derived_source_and_suggest_slots_are_checked():
    doc = b"""version: 1
defaults: {kind: literal, confidence: 0.8, severity: warning, note: shared note}
entries:
  - id: motende-bil
    norwegian: m\xc3\xb8tende bil / m\xc3\xb8tende trafikk
    meaning: oncoming car
    english: [oncoming car]
    renderings: ['\\bmeeting car\\b']
    examples: {flag: [a meeting car], allow: [an oncoming car]}
"""
    (entry,) = parse(doc, "d.yaml").entries
    assert entry.note == "shared note" and entry.kind == "literal"
    assert entry.in_source("Bilen traff en m\u00f8tende bil i svingen.")
    assert not entry.in_source("Bilen traff en bil i svingen.")
    bad = doc.replace(b"    examples:", b"    suggest: 'at {time}'\n    examples:")
    with pytest.raises(LexiconError, match="no named group"):
        parse(bad, "bad.yaml")


def test_loading_the_lexicon_compiles_no_pattern():
    # what keeps start-up short (timed in benchmarks/README.md, not asserted here): an
    # entry's patterns are compiled on first use, and only the renderings a sentence needs
    folder = lexicons.resources.files("mtqa.lexicons")
    name = lexicons.builtin_files()[0]
    entries = parse(folder.joinpath(name).read_bytes(), name, validate=False).entries  # as builtin() does
    assert entries and all("_compiled" not in vars(e) and "_cues" not in vars(e) for e in entries)
    entry = next(e for e in entries if len(e.rendering_patterns) > 1)
    entry.rendering(1)
    assert entry._compiled[0] is None and entry._compiled[1] is not None
    # a user's file is validated, so compiled at once, and kept
    validated = parse(folder.joinpath(name).read_bytes(), name).entries[0]
    assert all(p is not None for p in validated._compiled)


def test_the_substring_prefilter_admits_every_flag_example():
    """Each entry is tried only on sentences holding one of its renderings'
    required strings: its own flag examples must all get through."""
    for entry, needles in LEXICON.anchors:
        for text in entry.flag_examples:
            assert needles is None or any(n in text.lower() for n in needles), (entry.id, text)
    assert sum(needles is None for _, needles in LEXICON.anchors) < 20


def test_required_literals_of_a_rendering():
    import re

    assert lexicons.required_literals(re.compile(r"\b(?:just )?before the clock (?P<hour>\d+)", re.I)) == {
        "before the clock "}
    assert lexicons.required_literals(re.compile(r"\b(?:smoke|fire) divers?\b")) == {" diver"}
    assert lexicons.required_literals(re.compile(r"\b\d+ [a-z]+\b")) is None


def test_candidates_by_three_letter_index_equal_a_scan_of_every_entry():
    """The indexed prefilter lets through exactly the entries a substring scan would."""
    from mtqa.api import Checker
    from mtqa.checks.idioms import lexicon_for

    lexicon = lexicon_for(Checker(fluency=False).context)
    sentences = [s for entry, _ in lexicon.anchors for s in (*entry.flag_examples, *entry.allow_examples)]
    sentences += ["", "ab", "The police have control of the scene.", "KLOKKEN 21 I NATT"]
    for k, sentence in enumerate(sentences):
        if k % 3 and k < len(sentences) - 4:  # a third of the examples (and the four above): the scan is slow
            continue
        low = sentence.lower()
        scanned = [e for e, needles in lexicon.anchors if needles is None or any(n in low for n in needles)]
        assert list(lexicon.candidates(sentence)) == scanned, sentence
        if k % 9 and k < len(sentences) - 4:
            continue
        # and per rendering (a ninth of them): exactly the renderings whose required strings are there
        per_rendering = [
            (e, tuple(r for r, needles in enumerate(per) if needles is None or any(n in low for n in needles)))
            for e, per in lexicon._rendering_needles
        ]
        assert list(lexicon.candidate_renderings(sentence)) == [(e, rs) for e, rs in per_rendering if rs], sentence


def test_a_rendering_that_matches_is_never_held_back_by_the_prefilter():
    """Every rendering that matches one of its entry's flag examples is among the
    renderings the prefilter lets through for that sentence."""
    for entry, _ in LEXICON.anchors:
        for text in entry.flag_examples:
            through = dict((e.id, rs) for e, rs in LEXICON.candidate_renderings(text))
            for r, pattern in enumerate(entry.renderings):
                if any(m.start() != m.end() for m in pattern.finditer(text)):
                    assert r in through.get(entry.id, ()), (entry.id, r, text)


def test_required_strings_prefer_rare_words_and_join_a_prefix_to_its_alternatives():
    import re

    # " to" is in nearly every sentence: the verb forms are the better filter
    assert lexicons.required_literals(re.compile(r"\bla(?:y|ys|id) (?:\w+ )?to\b", re.I)) == {"lay", "lays", "laid"}
    assert lexicons.required_literals(re.compile(r"\bthe (?:district|supreme) right\b", re.I)) == {
        "the district", "the supreme"}


def test_every_flag_example_is_reported_by_the_check_end_to_end():
    """The check adds guards of its own to an entry's match (a proper name continued, a
    gloss given on purpose, a compound whose last word is a verb): none may silence an
    entry's own flag example as a sentence of an article.  Left out: entries that match
    only in a heading or a byline, examples that are a byline ("Of NTB | Published
    Monday", page furniture to the article reader), and examples whose abbreviation dot
    ("1. July", "kl.", "mill.") the sentence splitter takes for a full stop.  An entry's
    Norwegian left as it is ("f.eks.", "merd") is UT006's, which reports it with the
    entry's English (UT001's where UT001 finds the word: "sludd", "hybel"), and a body's or
    an outlet's name translated word for word that the gazetteer knows too ("The People's
    Health Institute") is NC005's (session 29)."""
    checker = mtqa.Checker(select=["idiom", "UT001", "UT006", "NC005"], fluency=False)
    block_bound = {e.id for e in LEXICON.entries if e.blocks and "body" not in e.blocks}
    dotted = re.compile(r"\b(?:\d{1,2}\.\s+[A-Z]|kl\.|mill\.)| \| ")
    silent = [
        (entry.id, text)
        for entry in LEXICON.entries
        if entry.id not in block_bound
        for text in entry.flag_examples
        if not dotted.search(text) and not checker.check("News\n\n" + text + "\n").findings
    ]
    assert silent == []


def test_no_entry_reports_its_own_english():
    """The English an entry suggests is never one of its renderings: such an entry
    would report the text the user wrote on its advice ("Easter crime fiction" for
    *påskekrim*, once matched by "Easter crime")."""
    circular = [(entry.id, english) for entry in LEXICON.entries for english in entry.reports_its_english()]
    assert circular == []


# two neutral sentences between two examples: a topic cue may stand in the two sentences
# either side and in the title (which names no topic here: not "Title", a boxing word),
# and the examples are not one article (two different ones: a line repeated is furniture)
_HEAD, _SEPARATOR = "Untitled", "\n\nYes.\n\nNo.\n\n"


def _idiom_findings(sentences: tuple[str, ...]) -> tuple[str, list]:
    """The sentences as one text, and its idiom findings by their start."""
    text = _HEAD + _SEPARATOR + _SEPARATOR.join(sentences)
    # ID009 reads an article's terms together: here the sentences are not one article
    findings = mtqa.check(text, select=["idiom"], ignore=["ID009"], fluency=False).findings
    return text, sorted(findings, key=lambda f: f.start)


_EVERY_FLAG_EXAMPLE = tuple(sorted({s for e in LEXICON.entries for s in e.flag_examples}))


@cache
def _every_flag_example_checked() -> tuple[str, list]:
    """:func:`_idiom_findings` of every flag example, a minute's check that two tests read."""
    return _idiom_findings(_EVERY_FLAG_EXAMPLE)


def _accept_suggestions(sentences: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Each sentence with every idiom finding's suggestion put in place of its span
    (as ``mtqa check --fix`` applies edits), and the findings whose suggestion is a
    pattern to fill by hand ("<name> tells <outlet>"), which are left as they are."""
    from mtqa.fix import Edit, apply

    asked = tuple(sentences)
    text, findings = _every_flag_example_checked() if asked == _EVERY_FLAG_EXAMPLE else _idiom_findings(asked)
    by_hand = [(f.text, f.suggestion or "") for f in findings if not f.suggestion or "<" in f.suggestion]
    edits = [Edit(f.start, f.end, f.suggestion, f) for f in findings if f.suggestion and "<" not in f.suggestion]
    return apply(text, edits)[len(_HEAD + _SEPARATOR) :].split(_SEPARATOR), by_hand


def test_accepting_every_suggestion_gives_text_the_idiom_check_accepts():
    """A user who takes each suggestion for an entry's flag example ends with a
    sentence mtqa no longer reports (in at most three rounds: a sentence may hold two
    calques, one inside the other's span), except where the suggestion is a pattern
    to fill in by hand."""
    sentences = list(_EVERY_FLAG_EXAMPLE)
    for _ in range(3):
        fixed, _by_hand = _accept_suggestions(sentences)
        if fixed == sentences:
            break
        sentences = fixed
    fixed, by_hand = _accept_suggestions(sentences)
    assert fixed == sentences, [(a, b) for a, b in zip(sentences, fixed) if a != b][:10]
    assert all("<" in s for _, s in by_hand), by_hand


def test_lexicon_check_counts_the_suggestions_that_give_a_corrected_example():
    """benchmarks/lexicon_check.py counts a flag example as corrected when, with the
    entry's suggestion taken, it is word for word an allow example: here the first
    ("the thing house" -> "the courthouse"), not the second (the allow example is
    a look-alike, and the suggestion "courthouse" replaces all of "thing houses of")."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from lexicon_check import corrections

    (entry,) = lexicons.parse(
        b"""version: 1
entries:
- id: tinghus-test
  kind: compound
  norwegian: tinghus
  meaning: courthouse
  english: [courthouse]
  renderings: ['\\bthing ?house\\b', '\\bthing houses of\\b']
  confidence: 0.8
  severity: warning
  examples:
    flag: [The trial takes place at the thing house., Both thing houses of the county closed.]
    allow: [The trial takes place at the courthouse., The houses of the county closed early.]
  note: test
""",
        "test",
    ).entries
    assert corrections(entry) == (2, 1)


@pytest.mark.parametrize("article", ["", "a ", "an ", "the "])
def test_a_suggestion_taken_leaves_no_article_twice_and_none_that_disagrees(article):
    """Every flag example, and each of them with "a", "an" or "the" put before its
    match (inside the sentence, where none is there, and where the suggestion is a
    noun phrase, not "is entitled to"): with every suggestion taken,
    no article or other word stands twice ("The the governing parties", "an a gentle
    breeze", "listened to to the warnings", "The test test positive") and
    no "a"/"an" disagrees with the word after it ("a unequal treatment") where the
    sentence had none that did."""
    from mtqa.checks.idioms import _a_noun_phrase
    from mtqa.lexicons import _an

    # (not "head-on on the E18": the first "on" ends a hyphenated word)
    double = re.compile(r"\b(?:a|an|the)\s+(?:a|an|the)\b|(?<![-'’])\b(?!(?:that|had)\b)(\w+)\s+\1\b(?![-'’])", re.IGNORECASE)
    before_article = re.compile(r"\b(?:a|an|the)\s*$", re.IGNORECASE)

    def disagrees(text: str) -> bool:  # before a noun phrase ("an this morning" is the input's own odd article)
        return any(_an(word) is not None and _an(word) != (art.lower() == "an") and _a_noun_phrase(word)
                   for art, word in re.findall(r"\b(an?)\s+([^\W\d_][\w-]*)", text, re.IGNORECASE))

    sentences = []
    for entry in LEXICON.entries:
        for flag in entry.flag_examples:
            match = next(entry.iter_matches(flag), None)
            if match is None:
                continue
            if not article:
                sentences.append(flag)
                continue
            if match.start() == 0 or before_article.search(flag[: match.start()]) or entry.is_composed(match) or re.match(
                r"(?:a|an|the)\b", match.group(), re.IGNORECASE
            ):
                continue
            changed = flag[: match.start()] + article + flag[match.start() :]
            again = next(entry.iter_matches(changed), None)
            if again is not None and _a_noun_phrase(entry.suggestion_for(again)):
                sentences.append(changed)
    fixed, _ = _accept_suggestions(sentences)
    odd = [(a, b) for a, b in zip(sentences, fixed)
           if (double.search(b) and not double.search(a)) or (disagrees(b) and not disagrees(a))]
    assert odd == []


def test_lexicon_check_reads_a_control_sentence_in_its_article(tmp_path, capsys):
    """An entry's article cue may be satisfied by another sentence of the same NTREX
    document (or clean-norway file): benchmarks/lexicon_check.py must report that match
    on the controls, and not one whose article lacks the cue."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import lexicon_check

    ntrex = tmp_path / "ntrex"
    ntrex.mkdir()
    (ntrex / "newstest2019-src.eng.txt").write_text(
        "The crown was stolen.\nShe tested positive.\nThe crown was polished.\nIt rained.\n", encoding="utf-8"
    )
    (ntrex / "DOCUMENT_IDS.tsv").write_text("a\na\nb\nb\n", encoding="utf-8")
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(
        """version: 1
entries:
- id: crown-test
  kind: false-friend
  norwegian: korona
  meaning: the coronavirus
  english: [corona]
  renderings: ['\\bcrown\\b']
  confidence: 0.8
  severity: warning
  context: {article: '\\btested\\b'}
  examples: {flag: [She tested positive for crown.], allow: [She tested positive for corona.]}
  note: test entry
""",
        encoding="utf-8",
    )
    assert lexicon_check.main([str(lexicon), "--data", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "matches ntrex: 'crown' in 'The crown was stolen.'" in out
    assert "polished" not in out


def test_lexicon_check_reads_each_control_sentence_where_it_stands(tmp_path):
    """benchmarks/lexicon_check.readings: a line found in two NTREX documents is read in
    each; a clean-norway article is its text without the furniture (as mtqa reads it);
    the text where a topic cue may be is the same document's title and two sentences
    either side (furniture left out), "" where there are none."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import lexicon_check

    ntrex = tmp_path / "ntrex"
    ntrex.mkdir()
    (ntrex / "newstest2019-src.eng.txt").write_text("It rained.\nShe tested positive.\nIt rained.\n", encoding="utf-8")
    (ntrex / "DOCUMENT_IDS.tsv").write_text("a\na\nb\n", encoding="utf-8")
    clean = tmp_path / "clean-norway"
    clean.mkdir()
    (clean / "one.txt").write_text(
        "Reader questions\n\nShe stayed home on Monday.\n\nREAD ALSO: The king is tested\n\nI have no crown, she says.\n",
        encoding="utf-8",
    )
    rows = lexicon_check.readings(tmp_path)
    assert rows["ntrex"] == [
        ("It rained.", "body", "It rained.\nShe tested positive.", "She tested positive."),
        ("She tested positive.", "body", "It rained.\nShe tested positive.", "It rained."),
        ("It rained.", "body", "It rained.", ""),
    ]
    (article,) = {a for _, _, a, _ in rows["clean-norway"]}
    assert "crown" in article and "READ ALSO" not in article and "king" not in article
    crown = [r for r in rows["clean-norway"] if r[0].startswith("I have no crown")]
    assert crown == [("I have no crown, she says.", "body", article, "Reader questions\nShe stayed home on Monday.")]
    assert lexicon_check.controls(tmp_path)["ntrex"] == [(t, k) for t, k, _, _ in rows["ntrex"]]


@pytest.mark.parametrize(
    ("suggestion", "found", "expected"),
    [
        ("turns 88", "fills 50 years", "turns 50"),  # the English's example age, the match's own
        ("Not until Saturday", "First on Monday comes", "Not until Monday"),
        ("is due in April", "the term is in June", "is due in June"),
        ("Not until Saturday", "First in March will", "Not until March"),  # a month for a weekday
        ("turned 88", "filled 88 years", "turned 88"),  # the same value
        ("50 km", "15 mil", "50 km"),  # a unit the English converts into: not carried
        ("rating: 5/6", "die roll 4", "rating: 5/6"),  # two values: which is which is not known
        ("made it 2-0", "set in 1-1", "made it 2-0"),
        ("30th anniversary", "21-year jubilee", "21st anniversary"),  # the ordinal's suffix made again
        ("20 miles", "5 mil", "20 miles"),  # another unit
        ("at 2 pm", "before the clock 14", "at 2 pm"),  # a clock time is computed by its rule, not carried
        ("turns 5", "fills 50 years", "turns 50"),  # whole numbers, not "5" inside "50"
    ],
)
def test_a_value_of_the_entrys_english_is_the_matchs_own(suggestion, found, expected):
    assert lexicons.carry_values(suggestion, found) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She fills 50 years next week.", ("fills 50 years", "turns 50")),
        ("First on Monday comes the answer from the ministry.", ("First on Monday comes", "Not until Monday comes")),
        ("The extreme weather “Ingrid” has caused power cuts in Troms.", ("The extreme weather “Ingrid”", "Storm Ingrid")),
        ("Unemployment rose to 3,5 percent in March.", ("3,5 percent", "3.5 percent")),
        ("Shops stay closed on the second day of Easter.", ("second day of Easter", "Easter Monday")),
        ("Lie put in the 3–2 on a free kick, after 70 minutes.", ("put in the 3–2", "made it 3–2")),
        ("The family had to drive 15 mil to the nearest hospital.", ("15 mil", "150 km")),
        ("She went on a three-mile ski trip in Nordmarka on Sunday.",
         ("a three-mile ski trip", "a 30-kilometre ski trip")),
        ("He was measured driving in 112 in a 60 zone.", ("in 112", "at 112 km/h")),
    ],
)
def test_a_suggestion_takes_its_values_from_the_match_not_from_an_example(text, expected):
    """Issue 15: "before the clock 21" got "at 2 pm", copied from an example. Numbers,
    days, names and distances of a suggestion are the match's, computed where they
    change (a Norwegian mil is 10 km)."""
    findings = mtqa.check(f"Untitled\n\n{text}\n", select=["idiom"], fluency=False).findings
    assert [(f.text, f.suggestion) for f in findings] == [expected]


def test_expecting_twins_is_english():
    assert mtqa.check("Untitled\n\nShe is expecting twins in May.\n", select=["idiom"], fluency=False).findings == []
    (finding,) = mtqa.check("Untitled\n\nShe is waiting twins in May.\n", select=["idiom"], fluency=False).findings
    assert (finding.text, finding.suggestion) == ("is waiting twins", "is expecting twins")


#: A negation, and the words that say one in other words ("refuse to give up" for "do not
#: give themselves"; "out of the question" for "not relevant"; "unbearable" for "not to live with").
_NEGATION = re.compile(r"\b(?:not|never|no|cannot)\b|n['’]t\b", re.I)
_SAYS_NO = re.compile(
    r"\b(?:not|never|no|nor|neither|none|nothing|nobody|cannot|without|refus\w*|fail\w*|unable|lack\w*"
    r"|un\w+(?:able|ible|ive))\b|n['’]t\b|\bout of the question\b|\bright\?",
    re.I,
)


#: Entries whose suggestion says the match's "no" or "not" with a word of the opposite
#: sense, or whose "no" is an interjection, not a negation.
_SAID_WITH_AN_ANTONYM = {
    "r12-vrb-ut-pa-tur": "'never sour' -> 'always lifts your mood'",
    "r12-thg-kua-glemmer": "'doesn't remember' -> 'forget'",
    "r6-s0-takke-nei-thank-no": "'thanked no to' -> 'declined'",
    "r33t-a-ja-nei-vel": "'No well.' (nei vel, an interjection) -> 'All right.'",
    "r33t-a-interjeksjoner": "'No but hello' (nei men hei, an interjection) -> 'Well hello'",
}


def test_a_suggestion_taken_keeps_the_negation_of_the_words_it_replaces():
    """A match that holds a negation ("did not have advice to bid", *ikke ha råd til*)
    gets a suggestion that keeps it ("did not have the money to bid", not "afford"):
    taking it must not turn the sentence's meaning round ("is no hinder to" was once
    "is an obstacle to"). Each flag example with a negation is checked with every idiom
    finding's suggestion put in place; the replaced words' negations must be said again
    by the words put in."""
    assert set(_SAID_WITH_AN_ANTONYM) <= {e.id for e in LEXICON.entries}
    sentences = sorted({
        s for e in LEXICON.entries if e.id not in _SAID_WITH_AN_ANTONYM for s in e.flag_examples if _NEGATION.search(s)
    })
    fixed, _by_hand = _accept_suggestions(sentences)
    turned = [
        (before, after)
        for before, after in zip(sentences, fixed, strict=True)
        if len(_SAYS_NO.findall(after)) < len(_NEGATION.findall(before))
    ]
    assert turned == []


#: A capitalised word (a name, or a word of one) and a number.
_NAME_WORD = re.compile(r"(?<![\w’'])[A-ZÆØÅ][A-Za-zÆØÅæøå]+")
_NUMBER = re.compile(r"\d+")
#: What ends a sentence or opens a quote: the word after it is capitalised for that alone.
_OPENS = re.compile(r"(?:^|[.!?:;»”\"“«‘–—(]|\n)\s*$")


def _lost_names_and_numbers(text: str, finding, entry) -> list[str]:
    """The names and numbers of a finding's span that its suggestion does not say again,
    where the entry does not spell them itself (it translates that name: "Law Man's
    Right" -> "Court of Appeal") and the suggestion holds no number of its own (a value
    converted: "the clock 21" -> "9 pm")."""
    spelt = " ".join((*entry.rendering_patterns, *entry.english, *entry.composed)).casefold()
    suggestion = finding.suggestion.casefold()
    lost = [
        m.group() for m in _NAME_WORD.finditer(finding.text)
        if not _OPENS.search(text[: finding.start + m.start()][-6:])
        # the name, or its stem in another form ("Norway record" -> "Norwegian record")
        and m.group()[:4].casefold() not in suggestion and m.group().casefold() not in spelt
    ]
    if not _NUMBER.search(finding.suggestion):
        lost += [n for n in _NUMBER.findall(finding.text) if n not in spelt]
    return lost


#: Entries whose suggestion rightly drops a capitalised word or number of its span.
_DROPS_A_WORD_OF_A_NAME = {
    "kommune-township": "'Township' is the word translated ('Dalheim Township' -> 'Dalheim municipality')",
    "r33t-s-heimevernet": "'Defence' of 'Home Defence' is the word translated (Heimevernet: the Home Guard)",
    "r33t-s-sjoforsvaret": "'Naval Defense' is the calque translated (Sjøforsvaret: the Navy)",
    "r33t-s-sametinget": "'Samething' is the calque translated (Sametinget: the Sami Parliament)",
    "r21-kongeskipet": "'King' is of the name translated (kongeskipet: the royal yacht)",
    "gk-pol-forsvaret": "'Defence' is the calque of the name translated (Forsvaret: the Armed Forces)",
    "gk-sport-spellemann": "'Playman' is the calque of the award's name translated (Spellemann)",
    "gk-sport-spellemann-b": "'Golden Pane' is the calque of the award's name translated (Gullruten)",
    "gk-cq1-kulturminne": "'Cultural Memory Act' is the calque of the name translated (the Cultural Heritage Act)",
    "kommune-township-w33": "'Commune' is the word translated ('Dalheim Commune' -> 'Dalheim municipality')",
    "r37-h2-asker": "'Ashes' is the calque of the place name translated (Asker)",
    "r36-1b-tornerose": "'Thornrose' is the calque of the title translated (Tornerose: Sleeping Beauty)",
    "r6-s0-fhi-people-health": "'People Health' is the calque of the name translated (Folkehelseinstituttet)",
}


def test_a_suggestion_taken_keeps_the_names_and_numbers_of_the_words_it_replaces():
    """A suggestion replaces its whole span, so a name or number inside the span must be in
    it: "sets off 200 million" -> "sets aside money" lost the sum, "were laid in at Sørlandet
    hospital" -> "were admitted to hospital" the hospital, "about the race in Romsdalen" ->
    "the landslide" the place. Each flag example is read with every idiom finding's
    suggestion; a capitalised word that is not its sentence's or quote's first, and a
    number, of the replaced words must be said again, or be spelt by the entry itself."""
    assert set(_DROPS_A_WORD_OF_A_NAME) <= {e.id for e in LEXICON.entries}
    by_id = {e.id: e for e in LEXICON.entries}
    text, findings = _every_flag_example_checked()
    lost = sorted(
        (entry.id, f.text, f.suggestion, words)
        for f in findings
        if f.suggestion and "<" not in f.suggestion
        and (entry := by_id.get((f.extra or {}).get("lexicon_entry"))) is not None
        and entry.id not in _DROPS_A_WORD_OF_A_NAME
        and (words := _lost_names_and_numbers(text, f, entry))
    )
    assert lost == []
