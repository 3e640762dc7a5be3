"""What every fuzzed answer must look like, the strategies that make the requests, and a case counter."""

from __future__ import annotations

import json
import os
import string
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from pipservices_tx.errors import STATUS_BY_CATEGORY

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BEACONS_CONFIG = os.path.join(ROOT, "examples", "beacons", "config.yml")
BASE_ROUTE = "v1/beacons"

ERROR_KEYS = frozenset(
    ("type", "category", "status", "code", "message", "details", "correlation_id", "cause", "stack_trace")
)
"""The nine keys of an error body (docs/protocol.rst, section 5)."""

# Statuses some errors carry on purpose instead of their category's.
EXTRA_STATUSES = {"BadRequest": {405, 413}, "NoResponse": {503}}

COMMANDS: dict[str, dict[str, str]] = {
    # command -> argument -> the JSON type it takes
    "get_beacons": {"filter": "object", "paging": "object"},
    "get_beacon_by_id": {"id": "string", "beacon_id": "string"},
    "get_beacon_by_udi": {"udi": "string"},
    "calculate_position": {"site_id": "string", "udis": "array"},
    "create_beacon": {"beacon": "object"},
    "update_beacon": {"beacon": "object"},
    "delete_beacon_by_id": {"id": "string", "beacon_id": "string"},
}
GET_ROUTES = ("/status", "/heartbeat", "/health/live", "/health/ready", "/swagger", "/v1/beacons/swagger")
MAX_CORRELATION_ID = 256


def fuzz_examples(default: int) -> int:
    """C{FUZZ_EXAMPLES} from the environment (a long run), else C{default} (CI)."""
    value = os.environ.get("FUZZ_EXAMPLES")
    return int(value) if value else default


def fuzz_settings(default: int) -> settings:
    return settings(
        max_examples=fuzz_examples(default),
        deadline=None,
        derandomize=not os.environ.get("FUZZ_EXAMPLES"),  # CI runs are repeatable; long runs explore
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                               HealthCheck.function_scoped_fixture],
        database=None,
    )


class CaseCounter:
    """How many requests a fuzz test sent, by status; appended to C{FUZZ_COUNT_FILE} when set."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.by_status: dict[int, int] = {}

    def add(self, status: int) -> None:
        self.by_status[status] = self.by_status.get(status, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def report(self) -> None:
        path = os.environ.get("FUZZ_COUNT_FILE")
        if path:
            with open(path, "a") as f:
                f.write(json.dumps({"test": self.name, "cases": self.total,
                                    "by_status": {str(k): v for k, v in sorted(self.by_status.items())}}) + "\n")


def error_problems(status: int, body: bytes, allow_500: bool = False, head: bool = False) -> list[str]:
    """
    What is wrong with an answer of C{status}: nothing for a 2xx/3xx; for an
    error, a JSON body with the nine keys whose C{status} is the HTTP one and
    fits its category. An empty list means the answer is fine.
    """
    problems: list[str] = []
    if status >= 500 and not allow_500 and status != 503:
        problems.append(f"HTTP {status}")
    if status < 400 or head:
        return problems  # a HEAD answer has no body to check
    try:
        error = json.loads(body)
    except ValueError:
        return problems + [f"error body is not JSON: {body[:200]!r}"]
    if not isinstance(error, dict):
        return problems + [f"error body is not an object: {body[:200]!r}"]
    keys = set(error)
    if keys != ERROR_KEYS:
        problems.append(f"error keys {sorted(keys)} are not the nine of docs/protocol.rst, section 5")
    if error.get("status") != status:
        problems.append(f"error status {error.get('status')!r} is not the HTTP status {status}")
    category = error.get("category")
    expected = {STATUS_BY_CATEGORY.get(category, -1)} | EXTRA_STATUSES.get(category, set())  # type: ignore[arg-type]
    if status not in expected:
        problems.append(f"HTTP {status} does not fit category {category!r}")
    for key in ("type", "code", "message"):
        if not isinstance(error.get(key), str):
            problems.append(f"error {key} is not a string: {error.get(key)!r}")
    if error.get("stack_trace") is not None:
        problems.append("a stack trace in an error body without debug")
    problems += correlation_problems(error.get("correlation_id"))
    if status == 503 and category != "NoResponse":
        problems.append(f"503 with category {category!r}")
    if problems:
        problems.append(f"body: {body[:300]!r}")
    return problems


def correlation_problems(value: Any) -> list[str]:
    """An echoed correlation id is None or printable ASCII without spaces, at most 256 characters."""
    if value is None:
        return []
    if not isinstance(value, str):
        return [f"correlation_id is not a string: {value!r}"]
    problems = []
    if len(value) > MAX_CORRELATION_ID:
        problems.append(f"correlation_id of {len(value)} characters")
    if any(not ("\x21" <= ch <= "\x7e") for ch in value):
        problems.append(f"correlation_id with unsafe characters: {value[:80]!r}")
    return problems


# -- strategies ---------------------------------------------------------------

json_scalars = (
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)


def wrong_type_for(kind: str) -> st.SearchStrategy[Any]:
    """Values of any JSON type but C{kind}."""
    others = {
        "string": st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.lists(json_scalars,
                                                                                                   max_size=3)
        | st.dictionaries(st.text(max_size=5), json_scalars, max_size=3),
        "object": st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.lists(json_scalars, max_size=3),
        "array": st.none() | st.booleans() | st.integers() | st.text(max_size=20)
        | st.dictionaries(st.text(max_size=5), json_scalars, max_size=3),
    }
    return others[kind]


beacon_field_values = {
    "id": st.text(max_size=20), "site_id": st.text(max_size=20), "udi": st.text(max_size=20),
    "label": st.text(max_size=20), "type": st.sampled_from(["unknown", "altbeacon", "ibeacons", "eddystone-udi"]),
    "radius": st.floats(allow_nan=False, allow_infinity=False),
    "center": st.fixed_dictionaries({"type": st.just("Point"),
                                     "coordinates": st.lists(st.floats(-180, 180), min_size=2, max_size=2)}),
}


@st.composite
def beacon_like(draw: Any) -> Any:
    """A beacon with each field right, of a wrong type, missing, or odd; sometimes extra keys."""
    beacon: dict[str, Any] = {}
    for key, good in beacon_field_values.items():
        choice = draw(st.integers(0, 3))
        if choice == 0:
            continue
        beacon[key] = draw(good if choice < 3 else json_values)
    if draw(st.booleans()):
        beacon.update(draw(st.dictionaries(st.text(max_size=8), json_values, max_size=2)))
    return beacon


def deep(depth: int, kind: str = "list") -> str:
    """JSON text nested C{depth} levels: C{[[[...]]]} or C{{"a":{"a":...}}}."""
    if kind == "list":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


@st.composite
def command_bodies(draw: Any, command: str) -> bytes:
    """A body for C{command}: good and wrong arguments, other JSON, bytes, huge or deeply nested text."""
    arguments = COMMANDS[command]
    kind = draw(st.sampled_from(["args", "args", "args", "json", "bytes", "huge", "deep", "empty", "unicode",
                                 "escapes"]))
    if kind == "args":
        body: dict[str, Any] = {}
        for name, expected in arguments.items():
            choice = draw(st.integers(0, 4))
            if choice == 0:
                continue
            if choice == 1:
                body[name] = draw(wrong_type_for(expected))
            elif name == "beacon":
                body[name] = draw(beacon_like())
            elif expected == "string":
                body[name] = draw(st.text(max_size=30) | st.sampled_from(["1", "2", "3", "00001", ""]))
            elif expected == "array":
                body[name] = draw(st.lists(st.text(max_size=8) | json_scalars, max_size=5))
            elif name == "paging":
                body[name] = draw(st.dictionaries(st.sampled_from(["skip", "take", "total", "x"]), json_scalars,
                                                  max_size=3))
            else:
                body[name] = draw(st.dictionaries(
                    st.sampled_from(["id", "site_id", "label", "udi", "udis", "search", "x"]), json_values, max_size=4))
        if draw(st.integers(0, 5)) == 0:
            body.update(draw(st.dictionaries(st.text(max_size=8), json_values, max_size=2)))
        return json.dumps(body).encode("utf-8")
    if kind == "json":
        return json.dumps(draw(json_values)).encode("utf-8")
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "huge":
        size = draw(st.sampled_from([10_000, 100_000, 900_000, 2_000_000]))
        name = draw(st.sampled_from(sorted(arguments)))
        return json.dumps({name: "x" * size}).encode("utf-8")
    if kind == "deep":
        depth = draw(st.sampled_from([50, 100, 500, 990, 1_000, 10_000]))
        name = draw(st.sampled_from(sorted(arguments)))
        return ('{"%s":%s}' % (name, deep(depth, draw(st.sampled_from(["list", "object"]))))).encode("utf-8")
    if kind == "escapes":
        # \u escapes, lone surrogates among them: valid JSON text, but not UTF-8 once decoded
        escape = draw(st.sampled_from(["\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\u001b[2J", "\\uffff"]))
        name = draw(st.sampled_from(sorted(arguments)))
        value = '{"site_id": "1", "udi": "u%s"}' % escape if name == "beacon" else '"%s"' % escape
        return ('{"%s": %s}' % (name, value)).encode("utf-8")
    if kind == "empty":
        return draw(st.sampled_from([b"", b" ", b"\n", b"{}", b"null", b"[]", b"\"\""]))
    return json.dumps({name: draw(st.text(alphabet=st.characters(min_codepoint=0x80, exclude_categories=("Cs",)), min_size=1, max_size=30))
                       for name in arguments}, ensure_ascii=draw(st.booleans())).encode("utf-8")


_SEGMENT = st.text(alphabet=string.ascii_letters + string.digits + "-_.~%!$&'()*+,;=:@", max_size=12)
random_paths = st.one_of(
    st.lists(_SEGMENT, max_size=5).map(lambda parts: "/" + "/".join(parts)),
    st.sampled_from(["/v1/beacons/" + c for c in COMMANDS] + list(GET_ROUTES)).flatmap(
        lambda path: st.sampled_from([path, path + "/", path + "/x", path.upper(), "/" + path + "//", path + "/.."])),
    st.sampled_from(["/", "/v1", "/v1/beacons", "/swagger/nope.js", "/swagger/..%2f..%2fetc%2fpasswd", "/%00",
                     "/%ff%fe", "/" + "a" * 5000, "/health", "/v1/beacons/swagger?format=yaml"]),
)
random_methods = st.one_of(
    st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT"]),
    st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=10),
)
correlation_ids = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="abc\r\n\t \x00\x1b[]:", max_size=30),
    st.sampled_from(["ok-1", "a\r\n[forged:INFO:2024-01-01T00:00:00.000Z] admin logged in", "x" * 257, "y" * 5000,
                     "\u00e9\u4e2d\U0001f600", "\r\n", " ", ""]),
)


def quote_correlation_id(value: str) -> str:
    from urllib.parse import quote

    return quote(value.encode("utf-8"), safe="")

