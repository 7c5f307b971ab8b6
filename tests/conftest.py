from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b3dce5b5bb70e21c.txt"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: A user's lexicon entry with article cues, for the tests of them: "crown" is the
#: coronavirus in an article that speaks of a test or an infection and names no king,
#: coin or tooth.
CROWN_LEXICON = r"""version: 1
entries:
- id: my-crown
  kind: false-friend
  norwegian: korona
  meaning: the coronavirus
  english: [corona]
  renderings: ['\bcrown\b']
  context: {article: '\b(?:tested|infection)\b', not_article: '\b(?:king|coins?|tooth)\b'}
  confidence: 0.8
  severity: warning
  examples: {flag: [She tested negative and has no crown.], allow: [She tested negative and has no corona., The king's crown was tested.]}
  note: test entry
"""

CLEAN_ARTICLE = """Oslo council approves new budget

The city council approved the new budget on Tuesday after a long debate about school funding.

The mayor said the money would go to new teachers and to repairs of old school buildings.

– We have listened to the parents, she said.
"""


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return _write


# -- the reference language model in tests ---------------------------------
# Fluency is on by default, so every mtqa.check() loads a model.  The fast suite
# uses a tiny randomly initialised Llama (built once per session, offline, with a
# byte-level BPE tokenizer trained on a few sentences) through $MTQA_MODEL.  Tests
# marked ``model`` (and the FL check cases, marked below) use the real default
# model instead.

TINY_CORPUS = [CLEAN_ARTICLE, "The quick brown fox jumps over the lazy dog. She has three tracks."] * 4


def build_tiny_model(folder: Path) -> Path:
    """A tiny random causal LM with a fast tokenizer, saved as safetensors in ``folder``."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(TINY_CORPUS, trainer=trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|endoftext|>", bos_token="<|endoftext|>")
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=2,
        max_position_embeddings=256,
        bos_token_id=0,
        eos_token_id=0,
    )
    model = LlamaForCausalLM(config)
    model.save_pretrained(str(folder), safe_serialization=True)
    fast.save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny-model"))


@pytest.fixture(autouse=True)
def _reference_model(request, monkeypatch):
    """$MTQA_MODEL: the tiny model, or the real default one for tests marked ``model``."""
    if request.node.get_closest_marker("model"):
        monkeypatch.delenv("MTQA_MODEL", raising=False)
        return
    monkeypatch.setenv("MTQA_MODEL", str(request.getfixturevalue("tiny_model_dir")))


def pytest_collection_modifyitems(config, items):
    """The cases of checks that read the model (test_checks_cases.py: FL001, FL002, ID010, ID011,
    AC004) need a real model: mark them ``model``."""
    from mtqa.checks import all_checks

    needs_model = {c.code for c in all_checks() if "model" in c.requires}
    for item in items:
        callspec = getattr(item, "callspec", None)
        code = callspec.params.get("code") if callspec is not None else None
        if isinstance(code, str) and code in needs_model:
            item.add_marker(pytest.mark.model)


@pytest.fixture
def fake_scorer(monkeypatch):
    """A ``mtqa.Checker`` of the FL checks with the torch-free fake scorer installed
    (tests/fake_scorer.py): no model is loaded.  ``mtqa.scoring.load_scorer`` gives the
    same fake scorer for the test's duration, so ``mtqa.check(...)`` uses it too;
    ``checker.context.scorer`` is the fake."""
    import dataclasses

    import mtqa
    from mtqa import scoring

    from .fake_scorer import FakeScorer

    scorer = FakeScorer()
    monkeypatch.setattr(scoring, "load_scorer", lambda *args, **kwargs: scorer)
    checker = mtqa.Checker(select=["FL"])
    checker.context = dataclasses.replace(checker.context, scorer=scorer)
    return checker
