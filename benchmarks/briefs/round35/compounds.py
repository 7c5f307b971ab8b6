"""Two-part compounds of wordfreq's Norwegian list at 2.3 <= Zipf < 2.5 (session 7's round stopped at 2.5)."""

import re

from wordfreq import iter_wordlist
from wordfreq import zipf_frequency as z

senses = {}
for line in open("mtqa/data/nb_en_senses.tsv", encoding="utf-8"):
    if line.startswith("#") or "\t" not in line:
        continue
    p = line.rstrip("\n").split("\t")
    senses.setdefault(p[0], p[2])
have = set(ln.strip() for ln in open("drafts/lexhave.txt", encoding="utf-8"))


def split(w):
    for i in range(3, len(w) - 2):
        a, b = w[:i], w[i:]
        for a2 in (a, a[:-1] if a.endswith(("s", "e")) else None):
            if a2 and a2 in senses and b in senses:
                return a2, b
    return None


out = []
for w in iter_wordlist("nb"):
    zz = z(w, "nb")
    if zz >= 2.5:
        continue
    if zz < 2.3:
        break
    if len(w) < 7 or not re.fullmatch(r"[a-zæøå]+", w) or w in senses or w in have or z(w, "en") >= zz:
        continue
    s = split(w)
    if s:
        out.append(f"{w}\t{zz:.2f}\t{s[0]} ({senses[s[0]].split(';')[0]}) + {s[1]} ({senses[s[1]].split(';')[0]})")
print(len(out))
open("drafts/r35/compounds.tsv", "w", encoding="utf-8").write("\n".join(out) + "\n")
