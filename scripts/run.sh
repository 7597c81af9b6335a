# shellcheck shell=bash
# ./bankoffice run | stop | status | psql. Sourced by ./bankoffice.

BO_DEV_PG_DIR="$BO_DATA/pg"
BO_DEV_PG_PWFILE="$BO_DATA/pg.password"
BO_DEV_PG_LOG="$BO_DATA/pg.log"
BO_DEV_PG_PIDFILE="$BO_RUN/pg.pid"
BO_DEV_DB="bankoffice"

BO_API_PIDFILE="$BO_RUN/api.pid"
BO_WEB_PIDFILE="$BO_RUN/web.pid"
BO_API_LOG="$BO_LOGS/api.log"
BO_WEB_LOG="$BO_LOGS/web.log"
# text that the command line of each process must contain (guards against recycled PIDs)
BO_API_MATCH="BankOffice.Api.dll"
BO_WEB_MATCH="BankOffice.Web"

bo_config()   { printf '%s\n' "${BANKOFFICE_CONFIGURATION:-Release}"; }
api_port()    { printf '%s\n' "${BANKOFFICE_API_PORT:-5080}"; }
web_port()    { printf '%s\n' "${BANKOFFICE_WEB_PORT:-5000}"; }
api_bin_dir() { printf '%s\n' "$BO_ROOT/BankOffice.Api/bin/$(bo_config)/net10.0"; }
web_bin_dir() { printf '%s\n' "$BO_ROOT/BankOffice.Web/bin/$(bo_config)/net9.0/linux-x64"; }

# dev_pg_password: the dev cluster's superuser password, generated once (.data/pg.password, mode 600)
dev_pg_password() {
    if [ ! -s "$BO_DEV_PG_PWFILE" ]; then
        if [ -f "$BO_DEV_PG_DIR/PG_VERSION" ]; then
            die "$BO_DEV_PG_PWFILE is missing but the cluster in .data/pg exists; restore the file, or delete .data/pg (this erases the dev database) and run again"
        fi
        (umask 077; random_password > "$BO_DEV_PG_PWFILE")
    fi
    chmod 600 "$BO_DEV_PG_PWFILE"
    head -n 1 "$BO_DEV_PG_PWFILE"
}

mask_password() {
    sed -E 's/((^|;)[[:space:]]*[Pp]ass(word)?[[:space:]]*=)[^;]*/\1*****/g' <<< "$1"
}

# ensure_dev_database: sets BO_CONN (and BO_STARTED_PG=1 when this run started the cluster)
ensure_dev_database() {
    local configured port pid password
    configured="$(config_value ConnectionStrings:BankOffice)"
    if [ -n "$configured" ]; then
        BO_CONN="$configured"
        BO_DB_DESC="configured connection string: $(mask_password "$configured")"
        log "using the configured connection string (ConnectionStrings:BankOffice); not starting a local PostgreSQL"
        return 0
    fi

    password="$(dev_pg_password)"
    pid="$(pg_cluster_pid "$BO_DEV_PG_DIR")"
    if [ -n "$pid" ]; then
        port="$(pg_cluster_port "$BO_DEV_PG_DIR")"
        log "reusing the running project PostgreSQL (pid $pid, 127.0.0.1:$port)"
        if [ -n "${BANKOFFICE_PG_PORT:-}" ] && [ "$BANKOFFICE_PG_PORT" != "$port" ]; then
            warn "BANKOFFICE_PG_PORT=$BANKOFFICE_PG_PORT but the running cluster listens on $port; './bankoffice stop' first to change it"
        fi
    else
        port="${BANKOFFICE_PG_PORT:-5433}"
        if [ ! -f "$BO_DEV_PG_DIR/PG_VERSION" ]; then
            pg_init "$BO_DEV_PG_DIR" "$password"
        else
            pg_make_reachable "$BO_DEV_PG_DIR"
        fi
        if port_in_use "$port"; then
            die "port $port is already in use by another program; set BANKOFFICE_PG_PORT to a free port"
        fi
        pg_start "$BO_DEV_PG_DIR" "$port" "$BO_DEV_PG_LOG"
        pid="$BO_PG_PID"
        BO_STARTED_PG=1
    fi
    printf '%s\n' "$pid" > "$BO_DEV_PG_PIDFILE"

    if [ "$(pg_psql "$port" "$password" postgres "SELECT 1 FROM pg_database WHERE datname = '$BO_DEV_DB'")" != "1" ]; then
        log "creating database $BO_DEV_DB"
        pg_psql "$port" "$password" postgres "CREATE DATABASE $BO_DEV_DB" > /dev/null
    fi
    BO_CONN="Host=127.0.0.1;Port=$port;Database=$BO_DEV_DB;Username=postgres;Password=$password"
    BO_DB_DESC="project PostgreSQL 127.0.0.1:$port, database $BO_DEV_DB (.data/pg; password in .data/pg.password)"
}

# dotnet_build CONFIG [EXTRA ARGS...]: fails loudly (errors are printed by dotnet)
dotnet_build() {
    local config="$1" rc=0
    shift
    log "building BankOffice.sln ($config)"
    dotnet build "$BO_SLN" -c "$config" -nologo "$@" || rc=$?
    if [ "$rc" -ne 0 ]; then
        printf '[bankoffice] ERROR: build failed (dotnet build exit code %s); the errors are above\n' "$rc" >&2
        return "$rc"
    fi
    log "build succeeded"
}

print_demo_logins() {
    local pw
    pw="$(demo_password)"
    cat <<EOF
[bankoffice] Demo logins (password for all: $pw)
    admin@bankoffice.local       Admin
    teller@bankoffice.local      Teller
    credit@bankoffice.local      CreditOfficer   (credit2@ too: maker-checker needs two)
    collector@bankoffice.local   Collector       (collector2@ too: each has a queue)
    manager@bankoffice.local     Manager
    customer01@bankoffice.local ... customer20@bankoffice.local   Customer
EOF
}

BO_RUN_CLEANED=0
run_cleanup() {
    [ "$BO_RUN_CLEANED" -eq 0 ] || return 0
    BO_RUN_CLEANED=1
    stop_pidfile "Web" "$BO_WEB_PIDFILE" "$BO_WEB_MATCH"
    stop_pidfile "API" "$BO_API_PIDFILE" "$BO_API_MATCH"
    rm -f "$BO_RUN/api.url" "$BO_RUN/web.url"
    if [ "${BO_STARTED_PG:-0}" = "1" ]; then
        pg_stop "PostgreSQL (.data/pg)" "$BO_DEV_PG_DIR" "$BO_DEV_PG_PIDFILE"
    fi
}

run_on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    if [ "$rc" -ne 0 ]; then log "stopping what this run started"; fi
    run_cleanup
    exit "$rc"
}

run_on_signal() {
    trap - INT TERM
    printf '\n'
    log "$1 received; stopping"
    run_cleanup
    log "stopped"
    trap - EXIT
    if [ "$1" = "INT" ]; then exit 130; else exit 143; fi
}

cmd_run() {
    local background=0 build=1 config aport wport pid
    while [ "$#" -gt 0 ]; do
        case "$1" in
            -d|--background) background=1 ;;
            --no-build) build=0 ;;
            -h|--help) usage; return 0 ;;
            *) die "unknown option for run: $1 (see ./bankoffice help)" ;;
        esac
        shift
    done
    config="$(bo_config)"
    aport="$(api_port)"
    wport="$(web_port)"

    ensure_dirs
    ensure_deps
    require_dotnet
    require_solution

    pid="$(running_pid "$BO_API_PIDFILE" "$BO_API_MATCH")"
    [ -z "$pid" ] || die "the API is already running (pid $pid); use './bankoffice stop' first (or './bankoffice status')"
    pid="$(running_pid "$BO_WEB_PIDFILE" "$BO_WEB_MATCH")"
    [ -z "$pid" ] || die "the Web is already running (pid $pid); use './bankoffice stop' first (or './bankoffice status')"
    rm -f "$BO_API_PIDFILE" "$BO_WEB_PIDFILE"
    port_in_use "$aport" && die "port $aport (API) is already in use; set BANKOFFICE_API_PORT"
    port_in_use "$wport" && die "port $wport (Web) is already in use; set BANKOFFICE_WEB_PORT"

    BO_STARTED_PG=0
    trap run_on_exit EXIT
    trap 'run_on_signal INT' INT
    trap 'run_on_signal TERM' TERM

    ensure_dev_database

    if [ "$build" -eq 1 ]; then
        dotnet_build "$config" -v q || exit 1
    else
        log "skipping the build (--no-build)"
    fi

    local api_dll web_exe
    api_dll="$(api_bin_dir)/BankOffice.Api.dll"
    web_exe="$(web_bin_dir)/BankOffice.Web"
    [ -f "$api_dll" ] || die "API build output not found: ${api_dll#"$BO_ROOT"/} (build first, without --no-build)"
    [ -x "$web_exe" ] || die "Web build output not found: ${web_exe#"$BO_ROOT"/} (build first, without --no-build)"

    local aspnet_env="${ASPNETCORE_ENVIRONMENT:-Production}"
    local api_url="http://127.0.0.1:$aport" web_url="http://127.0.0.1:$wport"

    # The hosts run with their build output directory as working directory (content root),
    # as a published app would; configuration comes from the environment below.
    start_bg "API" "$(api_bin_dir)" "$BO_API_LOG" "$BO_API_PIDFILE" \
        env ASPNETCORE_ENVIRONMENT="$aspnet_env" \
            ConnectionStrings__BankOffice="$BO_CONN" \
            Seed__DemoData=true \
            Seed__DemoPassword="$(demo_password)" \
            dotnet "$api_dll" --urls "$api_url"
    local api_pid="$BO_LAST_PID"
    printf '%s\n' "$api_url" > "$BO_RUN/api.url"
    wait_health "API" "$api_url/health" "$api_pid" "$BO_API_LOG" "${BANKOFFICE_START_TIMEOUT:-120}"

    start_bg "Web" "$(web_bin_dir)" "$BO_WEB_LOG" "$BO_WEB_PIDFILE" \
        env ASPNETCORE_ENVIRONMENT="$aspnet_env" \
            Api__BaseUrl="$api_url" \
            "$web_exe" --urls "$web_url"
    local web_pid="$BO_LAST_PID"
    printf '%s\n' "$web_url" > "$BO_RUN/web.url"
    wait_health "Web" "$web_url/health" "$web_pid" "$BO_WEB_LOG" "${BANKOFFICE_START_TIMEOUT:-120}"

    cat <<EOF

[bankoffice] BankOffice is running ($config, ASPNETCORE_ENVIRONMENT=$aspnet_env)
    Web UI:    $web_url
    API:       $api_url
    API docs:  $api_url/swagger
    Database:  $BO_DB_DESC
    Logs:      .data/logs/api.log, .data/logs/web.log
EOF
    print_demo_logins
    printf '\n'

    if [ "$background" -eq 1 ]; then
        trap - EXIT INT TERM
        log "running in the background; stop with: ./bankoffice stop"
        return 0
    fi

    log "press Ctrl-C to stop (Web, API$( [ "$BO_STARTED_PG" = "1" ] && printf ', PostgreSQL'))"
    while :; do
        if ! pid_alive "$api_pid"; then
            tail -n 40 "$BO_API_LOG" >&2 || true
            die "the API (pid $api_pid) exited unexpectedly; see .data/logs/api.log"
        fi
        if ! pid_alive "$web_pid"; then
            tail -n 40 "$BO_WEB_LOG" >&2 || true
            die "the Web (pid $web_pid) exited unexpectedly; see .data/logs/web.log"
        fi
        sleep 2 &
        wait $! || true
    done
}

cmd_stop() {
    ensure_dirs
    local any=0
    [ -n "$(running_pid "$BO_WEB_PIDFILE" "$BO_WEB_MATCH")" ] && any=1
    [ -n "$(running_pid "$BO_API_PIDFILE" "$BO_API_MATCH")" ] && any=1
    [ -n "$(pg_cluster_pid "$BO_DEV_PG_DIR")" ] && any=1
    [ -n "$(pg_cluster_pid "$BO_DATA/pg-test")" ] && any=1
    stop_pidfile "Web" "$BO_WEB_PIDFILE" "$BO_WEB_MATCH"
    stop_pidfile "API" "$BO_API_PIDFILE" "$BO_API_MATCH"
    rm -f "$BO_RUN/api.url" "$BO_RUN/web.url"
    pg_stop "PostgreSQL (.data/pg)" "$BO_DEV_PG_DIR" "$BO_DEV_PG_PIDFILE"
    # a test cluster left behind by an interrupted './bankoffice test'
    pg_stop "test PostgreSQL (.data/pg-test)" "$BO_DATA/pg-test" "$BO_RUN/pg-test.pid"
    if [ "$any" -eq 1 ]; then log "stopped"; else log "nothing was running"; fi
}

status_line() {
    local name="$1" pid="$2" extra="${3:-}"
    if [ -n "$pid" ]; then
        printf '    %-22s running (pid %s)%s\n' "$name" "$pid" "$extra"
    else
        printf '    %-22s not running\n' "$name"
    fi
}

# recorded_url NAME DEFAULT_PORT -> the URL the running host was started with
recorded_url() {
    local url=""
    [ -f "$BO_RUN/$1.url" ] && read -r url < "$BO_RUN/$1.url" || true
    printf '%s\n' "${url:-http://127.0.0.1:$2}"
}

health_of() {
    local code
    code="$(curl -s -o /dev/null -m 3 -w '%{http_code}' "$1/health" 2>/dev/null || true)"
    printf ', %s/health -> %s' "$1" "${code:-no answer}"
}

cmd_status() {
    local pid extra
    printf '[bankoffice] status\n'
    pid="$(running_pid "$BO_API_PIDFILE" "$BO_API_MATCH")"
    extra=""; [ -z "$pid" ] || extra="$(health_of "$(recorded_url api "$(api_port)")")"
    status_line "API" "$pid" "$extra"
    pid="$(running_pid "$BO_WEB_PIDFILE" "$BO_WEB_MATCH")"
    extra=""; [ -z "$pid" ] || extra="$(health_of "$(recorded_url web "$(web_port)")")"
    status_line "Web" "$pid" "$extra"
    pid="$(pg_cluster_pid "$BO_DEV_PG_DIR")"
    extra=""; [ -z "$pid" ] || extra=", 127.0.0.1:$(pg_cluster_port "$BO_DEV_PG_DIR")"
    status_line "PostgreSQL (.data/pg)" "$pid" "$extra"
    pid="$(pg_cluster_pid "$BO_DATA/pg-test")"
    if [ -n "$pid" ]; then
        status_line "test PostgreSQL" "$pid" ", 127.0.0.1:$(pg_cluster_port "$BO_DATA/pg-test")"
    fi
    if [ -n "$(config_value ConnectionStrings:BankOffice)" ]; then
        printf '    (a connection string is configured: run uses it and starts no local PostgreSQL)\n'
    fi
}

# ./bankoffice psql [ARGS...]: psql into the running dev database
cmd_psql() {
    local pid port
    pid="$(pg_cluster_pid "$BO_DEV_PG_DIR")"
    [ -n "$pid" ] || die "the project PostgreSQL (.data/pg) is not running; start it with './bankoffice run'"
    port="$(pg_cluster_port "$BO_DEV_PG_DIR")"
    PGPASSWORD="$(head -n 1 "$BO_DEV_PG_PWFILE")" exec "$(pg_bin_dir)/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$BO_DEV_DB" "$@"
}
