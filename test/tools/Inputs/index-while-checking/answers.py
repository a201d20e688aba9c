"""Prints which "wants" of a shard the given index entries answer
(resource_tidy_index.answers); argv[1] is the directory of that module."""
import json
import sys

sys.path.insert(0, sys.argv[1])
import resource_tidy_index  # noqa: E402

ENTRIES = [
    {"name": "log_fd", "usr": "c:@F@log_fd",
     "parameters": [{"index": 0, "effect": "used-only"}]},
    {"name": "pass_on", "usr": "c:@F@pass_on",
     "parameters": [{"index": 0, "effect": "forwards",
                     "to": {"usr": "c:@F@elsewhere", "index": 0}}]},
    {"name": "open_into", "usr": "c:@F@open_into",
     "parameters": [{"index": 1, "effect": "acquires"}]},
    {"name": "relay_into", "usr": "c:@F@relay_into",
     "parameters": [{"index": 0, "effect": "forwards",
                     "to": {"usr": "c:@F@open_into", "index": 1}}]},
    {"name": "net::Conn::make", "usr": "c:@N@net@S@Conn@F@make#",
     "acquires": {"family": "posix-fd", "noun": "socket"}},
]
answered = resource_tidy_index.answers([json.dumps(e) for e in ENTRIES])
CASES = [
    ("used-only summary", {"summaries": ["log_fd"], "acquirers": []}),
    ("only passes to an unknown function",
     {"summaries": ["pass_on"], "acquirers": []}),
    ("not in the index", {"summaries": ["other"], "acquirers": ["other"]}),
    ("stores a fresh handle through 1", {"summaries": ["open_into#1"]}),
    ("nothing stored through 0", {"summaries": ["open_into#0"]}),
    ("a used-only parameter asked as out-argument",
     {"summaries": ["log_fd#0"]}),
    ("passes 0 on to one that stores through it",
     {"summaries": ["relay_into#0"]}),
    ("an acquirer, by its unqualified name", {"acquirers": ["make"]}),
    ("an acquirer's name asked for a summary", {"summaries": ["make"]}),
    ("nothing asked", {"summaries": [], "acquirers": []}),
    ("no wants", None),
    ("wants not an object", ["log_fd"]),
    ("summaries not a list", {"summaries": "log_fd"}),
    ("a parameter that is not a number", {"summaries": ["open_into#x"]}),
]
for name, wants in CASES:
    print(f"{name}: {'again' if answered(wants) else 'kept'}")
