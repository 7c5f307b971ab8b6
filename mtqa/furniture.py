"""Recognise scraped page furniture, from the rules in ``data/boilerplate.yaml``.

Structure detection (``mtqa.structure``) marks furniture blocks with the code
of the rule that matched, so every other check can leave them out; the
``boilerplate`` checks then report them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

DATA_FILE = "boilerplate.yaml"


@dataclass(frozen=True)
class FurnitureRule:
    code: str
    name: str
    summary: str
    message: str
    suggestion: str
    patterns: tuple[re.Pattern[str], ...]
    tail: bool = False
    position: str = "any"
    max_words: int | None = None

    def matches(self, text: str, index: int, count: int) -> bool:
        if self.position == "edges" and 5 <= index < count - 5:
            return False
        if self.max_words is not None and len(text.split()) > self.max_words:
            return False
        return any(p.search(text) for p in self.patterns)


@dataclass(frozen=True)
class FurnitureRules:
    rules: tuple[FurnitureRule, ...]
    bio_nouns: frozenset[str]
    sha256: str

    def by_code(self, code: str) -> FurnitureRule:
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise KeyError(code)

    def match(self, text: str, index: int, count: int) -> FurnitureRule | None:
        text = text.strip()
        for rule in self.rules:
            if rule.matches(text, index, count):
                return rule
        if self.is_bio(text):
            return self.by_code("BP003")
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


def _compile(pattern: str) -> re.Pattern[str]:
    if pattern.startswith("(?-i)"):
        return re.compile(pattern[5:])
    return re.compile(pattern, re.IGNORECASE)


@cache
def load_rules() -> FurnitureRules:
    raw = resources.files("mtqa.data").joinpath(DATA_FILE).read_bytes()
    data = yaml.safe_load(raw)
    rules = []
    bio_nouns: set[str] = set()
    for entry in data["rules"]:
        rules.append(
            FurnitureRule(
                code=entry["code"],
                name=entry["name"],
                summary=entry["summary"],
                message=entry["message"],
                suggestion=entry["suggestion"],
                patterns=tuple(_compile(p) for p in entry["patterns"]),
                tail=bool(entry.get("tail", False)),
                position=entry.get("position", "any"),
                max_words=entry.get("max_words"),
            )
        )
        bio_nouns.update(n.lower() for n in entry.get("bio_nouns", ()))
    return FurnitureRules(
        tuple(rules), frozenset(bio_nouns), hashlib.sha256(raw).hexdigest()
    )
