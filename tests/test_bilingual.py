"""Translation files (XLIFF 1.2 and 2.0, TMX, TSV), sidecar sources, --source, untrusted XML."""

from __future__ import annotations

import time

import pytest

import mtqa
from mtqa.loaders import DocumentError, iter_documents

UNITS = [
    ("t", "Regjeringen la fram budsjettet", "The government presented the budget"),
    ("p1", "Finansministeren sa at 100 000 arbeidsplasser er truet.", "The finance minister said 10,000 jobs are at risk."),
    ("p2", "Opposisjonen reagerte kraftig på tirsdag.", "The opposition reacted strongly on Tuesday."),
]


def _xliff12() -> bytes:
    from translate.storage import xliff

    store = xliff.xlifffile(sourcelanguage="nb", targetlanguage="en")
    for uid, src, tgt in UNITS:
        unit = store.addsourceunit(src)
        unit.target = tgt
        unit.setid(uid)
    return bytes(store)


def _xliff20() -> bytes:
    from translate.storage import xliff2

    store = xliff2.Xliff2File()
    store.setsourcelanguage("nb")
    store.settargetlanguage("en")
    for uid, src, tgt in UNITS:
        unit = store.addsourceunit(src)
        unit.target = tgt
        unit.setid(uid)
    return bytes(store)


def _tmx() -> bytes:
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage="nb", targetlanguage="en")
    for _, src, tgt in UNITS:
        store.addtranslation(src, "nb", tgt, "en")
    return bytes(store)


def _tsv() -> bytes:
    return ("source\ttarget\n" + "".join(f"{s}\t{t}\n" for _, s, t in UNITS)).encode()


@pytest.mark.parametrize(
    "name,make", [("a.xlf", _xliff12), ("b.xliff", _xliff20), ("c.tmx", _tmx), ("d.tsv", _tsv)]
)
def test_translation_files_become_documents_with_their_source(write, name, make):
    data = make()
    (doc,) = list(iter_documents([write(name, data)]))
    assert isinstance(doc, mtqa.Document), doc
    assert doc.text.split("\n\n") == [t for _, _, t in UNITS]
    assert doc.source.split("\n\n") == [s for _, s, _ in UNITS]
    lines = data.decode("utf-8").splitlines()
    for segment, (uid, _, tgt) in zip(doc.meta["segments"], UNITS):
        assert segment["line"] is not None
        if name.endswith((".xlf", ".xliff")):
            assert segment["id"] == uid
        # The unit's line in the file leads to its text.
        following = "\n".join(lines[segment["line"] - 1 : segment["line"] + 4])
        assert tgt in following
    # The changed number is found and points into the file.
    report = mtqa.check(doc, select=["AC001"], fluency=False)
    (finding,) = report.findings
    assert finding.text == "10,000"
    assert "10,000" in "\n".join(lines[finding.line - 1 : finding.line + 4])


def test_xml_external_entity_is_refused_and_nothing_is_read(write, tmp_path):
    secret = write("secret.txt", "TOP-SECRET-CONTENT")
    payload = f"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://{secret}">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="nb"
target-language="en" datatype="plaintext"><body><trans-unit id="1"><source>Hei</source>
<target>&xxe;</target></trans-unit></body></file></xliff>"""
    items = list(iter_documents([write("xxe.xlf", payload)]))
    assert [type(i) for i in items] == [DocumentError]
    assert "entities" in items[0].message
    assert "TOP-SECRET" not in repr(items)


def test_billion_laughs_is_refused_quickly(write):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    payload = f"""<?xml version="1.0"?><!DOCTYPE tmx [{entities}]>
<tmx version="1.4"><header srclang="nb"/><body><tu><tuv xml:lang="nb"><seg>&lol9;</seg></tuv>
<tuv xml:lang="en"><seg>&lol9;</seg></tuv></tu></body></tmx>"""
    started = time.monotonic()
    (item,) = list(iter_documents([write("lol.tmx", payload)]))
    assert isinstance(item, DocumentError) and "entities" in item.message
    assert time.monotonic() - started < 30  # generous: it must not hang


def test_sidecar_source_and_reference(write, tmp_path):
    write("story.en.txt", "Budget day\n\nThe finance minister said 10,000 jobs are at risk.\n")
    write("story.nb.txt", "Budsjettdagen\n\nFinansministeren sa at 100 000 arbeidsplasser er truet.\n")
    write("story.ref.txt", "Budget day\n\nThe finance minister said 100,000 jobs are at risk.\n")
    write("other.txt", "Weather\n\nIt rained in Bergen on Monday, as it does.\n")
    docs = list(iter_documents([tmp_path]))
    assert [d.id.rsplit("/", 1)[1] for d in docs] == ["other.txt", "story.en.txt"]
    story = docs[1]
    assert story.source.startswith("Budsjettdagen") and story.reference.startswith("Budget day")
    assert docs[0].source is None
    report = mtqa.check(tmp_path, select=["AC001"], fluency=False)
    assert [f.text for f in report.findings] == ["10,000"]


def test_given_source_for_one_article(write):
    en = write("a.txt", "Budget day\n\nThe finance minister said 10,000 jobs are at risk.\n")
    nb = write("a-source.txt", "Budsjettdagen\n\nFinansministeren sa at 100 000 arbeidsplasser er truet.\n")
    (doc,) = list(iter_documents([en], source=nb))
    assert doc.source.startswith("Budsjettdagen")
    with pytest.raises(ValueError, match="one article"):
        list(iter_documents([en, en], source=nb))
    (err,) = list(iter_documents([en], source=nb.with_name("missing.txt")))
    assert isinstance(err, DocumentError) and "source file cannot be read" in err.message


def test_tsv_without_two_columns_is_an_error(write):
    (err,) = list(iter_documents([write("bad.tsv", "only one column\n")]))
    assert isinstance(err, DocumentError) and "two columns" in err.message


def test_cli_source_option(write):
    from typer.testing import CliRunner

    from mtqa.cli import app

    en = write("a.txt", "Budget day\n\nThe finance minister said 10,000 jobs are at risk.\n")
    nb = write("a-nb.txt", "Budsjettdagen\n\nFinansministeren sa at 100 000 arbeidsplasser er truet.\n")
    result = CliRunner().invoke(app, ["check", str(en), "--source", str(nb), "--no-fluency", "-f", "json"])
    assert result.exit_code == 1, result.output
    assert "'100 000' where the translation says '10,000'" in result.output
    result = CliRunner().invoke(app, ["check", str(en), str(en), "--source", str(nb), "--no-fluency"])
    assert result.exit_code == 2 and "one article" in result.output


def test_the_alignment_is_in_the_json(write):
    en = write("a.txt", "Budget day\n\nThe finance minister said 10,000 jobs are at risk.\n")
    nb = write("a-nb.txt", "Budsjettdagen\n\nFinansministeren sa at 100 000 arbeidsplasser er truet.\n")
    (doc,) = list(iter_documents([en], source=nb))
    data = mtqa.check(doc, fluency=False).to_dict()["documents"][0]
    alignment = data["alignment"]
    assert alignment["ok"] is True
    pairs = [(doc.source[s[0]:s[1]], doc.text[t[0]:t[1]]) for b in alignment["sentences"]
             for s, t in zip(b["source"], b["target"])]
    assert ("Finansministeren sa at 100 000 arbeidsplasser er truet.",
            "The finance minister said 10,000 jobs are at risk.") in pairs
    assert mtqa.check("Budget day\n\nText here.", fluency=False).to_dict()["documents"][0]["alignment"] is None
