"""Round 36's lists: round 35's slices 1, 2, 4 and 7, dealt again unchanged, each cut in two.

Round 35's list is remade first (see ../round35/README.md), and its lexhave.txt (14,158 forms) by
``mklexhave.py drafts/lexhave_old.txt r35_tentative`` (the lexicon as it was before round 35).
"""

from pathlib import Path

have = set(Path("drafts/lexhave_old.txt").read_text("utf-8").split("\n"))
rows = [ln for ln in Path("drafts/r35/simplex.tsv").read_text("utf-8").splitlines() if ln.split("\t")[0] not in have]
rows = rows[:7200]
out = Path("drafts/r36")
out.mkdir(parents=True, exist_ok=True)
for k in (1, 2, 4, 7):
    dealt = [r for i, r in enumerate(rows) if i % 8 == k - 1]
    half = len(dealt) // 2
    (out / f"slice_{k}a.tsv").write_text("\n".join(dealt[:half]) + "\n", "utf-8")
    (out / f"slice_{k}b.tsv").write_text("\n".join(dealt[half:]) + "\n", "utf-8")
    print(k, len(dealt[:half]), len(dealt[half:]))

# Round 36b: the compounds of ../round35/compounds.py (remade with lexhave.txt as it is now),
# word i to list i mod 6.
compounds = Path("drafts/r35/compounds.tsv").read_text("utf-8").splitlines()
for k in range(6):
    (out / f"compounds_{k + 1}.tsv").write_text("\n".join(compounds[k::6]) + "\n", "utf-8")
    print(f"compounds_{k + 1}", len(compounds[k::6]))
