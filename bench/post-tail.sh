#!/usr/bin/env bash
# bash bench/post-tail.sh: what the slowest 1 % of posts wait for (issue #13's p99 goal). Runs Parley's
# production build as bench/peers.sh does (npm start's command from package.json, a fresh SQLite
# database, per-IP limits and link checks off) with bench/post-tail/probe.mjs loaded (--import), drives
# it with the peer harness's load driver as bench:peers does (WARMUP posts, then N at 10 connections),
# and prints bench/post-tail/report.mjs's attribution and the driver's p99. ROUNDS rounds, each on a new
# server and database. Env: ROUNDS (3), N (500), WARMUP (50), PEERS_DIR (../shared/peers),
# NODE_FLAGS (extra node flags, e.g. --trace-gc: its lines go to the round's log).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="${PEERS_DIR:-$ROOT/../shared/peers}"
ROUNDS="${ROUNDS:-3}" N="${N:-500}" WARMUP="${WARMUP:-50}"
OUT="$(mktemp -d /tmp/parley-post-tail-XXXXXX)"
[ -f "$ROOT/dist/main.js" ] || { echo "dist/ is not built: npm run build:server" >&2; exit 1; }
START="$(cd "$ROOT" && node -p 'require("./package.json").scripts.start')"
bash "$PEERS/tools-setup.sh" >/dev/null
LOAD=(node "$PEERS/load.mjs" --runs 1 --quiet-wait 0 --retries 0 --adapter "$PEERS/parley/adapter.mjs")
ADMIN=bench-admin@example.test PASSWORD=bench-password-1
for round in $(seq 1 "$ROUNDS"); do
  PORT=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  url=http://127.0.0.1:$PORT db="$OUT/db-$round"
  mkdir "$db"
  (cd "$ROOT" && export NODE_ENV=production LOG_LEVEL=warn HOST=127.0.0.1 PORT=$PORT DATABASE_URL="file:$db/parley.db" \
    RATE_LIMIT_COMMENTS_PER_MIN=0 RATE_LIMIT_EMBED_THREADS_PER_HOUR=0 LINK_CHECK_ENABLED=false SEED_DEMO_ARTICLES=false \
    PARLEY_ADMIN_EMAIL=$ADMIN PARLEY_ADMIN_PASSWORD=$PASSWORD PROBE_OUT="$OUT/probe-$round.json" \
    NODE_OPTIONS="--import $ROOT/bench/post-tail/probe.mjs ${NODE_FLAGS:-}" && eval "$START" >"$OUT/server-$round.log" 2>&1) &
  pid=$!
  until curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; do kill -0 $pid || { cat "$OUT/server-$round.log"; exit 1; }; sleep 0.2; done
  site=$(node "$PEERS/parley/configure.mjs" "$url" $ADMIN $PASSWORD 2>/dev/null)
  [ "$WARMUP" -gt 0 ] && PARLEY_SITE=$site "${LOAD[@]}" --url "$url" --scenario post --n "$WARMUP" --c 10 >/dev/null
  PARLEY_SITE=$site "${LOAD[@]}" --url "$url" --pid $pid --scenario post --n "$N" --c 10 --json "$OUT/load-$round.json" >/dev/null
  kill -TERM $pid
  wait $pid || true
  rm -rf "$db"
  echo "== round $round (load average $(cut -d' ' -f1-3 /proc/loadavg)); driver: $(node -e 'const p = require(process.argv[1]).post[0]; console.log(`${p.rps.toFixed(0)} posts/s, p99 ${p.p99.toFixed(1)} ms`)' "$OUT/load-$round.json")"
  node "$ROOT/bench/post-tail/report.mjs" "$OUT/probe-$round.json" "$N"
done
echo "[post-tail] files in $OUT"
