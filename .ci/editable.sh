#!/usr/bin/env bash
# A contributor's install: `pip install -e .` in a fresh venv, then `twistd -n pipsvc`
# run from another directory must find the plugin, start the example and answer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
python -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q -e "$root"
port=$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cd "$work"
"$work/venv/bin/twistd" -n --pidfile= pipsvc -c "$root/examples/beacons/config.yml" -p "HTTP_PORT=$port" \
  > "$work/twistd.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if python - "$port" <<'PY'
import sys, urllib.request
try:
    urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/heartbeat", timeout=1).read()
except Exception:
    sys.exit(1)
PY
  then
    echo "editable install: twistd pipsvc answered /heartbeat from $work"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
echo "editable install: twistd pipsvc did not start from another directory" >&2
cat "$work/twistd.log" >&2
exit 1
