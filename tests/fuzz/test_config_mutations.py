"""
examples/beacons/config.yml, mutated at random (lines deleted, duplicated,
swapped, characters, indentation, template tags, wrong types, unknown
descriptors), never ends in a bare traceback: C{pipsvc --check} either
builds it or exits with one line starting C{pipsvc: error:}.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import subprocess
import sys
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.container._twistd import Options, make_service

from ._support import BEACONS_CONFIG, ROOT, CaseCounter, fuzz_settings

with open(BEACONS_CONFIG, encoding="utf-8") as _f:
    ORIGINAL = _f.read()

WRONG_VALUES = [
    '"abc"', "[1, 2]", "{a: 1}", "-1", "99999999999999999999", "1e400", "null", "~", "true", "''", '"\\u0000"',
    "*undefined_alias", "!!python/object:os.system ls", "&anchor", "|", ">", "@", "`", "%", "{{", "}}", "0x1F",
]
KEYS = ["port", "host", "protocol", "level", "name", "descriptor", "type", "enable", "path", "table", "uri",
        "connection", "credential", "swagger", "collection", "database", "description", "options"]
TAGS = ["{{", "}}", "{{#if FILE_ENABLED}}", "{{/if}}", "{{/unless}}", "{{^X}}", "{{#X}}", "{{/X}}", "{{{X}}",
        "{{!", "{{else}}", "{{#unless}}", "{{/each}}", "{{> partial}}", "{{#if}}", "{{HTTP_PORT}}{{", "{{=<% %>=}}"]
DESCRIPTORS = ['"nobody:makes:this:default:1.0"', '"a:b"', '"beacons:persistence:memory"', '":::::"', '"*:*:*:*:*"',
               '"pip-services:endpoint:http:default:9.9"', '"beacons:controller:default:default:1.0:extra"',
               '""', "42", '"pip-services:logger:console:default:1.0"']
TYPES = ['"Thing,no_such_module_anywhere"', '"NoComma"', '",,"', '"os.path,"', '"BeaconsFactory,examples.beacons"',
         '"Object,builtins"', '"dict,builtins"', '"BeaconsController,examples.beacons.logic"']


def mutate(text: str, rng: random.Random, count: int) -> str:
    lines = text.split("\n")
    for _ in range(count):
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        kind = rng.randrange(11)
        if kind == 0:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[i])
        elif kind == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == 3:
            line = lines[i]
            at = rng.randint(0, len(line))
            junk = "".join(rng.choice(":-{}[]#&*!|>'\"%@`\t\\ ,?\x00\u00e9\ufeff\u2028a1") for _ in range(rng.randint(1, 4)))
            lines[i] = line[:at] + junk + line[at:]
        elif kind == 4:
            lines[i] = " " * rng.choice([0, 1, 3, 5, 8]) + lines[i].lstrip() if rng.random() < 0.7 else "\t" + lines[i]
        elif kind == 5:
            line = lines[i]
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + rng.choice(TAGS) + line[at:]
        elif kind == 6:
            lines[i] = lines[i].replace("}}", "}", 1) if "}}" in lines[i] else lines[i].replace("{{", "{", 1)
        elif kind == 7:
            key = rng.choice(KEYS)
            indent = " " * rng.choice([0, 2, 4])
            lines.insert(i, f"{indent}{key}: {rng.choice(WRONG_VALUES)}")
        elif kind == 8:
            lines.insert(i, f"- descriptor: {rng.choice(DESCRIPTORS)}")
        elif kind == 9:
            lines.insert(i, f"- type: {rng.choice(TYPES)}")
        else:
            # a known key with a value of the wrong type
            for j in range(len(lines)):
                k = (i + j) % len(lines)
                if ":" in lines[k] and not lines[k].lstrip().startswith(("#", "{{")):
                    head = lines[k].split(":", 1)[0]
                    lines[k] = f"{head}: {rng.choice(WRONG_VALUES)}"
                    break
    return "\n".join(lines)


PARAMETER_SETS = [
    [], ["FILE_ENABLED=true"], ["POSTGRES_ENABLED=true", "POSTGRES_SERVICE_PORT=abc"],
    ["MYSQL_ENABLED=1", "MYSQL_SERVICE_URI=mysql://root@localhost:notaport/test"],
    ["MONGO_ENABLED=yes", "MONGO_SERVICE_URI=::::"], ["HTTP_PORT=-5"], ["HTTP_PORT=abc", "LOG_LEVEL=loud"],
    ["HTTP_HOST=}}{{", "LOG_LEVEL={{x}}"],
]


class ConfigMutationTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.directory = os.path.abspath(self.mktemp())
        os.makedirs(self.directory)
        self.counter = CaseCounter(self.id())
        self.addCleanup(self.counter.report)
        saved_path = list(sys.path)
        self.addCleanup(lambda: sys.path.__setitem__(slice(None), saved_path))
        if any(name.endswith("_ENABLED") for name in os.environ):
            # The environment overrides -p: a developer's POSTGRES_ENABLED must not change the config.
            self.patch(os, "environ", {k: v for k, v in os.environ.items() if not k.endswith("_ENABLED")})

    def write(self, text: str) -> str:
        path = os.path.join(self.directory, "config.yml")
        with open(path, "w", encoding="utf-8", errors="surrogatepass") as f:
            f.write(text)
        return path

    def check_in_process(self, text: str, parameters: list[str]) -> tuple[Any, str, str]:
        """Runs C{make_service} with C{--check}: the exit it asks for, and what it printed."""
        path = self.write(text)
        options = Options()
        args = ["-c", path, "--check"]
        for parameter in parameters:
            args += ["-p", parameter]
        options.parseOptions(args)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                make_service(options)
            except SystemExit as e:
                code: Any = e.code
            except BaseException as e:
                self.fail(f"{type(e).__name__} escaped make_service: {e}\n--- config ---\n{text}\n"
                          f"--- parameters --- {parameters}")
            else:
                self.fail(f"--check returned instead of exiting:\n{text}")
        return code, out.getvalue(), err.getvalue()

    def assert_clean_exit(self, text: str, parameters: list[str]) -> None:
        code, out, err = self.check_in_process(text, parameters)
        what = f"\n--- config ---\n{text}\n--- parameters --- {parameters}\n--- stdout ---\n{out}\n--- stderr ---\n{err}"
        self.assertNotIn("Traceback", out + err, what)
        self.assertEqual(err, "", what)
        if code in (0, None):
            self.counter.add(0)
            self.assertTrue(out.startswith("pipsvc: ") and out.endswith("components built, configured and referenced\n"),
                            what)
            return
        self.counter.add(1)
        self.assertIsInstance(code, str, what)
        self.assertTrue(code.startswith("pipsvc: error: "), f"{code!r}{what}")
        self.assertNotIn("\n", code, what)
        self.assertNotIn("\r", code, what)

    def test_the_original_builds(self) -> None:
        for parameters in (PARAMETER_SETS[0], PARAMETER_SETS[1], PARAMETER_SETS[3], PARAMETER_SETS[4]):
            code, out, err = self.check_in_process(ORIGINAL, parameters)
            self.assertEqual(code, 0, f"{parameters}: {out}{err}")

    def test_wrong_values_are_reported_with_their_key(self) -> None:
        for parameters, key in ((PARAMETER_SETS[2], "connection.port: 'abc'"),
                                (PARAMETER_SETS[5], "connection.port: '-5'"),
                                (PARAMETER_SETS[6], "level: 'loud'")):
            code, _, _ = self.check_in_process(ORIGINAL, parameters)
            self.assertIsInstance(code, str)
            self.assertTrue(code.startswith("pipsvc: error: ") and key in code and "\n" not in code, code)

    @fuzz_settings(300)
    @given(seed=st.integers(0, 2**32 - 1), count=st.integers(1, 6), parameters=st.sampled_from(PARAMETER_SETS))
    def test_mutated_configs(self, seed: int, count: int, parameters: list[str]) -> None:
        self.assert_clean_exit(mutate(ORIGINAL, random.Random(seed), count), parameters)

    def test_whole_file_oddities(self) -> None:
        for text in ("", "\x00", "\ufeff" + ORIGINAL, "[]", "{}", "42", "- 1\n- 2\n", "- descriptor:\n",
                     "- {}\n", "- []\n", "a: b\n", "-\n-\n", ORIGINAL.replace("\n", "\r\n"),
                     ORIGINAL.replace("  ", "\t"), ORIGINAL * 3, "- descriptor: " + "x" * 100_000,
                     "{{" * 1000, "[" * 10_000, "- a: &a [*a]\n", "- " * 5000 + "x\n",
                     "- x: !!binary AAAA\n", "- x: !!python/name:os.system\n", "- x: !custom 1\n"):
            self.assert_clean_exit(text, [])

    def test_non_utf8_bytes(self) -> None:
        path = os.path.join(self.directory, "config.yml")
        with open(path, "wb") as f:
            f.write(ORIGINAL.encode("utf-8") + b"\n- name: \xff\xfe\x80\n")
        options = Options()
        options.parseOptions(["-c", path, "--check"])
        err = io.StringIO()
        with contextlib.redirect_stderr(err), self.assertRaises(SystemExit) as raised:
            make_service(options)
        self.assertTrue(str(raised.exception.code).startswith("pipsvc: error: "), raised.exception.code)
        self.assertEqual(err.getvalue(), "")


class TwistdCheckTests(SynchronousTestCase):
    """A few mutated configs through a real C{twistd pipsvc --check}: exit code and stderr."""

    def test_mutated_configs_under_twistd(self) -> None:
        directory = os.path.abspath(self.mktemp())
        os.makedirs(directory)
        rng = random.Random(20240601)
        env = {key: value for key, value in os.environ.items() if not key.endswith("_ENABLED")}
        env["PYTHONPATH"] = ROOT
        failures = 0
        for n in range(6):
            path = os.path.join(directory, f"config{n}.yml")
            text = ORIGINAL if n == 0 else mutate(ORIGINAL, rng, 3)
            if n == 1:
                text = ORIGINAL.replace('port: {{HTTP_PORT}}', 'port: {{HTTP_PORT')
            if n == 2:
                text += '\n- descriptor: "nobody:makes:this:default:1.0"\n'
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            result = subprocess.run(
                [sys.executable, "-c", "from twisted.scripts.twistd import run; run()", "-n", "--pidfile=",
                 "pipsvc", "-c", path, "--check"],
                cwd=directory, env=env, capture_output=True, text=True, timeout=60,
            )
            what = f"\n--- config ---\n{text}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
            self.assertNotIn("Traceback", result.stdout + result.stderr, what)
            if result.returncode == 0:
                self.assertIn("components built, configured and referenced", result.stdout, what)
                self.assertEqual(result.stderr, "", what)
                continue
            failures += 1
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            self.assertEqual(len(lines), 1, what)
            self.assertTrue(lines[0].startswith("pipsvc: error: "), what)
        self.assertGreaterEqual(failures, 2)
