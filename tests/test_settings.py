"""One table of settings (issue 18): the configuration file's keys, the options of
``mtqa check``, those of the ``%%mtqa`` magic and the Checker's arguments come
from ``mtqa/settings.py`` and cannot drift apart."""

from __future__ import annotations

import argparse
import dataclasses
import enum
import inspect

import pytest
import typer.main
from typer.testing import CliRunner

from mtqa import magic
from mtqa.cli import app
from mtqa.config import KEYS, Config
from mtqa.model import MtqaError
from mtqa.settings import SETTINGS, Setting, magic_settings


def _words(text: str) -> str:
    """Text without its whitespace: help output wraps lines (and hyphenated words)."""
    return "".join(text.split())


def _check_options() -> dict[str, object]:
    """The options of ``mtqa check``, by each name they answer to."""
    command = typer.main.get_command(app).commands["check"]
    out: dict[str, object] = {}
    for param in command.params:
        for name in (*param.opts, *param.secondary_opts):
            if name.startswith("-"):
                out[name] = param
    return out


def _option_choices(param) -> tuple[str, ...] | None:
    """An option's choices, whichever way the installed Typer/Click keeps them."""
    choices = getattr(getattr(param, "type", None), "choices", None)
    if choices is None and getattr(param, "type_descriptor", None) is not None:
        choices = param.type_descriptor.choices
    if choices is None:
        return None
    return tuple(c.value if isinstance(c, enum.Enum) else c for c in choices)


def _magic_actions() -> list[argparse.Action]:
    return [a for a in magic._parser()._actions if a.dest != "doc_id"]


# -- the config file --------------------------------------------------------------------------


def test_every_config_key_is_a_setting_and_every_setting_a_config_key():
    assert list(KEYS) == list(SETTINGS)
    for key, setting in SETTINGS.items():
        assert setting.key == key
        assert KEYS[key] == (setting.parse, setting.expected, setting.default)
        assert Config().values[key] == setting.default


@pytest.mark.parametrize("key", list(SETTINGS))
def test_a_wrong_value_is_refused_with_what_the_setting_expects(key):
    setting = SETTINGS[key]
    wrong = object()
    assert setting.parse(wrong) is None
    with pytest.raises(MtqaError, match=f"--{key} must be "):
        Config().set(key, wrong)
    assert setting.expected  # every setting says what it expects


# -- the command line -----------------------------------------------------------------------


@pytest.mark.parametrize("key", list(SETTINGS))
def test_every_setting_is_an_option_of_check_with_the_tables_help(key):
    setting = SETTINGS[key]
    options = _check_options()
    params = {id(options[name]) for name in setting.option_names if name in options}
    assert set(setting.option_names) <= set(options), f"mtqa check has no {setting.option_names}"
    assert len(params) == 1, f"{setting.option_names} are not one option"
    param = options[setting.option_names[0]]
    assert param.help == setting.help
    assert bool(param.multiple) == setting.multiple
    choices = setting.choices() if setting.choices is not None else None
    assert _option_choices(param) == choices


def test_check_help_shows_every_setting_with_the_tables_help():
    result = CliRunner().invoke(app, ["check", "--help"])
    assert result.exit_code == 0, result.output
    shown = _words(result.output)
    for setting in SETTINGS.values():
        for name in setting.option_names:
            assert name in result.output
        assert _words(setting.help) in shown, setting.key


def test_the_table_help_is_written_once():
    # cli.py and magic.py take the settings' help from the table: none of it is copied there
    from pathlib import Path

    import mtqa

    package = Path(mtqa.__file__).parent
    for name in ("cli.py", "magic.py"):
        text = (package / name).read_text("utf-8")
        for setting in SETTINGS.values():
            assert setting.help[:40] not in text, f"{name} repeats the help of {setting.key}"


# -- the notebook magic ---------------------------------------------------------------------


def test_the_magic_offers_settings_of_the_table_with_the_same_help():
    by_name = {name: s for s in SETTINGS.values() for name in s.option_names}
    actions = _magic_actions()
    assert actions
    offered = set()
    for action in actions:
        names = [n for n in action.option_strings if n in by_name]
        assert names == action.option_strings, f"%%mtqa {action.option_strings} is not a setting"
        setting = by_name[names[0]]
        assert set(action.option_strings) == {n for n in setting.option_names if n.startswith("--")}
        assert (action.help or "").replace("%%", "%") == setting.help
        if setting.choices is not None:
            assert tuple(action.choices or ()) == setting.choices()
        offered.add(setting.key)
    assert offered == {s.key for s in magic_settings()}


def test_the_magic_help_is_the_tables():
    text = _words(magic._parser().format_help())
    for setting in magic_settings():
        assert _words(setting.help) in text


def test_the_magic_gives_the_checker_the_tables_defaults_and_its_options():
    parser = magic._parser()
    defaults = magic._checker_options(parser.parse_args([]))
    assert defaults == {s.checker: s.default for s in magic_settings()}
    given = magic._checker_options(parser.parse_args(["--no-fluency", "--select", "NC,ID", "--select", "BP"]))
    assert given["fluency"] is False and given["select"] == ["NC", "ID", "BP"]
    assert magic._checker_options(parser.parse_args(["--fluency"]))["fluency"] is True


# -- choices: from the code that owns them --------------------------------------------------


def test_choices_are_those_the_owning_code_accepts():
    from mtqa.loaders import FORMATS
    from mtqa.model import Severity
    from mtqa.scoring import DEVICE_CHOICES, DTYPE_CHOICES

    owned = {
        "fail-on": tuple(str(s) for s in Severity),
        "device": DEVICE_CHOICES,
        "dtype": DTYPE_CHOICES,
        "input-format": FORMATS,
    }
    assert {k for k, s in SETTINGS.items() if s.choices is not None} == set(owned)
    for key, values in owned.items():
        setting = SETTINGS[key]
        assert setting.choices is not None and setting.choices() == tuple(values)
        for value in values:
            assert setting.parse(value) == value
        assert setting.parse("nope") is None
        assert setting.expected == "one of " + ", ".join(repr(v) for v in values)
    for value in owned["fail-on"]:
        assert Severity.parse(value)


# -- the Checker ----------------------------------------------------------------------------


def test_checker_names_are_arguments_of_the_checker():
    from mtqa.api import Checker
    from mtqa.loaders import ReadOptions

    arguments = set(inspect.signature(Checker.__init__).parameters)
    read_fields = {f.name for f in dataclasses.fields(ReadOptions)}
    for setting in SETTINGS.values():
        if setting.checker is None:
            continue
        head, _, field = setting.checker.partition(".")
        assert head in arguments, setting.key
        if field:
            assert head == "read" and field in read_fields, setting.key
    for setting in magic_settings():
        assert setting.checker is not None and "." not in setting.checker


def test_the_run_gives_the_checker_each_setting_under_its_checker_name(monkeypatch):
    import mtqa.api
    from mtqa.run import checker_of

    seen: dict = {}

    class FakeChecker:
        def __init__(self, **kwargs):
            seen.update(kwargs)

    monkeypatch.setattr(mtqa.api, "Checker", FakeChecker)
    config = Config()
    values = {
        "select": ["BP"], "ignore": ["NC"], "input-format": "text", "glossary": "g.yaml",
        "lexicons": ["x.yaml"], "fluency": False, "model": "m", "device": "cpu", "dtype": "float32",
        "batch-size": 7, "max-document-size": "2KB", "source-lang": "nn", "target-lang": "en-GB",
    }
    for key, value in values.items():
        config.set(key, value)
    checker_of(config)
    assert {s.key for s in SETTINGS.values() if s.checker} == set(values)
    for setting in SETTINGS.values():
        if setting.checker is None:
            continue
        head, _, field = setting.checker.partition(".")
        got = getattr(seen[head], field) if field else seen[head]
        assert got == config[setting.key], setting.key


def test_a_setting_needs_what_it_expects_or_choices():
    with pytest.raises(AssertionError):
        _ = Setting("x", str, None, help="x").expected
