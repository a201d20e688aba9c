#!/usr/bin/env python3
"""Drives a language server over stdio the way an editor does, and prints
what it answers in a stable text form for FileCheck.

Usage:
  lsp_session.py --server=PATH [--server-arg=ARG ...] --root=DIR --file=NAME
                 --open=TEXT_FILE [--change=TEXT_FILE ...]
                 [--code-actions] [--apply-fix=OUT] [--show-other-files]
                 [--timeout=SECONDS]
  lsp_session.py --server=PATH ... --root=DIR --file=NAME --replay-typing=FILE
                 [--replay-every=N]

Starts the server in DIR with an empty XDG_CONFIG_HOME (no user
configuration can leak in), sends initialize and didOpen of DIR/NAME with
the text of TEXT_FILE (nothing is written to DIR/NAME), waits for the
publishDiagnostics of that version and prints them; then, for each
--change, replaces the whole document (didChange) and does the same. With --code-actions, asks for the code actions of every
diagnostic of the first version and prints their edits; --apply-fix writes
the first version with the first quick fix of a clang-tidy diagnostic
applied. Ends with shutdown/exit and prints the server's exit status. The
server's log (its stderr) is DIR/server.log.

With --replay-typing, opens an empty document and types FILE into it from
top to bottom: one version per line, plus one cut in the middle of every
line (with --replay-every=N, of every N-th line), then the whole file. Code above the cut is final, so a clang-tidy
warning that a partial version shows and the whole file does not is a false
report caused by the unfinished code: each is printed as `spurious:`.

Positions are printed 1-based (line:column), like compiler diagnostics.
"""

import argparse
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time


class Server:
    def __init__(self, command, cwd, env):
        self.proc = subprocess.Popen(command, cwd=cwd, env=env,
                                     stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=open(os.path.join(cwd, "server.log"), "wb"))
        self.messages = queue.Queue()
        self.next_id = 1
        # Diagnostics published for other files (such as .clangd), by URI.
        self.other_diagnostics = {}
        self.document_uri = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params, timeout):
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == request_id and "method" not in m,
                         timeout, f"the answer to {method}")

    def wait(self, predicate, timeout, what):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                fail(f"timed out after {timeout}s waiting for {what}")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                fail(f"the server exited (status {self.proc.wait()}) "
                     f"while we waited for {what}")
            # Requests from the server (progress, configuration) get an
            # empty answer, as a minimal editor would give.
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
                continue
            if (message.get("method") == "textDocument/publishDiagnostics"
                    and message["params"]["uri"] != self.document_uri):
                self.other_diagnostics[message["params"]["uri"]] = \
                    message["params"]["diagnostics"]
            if predicate(message):
                return message


def fail(text):
    print(f"error: {text}", flush=True)
    sys.exit(1)


def position(pos):
    return f"{pos['line'] + 1}:{pos['character'] + 1}"


def span(rng):
    return f"{position(rng['start'])}-{position(rng['end'])}"


def offset_of(text, pos):
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[:pos["line"]]) + pos["character"]


def apply_edits(text, edits):
    for edit in sorted(edits, key=lambda e: offset_of(text, e["range"]["start"]),
                       reverse=True):
        begin = offset_of(text, edit["range"]["start"])
        end = offset_of(text, edit["range"]["end"])
        text = text[:begin] + edit["newText"] + text[end:]
    return text


def edits_for(action, uri):
    edit = action.get("edit", {})
    edits = list(edit.get("changes", {}).get(uri, []))
    for change in edit.get("documentChanges", []):
        if change.get("textDocument", {}).get("uri") == uri:
            edits.extend(change["edits"])
    return edits


def print_diagnostics(what, diagnostics):
    """Prints the diagnostics of a document version (or of another file)."""
    if isinstance(what, int):
        what = f"version {what}"
    print(f"{what}: {len(diagnostics)} diagnostics")
    for d in sorted(diagnostics, key=lambda d: (d["range"]["start"]["line"],
                                                 d["range"]["start"]["character"])):
        severity = {1: "error", 2: "warning", 3: "information", 4: "hint"}.get(
            d.get("severity"), "?")
        print(f"  {span(d['range'])} {severity} [{d.get('source', '?')}:"
              f"{d.get('code', '')}] {d['message']}")
        for related in d.get("relatedInformation", []):
            print(f"    related {span(related['location']['range'])} "
                  f"{related['message']}")


def typing_states(text, every=1):
    """Prefixes of text as it is typed top-down: the end and the middle of
    every `every`-th line, then the whole text."""
    cuts = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if number % every == 0:
            if len(line.strip()) > 1:
                cuts.append(offset + len(line) // 2)
            cuts.append(min(offset + len(line) + 1, len(text)))
        offset += len(line) + 1
    cuts = sorted(set(cuts) - {len(text)})
    # (clangd publishes nothing for a version whose text did not change.)
    return [text[:cut] for cut in cuts] + [text]


def tidy_warnings(diagnostics):
    return {(d["range"]["start"]["line"], d["message"]) for d in diagnostics
            if d.get("source") == "clang-tidy"}


def replay_typing(server, uri, path, every, diagnostics_of):
    with open(path) as f:
        states = typing_states(f.read(), every)
    seen = []
    for version, text in enumerate(states, start=2):
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})
        seen.append((version, text, tidy_warnings(diagnostics_of(version))))
    final = seen[-1][2]
    print(f"typing replay: {len(states)} versions, "
          f"{len(final)} clang-tidy warnings in the whole file")
    reported = set()
    for version, text, warnings in seen:
        for line, message in sorted(warnings - final - reported):
            reported.add((line, message))
            last = text.rstrip("\n").split("\n")[-1]
            print(f"spurious: version {version} (typed up to {last.strip()!r}): "
                  f"line {line + 1}: {message}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("--server-arg", action="append", default=[])
    parser.add_argument("--root", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--open")
    parser.add_argument("--change", action="append", default=[])
    parser.add_argument("--code-actions", action="store_true")
    parser.add_argument("--apply-fix")
    parser.add_argument("--show-other-files", action="store_true",
                        help="also print the diagnostics published for other "
                        "files (the .clangd configuration) before shutdown")
    parser.add_argument("--replay-typing", metavar="FILE")
    parser.add_argument("--replay-every", metavar="N", type=int, default=1,
                        help="with --replay-typing, cut only every N-th line")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    if args.replay_typing:
        args.open = os.devnull
    elif not args.open:
        parser.error("--open or --replay-typing is required")

    root = os.path.abspath(args.root)
    path = os.path.join(root, args.file)
    uri = "file://" + path
    # The server reads the document from didOpen, not from the disk.
    with open(args.open) as f:
        text = f.read()
    language = {".c": "c", ".h": "c", ".m": "objective-c"}.get(
        os.path.splitext(path)[1], "cpp")

    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="empty-config-")
    # The server runs in DIR: a relative path to it means from here.
    command = os.path.abspath(args.server) if os.sep in args.server else args.server
    server = Server([command] + args.server_arg, root, env)
    server.document_uri = uri
    server.request("initialize", {
        "processId": os.getpid(),
        "rootUri": "file://" + root,
        "capabilities": {"textDocument": {
            "publishDiagnostics": {"relatedInformation": True},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                "valueSet": ["quickfix", "refactor", "source"]}}},
        }},
    }, args.timeout)
    server.notify("initialized", {})

    def diagnostics_of(version):
        message = server.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri and m["params"].get("version") == version,
            args.timeout, f"the diagnostics of version {version}")
        return message["params"]["diagnostics"]

    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": language, "version": 1, "text": text}})
    first = diagnostics_of(1)
    print_diagnostics(1, first)

    if args.code_actions or args.apply_fix:
        fixed = None
        for d in first:
            answer = server.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": d["range"],
                "context": {"diagnostics": [d]}}, args.timeout)
            actions = [a for a in answer.get("result") or [] if "edit" in a]
            if args.code_actions:
                print(f"  actions for {span(d['range'])} [{d.get('code', '')}]: "
                      f"{len(actions)}")
            for action in actions:
                edits = edits_for(action, uri)
                if args.code_actions:
                    print(f"    {action.get('kind', '?')} \"{action['title']}\"")
                    for e in edits:
                        print(f"      edit {span(e['range'])} "
                              f"{json.dumps(e['newText'])}")
                if (fixed is None and action.get("kind") == "quickfix"
                        and d.get("source") == "clang-tidy"):
                    fixed = apply_edits(text, edits)
        if args.apply_fix:
            if fixed is None:
                fail("no quick fix to apply")
            with open(args.apply_fix, "w") as f:
                f.write(fixed)

    if args.replay_typing:
        replay_typing(server, uri, args.replay_typing, args.replay_every,
                      diagnostics_of)

    for version, change in enumerate(args.change, start=2):
        with open(change) as f:
            text = f.read()
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})
        print_diagnostics(version, diagnostics_of(version))

    if args.show_other_files:
        for other, diagnostics in sorted(server.other_diagnostics.items()):
            print_diagnostics(os.path.relpath(other[len("file://"):], root),
                              diagnostics)
    server.request("shutdown", None, args.timeout)
    server.notify("exit", None)
    try:
        status = server.proc.wait(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        fail("the server did not exit after shutdown/exit")
    print(f"server exited with status {status}")
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
