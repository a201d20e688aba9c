#!/usr/bin/env python3
"""Totals lit's xunit results: one line per run, then `lit: N passed, N failed`.

Usage: summarize_lit.py RESULTS.xml [RESULTS.xml ...]
"""
import sys
import xml.etree.ElementTree as ET

totals = [0, 0, 0]
for path in sys.argv[1:]:
    cases = ET.parse(path).getroot().findall(".//testcase")
    failed = sum(1 for c in cases if c.find("failure") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    passed = len(cases) - failed - skipped
    print(f"{path}: {passed} passed, {failed} failed, {skipped} skipped")
    for i, n in enumerate((passed, failed, skipped)):
        totals[i] += n
print(f"lit: {totals[0]} passed, {totals[1]} failed"
      + (f", {totals[2]} skipped" if totals[2] else ""))
