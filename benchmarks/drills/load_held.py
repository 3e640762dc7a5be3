"""
Load held: the beacons service (memory persistence) under twistd, wrk at
saturation for 60 s with a mixed read/write load (create, delete, update,
get by id, get_beacons, calculate_position). Properties: zero failed
requests (non-2xx or socket errors), resident memory after warm-up grows
less than 10%, the same number of open file descriptors before and after.

    python -m benchmarks.drills.load_held [--seconds 60] [--warmup 10] [--connections 64]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import tempfile
import time

from ._common import Twistd, Verdict, fd_count, http, rss_kib

SEED = 100

# Each wrk thread cycles through a mix; creates use ids no one else uses and are
# deleted two steps later, so the data set stays bounded (no growth by design).
LUA = r"""
local counter = 0
local tid = 0
local run = "r"
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  run = args[1] or "r"
  tid = tonumber(wrk.thread:get("tid")) or 0
  math.randomseed(tid * 7919)
end

local headers = {["Content-Type"] = "application/json"}

function request()
  counter = counter + 1
  local slot = counter % 10
  local id = string.format("w%s-%d-%d", run, tid, counter)
  if slot == 0 then
    return wrk.format("POST", "/v1/beacons/create_beacon", headers,
      string.format('{"beacon": {"id": "%s", "site_id": "9", "udi": "%s", "type": "altbeacon", "center": {"type": "Point", "coordinates": [1, 2]}, "radius": 10}}', id, id))
  elseif slot == 2 then
    return wrk.format("POST", "/v1/beacons/delete_beacon_by_id", headers,
      string.format('{"id": "w%s-%d-%d"}', run, tid, counter - 2))
  elseif slot == 4 then
    local n = math.random(1, %(seed)d)
    return wrk.format("POST", "/v1/beacons/update_beacon", headers,
      string.format('{"beacon": {"id": "%%d", "site_id": "%%d", "udi": "u%%d", "label": "L%%d", "center": {"type": "Point", "coordinates": [%%d, 1]}}}', n, n %% 5, n, counter, n))
  elseif slot == 6 or slot == 8 then
    return wrk.format("POST", "/v1/beacons/get_beacons", headers,
      string.format('{"filter": {"site_id": "%%d"}, "paging": {"skip": 0, "take": 10, "total": true}}', math.random(0, 4)))
  elseif slot == 9 then
    return wrk.format("POST", "/v1/beacons/calculate_position", headers,
      string.format('{"site_id": "1", "udis": ["u1", "u6", "u%%d"]}', math.random(1, %(seed)d)))
  else
    return wrk.format("POST", "/v1/beacons/get_beacon_by_id", headers,
      string.format('{"id": "%%d"}', math.random(1, %(seed)d)))
  end
end
""".replace("%(seed)d", str(SEED)).replace("%%", "%")


def run_wrk(port: int, seconds: float, connections: int, threads: int, run: str) -> tuple[dict[str, float], str]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA)
        script = f.name
    try:
        output = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s", "--latency", "--timeout",
             "5s", "-s", script, f"http://127.0.0.1:{port}", "--", run],
            capture_output=True, text=True, timeout=seconds + 60, check=True,
        ).stdout
    finally:
        os.unlink(script)
    figures: dict[str, float] = {"requests": 0, "non2xx": 0, "socket_errors": 0, "rps": 0.0}
    match = re.search(r"(\d+) requests in", output)
    figures["requests"] = int(match.group(1)) if match else 0
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    figures["rps"] = float(match.group(1)) if match else 0.0
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    figures["non2xx"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    figures["socket_errors"] = sum(int(v) for v in match.groups()) if match else 0
    for name in ("50%", "99%"):
        match = re.search(rf"\s{re.escape(name)}\s+([\d.]+)(us|ms|s)", output)
        if match:
            scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]
            figures[f"p{name[:-1]}_ms"] = float(match.group(1)) * scale
    return figures, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    verdict = Verdict("load_held")
    server = Twistd().start()
    try:
        for n in range(1, SEED + 1):
            status, _ = http(server.port, "POST", "/v1/beacons/create_beacon", json.dumps({"beacon": {
                "id": str(n), "site_id": str(n % 5), "udi": f"u{n}",
                "center": {"type": "Point", "coordinates": [n, 1]}}}).encode())
            assert status == 200, status
        time.sleep(0.5)
        fds_before = fd_count(server.pid)
        rss_start = rss_kib(server.pid)
        print(f"load_held: pid {server.pid}, port {server.port}, warm-up {args.warmup:g} s, "
              f"then {args.seconds:g} s with {args.connections} connections", flush=True)
        warm, _ = run_wrk(server.port, args.warmup, args.connections, args.threads, "warm")
        rss_warm = rss_kib(server.pid)
        figures, output = run_wrk(server.port, args.seconds, args.connections, args.threads, "main")
        rss_end = rss_kib(server.pid)
        time.sleep(1.0)  # wrk has closed its connections; let the server see it
        fds_after = fd_count(server.pid)
        status, body = http(server.port, "POST", "/v1/beacons/get_beacons", b'{"filter": {"site_id": "9"}}')
        leftovers = len(json.loads(body)["data"]) if status == 200 else -1
        verdict.figure("requests (measured run)", int(figures["requests"]))
        verdict.figure("requests/s", f"{figures['rps']:.0f}")
        verdict.figure("latency p50 / p99 ms", f"{figures.get('p50_ms', float('nan')):.2f} / "
                                                f"{figures.get('p99_ms', float('nan')):.2f}")
        verdict.figure("failed (non-2xx + socket errors)", int(figures["non2xx"] + figures["socket_errors"]))
        verdict.figure("warm-up requests (not counted)", int(warm["requests"]))
        verdict.figure("RSS KiB: start / after warm-up / end", f"{rss_start} / {rss_warm} / {rss_end}")
        growth = (rss_end - rss_warm) / rss_warm * 100.0
        verdict.figure("RSS growth after warm-up", f"{growth:+.1f}%")
        verdict.figure("open fds before / after", f"{fds_before} / {fds_after}")
        verdict.figure("created beacons left (deleted two steps later)", leftovers)
        verdict.require(figures["requests"] > 0, "wrk ran")
        verdict.require(figures["non2xx"] + figures["socket_errors"] == 0, "zero failed requests")
        verdict.require(growth < 10.0, "RSS after warm-up grows less than 10%")
        verdict.require(fds_after <= fds_before, "no file descriptor leak")
        verdict.require(server.alive(), "the service is still up")
        if figures["non2xx"] + figures["socket_errors"]:
            print(output)
    finally:
        code = server.terminate()
    verdict.require(code == 0, f"twistd exited 0 after SIGTERM (got {code})")
    verdict.finish()


if __name__ == "__main__":
    main()
