"""``--statistics`` (``--format statistics``): how many findings of each check, most first.

One line per check that found something: the count, the code, the name and the
severity of the findings (``mixed`` where a check's findings differ), as
``ruff check --statistics`` prints them; then the documents and findings in all.
"""

from __future__ import annotations

from collections import Counter

from mtqa.report import Report


def render(report: Report, **options) -> str:
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    severities: dict[str, set[str]] = {}
    for result in report.results:
        for f in result.findings:
            counts[f.code] += 1
            names[f.code] = f.name
            severities.setdefault(f.code, set()).add(str(f.severity))
    if not counts:
        lines = []
    else:
        width = len(str(max(counts.values())))
        lines = [
            f"{n:>{width}}  {code}  {names[code]}  [{next(iter(severities[code])) if len(severities[code]) == 1 else 'mixed'}]"
            for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    total = sum(counts.values())
    lines.append(f"{total} finding(s) in {len(report.results)} document(s)"
                 + (f", {len(report.errors)} input(s) not checked" if report.errors else ""))
    return "".join(line + "\n" for line in lines)
