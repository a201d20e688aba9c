"""The summary index of a project: the first pass of `resource-tidy -p`.

Each translation unit of compile_commands.json is parsed once with the
plugin in shard mode (RESOURCE_TIDY_SUMMARY_SHARDS names the directory): it
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
import shlex
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


def build(entries, base_command, build_dir, plugin, jobs, log):
    """Refreshes the shards of `entries` and merges them.

    base_command is the clang-tidy command line without files. Returns
    (index path, files re-indexed, files that failed).
    """
    root = index_dir(build_dir)
    shards = os.path.join(root, "shards")
    os.makedirs(shards, exist_ok=True)

    # A file compiled twice (two targets) is indexed once.
    unique = {}
    for entry in entries:
        path = os.path.normpath(os.path.join(entry.get("directory", ""),
                                             entry["file"]))
        unique.setdefault(path, entry)

    def key_file(path):
        return os.path.join(shards, shard_name(path)[:-len(".json")] + ".key")

    stale = []
    keys = {}
    for path, entry in unique.items():
        keys[path] = _entry_key(entry, plugin)
        try:
            with open(key_file(path)) as f:
                current = f.read() == keys[path] and _read_functions(
                    os.path.join(shards, shard_name(path))) is not None
        except OSError:
            current = False
        if not current:
            stale.append(path)

    # Several files per clang-tidy process: starting one costs about as
    # much as indexing a small file.
    jobs = max(1, jobs)
    per_batch = max(1, min(16, -(-len(stale) // jobs)))
    batches = [stale[i:i + per_batch] for i in range(0, len(stale), per_batch)]
    fresh = os.path.join(root, "new-shards")
    os.makedirs(fresh, exist_ok=True)
    # Only the files to index, parsed without warning options.
    wanted = set(stale)
    database = _quiet_database(
        [e for e in entries
         if os.path.normpath(os.path.join(e.get("directory", ""), e["file"]))
         in wanted], os.path.join(root, "database"))
    base_command = _with_database(base_command, database)

    def index(batch):
        env = dict(os.environ, RESOURCE_TIDY_SUMMARY_SHARDS=fresh)
        env.pop("RESOURCE_TIDY_SUMMARY_INDEX", None)
        proc = subprocess.run(base_command + batch, env=env,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        failed = 0
        for path in batch:
            written = os.path.join(fresh, shard_name(path))
            if _read_functions(written) is None:
                # A file that does not parse is still checked; its
                # functions stay unknown to the others.
                log(f"resource-tidy: could not index {path} "
                    f"(clang-tidy exit {proc.returncode})")
                failed += 1
                continue
            os.replace(written, os.path.join(shards, shard_name(path)))
            with open(key_file(path), "w") as f:
                f.write(keys[path])
        return failed

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        failed = sum(pool.map(index, batches))

    functions = []
    for path in unique:
        found = _read_functions(os.path.join(shards, shard_name(path)))
        if found:
            functions += found
    index_path = os.path.join(root, "summaries.json")
    partial = index_path + ".partial"
    with open(partial, "w") as f:
        json.dump({"format": FORMAT, "version": VERSION,
                   "functions": functions}, f, indent=1)
    os.replace(partial, index_path)
    return index_path, len(stale), len(unique), failed
