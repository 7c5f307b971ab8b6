import sys

from wordfreq import zipf_frequency as z

rows = [ln.rstrip("\n").split("\t") for ln in open(sys.argv[1], encoding="utf-8")]


def known(w):
    return len(w) >= 3 and z(w, "nb") >= 3.0


def compound(w):
    for i in range(3, len(w) - 2):
        a, b = w[:i], w[i:]
        if known(b) and (known(a) or (a.endswith(("s", "e")) and known(a[:-1]))):
            return True
    return False


names = set(ln.strip() for ln in open("drafts/r35/names.txt", encoding="utf-8")) if len(sys.argv) > 2 else set()
n = 0
for r in rows:
    ln = r[0]
    if ln in names or compound(ln):
        continue
    print("\t".join(r))
    n += 1
print(n, file=sys.stderr)
