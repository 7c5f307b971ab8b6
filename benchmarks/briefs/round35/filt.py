import sys
from wordfreq import zipf_frequency as z
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
known = lambda w: len(w) >= 3 and z(w, "nb") >= 3.0
def compound(w):
    for i in range(3, len(w) - 2):
        a, b = w[:i], w[i:]
        if known(b) and (known(a) or (a.endswith(("s", "e")) and known(a[:-1]))):
            return True
    return False
names = set(l.strip() for l in open("drafts/r35/names.txt", encoding="utf-8")) if len(sys.argv) > 2 else set()
n = 0
for r in rows:
    l = r[0]
    if l in names or compound(l): continue
    print("\t".join(r)); n += 1
print(n, file=sys.stderr)
