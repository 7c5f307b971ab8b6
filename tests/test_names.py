"""The names checks (NC001-NC003) and their parts: phonetic keys, word-list
attestation, mention finding, grouping, the canonical spelling, the glossary,
the Norwegian source and the corpus-level pass."""

from __future__ import annotations

import json

import pytest

import mtqa
from mtqa.model import MtqaError, Severity
from mtqa.names import lexicon
from mtqa.names.glossary import load_glossary, parse_glossary
from mtqa.names.mentions import analyse
from mtqa.names.phonetic import fold, key, similarity, skeleton
from mtqa.names.variants import Spelling, choose

from .conftest import FIXTURES, SEED


def _check(text: str, codes=("names",), **fields):
    doc = mtqa.document_from_text(text, **fields)
    report = mtqa.check(doc, select=list(codes))
    assert not report.errors, report.errors
    return report.findings


# -- phonetic keys -----------------------------------------------------------------

@pytest.mark.parametrize(
    "a,b",
    [("Heitfeldt", "Huitfeldt"), ("Hoytfeldt", "Huitfeldt"), ("Støre", "Store"), ("Smith", "Smyth"),
     ("Aniken", "Anniken"), ("Kristiansen", "Christiansen")],
)
def test_swaps_that_mt_makes_give_one_key(a, b):
    assert key(a) == key(b)
    assert similarity(a, b) == 2


@pytest.mark.parametrize(
    "a,b", [("William", "Williams"), ("Iran", "Iraq"), ("Jon", "Jan"), ("Austria", "Australia"),
            ("Stoltenberg", "Solberg"), ("Hansen", "Hansen")],
)
def test_other_names_are_not_variants(a, b):
    assert similarity(a, b) == 0


def test_one_edit_in_a_long_name_is_a_weak_match():
    assert similarity("Aniken", "Anneken") == 1
    assert similarity("Johnson", "Johnston") == 1


def test_fold_and_skeleton():
    assert fold("Støre") == "store"
    assert skeleton("Barbock") == skeleton("Baerbock") != skeleton("Barock")


# -- attestation in word lists -------------------------------------------------------

def test_wordfreq_knows_the_real_spellings_only():
    for real in ("Huitfeldt", "Anniken", "Baerbock", "Stoltenberg"):
        assert lexicon.zipf(real) >= lexicon.ATTESTED, real
    for garbled in ("Heitfeldt", "Hoytfeldt", "Aniken", "Barbock"):
        assert lexicon.zipf(garbled) == 0, garbled
    assert lexicon.attestation("Huitfeldt")[1] == "nb"


def test_attested_neighbours_are_one_edit_away_and_recased():
    found = dict(lexicon.attested_neighbours("Barbock"))
    assert "Baerbock" in found
    assert all(c[:1].isupper() for c in found)
    assert "Huitfeldt" in dict(lexicon.attested_neighbours("Hoytfeldt"))  # a vowel group swapped


# -- mentions ----------------------------------------------------------------------

def _mentions(text: str):
    return analyse(mtqa.document_from_text(text)).mentions


def test_titles_are_split_off_and_make_a_person():
    (m,) = [m for m in _mentions("She met German Foreign Minister Annalena Baerbock in Berlin.") if m.full]
    assert m.text == "Annalena Baerbock"
    assert " ".join(t.text for t in m.title) == "German Foreign Minister"
    assert m.kind == "person"


def test_secretary_of_state_and_roles_before_a_name():
    ms = _mentions("Secretary of State Antony Blinken met NATO chief Jens Stoltenberg.")
    people = {m.text: m for m in ms if m.kind == "person"}
    assert set(people) == {"Antony Blinken", "Jens Stoltenberg"}
    assert people["Jens Stoltenberg"].role == "chief"


def test_names_that_contain_title_words_stay_whole():
    texts = {m.text for m in _mentions("The novelist Stephen King lives in Maine, far from New York.")}
    assert "Stephen King" in texts
    assert "New York" in texts


def test_possessives_and_initials():
    ms = _mentions("Prime Minister Jonas Gahr Støre's plan was praised. George W. Bush spoke too.")
    texts = {m.text for m in ms}
    assert "Jonas Gahr Støre" in texts
    assert "George W Bush" in texts or any(m.last.text == "Bush" and m.full for m in ms)


def test_sentence_initial_common_words_and_miscapitalised_words_are_not_names():
    ms = _mentions(
        "Several sources confirm the plan. The council met, The cooperation body said, "
        "and the plan was Based on the cooperation of the council, based on the law."
    )
    assert not {m.text for m in ms} & {"Several", "The", "Based"}


def test_sentence_initial_name_unknown_to_english_is_a_name():
    ms = _mentions("Minister Kari Heitfeldt spoke. Heitfeldt met her counterpart.")
    assert [m.text for m in ms].count("Heitfeldt") == 1


def test_furniture_is_not_read(seed_path):
    (doc,) = [d for d in mtqa.iter_documents([seed_path]) if isinstance(d, mtqa.Document)]
    texts = {m.text for m in analyse(doc).mentions}
    assert "Jabori Obasanjo" not in texts  # an author byline of the republishing site
    assert "Anthony Blinken" in texts


def test_organisation_keys_ignore_connectors_and_hyphens():
    a = analyse(mtqa.document_from_text("Russia met NATO and Russia Council, then the NATO-Russia Council."))
    keys = {o.surface: o.key for o in a.orgs}
    assert keys["NATO and Russia Council"] == keys["NATO-Russia Council"]


# -- NC001 -------------------------------------------------------------------------

def test_the_seed_names_are_found_with_the_gold_suggestions():
    report = mtqa.check(str(SEED), select=["names"])
    found = {(f.start, f.end): f for f in report.findings}
    text = report.results[0].document.text
    gold = [json.loads(line) for line in (FIXTURES / "gold" / "000_b3dce5b5bb70e21c.gold.jsonl").open()]
    musts = [g for g in gold if g["family"] == "names" and g["must"]]
    assert len(musts) == 7
    for g in musts:
        start = -1
        for _ in range(g["occurrence"] + 1):
            start = text.find(g["quote"], start + 1)
        f = found.get((start, start + len(g["quote"])))
        assert f is not None, g
        assert f.code == "NC001" and f.severity is Severity.ERROR
        assert f.suggestion == g["suggestion"], (g, f.suggestion)


def test_message_shows_the_evidence():
    (f,) = [
        f for f in _check(
            "Foreign Minister Anniken Heitfeldt met her Swedish counterpart. Huitfeldt said the talks went well. "
            "Hoytfeldt left at noon.",
            ["NC001"],
        ) if f.text == "Hoytfeldt"
    ]
    assert f.message.startswith("'Hoytfeldt' and 'Huitfeldt' look like the same person (also 'Heitfeldt')")
    assert "'Huitfeldt' is the attested spelling (Zipf 3.1 in Norwegian)" in f.message
    assert f.extra["canonical_by"] == "attested"


def test_confidence_reflects_how_the_spelling_was_chosen():
    attested = _check("Health Minister Ingvild Kjerkol spoke. Kjerkoll said the queues were long.", ["NC001"])
    full_name = _check("Labour leader Kjartan Vølsted spoke on Monday. Vølstad said the party was ready.", ["NC001"])
    assert attested[0].confidence > full_name[0].confidence
    assert full_name[0].extra["canonical_by"] == "full-name"


def test_the_norwegian_source_wins_over_word_lists():
    text = "Minister Kari Heitfeldt spoke on Monday. Huitfeldt said the talks went well."
    source = "Statsråd Kari Heitfeldt talte mandag. Heitfeldt sa at samtalene gikk bra."
    (f,) = _check(text, ["NC001"], source=source)
    assert f.text == "Huitfeldt" and f.suggestion == "Heitfeldt"
    assert "the Norwegian source writes 'Heitfeldt'" in f.message


def test_the_source_supplies_a_spelling_missing_from_the_article():
    text = "Minister Kari Vølsted spoke on Monday. Vølstad said the party was ready."
    source = "Statsråd Kari Vålstad talte mandag. Vålstad sa at partiet var klart."
    found = _check(text, ["NC001"], source=source)
    assert {f.text for f in found} == {"Vølsted", "Vølstad"}
    assert {f.suggestion for f in found} == {"Vålstad"}


def test_model_hook_is_asked_after_word_lists():
    class Scorer:
        def prefer_spelling(self, spellings, contexts):
            return ("Vølstad", 0.7)

    class Ctx:
        scorer = Scorer()
        glossary = None

    members = {n: Spelling(n) for n in ("Vølsted", "Vølstad")}
    assert choose(members, ctx=Ctx()).canonical == "Vølstad"
    assert choose(members, ctx=Ctx()).step == "model"
    attested = {n: Spelling(n) for n in ("Heitfeldt", "Huitfeldt")}
    assert choose(attested, ctx=Ctx()).step == "attested"


def test_majority_is_the_last_resort():
    spellings = {
        "Vølsted": Spelling("Vølsted", tokens=[None, None]),  # type: ignore[list-item]
        "Vølstad": Spelling("Vølstad", tokens=[None]),  # type: ignore[list-item]
    }
    for s in spellings.values():
        s.tokens = [type("T", (), {"start": i})() for i in range(len(s.tokens))]
    choice = choose(spellings)
    assert (choice.canonical, choice.step) == ("Vølsted", "majority")


# -- glossary ----------------------------------------------------------------------

GLOSSARY_YAML = """
names:
  - name: Kari Vølsted
    kind: person
    variants: [Kari Vølstedt]
  - name: Nordland Fylkesbåtene
    kind: organization
    variants: [Nordland County Boats]
  - Bodø
"""


def test_glossary_yaml_and_tsv(tmp_path):
    g = parse_glossary(GLOSSARY_YAML, ".yaml")
    assert [e.name for e in g.entries] == ["Kari Vølsted", "Nordland Fylkesbåtene", "Bodø"]
    assert g.entries[1].kind == "organisation"
    assert g.wrong_words == {"vølstedt": "Vølsted"}
    tsv = tmp_path / "names.tsv"
    tsv.write_text("name\tkind\tvariants\n# local names\nKari Vølsted\tperson\tKari Vølstedt|Vølstet\nBodø\n", "utf-8")
    g2 = load_glossary(tsv)
    assert [(e.name, e.kind, e.variants) for e in g2.entries] == [
        ("Kari Vølsted", "person", ("Kari Vølstedt", "Vølstet")),
        ("Bodø", "person", ()),
    ]


def test_glossary_errors_are_user_errors(tmp_path):
    with pytest.raises(MtqaError, match="unknown kind"):
        parse_glossary("- {name: X, kind: planet}", ".yaml")
    with pytest.raises(MtqaError, match="needs a 'name'"):
        parse_glossary("- {kind: person}", ".yml")
    with pytest.raises(MtqaError):
        load_glossary(tmp_path / "missing.yaml")


def test_glossary_wins_and_its_variants_are_errors(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY_YAML, "utf-8")
    text = "Mayor Kari Vølstedt opened the bridge. Vølsted said it was a good day. Vølstad left early."
    report = mtqa.check(mtqa.document_from_text(text), select=["names"], glossary=path)
    by_text = {(f.code, f.text): f for f in report.findings}
    nc001 = [f for f in report.findings if f.code == "NC001"]
    assert nc001 and all(f.suggestion == "Vølsted" for f in nc001)
    assert "the glossary spells it 'Vølsted'" in nc001[0].message
    wrong = by_text[("NC002", "Kari Vølstedt")]
    assert wrong.severity is Severity.ERROR and wrong.suggestion == "Kari Vølsted"
    # without the glossary, the same text gets no glossary findings
    plain = mtqa.check(mtqa.document_from_text(text), select=["names"])
    assert not [f for f in plain.findings if f.code == "NC002"]


def test_a_glossary_name_is_never_unattested(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("- Annalena Barbock\n", "utf-8")
    text = "She met German Foreign Minister Annalena Barbock on Tuesday."
    assert [f.text for f in _check(text, ["NC002"])] == ["Barbock"]
    report = mtqa.check(mtqa.document_from_text(text), select=["NC002"], glossary=path)
    assert report.findings == []


# -- NC002 -------------------------------------------------------------------------

def test_unattested_name_suggests_the_near_attested_spelling_with_modest_confidence():
    (f,) = _check("She met German Foreign Minister Annalena Barbock on Tuesday.", ["NC002"])
    assert f.suggestion == "Baerbock"
    assert f.severity is Severity.WARNING
    assert 0 < f.confidence <= 0.6
    assert "'Baerbock' is attested (Zipf 2.5 in German)" in f.message


def test_source_spelling_keeps_an_unattested_name_quiet():
    text = "She met German Foreign Minister Annalena Barbock on Tuesday."
    assert _check(text, ["NC002"], source="Hun møtte Tysklands utenriksminister Annalena Barbock.") == []


# -- NC003 -------------------------------------------------------------------------

def test_organisation_named_two_ways():
    (f,) = _check(
        "Stoltenberg invited Russia to the NATO and Russia Council. The NATO-Russia Council has not met.",
        ["NC003"],
    )
    assert (f.text, f.suggestion) == ("NATO and Russia Council", "NATO-Russia Council")
    assert "look like the same organisation" in f.message


# -- across documents ---------------------------------------------------------------

def test_corpus_pass_reports_a_spelling_that_differs_from_other_documents():
    docs = [
        mtqa.document_from_text("Prime Minister Jonas Gahr Støre spoke in Oslo.", doc_id="a"),
        mtqa.document_from_text("Prime Minister Jonas Gahr Støre met the king.", doc_id="b"),
        mtqa.document_from_text("Prime Minister Jonas Gahr Store visited Bergen.", doc_id="c"),
    ]
    report = mtqa.check(docs, select=["NC001"])
    found = [(r.document.id, f.text, f.suggestion, f.extra.get("scope")) for r in report.results for f in r.findings]
    assert found == [("c", "Store", "Støre", "corpus")]
    (f,) = report.results[2].findings
    assert "is spelled 'Støre' in 2 other documents (a, b)" in f.message


def test_corpus_pass_keeps_different_people_apart():
    docs = [
        mtqa.document_from_text("Boris Johnson spoke in London.", doc_id="a"),
        mtqa.document_from_text("Boris Johnston won the race in Leeds.", doc_id="b"),
        mtqa.document_from_text("Per Hansen spoke in Oslo.", doc_id="c"),
        mtqa.document_from_text("Kari Hansen spoke in Bergen.", doc_id="d"),
    ]
    report = mtqa.check(docs, select=["NC001"])
    assert report.findings == []
