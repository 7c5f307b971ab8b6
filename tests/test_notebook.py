"""mtqa in Jupyter: the example notebook run by a real kernel, and the data and plots."""

from __future__ import annotations

import base64
import json
import re
import sys
from pathlib import Path

import pytest

import mtqa

from .conftest import CLEAN_ARTICLE, ROOT
from .test_html import highlights

NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"


def _kernel_spec(folder: Path) -> Path:
    """A ``python3`` kernel spec that runs this interpreter (the project's .venv)."""
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (mtqa)",
                "language": "python",
            }
        )
    )
    return folder


def _outputs(cell, mime: str) -> list[str]:
    found = []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if mime in data:
            value = data[mime]
            found.append("".join(value) if isinstance(value, list) else value)
    return found


def _errors(nb) -> list[str]:
    return [
        f"{o.get('ename')}: {o.get('evalue')}"
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]


def test_committed_notebook_has_no_outputs():
    nb = json.loads(NOTEBOOK.read_text("utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)


def test_example_notebook_runs_in_a_jupyter_kernel(tmp_path, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    # the kernel inherits $MTQA_MODEL (the tiny test model) from this process
    monkeypatch.setenv("JUPYTER_PATH", str(_kernel_spec(tmp_path / "jupyter")))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        allow_errors=True,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    assert _errors(nb) == []
    cells = {c.id: c for c in nb.cells}

    # the report, as HTML: a highlight for every finding, with the exact span
    report = mtqa.check(ROOT / "seeds" / "000_b3dce5b5bb70e21c.txt")
    (page,) = _outputs(cells["cell-2"], "text/html")
    shown = highlights(page)
    assert len(report.findings) > 10
    assert len(shown.texts) == len(report.findings)
    assert sorted(shown.texts.values()) == sorted(f.text for f in report.findings)
    assert f"{len(report.findings)} findings" in page

    # the DataFrame: one row per finding
    (table,) = _outputs(cells["cell-4"], "text/html")
    body = table.split("<tbody>", 1)[1]
    assert body.count("<tr>") == len(report.findings)
    assert "<th>...</th>" not in body  # no rows left out of the display
    (sizes,) = _outputs(cells["cell-5"], "text/plain")
    assert re.search(r"boilerplate\s+8\b", sizes)  # 7 furniture blocks and the headline shown again

    # the sentences' scores, and the plot as a PNG
    assert "<table" in _outputs(cells["cell-7"], "text/html")[0]
    (png,) = _outputs(cells["cell-8"], "image/png")

    assert base64.b64decode(png).startswith(b"\x89PNG\r\n\x1a\n")

    # the %%mtqa cell magic checked the cell's text and showed its report
    (magic,) = _outputs(cells["cell-11"], "text/html")
    flagged = highlights(magic).texts
    assert "Heitfeldt" in flagged.values() and len(flagged) >= 2
    assert "&lt;cell&gt;" in magic


# -- the library calls behind it ---------------------------------------------


def test_to_pandas_and_sentences_frame(seed_path):
    import pandas as pd
    report = mtqa.check([seed_path, CLEAN_ARTICLE], fluency=False)
    df = report.to_pandas()
    assert isinstance(df, pd.DataFrame) and len(df) == len(report.findings)
    assert list(df.columns[:4]) == ["document", "code", "name", "family"]
    assert df["document"].tolist() == [r["document"] for r in report.to_records()]
    assert report[1].to_pandas().empty and "code" in report[1].to_pandas().columns
    sentences = report.sentences_frame()
    assert len(sentences) == sum(len(r.document.text_sentences()) for r in report)
    flagged = sentences[sentences["flagged"]]
    assert set(flagged["document"]) == {str(seed_path)}
    row = sentences[sentences["text"].str.contains("Foreign Minister Anneken Heitfeldt")].iloc[0]
    assert row["flagged"] and "NC001" in row["codes"].split(",")
    assert sentences["findings"].sum() == sum(
        1 for r in report for f in r.findings for s in r.document.text_sentences() if f.start < s.end and f.end > s.start
    )
    assert sentences["fluency"].isna().all()  # the model was off
    assert report.sentence_records()[0]["text"] == sentences["text"].iloc[0]


def test_without_pandas_the_error_says_what_to_install(seed_path, monkeypatch):
    report = mtqa.check(CLEAN_ARTICLE, fluency=False)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=re.escape("pip install 'mtqa[notebook]'")):
        report.to_pandas()
    assert report.to_records() == [] and report.sentence_records()[0]["sentence"] == 1


def test_plots(seed_path, tiny_model_dir):
    from matplotlib.figure import Figure

    report = mtqa.check(seed_path, model=str(tiny_model_dir))
    for i, s in enumerate(report[0].scores["sentences"]):  # the tiny model is not calibrated
        s["fluency"] = float(i * 7 % 100)
    fig = report.plot()
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert len(ax.patches) == len(report[0].document.text_sentences())
    marked = ax.collections[0].get_offsets()
    assert len(marked) == sum(1 for r in report[0].sentence_records() if r["flagged"]) > 0
    corpus = mtqa.check([seed_path, CLEAN_ARTICLE], fluency=False).plot()
    (ax,) = corpus.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == [str(seed_path), "<text>"]
    assert sum(p.get_width() for p in ax.patches) == len(report.findings)


def test_cell_magic_in_an_ipython_shell():
    from IPython import get_ipython
    from IPython.core.error import UsageError
    from IPython.testing.globalipapp import start_ipython

    ip = start_ipython() or get_ipython()  # None when a test before started it
    ip.run_line_magic("load_ext", "mtqa")
    report = ip.run_cell_magic("mtqa", "--no-fluency --select BP", "See also: Attack on a synagogue - VG\n\n" + CLEAN_ARTICLE)
    assert isinstance(report, mtqa.Report) and {f.code[:2] for f in report.findings} == {"BP"}
    assert report[0].id == "<cell>" and "model:none" in report.signature
    with pytest.raises(UsageError, match="cell is empty"):
        ip.run_cell_magic("mtqa", "--no-fluency", "  \n")
    with pytest.raises(UsageError, match="unrecognized arguments"):
        ip.run_cell_magic("mtqa", "--nope", CLEAN_ARTICLE)


def test_import_mtqa_does_not_import_ipython():
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", "import mtqa, sys; print('IPython' in sys.modules, 'pandas' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.split() == ["False", "False"]
