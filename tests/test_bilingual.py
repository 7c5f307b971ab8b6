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


# -- no silent pass (issue 19) ------------------------------------------------------
def _xliff(units: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a" source-language="nb" target-language="en" datatype="plaintext"><body>
{units}
</body></file></xliff>"""


def test_units_without_a_translation_are_findings_at_their_line(write):
    path = write("half.xlf", _xliff(
        '<trans-unit id="t"><source>Budsjettdagen</source><target>Budget day</target></trans-unit>\n'
        '<trans-unit id="p1"><source>Opposisjonen reagerte.</source></trans-unit>\n'
        '<trans-unit id="p2"><source>Regjeringen svarte.</source><target>The government replied.</target></trans-unit>\n'
        '<trans-unit id="p3"><source>Statsministeren tier.</source><target></target></trans-unit>'
    ))
    report = mtqa.check(path, select=["UT005"], fluency=False)
    assert [(f.code, f.line, f.column, f.text) for f in report.findings] == [
        ("UT005", 5, 1, ""), ("UT005", 7, 1, "")
    ]
    assert "unit 'p1' has no translation" in report.findings[0].message
    assert "Opposisjonen reagerte." in report.findings[0].message
    assert report.exit_code() == 1
    # the untranslated units' sources are not in the document's source: the rest stays aligned
    (doc,) = list(iter_documents([path]))
    assert doc.source == "Budsjettdagen\n\nRegjeringen svarte."


def test_units_not_to_be_translated_or_not_final_are_counted_in_a_note(write):
    path = write("pending.xlf", _xliff(
        '<trans-unit id="t"><source>Budsjettdagen</source><target>Budget day</target></trans-unit>\n'
        '<trans-unit id="brand" translate="no"><source>VG+</source></trans-unit>\n'
        '<group translate="no"><trans-unit id="g"><source>NTB</source></trans-unit></group>\n'
        '<trans-unit id="p1"><source>Opposisjonen reagerte.</source><target state="needs-translation"/></trans-unit>\n'
        '<trans-unit id="p2"><source>Regjeringen svarte.</source><target state="new"></target></trans-unit>'
    ))
    report = mtqa.check(path, select=["UT005"], fluency=False)
    assert report.findings == []
    assert any(n.startswith("2 unit(s) without a translation are not final yet") for n in report[0].notes)


def test_xliff2_segment_state_and_inherited_translate(write):
    data = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="nb" trgLang="en">
<file id="f1">
<unit id="u1"><segment state="final"><source>Hei</source><target>Hello there, said the minister.</target></segment></unit>
<unit id="u2"><segment state="initial"><source>Tom</source></segment></unit>
<unit id="u3" translate="no"><segment><source>VG</source></segment></unit>
<unit id="u4"><segment><source>Mangler</source></segment></unit>
</file></xliff>"""
    report = mtqa.check(write("x2.xliff", data), select=["UT005"], fluency=False)
    assert [(f.line, f.extra["unit"]) for f in report.findings] == [(7, "u4")]
    assert any("1 unit(s)" in n for n in report[0].notes)


def test_tsv_row_without_target_is_a_finding(write):
    path = write("rows.tsv", "source\ttarget\nHei\tHello, said the minister.\nTom\t\nMangler\n")
    report = mtqa.check(path, select=["UT005"], fluency=False)
    assert [f.line for f in report.findings] == [3, 4]


def test_a_file_with_nothing_translated_is_an_error(write):
    path = write("none.xlf", _xliff('<trans-unit id="1"><source>Hei</source></trans-unit>'))
    (err,) = list(iter_documents([path]))
    assert isinstance(err, DocumentError)
    assert "nothing translated: all 1 units have an empty or missing target" in err.message


def _tmx(*tus: tuple[tuple[str, str], ...]) -> str:
    body = "".join(
        "<tu>" + "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in tu) + "</tu>\n"
        for tu in tus
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="nb"/><body>\n{body}</body></tmx>'


def test_tmx_variants_are_chosen_by_language_not_position(write):
    path = write("three.tmx", _tmx(
        (("de", "Die Regierung legte den Haushalt vor."), ("nb-NO", "Regjeringen la fram budsjettet."),
         ("en-GB", "The government presented the budget.")),
        (("EN", "The opposition reacted <bpt i='1'>&lt;b&gt;</bpt>strongly<ept i='1'>&lt;/b&gt;</ept>."),
         ("nb", "Opposisjonen reagerte kraftig.")),
        (("nb", "Ingen oversettelse."), ("de", "Keine Übersetzung.")),
    ))
    (doc,) = list(iter_documents([path]))
    assert doc.text == "The government presented the budget.\n\nThe opposition reacted strongly."
    assert doc.source == "Regjeringen la fram budsjettet.\n\nOpposisjonen reagerte kraftig."
    report = mtqa.check(doc, select=["UT005"], fluency=False)
    assert [f.line for f in report.findings] == [5]  # the third unit has no English variant
    # another pair of languages, by option
    from mtqa.loaders import ReadOptions

    (doc,) = list(iter_documents([path], read=ReadOptions(source_lang="nb", target_lang="de")))
    assert doc.text.startswith("Die Regierung") and doc.text.endswith("Keine Übersetzung.")


def test_tmx_without_the_languages_is_a_clear_error(write):
    path = write("de.tmx", _tmx((("nb", "Hei."), ("de", "Hallo."))))
    (err,) = list(iter_documents([path]))
    assert isinstance(err, DocumentError)
    assert "no English translation in this TMX file (looked for xml:lang en; it has de, nb)" in err.message
    assert "--target-lang" in err.message
    path = write("fr.tmx", _tmx((("fr", "Bonjour."), ("en", "Hello, said the minister."))))
    (err,) = list(iter_documents([path]))
    assert "no Norwegian source" in err.message and "--source-lang" in err.message


def test_cli_target_lang_reads_another_variant(write):
    from typer.testing import CliRunner

    from mtqa.cli import app

    path = write("de.tmx", _tmx((("nb", "Regjeringen la fram budsjettet."), ("de", "Die Regierung legte vor."))))
    result = CliRunner().invoke(app, ["check", str(path), "--no-fluency", "-f", "json", "--select", "UT005"])
    assert result.exit_code == 2 and "--target-lang" in result.output
    result = CliRunner().invoke(
        app, ["check", str(path), "--no-fluency", "-f", "json", "--select", "UT005", "--target-lang", "de"]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("encoding", ["UTF-7", "utf_7", "cp500", "no-such-codec"])
def test_xml_declaring_an_encoding_that_hides_markup_is_refused(write, encoding):
    payload = f"""<?xml version="1.0" encoding="{encoding}"?>
+ADw-+ACE-DOCTYPE xliff +AFs-+ADw-+ACE-ENTITY xxe SYSTEM +ACI-file:///etc/passwd+ACI-+AD4-+AF0-+AD4-
<xliff version="1.2"><file original="a" source-language="nb" target-language="en" datatype="plaintext">
<body><trans-unit id="1"><source>Hei</source><target>Hello</target></trans-unit></body></file></xliff>"""
    (err,) = list(iter_documents([write("utf7.xlf", payload)]))
    assert isinstance(err, DocumentError)
    assert f"declares encoding '{encoding}'" in err.message and "re-save the file as UTF-8" in err.message


def test_xml_declaring_utf8_or_latin1_is_read(write):
    for encoding in ("utf-8", "ISO-8859-1"):
        data = _tmx((("nb", "Hei."), ("en", "Hello, said the minister."))).replace("UTF-8", encoding)
        (doc,) = list(iter_documents([write("ok.tmx", data.encode(encoding))]))
        assert isinstance(doc, mtqa.Document), doc
