"""Runs one clang-tidy command and says whether it crashed or hung."""
import re
import subprocess

# A stack dump, or a sanitizer's report (AddressSanitizer, UBSan).
CRASH = re.compile(r"Stack dump|PLEASE submit a bug report|"
                   r"ERROR: AddressSanitizer|runtime error: ")


def run_checked(cmd, timeout):
    """Returns (verdict, output): verdict is "ok", "crash" or "hang"."""
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True,
                              errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hang", ""
    if proc.returncode < 0 or CRASH.search(proc.stdout):
        return "crash", proc.stdout
    return "ok", proc.stdout
