"""Blocks and sentences, and the integrity of every span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import mtqa
from mtqa.model import BlockKind
from mtqa.structure import segment


def test_seed_article_structure(seed_path):
    (doc,) = list(mtqa.iter_documents([seed_path]))
    kinds = [b.kind for b in doc.blocks]
    text = lambda b: doc.text[b.start : b.end]  # noqa: E731
    assert kinds[:3] == [BlockKind.TITLE, BlockKind.TITLE, BlockKind.CAPTION]
    headings = [text(b) for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Settlement is not relevant", "more anxious", "three yards", "Military assessment"]
    captions = [text(b)[:14] for b in doc.blocks if b.kind is BlockKind.CAPTION]
    assert captions == ["The challenge:", "MEET RECENTLY:"]
    quotes = [text(b) for b in doc.blocks if b.kind is BlockKind.QUOTE]
    assert quotes[0] == "We’re more worried than before, Huitfeldt told VG on Friday afternoon."
    assert len(quotes) == 4  # the dash is not part of the quote
    assert sum(b.kind is BlockKind.LIST_ITEM for b in doc.blocks) == 3
    furniture = [(b.reason, text(b)[:15]) for b in doc.blocks if b.kind is BlockKind.FURNITURE]
    assert furniture == [
        ("BP001", "See also\xa0 Attac"),
        ("BP001", "See also\xa0 - Big"),
        ("BP003", "Jabori Obasanjo"),
        ("BP003", "Jabori Obasanjo"),
        ("BP003", '"Coffee trailbl'),
        ("BP002", "Leave a Reply"),
        ("BP002", "Your email addr"),
    ]
    # Furniture stays out of what the other checks read.
    assert all("Obasanjo" not in doc.text[s.start : s.end] for s in doc.text_sentences())


def test_a_short_paragraph_ending_with_a_pictures_credit_is_a_caption():
    doc = mtqa.document_from_text(
        "Marlin is back with new songs\n\n"
        "The comeback concert is at Kulturhuset in Tromsø on 14 October.\n\n"
        "Producer Haakon Strand in the studio on Kvaløya. Photo: Private\n\n"
        "She has not decided whether there will be a longer tour.\n\n"
        "Tickets go on sale on Friday\n\n"
        "The concert starts at 8 pm, and the doors open an hour before.\n"
    )
    kinds = {doc.text[b.start : b.end][:8]: b.kind for b in doc.blocks}
    assert kinds["Producer"] is BlockKind.CAPTION
    assert kinds["Tickets "] is BlockKind.HEADING  # a short line without a credit stays a heading


def test_sentences_split_inside_paragraphs(seed_path):
    (doc,) = list(mtqa.iter_documents([seed_path]))
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    assert "Never to grant membership to Ukraine and Georgia." in sentences
    assert "The urgent goal is to reduce the extremely tense situation on the border between Russia and Ukraine." in sentences


def test_hard_wrapped_text_is_joined_into_paragraphs():
    text = (
        "Budget talks collapse\n\n"
        "The talks on the state budget broke down late on Thursday night after\n"
        "the Centre Party refused to accept the proposed cuts to the rural\n"
        "municipalities, sources in parliament told the broadcaster on Friday.\n\n"
        "The prime minister said he still hoped for a deal before the weekend\n"
        "and that the government would present a new proposal on Monday.\n"
    )
    blocks, sentences = segment(text)
    assert [b.kind for b in blocks] == [BlockKind.TITLE, BlockKind.BODY, BlockKind.BODY]
    assert len(sentences) == 3


def test_one_paragraph_a_line_is_kept_apart():
    text = "Title\n\nFirst paragraph is a sentence.\nSecond paragraph is another one.\n"
    blocks, _ = segment(text)
    assert [text[b.start : b.end] for b in blocks] == [
        "Title",
        "First paragraph is a sentence.",
        "Second paragraph is another one.",
    ]


def _check_integrity(text: str) -> None:
    blocks, sentences = segment(text)
    previous_end = 0
    for b in blocks:
        assert 0 <= b.start < b.end <= len(text)
        assert b.start >= previous_end
        assert text[b.start : b.end] == text[b.start : b.end].strip()
        previous_end = b.end
    for s in sentences:
        block = blocks[s.block]
        assert block.start <= s.start < s.end <= block.end
        assert text[s.start : s.end].strip() == text[s.start : s.end]


_words = st.sampled_from(
    ["The", "minister", "said", "Støre", "Tromsø", "–", "- ", "1)", "Dr.", "U.S.", "e.g.",
     "\"Hi.\"", "See also", "Leave a Reply", "# ", "“quote”", "…", ".", "?", "!", ":", ",",
     "\n", "\n\n", "\r\n", "  ", "\t", "ÆØÅ", "🙂", "\u00a0", "\u2028"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_words, min_size=1, max_size=60).map(" ".join), st.sampled_from(["text", "markdown"]))
def test_span_integrity_on_arbitrary_text(text, fmt):
    blocks, sentences = segment(text, fmt)
    _check_integrity(text)


def test_findings_point_at_their_text(seed_path):
    report = mtqa.check(seed_path)
    (result,) = report.results
    doc = result.document
    lines = doc.text.splitlines(keepends=True)
    assert result.findings
    for f in result.findings:
        assert doc.text[f.start : f.end] == f.text
        # line/column map back to the same place.
        line = lines[f.line - 1]
        assert line[f.column - 1 :].startswith(f.text.split("\n")[0])


def test_sentence_at_finds_the_sentence_holding_each_offset(seed_path):
    """The binary search agrees with a scan of the sentences at every offset."""
    import mtqa

    (doc,) = [d for d in mtqa.iter_documents([seed_path]) if isinstance(d, mtqa.Document)]
    for offset in range(len(doc.text) + 1):
        expected = next((s for s in doc.sentences if s.start <= offset < s.end), None)
        assert doc.sentence_at(offset) is expected
    assert doc.sentence_at(-1) is None and doc.sentence_at(len(doc.text) + 5) is None


def test_a_quote_headline_with_the_outlets_name_is_the_title():
    """Norwegian papers title an interview with its quote: "– We have taken giant steps – VG".
    Scraped, it opens with a dialogue dash, and the page's title with straight quotes and
    hyphens may follow it: the first is the title, the second a repeat of it (BP007)."""
    import mtqa

    text = (
        "– We’ve Taken Some Giant Steps – VG\n\n"
        "- We've Taken Some Giant Steps - VG\n\n"
        "The national team coach was pleased after the 2-0 win over Montenegro on Sunday.\n"
    )
    doc = mtqa.document_from_text(text)
    assert [b.kind for b in doc.blocks[:2]] == [BlockKind.TITLE, BlockKind.TITLE]
    (finding,) = mtqa.check(doc, select=["BP007"], fluency=False).findings
    assert finding.text.startswith("We've Taken")


def test_a_dialogue_line_opening_an_article_stays_a_quote():
    import mtqa

    for first in ("– We have never seen anything like it, says Kari Lie.", "– We have never seen anything like it"):
        doc = mtqa.document_from_text(first + "\n\nThe fire started in the basement on Sunday night.\n")
        assert doc.blocks[0].kind is BlockKind.QUOTE, first


def test_a_paragraph_longer_than_a_segmenter_piece_is_split_into_the_same_sentences():
    """A page scraped as one long line is segmented piece by piece (the segmenter's time
    grows with the square of a paragraph's length); no sentence is cut or joined."""
    from mtqa.structure import _SEGMENT_PIECE, split_sentences

    sentences = [f"The ferry number {n} sailed from Bergen at nine on Monday." for n in range(1, 900)]
    text = " ".join(sentences)
    assert len(text) > 5 * _SEGMENT_PIECE
    spans = split_sentences(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == sentences


def test_a_long_paragraph_without_sentence_ends_keeps_every_character():
    from mtqa.structure import _SEGMENT_PIECE, split_sentences

    text = " ".join(["word"] * (_SEGMENT_PIECE // 2))
    spans = split_sentences(text, 0, len(text))
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")
