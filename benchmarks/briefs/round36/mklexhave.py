"""The Norwegian forms of the built-in lexicon, less the entries learnt from (or marked as
written with) the development pages, one per line: the list a blind round's helpers skip.

    mklexhave.py OUT [SKIP]    SKIP: leave out the lexicon files whose name contains it
"""

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import accuracy  # noqa: E402

page = accuracy.page_sourced_entries()
skip = sys.argv[2] if len(sys.argv) > 2 else None
forms = set()
for path in sorted(Path("mtqa/lexicons").glob("*.yaml")):
    if skip and skip in path.name:
        continue
    data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader) or {}
    for entry in data.get("entries", []) if isinstance(data, dict) else []:
        if str(entry.get("id")) in page:
            continue
        forms.update(f.strip().lower() for f in str(entry.get("norwegian", "")).split(" / ") if f.strip())
Path(sys.argv[1]).write_text("".join(f + "\n" for f in sorted(forms)), "utf-8")
print(len(forms))
