"""Recognise scraped page furniture, from the rules in ``data/boilerplate.yaml``.

Structure detection (``mtqa.structure``) marks furniture blocks with the code
of the rule that matched, so every other check can leave them out; the
``boilerplate`` checks then report them.  Most rules are patterns matched
against one block; teaser headlines and repeated lines are told by the block's
form and its neighbours (:func:`content_words`, :attr:`FurnitureRules.outlet_suffix`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

DATA_FILE = "boilerplate.yaml"
_DEFINE = re.compile(r"<([a-z_]+)>")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class FurniturePattern:
    regex: re.Pattern[str]
    #: ``any``, ``edges`` (the first or last five blocks of the article) or ``end`` (the
    #: last five, and not the first two: an author box under the article, not a feature's
    #: opening paragraph about a writer).
    position: str = "any"
    max_words: int | None = None

    def matches(self, text: str, index: int, count: int) -> bool:
        if self.position == "edges" and 5 <= index < count - 5:
            return False
        if self.position == "end" and (index < count - 5 or (index < 2 and count > 1)):
            return False
        if self.max_words is not None and len(text.split()) > self.max_words:
            return False
        return bool(self.regex.search(text))


@dataclass(frozen=True)
class FurnitureRule:
    code: str
    name: str
    summary: str
    message: str
    suggestion: str
    patterns: tuple[FurniturePattern, ...]
    #: Patterns of a furniture phrase that opens a longer block ("Click the
    #: picture to enlarge. KING: ..."); the block is split after it.
    prefixes: tuple[re.Pattern[str], ...] = ()
    #: Patterns of a furniture phrase that closes a block after a sentence of
    #: the article ("... 3.3 per cent. Published 15.08.2024, at 10.00").
    suffixes: tuple[re.Pattern[str], ...] = ()
    tail: bool = False
    #: One-block examples the rule flags and leaves alone (the tests run them).
    flags: tuple[str, ...] = ()
    allows: tuple[str, ...] = ()

    def matches(self, text: str, index: int, count: int) -> bool:
        return any(p.matches(text, index, count) for p in self.patterns)


#: Two white-space characters or more.
_SPACE_RUN = re.compile(r"\s{2,}")


@dataclass(frozen=True)
class FurnitureRules:
    rules: tuple[FurnitureRule, ...]
    bio_nouns: frozenset[str]
    #: The suggestion for a generated author bio (the rule's is for a byline).
    bio_suggestion: str
    #: Teaser headlines: at most this many words ...
    teaser_max_words: int
    #: ... ending in the outlet's name ("- VG", "| NRK") ...
    outlet_suffix: re.Pattern[str]
    #: ... and sharing none of these (content) words with the text around them.
    stopwords: frozenset[str]
    sha256: str

    def by_code(self, code: str) -> FurnitureRule:
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise KeyError(code)

    def match(self, text: str, index: int, count: int) -> FurnitureRule | None:
        # runs of white space read as one: a pattern's optional spaces over a run of
        # thousands (a block padded with spaces) would backtrack for minutes
        text = _SPACE_RUN.sub(lambda m: "\n" if "\n" in m.group() else " ", text.strip())
        for rule in self.rules:
            if rule.matches(text, index, count):
                return rule
        if self.is_bio(text):
            return self.by_code("BP003")
        return None

    def prefix(self, text: str) -> tuple[int, FurnitureRule] | None:
        """Length and rule of a furniture phrase that opens ``text`` and is
        followed by more text, or None."""
        for rule in self.rules:
            for pattern in rule.prefixes:
                m = pattern.match(text)
                if m and m.end() < len(text) and text[m.end()].isspace():
                    return m.end(), rule
        return None

    def suffix(self, text: str) -> tuple[int, FurnitureRule] | None:
        """Where a furniture phrase that closes ``text`` after a finished
        sentence starts, and its rule, or None."""
        for rule in self.rules:
            for pattern in rule.suffixes:
                m = pattern.search(text)
                if m and m.end() == len(text) and re.search(r"[.!?…]\s+$", text[: m.start()]):
                    return m.start(), rule
        return None

    def is_bio(self, text: str) -> bool:
        """A generated author bio: only short tag-lines ending in a bio noun."""
        text = text.strip().strip("\"'“”‘’")
        if not text or len(text) > 300:
            return False
        lines = [s.strip() for s in re.split(r"[.!]\s*", text) if s.strip()]
        if len(lines) < 2:
            return False
        for line in lines:
            words = line.lower().split()
            if not 1 <= len(words) <= 6:
                return False
            if not any(line.lower().endswith(noun) for noun in self.bio_nouns):
                return False
        return True

    def content_words(self, text: str) -> set[str]:
        """The words of ``text`` that tie it to other text: lower case, four
        letters or more, stop words left out, cut to six letters (so
        "hospital" and "hospitalised" meet)."""
        return {
            w[:6]
            for w in (m.group(0).lower() for m in _WORD.finditer(text))
            if len(w) >= 4 and w not in self.stopwords
        }


def _compile(pattern: str, defines: dict[str, str]) -> re.Pattern[str]:
    pattern = _DEFINE.sub(lambda m: f"(?:{defines[m.group(1)]})" if m.group(1) in defines else m.group(0), pattern)
    if pattern.startswith("(?-i)"):
        return re.compile(pattern[5:])
    return re.compile(pattern, re.IGNORECASE)


@cache
def load_rules() -> FurnitureRules:
    raw = resources.files("mtqa.data").joinpath(DATA_FILE).read_bytes()
    data = yaml.safe_load(raw)
    defines: dict[str, str] = {}
    for name, value in (data.get("defines") or {}).items():
        defines[name] = _DEFINE.sub(lambda m: f"(?:{defines[m.group(1)]})", value)
    rules = []
    bio_nouns: set[str] = set()
    bio_suggestion = ""
    for entry in data["rules"]:
        position, max_words = entry.get("position", "any"), entry.get("max_words")
        patterns = []
        for item in entry["patterns"]:
            item = item if isinstance(item, dict) else {"pattern": item}
            patterns.append(
                FurniturePattern(
                    _compile(item["pattern"], defines),
                    item.get("position", position),
                    item.get("max_words", max_words),
                )
            )
        rules.append(
            FurnitureRule(
                code=entry["code"],
                name=entry["name"],
                summary=entry["summary"],
                message=entry["message"],
                suggestion=entry["suggestion"],
                patterns=tuple(patterns),
                prefixes=tuple(_compile(p, defines) for p in entry.get("prefixes", ())),
                suffixes=tuple(_compile(p, defines) for p in entry.get("suffixes", ())),
                tail=bool(entry.get("tail", False)),
                flags=tuple(entry.get("flags", ())),
                allows=tuple(entry.get("allows", ())),
            )
        )
        bio_nouns.update(n.lower() for n in entry.get("bio_nouns", ()))
        bio_suggestion = entry.get("bio_suggestion", bio_suggestion)
    teasers = data["teasers"]
    return FurnitureRules(
        rules=tuple(rules),
        bio_nouns=frozenset(bio_nouns),
        bio_suggestion=bio_suggestion,
        teaser_max_words=int(teasers["max_words"]),
        outlet_suffix=_compile(teasers["outlet_suffix"], defines),
        stopwords=frozenset(w.lower() for w in teasers["stopwords"]),
        sha256=hashlib.sha256(raw).hexdigest(),
    )
