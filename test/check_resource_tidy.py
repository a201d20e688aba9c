#!/usr/bin/env python3
"""Runs one clang-tidy check on a test file, upstream check_clang_tidy style.

Usage (from a lit RUN line):
  %check_resource_tidy [-check-suffix=S[,T]] [-expect-clang-tidy-error]
      <source-file> <check-name> <temp-file> [-- <clang-tidy args> [-- <compiler args>]]

What it does, in order:
  1. copies <source-file> to <temp-file>.<ext>, turning `// CHECK-*:` lines
     into empty comments so the patterns cannot match themselves;
  2. runs clang-tidy with the plugin loaded, only <check-name> enabled and
     -fix, then checks with FileCheck:
       CHECK-MESSAGES[-S]: the diagnostics (any other warning is an error),
       CHECK-NOTES[-S]:    diagnostics and notes (any other note is an error),
       CHECK-FIXES[-S]:    the fixed file;
  3. if the fixes changed the file, compiles the fixed file with clang and
     with gcc (C and C++; -fsyntax-only -Wall and the same compiler
     arguments), proving the fix is valid code that draws no warning the
     original did not have (-Wall -Werror on what the fix added), and,
     unless the test expects errors, re-runs the check on it to prove every
     warning that carried a fix is gone. gcc is skipped for a test whose
     original it cannot compile (clang-only flags or extensions).
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys


def run(args, expect_success=True, what=""):
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    if expect_success and proc.returncode != 0:
        sys.exit(f"error: {what or args[0]} failed (exit {proc.returncode}):\n"
                 f"$ {shlex.join(args)}\n{proc.stdout}")
    return proc


def diagnostics(output):
    """The compiler's warnings and errors, without their locations."""
    found = re.findall(r"^\S+?:\d+:\d+: ((?:warning|error): .*)$", output,
                       re.M)
    return sorted(found)


def compile_check(compiler, args, original, fixed):
    """Compiles `original` and `fixed`; fails when the fixed file does not
    compile or draws a diagnostic the original did not. Returns False when
    the compiler cannot compile the original (nothing to compare)."""
    cmd = [compiler, "-fsyntax-only", "-Wall"] + args
    before = run(cmd + [original], expect_success=False)
    if before.returncode != 0:
        return False
    after = run(cmd + [fixed], expect_success=False)
    added = list(diagnostics(after.stdout))
    for diag in diagnostics(before.stdout):
        if diag in added:
            added.remove(diag)
    if after.returncode != 0 or added:
        sys.exit(f"error: the fixed file does not compile cleanly with "
                 f"{compiler} (-Wall -Werror on what the fix added):\n"
                 f"$ {shlex.join(cmd + [fixed])}\n{after.stdout}")
    return True


def count_warnings(output):
    return len(re.findall(r"^\S+?:\d+:\d+: warning: ", output, re.M))


def count_fixed_warnings(yaml_text):
    """Warnings whose own message (not a note) carries replacements."""
    count = 0
    for block in yaml_text.split("  - DiagnosticName:")[1:]:
        message = block.split("    Notes:")[0]
        match = re.search(r"Replacements:(.*)", message)
        if match and match.group(1).strip() != "[]":
            count += 1
    return count


def split_extra(extra):
    """Splits args after the first `--` into clang-tidy and compiler args."""
    if "--" in extra:
        i = extra.index("--")
        return extra[:i], extra[i + 1:]
    return extra, []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--gcc", default=shutil.which("gcc"))
    parser.add_argument("--gxx", default=shutil.which("g++"))
    parser.add_argument("-check-suffix", "-check-suffixes", default="",
                        dest="check_suffix")
    parser.add_argument("-expect-clang-tidy-error", action="store_true")
    parser.add_argument("input_file")
    parser.add_argument("check_name")
    parser.add_argument("temp_file")
    # argparse would swallow the first `--`; split it off ourselves.
    argv = sys.argv[1:]
    own, extra = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) \
        if "--" in argv else (argv, [])
    args = parser.parse_args(own)
    tidy_args, compiler_args = split_extra(extra)

    extension = os.path.splitext(args.input_file)[1]
    if extension not in (".c", ".cpp", ".cc", ".m", ".mm"):
        sys.exit(f"error: unsupported test file extension '{extension}'")
    temp_file = args.temp_file + extension
    if extension in (".cpp", ".cc", ".mm") and not any(
            a.startswith("-std=") for a in compiler_args):
        compiler_args = ["-std=c++17"] + compiler_args

    with open(args.input_file, encoding="utf-8") as f:
        input_text = f.read()

    suffixes = [s.strip() for s in args.check_suffix.split(",")] \
        if args.check_suffix else [""]
    fixes_prefixes, messages_prefixes, notes_prefixes = [], [], []
    for suffix in suffixes:
        if suffix and not re.fullmatch(r"[A-Z0-9\-]+", suffix):
            sys.exit(f"error: invalid check suffix '{suffix}'")
        tail = "-" + suffix if suffix else ""
        for kind, prefixes in (("FIXES", fixes_prefixes),
                               ("MESSAGES", messages_prefixes),
                               ("NOTES", notes_prefixes)):
            prefix = f"CHECK-{kind}{tail}"
            if re.search(rf"\b{re.escape(prefix)}:", input_text):
                prefixes.append(prefix)
        if f"CHECK-MESSAGES{tail}" in messages_prefixes and \
                f"CHECK-NOTES{tail}" in notes_prefixes:
            sys.exit("error: use CHECK-MESSAGES or CHECK-NOTES, not both")
    # A run with a suffix and no patterns asserts that it is silent (a
    # configuration that turns a rule off); without a suffix it is a typo.
    expect_silence = not (fixes_prefixes or messages_prefixes or notes_prefixes)
    if expect_silence and not args.check_suffix:
        sys.exit("error: no CHECK-FIXES, CHECK-MESSAGES or CHECK-NOTES found")

    # Keep line numbers, drop the patterns.
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", input_text)
    with open(temp_file, "w", encoding="utf-8") as f:
        f.write(cleaned)
    original_file = temp_file + ".orig"
    with open(original_file, "w", encoding="utf-8") as f:
        f.write(cleaned)

    fixes_yaml = temp_file + ".fixes.yaml"
    if os.path.exists(fixes_yaml):
        os.remove(fixes_yaml)
    tidy_cmd = [args.clang_tidy, f"--load={args.plugin}", temp_file, "-fix",
                f"--export-fixes={fixes_yaml}",
                f"--checks=-*,{args.check_name}", "--config={}"] + tidy_args + \
        ["--"] + compiler_args
    proc = run(tidy_cmd, expect_success=not args.expect_clang_tidy_error,
               what="clang-tidy")
    if args.expect_clang_tidy_error and proc.returncode == 0:
        sys.exit("error: clang-tidy was expected to report an error")
    output = proc.stdout
    fixed_warnings = 0
    if os.path.exists(fixes_yaml):
        with open(fixes_yaml, encoding="utf-8") as f:
            fixed_warnings = count_fixed_warnings(f.read())
    print("------------------------ clang-tidy output -----------------------")
    print(output)

    with open(temp_file, encoding="utf-8") as f:
        fixed_text = f.read()
    diff = run(["diff", "-u", original_file, temp_file], expect_success=False)
    print("------------------------------ Fixes -----------------------------")
    print(diff.stdout)

    def filecheck(input_path, prefixes, implicit_not):
        cmd = [args.filecheck, f"-input-file={input_path}", args.input_file,
               f"-check-prefixes={','.join(prefixes)}", "-strict-whitespace"]
        if implicit_not:
            cmd.append(f"-implicit-check-not={implicit_not}")
        run(cmd, what="FileCheck " + ",".join(prefixes))

    if fixes_prefixes:
        filecheck(temp_file, fixes_prefixes, None)
    # clang-tidy's own "FIX-IT applied" notes are not the check's notes.
    messages_file = temp_file + ".msg"
    with open(messages_file, "w", encoding="utf-8") as f:
        f.write("\n".join(line for line in output.splitlines()
                          if "note: FIX-IT applied suggested code changes"
                          not in line))
    if messages_prefixes:
        filecheck(messages_file, messages_prefixes, "{{warning|error}}:")
    if notes_prefixes:
        filecheck(messages_file, notes_prefixes, "{{note|warning|error}}:")

    if expect_silence:
        if count_warnings(output) or fixed_text != cleaned:
            sys.exit("error: this run was expected to be silent:\n" + output)
        return

    if fixed_text != cleaned and not args.expect_clang_tidy_error:
        # The fix must produce valid code, with clang and with gcc...
        run([args.clang, "-fsyntax-only", "-Werror=implicit-function-declaration"]
            + compiler_args + [temp_file], what="compiling the fixed file")
        original_copy = temp_file + ".orig" + extension
        with open(original_copy, "w", encoding="utf-8") as f:
            f.write(cleaned)
        compile_check(args.clang, compiler_args, original_copy, temp_file)
        gcc = args.gcc if extension in (".c",) else args.gxx
        if extension in (".m", ".mm") or not gcc:
            print("note: not compiled with gcc (Objective-C, or no gcc)")
        elif not compile_check(gcc, compiler_args, original_copy, temp_file):
            print(f"note: {gcc} cannot compile the original; not compared")
        # ...and must remove the warnings that carried it.
        if "--fix-notes" not in tidy_args:
            again = run([args.clang_tidy, f"--load={args.plugin}", temp_file,
                         f"--checks=-*,{args.check_name}", "--config={}"] +
                        tidy_args + ["--"] + compiler_args, what="re-check")
            before = count_warnings(output)
            after = count_warnings(again.stdout)
            if after > before - fixed_warnings:
                sys.exit(f"error: {before} warnings, {fixed_warnings} with "
                         f"fixes, but {after} remain after fixing:\n"
                         f"{again.stdout}")

if __name__ == "__main__":
    main()
