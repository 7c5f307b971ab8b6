"""The table of Norwegian verbs spelt like a noun (mtqa/data/nb_verb_homographs.tsv) that ID008 and ID006 read."""

from __future__ import annotations

import pytest

from mtqa.checks import homographs


def test_the_table_keeps_nouns_english_cannot_read_as_a_verb():
    table = homographs.table()
    assert table["printer"].norwegian == "skriver" and table["printer"].saying
    assert table["laws"].third_person == "promises" and not table["laws"].saying
    # "parts" (deler), "frames" (rammer), "witnesses" (vitner) are also English verbs: left out
    assert not {"parts", "frames", "witnesses", "chairs"} & table.keys()
    assert set(homographs.saying_nouns()) >= {"printer", "narrator", "whistleblower"}
    assert "leader" not in homographs.saying_nouns()


def test_a_broken_row_is_named(monkeypatch):
    class Data:
        def joinpath(self, name):
            return self

        def read_text(self, encoding):
            return "# header\nskriver\twrites\twrite\tprinter\n"

    monkeypatch.setattr(homographs.resources, "files", lambda package: Data())
    homographs.table.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"nb_verb_homographs.tsv:2: want 5"):
            homographs.table()
    finally:
        homographs.table.cache_clear()
