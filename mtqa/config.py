"""Configuration: ``[tool.mtqa]`` in ``pyproject.toml``, or ``mtqa.toml``.

The file is found by walking upward from the checked paths (the first of them
that exists; the working directory for stdin): in each folder ``mtqa.toml``
wins over a ``pyproject.toml`` with a ``[tool.mtqa]`` table, and a
``pyproject.toml`` without one is passed by.  Paths inside the file
(``glossary``, ``lexicons``, ``baseline``, override ``paths``) are relative to
the file's folder.

Precedence: built-in defaults < the file < the command line.  Every effective
value remembers where it came from (``mtqa config`` prints it).

An unknown key or a value of the wrong type is a :class:`~mtqa.model.MtqaError`
that names the key and the file.

Example (``mtqa.toml``; in ``pyproject.toml`` the same keys go under ``[tool.mtqa]``)::

    select = ["names", "UT", "BP001"]
    ignore = ["GR"]
    fail-on = "warning"
    max-findings = {total = 20, names = 5, NC001 = 0}
    min-fluency = 30
    max-penalty = 50
    baseline = "mtqa-baseline.json"
    glossary = "names.yaml"
    lexicons = ["extra-idioms.yaml"]
    fluency = true
    model = "smollm2"
    device = "auto"
    dtype = "auto"
    batch-size = 4096
    max-document-size = "5MB"
    document-timeout = 60
    source-lang = "nb"
    target-lang = "en"

    [[overrides]]
    paths = ["drafts/**"]
    ignore = ["FL"]
"""

from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mtqa.model import MtqaError, Severity
from mtqa.settings import SETTINGS
from mtqa.settings import str_list as _str_list

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("mtqa.toml", "pyproject.toml")
DEFAULT = "default"
COMMAND_LINE = "command line"

#: key -> (parser returning None for a wrong value, what is expected, default), made
#: from the table of settings (mtqa/settings.py), which also feeds the command line's
#: options and the notebook magic's, so that they cannot drift apart; the choices
#: come from the code that owns them.
KEYS: dict[str, tuple[Any, str, Any]] = {s.key: (s.parse, s.expected, s.default) for s in SETTINGS.values()}
_PATH_KEYS = ("baseline", "glossary")
_OVERRIDE_KEYS = ("paths", "select", "ignore")


@dataclass(frozen=True)
class Override:
    """Per-path ``select``/``ignore``: findings of other checks are dropped for these files."""

    paths: tuple[str, ...]
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    root: Path
    source: str

    def matches(self, path: str | None) -> bool:
        if not path or path == "-":
            return False
        try:
            rel = Path(os.path.abspath(path)).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        return any(_glob_match(rel, pattern) for pattern in self.paths)


def _glob_match(rel: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatchcase(rel, pattern) or PurePosixPath(rel).match(pattern):
        return True
    # "drafts" or "drafts/**" covers everything below drafts/
    prefix = pattern[:-3] if pattern.endswith("/**") else pattern
    return rel.startswith(prefix.rstrip("/") + "/")


@dataclass
class Config:
    """The effective configuration and where each value came from."""

    values: dict[str, Any] = field(default_factory=lambda: {k: v[2] for k, v in KEYS.items()})
    sources: dict[str, str] = field(default_factory=lambda: {k: DEFAULT for k in KEYS})
    file: Path | None = None
    overrides: list[Override] = field(default_factory=list)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def set(self, key: str, value: Any, source: str = COMMAND_LINE) -> None:
        """Set ``key`` from the command line (``None`` leaves it as it is), checked as the file's values are."""
        if value is None:
            return
        if key not in KEYS:
            raise KeyError(key)
        parse, expected, _ = KEYS[key]
        parsed = parse(value)
        if parsed is None:
            raise MtqaError(f"--{key} must be {expected}, not {value!r}")
        self.values[key] = parsed
        self.sources[key] = source

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file) if self.file else None,
            "values": {
                k: {"value": self.values[k], "source": self.sources[k]} for k in sorted(KEYS)
            },
            "overrides": [
                {
                    "paths": list(o.paths),
                    "select": list(o.select) if o.select is not None else None,
                    "ignore": list(o.ignore),
                    "source": o.source,
                }
                for o in self.overrides
            ],
        }

    def validate_selectors(self) -> None:
        """Unknown check selectors in the file are errors naming the key and file."""
        from mtqa.checks import known_selector

        for key in ("select", "ignore"):
            for selector in self.values[key] or ():
                if not known_selector(selector):
                    raise MtqaError(
                        f"{self.sources[key]}: {key}: unknown check {selector!r} "
                        "(run 'mtqa checks' to list codes, names and families)"
                    )
        for o in self.overrides:
            for key, selectors in (("select", o.select or ()), ("ignore", o.ignore)):
                for selector in selectors:
                    if not known_selector(selector):
                        raise MtqaError(
                            f"{o.source}: overrides.{key}: unknown check {selector!r} "
                            "(run 'mtqa checks' to list codes, names and families)"
                        )


def find_config(paths: list[str] | tuple[str, ...] = ()) -> Path | None:
    """The config file that governs ``paths``: walk upward from the first one that exists."""
    start = Path.cwd()
    for p in paths:
        if p != "-" and os.path.exists(p):
            start = Path(p).resolve()
            break
    folder = start if start.is_dir() else start.parent
    for directory in (folder, *folder.parents):
        candidate = directory / "mtqa.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and "mtqa" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise MtqaError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise MtqaError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _table(path: Path) -> tuple[dict[str, Any], str]:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("mtqa", {})
        if not isinstance(table, dict):
            raise MtqaError(f"{path}: [tool.mtqa] must be a table")
        return table, "tool.mtqa."
    return data, ""


def load_config(
    paths: list[str] | tuple[str, ...] = (), config_file: str | os.PathLike | None = None
) -> Config:
    """The configuration for checking ``paths`` (or from ``config_file`` when given)."""
    config = Config()
    path = Path(config_file) if config_file is not None else find_config(paths)
    if path is None:
        return config
    if not path.is_file():
        raise MtqaError(f"config {path}: no such file")
    config.file = path
    table, prefix = _table(path)
    root = path.resolve().parent
    source = str(path)
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key == "overrides":
            config.overrides = _overrides(value, root, source, prefix)
            continue
        if key not in KEYS:
            raise MtqaError(
                f"{source}: unknown key {prefix}{raw_key!r} (known: {', '.join(sorted(KEYS))}, overrides)"
            )
        parse, expected, _ = KEYS[key]
        parsed = parse(value)
        if parsed is None:
            raise MtqaError(f"{source}: {prefix}{raw_key} must be {expected}, not {value!r}")
        if key in _PATH_KEYS:
            parsed = str(root / parsed)
        elif key == "lexicons":
            parsed = [str(root / p) for p in parsed]
        config.values[key] = parsed
        config.sources[key] = source
    config.validate_selectors()
    return config


def _overrides(value: Any, root: Path, source: str, prefix: str) -> list[Override]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise MtqaError(f"{source}: {prefix}overrides must be an array of tables ([[overrides]])")
    out = []
    for i, table in enumerate(value):
        where = f"{prefix}overrides[{i}]"
        for key in table:
            if key not in _OVERRIDE_KEYS:
                raise MtqaError(
                    f"{source}: unknown key {where}.{key!r} (known: {', '.join(_OVERRIDE_KEYS)})"
                )
        paths = _str_list(table.get("paths"))
        if not paths:
            raise MtqaError(f"{source}: {where}.paths must be a non-empty list of globs")
        parsed: dict[str, list[str]] = {}
        for key in ("select", "ignore"):
            if key in table:
                values = _str_list(table[key])
                if values is None:
                    raise MtqaError(f"{source}: {where}.{key} must be a list of codes, prefixes, names or families")
                parsed[key] = values
        out.append(
            Override(
                paths=tuple(paths),
                select=tuple(parsed["select"]) if parsed.get("select") is not None else None,
                ignore=tuple(parsed.get("ignore") or ()),
                root=root,
                source=source,
            )
        )
    return out


def severity(config: Config) -> Severity:
    return Severity.parse(config["fail-on"])
