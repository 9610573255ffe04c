#!/usr/bin/env bash
# Server CPU per uncached widget read, answered before Express against Express alone: two servers of
# this build started with `npm start`'s command (READS_BEFORE_EXPRESS=true / false, THREAD_CACHE_TTL_MS=0,
# each on its own SQLite file), driven in turn by the peers' load driver with the widget's request
# (`load.mjs --scenario list`: page 1 of 10 conversations, newest first, of a 200-comment thread),
# ROUNDS times each, alternating; prints per run req/s, the server's cores and CPU µs per request
# (the driver samples /proc/PID/stat). Needs dist/ (npm run build:server) and PEERS_DIR.
#   ROUNDS=4 DURATION=5 bash bench/reads-before-express.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS="${PEERS_DIR:-$ROOT/../shared/peers}"
ROUNDS="${ROUNDS:-4}" DURATION="${DURATION:-5}" SEED="${SEED:-200}"
[ -f "$ROOT/dist/main.js" ] || { echo "dist/ is not built: npm run build:server" >&2; exit 1; }
START="$(cd "$ROOT" && node -p 'require("./package.json").scripts.start')"
OUT="$(mktemp -d /tmp/parley-rbe-XXXXXX)"
ADMIN=bench-admin@example.test PASSWORD=bench-password-1
free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done' EXIT

declare -A URL PID SITE
for mode in express before; do
  port=$(free_port)
  mkdir -p "$OUT/$mode"
  flag=$([ $mode = before ] && echo true || echo false)
  (cd "$ROOT" && export NODE_ENV=production LOG_LEVEL=warn HOST=127.0.0.1 PORT=$port DATABASE_URL="file:$OUT/$mode/parley.db" \
    THREAD_CACHE_TTL_MS=0 READS_BEFORE_EXPRESS=$flag RATE_LIMIT_COMMENTS_PER_MIN=0 RATE_LIMIT_EMBED_THREADS_PER_HOUR=0 \
    LINK_CHECK_ENABLED=false SEED_DEMO_ARTICLES=false PARLEY_ADMIN_EMAIL=$ADMIN PARLEY_ADMIN_PASSWORD=$PASSWORD &&
    eval "$START" >"$OUT/$mode/server.log" 2>&1) &
  PID[$mode]=$!
  PIDS+=("${PID[$mode]}")
  URL[$mode]=http://127.0.0.1:$port
  until curl -fsS -o /dev/null "${URL[$mode]}/healthz" 2>/dev/null; do
    kill -0 "${PID[$mode]}" || { cat "$OUT/$mode/server.log"; exit 1; }
    sleep 0.2
  done
  SITE[$mode]=$(node "$PEERS/parley/configure.mjs" "${URL[$mode]}" $ADMIN $PASSWORD 2>/dev/null)
done

echo "[reads-before-express] $ROUNDS rounds of ${DURATION}s each, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for mode in express before; do
    PARLEY_SITE=${SITE[$mode]} node "$PEERS/load.mjs" --runs 1 --quiet-wait 0 --retries 0 \
      --adapter "$PEERS/parley/adapter.mjs" --url "${URL[$mode]}" --pid "${PID[$mode]}" --scenario list --seed "$SEED" \
      --page-size 10 --duration "$DURATION" --json "$OUT/$mode-$round.json" >/dev/null
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const { rps, responses, activeS, cpu, non2xx } = r.list.at(-1);
      const us = (cpu.serverCores * activeS * 1e6) / responses;
      console.log(`${process.argv[2].padEnd(8)} round ${process.argv[3]}: ${rps.toFixed(0).padStart(6)} req/s, server ${cpu.serverCores} cores, ${us.toFixed(0)} µs CPU per request, non-2xx ${non2xx}`);
    ' "$OUT/$mode-$round.json" "$mode" "$round"
  done
done
echo "[reads-before-express] done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
