#!/usr/bin/env bash
# npm run bench:peers: Parley beside Waline 1.39.3 (the peer comment server), same machine, same run,
# same load driver, so Parley's speed reads as "× Waline". Uses the peer harness (PEERS_DIR, default
# ../shared/peers: load.mjs, Waline's setup/start/stop, Parley's adapter and configure), which installs
# autocannon and Waline under /tmp/peers (Waline builds sqlite3 from source the first time, ~2 min).
# Rounds alternate Waline, Parley, Waline, Parley … so drifting load on the machine hits both alike;
# the table gives medians over rounds. Parley runs its production build (dist/, built by npm install) on
# a fresh database, started with npm start's command (package.json), per-IP limits and link checks off
# (Waline has neither).
# STORE=sqlite (default): both on SQLite. STORE=postgres: both on the PostgreSQL server at PEERS_PG
# (default postgresql://postgres@127.0.0.1:5432, a superuser without password), each round on fresh
# databases created there and dropped after: Waline's on the harness's schema (../waline-pg/schema.sql),
# named `waline` with its role `waline` as the harness's start.sh expects (the run refuses to start if
# such a database exists: it would be dropped), Parley's `parley_peers_<random>`, migrated on start.
# Ports are picked free at the start; Waline's SQLite file lives in the harness's install folder, so two
# SQLite runs at the same time share it (PostgreSQL runs refuse to share their `waline` database).
# Each server first takes WARMUP posts (50, unmeasured, to a thread of their own): a fresh process compiles
# its code on its first requests (Parley's first 10 posts took 330-550 ms), which alone would set the p99
# of a 500-post run. Both get the same few, as Waline's unindexed checks slow down with rows.
# Env: ROUNDS (2), N (500 posts per round, c=10), WARMUP (50), SEED (200 comments in the listed thread), DURATION (10 s);
# Parley's own settings pass through, e.g. THREAD_CACHE_TTL_MS=0 to list uncached (every page read afresh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="${PEERS_DIR:-$ROOT/../shared/peers}"
ROUNDS="${ROUNDS:-2}" N="${N:-500}" WARMUP="${WARMUP:-50}" SEED="${SEED:-200}" DURATION="${DURATION:-10}" STORE="${STORE:-sqlite}"
PG="${PEERS_PG:-postgresql://postgres@127.0.0.1:5432}"
OUT="$(mktemp -d /tmp/parley-peers-XXXXXX)"
[ -f "$PEERS/load.mjs" ] || { echo "peer harness not found at $PEERS (set PEERS_DIR)" >&2; exit 1; }
[ -f "$ROOT/dist/main.js" ] || { echo "dist/ is not built: npm run build:server" >&2; exit 1; }
START="$(cd "$ROOT" && node -p 'require("./package.json").scripts.start')"
case "$STORE" in sqlite | postgres) ;; *) echo "STORE must be sqlite or postgres, not $STORE" >&2; exit 2 ;; esac
bash "$PEERS/tools-setup.sh" >/dev/null
bash "$PEERS/waline/setup.sh" >/dev/null
# The machine is shared: measure now, never wait for it to go quiet (ratios come from the same rounds).
LOAD=(node "$PEERS/load.mjs" --runs 1 --quiet-wait 0 --retries 0)
# Free ports picked now: another run of this script (or of the harness) may hold the usual ones, and the
# harness's start.sh would take a server already answering there for the one it started.
free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
PORT=$(free_port)
WALINE_PORT=$(free_port)
export WALINE_PORT
ADMIN=bench-admin@example.test PASSWORD=bench-password-1
WALINE_STATE="$OUT/waline"

# PostgreSQL: what this run created there, dropped on the way out whatever happens.
pg_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$PG/postgres" -v ON_ERROR_STOP=1 -qAt "$@"; }
PG_DATABASES=()
ROLE_CREATED=0
pg_cleanup() {
  local name
  for name in "${PG_DATABASES[@]}"; do pg_admin -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" || true; done
  [ "$ROLE_CREATED" = 1 ] && { pg_admin -c "DROP ROLE IF EXISTS waline" || true; }
}
if [ "$STORE" = postgres ]; then
  pg_admin -c "SELECT 1" >/dev/null || { echo "PostgreSQL not reachable at $PG (set PEERS_PG)" >&2; exit 1; }
  if [ "$(pg_admin -c "SELECT 1 FROM pg_database WHERE datname = 'waline'")" = 1 ]; then
    echo "a database named waline exists at $PG: this run would drop it; drop or rename it first" >&2
    exit 1
  fi
  trap pg_cleanup EXIT
  if [ "$(pg_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'waline'")" != 1 ]; then
    pg_admin -c "CREATE ROLE waline LOGIN"
    ROLE_CREATED=1
  fi
fi

waline_round() {
  local pid url=http://127.0.0.1:$WALINE_PORT
  if [ "$STORE" = postgres ]; then
    PG_DATABASES+=(waline)
    pg_admin -c "CREATE DATABASE waline OWNER waline"
    psql "$PG/waline" -v ON_ERROR_STOP=1 -q -c "SET ROLE waline" -f "$PEERS/waline-pg/schema.sql" >/dev/null
    WALINE_STORAGE=pg WALINE_PG_DBPORT="$(node -e 'console.log(new URL(process.argv[1]).port || 5432)' "$PG")" \
      WALINE_STATE_DIR="$WALINE_STATE" bash "$PEERS/waline/start.sh" >/dev/null
  else
    WALINE_FRESH=1 WALINE_STATE_DIR="$WALINE_STATE" bash "$PEERS/waline/start.sh" >/dev/null
  fi
  pid=$(cat "$WALINE_STATE/waline.pid")
  [ "$WARMUP" -gt 0 ] && "${LOAD[@]}" --peer waline --url $url --scenario post --n "$WARMUP" --c 10 >/dev/null
  "${LOAD[@]}" --peer waline --url $url --pid "$pid" --scenario post --n "$N" --c 10 --json "$OUT/waline-post-$1.json" >/dev/null
  "${LOAD[@]}" --peer waline --url $url --pid "$pid" --scenario list --seed "$SEED" --page-size 10 \
    --duration "$DURATION" --json "$OUT/waline-list-$1.json" >/dev/null
  WALINE_STATE_DIR="$WALINE_STATE" bash "$PEERS/waline/stop.sh" >/dev/null
  [ "$STORE" = postgres ] && pg_admin -c "DROP DATABASE waline WITH (FORCE)"
  return 0
}

parley_round() {
  local db url=http://127.0.0.1:$PORT pid site name="" database_url
  db="$(mktemp -d /tmp/parley-peers-db-XXXXXX)"
  database_url="file:$db/parley.db"
  if [ "$STORE" = postgres ]; then
    name="parley_peers_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    PG_DATABASES+=("$name")
    pg_admin -c "CREATE DATABASE $name"
    database_url="$PG/$name"
  fi
  # Started as `npm start` starts it (its node flags and malloc settings), without npm in between.
  (cd "$ROOT" && export NODE_ENV=production LOG_LEVEL=warn HOST=127.0.0.1 PORT=$PORT DATABASE_URL="$database_url" \
    RATE_LIMIT_COMMENTS_PER_MIN=0 RATE_LIMIT_EMBED_THREADS_PER_HOUR=0 LINK_CHECK_ENABLED=false SEED_DEMO_ARTICLES=false \
    PARLEY_ADMIN_EMAIL=$ADMIN PARLEY_ADMIN_PASSWORD=$PASSWORD && eval "$START" >"$OUT/parley-$1.log" 2>&1) &
  pid=$!
  until curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; do kill -0 $pid || { cat "$OUT/parley-$1.log"; exit 1; }; sleep 0.2; done
  site=$(node "$PEERS/parley/configure.mjs" "$url" $ADMIN $PASSWORD 2>/dev/null)
  [ "$WARMUP" -gt 0 ] && PARLEY_SITE=$site "${LOAD[@]}" --adapter "$PEERS/parley/adapter.mjs" --url "$url" --scenario post \
    --n "$WARMUP" --c 10 >/dev/null
  PARLEY_SITE=$site "${LOAD[@]}" --adapter "$PEERS/parley/adapter.mjs" --url "$url" --pid $pid --scenario post --n "$N" \
    --c 10 --json "$OUT/parley-post-$1.json" >/dev/null
  PARLEY_SITE=$site "${LOAD[@]}" --adapter "$PEERS/parley/adapter.mjs" --url "$url" --pid $pid --scenario list \
    --seed "$SEED" --page-size 10 --duration "$DURATION" --json "$OUT/parley-list-$1.json" >/dev/null
  kill -TERM $pid
  wait $pid || true
  rm -rf "$db"
  [ -n "$name" ] && pg_admin -c "DROP DATABASE $name WITH (FORCE)"
  return 0
}

for round in $(seq 1 "$ROUNDS"); do
  echo "[peers] $STORE, round $round/$ROUNDS: Waline, then Parley (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  waline_round "$round"
  parley_round "$round"
done
echo "[peers] done (load average $(cut -d' ' -f1-3 /proc/loadavg))"
node "$ROOT/bench/peers-table.mjs" "$OUT" "$STORE"
