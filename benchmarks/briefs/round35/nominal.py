"""Verbal nouns (-ing, -else, -sel, -ning) of the verbs of nb_en_senses.tsv, as wordfreq has them."""

from wordfreq import zipf_frequency as z

verbs = {}
for line in open("mtqa/data/nb_en_senses.tsv", encoding="utf-8"):
    if line.startswith("#") or "\t" not in line:
        continue
    p = line.rstrip("\n").split("\t")
    if p[1] == "v":
        verbs[p[0]] = p[2]
senses = {ln.split("\t")[0] for ln in open("mtqa/data/nb_en_senses.tsv", encoding="utf-8") if "\t" in ln}
have = set(ln.strip() for ln in open("drafts/lexhave.txt", encoding="utf-8"))
out = []
for v, en in verbs.items():
    stem = v[:-1] if v.endswith("e") else v
    for suf in ("ing", "ning", "else", "sel"):
        n = stem + suf
        zz = z(n, "nb")
        if zz >= 1.8 and n not in senses and n not in have and z(n, "en") < zz:
            out.append((zz, n, v, en))
out.sort(reverse=True)
for zz, n, v, en in out:
    print(f"{n}\t{zz:.2f}\tfrom {v}: {en}")
