"""The summary index of a project: the first pass of `resource-tidy -p`.

Each translation unit of compile_commands.json is parsed once with the
plugin in shard mode (RESOURCE_TIDY_SUMMARY_SHARD names the output): it
writes what the functions its main file defines do to the handles they are
given (docs/summary-index.md). The shards are kept in BUILD/.resource-tidy/
and reused while the file, its compile command and the plugin are unchanged;
they are merged into BUILD/.resource-tidy/summaries.json, which the checks
read through the SummaryIndex option (RESOURCE_TIDY_SUMMARY_INDEX).
"""
import concurrent.futures
import hashlib
import json
import os
import subprocess

FORMAT = "resource-tidy-summaries"
VERSION = 1


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


def _read_functions(path):
    """The function entries of a shard; None when it is not a valid one."""
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or \
            data.get("version") != VERSION or \
            not isinstance(data.get("functions"), list):
        return None
    return data["functions"]


def build(entries, base_command, build_dir, plugin, jobs, log):
    """Refreshes the shards of `entries` and merges them.

    base_command is the clang-tidy command line without files. Returns
    (index path, files re-indexed, files that failed).
    """
    root = index_dir(build_dir)
    shards = os.path.join(root, "shards")
    os.makedirs(shards, exist_ok=True)

    def shard_of(entry):
        path = os.path.normpath(os.path.join(entry.get("directory", ""),
                                             entry["file"]))
        name = hashlib.sha256(path.encode()).hexdigest()[:32]
        return path, os.path.join(shards, name + ".json")

    def refresh(entry):
        path, shard = shard_of(entry)
        key = _entry_key(entry, plugin)
        key_file = shard[:-len(".json")] + ".key"
        try:
            with open(key_file) as f:
                if f.read() == key and _read_functions(shard) is not None:
                    return path, False, True
        except OSError:
            pass
        partial = shard + ".partial"
        env = dict(os.environ, RESOURCE_TIDY_SUMMARY_SHARD=partial)
        env.pop("RESOURCE_TIDY_SUMMARY_INDEX", None)
        proc = subprocess.run(base_command + [path], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, errors="replace")
        if _read_functions(partial) is None:
            # A file that does not parse still gets checked; its functions
            # stay unknown to the others.
            log(f"resource-tidy: could not index {path} "
                f"(clang-tidy exit {proc.returncode})")
            return path, True, False
        os.replace(partial, shard)
        with open(key_file, "w") as f:
            f.write(key)
        return path, True, True

    # A file compiled twice (two targets) is indexed once.
    unique = {}
    for entry in entries:
        unique.setdefault(shard_of(entry)[0], entry)
    entries = list(unique.values())

    indexed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as pool:
        for _, fresh, ok in pool.map(refresh, entries):
            indexed += fresh
            failed += not ok

    functions = []
    for entry in entries:
        found = _read_functions(shard_of(entry)[1])
        if found:
            functions += found
    index = os.path.join(root, "summaries.json")
    partial = index + ".partial"
    with open(partial, "w") as f:
        json.dump({"format": FORMAT, "version": VERSION,
                   "functions": functions}, f, indent=1)
    os.replace(partial, index)
    return index, indexed, failed
