"""The summary index of a project: the first pass of `resource-tidy -p`.

Each translation unit of compile_commands.json is parsed with the plugin
in shard mode (RESOURCE_TIDY_SUMMARY_SHARDS names the directory): it writes
what the functions its main file defines do to the handles they are given
(docs/summary-index.md). The shards are kept in BUILD/.resource-tidy/ and
reused while the file, its compile command and the plugin are unchanged;
they are merged into BUILD/.resource-tidy/summaries.json, which the checks
read through the SummaryIndex option (RESOURCE_TIDY_SUMMARY_INDEX).

`resource-tidy -p` writes a changed file's shard while checking it
(RESOURCE_TIDY_CHECK_WHILE_INDEXING=1): the shard then also lists what the
check asked about functions of other files ("wants"), and the file is
checked again, with the merged index, only when the index answers one of
those questions (`answers`). `--build-index`, and runs that apply fixes,
index in a pass of its own (`build`).
"""
import concurrent.futures
import hashlib
import json
import os
import shlex
import subprocess

FORMAT = "resource-tidy-summaries"
VERSION = 2


def index_dir(build_dir):
    return os.path.join(build_dir, ".resource-tidy")


def _entry_key(entry, plugin):
    """What a shard depends on: the command, the file's bytes, the plugin."""
    digest = hashlib.sha256()
    command = entry.get("arguments") or entry.get("command", "")
    digest.update(json.dumps([entry.get("directory", ""), entry["file"],
                              command]).encode())
    path = os.path.join(entry.get("directory", ""), entry["file"])
    try:
        with open(path, "rb") as f:
            digest.update(f.read())
    except OSError:
        digest.update(b"<unreadable>")
    stat = os.stat(plugin)
    digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _read_shard(path):
    """(header, entry lines) of a shard or index; None when it is not a
    valid one. Entries stay text: merging is concatenation."""
    try:
        with open(path) as f:
            lines = f.read().splitlines()
        header = json.loads(lines[0]) if lines else None
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT or \
            header.get("version") != VERSION:
        return None
    return header, [line for line in lines[1:] if line.strip()]


def _read_functions(path):
    """The entry lines of a shard; None when it is not a valid one."""
    shard = _read_shard(path)
    return None if shard is None else shard[1]


def shard_name(path):
    """The shard file of the TU whose main file is `path` (absolute): the
    FNV-1a hash of the path, as the plugin computes it (shardPath)."""
    value = 0xcbf29ce484222325
    for byte in os.path.normpath(path).encode():
        value ^= byte
        value = (value * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:#018x}.json"


def _without_warnings(arguments):
    """A compile command that parses the same code without warning options:
    warnings never change the AST, and an unknown -W option costs clang a
    search for the nearest known one. -Wp, -Wa and -Wl pass options on to
    other tools and stay."""
    kept = [a for a in arguments
            if not a.startswith("-W") or a.startswith(("-Wp,", "-Wa,", "-Wl,"))]
    return kept[:1] + ["-w"] + kept[1:]


def _quiet_database(entries, directory):
    """Writes the entries, without warning options, as a compilation
    database in `directory`; returns it."""
    os.makedirs(directory, exist_ok=True)
    quiet = []
    for entry in entries:
        arguments = entry.get("arguments")
        if arguments is None:
            arguments = shlex.split(entry.get("command", ""))
        if not arguments:
            quiet.append(entry)
            continue
        copy = {k: v for k, v in entry.items() if k != "command"}
        copy["arguments"] = _without_warnings(arguments)
        quiet.append(copy)
    partial = os.path.join(directory, "compile_commands.json.partial")
    with open(partial, "w") as f:
        json.dump(quiet, f)
    os.replace(partial, os.path.join(directory, "compile_commands.json"))
    return directory


def _with_database(command, directory):
    """`command` with its -p option (if any) naming `directory`."""
    result, i = [], 0
    while i < len(command):
        arg = command[i]
        if arg == "-p" and i + 1 < len(command):
            result += ["-p", directory]
            i += 2
            continue
        if arg.startswith(("-p=", "--p=")):
            arg = arg.split("=", 1)[0] + "=" + directory
        result.append(arg)
        i += 1
    return result


class ShardState:
    """The shards of a project's files: which are current, where new ones
    are written, how they are installed and merged into the index."""

    def __init__(self, entries, build_dir, plugin):
        self.root = index_dir(build_dir)
        self.shards = os.path.join(self.root, "shards")
        self.fresh = os.path.join(self.root, "new-shards")
        os.makedirs(self.shards, exist_ok=True)
        os.makedirs(self.fresh, exist_ok=True)
        # A file compiled twice (two targets) is indexed once.
        self.unique = {}
        for entry in entries:
            path = os.path.normpath(os.path.join(entry.get("directory", ""),
                                                 entry["file"]))
            self.unique.setdefault(path, entry)
        self.keys = {}
        self.stale = []
        for path, entry in self.unique.items():
            self.keys[path] = _entry_key(entry, plugin)
            try:
                with open(self._key_file(path)) as f:
                    current = f.read() == self.keys[path] and \
                        _read_functions(self._shard(path)) is not None
            except OSError:
                current = False
            if not current:
                self.stale.append(path)

    def _key_file(self, path):
        return os.path.join(self.shards,
                            shard_name(path)[:-len(".json")] + ".key")

    def _shard(self, path):
        return os.path.join(self.shards, shard_name(path))

    def forget_fresh(self, paths):
        """Removes shards a run that stopped half-way left for `paths`, so
        that one is never taken for the shard of this run."""
        for path in paths:
            try:
                os.remove(os.path.join(self.fresh, shard_name(path)))
            except OSError:
                pass

    def install(self, path):
        """Moves the shard just written for `path` into place; returns
        (whether a valid shard was written, its "wants" as written). No
        shard means the file did not parse."""
        written = os.path.join(self.fresh, shard_name(path))
        shard = _read_shard(written)
        if shard is None:
            return False, None
        os.replace(written, self._shard(path))
        with open(self._key_file(path), "w") as f:
            f.write(self.keys[path])
        return True, shard[0].get("wants")

    def merge(self):
        """Writes summaries.json from every file's shard; returns (its path,
        the entry lines)."""
        functions = []
        for path in self.unique:
            found = _read_functions(self._shard(path))
            if found:
                functions += found
        index_path = os.path.join(self.root, "summaries.json")
        partial = index_path + ".partial"
        with open(partial, "w") as f:
            f.write(json.dumps({"format": FORMAT, "version": VERSION},
                               separators=(",", ":")) + "\n")
            for line in functions:
                f.write(line + "\n")
        os.replace(partial, index_path)
        return index_path, functions


def _unqualified(name):
    """As the plugin reads an entry's name (SummaryIndex.cpp, unqualified)."""
    return name.rsplit("::", 1)[-1]


def answers(functions):
    """A test of a shard's "wants" against the merged index: true when the
    index could answer one of the questions the file's check asked, so that
    checking it with the index may find more (or less). A want `name` is
    answered by an entry of that name the plugin makes a summary of;
    `name#N` (an out-argument that
    held nothing: only a fresh handle stored through parameter N matters)
    by an entry that acquires through parameter N, directly or by passing
    it on; an acquirer candidate by an entry that returns a fresh handle."""
    acquirers, by_usr, by_name = set(), {}, {}
    for line in functions:
        try:
            function = json.loads(line)
        except ValueError:
            continue
        if not isinstance(function, dict):
            continue
        name = _unqualified(str(function.get("name", "")))
        by_usr[function.get("usr")] = function
        by_name.setdefault(name, []).append(function)
        if function.get("acquires"):
            acquirers.add(name)

    def fills(function, param, steps=8):
        for effect in function.get("parameters") or ():
            if not isinstance(effect, dict) or effect.get("index") != param:
                continue
            kind = effect.get("effect")
            if kind == "acquires":
                return True
            target = effect.get("to") or {}
            if kind == "forwards" and steps and target.get("usr") in by_usr \
                    and fills(by_usr[target["usr"]], target.get("index"),
                              steps - 1):
                return True
        return False

    def resolved(function, param, steps=8):
        """The effect on `param` itself, past functions that pass it on
        (SummaryIndex::effect); None when unknown."""
        for effect in function.get("parameters") or ():
            if not isinstance(effect, dict) or effect.get("field") or \
                    effect.get("index") != param:
                continue
            if effect.get("effect") != "forwards":
                return effect.get("effect")
            target = effect.get("to") or {}
            if steps and target.get("usr") in by_usr:
                return resolved(by_usr[target["usr"]], target.get("index"),
                                steps - 1)
            return None
        return None

    def informative(function):
        """Whether the plugin makes a summary of it (summaryFromIndex)."""
        effects = [e for e in function.get("parameters") or ()
                   if isinstance(e, dict)]
        return bool(function.get("untrusted") or function.get("releases") or
                    any(e.get("field") for e in effects) or
                    any(resolved(function, e.get("index")) for e in effects))

    def answered(want):
        name, _, param = str(want).partition("#")
        if not param:
            return any(informative(f) for f in by_name.get(name, ()))
        if not param.isdigit():
            return True
        return any(fills(f, int(param)) for f in by_name.get(name, ()))

    def test(wants):
        # Questions it cannot read are taken as answered: the file is
        # checked again rather than left with findings the index changes.
        if not isinstance(wants, dict):
            return True
        summaries = wants.get("summaries", [])
        candidates = wants.get("acquirers", [])
        if not isinstance(summaries, list) or not isinstance(candidates, list):
            return True
        return any(answered(w) for w in summaries) or \
            bool(acquirers.intersection(map(str, candidates)))
    return test


def build(entries, base_command, build_dir, plugin, jobs, log):
    """Refreshes the shards of `entries` and merges them, without checking
    (--build-index, and runs that apply fixes).

    base_command is the clang-tidy command line without files. Returns
    (index path, files re-indexed, files, files that failed).
    """
    state = ShardState(entries, build_dir, plugin)
    stale = state.stale
    state.forget_fresh(stale)

    # Several files per clang-tidy process: starting one costs about as
    # much as indexing a small file.
    jobs = max(1, jobs)
    per_batch = max(1, min(16, -(-len(stale) // jobs)))
    batches = [stale[i:i + per_batch] for i in range(0, len(stale), per_batch)]
    # Only the files to index, parsed without warning options.
    wanted = set(stale)
    database = _quiet_database(
        [e for e in entries
         if os.path.normpath(os.path.join(e.get("directory", ""), e["file"]))
         in wanted], os.path.join(state.root, "database"))
    base_command = _with_database(base_command, database)

    def index(batch):
        env = dict(os.environ, RESOURCE_TIDY_SUMMARY_SHARDS=state.fresh)
        env.pop("RESOURCE_TIDY_SUMMARY_INDEX", None)
        env.pop("RESOURCE_TIDY_CHECK_WHILE_INDEXING", None)
        proc = subprocess.run(base_command + batch, env=env,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        failed = 0
        for path in batch:
            if not state.install(path)[0]:
                # A file that does not parse is still checked; its
                # functions stay unknown to the others.
                log(f"resource-tidy: could not index {path} "
                    f"(clang-tidy exit {proc.returncode})")
                failed += 1
        return failed

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        failed = sum(pool.map(index, batches))

    index_path, _ = state.merge()
    return index_path, len(stale), len(state.unique), failed
