"""Mojibake repair (EN001)."""

from __future__ import annotations

import pytest

from mtqa.checks.encoding import repair


@pytest.mark.parametrize(
    "garbled,fixed",
    [
        ("StÃ¸re", "Støre"),
        ("StÃƒÂ¸re", "Støre"),  # encoded twice
        ("StÃƒÆ’Ã‚Â¸re", "Støre"),  # three times
        ("Ã…lesund", "Ålesund"),  # ftfy leaves it alone
        ("«Ã¥»", "«å»"),
        ("Itâ€™s", "It’s"),
    ],
)
def test_repair(garbled, fixed):
    assert repair(garbled) == fixed


@pytest.mark.parametrize("word", ["Støre", "SÃO", "crème", "naïve"])
def test_clean_words_are_left_alone(word):
    assert repair(word) == word
