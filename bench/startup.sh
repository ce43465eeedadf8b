#!/usr/bin/env bash
# Measures the time from launching the JVM to the first 200 from the readiness probe, for
# several ways of starting the service, and prints a Markdown table of medians.
#
#   jar            java -jar on the executable jar, as the README starts it
#   extracted      java -jar on the jar that "java -Djarmode=tools -jar ... extract" writes,
#                  with its dependencies beside it in lib/ instead of nested in the jar
#   extracted+cds  the same with a class data sharing archive, written by a training run
#                  that stops after the application context is refreshed; the Dockerfile
#                  starts the service this way
#   ...-nodocs     the same as the variant before it with the OpenAPI description and
#                  Swagger UI turned off, to show what springdoc costs at startup
#
# The variants take turns, round by round, so that a change in the machine's load during
# the run affects all of them alike. Each start uses a fresh data directory, like the
# first start of an installation: the master key is generated and Flyway creates the
# schema.
#
# Usage: bench/startup.sh [-n ROUNDS] [--no-build] [--variants "jar extracted ..."]
#   -n, --rounds N   starts of each variant (default 5)
#   --no-build       use the jar in target/ as it is
#   --variants LIST  variants to measure, separated by spaces (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=5
build=true
variants="jar extracted extracted+cds extracted+cds-nodocs"
while [[ $# -gt 0 ]]; do
	case $1 in
		-n | --rounds) rounds=$2; shift 2 ;;
		--no-build) build=false; shift ;;
		--variants) variants=$2; shift 2 ;;
		-h | --help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
		*) echo "Unknown option: $1" >&2; exit 2 ;;
	esac
done
if ! [[ $rounds =~ ^[1-9][0-9]*$ ]]; then
	echo "The number of rounds must be a positive whole number, not '$rounds'" >&2
	exit 2
fi

log() {
	echo "[$(date +%T)] $*" >&2
}

work=$(mktemp -d)
service_pid=""

stop_service() {
	if [[ -n $service_pid ]] && kill -0 "$service_pid" 2> /dev/null; then
		kill "$service_pid" 2> /dev/null || true
		for _ in $(seq 1 300); do
			kill -0 "$service_pid" 2> /dev/null || break
			sleep 0.1
		done
		kill -9 "$service_pid" 2> /dev/null || true
	fi
	wait "$service_pid" 2> /dev/null || true
	service_pid=""
}

cleanup() {
	local status=$?
	stop_service
	if [[ $status -ne 0 && -f $work/service.log ]]; then
		echo "Last lines of the service log:" >&2
		tail -n 30 "$work/service.log" >&2 || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

if [[ $build == true ]]; then
	log "Building the jar"
	./mvnw -B -q -DskipTests package
fi
jars=(target/authtoken-service-*.jar)
if [[ ${#jars[@]} -ne 1 || ! -f ${jars[0]} ]]; then
	echo "Expected one service jar in target/, found: ${jars[*]}" >&2
	exit 1
fi
jar=${jars[0]}

# The same steps as the Dockerfile: extract, then a training run that writes the archive.
extracted=$work/extracted
java -Djarmode=tools -jar "$jar" extract --destination "$extracted" > /dev/null
extracted_jar=$extracted/$(basename "$jar")
log "Training run for the class data sharing archive"
AUTHTOKEN_DATA_DIR="$work/training-data" java -XX:ArchiveClassesAtExit="$extracted/application.jsa" \
	-Dspring.context.exit=onRefresh -jar "$extracted_jar" > "$work/training.log" 2>&1
rm -rf "$work/training-data"

# Prints the command line of a variant, without the server settings.
command_of() {
	case $1 in
		jar) echo "java -jar $jar" ;;
		extracted) echo "java -jar $extracted_jar" ;;
		extracted+cds) echo "java -XX:SharedArchiveFile=$extracted/application.jsa -jar $extracted_jar" ;;
		*-nodocs) echo "$(command_of "${1%-nodocs}") --springdoc.api-docs.enabled=false --springdoc.swagger-ui.enabled=false" ;;
		*) echo "Unknown variant: $1" >&2; exit 2 ;;
	esac
}

# Starts one variant, waits for readiness and stops it. Prints the milliseconds from
# launch to the first 200, polled every 20 ms, and Spring Boot's own "process running
# for" time in milliseconds.
measure() {
	local port
	port=$((40000 + RANDOM % 1000))
	# Sockets in every state count, because 40000-40999 lies within Linux's default
	# ephemeral ports.
	while [[ -n $(ss -Htan "sport = :$port") ]]; do
		port=$((40000 + RANDOM % 1000))
	done
	rm -rf "$work/data"
	local -a command
	read -r -a command <<< "$(command_of "$1")"
	local started
	started=$(date +%s%N)
	AUTHTOKEN_DATA_DIR="$work/data" "${command[@]}" --server.address=127.0.0.1 --server.port="$port" \
		> "$work/service.log" 2>&1 &
	service_pid=$!
	for _ in $(seq 1 6000); do
		if ! kill -0 "$service_pid" 2> /dev/null; then
			echo "The service stopped during startup ($1)" >&2
			exit 1
		fi
		if curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; then
			local ready_ms=$((($(date +%s%N) - started) / 1000000))
			local spring_ms
			spring_ms=$(sed -n 's/.*Started AuthTokenApplication in .* (process running for \([0-9.]*\)).*/\1/p' \
				"$work/service.log" | awk '{ printf "%d", $1 * 1000 }')
			stop_service
			echo "$ready_ms ${spring_ms:-0}"
			return
		fi
		sleep 0.02
	done
	echo "The service was not ready after 120 seconds ($1)" >&2
	exit 1
}

median() {
	sort -n | awk '{ values[NR] = $1 } END { if (NR % 2) print values[(NR + 1) / 2]; else print int((values[NR / 2] + values[NR / 2 + 1]) / 2) }'
}

declare -A ready=() spring=()
for ((round = 1; round <= rounds; round++)); do
	for variant in $variants; do
		read -r ready_ms spring_ms <<< "$(measure "$variant")"
		ready[$variant]+="$ready_ms "
		spring[$variant]+="$spring_ms "
		log "Round $round, $variant: ready after $ready_ms ms"
	done
done

echo "| variant | start to ready, median | min | max | Spring Boot \"process running for\", median |"
echo "|---|---:|---:|---:|---:|"
for variant in $variants; do
	values=$(tr ' ' '\n' <<< "${ready[$variant]}" | sed '/^$/d')
	printf '| %s | %d ms | %d ms | %d ms | %d ms |\n' "$variant" "$(median <<< "$values")" \
		"$(sort -n <<< "$values" | head -n 1)" "$(sort -n <<< "$values" | tail -n 1)" \
		"$(tr ' ' '\n' <<< "${spring[$variant]}" | sed '/^$/d' | median)"
done
echo
echo "- $rounds starts of each variant, taking turns; fresh data directory each time; embedded H2"
echo "- load average (1 min) at the end: $(cut -d ' ' -f 1 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; $(java -version 2>&1 | sed -n 2p)"
for variant in $variants; do
	echo "- $variant: \`$(command_of "$variant" | sed "s|$work/||g")\`"
done
