#!/usr/bin/env bash
# Restores the local dotnet tools and starts smtp4dev on loopback (SMTP 2526, web/API 5081) for the notifications
# scenario test, unless it is already running. The test starts its own smtp4dev when this one is not there.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet tool restore >/dev/null
if curl -s -o /dev/null "http://127.0.0.1:5081/api/messages?pageSize=1"; then
  echo "smtp4dev already running on 127.0.0.1:5081"
  exit 0
fi
data=$(mktemp -d)
# Detached from the caller's terminal and pipes; tests/run-tests.sh stops it when the run ends.
setsid nohup dotnet smtp4dev --baseappdatapath="$data" --urls=http://127.0.0.1:5081 --bindaddress=127.0.0.1 --disableipv6 \
  --smtpport=2526 --imapport=1144 --pop3port=1111 --db="" --nousersettings </dev/null >"$data/smtp4dev.log" 2>&1 &
echo $! > "${TMPDIR:-/tmp}/thidua-smtp4dev.pid"
for _ in $(seq 1 120); do
  if curl -s -o /dev/null "http://127.0.0.1:5081/api/messages?pageSize=1"; then
    echo "smtp4dev ready on 127.0.0.1 (SMTP 2526, API 5081)"
    exit 0
  fi
  sleep 0.5
done
echo "smtp4dev did not start; see $data/smtp4dev.log"
exit 1
