#!/usr/bin/env bash
# Stream benchmarks with fleetload (see BENCHMARKS.md): the raw ceiling, then
# FleetMan on the embedded store, on the same load; optionally two instances
# sharing Redis. Everything listens on loopback and stops by itself.
#
#   scripts/bench-stream.sh short                 # make bench: ~1 minute
#   scripts/bench-stream.sh memory 19000          # streams held, RSS per stream, one instance
#   scripts/bench-stream.sh latency 10000 2000,4000,8000 20s
#   scripts/bench-stream.sh redis 38000           # two instances sharing Redis
#   scripts/bench-stream.sh faults 10000 2000      # two instances on Redis: Redis stopped 10 s, then hung 10 s
#   scripts/bench-stream.sh raw 10000 2000,4000,8000 20s
#   scripts/bench-stream.sh nginx 5000 1000 20s    # direct, then through nginx (TLS, shipped conf)
#   scripts/bench-stream.sh import 2000 1000 9      # other users' stream p99 without, then during, a 100,000-row import
#   scripts/bench-stream.sh search 10000 25 10s    # highest rate at p99 ≤ 25 ms: raw ceiling, FleetMan, ratio
#   scripts/bench-stream.sh batch 10000 500 10s    # FleetMan single publishes (p99 ≤ 25 ms) vs batches of 500 (p99 ≤ 100 ms)
#   scripts/bench-stream.sh storm 10000 5 200      # restart under 10,000 streams that each missed 5: catch-up time
#   scripts/bench-stream.sh alarms 100000 0.1      # CheckMaintenanceAlarms over 100,000 machines, 10 % past the margin
#   scripts/bench-stream.sh alarms-live 2000 100000 1000 6
#                                                  # other users' stream p99 without, then during, the server's own alarm run
#   scripts/bench-stream.sh growth 100000 10000000 1000000
#                                                  # target 6: the search, the reads and live p99 during the purge on a full store
#   CENTRIFUGO_BIN=/path/to/centrifugo scripts/bench-stream.sh peers 10000 1000,2000,4000,6000,8000 20s
#                                                  # raw ceiling, FleetMan, Centrifugo v6: one sitting, one load
#
# peers runs a Centrifugo binary the operator built (CENTRIFUGO_BIN); this
# script never builds, fetches or installs Centrifugo.
# Results (JSON and text) go to $BENCH_OUT (default /tmp/fleetman-bench).
# BENCH_SERVER_ENV adds to the servers' environment, e.g.
# BENCH_SERVER_ENV=PPROF_ADDR=127.0.0.1:6060 to take profiles during a run.
# memory and redis hold the streams idle for $SETTLE (default 130s: past the Go
# runtime's periodic GC, so that RSS is the steady state, not the garbage of
# the connection burst) before reading RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-short}
OUT=${BENCH_OUT:-/tmp/fleetman-bench}
BIN=$OUT/bin
mkdir -p "$BIN"
SECRET=bench-secret-bench-secret-bench-secret-0123
ADMIN=load-admin@load.fleetman.test
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	if [ -f "$OUT/redis.pid" ]; then kill "$(cat "$OUT/redis.pid")" 2>/dev/null || true; rm -f "$OUT/redis.pid"; fi
	if [ -f "$OUT/nginx/nginx.pid" ]; then kill "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null || true; fi
}
trap cleanup EXIT

# BENCH_SRC: build from another tree, e.g. a snapshot of HEAD
# (git archive HEAD | tar -x -C /tmp/head), so that figures name a commit.
(
	cd "${BENCH_SRC:-.}"
	go build -o "$BIN/fleetman" ./apps/backend/cmd/fleetman
	go build -o "$BIN/fleetload" ./apps/backend/cmd/fleetload
	go build -o "$BIN/fleetseed" ./apps/backend/cmd/fleetseed
)

server_env() { # db port [redis]
	echo "HTTP_ADDR=127.0.0.1:$2 SQLITE_PATH=$1 JWT_SECRET=$SECRET ADMIN_EMAILS=$ADMIN DEMO_DATA=false WEB_DIR=$OUT/no-web ${3:+REDIS_URL=$3} ${BENCH_SERVER_ENV:-}"
}

# seed <db> <users>: a fresh store with <users> accounts; tokens in <db>.tokens
seed() {
	rm -f "$1" "$1"-wal "$1"-shm
	env $(server_env "$1" 0) "$BIN/fleetseed" -users "$2" -out "$1.tokens" 2>&1 | tail -1
}

# start <db> <port> [redis]: sets PID once /healthz answers; the server stops
# by itself after 20 minutes at the latest
start() {
	env $(server_env "$1" "$2" "${3:-}") timeout 20m "$BIN/fleetman" >"$OUT/server-$2.log" 2>&1 &
	local t=$!
	pids+=("$t")
	for _ in $(seq 100); do
		if curl -sf "http://127.0.0.1:$2/healthz" >/dev/null 2>&1; then
			PID=$(pgrep -P "$t" -x fleetman)
			return
		fi
		sleep 0.1
	done
	echo "server on $2 did not start; see $OUT/server-$2.log" >&2
	exit 1
}

# start_nginx <https port> <http port> <upstream host:port>...: Debian's nginx
# with the shipped deploy/nginx/fleetman.conf, a self-signed certificate and
# room for 5,000+ streams (each holds a client and an upstream connection).
start_nginx() {
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || bash scripts/install-deps.sh nginx
	local https=$1 http=$2 d=$OUT/nginx
	shift 2
	rm -rf "$d" && mkdir -p "$d/tmp" "$d/logs"
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
		-addext subjectAltName=IP:127.0.0.1 -keyout "$d/tls.key" -out "$d/tls.crt" 2>/dev/null
	FLEETMAN_UPSTREAM_SERVERS=$(printf 'server %s; ' "$@") FLEETMAN_HTTPS_LISTEN=127.0.0.1:$https \
		FLEETMAN_HTTP_LISTEN=127.0.0.1:$http FLEETMAN_SERVER_NAME=127.0.0.1 \
		FLEETMAN_TLS_CERT=$d/tls.crt FLEETMAN_TLS_KEY=$d/tls.key \
		envsubst '${FLEETMAN_UPSTREAM_SERVERS} ${FLEETMAN_HTTPS_LISTEN} ${FLEETMAN_HTTP_LISTEN} ${FLEETMAN_SERVER_NAME} ${FLEETMAN_TLS_CERT} ${FLEETMAN_TLS_KEY}' \
		<"${BENCH_NGINX_CONF:-deploy/nginx/fleetman.conf}" >"$d/fleetman.conf"
	if [ "${BENCH_NGINX_PLAIN:-0}" = 1 ]; then # the same proxy without TLS (to tell TLS's cost from the proxy's)
		sed -i 's/ ssl http2;/;/; /^ *ssl_/d' "$d/fleetman.conf"
	fi
	cat >"$d/nginx.conf" <<CONF
$([ "$(id -u)" -eq 0 ] && echo "user root;")
worker_processes 1;
worker_rlimit_nofile 19500;
events { worker_connections 19000; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $d/tmp/body; proxy_temp_path $d/tmp/proxy;
    fastcgi_temp_path $d/tmp/fastcgi; uwsgi_temp_path $d/tmp/uwsgi; scgi_temp_path $d/tmp/scgi;
    include $d/fleetman.conf;
}
CONF
	nginx -c "$d/nginx.conf" -p "$d" -e "$d/logs/error.log" -g "daemon off; pid $d/nginx.pid;" >"$d/logs/stderr.log" 2>&1 &
	pids+=($!)
	for _ in $(seq 100); do
		if curl -skf "$([ "${BENCH_NGINX_PLAIN:-0}" = 1 ] && echo http || echo https)://127.0.0.1:$https/healthz" >/dev/null 2>&1; then
			NGINX_WORKER=$(pgrep -P "$(cat "$d/nginx.pid")" | head -1)
			return
		fi
		sleep 0.1
	done
	echo "nginx on $https did not start; see $d/logs" >&2
	exit 1
}

# free_port: a loopback port nothing listens on (the kernel's choice)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# cpu_ticks <pid>: user+system clock ticks the process has used
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# search_fleetman <db> <streams> <p99> <duration> <label> <json> [port]: starts a
# server on the store (on the port, or one the kernel picks), has fleetload find the
# highest open-loop rate at p99 ≤ <p99> ms on <streams> streams, stops it
search_fleetman() {
	local db=$1 n=$2 p99=$3 dur=$4 label=$5 json=$6 port=${7:-}
	[ -n "$port" ] || port=$(free_port)
	start "$db" "$port"
	load "$label" "$json" -target "http://127.0.0.1:$port" -server-pid "$PID" -tokens "$db.tokens" \
		-streams "$n" -search "$p99" -search-from "${SEARCH_FROM:-1000}" -search-max "${SEARCH_MAX:-64000}" -duration "$dur" -drain 5s \
		-warmup-rate "${WARMUP_RATE:-1000}" # as the raw ceiling's search
	stop_server
}

# stop_server: stops the server start last started and waits for it
stop_server() {
	kill "$PID" 2>/dev/null || true
	while kill -0 "$PID" 2>/dev/null; do sleep 0.1; done
}

# store_bytes <db>: the store's file and its WAL, in bytes
store_bytes() { echo $(($(stat -c %s "$1") + $(stat -c %s "$1-wal" 2>/dev/null || echo 0))); }

load() { # label json [fleetload run flags...]
	local label=$1 json=$2
	shift 2
	"$BIN/fleetload" run -label "$label" -json "$OUT/$json" "$@" | tee "$OUT/${json%.json}.txt"
}

case "$mode" in
short)
	seed "$OUT/short.db" 2000
	load "raw ceiling" short-raw.json -target raw -streams 2000 -rates 1000,2000 -duration 5s -settle 1s -q
	start "$OUT/short.db" 18080
	load "fleetman" short-fleetman.json -target http://127.0.0.1:18080 -server-pid "$PID" \
		-tokens "$OUT/short.db.tokens" -streams 2000 -rates 1000,2000 -duration 5s -settle 1s -q
	"$BIN/fleetload" compare "$OUT/short-raw.json" "$OUT/short-fleetman.json"
	;;
raw)
	load "raw ceiling ${2:-10000}" "raw-${2:-10000}.json" -target raw -streams "${2:-10000}" -rates "${3:-2000}" -duration "${4:-20s}"
	;;
memory)
	n=${2:-19000}
	seed "$OUT/mem.db" "$n"
	start "$OUT/mem.db" 18081
	load "fleetman $n streams" "memory-$n.json" -target http://127.0.0.1:18081 -server-pid "$PID" \
		-tokens "$OUT/mem.db.tokens" -streams "$n" -rates "${3:-1000}" -duration "${4:-5s}" -settle "${SETTLE:-130s}"
	;;
latency)
	n=${2:-10000}
	seed "$OUT/lat.db" "$n"
	start "$OUT/lat.db" 18082
	load "fleetman $n streams" "latency-$n.json" -target http://127.0.0.1:18082 -server-pid "$PID" \
		-tokens "$OUT/lat.db.tokens" -streams "$n" -rates "${3:-2000,4000,8000}" -duration "${4:-20s}"
	;;
redis)
	n=${2:-38000}
	command -v redis-server >/dev/null || bash scripts/install-deps.sh redis
	redis-server --bind 127.0.0.1 --port 16399 --daemonize yes --pidfile "$OUT/redis.pid" --dir "$OUT" --save '' --appendonly no >/dev/null
	sleep 0.5
	seed "$OUT/two.db" "$n"
	start "$OUT/two.db" 18083 redis://127.0.0.1:16399
	p1=$PID
	start "$OUT/two.db" 18084 redis://127.0.0.1:16399
	p2=$PID
	load "fleetman ×2 + redis, $n streams" "redis-$n.json" -target http://127.0.0.1:18083,http://127.0.0.1:18084 \
		-server-pid "$p1,$p2" -tokens "$OUT/two.db.tokens" -streams "$n" -rates "${3:-1000}" -duration "${4:-5s}" -settle "${SETTLE:-130s}"
	;;
faults)
	# Five 10 s steps at one rate, two instances on one Redis, publishes on
	# both: healthy; Redis stopped (killed at the step's start, started again
	# 10 s later); after; Redis hung (SIGSTOP, SIGCONT 10 s later); after.
	# Each step reports acknowledged (expected), delivered, lost,
	# duplicates and p99 of the notifications published in it.
	n=${2:-10000}
	rate=${3:-2000}
	command -v redis-server >/dev/null || bash scripts/install-deps.sh redis
	redis_up() {
		redis-server --bind 127.0.0.1 --port 16399 --daemonize yes --pidfile "$OUT/redis.pid" --dir "$OUT" --save '' --appendonly no >/dev/null
		for _ in $(seq 50); do redis-cli -p 16399 ping >/dev/null 2>&1 && return; sleep 0.1; done
	}
	redis_up
	seed "$OUT/faults.db" "$n"
	start "$OUT/faults.db" 18083 redis://127.0.0.1:16399
	p1=$PID
	start "$OUT/faults.db" 18084 redis://127.0.0.1:16399
	p2=$PID
	log=$OUT/faults-$n.log
	: >"$log"
	( # the faults, in step with the load tool's steps
		step=0
		tail -n +1 -F "$log" 2>/dev/null | while read -r line; do
			case "$line" in *"publishing "*) step=$((step + 1)) ;; *) continue ;; esac
			case $step in
			2) echo "fault: redis stopped" >&2; kill "$(cat "$OUT/redis.pid")"; sleep 10; redis_up; echo "fault: redis started" >&2 ;;
			4) echo "fault: redis hung" >&2; kill -STOP "$(cat "$OUT/redis.pid")"; sleep 10; kill -CONT "$(cat "$OUT/redis.pid")"; echo "fault: redis resumed" >&2 ;;
			5) exit 0 ;;
			esac
		done
	) &
	pids+=($!)
	"$BIN/fleetload" run -label "fleetman ×2 + redis, faults, $n streams" -json "$OUT/faults-$n.json" \
		-target http://127.0.0.1:18083,http://127.0.0.1:18084 -server-pid "$p1,$p2" -tokens "$OUT/faults.db.tokens" \
		-streams "$n" -rates "$rate,$rate,$rate,$rate,$rate" -duration 10s -drain 15s -settle 2s 2>&1 | tee "$log"
	echo "steps: 1 healthy, 2 redis stopped, 3 after, 4 redis hung, 5 after"
	for port in 18083 18084; do
		curl -s "http://127.0.0.1:$port/metrics" | grep -E '^fleetman_(bus|sse_catchup)' | sed "s/^/$port /"
	done
	;;
nginx)
	# The same load on the same instance, direct and then through nginx
	# (HTTPS, the shipped conf); nginx's own CPU is printed beside it.
	n=${2:-5000}
	seed "$OUT/ngx.db" "$n"
	start "$OUT/ngx.db" 18385
	load "fleetman direct, $n streams" "nginx-direct-$n.json" -target http://127.0.0.1:18385 -server-pid "$PID" \
		-tokens "$OUT/ngx.db.tokens" -streams "$n" -rates "${3:-1000}" -duration "${4:-20s}"
	start_nginx 18343 18380 127.0.0.1:18385
	scheme=https
	[ "${BENCH_NGINX_PLAIN:-0}" = 1 ] && scheme=http
	before=$(cpu_ticks "$NGINX_WORKER")
	t0=$(date +%s.%N)
	churn0=$(nstat -az TcpActiveOpens 2>/dev/null | awk '/TcpActiveOpens/ {print $2}')
	tw() { ss -Htan state time-wait '( dport = :18385 and src 127.0.0.1 )' | wc -l; }
	tw0=$(tw)
	# while the streams are open (before the load closes them, which closes
	# their upstream connections too): the upstream connections nginx closed
	( while sleep 1; do
		[ "$(ss -Htan state established '( dport = :18385 and src 127.0.0.1 )' | wc -l)" -ge "$n" ] && tw
	done >"$OUT/nginx-tw-$n.txt" ) &
	sampler=$!
	load "fleetman through nginx ($scheme), $n streams" "nginx-proxied-$n.json" -target "$scheme://127.0.0.1:18343" -server-pid "$PID" \
		-tokens "$OUT/ngx.db.tokens" -streams "$n" -rates "${3:-1000}" -duration "${4:-20s}"
	after=$(cpu_ticks "$NGINX_WORKER")
	t1=$(date +%s.%N)
	churn1=$(nstat -az TcpActiveOpens 2>/dev/null | awk '/TcpActiveOpens/ {print $2}')
	kill "$sampler" 2>/dev/null || true
	twmax=$(sort -n "$OUT/nginx-tw-$n.txt" | tail -1)
	# connections opened on this machine (by anyone) during the proxied run, and
	# the closed connections from 127.0.0.1 (nginx's side) to the upstream in
	# TIME_WAIT before and after it: the growth is upstream connections nginx closed
	echo "TCP connections opened during the proxied run (machine-wide): $((${churn1:-0} - ${churn0:-0})); upstream connections in TIME_WAIT: $tw0 before, ${twmax:-?} at most while the $n streams were open, $(tw) after they closed" |
		tee "$OUT/nginx-churn-$n.txt"
	echo "nginx worker: $(awk -v a="$after" -v b="$before" -v hz="$(getconf CLK_TCK)" -v t0="$t0" -v t1="$t1" \
		'BEGIN { printf "%.1f CPU-seconds over %.0f s of the proxied run (%.0f%% of a core)", (a-b)/hz, t1-t0, 100*(a-b)/hz/(t1-t0) }')" |
		tee "$OUT/nginx-cpu-$n.txt"
	"$BIN/fleetload" compare "$OUT/nginx-direct-$n.json" "$OUT/nginx-proxied-$n.json" | tee "$OUT/nginx-compare-$n.txt"
	;;
import)
	# Two runs of the same load on one instance (n streams, rate/s, steps of
	# 10 s): first without an import, then with a user outside the load
	# uploading an IMPORT_ROWS-row CSV (default 100,000) when the second step
	# starts. Each step prints its own p99, so the steps during the import
	# stand next to the ones before and after it, and next to the first run.
	# IMPORT_BASELINE=0 skips the first run; IMPORT_PROFILE=1 takes a 10 s CPU
	# profile of the server 5 s into the import (the server then serves pprof).
	n=${2:-2000}
	rate=${3:-1000}
	steps=${4:-9}
	rows=${IMPORT_ROWS:-100000}
	rates=$(printf "$rate,%.0s" $(seq "$steps"))
	rates=${rates%,}
	pprof=127.0.0.1:18387
	[ "${IMPORT_PROFILE:-0}" = 1 ] && BENCH_SERVER_ENV="${BENCH_SERVER_ENV:-} PPROF_ADDR=$pprof"
	seed "$OUT/imp.db" $((n + 1))
	start "$OUT/imp.db" 18386
	base=http://127.0.0.1:18386
	# the importer: the last user of the token file, beyond the n streams the
	# load opens; its requests come from 127.0.0.9, not from the address of the
	# load's 256 publishing connections (which the per-client connection cap counts)
	read -r _ importer _ itoken < <(awk -F'\t' '$1 != "admin"' "$OUT/imp.db.tokens" | tail -1)
	api() { curl -sS --interface 127.0.0.9 -H "Authorization: Bearer $itoken" "$@"; }
	csv=$OUT/import-$rows.csv
	awk -v n="$rows" 'BEGIN {
		print "serialNumber,name,brand,model,type,operatingHours,plan1Name,plan1Type,plan1IntervalHours,plan1IntervalDays,plan1DueSoonHours,plan1DueSoonDays"
		for (i = 0; i < n; i++) printf "BENCH-%06d,Machine %d,Caterpillar,320 GC,excavator,%d,Engine oil,OIL_CHANGE,250,180,25,14\n", i, i, i % 5000
	}' >"$csv"
	echo "import file: $rows rows, $(du -h "$csv" | cut -f1); importer $importer"
	loadflags=(-target "$base" -server-pid "$PID" -tokens "$OUT/imp.db.tokens" -streams "$n" -rates "$rates" -duration 10s -settle 2s)
	if [ "${IMPORT_BASELINE:-1}" != 0 ]; then
		load "fleetman, $n streams, no import" "import-baseline-$n.json" "${loadflags[@]}"
	fi
	log=$OUT/import-during-$n.log
	: >"$log"
	rm -f "$OUT/import-rate-$n.txt"
	( # the import, started with the second step; prints rows/s and the server's RSS
		set +e
		step=0
		tail -n +1 -F --pid=$$ "$log" 2>/dev/null | while read -r line; do
			case "$line" in *"publishing "*) step=$((step + 1)) ;; *) continue ;; esac
			[ "$step" -eq 2 ] || continue
			t0=$(date +%s.%N)
			id=$(api -F "file=@$csv;type=text/csv" -F onDuplicate=skip "$base/api/v1/imports/machines" | jq -r .id)
			echo "import $id started" >&2
			if [ "${IMPORT_PROFILE:-0}" = 1 ]; then
				(sleep 5; curl -s -o "$OUT/import-cpu.pprof" "http://$pprof/debug/pprof/profile?seconds=10"; echo "profile: $OUT/import-cpu.pprof" >&2) &
			fi
			peak=0
			while :; do
				rss=$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status")
				[ "$rss" -gt "$peak" ] && peak=$rss
				job=$(api "$base/api/v1/imports/$id")
				case "$(jq -r .status <<<"$job" 2>/dev/null)" in COMPLETED | FAILED) break ;; esac
				sleep 0.5
			done
			t1=$(date +%s.%N)
			jq -c '{status, total, created, skipped, failed}' <<<"$job" >&2
			awk -v t0="$t0" -v t1="$t1" -v rows="$rows" -v peak="$peak" -v steps="$steps" 'BEGIN {
				printf "import: %d rows in %.1f s = %.0f rows/s while the load ran (from step 2 of %d); server RSS peak %.0f MiB (sampled every 0.5 s)\n",
					rows, t1 - t0, rows / (t1 - t0), steps, peak / 1024 }' | tee "$OUT/import-rate-$n.txt" >&2
			exit 0
		done
	) &
	pids+=($!)
	"$BIN/fleetload" run -label "fleetman, $n streams, import of $rows rows from step 2" -json "$OUT/import-during-$n.json" \
		"${loadflags[@]}" 2>&1 | tee "$log"
	for _ in $(seq 1200); do [ -s "$OUT/import-rate-$n.txt" ] && break; sleep 0.5; done # an import longer than the load
	echo "server VmHWM (peak RSS of the whole sitting): $(awk '/^VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$PID/status")"
	if [ "${IMPORT_BASELINE:-1}" != 0 ]; then
		"$BIN/fleetload" compare "$OUT/import-baseline-$n.json" "$OUT/import-during-$n.json"
	fi
	;;
search)
	# fleetload finds by itself the highest open-loop rate at p99 ≤ $3 ms
	# (rates doubled from SEARCH_FROM, then bisected to 10 %; each step held
	# $4), first against the raw ceiling, then against FleetMan on the same
	# streams' count, and prints the ratio (target 1: ≥ 0.5).
	n=${2:-10000} p99=${3:-25} dur=${4:-10s}
	# One warm-up phase first (WARMUP_RATE, 0: none), not judged: a server
	# just started has cold caches that one long up does not.
	load "raw ceiling, search p99 ≤ $p99 ms" "search-raw-$n.json" -target raw -streams "$n" -search "$p99" \
		-search-from "${SEARCH_FROM:-1000}" -search-max "${SEARCH_MAX:-64000}" -duration "$dur" -drain 5s -warmup-rate "${WARMUP_RATE:-1000}"
	seed "$OUT/search.db" "$n"
	search_fleetman "$OUT/search.db" "$n" "$p99" "$dur" "fleetman, search p99 ≤ $p99 ms" "search-fleetman-$n.json"
	"$BIN/fleetload" compare "$OUT/search-raw-$n.json" "$OUT/search-fleetman-$n.json" | tee "$OUT/search-compare-$n.txt"
	;;
batch)
	# Target 3: the highest rate of single publishes at p99 ≤ 25 ms, then of
	# POST /notifications/batch with $3 events a request at p99 ≤ 100 ms
	# (publish written → every event parsed), on one server and store; the
	# compare line gives batch/single (target ≥ 5).
	n=${2:-10000} size=${3:-500} dur=${4:-10s}
	seed "$OUT/batch.db" "$n"
	port=$(free_port)
	start "$OUT/batch.db" "$port"
	common=(-target "http://127.0.0.1:$port" -server-pid "$PID" -tokens "$OUT/batch.db.tokens" -streams "$n" -duration "$dur" -drain 5s
		-warmup-rate "${WARMUP_RATE:-1000}") # as in search
	load "fleetman single, search p99 ≤ 25 ms" "batch-single-$n.json" "${common[@]}" -search 25 \
		-search-from "${SEARCH_FROM:-1000}" -search-max "${SEARCH_MAX:-64000}"
	load "fleetman batch of $size, search p99 ≤ 100 ms" "batch-$size-$n.json" "${common[@]}" -pub-batch "$size" -search 100 \
		-search-from "${BATCH_FROM:-4000}" -search-max "${BATCH_MAX:-128000}"
	"$BIN/fleetload" compare "$OUT/batch-single-$n.json" "$OUT/batch-$size-$n.json" | tee "$OUT/batch-compare-$n.txt"
	;;
storm)
	# Target 5: fleetload starts the server itself, opens $2 streams, gives
	# each a Last-Event-ID, restarts the server (SIGTERM) while $3
	# notifications per user are stored, and times the streams' catch-up
	# (reconnecting as the web app does) with GET unread-count at $4/s meanwhile.
	n=${2:-10000} missed=${3:-5} other=${4:-200}
	seed "$OUT/storm.db" "$n"
	: >"$OUT/storm-server.log"
	env $(server_env "$OUT/storm.db" 0) "$BIN/fleetload" storm -server-bin "$BIN/fleetman" -server-log "$OUT/storm-server.log" -tokens "$OUT/storm.db.tokens" \
		-streams "$n" -missed "$missed" -other-rate "$other" -json "$OUT/storm-$n.json" | tee "$OUT/storm-$n.txt"
	;;
alarms)
	# Target 4: $2 machines (one plan each, $3 of them past the plan's margin)
	# owned by 10,000 users, then CheckMaintenanceAlarms over them twice on the
	# embedded store with the real NotificationService (no server, no streams).
	m=${2:-100000} crossing=${3:-0.1}
	rm -f "$OUT/alarms.db" "$OUT/alarms.db"-wal "$OUT/alarms.db"-shm
	env $(server_env "$OUT/alarms.db" 0) "$BIN/fleetseed" -users 10000 -machines "$m" -crossing "$crossing" -out "$OUT/alarms.db.tokens" 2>&1 | tail -2
	env $(server_env "$OUT/alarms.db" 0) "$BIN/fleetseed" -alarms 2>&1 | tee "$OUT/alarms-$m.txt"
	;;
alarms-live)
	# Target 4's second half: n streams of users who own nothing, at rate/s in
	# steps of 10 s, twice on one store holding m machines of 10,000 other
	# owners (10 % past their plan's margin): first with the server's first
	# alarm pass an hour away (the baseline), then with it ALARM_LIVE_DELAY
	# (default 15 s) after the start, i.e. during the second step. The server
	# logs the pass (checked, alerted, took); each step prints its own p99.
	n=${2:-2000} m=${3:-100000} rate=${4:-1000} steps=${5:-6}
	rates=$(printf "$rate,%.0s" $(seq "$steps"))
	rates=${rates%,}
	db=$OUT/alarmslive.db
	seed "$db" "$n"
	env $(server_env "$db" 0) "$BIN/fleetseed" -users 10000 -prefix alarm-owner -machines "$m" -crossing 0.1 -out "$OUT/alarmslive-owners.tokens" 2>&1 | tail -1
	port=$(free_port)
	base_env=${BENCH_SERVER_ENV:-}
	loadflags=(-tokens "$db.tokens" -streams "$n" -rates "$rates" -duration 10s -settle 2s)
	for run in baseline during; do
		if [ "$run" = baseline ]; then delay=1h; else delay=${ALARM_LIVE_DELAY:-15s}; fi
		BENCH_SERVER_ENV="$base_env ALARM_CHECK_DELAY=$delay ALARM_CHECK_INTERVAL=1h"
		start "$db" "$port"
		load "fleetman, $n streams, alarm pass: $run (first pass ${delay} after start)" "alarmslive-$run-$n.json" \
			-target "http://127.0.0.1:$port" -server-pid "$PID" "${loadflags[@]}"
		grep -h "maintenance alarm check" "$OUT/server-$port.log" || echo "no alarm pass in the $run run"
		kill "$PID"
		while kill -0 "$PID" 2>/dev/null; do sleep 0.1; done
	done
	BENCH_SERVER_ENV=$base_env
	"$BIN/fleetload" compare "$OUT/alarmslive-baseline-$n.json" "$OUT/alarmslive-during-$n.json" | tee "$OUT/alarmslive-compare-$n.txt"
	;;
growth)
	# Target 6: cost as the store grows. Two stores of the same $2 users: one
	# without notifications (the empty-store figure), one with $3 of them
	# ($4 created before NOTIFICATION_TTL, half read, fleetseed's bulk load).
	# On each, target 1's search (GROWTH_STREAMS streams, p99 ≤ 25 ms, the
	# search mode's function); on the full one also the reads (fleetload
	# reads: the inbox page and the replay, READS_RATE/s) and then a live
	# load of GROWTH_LIVE_STREAMS streams at GROWTH_RATE/s in GROWTH_STEPS
	# steps of 10 s, twice: with the purge an hour away (the baseline), then
	# with the server's first purge pass GROWTH_PURGE_DELAY after its start
	# (NOTIFICATION_PURGE_DELAY; the server logs its count and took_ms). Every
	# other server on the full store starts with the purge an hour away, so
	# that the expired rows wait for the purge run. GROWTH_SKIP_EMPTY=1 skips
	# the empty store's search (e.g. when it was measured in the same sitting);
	# GROWTH_PURGE_ONLY=1 skips both searches and the reads (the live runs
	# alone, e.g. to try the purge); GROWTH_FROM=<db> copies a store fleetseed
	# filled before with the same arguments instead of filling one (the
	# purge empties part of it). Its servers listen on GROWTH_PORT
	# (default 18600).
	users=${2:-100000} total=${3:-10000000} expired=${4:-1000000}
	streams=${GROWTH_STREAMS:-10000} dur=${GROWTH_DURATION:-10s}
	live=${GROWTH_LIVE_STREAMS:-2000} rate=${GROWTH_RATE:-1000} steps=${GROWTH_STEPS:-8}
	empty=$OUT/growth-empty.db full=$OUT/growth.db port=${GROWTH_PORT:-18600}
	base_env=${BENCH_SERVER_ENV:-}
	BENCH_SERVER_ENV="$base_env NOTIFICATION_PURGE_DELAY=1h"
	echo "growth: $(lscpu | sed -n 's/^Model name: *//p'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
	seed "$empty" "$users"
	empty_bytes=$(store_bytes "$empty")
	rm -f "$full" "$full"-wal "$full"-shm
	t0=$(date +%s.%N)
	if [ -n "${GROWTH_FROM:-}" ]; then # a store fleetseed filled before, with the same arguments
		for f in "" -wal -shm .tokens; do [ ! -f "$GROWTH_FROM$f" ] || cp "$GROWTH_FROM$f" "$full$f"; done
	else
		env $(server_env "$full" 0) "$BIN/fleetseed" -users "$users" -notifications "$total" -expired "$expired" -read 0.5 \
			-out "$full.tokens" 2>&1 | tail -2
	fi
	t1=$(date +%s.%N)
	full_bytes=$(store_bytes "$full")
	how=seeded
	[ -z "${GROWTH_FROM:-}" ] || how="copied from $GROWTH_FROM"
	awk -v e="$empty_bytes" -v f="$full_bytes" -v n="$total" -v u="$users" -v t0="$t0" -v t1="$t1" -v how="$how" 'BEGIN {
		printf "store: %d users alone %.1f MB; with %d notifications %.1f MB (%s in %.0f s): %.0f bytes per notification (%.0f counting the whole file)\n",
			u, e / 1e6, n, f / 1e6, how, t1 - t0, (f - e) / n, f / n }' | tee "$OUT/growth-size.txt"
	if [ "${GROWTH_PURGE_ONLY:-0}" != 1 ]; then
		if [ "${GROWTH_SKIP_EMPTY:-0}" != 1 ]; then
			search_fleetman "$empty" "$streams" 25 "$dur" "fleetman, $users users, no notifications: search p99 ≤ 25 ms" "growth-search-empty.json" "$port"
		fi
		search_fleetman "$full" "$streams" 25 "$dur" "fleetman, $users users, $total notifications: search p99 ≤ 25 ms" "growth-search-full.json" "$port"
		[ -f "$OUT/growth-search-empty.json" ] && "$BIN/fleetload" compare "$OUT/growth-search-empty.json" "$OUT/growth-search-full.json" |
			tee "$OUT/growth-search-compare.txt"
		start "$full" "$port"
		"$BIN/fleetload" reads -label "fleetman, $users users, $total notifications: reads" -target "http://127.0.0.1:$port" \
			-tokens "$full.tokens" -rate "${READS_RATE:-200}" -duration "${READS_DURATION:-20s}" -back 5 -json "$OUT/growth-reads.json" |
			tee "$OUT/growth-reads.txt"
		stop_server
	fi
	rates=$(printf "$rate,%.0s" $(seq "$steps"))
	rates=${rates%,}
	for run in baseline purge; do
		if [ "$run" = baseline ]; then delay=1h; else delay=${GROWTH_PURGE_DELAY:-15s}; fi
		BENCH_SERVER_ENV="$base_env NOTIFICATION_PURGE_DELAY=$delay"
		start "$full" "$port"
		load "fleetman, $total notifications, $live streams at $rate/s, purge: $run (first pass ${delay} after start)" \
			"growth-live-$run.json" -target "http://127.0.0.1:$port" -server-pid "$PID" -tokens "$full.tokens" \
			-streams "$live" -rates "$rates" -duration 10s -settle 2s
		if [ "$run" = purge ]; then
			# The purge paces itself (purgeRate): 1 M rows take about eight minutes.
			for _ in $(seq 1800); do grep -q "notifications purged\|notification purge failed" "$OUT/server-$port.log" && break; sleep 0.5; done
			grep -h "notifications purged\|notification purge failed" "$OUT/server-$port.log" | tee "$OUT/growth-purge.txt" || echo "no purge pass logged"
		fi
		stop_server
	done
	BENCH_SERVER_ENV=$base_env
	"$BIN/fleetload" compare "$OUT/growth-live-baseline.json" "$OUT/growth-live-purge.json" | tee "$OUT/growth-live-compare.txt"
	echo "after the purge: $(($(store_bytes "$full") / 1000000)) MB (SQLite keeps freed pages for reuse)"
	;;
peers)
	# Target 7: the same load (n streams, one user each, open-loop publishes
	# to each user's own channel) on the raw ceiling, FleetMan on the embedded
	# store and Centrifugo v6, one after the other in one sitting; fleetload
	# compare lines the three up as ratios to the raw ceiling. Centrifugo is the
	# binary in CENTRIFUGO_BIN (built by the operator, outside this repository):
	# memory engine, uni_sse, one connection JWT per stream whose subs claim
	# subscribes it to user:<id>, history and recovery on the user namespace,
	# publishes through its HTTP API. Each target is alone on the machine
	# while it is measured (FleetMan is stopped before Centrifugo starts).
	n=${2:-10000} rates=${3:-1000,2000,4000,6000,8000} dur=${4:-20s}
	if [ -z "${CENTRIFUGO_BIN:-}" ] || [ ! -x "$CENTRIFUGO_BIN" ]; then
		echo "peers: set CENTRIFUGO_BIN to a Centrifugo v6 binary built outside this repository (this script does not build or fetch it)" >&2
		exit 2
	fi
	fport=${FLEETMAN_PORT:-19101} cport=${CENTRIFUGO_PORT:-19100}
	common=(-streams "$n" -rates "$rates" -duration "$dur" -settle "${SETTLE:-130s}")
	echo "peers: $("$CENTRIFUGO_BIN" version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
	load "raw ceiling" "peers-raw-$n.json" -target raw "${common[@]}"
	seed "$OUT/peers.db" "$n"
	start "$OUT/peers.db" "$fport"
	load "fleetman" "peers-fleetman-$n.json" -target "http://127.0.0.1:$fport" -server-pid "$PID" \
		-tokens "$OUT/peers.db.tokens" "${common[@]}"
	kill "${pids[-1]}" && wait "${pids[-1]}" 2>/dev/null || true
	csecret=bench-centrifugo-secret-0123456789abcdef ckey=bench-centrifugo-api-key
	d=$OUT/centrifugo
	mkdir -p "$d"
	cat >"$d/config.json" <<CONF
{
  "http_server": {"address": "127.0.0.1", "port": $cport},
  "log": {"level": "warn"},
  "engine": {"type": "memory"},
  "client": {"token": {"hmac_secret_key": "$csecret"}},
  "http_api": {"key": "$ckey"},
  "uni_sse": {"enabled": true},
  "health": {"enabled": true},
  "usage_stats": {"disabled": true},
  "channel": {"namespaces": [
    {"name": "user", "history_size": 100, "history_ttl": "300s", "force_recovery": true}
  ]}
}
CONF
	"$BIN/fleetload" tokens -centrifugo-secret "$csecret" -api-key "$ckey" -users "$n" -out "$d/tokens"
	timeout 20m "$CENTRIFUGO_BIN" -c "$d/config.json" >"$d/server.log" 2>&1 &
	t=$!
	pids+=("$t")
	for _ in $(seq 100); do
		curl -sf "http://127.0.0.1:$cport/health" >/dev/null 2>&1 && break
		sleep 0.1
	done
	cpid=$(pgrep -P "$t" -x centrifugo) || { echo "centrifugo on $cport did not start; see $d/server.log" >&2; exit 1; }
	# uni_sse: the connect request (the token) rides in the URL; every push is
	# an unnamed event whose JSON wraps the published data (pub.data), where
	# the seq and sentAtNs keys are found.
	load "centrifugo" "peers-centrifugo-$n.json" -target "http://127.0.0.1:$cport" -server-pid "$cpid" \
		-tokens "$d/tokens" "${common[@]}" -event '' \
		-sub-url '${base}/connection/uni_sse?cf_connect=%7B%22token%22%3A%22${token}%22%7D' -sub-header 'Accept: text/event-stream' \
		-pub-url '${base}/api/publish' -pub-header 'X-API-Key: ${pubToken}' -pub-header 'Content-Type: application/json' \
		-pub-body '{"channel":"user:${userId}","data":{"loadSeq":"${seq}","sentAtNs":"${sentAtNs}"}}'
	"$BIN/fleetload" compare "$OUT/peers-raw-$n.json" "$OUT/peers-fleetman-$n.json" "$OUT/peers-centrifugo-$n.json" |
		tee "$OUT/peers-compare-$n.txt"
	;;
*)
	echo "usage: $0 short|raw|memory|latency|redis|faults|nginx|import|search|batch|storm|alarms|alarms-live|growth|peers [streams] [rates] [duration]" >&2
	exit 2
	;;
esac
