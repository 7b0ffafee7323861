#!/usr/bin/env bash
# The main command (`npm start`): the whole grading service on this machine. Makes the machine
# ready (scripts/setup.sh: Docker engine, sandbox image, Redis; idempotent), starts a local
# redis-server (AOF, appendfsync always, maxmemory with noeviction, a generated password for an
# ACL user without the dangerous commands, loopback only) when GRADER_REDIS_URL is unset and
# none of ours answers on the default port, then runs the server and one worker until Ctrl-C.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/setup.sh

state="${GRADER_STATE_DIR:-$root/.cache/service}"
mkdir -p "$state"
if [ -z "${GRADER_REDIS_URL:-}" ]; then
  # A locked-down local Redis (password, ACL, loopback, maxmemory): scripts/local-redis.ts.
  GRADER_REDIS_URL="$(node --import tsx scripts/local-redis.ts "$state")"
  export GRADER_REDIS_URL
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
