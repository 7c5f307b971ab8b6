"""``--format junit``: JUnit XML for CI test reports.

One ``<testsuite>`` per document, one ``<testcase>`` per check.  A check fails
on a document when it found something at or above ``fail_on`` (default error);
findings below that level are listed in the test case's ``<system-out>``.
Checks skipped for lack of input (no source, no model) are ``<skipped>``; a
document that could not be read is a suite with one ``<error>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mtqa.model import Severity
from mtqa.renderers._common import checks_for, location_name, sorted_findings, sorted_results
from mtqa.report import Report


def _line(f) -> str:
    text = f"{f.line}:{f.column} {f.severity} {f.code} {f.message}"
    if f.suggestion:
        text += f" (suggestion: {f.suggestion})"
    return text


def render(report: Report, *, checks: list[str] | None = None, fail_on: Severity | str = Severity.ERROR, **options) -> str:
    level = Severity.parse(fail_on)
    registered = checks_for(checks)
    root = ET.Element("testsuites", name="mtqa")
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in sorted_results(report):
        skipped = result.skipped  # code -> why, as the checker recorded it (not the notes)
        by_code: dict[str, list] = {}
        for f in sorted_findings(result):
            by_code.setdefault(f.code, []).append(f)
        codes = [c.code for c in registered]
        names = {c.code: c.name for c in registered}
        for code in sorted(by_code):  # findings of checks outside the list (added checks)
            if code not in names:
                codes.append(code)
                names[code] = by_code[code][0].name
        counts = {"tests": len(codes), "failures": 0, "errors": 0, "skipped": 0}
        suite = ET.SubElement(root, "testsuite", name=result.id)
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="path", value=location_name(result))
        fluency = result.scores.get("fluency")
        ET.SubElement(props, "property", name="fluency", value="" if fluency is None else f"{fluency:g}")
        for code in codes:
            case = ET.SubElement(suite, "testcase", classname=result.id, name=f"{code} {names[code]}")
            case.set("file", location_name(result))
            found = by_code.get(code, [])
            failing = [f for f in found if f.severity >= level]
            if failing:
                counts["failures"] += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=code,
                    message=f"{len(failing)} finding(s) at or above {level}: {failing[0].message}",
                )
                failure.text = "\n".join(_line(f) for f in failing)
            elif code in skipped and not found:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=skipped[code])
            rest = [f for f in found if f.severity < level]
            if rest:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(_line(f) for f in rest)
        for key, value in counts.items():
            suite.set(key, str(value))
            total[key] += value
    for error in sorted(report.errors, key=lambda e: (e.path or "", e.line or 0, e.id, e.message)):
        suite = ET.SubElement(root, "testsuite", name=error.id, tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname=error.id, name="read")
        ET.SubElement(case, "error", type="input", message=error.message)
        total["tests"] += 1
        total["errors"] += 1
    for key, value in total.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
