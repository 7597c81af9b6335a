# shellcheck shell=bash
# Background processes started and stopped by recorded PIDs. Sourced by ./bankoffice.

pid_alive() {
    [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null
}

# read_pidfile FILE -> prints the PID (first line) or nothing
read_pidfile() {
    local pid=""
    [ -f "$1" ] && read -r pid < "$1" || true
    case "$pid" in ''|*[!0-9]*) return 0 ;; esac
    printf '%s\n' "$pid"
}

# pid_matches PID TEXT -> the process command line contains TEXT (guards against recycled PIDs)
pid_matches() {
    local cmdline
    [ -r "/proc/$1/cmdline" ] || return 1
    cmdline="$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null || true)"
    [[ "$cmdline" == *"$2"* ]]
}

# running_pid PIDFILE TEXT -> prints the PID when the recorded process is alive and matches
running_pid() {
    local pid
    pid="$(read_pidfile "$1")"
    if pid_alive "$pid" && pid_matches "$pid" "$2"; then printf '%s\n' "$pid"; fi
}

# wait_gone TIMEOUT_SECONDS PID... -> success when all PIDs have exited in time
wait_gone() {
    local timeout="$1" deadline pid alive
    shift
    deadline=$(( SECONDS + timeout ))
    while :; do
        alive=0
        for pid in "$@"; do pid_alive "$pid" && alive=1; done
        [ "$alive" -eq 0 ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && return 1
        sleep 0.2
    done
}

# stop_pid NAME PID [FIRST_SIGNAL] [TIMEOUT]: FIRST_SIGNAL (default TERM), wait, then KILL.
# Also waits for (and finally kills) the direct children the process had.
stop_pid() {
    local name="$1" pid="$2" sig="${3:-TERM}" timeout="${4:-20}" children=()
    pid_alive "$pid" || return 0
    mapfile -t children < <(pgrep -P "$pid" 2>/dev/null || true)
    log "stopping $name (pid $pid)"
    kill -s "$sig" "$pid" 2>/dev/null || true
    if ! wait_gone "$timeout" "$pid"; then
        warn "$name (pid $pid) did not stop within ${timeout}s; sending KILL"
        kill -s KILL "$pid" 2>/dev/null || true
        wait_gone 5 "$pid" || warn "$name (pid $pid) is still alive"
    fi
    if [ "${#children[@]}" -gt 0 ] && ! wait_gone 10 "${children[@]}"; then
        warn "killing leftover child processes of $name: ${children[*]}"
        kill -s KILL "${children[@]}" 2>/dev/null || true
    fi
    # reap it if it is our own child, so no zombie stays behind
    wait "$pid" 2>/dev/null || true
}

# stop_pidfile NAME PIDFILE TEXT [FIRST_SIGNAL] [TIMEOUT]
stop_pidfile() {
    local name="$1" pidfile="$2" text="$3" sig="${4:-TERM}" timeout="${5:-20}" pid
    pid="$(read_pidfile "$pidfile")"
    if [ -z "$pid" ]; then
        rm -f "$pidfile"; return 0
    fi
    if pid_alive "$pid" && pid_matches "$pid" "$text"; then
        stop_pid "$name" "$pid" "$sig" "$timeout"
    elif pid_alive "$pid"; then
        warn "pid $pid in $pidfile is not $name any more; leaving that process alone"
    fi
    rm -f "$pidfile"
}

# start_bg NAME WORKDIR LOGFILE PIDFILE CMD... (environment set by the caller with `env`)
# Starts CMD in its own session (so Ctrl-C in the terminal reaches this script, which then
# stops it in order), stdin from /dev/null, output appended to LOGFILE; records the PID.
start_bg() {
    local name="$1" workdir="$2" logfile="$3" pidfile="$4"
    shift 4
    {
        printf '\n===== %s: starting %s =====\n' "$(date -Is)" "$name"
        printf 'cwd: %s\ncmd: %s\n' "$workdir" "$(sed -E 's/([Pp]assword=)[^; ]*/\1*****/g' <<< "$*")"
    } >> "$logfile"
    (cd "$workdir" && exec setsid "$@" < /dev/null >> "$logfile" 2>&1) &
    BO_LAST_PID=$!
    printf '%s\n' "$BO_LAST_PID" > "$pidfile"
    log "started $name (pid $BO_LAST_PID), log: ${logfile#"$BO_ROOT"/}"
}

# wait_health NAME URL PID LOGFILE [TIMEOUT]: waits for URL to answer 200
wait_health() {
    local name="$1" url="$2" pid="$3" logfile="$4" timeout="${5:-120}" deadline code
    deadline=$(( SECONDS + timeout ))
    log "waiting for $name at $url (up to ${timeout}s)"
    while :; do
        if ! pid_alive "$pid"; then
            printf '[bankoffice] ---- last lines of %s ----\n' "${logfile#"$BO_ROOT"/}" >&2
            tail -n 60 "$logfile" >&2 || true
            printf '[bankoffice] ----\n' >&2
            die "$name (pid $pid) exited during start-up; see the log above (${logfile#"$BO_ROOT"/})"
        fi
        code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url" 2>/dev/null || true)"
        if [ "$code" = "200" ]; then
            log "$name is up ($url -> 200)"
            return 0
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            printf '[bankoffice] ---- last lines of %s ----\n' "${logfile#"$BO_ROOT"/}" >&2
            tail -n 60 "$logfile" >&2 || true
            printf '[bankoffice] ----\n' >&2
            die "$name did not answer 200 on $url within ${timeout}s (last answer: ${code:-none}); see the log above"
        fi
        sleep 1
    done
}
