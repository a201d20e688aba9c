#!/usr/bin/env python3
"""Scores a resource-* check on a NIST Juliet test-suite CWE directory.

  juliet_score.py --juliet DIR --cwe CWE775 --check resource-leaked-handle
                  [--clang-tidy BIN] [--plugin SO] [--variants 01-45]
                  [--jobs J] [--verbose] [--with-index]

DIR is an extracted copy of the public Juliet C/C++ suite (the layout of
arichardson/juliet-test-suite-c: testcases/CWE.../ and testcasesupport/);
nothing is built, each file is only analysed. A test case is one flow
variant of one source (`fopen_no_close_41`, its files `41.c` or `54a.c`
... `54e.c`). It counts as found when the check warns inside a function
whose name contains `bad` (bad, badSink, badSource...), and a good function
counts as flagged when the check warns inside a function whose name
contains `good`. Prints one line per test case with --verbose, then

  juliet CWE775 resource-leaked-handle: F of N test cases found (P%),
  G good functions flagged

and exits 1 when a good function is flagged.
"""
import argparse
import collections
import concurrent.futures
import os
import json
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASE = re.compile(r"^(?P<source>.+)_(?P<variant>\d\d)(?P<part>[a-z]?|_[A-Za-z0-9]+)\.(c|cpp)$")
WARNING = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):\d+: warning: .*\[(?P<check>[\w-]+)\]$",
                     re.M)
# A function definition in Juliet's layout: the signature at column 0, the
# body's braces at column 0.
# (A destructor's name follows `::` with its `~`: `Class::~Class()`.)
SIGNATURE = re.compile(
    r"^(?:static\s+)?[A-Za-z_][\w\s\*:<>,]*?(?P<name>~\w+|\b\w+)\s*\([^;]*$")


def functions(path):
    """(first line, last line, name) of each function defined in path."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    found, name, start = [], None, 0
    for number, line in enumerate(lines, 1):
        match = SIGNATURE.match(line)
        if match and not line.startswith(("#", "if", "while", "for", "return")):
            name, start = match.group("name"), number
        elif line.startswith("}") and name:
            found.append((start, number, name))
            name = None
    return found


def enclosing(spans, line):
    for first, last, name in spans:
        if first <= line <= last:
            return name
    return None


def in_range(variant, spec):
    low, _, high = spec.partition("-")
    return int(low) <= int(variant) <= int(high or low)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--juliet", required=True)
    parser.add_argument("--cwe", required=True, help="e.g. CWE775")
    parser.add_argument("--check", required=True)
    parser.add_argument("--clang-tidy", default="/usr/lib/llvm-22/bin/clang-tidy")
    parser.add_argument("--plugin",
                        default=os.path.join(ROOT, "build", "lib", "ResourceTidy.so"))
    parser.add_argument("--variants", default="01-99")
    parser.add_argument("--sources", default="fopen,open",
                        help="comma-separated prefixes of the test cases' "
                        "sources (the Windows-only w32 cases are empty here)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--with-index", action="store_true",
                        help="first build the summary index of the whole "
                        "CWE directory with `resource-tidy --build-index` "
                        "(the build's bin/resource-tidy), as `resource-tidy "
                        "-p` does for a project, and check with it")
    args = parser.parse_args()

    testcases = os.path.join(args.juliet, "testcases")
    dirs = [os.path.join(testcases, d) for d in sorted(os.listdir(testcases))
            if d.startswith(args.cwe + "_")]
    if not dirs:
        sys.exit(f"error: no {args.cwe}_* directory under {testcases}")
    support = os.path.join(args.juliet, "testcasesupport")
    cases = collections.defaultdict(list)
    for directory in dirs:
        for name in sorted(os.listdir(directory)):
            match = CASE.match(name)
            source = match.group("source").split("__")[-1] if match else ""
            if match and in_range(match.group("variant"), args.variants) and \
                    source.startswith(tuple(args.sources.split(","))):
                key = f"{match.group('source')}_{match.group('variant')}"
                cases[key].append(os.path.join(directory, name))

    def flags_of(path):
        flags = ["-I", support, "-D_GNU_SOURCE", "-w"]
        if path.endswith(".cpp"):
            flags.append("-std=c++17")
        return flags

    env = None
    scratch = None
    if args.with_index:
        # A compilation database of every case, in a scratch directory.
        scratch = tempfile.mkdtemp(prefix="juliet-index.")
        database = [{"directory": os.path.dirname(p), "file": p,
                     "arguments": ["clang", "-c", p] + flags_of(p)}
                    for files in cases.values() for p in files]
        with open(os.path.join(scratch, "compile_commands.json"), "w") as f:
            json.dump(database, f)
        tool = os.path.join(os.path.dirname(args.plugin), "..", "bin",
                            "resource-tidy")
        index = subprocess.run(
            [tool, "--build-index", "-p", scratch, f"--plugin={args.plugin}",
             f"--clang-tidy={args.clang_tidy}", f"--jobs={args.jobs}"],
            stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
        env = dict(os.environ, RESOURCE_TIDY_SUMMARY_INDEX=index)

    def analyse(path):
        proc = subprocess.run(
            [args.clang_tidy, f"--load={args.plugin}",
             f"--checks=-*,{args.check}", "--quiet", path, "--"] +
            flags_of(path),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            errors="replace", env=env)
        spans = functions(path)
        hits = []
        for warning in WARNING.finditer(proc.stdout):
            if warning.group("check") != args.check or \
                    os.path.basename(warning.group("file")) != os.path.basename(path):
                continue
            hits.append(enclosing(spans, int(warning.group("line"))) or "?")
        return path, hits

    paths = [p for files in cases.values() for p in files]
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = dict(pool.map(analyse, paths))
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)

    found, flagged_good = 0, []
    for key in sorted(cases):
        hits = [h for p in cases[key] for h in results[p]]
        bad = any("bad" in h.lower() for h in hits)
        good = sorted({h for h in hits if "good" in h.lower()})
        found += bad
        flagged_good += [f"{key}:{g}" for g in good]
        if args.verbose:
            print(f"{'found ' if bad else 'missed'} {key}"
                  + (f"  GOOD FLAGGED: {', '.join(good)}" if good else ""))
    total = len(cases)
    percent = 100.0 * found / total if total else 0.0
    print(f"juliet {args.cwe} {args.check}: {found} of {total} test cases "
          f"found ({percent:.0f}%), {len(flagged_good)} good functions flagged")
    for entry in flagged_good:
        print(f"  good function flagged: {entry}")
    return 1 if flagged_good else 0


if __name__ == "__main__":
    sys.exit(main())
