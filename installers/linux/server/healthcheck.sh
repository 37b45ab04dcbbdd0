#!/bin/sh
# healthcheck.sh [--wait SECONDS]: exit 0 when the server's /health answers 200 (port from
# /etc/branchpos-server/serve.args, default 8080); with --wait, keep trying that long.
PORT=$(sed -n 's/^[[:space:]]*--port[[:space:]=]*\([0-9][0-9]*\).*/\1/p' /etc/branchpos-server/serve.args 2>/dev/null | tail -n 1)
URL="http://127.0.0.1:${PORT:-8080}/health"
WAIT=0
[ "$1" = "--wait" ] && WAIT=${2:-60}
end=$(( $(date +%s) + WAIT ))
while :; do
  curl -fsS -m 5 -o /dev/null "$URL" && exit 0
  [ "$(date +%s)" -ge "$end" ] && { echo "branchpos-server: $URL does not answer" >&2; exit 1; }
  sleep 2
done
