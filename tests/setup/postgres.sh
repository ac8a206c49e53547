#!/usr/bin/env bash
# Installs PostgreSQL from Debian and starts it on loopback for the PostgreSQL tests
# (connection: Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres; database thidua_test).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  apt-get update -q >/dev/null
  apt-get install -y -q postgresql >/dev/null
fi
PGVER=$(pg_lsclusters -h | awk 'NR==1{print $1}')
PGCLUSTER=$(pg_lsclusters -h | awk 'NR==1{print $2}')
pg_ctlcluster "$PGVER" "$PGCLUSTER" status >/dev/null 2>&1 || pg_ctlcluster "$PGVER" "$PGCLUSTER" start
pg_isready -h 127.0.0.1 -p 5432 -t 30 >/dev/null
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qc "ALTER USER postgres PASSWORD 'postgres';" >/dev/null
runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='thidua_test'" | grep -q 1 \
  || runuser -u postgres -- createdb thidua_test
echo "PostgreSQL $PGVER ready on 127.0.0.1:5432 (database thidua_test)"
