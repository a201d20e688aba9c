"""The reports resource-tidy writes besides clang-tidy's own output: SARIF
2.1.0 for code-scanning services, GitLab's Code Quality JSON, and the
baseline of accepted findings. All of them identify a finding by the same
fingerprint: the check, the message (which names the storage and the
handle) and the text of the statement without spaces, not its line, so it
survives unrelated edits above it.
"""
import hashlib
import json
import os
import pathlib
import re
import urllib.parse

# The checks of the module: what each reports, and why it matters.
RULES = {
    "resource-leaked-handle": (
        "A handle's last reference goes away while it is still open",
        "A local variable holds an open socket, descriptor, stream or "
        "connection when its scope ends or the function returns, and nothing "
        "else refers to it: the handle can never be closed."),
    "resource-unclosed-reassignment": (
        "An assignment overwrites a handle that may still be open",
        "A variable that may still hold an open socket, descriptor, stream or "
        "connection is assigned a new value on a path with no close before "
        "it: the old handle becomes unreachable while it is still open."),
}
TOKEN = re.compile(r"\w+|\S")


class SarifWriter:
    """Findings as SARIF 2.1.0: paths relative to the source root
    (%SRCROOT%), one result per distinct finding, fingerprints that survive
    unrelated edits, and the notes as a code flow."""

    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.lines = {}

    def artifact(self, path):
        real = os.path.realpath(path)
        if real == self.root or real.startswith(self.root + os.sep):
            relative = os.path.relpath(real, self.root).replace(os.sep, "/")
            return {"uri": urllib.parse.quote(relative), "uriBaseId": "SRCROOT"}
        return {"uri": pathlib.Path(real).as_uri()}

    def line_text(self, path, number):
        if path not in self.lines:
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    self.lines[path] = f.read().splitlines()
            except OSError:
                self.lines[path] = []
        lines = self.lines[path]
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def location(self, item, message=None):
        # The region ends with the token the diagnostic points at.
        text = self.line_text(item["file"], item["line"])
        token = TOKEN.match(text, max(0, item["column"] - 1))
        end = token.end() + 1 if token else item["column"] + 1
        location = {"physicalLocation": {
            "artifactLocation": self.artifact(item["file"]),
            "region": {"startLine": item["line"],
                       "startColumn": item["column"],
                       "endLine": item["line"], "endColumn": end}}}
        if message:
            location["message"] = {"text": message}
        return location

    def fingerprint(self, finding):
        """The check, the message (it names the storage and the handle) and
        the statement's text without spaces: not the line number."""
        statement = re.sub(r"\s+", "",
                           self.line_text(finding["file"], finding["line"]))
        key = "\x1f".join((finding["rule"], finding["message"], statement))
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def fixes(self, finding):
        changes = {}
        for r in finding.get("fixes", []):
            changes.setdefault(r["FilePath"], []).append({
                "deletedRegion": {"charOffset": r["Offset"],
                                  "charLength": r["Length"]},
                "insertedContent": {"text": r["ReplacementText"]}})
        if not changes:
            return []
        return [{"description": {"text": "Release the handle"},
                 "artifactChanges": [{"artifactLocation": self.artifact(path),
                                      "replacements": replacements}
                                     for path, replacements in changes.items()]}]

    def result(self, f):
        result = {
            "ruleId": f["rule"],
            "level": "error" if f["level"] == "error" else "warning",
            "message": {"text": f["message"]},
            "locations": [self.location(f)],
            "partialFingerprints": {"resourceTidy/v1": self.fingerprint(f)},
            "relatedLocations": [dict(self.location(n, n["message"]), id=i)
                                 for i, n in enumerate(f["notes"])],
            "fixes": self.fixes(f),
        }
        flow = [n for n in f["notes"]
                if "is closed here on some paths" not in n["message"]]
        if flow:
            # The leaking path step by step: where it was opened, the branch
            # that skips the close, then where it is lost (a release on
            # another path is not on it).
            steps = [self.location(n, n["message"]) for n in flow]
            steps.append(self.location(f, f["message"]))
            result["codeFlows"] = [{"threadFlows": [{"locations": [
                {"location": step} for step in steps]}]}]
        return result

    def log(self, findings, docs, version):
        unique = distinct(findings)
        rules = []
        for rule in sorted({f["rule"] for f in unique} | set(RULES)):
            short, full = RULES.get(rule, ("A resource handle leaks",) * 2)
            entry = {"id": rule, "shortDescription": {"text": short},
                     "fullDescription": {"text": full},
                     "help": {"text": full, "markdown": f"**{short}.** {full}"}}
            doc = os.path.join(docs, "checks", "resource",
                               rule.replace("resource-", "", 1) + ".rst")
            if os.path.exists(doc):
                entry["helpUri"] = pathlib.Path(os.path.realpath(doc)).as_uri()
                entry["help"]["markdown"] += f" See [the documentation]({entry['helpUri']})."
            rules.append(entry)
        driver = {"name": "resource-tidy", "version": version,
                  "semanticVersion": version, "rules": rules}
        readme = os.path.join(docs, "..", "README.md")
        if os.path.exists(readme):
            driver["informationUri"] = pathlib.Path(
                os.path.realpath(readme)).as_uri()
        return {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver},
                "originalUriBaseIds": {"SRCROOT": {
                    "uri": pathlib.Path(self.root).as_uri() + "/"}},
                "results": [self.result(f) for f in unique],
            }],
        }




def distinct(findings):
    """One finding per location and message: a finding in a header is seen
    by every translation unit that includes it."""
    unique, seen = [], set()
    for f in findings:
        key = (os.path.realpath(f["file"]), f["line"], f["column"], f["rule"],
               f["message"])
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def codequality(findings, writer):
    """GitLab Code Quality report (a JSON array of issues)."""
    issues = []
    for f in distinct(findings):
        artifact = writer.artifact(f["file"])
        issues.append({
            "description": f["message"],
            "check_name": f["rule"],
            "fingerprint": writer.fingerprint(f),
            "severity": "major" if f["level"] == "error" else "minor",
            "location": {"path": urllib.parse.unquote(artifact["uri"]),
                         "lines": {"begin": f["line"]}},
        })
    return issues


def write_baseline(path, findings, writer):
    """The fingerprints of \p findings, with what they were, for people."""
    entries = sorted(({"fingerprint": writer.fingerprint(f), "check": f["rule"],
                       "message": f["message"]}
                      for f in distinct(findings)),
                     key=lambda e: e["fingerprint"])
    with open(path, "w") as out:
        json.dump({"version": 1, "findings": entries}, out, indent=2)
        out.write("\n")


def read_baseline(path):
    """The fingerprints a baseline accepts; ValueError when it is not one."""
    with open(path) as f:
        data = json.load(f)
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ValueError("not a resource-tidy baseline (version 1)")
    return {entry["fingerprint"] for entry in data.get("findings", [])}
