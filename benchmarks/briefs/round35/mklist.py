"""Lemmas of wordfreq's Norwegian list beyond the dictionary of senses, in frequency order."""

import re
import sys
from collections import defaultdict

import simplemma
import yaml
from wordfreq import iter_wordlist, zipf_frequency

MIN = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
senses = set()
for line in open("mtqa/data/nb_en_senses.tsv", encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    senses.add(line.split("\t")[0].lower())
gloss = {}
for line in open("mtqa/data/nb_en_glossary.tsv", encoding="utf-8"):
    if line.startswith("#") or "\t" not in line:
        continue
    a, b = line.rstrip("\n").split("\t")[:2]
    gloss.setdefault(a, b)
names = set()
for f in ("names_first_names.yaml", "gazetteer.yaml"):

    def walk(o):
        if isinstance(o, str):
            names.add(o.lower())
        elif isinstance(o, dict):
            for k, v in o.items():
                names.add(str(k).lower())
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(yaml.safe_load(open("mtqa/data/" + f, encoding="utf-8")))
lem = defaultdict(float)
forms = defaultdict(list)
for w in iter_wordlist("nb"):
    z = zipf_frequency(w, "nb")
    if z < MIN:
        break
    if not re.fullmatch(r"[a-zæøå]{3,}", w):
        continue
    if w in names:
        continue
    if zipf_frequency(w, "en") > z:
        continue
    ln = simplemma.lemmatize(w, lang="nb").lower()
    if ln in senses or w in senses:
        continue
    lem[ln] = max(lem[ln], z)
    forms[ln].append(w)
out = sorted(lem, key=lambda ln: -lem[ln])
for ln in out:
    g = gloss.get(ln, "")
    fs = ",".join(f for f in forms[ln][:4] if f != ln)
    print(f"{ln}\t{lem[ln]:.2f}\t{fs}\t{g}")
