"""A user glossary of canonical names (``mtqa check --glossary FILE``).

For names no word list knows (local politicians, companies, places), the
glossary gives the canonical spelling, and optionally its known wrong variants
and its kind.  Glossary entries win over every heuristic of the names checks:
a cluster of variants that contains a glossary spelling is corrected to it, a
known wrong variant is reported wherever it appears, and a glossary spelling is
never reported as unattested.

YAML (``.yaml``/``.yml``)::

    names:
      - name: Anniken Huitfeldt          # the canonical spelling (required)
        kind: person                     # person | organisation | place (default: person)
        variants: [Aniken Heitfeldt, Huitfeld]   # known wrong spellings (optional)
      - name: NATO-Russia Council
        kind: organisation
        variants: [NATO and Russia Council]
      - Trondheim                        # a bare string: a name with no variants

The top level may also be the list itself, without ``names:``.

TSV (any other suffix; ``.tsv`` or ``.txt``): one name a line, tab-separated
columns ``name``, ``kind`` (optional), ``variants`` (optional, separated by
``|``).  Empty lines and lines starting with ``#`` are skipped, and so is a
first line ``name<TAB>kind<TAB>variants``::

    Anniken Huitfeldt	person	Aniken Heitfeldt|Huitfeld
    NATO-Russia Council	organisation	NATO and Russia Council
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from mtqa.model import MtqaError

KINDS = ("person", "organisation", "place")
_KIND_ALIASES = {"organization": "organisation", "org": "organisation", "per": "person", "loc": "place"}
_WORD = re.compile(r"[^\W\d_]+(?:['’\-‐][^\W\d_]+)*")


@dataclass(frozen=True)
class GlossaryEntry:
    name: str
    kind: str = "person"
    variants: tuple[str, ...] = ()


@dataclass
class Glossary:
    entries: list[GlossaryEntry] = field(default_factory=list)

    @property
    def words(self) -> dict[str, str]:
        """Every word of a canonical name, folded to lower case -> as written."""
        out: dict[str, str] = {}
        for e in self.entries:
            for w in _WORD.findall(e.name):
                out.setdefault(w.lower(), w)
        return out

    @property
    def wrong_words(self) -> dict[str, str]:
        """A word of a known wrong variant -> the canonical word in its place.

        Words are paired by position when a variant has as many words as its
        name; a word that is also a canonical word is never wrong.
        """
        canonical = self.words
        out: dict[str, str] = {}
        for e in self.entries:
            right = _WORD.findall(e.name)
            for v in e.variants:
                wrong = _WORD.findall(v)
                if len(wrong) != len(right):
                    continue
                for a, b in zip(wrong, right):
                    if a.lower() != b.lower() and a.lower() not in canonical:
                        out.setdefault(a.lower(), b)
        return out

    def variant_phrases(self) -> list[tuple[str, GlossaryEntry]]:
        """(wrong variant, its entry), longest first."""
        pairs = [(v, e) for e in self.entries for v in e.variants]
        return sorted(pairs, key=lambda p: -len(p[0]))


def _entry(item, where: str) -> GlossaryEntry:
    if isinstance(item, str):
        return GlossaryEntry(item.strip())
    if not isinstance(item, dict) or not str(item.get("name", "")).strip():
        raise MtqaError(f"{where}: a glossary entry needs a 'name' (got {item!r})")
    kind = str(item.get("kind", "person")).strip().lower()
    kind = _KIND_ALIASES.get(kind, kind)
    if kind not in KINDS:
        raise MtqaError(f"{where}: unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    variants = item.get("variants") or ()
    if isinstance(variants, str):
        variants = [v for v in variants.split("|")]
    return GlossaryEntry(
        str(item["name"]).strip(), kind, tuple(str(v).strip() for v in variants if str(v).strip())
    )


def parse_glossary(text: str, suffix: str = ".yaml", where: str = "glossary") -> Glossary:
    """A glossary from the text of a YAML or TSV file (see the module docstring)."""
    if suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            raise MtqaError(f"{where}: not valid YAML ({exc})") from None
        if isinstance(data, dict):
            data = data.get("names", [])
        if not isinstance(data, list):
            raise MtqaError(f"{where}: expected a list of names under 'names:'")
        return Glossary([_entry(item, f"{where} entry {i + 1}") for i, item in enumerate(data)])
    entries = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if lineno == 1 and cols[0].lower() == "name":
            continue
        item = {"name": cols[0]}
        if len(cols) > 1 and cols[1]:
            item["kind"] = cols[1]
        if len(cols) > 2 and cols[2]:
            item["variants"] = cols[2]
        entries.append(_entry(item, f"{where}:{lineno}"))
    return Glossary(entries)


_CACHE: dict[tuple[str, float], Glossary] = {}


def load_glossary(path: str | Path | None) -> Glossary | None:
    """The glossary at ``path`` (cached while the file is unchanged), or None."""
    if path is None:
        return None
    p = Path(path)
    try:
        stamp = (str(p.resolve()), p.stat().st_mtime)
        if stamp not in _CACHE:
            _CACHE[stamp] = parse_glossary(p.read_text("utf-8"), p.suffix, str(p))
    except OSError as exc:
        raise MtqaError(f"glossary {path}: {exc.strerror or exc}") from None
    return _CACHE[stamp]
