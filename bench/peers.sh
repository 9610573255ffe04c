#!/usr/bin/env bash
# npm run bench:peers: Parley beside Waline 1.39.3 (the peer comment server), same machine, same run,
# same load driver, so Parley's speed reads as "× Waline". Uses the peer harness (PEERS_DIR, default
# ../shared/peers: load.mjs, Waline's setup/start/stop, Parley's adapter and configure), which installs
# autocannon and Waline under /tmp/peers (Waline builds sqlite3 from source the first time, ~2 min).
# Rounds alternate Waline, Parley, Waline, Parley … so drifting load on the machine hits both alike;
# the table gives medians over rounds. Both on SQLite; Parley runs as `npm start` does (dist/, built by
# npm install), on a fresh database with per-IP limits and link checks off (Waline has neither).
# Env: ROUNDS (2), N (500 posts per round, c=10), SEED (200 comments in the listed thread), DURATION (10 s).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="${PEERS_DIR:-$ROOT/../shared/peers}"
ROUNDS="${ROUNDS:-2}" N="${N:-500}" SEED="${SEED:-200}" DURATION="${DURATION:-10}"
OUT="$(mktemp -d /tmp/parley-peers-XXXXXX)"
[ -f "$PEERS/load.mjs" ] || { echo "peer harness not found at $PEERS (set PEERS_DIR)" >&2; exit 1; }
[ -f "$ROOT/dist/main.js" ] || { echo "dist/ is not built: npm run build:server" >&2; exit 1; }
bash "$PEERS/tools-setup.sh" >/dev/null
bash "$PEERS/waline/setup.sh" >/dev/null
# The machine is shared: measure now, never wait for it to go quiet (ratios come from the same rounds).
LOAD=(node "$PEERS/load.mjs" --runs 1 --quiet-wait 0 --retries 0)
PORT=3491
ADMIN=bench-admin@example.test PASSWORD=bench-password-1

waline_round() {
  WALINE_FRESH=1 bash "$PEERS/waline/start.sh" >/dev/null
  local pid url=http://127.0.0.1:8360
  pid=$(cat /tmp/peers/waline/waline.pid)
  "${LOAD[@]}" --peer waline --url $url --pid "$pid" --scenario post --n "$N" --c 10 --json "$OUT/waline-post-$1.json" >/dev/null
  "${LOAD[@]}" --peer waline --url $url --pid "$pid" --scenario list --seed "$SEED" --page-size 10 \
    --duration "$DURATION" --json "$OUT/waline-list-$1.json" >/dev/null
  bash "$PEERS/waline/stop.sh" >/dev/null
}

parley_round() {
  local db url=http://127.0.0.1:$PORT pid site
  db="$(mktemp -d /tmp/parley-peers-db-XXXXXX)"
  (cd "$ROOT" && NODE_ENV=production LOG_LEVEL=warn HOST=127.0.0.1 PORT=$PORT DATABASE_URL="file:$db/parley.db" \
    RATE_LIMIT_COMMENTS_PER_MIN=0 RATE_LIMIT_EMBED_THREADS_PER_HOUR=0 LINK_CHECK_ENABLED=false SEED_DEMO_ARTICLES=false \
    PARLEY_ADMIN_EMAIL=$ADMIN PARLEY_ADMIN_PASSWORD=$PASSWORD exec node dist/main.js >"$OUT/parley-$1.log" 2>&1) &
  pid=$!
  until curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; do kill -0 $pid || { cat "$OUT/parley-$1.log"; exit 1; }; sleep 0.2; done
  site=$(node "$PEERS/parley/configure.mjs" "$url" $ADMIN $PASSWORD 2>/dev/null)
  PARLEY_SITE=$site "${LOAD[@]}" --adapter "$PEERS/parley/adapter.mjs" --url "$url" --pid $pid --scenario post --n "$N" \
    --c 10 --json "$OUT/parley-post-$1.json" >/dev/null
  PARLEY_SITE=$site "${LOAD[@]}" --adapter "$PEERS/parley/adapter.mjs" --url "$url" --pid $pid --scenario list \
    --seed "$SEED" --page-size 10 --duration "$DURATION" --json "$OUT/parley-list-$1.json" >/dev/null
  kill -TERM $pid
  wait $pid || true
  rm -rf "$db"
}

for round in $(seq 1 "$ROUNDS"); do
  echo "[peers] round $round/$ROUNDS: Waline, then Parley (load average $(cut -d' ' -f1 /proc/loadavg))"
  waline_round "$round"
  parley_round "$round"
done
node "$ROOT/bench/peers-table.mjs" "$OUT"
