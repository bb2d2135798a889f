"""``junit``: JUnit XML for CI test reporters: a suite per file, a test case per diagnostic.

Clean files get one passing test case so that reporters show them as checked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from mojolint.diagnostics import Diagnostic
from mojolint.output._common import sorted_diagnostics
from mojolint.report import Report

# Characters XML 1.0 cannot carry at all, even escaped; ElementTree would write them as-is
# and produce a document no parser accepts.
_NOT_XML_CHARS = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML_CHARS.sub("\ufffd", text)


def junit_tree(report: Report) -> ET.Element:
    by_file: dict[str, list[Diagnostic]] = {file.display_path: [] for file in report.files}
    for file, diagnostic in sorted_diagnostics(report):
        by_file[file.display_path].append(diagnostic)
    root = ET.Element("testsuites", name="mojolint")
    total_tests = total_failures = 0
    for path in sorted(by_file):
        diagnostics = by_file[path]
        suite = ET.SubElement(root, "testsuite", name=xml_safe(path))
        for diagnostic in diagnostics:
            _failed_case(suite, path, diagnostic)
        if not diagnostics:
            ET.SubElement(suite, "testcase", name="mojolint", classname=xml_safe(path))
        tests = max(1, len(diagnostics))
        _set_counts(suite, tests, len(diagnostics))
        total_tests += tests
        total_failures += len(diagnostics)
    _set_counts(root, total_tests, total_failures)
    return root


def _set_counts(element: ET.Element, tests: int, failures: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", "0")


def _failed_case(suite: ET.Element, path: str, diagnostic: Diagnostic) -> None:
    start = diagnostic.start
    case = ET.SubElement(
        suite, "testcase",
        name=xml_safe(f"{diagnostic.code} at {start.line}:{start.column}"),
        classname=xml_safe(path), file=xml_safe(path), line=str(start.line),
    )
    failure = ET.SubElement(case, "failure", message=xml_safe(diagnostic.message),
                            type=xml_safe(diagnostic.code))
    details = [f"{path}:{start.line}:{start.column}: {diagnostic.code} {diagnostic.message}"]
    if diagnostic.fix is not None:
        details.append(f"help: {diagnostic.fix.title}")
    details.extend(f"note: {note}" for note in diagnostic.notes)
    failure.text = xml_safe("\n".join(details))


def write(report: Report, stream: TextIO) -> None:
    tree = junit_tree(report)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(tree, encoding="unicode"))
    stream.write("\n")
