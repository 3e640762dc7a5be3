#!/usr/bin/env bash
# Starts every server the integration tests use, on loopback, when it is not
# already listening; installs the Debian packages of those that are missing.
set -euo pipefail

listening() { python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
s.settimeout(0.5)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
}

wait_for() {  # port name
  for _ in $(seq 1 60); do listening "$1" && return 0; sleep 0.5; done
  echo "$2 did not start on port $1" >&2; return 1
}

need=()
command -v memcached >/dev/null || need+=(memcached)
command -v etcd >/dev/null || need+=(etcd-server)
command -v etcdctl >/dev/null || need+=(etcd-client)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! listening 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  wait_for 5432 PostgreSQL
fi
if ! listening 3306; then
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_for 3306 MariaDB
fi
if ! listening 6379; then
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for 6379 Redis
fi
if ! listening 11211; then
  memcached -d -u nobody -l 127.0.0.1 -p 11211 -m 64
  wait_for 11211 memcached
fi
if ! listening 2379; then
  mkdir -p /tmp/pipsvc-etcd
  nohup etcd --name pipsvc-ci --data-dir /tmp/pipsvc-etcd \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 >/tmp/pipsvc-etcd.log 2>&1 &
  wait_for 2379 etcd
fi
echo "== services: postgres 5432, mariadb 3306, redis 6379, memcached 11211, etcd 2379 are listening"
