"""The gazetteer of people in Norwegian news: a near spelling of one listed person."""

from __future__ import annotations

import pytest

import mtqa
from mtqa.names import figures

INVENTED = (
    "Helene Ravnsborg\tf\tculture\tTV presenter\n"
    "Stig-André Kvalheim\tm\tathlete\twrestler\n"
    "Mohamed Elbrahimi\tm\tathlete\tfootballer\n"
    "Kari Lindholt\tf\tpolitician\tminister\n"
    "Kari Lindhalt\tf\tpolitician\tmayor\n"
    "Jan Christian Dalheim\tm\tpolitician\tminister\n"
    "Christian Aasvik\tm\tathlete\tskier\n"
    "bad line\n"
    "Solo\tm\tother\tone word: not a full name\n"
)


@pytest.fixture
def invented(monkeypatch):
    people = figures.parse(INVENTED)
    caches = (figures._index, figures.name_words, figures._listed_surnames)
    monkeypatch.setattr(figures, "figures", lambda: people)
    for cached in caches:
        cached.cache_clear()
    yield people
    for cached in caches:
        cached.cache_clear()


def test_parse_keeps_full_names_with_a_gender_and_a_category(invented):
    assert [f.name for f in invented] == [
        "Helene Ravnsborg", "Stig-André Kvalheim", "Mohamed Elbrahimi", "Kari Lindholt", "Kari Lindhalt",
        "Jan Christian Dalheim", "Christian Aasvik"]
    assert invented[0].gender == "f" and invented[0].note == "TV presenter"


@pytest.mark.parametrize(
    "written,expected",
    [
        ("Helen Ravnsborg", "Helene Ravnsborg"),  # a letter lost
        ("Stie Andre Kvalheim", "Stig-André Kvalheim"),  # hyphen and accent gone, a letter garbled
        ("Mohamed El Brahimy", "Mohamed Elbrahimi"),  # a particle split off, a letter garbled
        ("Mohamed El Brahimi", None),  # the listed name, a space aside
        ("Helene Ravnsborg", None),  # listed
        ("Stig-Andre Kvalheim", None),  # listed, the accent aside
        ("Kari Lindhelt", None),  # near two listed people: not sure which
        ("Karen Lindholt", None),  # another given name: another person
        ("Helene Svendsen", None),  # another person
        ("Selene Ravnsborg", None),  # the given name starts otherwise
        ("Jan Kristian Dalheim", "Jan Christian Dalheim"),  # a given name spelled as it sounds
        ("Jan Kristoffer Dalheim", None),  # another given name
        ("Jan-Kristian Dalheim", "Jan Christian Dalheim"),  # and with a hyphen
        ("Kristian Aasvik", "Christian Aasvik"),  # the first given name so
    ],
)
def test_near(invented, written, expected):
    found = figures.near(written)
    assert (found[0].name if found else None) == expected


def test_nc002_suggests_the_listed_spelling_of_a_person_named_in_full(invented):
    text = "Presenter Helen Ravnsborg opened the show on Saturday.\n\nThe audience cheered."
    report = mtqa.check(mtqa.document_from_text(text), select=["NC002"])
    (f,) = report.findings
    assert (f.text, f.suggestion, f.extra["source"]) == ("Helen Ravnsborg", "Helene Ravnsborg", "people")
    assert f.severity == mtqa.Severity.WARNING


def test_the_shipped_gazetteer_is_large_and_well_formed():
    people = figures.figures()
    assert len(people) >= 1000
    assert {f.category for f in people} <= set(figures.CATEGORIES)
    assert len({figures.key(f.name) for f in people}) == len(people)


def test_nc001_takes_the_listed_spelling_when_no_word_list_decides(invented):
    text = ("Presenter Helene Ravnsborg opened the show on Saturday.\n\n"
            "Ravnsbarg said the season would be long. Later Ravnsbarg thanked the crew.")
    report = mtqa.check(mtqa.document_from_text(text), select=["NC001"])
    assert report.findings
    assert {(f.text, f.suggestion, f.extra["canonical_by"]) for f in report.findings} == {
        ("Ravnsbarg", "Ravnsborg", "people")}
