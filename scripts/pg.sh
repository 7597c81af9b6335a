# shellcheck shell=bash
# The project's own PostgreSQL clusters (dev: .data/pg, tests: .data/pg-test). Sourced by ./bankoffice.
#
# initdb/postgres refuse to run as root, so as root the server commands run as the `postgres`
# OS user (runuser) on a data directory owned by it; otherwise they run as the current user.
# Clients always connect over TCP to 127.0.0.1 as the superuser `postgres` with a password.

pg_bin_dir() {
    local dir
    if [ -n "${BANKOFFICE_PG_BIN:-}" ]; then printf '%s\n' "$BANKOFFICE_PG_BIN"; return 0; fi
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
        dir="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
    fi
    [ -x "$dir/initdb" ] || die "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin); install the 'postgresql' package or set BANKOFFICE_PG_BIN"
    printf '%s\n' "$dir"
}

pg_os_user() {
    if is_root; then printf 'postgres\n'; else id -un; fi
}

# as_pg CMD...: run a server command as the cluster's OS user
as_pg() {
    if is_root; then
        getent passwd postgres >/dev/null || die "the 'postgres' OS user does not exist (install the 'postgresql' package)"
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# pg_make_reachable PATH: every directory above PATH must be traversable by the postgres user
pg_make_reachable() {
    is_root || return 0
    local dir="$1"
    while [ "$dir" != "/" ] && [ -n "$dir" ]; do
        dir="$(dirname "$dir")"
        if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
            log "chmod o+x $dir (so the postgres user can reach the data directory)"
            chmod o+x "$dir"
        fi
    done
}

# pg_owned_file PATH: create/keep a file writable by the cluster's OS user (e.g. the server log)
pg_owned_file() {
    touch "$1"
    if is_root; then chown postgres:postgres "$1"; fi
    chmod 640 "$1"
}

# pg_cluster_pid DATADIR -> prints the postmaster PID when that cluster is running
pg_cluster_pid() {
    local dir="$1" pid=""
    [ -f "$dir/postmaster.pid" ] || return 0
    read -r pid < "$dir/postmaster.pid" || true
    case "$pid" in ''|*[!0-9]*) return 0 ;; esac
    if pid_alive "$pid" && pid_matches "$pid" "-D $dir "; then printf '%s\n' "$pid"; fi
}

# pg_cluster_port DATADIR -> the port from postmaster.pid (line 4)
pg_cluster_port() {
    sed -n 4p "$1/postmaster.pid" 2>/dev/null || true
}

# pg_init DATADIR PASSWORD: initdb with password auth over TCP, peer auth on the socket
pg_init() {
    local dir="$1" password="$2" bin locale pwfile
    bin="$(pg_bin_dir)"
    pg_make_reachable "$dir"
    mkdir -p "$dir"
    if is_root; then chown postgres:postgres "$dir"; fi
    chmod 700 "$dir"
    locale=C
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi

    pwfile="$(mktemp "$BO_DATA/.pwfile.XXXXXX")"
    printf '%s\n' "$password" > "$pwfile"
    if is_root; then chown postgres:postgres "$pwfile"; fi
    chmod 600 "$pwfile"

    log "initdb ${dir#"$BO_ROOT"/} (locale $locale, encoding UTF8)"
    if ! as_pg "$bin/initdb" -D "$dir" -U postgres -E UTF8 --locale="$locale" \
            --auth-local=peer --auth-host=scram-sha-256 --pwfile="$pwfile" > "$dir.initdb.log" 2>&1; then
        rm -f "$pwfile"
        cat "$dir.initdb.log" >&2 || true
        die "initdb failed for $dir (output above)"
    fi
    rm -f "$pwfile" "$dir.initdb.log"
}

# pg_start DATADIR PORT LOGFILE [EXTRA -c OPTIONS...]: start listening on 127.0.0.1:PORT only,
# unix socket inside DATADIR; waits until it accepts connections. Prints nothing; sets BO_PG_PID.
pg_start() {
    local dir="$1" port="$2" logfile="$3" bin opts
    shift 3
    bin="$(pg_bin_dir)"
    pg_owned_file "$logfile"
    opts="-c listen_addresses=127.0.0.1 -p $port -k $dir"
    if [ "$#" -gt 0 ]; then opts="$opts $*"; fi
    log "starting PostgreSQL (${dir#"$BO_ROOT"/}) on 127.0.0.1:$port, log: ${logfile#"$BO_ROOT"/}"
    if ! as_pg "$bin/pg_ctl" -D "$dir" -l "$logfile" -w -t 90 -o "$opts" start > /dev/null; then
        printf '[bankoffice] ---- last lines of %s ----\n' "${logfile#"$BO_ROOT"/}" >&2
        tail -n 30 "$logfile" >&2 || true
        die "PostgreSQL failed to start (${dir#"$BO_ROOT"/}); see the log above"
    fi
    BO_PG_PID="$(pg_cluster_pid "$dir")"
    [ -n "$BO_PG_PID" ] || die "PostgreSQL reported started but no running postmaster found in $dir/postmaster.pid"
}

# pg_stop NAME DATADIR PIDFILE: stop by the recorded PID (fall back to postmaster.pid).
# SIGINT is PostgreSQL's "fast" shutdown; then SIGQUIT (immediate), then KILL.
pg_stop() {
    local name="$1" dir="$2" pidfile="$3" pid
    pid="$(read_pidfile "$pidfile")"
    if ! { pid_alive "$pid" && pid_matches "$pid" "-D $dir "; }; then
        pid="$(pg_cluster_pid "$dir")"
    fi
    if [ -n "$pid" ]; then
        stop_pid "$name" "$pid" INT 30
        if pid_alive "$pid"; then
            kill -s QUIT "$pid" 2>/dev/null || true
            wait_gone 5 "$pid" || kill -s KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$pidfile"
}

# pg_psql PORT PASSWORD DB SQL -> runs one statement over TCP, tuples only
pg_psql() {
    local port="$1" password="$2" db="$3" sql="$4"
    PGPASSWORD="$password" PGCONNECT_TIMEOUT=10 "$(pg_bin_dir)/psql" -X -q -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "$port" -U postgres -d "$db" -tAc "$sql"
}
