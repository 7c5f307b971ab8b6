"""Zipf frequencies of a word in several languages, from wordfreq's lists.

Reading wordfreq's eleven frequency lists into dictionaries takes about a
second, every run, for a few hundred look-ups.  So the lists are turned once
into an SQLite index in mtqa's cache folder (:mod:`mtqa.cache`; about 90 MB,
a few seconds, keyed by the wordfreq version and the languages), and a run
looks its words up there.  Where the cache cannot be written, or another
process is building it at that moment, the dictionaries are read as before:
the answers are the same either way.

wordfreq's data is licensed CC BY-SA 4.0; the index is derived on the user's
machine from the copy they installed, never shipped with mtqa.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

from mtqa.cache import building, cache_root

#: SQLite allows 999 parameters in a statement on old builds.
_BATCH = 900
_SCHEMA = 1


def zipf_of_bucket(bucket: int) -> float:
    """wordfreq stores a word in the bucket of its frequency in centibels below
    one (bucket 300 = 10**-3): its Zipf value is ``9 - bucket / 100``."""
    return round(9 - bucket / 100, 2)


class Frequencies:
    """Look-ups of lower-cased words in the frequency lists of ``langs``."""

    def __init__(self, langs: tuple[str, ...]) -> None:
        self.langs = langs
        self._local = threading.local()
        self._dicts: tuple[dict[str, int], ...] | None = None

    # -- the index -------------------------------------------------------------

    @property
    def path(self) -> Path:
        try:
            version = metadata.version("wordfreq")
        except metadata.PackageNotFoundError:  # pragma: no cover - a vendored wordfreq
            version = "unknown"
        key = hashlib.sha256(f"{_SCHEMA}|{version}|{','.join(self.langs)}".encode()).hexdigest()[:16]
        return cache_root() / f"wordfreq-{key}.sqlite3"

    def _connection(self) -> sqlite3.Connection | None:
        """This thread's and process's read-only connection to the index (a
        connection must not cross a fork), building the index when it is missing."""
        pid = os.getpid()
        held = getattr(self._local, "con", None)
        if held is not None and held[0] == pid:
            return held[1]
        if self._dicts is not None:
            return None
        path = self.path
        if not path.exists():
            self._build(path)
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            con.execute("SELECT 1 FROM freq LIMIT 1")
        except sqlite3.Error:
            self._in_memory()  # no index this run: the lists in memory from now on
            return None
        self._local.con = (pid, con)
        return con

    def _build(self, path: Path) -> None:
        import wordfreq

        with building(path) as tmp:
            if tmp is None or path.exists():
                return
            con = sqlite3.connect(tmp)
            try:
                con.execute("PRAGMA journal_mode=OFF")
                con.execute("PRAGMA synchronous=OFF")
                con.execute("PRAGMA temp_store=MEMORY")
                con.execute("CREATE TEMP TABLE rows(word TEXT NOT NULL, lang INTEGER NOT NULL, bucket INTEGER NOT NULL)")
                for i, lang in enumerate(self.langs):
                    con.executemany(
                        "INSERT INTO rows VALUES (?, ?, ?)",
                        ((w, i, b) for b, words in enumerate(wordfreq.get_frequency_list(lang)) for w in words),
                    )
                con.execute(
                    "CREATE TABLE freq(word TEXT NOT NULL, lang INTEGER NOT NULL, bucket INTEGER NOT NULL,"
                    " PRIMARY KEY (word, lang)) WITHOUT ROWID"
                )
                # as wordfreq.get_frequency_dict: a word listed twice keeps its last bucket
                con.execute(
                    "INSERT INTO freq SELECT word, lang, MAX(bucket) FROM rows GROUP BY word, lang ORDER BY word, lang"
                )
                con.commit()
            finally:
                con.close()

    # -- the fallback ------------------------------------------------------------

    def _in_memory(self) -> tuple[dict[str, int], ...]:
        if self._dicts is None:
            import wordfreq

            dicts = []
            for lang in self.langs:
                d: dict[str, int] = {}
                for b, words in enumerate(wordfreq.get_frequency_list(lang)):
                    for w in words:
                        d[w] = b
                dicts.append(d)
            self._dicts = tuple(dicts)
        return self._dicts

    # -- look-ups --------------------------------------------------------------

    def zipfs(self, word: str) -> dict[str, float]:
        """The Zipf frequency of ``word`` (lower-cased already) in each
        language that lists it."""
        return self.many([word]).get(word, {})

    def many(self, words: Iterable[str]) -> dict[str, dict[str, float]]:
        """:meth:`zipfs` of each of ``words`` that some list knows."""
        words = list(dict.fromkeys(words))
        out: dict[str, dict[str, float]] = {}
        con = self._connection()
        if con is None:
            dicts = self._in_memory()
            for w in words:
                found = {lang: zipf_of_bucket(d[w]) for lang, d in zip(self.langs, dicts) if w in d}
                if found:
                    out[w] = found
            return out
        for k in range(0, len(words), _BATCH):
            part = words[k : k + _BATCH]
            marks = ",".join("?" * len(part))
            for w, lang, bucket in con.execute(f"SELECT word, lang, bucket FROM freq WHERE word IN ({marks})", part):
                out.setdefault(w, {})[self.langs[lang]] = zipf_of_bucket(bucket)
        return out


@cache
def frequencies(langs: tuple[str, ...]) -> Frequencies:
    return Frequencies(langs)

