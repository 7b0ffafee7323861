#!/usr/bin/env bash
# The main command (`npm start`): the whole grading service on this machine. Makes the machine
# ready (scripts/setup.sh: Docker engine, sandbox image, Redis; idempotent), starts a local
# redis-server (AOF, appendfsync always, noeviction) when GRADER_REDIS_URL is unset and none
# answers on the default port, then runs the server and one worker until Ctrl-C.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/setup.sh

state="${GRADER_STATE_DIR:-$root/.cache/service}"
mkdir -p "$state"
if [ -z "${GRADER_REDIS_URL:-}" ]; then
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    echo "start: using the redis-server already on 127.0.0.1:6379"
  else
    echo "start: starting redis-server on 127.0.0.1:6379 (data in $state/redis)"
    mkdir -p "$state/redis"
    redis-server --bind 127.0.0.1 --port 6379 --dir "$state/redis" --appendonly yes --appendfsync always \
      --maxmemory-policy noeviction --daemonize yes --logfile "$state/redis/redis.log" --pidfile "$state/redis/redis.pid"
    for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  export GRADER_REDIS_URL="redis://127.0.0.1:6379"
fi

if [ -z "${GRADER_ADMIN_TOKEN:-}" ]; then
  # A generated admin token, kept (owner-only) so the links created with it stay usable across restarts.
  token_file="$state/admin-token"
  [ -s "$token_file" ] || (umask 077; openssl rand -hex 24 >"$token_file")
  GRADER_ADMIN_TOKEN="$(cat "$token_file")"
  export GRADER_ADMIN_TOKEN
  token_hint="the admin token is in $token_file"
else
  token_hint="the admin token is \$GRADER_ADMIN_TOKEN"
fi

[ -f web/dist/index.html ] || npm run --silent build:web

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop INT TERM EXIT

node --import tsx server/main.ts & pids+=($!)
node --import tsx worker/main.ts & pids+=($!)

host="${GRADER_HOST:-127.0.0.1}"; port="${GRADER_PORT:-8080}"
url="${GRADER_PUBLIC_URL:-http://$host:$port}"
for _ in $(seq 1 100); do curl -fs "http://$host:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
cat <<MSG

  grading service: $url      ($token_hint)
  create an interview:
    curl -s -X POST $url/api/interviews -H "authorization: Bearer \$(cat $state/admin-token 2>/dev/null || echo \$GRADER_ADMIN_TOKEN)" \\
      -H 'content-type: application/json' -d '{"challengeId":"session-analysis","candidateName":"Ada"}'
  queues: $url/admin/queues (user: any, password: the admin token)   Ctrl-C stops everything.

MSG
wait -n "${pids[@]}" || true
