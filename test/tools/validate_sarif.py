#!/usr/bin/env python3
"""Validates a SARIF log against the SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py SCHEMA.json LOG.sarif
Prints `valid SARIF 2.1.0: N results` or the first validation error.
"""
import json
import sys

import jsonschema

with open(sys.argv[1]) as f:
    schema = json.load(f)
with open(sys.argv[2]) as f:
    log = json.load(f)
try:
    jsonschema.validate(log, schema)
except jsonschema.ValidationError as error:
    print(f"invalid SARIF: {error.message} at {list(error.absolute_path)}")
    sys.exit(1)
print(f"valid SARIF {log['version']}: "
      f"{sum(len(run['results']) for run in log['runs'])} results")
