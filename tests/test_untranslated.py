"""Untranslated Norwegian: the dictionary, glosses, names and institutions."""

from __future__ import annotations

import pytest

import mtqa
from mtqa.checks.untranslated import dictionary, glossary, institutions, lexicon_glossary, translate


@pytest.mark.parametrize(
    "word,english",
    [
        ("farevarsel", "weather warning"),  # an entry
        ("snøgrensa", "the snow line"),  # definite feminine
        ("nødetater", "emergency services"),  # plural
        ("røykdykkerne", "the firefighters in breathing apparatus"),  # definite plural, the head made plural
        ("snøbygene", "the snow showers"),  # compound, definite plural
        ("sluddbyger", "sleet showers"),  # compound, plural
        ("værtaperen", "the weather loser"),  # compound, definite
        ("stolene", "the chairs"),  # the dictionary of senses, definite plural
        ("avisbonden", "the newspaper farmer"),  # an (invented) compound of two of its entries
        ("xyzzy", None),
    ],
)
def test_translate(word, english):
    assert translate(word) == english


@pytest.mark.parametrize(
    "word,english",
    [
        ("skadefryd", "schadenfreude"),  # not "injury joy", the compound of its parts
        ("trollmannen", "the wizard"),  # definite: "the" and the lexicon's English
        ("strandkanten", "the water's edge"),  # the entry also lists "i strandkanten", a phrase
        ("hodeskaller", "skulls"),  # plural
        ("kommunestyret", "the municipal council"),  # a form the entry lists after its first
        ("kongeriket", "the kingdom"),  # definite of a neuter noun in -e
        ("vikeplikt", "duty to give way"),  # a compound's English of four words
        ("kjempegod", "great"),  # the glossary's, not "fight good" built from its parts, which the lexicon reports
        # the review of session 13: what the first version of the above got wrong
        ("åpnet", None),  # the past tense of åpne (open), not "the open"
        ("fasitene", "the right answers"),  # not "the the right answers"
        ("dritkult", "really cool"),  # the news glossary's word, not "the really cool" (dritkul read as definite)
        ("satsen", "the rate"),  # the lexicon's ski-jump take-off is bound to a topic
        ("jegerne", "the hunters"),  # the military rangers too
        ("fem", "five"),  # "fem/ti/tjue over <hour>" is one phrase with a slot, not three words
        ("startlån", "starter loan"),
    ],
)
def test_translate_takes_the_idiom_lexicons_english_before_a_compound_of_parts(word, english):
    assert translate(word) == english


@pytest.mark.parametrize(
    "word,english",
    [
        ("meslinger", "measles"),  # the glossary of the less frequent words
        ("promille", "blood alcohol level"),  # the glossary's, where the usual sense ("per mille") is a calque
        ("urinprøven", "the urine sample"),  # its noun, definite
        ("spillefilmer", "feature films"),  # plural
        ("tilsvarende", None),  # no compound of a glossary word: not "reply end" (tilsvar + ende)
        ("underholdende", None),  # nor "maintenance end"
        ("skuffet", None),  # the past tense of skuffe (disappoint), not the glossary's skuff, "the drawer"
    ],
)
def test_the_glossary_gives_the_english_of_a_whole_word_the_dictionaries_lack(word, english):
    assert translate(word) == english


@pytest.mark.parametrize(
    "word,english",
    [
        ("lærere", "teachers"),  # the plural of an -er noun (lærer), -e added
        ("samboere", "partners"),
        ("evakuert", "evacuated"),  # a loan verb's past participle, its English inflected
        ("permittert", "temporarily laid off"),  # the verb of a phrase, not its adverb
        ("implisert", "implied"),  # a verb in -ly is a verb
        ("programmert", "programmed"),  # British spelling
        # the review of session 43: what the first version of the rules got wrong
        ("viktigere", None),  # a comparative (more important), not "bay tigers", a plural of vik + tiger
        ("varmere", None),  # warmer, not "warms"
        ("innovere", None),  # a verb's infinitive, not "inwards"
        ("nettbasert", None),  # not "netted base": a compound's participle is not built from its parts
        ("hermetisert", None),  # no participle of "can", a modal
    ],
)
def test_plurals_of_er_nouns_and_participles_of_loan_verbs(word, english):
    assert translate(word) == english


def test_a_participle_needs_an_english_verb():
    from mtqa.checks.untranslated import _participle

    assert _participle("cancel") == "cancelled"  # British spelling, as the glossary's
    assert _participle("fuel") == "fuelled" and _participle("appeal") == "appealed"
    assert _participle("lay off") == "laid off"
    assert _participle("get") == "got"
    assert _participle("quickly") is None  # no verb in it: no participle made up
    assert _participle("finished") is None  # inflected already: not "finisheded"


def test_no_suggestion_for_a_frequent_norwegian_word_is_a_calque_the_idiom_check_reports():
    """UT001's English for the 30,000 most frequent Norwegian words of eight letters or
    more (most of them compounds, whose English is built from the parts where no
    dictionary has it) is never a rendering the idiom lexicon reports (48 were, such
    as "kongeriket" -> "the king rich", "minusgrader" -> "minus degrees")."""
    from wordfreq import top_n_list

    words = [w for w in top_n_list("nb", 60000) if len(w) >= 8 and w.isalpha()]
    sentences = [f"We saw the {english} there." for w in words if (english := translate(w))]
    assert len(sentences) > 10000
    # ID009 reads an article's terms together: these sentences are not one article (nor are
    # two of them one topic: two neutral sentences between two, as a topic cue may stand in
    # the two sentences either side and the title, which names no topic here; two different
    # sentences, as a line repeated is furniture)
    report = mtqa.check(
        "Untitled\n\n" + "\n\nYes.\n\nNo.\n\n".join(sentences), select=["idiom"], ignore=["ID009"], fluency=False
    )
    assert [(f.code, f.text) for f in report.findings] == []


@pytest.mark.parametrize(
    "english,plural",
    [("level of difficulty", "levels of difficulty"), ("weather warning for the coast", "weather warnings for the coast"),
     ("on sick leave", "on sick leave"), ("weather warning", "weather warnings"), ("city", "cities"),
     ("greenhouse gas", "greenhouse gases"), ("fireman", "firemen"), ("child", "children"), ("human", "humans"),
     # a people's name that is its own plural, a nationality in -man, an in-law (session 43)
     ("Chinese", "Chinese"), ("Swiss", "Swiss"), ("cheese", "cheeses"), ("Dutchman", "Dutchmen"),
     ("brother-in-law", "brothers-in-law"), ("miss", "misses")],
)
def test_a_plural_makes_the_head_plural(english, plural):
    from mtqa.checks.untranslated import _plural

    assert _plural(english) == plural


def test_no_suggestion_for_a_norwegian_word_is_a_calque_the_idiom_check_reports():
    """Every word the news dictionary or the idiom lexicon translates, put back in a
    sentence as UT001 suggests it, passes the idiom check (built from the parts,
    half of these suggestions were the renderings it reports: "injury joy")."""
    words = sorted(set(lexicon_glossary()) | set(dictionary().words) | set(glossary()))
    sentences = [f"We saw the {english} there." for w in words if (english := translate(w))]
    assert len(sentences) > 1000
    # ID009 reads an article's terms together: these sentences are not one article (nor are
    # two of them one topic: two neutral sentences between two, as a topic cue may stand in
    # the two sentences either side and the title, which names no topic here; two different
    # sentences, as a line repeated is furniture)
    report = mtqa.check(
        "Untitled\n\n" + "\n\nYes.\n\nNo.\n\n".join(sentences), select=["idiom"], ignore=["ID009"], fluency=False
    )
    assert [(f.code, f.text) for f in report.findings] == []


@pytest.mark.parametrize(
    "word,english",
    [
        ("standplass", "shooting range"),  # not "condition place", the compound of its parts
        ("skodde", "fog"),
        ("publikumsrekord", "attendance record"),  # not "audience record"
        ("avviksmeldinger", "incident reports"),  # plural of an entry
    ],
)
def test_the_news_glossary_gives_the_terms_of_norwegian_news(word, english):
    assert translate(word) == english


def test_every_line_of_the_news_glossary_is_the_english_translate_gives():
    """nb_en_glossary_news.tsv holds words the glossary of the less frequent words and the
    dictionary of senses lack, one English each, headwords one lower-case word; none that
    the news dictionary or the idiom lexicon answers first, and none whose English the idiom
    check reports: each line's English is what UT001 suggests for the word."""
    from importlib import resources

    from mtqa.checks.untranslated import GLOSSARY_FILE, NEWS_GLOSSARY_FILE
    from mtqa.lexicons import senses

    def rows(name: str) -> list[list[str]]:
        text = resources.files("mtqa.data").joinpath(name).read_text("utf-8")
        return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]

    older = {row[0] for row in rows(GLOSSARY_FILE)}
    news = rows(NEWS_GLOSSARY_FILE)
    assert len(news) > 1000
    heads = [row[0] for row in news]
    assert len(heads) == len(set(heads))
    for row in news:
        assert len(row) == 2 and row[0] == row[0].lower() and " " not in row[0], row
        assert row[1] and row[1] != "-", row
        if row[1].startswith("the "):
            assert row[0].endswith(("et", "en", "a")), row  # "the" only for a definite headword
    assert not older & set(heads) and not set(senses.dictionary()) & set(heads)
    wrong = [(word, english, got) for word, english in news if (got := translate(word)) != english]
    assert wrong == []


def test_the_data_hash_covers_the_glossaries(monkeypatch):
    """A report's signature changes with the glossaries too: they make its suggestions."""
    from mtqa.checks import untranslated

    untranslated.data_sha256.cache_clear()
    before = untranslated.data_sha256()
    try:
        for name, other in (("NEWS_GLOSSARY_FILE", "nb_en_glossary.tsv"), ("GLOSSARY_FILE", "nb_en_glossary_news.tsv")):
            monkeypatch.setattr(untranslated, name, other)
            untranslated.data_sha256.cache_clear()
            assert untranslated.data_sha256() != before, name
            monkeypatch.undo()
    finally:
        monkeypatch.undo()
        untranslated.data_sha256.cache_clear()


def test_data_files_load():
    assert "øre" in dictionary().units
    words = glossary()
    assert len(words) > 5000 and words["meslinger"] == "measles"
    assert "-" not in words.values()  # a line the glosser left out is no English
    names = {i.name for i in institutions()}
    assert {"Stortinget", "Statens vegvesen"} <= names
    assert "Norges Bank" not in names  # a name English keeps


def _ut(text: str, code: str = "UT001") -> list[str]:
    report = mtqa.check(mtqa.document_from_text(text), select=[code])
    return [f.text for f in report.findings]


def test_a_word_glossed_once_is_free_in_the_whole_article():
    text = (
        "Dugnad is what keeps the sports club going.\n\n"
        "Every spring the residents meet for a dugnad (voluntary communal work).\n"
    )
    assert _ut(text) == []


def test_an_unglossed_word_is_still_reported_when_another_is_glossed():
    text = "They met for a dugnad (voluntary communal work), and the farevarsel was lifted."
    assert _ut(text) == ["farevarsel"]


@pytest.mark.parametrize(
    "bare, glossed, words",
    [
        # a phrase glossed the way people there say it
        ("The coach said the team had been helt i ørska all week.",
         "The coach said the team had been \"helt i ørska\", as people say up north, all week.", ["helt", "ørska"]),
        # the word glossed by what Norwegians call it, anywhere in the sentence
        ("\"Everyone brings a matpakke,\" said the teacher.",
         "\"Everyone brings a matpakke,\" said the teacher, using the word Norwegians give to a packed lunch.",
         ["matpakke"]),
        # a definition that opens its sentence with "the"
        ("The spekemat was on every table. The spekemat kept well.",
         "The spekemat is a traditional platter of cured meats. The spekemat kept well.", ["spekemat"]),
        # a gloss after a phrase whose last word is spelt like an English word: "sju slag"
        ("Every farm bakes sju slag before Christmas.",
         "Every farm bakes sju slag, seven kinds of biscuits, before Christmas.", ["sju"]),
    ],
)
def test_a_gloss_of_native_english_about_norway(bare, glossed, words):
    assert set(_ut(bare)) >= set(words)
    assert not set(_ut(glossed)) & set(words)


def test_a_word_after_a_norwegian_one_is_passed_over_only_where_it_leans_norwegian():
    # "place" is English first: the comma after it opens no gloss of "kvalik"
    assert _ut("The team is four points behind the kvalik place, with seven rounds left.") == ["kvalik"]


def test_names_at_the_start_of_a_sentence():
    text = (
        "Operations manager Kari Vesttorp said the road was closed.\n\n"
        "Vesttorp said the driver was taken to hospital.\n"
    )
    assert _ut(text) == []


def test_institution_glossed_by_its_english_name_elsewhere():
    text = "The Storting voted on Tuesday. Stortinget will vote again in May."
    assert _ut(text, "UT004") == []
    assert _ut(text) == []  # and it is no untranslated word either


def test_an_institution_named_in_norwegian_before_its_english_name_is_reported():
    # the reader meets "SSB" first; the English name three sentences later comes too late
    text = (
        "New figures from SSB show that food prices have risen by 5.8 percent. Coffee rose most. "
        "Butter followed. According to Statistics Norway, chocolate rose too."
    )
    assert _ut(text, "UT004") == ["SSB"]
    # the English name in the same sentence is a gloss
    assert _ut("Statistics Norway, or SSB, says prices rose by 5.8 percent.", "UT004") == []


def test_a_run_of_letters_longer_than_any_word_is_not_tried_as_a_compound():
    from mtqa.checks.untranslated import MAX_COMPOUND, _compound_score

    assert _compound_score("sludd" + "byger") > 0
    long_word = "sykehus" * (MAX_COMPOUND // 7 + 1)
    assert len(long_word) > MAX_COMPOUND and _compound_score(long_word) == 0.0


def test_after_opening_looks_back_over_spaces_to_an_opening():
    from mtqa.checks.untranslated import _after_opening

    for text, at, expected in [
        ("Hytte", 0, True), ("  Hytte", 2, True), ("HYTTE: Hytte", 7, True), ("“Hytte", 1, True),
        ("– Hytte", 2, True), ("–Hytte", 1, False), ("The Hytte", 4, False), ("a: \n Hytte", 5, True),
    ]:
        assert _after_opening(text, at) is expected, (text, at)


def test_name_spans_are_merged_and_found_by_offset():
    from mtqa.checks.untranslated import _context

    doc = mtqa.document_from_text("A rescue boat went out.\n\nPhoto: Kari Nordmann / NTB\n", doc_id="credit")
    ctx = _context(doc)
    credit = doc.text.index("Photo")
    assert ctx.in_name_span(credit + 8) and not ctx.in_name_span(2)
    assert list(ctx.name_spans) == sorted(ctx.name_spans)


def test_a_norwegian_abbreviation_is_one_finding_with_its_own_english():
    """'f.eks.' and 'osv.' left in: the lexicon reports each whole with its English;
    UT001 does not report their letters ('eks', 'osv') again."""
    doc = mtqa.document_from_text("Prices\n\nMany goods, f.eks. milk and bread, cost more, cheese osv.\n")
    report = mtqa.check(doc, fluency=False)
    assert [(f.text, f.suggestion) for f in report.findings] == [("f.eks.", "e.g."), ("osv.", "etc.")]


def test_a_suggestion_the_idiom_lexicon_reports_in_its_sentence_is_not_made():
    """'the government strengths' for *regjeringsstyrkene* passes in a plain sentence, but
    among troops the lexicon's entry for *styrker* (forces) reports it: put in place, the
    suggestion is checked in the sentence it goes into."""
    text = "Title\n\nTroops from the regjeringsstyrkene attacked the rebels near the border."
    report = mtqa.check(text, select=["UT001"], fluency=False)
    assert [(f.text, f.suggestion) for f in report.findings] == [("regjeringsstyrkene", "translate it")]
    fixed = mtqa.check(text.replace("regjeringsstyrkene", "government strengths"), select=["idiom"], fluency=False)
    assert [f.text for f in fixed.findings] == ["government strengths"]  # why: the lexicon reports it there


def test_ut001_reads_a_built_in_entry_s_article_cues_as_the_idiom_check_does(monkeypatch):
    """UT001 does not suggest English the idiom check would report once taken: with a
    built-in entry whose topic is in the article (two sentences away), not only in the
    word's sentence, "hytte" gets "translate it", not "cabin"."""
    from mtqa import lexicons
    from mtqa.checks import untranslated

    extra = lexicons.parse(
        rb"""version: 1
entries:
  - id: vogn-carriage-test
    kind: false-friend
    norwegian: vogn
    meaning: a railway carriage
    english: [carriage]
    renderings: ['\bcabin\b']
    context: {article: '\b(?:train|railway)\b'}
    confidence: 0.8
    severity: warning
    examples: {flag: [The train's first cabin was full.], allow: [The train's first carriage was full.]}
    note: test entry
""",
        "test",
    )
    patched = lexicons.combine([lexicons.builtin(), extra])
    monkeypatch.setattr(lexicons, "builtin", lambda: patched)

    def suggestions(text):
        report = mtqa.check(text, select=["UT001"], fluency=False)
        return [(f.text, f.suggestion) for f in report.findings]

    far = "The train was late on Monday.\n\nIt rained.\n\nThe passengers waited in the hytte for an hour.\n"
    untranslated._a_known_calque.cache_clear()  # computed with the built-in lexicon alone
    try:
        assert suggestions(far) == [("hytte", "translate it")]
        assert suggestions(far.replace("The train was", "The bus was")) == [("hytte", "cabin")]
    finally:
        untranslated._a_known_calque.cache_clear()


def test_armed_forces_and_agencies_left_in_norwegian_are_reported_unless_glossed():
    assert _ut("Kystvakten boarded the trawler on Sunday.", "UT004") == ["Kystvakten"]
    assert _ut("Heimevernet was called out to help with the flood.", "UT004") == ["Heimevernet"]
    assert _ut("The Coast Guard (Kystvakten) boarded the trawler on Sunday.", "UT004") == []


def test_a_headline_in_norwegian_is_glossed_by_the_article_under_it():
    text = "Mattilsynet warns against wild mushrooms\nThe Norwegian Food Safety Authority (Mattilsynet) says the season is early."
    assert _ut(text, "UT004") == []
    # the article's first sentence is no headline: an English name after it comes too late
    text = (
        "Wild mushrooms\nMattilsynet warns against picking them this week. Many are poisonous. "
        "The Norwegian Food Safety Authority says the season is early."
    )
    assert _ut(text, "UT004") == ["Mattilsynet"]


def test_a_compound_of_a_rarer_and_a_common_norwegian_part_is_norwegian():
    # "utskrivning(s)" is rarer in Bokmål, "klar" common; "byvekst" rare, "avtale" common
    text = (
        "For every day a utskrivningsklar patient stays in hospital, the municipality pays.\n"
        "The bus lanes are part of the byvekstavtale with the state."
    )
    assert _ut(text) == ["utskrivningsklar", "byvekstavtale"]
    # English words made of letters that are Norwegian words too stay English
    assert _ut("The understatement of the year was a counterbalance to the southwestern gale.") == []
    # ... split anywhere ("sist|erlike", "unna|iling"): an English word and an English suffix
    assert _ut("Kari Lie and Siri Skog have a sisterlike friendship. He spent the day unnailing boards.") == []


def test_a_norwegian_title_before_a_name_is_untranslated_not_a_name():
    text = "Sentralbanksjef Ida Wolden Bache at Thursday's press conference. Photo: NTB"
    assert _ut(text) == ["Sentralbanksjef"]
    # a given name is no title ("Kari Lie" stays a name)
    assert _ut("Kari Lie at Thursday's press conference. Photo: NTB") == []
    assert _ut("Ordfører Kari Lie met the press in Bodø. Statssekretær Per Hansen was there.") == [
        "Ordfører", "Statssekretær"]
    # written as a name inside a sentence too (a series' title): a name
    assert _ut("The series, where Statsministeren is the lead, ends. Statsministeren Kari Lie is played by Siri Skog.") == []


def test_an_eight_letter_compound_english_does_not_know_is_norwegian():
    text = "He says that it was a sotbrann, and that the chimney was swept last autumn."
    found = [(f.code, f.text) for f in mtqa.check(mtqa.document_from_text(text), select=["UT001"]).findings]
    assert found == [("UT001", "sotbrann")]


def test_a_norwegian_word_joined_to_a_name_by_a_hyphen_is_untranslated():
    def found(text):
        return [(f.text, f.suggestion) for f in mtqa.check(mtqa.document_from_text(text), select=["UT001"]).findings]

    assert found("He was knocked out in the first round of a Grand Slam-turnering.") == [("turnering", "tournament")]
    assert found("The 26-year-old Konnerud-jenta hooked her pole.") == [("jenta", "the girl")]
    # English compounds of a name, and a Norwegian name glossed in brackets
    assert found("The Oslo-based group hired a Bergen-born chef and a Tromsø-bred striker.") == []
    assert found("Many employers have signed an agreement on a more inclusive working life (IA-avtalen).") == []


def test_a_lexicon_word_left_as_it_is_is_reported_once_with_the_lexicons_english():
    """A Norwegian word the lexicon knows, left as it is, is one untranslated finding with
    the lexicon's English: UT006's where UT001 does not find the word, UT001's where it
    does; the lexicon's ID checks do not read it as a rendering (session 29)."""
    import mtqa

    for text, word, english in (
        ("There will be sludd, the forecasters warn, and slippery roads.", "sludd", "sleet"),
        ("The fish escaped from a merd near Frøya.", "merd", "net pen"),
        ("She got the sludd warning too, and then more sludd fell over Bergen.", "sludd", "sleet"),
    ):
        report = mtqa.check("Weather\n\n" + text, fluency=False)
        on_it = [f for f in report.findings if f.text == word]
        assert on_it and all(f.family == "untranslated" for f in on_it), (text, on_it)
        assert len({(f.start, f.end) for f in on_it}) == len(on_it), on_it  # one finding a span
        assert on_it[0].suggestion == english


def test_a_compound_whose_last_part_is_a_common_word_of_three_letters():
    # "fylkes|tur" (a county tour): a last part of three letters that Bokmål uses much
    assert _ut("Yes.\nKing Harald and Queen Sonja started their three-day fylkestur in Rogaland on Tuesday.") == [
        "fylkestur"
    ]
    # not an English word of the same shape, nor a short first part before it
    assert _ut("Yes.\nThe weekend was spent on a three-day detour through the mountains.") == []


def test_a_title_case_headline_makes_no_word_a_name():
    """A headline in Title Case capitalises every word: "Dugnad" there is no evidence that
    the word is a name, so the sentence that opens with it is read as usual; a capital
    inside a sentence still is evidence."""
    body = "Dugnad was called for Saturday morning. Everyone on the street joined the dugnad.\n"
    text = "Volunteers Join the Dugnad in the Park\n\n" + body
    found = [(f.start, f.text) for f in mtqa.check(text, select=["UT001"], fluency=False).findings]
    body_at = text.index(body)
    assert [t for at, t in found if at >= body_at] == ["Dugnad", "dugnad"]
    text = "Volunteers join the Dugnad in the park, they said\n\n" + body
    found = [f.text for f in mtqa.check(text, select=["UT001"], fluency=False).findings]
    assert found == ["dugnad"]


def test_a_title_case_headline_reads_a_word_as_the_article_writes_it():
    """In a headline in Title Case, a capitalised word the article writes in lower case is
    that word ("Skrei" beside "the skrei"); one it does not stays a name ("Lofoten")."""
    text = "Fishermen Fear for the Skrei Season in Lofoten\n\nThe fishermen say the skrei is late this year.\n"
    found = [(f.text, f.suggestion) for f in mtqa.check(text, select=["UT001"], fluency=False).findings]
    assert found == [("Skrei", "Arctic cod"), ("skrei", "Arctic cod")]
    text = "Fishermen fear for the Skrei season, they said\n\nThe fishermen say the skrei is late this year.\n"
    found = [f.text for f in mtqa.check(text, select=["UT001"], fluency=False).findings]
    assert found == ["skrei"]  # a capital inside a sentence
