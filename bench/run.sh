#!/usr/bin/env bash
# Measures the service over HTTP on this machine and prints a Markdown table.
#
# Builds the jar, starts it on 127.0.0.1 with a fresh data directory, creates credentials
# through the admin API, warms up, then measures with wrk (2 threads, 32 connections):
#
#   liveness      GET /actuator/health/liveness
#   client-js     GET /authtoken-client.js, a static file of 8.3 KB
#   token         POST /token, requests spread over all credentials
#   refresh       POST /token/refresh, each request refreshing a token issued before the
#                 phase and never refreshed before
#   wrong-first   POST /token with a wrong secret from a new client address each time, so
#                 that every failure is the first of a new (key, address) pair, which the
#                 service counts in memory only, and no pair gets locked
#   wrong-locked  POST /token with a wrong secret for pairs that are locked out already,
#                 which the service rejects from memory with 429
#
# The baseline is whichever of the two GET phases reached more requests per second: the
# cheapest endpoint in that run. Each timed phase is preceded by a check pass that counts
# unexpected statuses and warms up its code path.
# The service runs with the rate limit off, and with 127.0.0.1 as a trusted proxy so that
# wrong-first can send a different X-Forwarded-For address with each request.
#
# Usage: bench/run.sh [options]
#   -d, --duration SECONDS   length of each timed phase (default 30)
#   -w, --warmup SECONDS     POST /token warm-up before the check passes (default 20)
#   -c, --credentials N      credentials to create (default 1000)
#   --heap SIZE              maximum heap, passed as -Xmx<SIZE> (default: the JVM's choice)
#   --java-options "OPTS"    more JVM options, split on spaces
#   --postgres               use a PostgreSQL server that this script starts on 127.0.0.1,
#                            from Debian's postgresql package (installed with apt-get
#                            when missing), instead of the embedded H2 database
#   --jfr DIR                record each timed phase with JFR to DIR/<phase>.jfr, with
#                            the JDK's profile settings and a CPU sample every
#                            millisecond, and summarise each in DIR/<phase>.md with
#                            bench/JfrSummary.java; this costs throughput
#   --no-build               use the jar in target/ as it is
#   --jar FILE               measure this jar instead of building one, such as a copy of
#                            an earlier build to compare with
#   -o, --output FILE        also write the table to FILE (default
#                            target/bench/results-<time>.md)
#
# Needs a JDK 17, curl and wrk; run as root it installs wrk with apt-get when missing.
set -euo pipefail
invocation="bench/run.sh $*"
load_at_start=$(cut -d ' ' -f 1 /proc/loadavg)
cd "$(dirname "$0")/.."

duration=30
warmup=20
credentials=1000
heap=""
java_options=""
database=h2
jfr_dir=""
build=true
jar=""
output=""
check_seconds=10
threads=2
connections=32

usage() {
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
	exit "${1:-0}"
}

while [[ $# -gt 0 ]]; do
	case $1 in
		-d | --duration) duration=$2; shift 2 ;;
		-w | --warmup) warmup=$2; shift 2 ;;
		-c | --credentials) credentials=$2; shift 2 ;;
		--heap) heap=$2; shift 2 ;;
		--java-options) java_options=$2; shift 2 ;;
		--postgres) database=postgresql; shift ;;
		--jfr) jfr_dir=$(realpath -m "$2"); shift 2 ;;
		--no-build) build=false; shift ;;
		--jar) jar=$(realpath "$2"); build=false; shift 2 ;;
		-o | --output) output=$(realpath -m "$2"); shift 2 ;;
		-h | --help) usage 0 ;;
		*) echo "Unknown option: $1" >&2; usage 2 >&2 ;;
	esac
done
for number in "$duration" "$warmup" "$credentials"; do
	if ! [[ $number =~ ^[1-9][0-9]*$ ]]; then
		echo "Durations and counts must be positive whole numbers, not '$number'" >&2
		exit 2
	fi
done
if ((warmup < 20)); then
	echo "NOTE: a warm-up under 20 s leaves the JVM partly cold; use such results for smoke tests only" >&2
fi

log() {
	echo "[$(date +%T)] $*" >&2
}

ensure_wrk() {
	if command -v wrk > /dev/null; then
		return
	fi
	if [[ $(id -u) -ne 0 ]]; then
		echo "wrk is missing: install Debian's wrk package (apt-get install wrk)" >&2
		exit 1
	fi
	log "Installing wrk with apt-get"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null \
		|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
}

# Prints a TCP port in 40000-40999 that no socket uses. Sockets in every state count:
# that range lies within Linux's default ephemeral ports, so the client side of a recent
# connection, in TIME_WAIT, can hold one of them.
free_port() {
	local port
	for _ in $(seq 1 50); do
		port=$((40000 + RANDOM % 1000))
		if [[ -z $(ss -Htan "sport = :$port") ]]; then
			echo "$port"
			return
		fi
	done
	echo "No free port found in 40000-40999" >&2
	exit 1
}

work=$(mktemp -d)
service_pid=""
postgres_dir=""
postgres_bin=""

as_postgres() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

stop_all() {
	local status=$?
	if [[ -n $service_pid ]] && kill -0 "$service_pid" 2> /dev/null; then
		kill "$service_pid" 2> /dev/null || true
		# Graceful shutdown takes at most 20 s (spring.lifecycle.timeout-per-shutdown-phase).
		for _ in $(seq 1 300); do
			kill -0 "$service_pid" 2> /dev/null || break
			sleep 0.1
		done
		kill -9 "$service_pid" 2> /dev/null || true
	fi
	if [[ -n $postgres_dir ]]; then
		as_postgres "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -m fast -w stop > /dev/null 2>&1 || true
		rm -rf "$postgres_dir"
	fi
	if [[ $status -ne 0 && -f $work/service.log ]]; then
		echo "Last lines of the service log:" >&2
		tail -n 30 "$work/service.log" >&2 || true
	fi
	rm -rf "$work"
}
trap stop_all EXIT

# Starts PostgreSQL from Debian's package on a free loopback port, with trust
# authentication on 127.0.0.1 only, and creates the database "authtoken". The server
# keeps its default durability settings (fsync and synchronous_commit on).
start_postgres() {
	postgres_bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
	if [[ -z $postgres_bin ]]; then
		if [[ $(id -u) -ne 0 ]]; then
			echo "PostgreSQL is missing: install Debian's postgresql package" >&2
			exit 1
		fi
		log "Installing PostgreSQL with apt-get"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql > /dev/null
		postgres_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
	fi
	postgres_port=$(free_port)
	# Outside $work, which only root can enter: initdb and postgres refuse to run as root.
	postgres_dir=$(mktemp -d)
	if [[ $(id -u) -eq 0 ]]; then
		chown postgres: "$postgres_dir"
	fi
	as_postgres "$postgres_bin/initdb" -D "$postgres_dir/data" -U postgres --auth=trust -E UTF8 > /dev/null
	as_postgres "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -l "$postgres_dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $postgres_port -k $postgres_dir" start > /dev/null
	as_postgres "$postgres_bin/createdb" -h 127.0.0.1 -p "$postgres_port" -U postgres authtoken
	postgres_version=$("$postgres_bin/postgres" --version)
	log "Started $postgres_version on 127.0.0.1:$postgres_port"
}

# Starts the service, on another port if the chosen one was taken meanwhile.
start_service() {
	for attempt in 1 2 3; do
		if launch_service; then
			return
		fi
		if ! grep -q "Port $port was already in use" "$work/service.log"; then
			echo "The service stopped during startup" >&2
			exit 1
		fi
		log "Port $port was taken before the service bound it (attempt $attempt)"
	done
	echo "The service failed to find a free port in 3 attempts" >&2
	exit 1
}

# Launches the service and waits until its readiness probe returns 200. Sets service_pid
# and startup_ms, the time from launching the JVM to the first 200, polled every 50 ms.
# Returns 1 if the process ends before it is ready.
launch_service() {
	rm -rf "$work/data"
	port=$(free_port)
	base_url="http://127.0.0.1:$port"
	admin_token=$(openssl rand -hex 24)
	local -a jvm=()
	if [[ -n $heap ]]; then
		jvm+=("-Xmx$heap")
	fi
	if [[ -n $java_options ]]; then
		read -r -a extra <<< "$java_options"
		jvm+=("${extra[@]}")
	fi
	if [[ -n $jfr_dir ]]; then
		# JFR keeps 64 frames by default, which cuts the servlet stack off below the filters.
		jvm+=(-XX:FlightRecorderOptions:stackdepth=256)
	fi
	local -a environment=(AUTHTOKEN_DATA_DIR="$work/data" AUTHTOKEN_ADMIN_TOKEN="$admin_token"
		AUTHTOKEN_RATELIMIT_ENABLED=false AUTHTOKEN_TRUSTED_PROXIES=127.0.0.1)
	if [[ $database == postgresql ]]; then
		environment+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$postgres_port/authtoken"
			SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=)
	fi

	service_command="java ${jvm[*]} -jar $jar --server.address=127.0.0.1 --server.port=$port"
	log "Starting: $service_command"
	local started
	started=$(date +%s%N)
	env "${environment[@]}" java "${jvm[@]}" -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
		> "$work/service.log" 2>&1 &
	service_pid=$!
	for _ in $(seq 1 2400); do
		if ! kill -0 "$service_pid" 2> /dev/null; then
			wait "$service_pid" || true
			return 1
		fi
		if curl -sf -o /dev/null "$base_url/actuator/health/readiness"; then
			startup_ms=$((($(date +%s%N) - started) / 1000000))
			log "Ready after $startup_ms ms"
			return
		fi
		sleep 0.05
	done
	echo "The service was not ready after 120 seconds" >&2
	exit 1
}

secret_of() {
	printf 'bench-secret-%06d-0123456789abcdef' "$1"
}

# Creates credentials bench-0 to bench-(N-1) through the admin API, over one keep-alive
# connection: one curl process reads every request from a config file.
create_credentials() {
	local config=$work/create-credentials.curl
	{
		for ((i = 0; i < credentials; i++)); do
			if ((i > 0)); then
				echo "next"
			fi
			echo "url = \"$base_url/admin/credentials\""
			echo "header = \"Authorization: Bearer $admin_token\""
			echo "header = \"Content-Type: application/json\""
			echo "data = \"{\\\"name\\\":\\\"bench-$i\\\",\\\"key\\\":\\\"bench-$i\\\",\\\"secret\\\":\\\"$(secret_of "$i")\\\"}\""
			echo "output = \"/dev/null\""
			echo "write-out = \"%{http_code}\\n\""
		done
	} > "$config"
	local created
	created=$(curl -s -K "$config" | grep -c '^201$' || true)
	if ((created != credentials)); then
		echo "Created $created of $credentials credentials" >&2
		exit 1
	fi
	log "Created $credentials credentials"
}

# Runs wrk once and prints its BENCH line. Arguments: phase, seconds, then NAME=VALUE
# settings for phase.lua.
run_wrk() {
	local phase=$1 seconds=$2
	shift 2
	local result
	result=$(env BENCH_PHASE="$phase" BENCH_CREDENTIALS="$credentials" "$@" \
		wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 10s -s bench/phase.lua "$base_url" \
		| sed -n 's/^BENCH //p')
	if [[ -z $result ]]; then
		echo "wrk printed no result for phase $phase" >&2
		exit 1
	fi
	echo "$result"
}

# Prints the value of one field of a BENCH line.
field() {
	local line=$1 name=$2
	for pair in $line; do
		if [[ ${pair%%=*} == "$name" ]]; then
			echo "${pair#*=}"
			return
		fi
	done
	echo "Field $name missing in: $line" >&2
	exit 1
}

# Runs a short pass with status checking, which also warms up the phase's code path.
# Records the unexpected statuses in check_result[phase].
declare -A check_result=()
check_pass() {
	local phase=$1 expected=$2
	shift 2
	local line mismatched requests
	line=$(run_wrk "$phase" "$check_seconds" BENCH_EXPECT="$expected" "$@")
	mismatched=$(field "$line" mismatched)
	requests=$(field "$line" requests)
	if [[ $mismatched == 0 && $(field "$line" socket_errors) == 0 ]]; then
		check_result[$phase]="all $expected"
	else
		check_result[$phase]="$mismatched of $requests not $expected"
		failed=true
	fi
	log "Check $phase: ${check_result[$phase]} ($(field "$line" rps) requests/s)"
}

# Prints the CPU time that the service process has used, user and system, in clock ticks.
service_cpu_ticks() {
	# Fields 14 and 15 of /proc/PID/stat, counted after the command name, which is in
	# parentheses and may contain spaces.
	sed 's/^.*) //' "/proc/$service_pid/stat" | awk '{ print $12 + $13 }'
}

# Runs a timed phase and records its BENCH line in result[phase], and the service's CPU
# time per request in microseconds in cpu_per_request[phase]. That figure depends far less
# on other load on the machine than requests per second do.
declare -A result=() cpu_per_request=()
timed_pass() {
	local phase=$1
	shift
	local ticks_before
	ticks_before=$(service_cpu_ticks)
	if [[ -n $jfr_dir ]]; then
		jcmd "$service_pid" JFR.start name="$phase" settings="$work/profile.jfc" > /dev/null
	fi
	result[$phase]=$(run_wrk "$phase" "$duration" "$@")
	cpu_per_request[$phase]=$(awk -v ticks=$(($(service_cpu_ticks) - ticks_before)) -v hz="$(getconf CLK_TCK)" \
		-v n="$(field "${result[$phase]}" requests)" 'BEGIN { printf "%.0f", ticks * 1e6 / hz / n }')
	if [[ -n $jfr_dir ]]; then
		mkdir -p "$jfr_dir"
		jcmd "$service_pid" JFR.stop name="$phase" filename="$jfr_dir/$phase.jfr" > /dev/null
		java bench/JfrSummary.java "$jfr_dir/$phase.jfr" > "$jfr_dir/$phase.md"
	fi
	log "Timed $phase: $(field "${result[$phase]}" rps) requests/s"
}

# Issues tokens for the refresh phases and appends them to <prefix>-<thread>.txt. Runs
# wrk in passes of a few seconds until there are enough: a wrk thread that stops early
# does not end the run, which always lasts its full duration.
issue_tokens() {
	local prefix=$1 total=$2
	local issued=0 line seconds
	for _ in $(seq 1 100); do
		if ((issued >= total)); then
			log "Issued $issued tokens for refreshing"
			return
		fi
		seconds=$(awk -v n=$((total - issued)) -v r="$token_rps" 'BEGIN { s = n / r; printf "%d", (s < 2) ? 2 : (s > 10) ? 10 : s }')
		line=$(run_wrk issue-tokens "$seconds" BENCH_TOKENS="$prefix" \
			BENCH_TOKEN_LIMIT=$(((total - issued + threads - 1) / threads)))
		issued=$((issued + $(field "$line" issued)))
	done
	echo "Issued only $issued of $total tokens in 100 passes" >&2
	exit 1
}

ms() {
	awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'
}

target_check() {
	local phase=$1
	local rps base_rps share
	rps=$(field "${result[$phase]}" rps)
	base_rps=$(field "${result[$baseline]}" rps)
	share=$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { printf "%d", 100 * a / b }')
	case $phase in
		token)
			local p99 base_p99
			p99=$(field "${result[token]}" p99)
			base_p99=$(field "${result[$baseline]}" p99)
			if ((share >= 85 && p99 <= 2 * base_p99)); then echo "met (≥ 85%, p99 ≤ 2× baseline)"; else
				echo "missed (≥ 85%, p99 ≤ 2× baseline: p99 is $(awk -v a="$p99" -v b="$base_p99" \
					'BEGIN { printf "%.1f", a / b }')×)"
			fi
			;;
		wrong-first | wrong-locked)
			if ((share >= 85)); then echo "met (≥ 85%)"; else echo "missed (≥ 85%)"; fi
			;;
		refresh)
			if ((share >= 50)); then echo "met (≥ 50%)"; else echo "missed (≥ 50%)"; fi
			;;
		"$baseline") echo "baseline" ;;
		*) echo "" ;;
	esac
}

report() {
	local rss_kib
	rss_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$service_pid/status")
	local base_rps
	base_rps=$(field "${result[$baseline]}" rps)
	echo "| phase | requests/s | of baseline | p50 | p99 | p99.9 | service CPU per request | non-2xx | check pass | target |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
	for phase in liveness client-js token refresh wrong-first wrong-locked; do
		local line=${result[$phase]}
		local ran_out
		ran_out=$(field "$line" ran_out)
		local note=""
		if [[ $ran_out != 0 ]]; then
			note=" (ran out of tokens)"
			failed=true
		fi
		printf '| %s | %.0f | %s | %s | %s | %s | %s µs | %s | %s%s | %s |\n' "$phase" "$(field "$line" rps)" \
			"$(ratio "$(field "$line" rps)" "$base_rps")" "$(ms "$(field "$line" p50)")" \
			"$(ms "$(field "$line" p99)")" "$(ms "$(field "$line" p999)")" "${cpu_per_request[$phase]}" \
			"$(field "$line" non2xx)" \
			"${check_result[$phase]}" "$note" "$(target_check "$phase")"
	done
	echo
	echo "- command: \`$invocation\`; service: \`$service_command\`"
	local heap_description="JVM default"
	if [[ -n $heap ]]; then
		heap_description="-Xmx$heap"
	fi
	echo "- database: $database_description; heap: $heap_description${java_options:+; JVM options: $java_options}"
	echo "- start to ready: $startup_ms ms (fresh data directory); Spring Boot: $(sed -n \
		's/.*Started AuthTokenApplication in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 s, process running for \2 s/p' \
		"$work/service.log")"
	echo "- peak RSS (VmHWM): $((rss_kib / 1024)) MiB"
	echo "- baseline: $baseline, the faster of the two GET phases; each timed phase: $duration s, wrk -t$threads -c$connections; warm-up: $warmup s of POST /token, then a $check_seconds s check pass per phase"
	echo "- load average (1 min) when the script started: $load_at_start; before the timed phases, with this benchmark's own warm-up: $load_before; after: $(cut -d ' ' -f 1 /proc/loadavg)"
	echo "- $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory; $(java -version 2>&1 | sed -n 2p)"
}

failed=false
ensure_wrk
if [[ $build == true ]]; then
	log "Building the jar"
	./mvnw -B -q -DskipTests package
fi
if [[ -z $jar ]]; then
	jars=(target/authtoken-service-*.jar)
	if [[ ${#jars[@]} -ne 1 || ! -f ${jars[0]} ]]; then
		echo "Expected one service jar in target/, found: ${jars[*]}" >&2
		exit 1
	fi
	jar=${jars[0]}
fi

database_description="embedded H2 (file)"
if [[ $database == postgresql ]]; then
	start_postgres
	database_description="$postgres_version on 127.0.0.1"
fi
if [[ -n $jfr_dir ]]; then
	# The JDK's profile settings with a CPU sample every millisecond instead of every 10.
	jfr configure --input profile.jfc method-profiling=max --output "$work/profile.jfc" > /dev/null
fi
start_service
create_credentials

log "Warming up with POST /token for $warmup s"
run_wrk token "$warmup" > /dev/null
check_pass liveness 200
check_pass client-js 200
check_pass token 200
check_pass wrong-first 401 BENCH_ADDRESS_BASE=10

load_before=$(cut -d ' ' -f 1 /proc/loadavg)
timed_pass liveness
timed_pass client-js
baseline=liveness
if awk -v a="$(field "${result[client-js]}" rps)" -v b="$(field "${result[liveness]}" rps)" 'BEGIN { exit !(a > b) }'; then
	baseline=client-js
fi
timed_pass token

# Enough tokens for the check pass and the timed pass at the rate POST /token reached,
# which a refresh, with its database write, does not exceed.
token_rps=$(field "${result[token]}" rps)
issue_tokens "$work/tokens-check" "$(awk -v r="$token_rps" -v s="$check_seconds" 'BEGIN { printf "%d", r * s * 1.2 + 100 }')"
issue_tokens "$work/tokens-timed" "$(awk -v r="$token_rps" -v s="$duration" 'BEGIN { printf "%d", r * s * 1.2 + 100 }')"
check_pass refresh 200 BENCH_TOKENS="$work/tokens-check"
timed_pass refresh BENCH_TOKENS="$work/tokens-timed"

timed_pass wrong-first BENCH_ADDRESS_BASE=20

# Lock out every key for 127.0.0.1: 10 wrong secrets a key reach the default limit. The
# pass lasts three times as long as 10 failures a key take at the wrong-first rate, plus
# 3 s. Each pair's tenth failure writes its lockout to the database, so this pass runs
# slower than wrong-first, and a pass that falls short leaves pairs open for the check.
lock_seconds=$(awk -v n="$credentials" -v r="$(field "${result[wrong-first]}" rps)" \
	'BEGIN { printf "%d", n * 10 * 3 / r + 3 }')
log "Locking out the credentials for 127.0.0.1 ($lock_seconds s)"
run_wrk wrong-locked "$lock_seconds" > /dev/null
check_pass wrong-locked 429
timed_pass wrong-locked

if [[ -z $output ]]; then
	mkdir -p target/bench
	output=target/bench/results-$(date -u +%Y%m%dT%H%M%SZ).md
fi
report | tee "$output"
log "Wrote $output"
if [[ $failed == true ]]; then
	echo "Some requests got unexpected statuses, or the tokens ran out: see the table" >&2
	exit 1
fi
