#!/usr/bin/env python3
"""Parses .rst files with docutils and fails on any warning or error.

Sphinx-only directives used by upstream clang-tidy docs (`.. title::`,
`.. option::`) are accepted as-is.
"""
import sys

import docutils.core
from docutils.parsers.rst import Directive, directives


class SphinxOnly(Directive):
    has_content = True
    optional_arguments = 10
    final_argument_whitespace = True

    def run(self):
        return []


for name in ("title", "option"):
    directives.register_directive(name, SphinxOnly)

status = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        source = f.read()
    try:
        docutils.core.publish_doctree(
            source, source_path=path,
            settings_overrides={"report_level": 2, "halt_level": 2})
        print(f"{path}: ok")
    except Exception as error:  # docutils raises SystemMessage on problems
        print(f"{path}: {error}")
        status = 1
sys.exit(status)
