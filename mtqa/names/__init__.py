"""Names in an article: mentions, people, spellings and the knowledge behind them.

- :mod:`mtqa.names.mentions`: person and organisation mentions from the article's own evidence.
- :mod:`mtqa.names.phonetic`: phonetic keys and similarity of spellings.
- :mod:`mtqa.names.lexicon`: word lists (``data/names_*.yaml``) and wordfreq attestation.
- :mod:`mtqa.names.variants`: grouping spellings of one name and choosing the canonical one.
- :mod:`mtqa.names.glossary`: the user glossary (``--glossary FILE``) and its format.
- :mod:`mtqa.names.people`: people, their gender evidence, and pronoun resolution.
- :mod:`mtqa.names.places`: one place, road or institution named two ways.
- :mod:`mtqa.names.gazetteer`: the gazetteer of Norway (``data/gazetteer.yaml``).
- :mod:`mtqa.names.translated`: names that MT turned into English words.

The checks are in :mod:`mtqa.checks.names` (NC001-NC005) and
:mod:`mtqa.checks.pronouns` (PR001).
"""
