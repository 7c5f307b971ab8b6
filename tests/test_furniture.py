"""Page furniture: the rules of data/boilerplate.yaml and the structure that uses them."""

from __future__ import annotations

from dataclasses import replace

import pytest

import mtqa
from mtqa.furniture import load_rules
from mtqa.model import BlockKind


def _furniture(text: str) -> list[tuple[str, str | None]]:
    doc = mtqa.document_from_text(text)
    return [(doc.text[b.start : b.end], b.reason) for b in doc.blocks if b.kind is BlockKind.FURNITURE]


def test_every_rule_has_a_message_a_suggestion_and_patterns_or_structure():
    rules = load_rules()
    codes = {r.code for r in rules.rules}
    assert {"BP001", "BP002", "BP003", "BP004", "BP005", "BP006", "BP007"} <= codes
    for rule in rules.rules:
        assert rule.message and rule.suggestion and rule.summary
    assert rules.bio_suggestion
    assert rules.outlet_suffix.search("Record price for a salmon licence – Dagbladet")
    assert not rules.outlet_suffix.search("The ferry left at seven - and then the storm came")


def test_defines_are_expanded_in_patterns():
    rules = load_rules()
    for line in ("Thursday, June 20, 2024", "February 3, 2023", "Published: 05/05/2024 15:32"):
        rule = rules.match(line, 0, 1)
        assert rule is not None and rule.code == "BP006", line
    assert rules.match("The storm hit the coast on Thursday, June 20, 2024.", 0, 1) is None


def test_a_furniture_line_is_not_joined_to_the_paragraph_above():
    text = (
        "Ferry traffic resumes\n\n"
        "Ferry traffic across the fjord resumed on Sunday after two days of storm.\n\n"
        "WAITING: Passengers at the quay. Photo: Kari Nordmann\n"
        "see more\n\n"
        "The operator said the first departure left at seven.\n"
    )
    assert _furniture(text) == [("see more", "BP004")]


def test_a_furniture_phrase_opening_a_block_is_split_off():
    text = (
        "Ferry traffic resumes\n\n"
        "Ferry traffic across the fjord resumed on Sunday after two days of storm.\n\n"
        "Click the pic to enlarge.  WAITING: Passengers at the quay.\n"
    )
    doc = mtqa.document_from_text(text)
    pieces = [(doc.text[b.start : b.end], b.kind) for b in doc.blocks]
    assert ("Click the pic to enlarge.", BlockKind.FURNITURE) in pieces
    assert ("WAITING: Passengers at the quay.", BlockKind.CAPTION) in pieces


def test_teaser_needs_both_form_and_unrelatedness():
    related = (
        "Ferry traffic resumes\n\n"
        "Ferry traffic across the fjord resumed on Sunday after the storm.\n\n"
        "Storm over the fjord\n\n"
        "Storm over the fjord\n\n"
        "The operator said the storm had passed.\n"
    )
    # Repeated and sharing words with the text around it: a caption twice,
    # not a teaser; only the copy is furniture.
    assert _furniture(related) == [("Storm over the fjord", "BP007")]
    unrelated = related.replace("Storm over the fjord", "Singer cancels summer tour")
    assert _furniture(unrelated) == [("Singer cancels summer tour", "BP001")] * 2


def test_the_headline_shown_again_is_a_repeated_line():
    text = (
        "Ferry traffic resumes\n\n"
        "Ferry traffic resumes\n"
        "Waiting: passengers at the quay.\n\n"
        "Ferry traffic across the fjord resumed on Sunday after two days of storm.\n"
    )
    # the copy is reported (issue 21: an editor removes it) but still read as a title
    assert _furniture(text) == []
    report = mtqa.check(mtqa.document_from_text(text), select=["BP007"])
    (finding,) = report.findings
    assert finding.text == "Ferry traffic resumes" and finding.line == 3
    assert report.results[0].document.title == "Ferry traffic resumes"
    # above a picture's credit it is the picture's text, as the page shows it: not reported
    credited = text.replace("Waiting: passengers at the quay.", "Passengers at the quay. Photo: Kari Nordmann")
    assert mtqa.check(mtqa.document_from_text(credited), select=["BP007"]).findings == []


def test_the_headline_again_with_its_outlet_is_a_repeated_line():
    text = (
        "Ferry traffic resumes after the storm\n"
        "Ferry traffic resumes after the storm | NRK Vestland\n"
        "Ferry traffic across the fjord resumed on Sunday after two days of storm.\n"
    )
    (finding,) = mtqa.check(mtqa.document_from_text(text), select=["BP007"]).findings
    assert finding.text == "Ferry traffic resumes after the storm | NRK Vestland" and finding.line == 2
    # what follows the dash must be an outlet: a sub-heading that extends the headline is text
    extended = "Election 2025\n\nElection 2025 – Results\n\nThe votes were counted on Monday night.\n"
    assert mtqa.check(mtqa.document_from_text(extended), select=["BP007"]).findings == []


def test_bio_and_byline_get_their_own_suggestions():
    text = (
        "Ferry traffic resumes\n\n"
        "Ferry traffic across the fjord resumed on Sunday after two days of storm.\n\n"
        "By Jane Doe\n\n"
        '"Typical web fanatic. Extreme music lover. Bacon geek."\n'
    )
    report = mtqa.check(mtqa.document_from_text(text), select=["BP003"])
    assert [f.suggestion for f in report.findings] == ["remove byline", "remove author bio"]


def _rule_examples():
    for rule in load_rules().rules:
        for text in rule.flags:
            yield pytest.param(rule.code, text, True, id=f"{rule.code}-flags-{text[:25]}")
        for text in rule.allows:
            yield pytest.param(rule.code, text, False, id=f"{rule.code}-allows-{text[:25]}")


def test_every_pattern_rule_has_examples():
    for rule in load_rules().rules:
        if rule.patterns:
            assert rule.flags and rule.allows, rule.code


@pytest.mark.parametrize("code,text,flagged", list(_rule_examples()))
def test_rule_examples(code, text, flagged):
    """The examples of data/boilerplate.yaml: a flagged block matches its rule,
    an allowed one matches none."""
    rule = load_rules().match(text, 0, 1)
    if flagged:
        assert rule is not None and rule.code == code
    else:
        assert rule is None, rule.code


_NATIVE = (
    "Cabin prices rise again\n\n"
    "Prices of mountain cabins rose by a tenth last year, the estate agents' association said on Monday.\n\n"
    "READ ALSO: What to expect when you buy a flat in Bergen\n\n"
    "Buyers from the cities are behind most of the rise, the association said.\n"
)


def _codes(report) -> list[str]:
    return [f.code for f in report.findings]


def test_a_related_link_in_an_article_with_nothing_else_wrong_is_the_publishers_own():
    """A native article links to the publisher's own stories: held back, and
    the notes say so and how to have it reported."""
    report = mtqa.check(mtqa.document_from_text(_NATIVE), fluency=False)
    assert _codes(report) == []
    assert any(n.startswith("BP001 not reported (1 finding)") for n in report.results[0].notes)


def test_a_related_link_is_reported_when_the_document_shows_it_is_a_copy():
    copied = _NATIVE.replace("READ ALSO", "[ad_1]\n\nREAD ALSO")
    assert _codes(mtqa.check(mtqa.document_from_text(copied), fluency=False)) == ["BP005", "BP001"]
    # a link that ends with a Norwegian outlet's name was copied from its page; any other tail is no outlet
    outlet = _NATIVE.replace("in Bergen", "in Bergen - VG")
    assert _codes(mtqa.check(mtqa.document_from_text(outlet), fluency=False)) == ["BP001"]
    for tail in (" - The Guardian", " – Explained", " | Money"):
        other = _NATIVE.replace("in Bergen", "in Bergen" + tail)
        assert _codes(mtqa.check(mtqa.document_from_text(other), fluency=False)) == [], tail
    left_in = _NATIVE + "\nPolitiet rykket ut til stedet etter klokken ni i kveld.\n"
    codes = _codes(mtqa.check(mtqa.document_from_text(left_in), fluency=False))
    assert "BP001" in codes and any(c.startswith("UT") for c in codes)


def test_a_related_link_is_reported_in_a_translation_or_when_its_check_runs_alone():
    source = "Hytteprisene stiger igjen\n\nPrisene steg med en tidel i fjor.\n"
    with_source = mtqa.document_from_text(_NATIVE, source=source)
    assert "BP001" in _codes(mtqa.check(with_source, fluency=False, select=["boilerplate"]))
    assert _codes(mtqa.check(mtqa.document_from_text(_NATIVE), select=["BP001"])) == ["BP001"]


def test_corroborate_weighs_only_warnings_and_errors_of_other_checks_that_ran():
    from mtqa.api import corroborate
    from mtqa.checks import get_check
    from mtqa.model import Severity

    doc = mtqa.document_from_text(_NATIVE)
    link = get_check("BP001").finding(doc, 0, 5, "link")
    info = replace(get_check("BP003").finding(doc, 6, 10, "byline"), severity=Severity.INFO)
    warning = replace(info, severity=Severity.WARNING)
    ran = [get_check("BP001"), get_check("BP003")]
    assert corroborate(doc, [link, info], ran)[0] == [info]
    assert corroborate(doc, [link, warning], ran)[0] == [link, warning]
    # nothing that could back the link up ran: kept
    assert corroborate(doc, [link], [get_check("BP001"), get_check("FL001")]) == ([link], [])


def test_a_failing_backs_itself_holds_nothing_back():
    """A plugin's broken ``backs_itself`` is no reason to hide its findings (nor to stop the run)."""
    from mtqa.api import corroborate
    from mtqa.checks import get_check

    class Broken(type(get_check("BP001"))):
        def backs_itself(self, finding):
            raise RuntimeError("broken")

    doc = mtqa.document_from_text(_NATIVE)
    link = get_check("BP001").finding(doc, 0, 5, "link")
    assert corroborate(doc, [link], [Broken(), get_check("BP003")]) == ([link], [])



def test_a_run_of_spaces_inside_a_block_reads_as_one_space():
    """A block padded with spaces is matched as with one space between its words (a
    pattern's optional spaces over a run of thousands backtracked for minutes)."""
    rules = load_rules()
    rated = rules.match("Rate   this  article:   ★★★★★", 0, 1)
    assert rated is not None and rated.code == "BP004"
    padded = "Published 12 March 2024" + " " * 200 + "| 2 comments"
    assert rules.match(padded, 0, 1) is not None
    assert rules.match(padded, 0, 1) == rules.match("Published 12 March 2024 | 2 comments", 0, 1)
