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
command -v thrift >/dev/null || need+=(thrift-compiler)  # the Thrift tests compile the IDLs
# Another kind of machine may not come with the databases at all.
fresh_postgres=0 fresh_mariadb=0
if ! listening 5432 && ! command -v pg_ctlcluster >/dev/null; then need+=(postgresql); fresh_postgres=1; fi
if ! listening 3306 && [ ! -x /usr/sbin/mariadbd ]; then need+=(mariadb-server); fresh_mariadb=1; fi
if ! listening 6379 && ! command -v redis-server >/dev/null; then need+=(redis-server); fi
command -v redis-cli >/dev/null || need+=(redis-tools)
command -v node >/dev/null || need+=(nodejs)   # the seneca interop tests run the real seneca
# The message brokers of the messaging tests: RabbitMQ, Mosquitto, NATS with JetStream.
if ! listening 5672 && ! command -v rabbitmq-server >/dev/null; then need+=(rabbitmq-server); fi
if ! listening 1883 && ! command -v mosquitto >/dev/null; then need+=(mosquitto); fi
if ! listening 4222 && [ ! -x /usr/sbin/nats-server ]; then need+=(nats-server); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! listening 5432; then
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  if [ "$fresh_postgres" = 1 ]; then
    # The tests connect over TCP as postgres (or root) without a password, to database "test".
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  wait_for 5432 PostgreSQL
  if [ "$fresh_postgres" = 1 ]; then
    runuser -u postgres -- psql -qc "CREATE ROLE root SUPERUSER LOGIN" 2>/dev/null || true
    runuser -u postgres -- psql -qc "CREATE DATABASE test" 2>/dev/null || true
  fi
fi
if ! listening 3306; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  wait_for 3306 MariaDB
  if [ "$fresh_mariadb" = 1 ]; then
    # The tests connect over TCP as root with an empty password, to database "test".
    mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('');
      CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
      GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
      CREATE DATABASE IF NOT EXISTS test;" || true
  fi
fi
if ! listening 6379; then
  mkdir -p /var/lib/redis /var/log/redis
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
if ! listening 5672; then
  rabbitmq-server -detached
  wait_for 5672 RabbitMQ
fi
if ! listening 1883; then
  if [ ! -f /etc/mosquitto/mosquitto.conf ] || ! grep -q "^listener 1883" /etc/mosquitto/mosquitto.conf; then
    mkdir -p /etc/mosquitto /var/lib/mosquitto /var/log/mosquitto /run/mosquitto
    printf 'pid_file /run/mosquitto/mosquitto.pid\npersistence true\npersistence_location /var/lib/mosquitto/\nlog_dest file /var/log/mosquitto/mosquitto.log\nlistener 1883 127.0.0.1\nallow_anonymous true\n' \
      > /etc/mosquitto/mosquitto.conf
    chown -R mosquitto:mosquitto /var/lib/mosquitto /var/log/mosquitto /run/mosquitto 2>/dev/null || true
  fi
  mosquitto -d -c /etc/mosquitto/mosquitto.conf
  wait_for 1883 Mosquitto
fi
if ! listening 4222; then
  mkdir -p /var/lib/nats-server
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- \
    -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  wait_for 4222 NATS
fi
# seneca 3 from the npm registry, as pinned by tests/seneca/node/package-lock.json.
seneca_dir="$(dirname "$0")/../tests/seneca/node"
if [ ! -f "$seneca_dir/node_modules/seneca/package.json" ]; then
  # Some nodejs packages bring npm with them, Debian's does not.
  if ! command -v npm >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  (cd "$seneca_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "== services: postgres 5432, mariadb 3306, redis 6379, memcached 11211, etcd 2379, rabbitmq 5672, mosquitto 1883, nats 4222 are listening"
