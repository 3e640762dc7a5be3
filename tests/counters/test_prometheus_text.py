"""counters_to_prometheus_text, checked by parsing it with prometheus_client."""

import datetime
import math
import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from prometheus_client.parser import text_string_to_metric_families
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.counters import (
    Counter,
    CounterType,
    counters_to_prometheus_text,
    sanitize_metric_name,
    split_counter_name,
)

_NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
# Names and labels as hostile as they come: dots (empty parts), quotes,
# backslashes, newlines, any unicode and lone surrogates.
_HOSTILE_TEXT = st.text(st.one_of(
    st.sampled_from('.."\\\n {}=, '),
    st.characters(),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=()),
), max_size=30)


def _parse(text: str) -> dict:
    """{(sample name, sorted labels): value} and {family: type}."""
    samples, types = {}, {}
    for family in text_string_to_metric_families(text):
        types[family.name] = family.type
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return {"samples": samples, "types": types}


def _labels(**labels: str) -> tuple:
    return tuple(sorted(labels.items()))


class NamingTests(SynchronousTestCase):
    def test_split(self) -> None:
        self.assertEqual(split_counter_name("a.b.exec_count"),
                         ("exec_count", [("service", "a"), ("command", "b")]))
        self.assertEqual(split_counter_name("v1.beacons.get.exec_time"),
                         ("exec_time", [("service", "v1.beacons"), ("command", "get")]))
        self.assertEqual(split_counter_name("cache.hits"), ("hits", [("service", "cache")]))
        self.assertEqual(split_counter_name("uptime"), ("uptime", []))

    def test_sanitize(self) -> None:
        self.assertEqual(sanitize_metric_name("exec-time/ms"), "exec_time_ms")
        self.assertEqual(sanitize_metric_name("1st"), "_1st")
        self.assertEqual(sanitize_metric_name("ok:name_1"), "ok:name_1")


class RenderTests(SynchronousTestCase):
    def test_every_type(self) -> None:
        when = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.timezone.utc)
        text = counters_to_prometheus_text([
            Counter("a.b.exec_count", CounterType.INCREMENT, count=3),
            Counter("a.b.exec_time", CounterType.INTERVAL, 30.0, 2, 10.0, 30.0, 20.0),
            Counter("a.b.sizes", CounterType.STATISTICS, 5.0, 4, 1.0, 9.0, 4.5),
            Counter("a.queue", CounterType.LAST_VALUE, last=7.5),
            Counter("started", CounterType.TIMESTAMP, time=when),
        ], "beacons", "host1")
        parsed = _parse(text)
        ctx = {"source": "beacons", "instance": "host1"}
        ab = _labels(service="a", command="b", **ctx)
        self.assertEqual(parsed["samples"], {
            ("exec_count_total", ab): 3,
            ("exec_time_max", ab): 30.0,
            ("exec_time_min", ab): 10.0,
            ("exec_time_average", ab): 20.0,
            ("exec_time_count", ab): 2,
            ("sizes_max", ab): 9.0,
            ("sizes_min", ab): 1.0,
            ("sizes_average", ab): 4.5,
            ("sizes_count", ab): 4,
            ("queue", _labels(service="a", **ctx)): 7.5,
            ("started", _labels(**ctx)): when.timestamp(),
        })
        self.assertEqual(parsed["types"]["exec_count"], "counter")
        self.assertEqual({parsed["types"][f"exec_time_{s}"] for s in ("max", "min", "average", "count")}, {"gauge"})
        self.assertEqual((parsed["types"]["queue"], parsed["types"]["started"]), ("gauge", "gauge"))

    def test_label_order_and_type_lines(self) -> None:
        text = counters_to_prometheus_text([Counter("a.b.exec_count", CounterType.INCREMENT, count=1)], "s", "h")
        self.assertEqual(text, '# TYPE exec_count counter\nexec_count{service="a",command="b",source="s",instance="h"} 1\n')

    def test_one_type_line_per_family(self) -> None:
        text = counters_to_prometheus_text([
            Counter("a.x.exec_count", CounterType.INCREMENT, count=1),
            Counter("b.y.other", CounterType.INCREMENT, count=1),
            Counter("b.y.exec_count", CounterType.INCREMENT, count=2),
        ], "s", "h")
        self.assertEqual(text.count("# TYPE exec_count counter"), 1)
        lines = text.split("\n")
        start = lines.index("# TYPE exec_count counter")
        self.assertEqual([line.split("{")[0] for line in lines[start + 1:start + 3]], ["exec_count", "exec_count"])
        samples = _parse(text)["samples"]
        self.assertEqual(samples[("exec_count_total", _labels(service="b", command="y", source="s", instance="h"))], 2)

    def test_disagreeing_types_are_untyped(self) -> None:
        text = counters_to_prometheus_text([
            Counter("a.b.depth", CounterType.INCREMENT, count=1),
            Counter("c.d.depth", CounterType.LAST_VALUE, last=2.0),
        ])
        self.assertEqual(_parse(text)["types"], {"depth": "unknown"})
        self.assertIn("# TYPE depth untyped", text)

    def test_repeated_sample_left_out(self) -> None:
        text = counters_to_prometheus_text([
            Counter("a.b.t", CounterType.INTERVAL, 1.0, 1, 1.0, 1.0, 1.0),
            Counter("a.b.t_max", CounterType.LAST_VALUE, last=99.0),
        ])
        self.assertEqual(_parse(text)["samples"][("t_max", _labels(service="a", command="b"))], 1.0)
        self.assertEqual(text.count("t_max{"), 1)

    def test_escaped_labels(self) -> None:
        source = 'we"ird\\name\nx'
        text = counters_to_prometheus_text([Counter("a.b\"c.n", CounterType.LAST_VALUE, last=1.0)], source, "h")
        samples = _parse(text)["samples"]
        self.assertEqual(list(samples), [("n", _labels(service="a", command='b"c', source=source, instance="h"))])

    def test_special_values(self) -> None:
        text = counters_to_prometheus_text([
            Counter("inf", CounterType.LAST_VALUE, last=math.inf),
            Counter("ninf", CounterType.LAST_VALUE, last=-math.inf),
            Counter("nan", CounterType.LAST_VALUE, last=math.nan),
        ])
        samples = _parse(text)["samples"]
        self.assertEqual((samples[("inf", ())], samples[("ninf", ())]), (math.inf, -math.inf))
        self.assertTrue(math.isnan(samples[("nan", ())]))

    def test_lone_surrogates_become_question_marks(self) -> None:
        text = counters_to_prometheus_text([Counter("a.\ud800b.n", CounterType.LAST_VALUE, last=1.0)], "s\udfff")
        text.encode("utf-8")
        self.assertEqual(list(_parse(text)["samples"]), [("n", _labels(service="a", command="?b", source="s?"))])

    def test_numbers_beyond_a_double_are_infinite(self) -> None:
        text = counters_to_prometheus_text([
            Counter("up", CounterType.INCREMENT, count=10**400),
            Counter("down", CounterType.LAST_VALUE, last=-(10**400)),  # type: ignore[arg-type]
        ])
        self.assertEqual(text, "# TYPE up counter\nup +Inf\n# TYPE down gauge\ndown -Inf\n")

    def test_values_that_are_not_numbers_are_left_out(self) -> None:
        text = counters_to_prometheus_text([
            Counter("word", CounterType.LAST_VALUE, last="abc"),  # type: ignore[arg-type]
            Counter("thing", CounterType.LAST_VALUE, last=object()),  # type: ignore[arg-type]
            Counter("ok", CounterType.LAST_VALUE, last=1.0),
        ])
        self.assertEqual(text, "# TYPE ok gauge\nok 1.0\n")

    @settings(max_examples=200, deadline=None)
    @given(st.one_of(st.floats(), st.integers(-(10**400), 10**400)))
    def test_any_number_parses_back(self, value: "float | int") -> None:
        text = counters_to_prometheus_text([Counter("a.b.v", CounterType.LAST_VALUE, last=value)])
        [parsed] = _parse(text)["samples"].values()
        if isinstance(value, float) and math.isnan(value):
            self.assertTrue(math.isnan(parsed))
            return
        largest = sys.float_info.max
        expected = math.inf if value > largest else -math.inf if value < -largest else float(value)
        self.assertEqual(float(parsed), expected)  # the parser reads an integer as an int

    def test_skips_empty_names_and_unset_values(self) -> None:
        self.assertEqual(counters_to_prometheus_text([]), "")
        self.assertEqual(counters_to_prometheus_text([Counter("", CounterType.LAST_VALUE, last=1.0),
                                                      Counter("x", CounterType.LAST_VALUE)]), "")

    def test_no_context_labels_when_unknown(self) -> None:
        self.assertEqual(counters_to_prometheus_text([Counter("n", CounterType.LAST_VALUE, last=1.0)]),
                         "# TYPE n gauge\nn 1.0\n")

    @settings(max_examples=200, deadline=None)
    @given(
        st.dictionaries(
            _HOSTILE_TEXT,
            st.tuples(st.sampled_from(list(CounterType)), st.integers(0, 10**9)),
            max_size=8,
        ),
        st.one_of(st.none(), _HOSTILE_TEXT),
    )
    def test_any_names_parse(self, spec: dict, source: "str | None") -> None:
        counters = [
            Counter(name, kind, last=value, count=value, min=value, max=value, average=value,
                    time=datetime.datetime.fromtimestamp(value, datetime.timezone.utc))
            for name, (kind, value) in spec.items()
        ]
        text = counters_to_prometheus_text(counters, source, "host")
        text.encode("utf-8")
        parsed = _parse(text)
        for line in filter(None, text.split("\n")):
            name = line.split(" ")[2] if line.startswith("# TYPE ") else line.split("{")[0].split(" ")[0]
            self.assertRegex(name, _NAME)
        for (_, labels), value in parsed["samples"].items():
            self.assertIn(("instance", "host"), labels)
            self.assertIn(value, {v for _, v in spec.values()})
        type_lines = [line.split(" ")[2] for line in text.split("\n") if line.startswith("# TYPE ")]
        self.assertEqual(len(type_lines), len(set(type_lines)))
