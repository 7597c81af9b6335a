# shellcheck shell=bash
# ./bankoffice bench postings|collections|close|statements|events: the benchmarks. Sourced by ./bankoffice.
#
# A throwaway PostgreSQL (.data/pg-bench, default durability settings), the Release API against a
# fresh database `bench`, the C# driver (tools/BankOffice.Bench) timing transfers over HTTP, then
# pgbench running the same SQL (scripts/bench/transfer.sql) with the same client counts, and a table
# comparing both. See README "## Posting benchmark". The collections and close benchmarks reuse the
# same stack (bench_start_stack).

BO_BENCH_PG_DIR="$BO_DATA/pg-bench"
BO_BENCH_PG_LOG="$BO_DATA/pg-bench.log"
BO_BENCH_PG_PIDFILE="$BO_RUN/pg-bench.pid"
BO_BENCH_API_PIDFILE="$BO_RUN/bench-api.pid"
BO_BENCH_API_LOG="$BO_LOGS/bench-api.log"
BO_BENCH_OUT="$BO_DATA/bench"
BO_BENCH_DB="bench"

bench_usage() {
    cat <<'EOF'
Usage: ./bankoffice bench postings [--clients 1,8,32] [--seconds 15] [--accounts 100] [--warmup 2] [--no-build]
       ./bankoffice bench collections [--customers 1000,10000] [--seconds 10] [--connections 8] [--no-build]
       ./bankoffice bench close [--accounts 10000,100000] [--postings 20] [--timeout 3600] [--command-timeout S] [--statements pdf[,excel,csv]]
                                [--conn-extra 'Options=-c jit=off'] [--no-build]
       ./bankoffice bench statements [--lines 100,1000,10000] [--formats json,csv,excel,pdf] [--runs 5] [--warmup 1] [--no-build]
       ./bankoffice bench events [--messages 10000,100000] [--keys 100] [--publishers 1,2] [--batch 200] [--poll-ms 1000]
                                 [--rate 1000] [--seconds 10] [--no-build]

postings: times transfers through the API (HTTP, auth, JSON, EF/Npgsql) and the same SQL through
pgbench. collections: grows the book to each customer count (4 invoices each, most past due) and
times the collections queue, a customer's collections page and the credit reviews due with wrk. close: for each account count, a fresh stack with that many
accounts and M postings each in the last complete month (scripts/bench/close-seed.sql), then that
month's close through the API, timed step by step, and the ledger check (--command-timeout sets
Npgsql's Command Timeout for the bench API, default the product's 30 s; --conn-extra appends to the
bench API's connection string, e.g. 'Options=-c jit=off' to try a server setting; --statements then
runs and times the period's statement run in those formats, with the stored files' sizes).
All run on a throwaway PostgreSQL (.data/pg-bench) with default settings; output: .data/bench/.
statements: no database; renders synthetic statements of each line count in-process with the API's
own writers (tools/BankOffice.StatementBench; also html; pdf prints with Chromium) and prints median
time, bytes and lines/s per format (.data/bench/statements.txt, one file of each in .data/bench/statements/).
events: no API; the API's outbox publisher in-process (tools/BankOffice.EventBench) on a throwaway
PostgreSQL and a librdkafka mock cluster: N messages over K keys drained by 1 and 2 publishers
(messages/s, time in the backlog), then a steady R messages/s while they run (commit-to-ack latency
percentiles); each run checks the topic holds exactly what was sent (.data/bench/events.txt).
EOF
}

# bench_pg_ticks POSTMASTER_PID -> CPU ticks (1/100 s) of the cluster: the postmaster, the children it
# already reaped (ended backends) and its live children
bench_pg_ticks() {
    # cat, not awk on the files: a process may end between the glob and the read (mawk stops there)
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } \
        | awk -v pm="$1" '$1 == pm { t += $14 + $15 + $16 + $17 } $4 == pm { t += $14 + $15 } END { print t + 0 }'

}

# bench_child_ticks -> CPU ticks of the children this shell has reaped (pgbench runs)
bench_child_ticks() {
    awk '{ print $16 + $17 }' "/proc/$$/stat"
}

# bench_start_api DLL URL CONNECTION_STRING [NAME=VALUE...]: the Release API with lifted per-user rate
# limits and any extra settings (environment variables); sets BO_LAST_PID
bench_start_api() {
    local dll="$1" url="$2" conn="$3"
    shift 3
    start_bg "bench API" "$(api_bin_dir)" "$BO_BENCH_API_LOG" "$BO_BENCH_API_PIDFILE" \
        env ASPNETCORE_ENVIRONMENT=Production \
            ConnectionStrings__BankOffice="$conn" \
            Seed__DemoData=true \
            Seed__DemoPassword="$(demo_password)" \
            RateLimits__PerSecond=100000000 RateLimits__PerMinute=1000000000 RateLimits__PerHour=1000000000 \
            "$@" \
            dotnet "$dll" --urls "$url"
}

# bench_wait_api URL PID: success once /health answers 200; failure when the process exits first
bench_wait_api() {
    local url="$1" pid="$2" deadline code
    deadline=$(( SECONDS + ${BANKOFFICE_START_TIMEOUT:-120} ))
    log "waiting for the bench API at $url/health"
    while [ "$SECONDS" -lt "$deadline" ]; do
        if ! pid_alive "$pid"; then
            wait "$pid" 2>/dev/null || true
            return 1
        fi
        code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url/health" 2>/dev/null || true)"
        if [ "$code" = "200" ]; then log "bench API is up"; return 0; fi
        sleep 1
    done
    die "the bench API did not answer 200 on $url/health in time; see ${BO_BENCH_API_LOG#"$BO_ROOT"/}"
}

BO_BENCH_CLEANED=0
bench_cleanup() {
    [ "$BO_BENCH_CLEANED" -eq 0 ] || return 0
    BO_BENCH_CLEANED=1
    stop_pidfile "bench API" "$BO_BENCH_API_PIDFILE" "$BO_API_MATCH"
    if [ "${BO_BENCH_PG_STARTED:-0}" = "1" ]; then
        pg_stop "bench PostgreSQL" "$BO_BENCH_PG_DIR" "$BO_BENCH_PG_PIDFILE"
    fi
}

bench_on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    bench_cleanup
    exit "$rc"
}

# bench_start_stack API_DLL [NAME=VALUE...]: a fresh throwaway PostgreSQL (default durability settings)
# with a database `bench`, and the Release API on it with demo data (and the extra settings); sets
# BENCH_PASSWORD, BENCH_PG_PORT, BENCH_PG_PID, BENCH_API_URL, BENCH_API_PID. Both are stopped by
# bench_cleanup (also on Ctrl-C or failure); calling it again after bench_cleanup starts a new stack.
bench_start_stack() {
    local api_dll="$1" api_port api_url
    shift
    bench_start_pg
    api_port="$(free_port "${BANKOFFICE_BENCH_API_PORT:-5180}")" || die "no free port for the bench API"
    api_url="http://127.0.0.1:$api_port"
    : > "$BO_BENCH_API_LOG"
    bench_start_api "$api_dll" "$api_url" "$BENCH_CONN" "$@"
    bench_wait_api "$api_url" "$BO_LAST_PID" \
        || { tail -n 60 "$BO_BENCH_API_LOG" >&2; die "the bench API exited during start-up; see ${BO_BENCH_API_LOG#"$BO_ROOT"/}"; }

    BENCH_API_URL="$api_url"; BENCH_API_PID="$BO_LAST_PID"
}

# bench_start_pg: a fresh throwaway PostgreSQL (default durability settings) with a database `bench`;
# sets BENCH_PASSWORD, BENCH_PG_PORT, BENCH_PG_PID and BENCH_CONN (with BENCH_CONN_EXTRA). Stopped by
# bench_cleanup, also on Ctrl-C or failure; a stale one from an interrupted run is stopped first.
bench_start_pg() {
    local password pg_port
    BO_BENCH_PG_STARTED=0
    BO_BENCH_CLEANED=0
    trap bench_on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    stop_pidfile "stale bench API" "$BO_BENCH_API_PIDFILE" "$BO_API_MATCH"
    pg_stop "stale bench PostgreSQL" "$BO_BENCH_PG_DIR" "$BO_BENCH_PG_PIDFILE"
    rm -rf "$BO_BENCH_PG_DIR"
    : > "$BO_BENCH_PG_LOG"
    password="$(random_password)"
    pg_init "$BO_BENCH_PG_DIR" "$password"
    pg_port="$(free_port "${BANKOFFICE_BENCH_PG_PORT:-56432}")" || die "no free port for the bench PostgreSQL"
    BO_BENCH_PG_STARTED=1
    # default durability (fsync, synchronous_commit, full_page_writes all on); only logging of
    # checkpoints is made visible, so a checkpoint inside a measured window shows in the log
    pg_start "$BO_BENCH_PG_DIR" "$pg_port" "$BO_BENCH_PG_LOG" -c log_checkpoints=on
    printf '%s\n' "$BO_PG_PID" > "$BO_BENCH_PG_PIDFILE"
    pg_psql "$pg_port" "$password" postgres "CREATE DATABASE $BO_BENCH_DB" > /dev/null

    BENCH_PASSWORD="$password"; BENCH_PG_PORT="$pg_port"; BENCH_PG_PID="$BO_PG_PID"
    BENCH_CONN="Host=127.0.0.1;Port=$pg_port;Database=$BO_BENCH_DB;Username=postgres;Password=$password${BENCH_CONN_EXTRA:+;$BENCH_CONN_EXTRA}"
}

# bench_build_tool NAME CONFIG BUILD: builds tools/NAME (when BUILD is 1) and sets BO_TOOL_DLL to its
# dll, or stops when there is none (a --no-build run before any build).
bench_build_tool() {
    local name="$1" config="$2" build="$3"
    BO_TOOL_DLL="$BO_ROOT/tools/$name/bin/$config/net10.0/$name.dll"
    if [ "$build" -eq 1 ]; then
        log "building tools/$name ($config)"
        dotnet build "$BO_ROOT/tools/$name/$name.csproj" -c "$config" -nologo -v q || die "build of tools/$name failed (errors above)"
    fi
    [ -f "$BO_TOOL_DLL" ] || die "tools/$name not built: ${BO_TOOL_DLL#"$BO_ROOT"/} (run without --no-build)"
}

cmd_bench() {
    local what="${1:-}"
    [ "$#" -gt 0 ] && shift
    case "$what" in
        postings) bench_postings "$@" ;;
        collections) bench_collections "$@" ;;
        close) bench_close "$@" ;;
        statements) bench_statements "$@" ;;
        events) bench_events "$@" ;;
        ''|-h|--help|help) bench_usage ;;
        *) bench_usage >&2; die "unknown benchmark: $what (postings, collections, close, statements or events)" ;;
    esac
}

bench_postings() {
    local clients="1,8,32" seconds=15 accounts=100 warmup=2 build=1
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --clients)  clients="${2:?--clients needs a value}"; shift 2 ;;
            --seconds)  seconds="${2:?--seconds needs a value}"; shift 2 ;;
            --accounts) accounts="${2:?--accounts needs a value}"; shift 2 ;;
            --warmup)   warmup="${2:?--warmup needs a value}"; shift 2 ;;
            --no-build) build=0; shift ;;
            -h|--help)  bench_usage; return 0 ;;
            *) bench_usage >&2; die "unknown option for bench postings: $1" ;;
        esac
    done
    [[ "$clients" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--clients is a comma-separated list of numbers, e.g. 1,8,32"
    [[ "$seconds" =~ ^[1-9][0-9]*$ ]] || die "--seconds is a positive number"
    [[ "$accounts" =~ ^[1-9][0-9]*$ && "$accounts" -ge 2 ]] || die "--accounts is a number >= 2"
    [[ "$warmup" =~ ^[0-9]+$ ]] || die "--warmup is a number of seconds"

    local started=$SECONDS config pgbin
    config="$(bo_config)"
    ensure_dirs
    ensure_deps
    require_dotnet
    pgbin="$(pg_bin_dir)"
    [ -x "$pgbin/pgbench" ] || die "pgbench not found in $pgbin"
    mkdir -p "$BO_BENCH_OUT"
    rm -f "$BO_BENCH_OUT"/api.tsv "$BO_BENCH_OUT"/pgbench.tsv "$BO_BENCH_OUT"/accounts.txt "$BO_BENCH_OUT"/pgbench-*.log

    local api_dll bench_dll
    api_dll="$(api_bin_dir)/BankOffice.Api.dll"
    bench_dll="$BO_ROOT/tools/BankOffice.Bench/bin/$config/net10.0/BankOffice.Bench.dll"
    if [ "$build" -eq 1 ]; then
        log "building BankOffice.Api and tools/BankOffice.Bench ($config)"
        dotnet build "$BO_ROOT/BankOffice.Api/BankOffice.Api.csproj" -c "$config" -nologo -v q || die "build of the API failed (errors above)"
        dotnet build "$BO_ROOT/tools/BankOffice.Bench/BankOffice.Bench.csproj" -c "$config" -nologo -v q || die "build of the bench driver failed (errors above)"
    fi
    [ -f "$api_dll" ] || die "API build output not found: ${api_dll#"$BO_ROOT"/} (run without --no-build)"
    [ -f "$bench_dll" ] || die "bench driver not found: ${bench_dll#"$BO_ROOT"/} (run without --no-build)"

    bench_start_stack "$api_dll"
    local password="$BENCH_PASSWORD" pg_port="$BENCH_PG_PORT" api_url="$BENCH_API_URL" api_pid="$BENCH_API_PID" pg_pid="$BENCH_PG_PID"

    local settings
    settings="$(pg_psql "$pg_port" "$password" "$BO_BENCH_DB" \
        "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','shared_buffers','max_connections','wal_sync_method')")"
    log "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'): $settings"

    # 1. over HTTP
    log "API run: $accounts accounts, clients $clients, ${warmup}s warm-up + ${seconds}s each"
    dotnet "$bench_dll" postings --api "$api_url" --accounts "$accounts" --seconds "$seconds" --warmup "$warmup" \
        --clients "$clients" --password "$(demo_password)" \
        --accounts-out "$BO_BENCH_OUT/accounts.txt" --results-out "$BO_BENCH_OUT/api.tsv" \
        --api-pid "$api_pid" --pg-pid "$pg_pid" \
        || die "the API run failed (see above; API log: ${BO_BENCH_API_LOG#"$BO_ROOT"/})"

    # 2. the same SQL through pgbench, on the same accounts
    local n userid actor
    n="$(wc -l < "$BO_BENCH_OUT/accounts.txt")"
    [ "$n" -eq "$accounts" ] || die "expected $accounts account numbers in .data/bench/accounts.txt, found $n"
    {
        printf 'CREATE TABLE bench_accounts (n int PRIMARY KEY, number text NOT NULL);\n'
        printf 'INSERT INTO bench_accounts (n, number) VALUES\n'
        awk '{ printf "%s(%d, '"'"'%s'"'"')", (NR > 1 ? ",\n" : ""), NR, $1 } END { print ";" }' "$BO_BENCH_OUT/accounts.txt"
        printf 'ANALYZE bench_accounts;\n'
    } | PGPASSWORD="$password" "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d "$BO_BENCH_DB" \
        || die "could not load bench_accounts"
    actor="teller@bankoffice.local"
    userid="$(pg_psql "$pg_port" "$password" "$BO_BENCH_DB" "SELECT id FROM users WHERE normalized_email = upper('$actor')")"
    [ -n "$userid" ] || die "the demo teller was not found in the bench database"

    local c jobs out tps lat failed pg0 pg1 cl0 cl1 t0 t1
    : > "$BO_BENCH_OUT/pgbench.tsv"
    for c in ${clients//,/ }; do
        jobs=$(( c < 2 ? c : 2 ))
        # Simple query protocol: the script's compound commands (one round trip per API batch) need it.
        local pgb=(env PGPASSWORD="$password" "$pgbin/pgbench" -n -f "$BO_ROOT/scripts/bench/transfer.sql"
                   -c "$c" -j "$jobs" -D naccounts="$n" -D userid="$userid" -D actor="$actor"
                   -h 127.0.0.1 -p "$pg_port" -U postgres "$BO_BENCH_DB")
        if [ "$warmup" -gt 0 ]; then
            "${pgb[@]}" -T "$warmup" > "$BO_BENCH_OUT/pgbench-warmup-$c.log" 2>&1 \
                || { cat "$BO_BENCH_OUT/pgbench-warmup-$c.log" >&2; die "pgbench warm-up failed for C=$c"; }
        fi
        pg0="$(bench_pg_ticks "$pg_pid")"; cl0="$(bench_child_ticks)"; t0="$(date +%s.%N)"
        "${pgb[@]}" -T "$seconds" > "$BO_BENCH_OUT/pgbench-$c.log" 2>&1 \
            || { cat "$BO_BENCH_OUT/pgbench-$c.log" >&2; die "pgbench failed for C=$c"; }
        t1="$(date +%s.%N)"; pg1="$(bench_pg_ticks "$pg_pid")"; cl1="$(bench_child_ticks)"
        out="$(cat "$BO_BENCH_OUT/pgbench-$c.log")"
        tps="$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<< "$out" | head -n 1)"
        lat="$(sed -nE 's/^latency average = ([0-9.]+) ms.*/\1/p' <<< "$out" | head -n 1)"
        failed="$(sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p' <<< "$out" | head -n 1)"
        printf '  C=%-3s pgbench: %s tps, latency average %s ms, failed transactions %s; CPU: PostgreSQL %s s, pgbench %s s over %.1f s\n' \
            "$c" "$tps" "$lat" "${failed:-0}" "$(awk -v t=$(( pg1 - pg0 )) 'BEGIN{printf "%.2f", t/100}')" \
            "$(awk -v t=$(( cl1 - cl0 )) 'BEGIN{printf "%.2f", t/100}')" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$tps" "$lat" "${failed:-0}" \
            "$(( pg1 - pg0 ))" "$(( cl1 - cl0 ))" "$seconds" >> "$BO_BENCH_OUT/pgbench.tsv"
    done

    # 3. the books must still balance after both runs
    local ledger_ok=1
    dotnet "$bench_dll" ledger-check --api "$api_url" --password "$(demo_password)" || ledger_ok=0

    bench_report "$accounts" "$seconds" "$warmup" "$settings" | tee "$BO_BENCH_OUT/results.txt"
    bench_cleanup
    trap - EXIT INT TERM
    log "took $(fmt_duration $(( SECONDS - started ))); raw results and pgbench logs in .data/bench/"
    [ "$ledger_ok" -eq 1 ] || die "the ledger check after pgbench FAILED"
}

# bench_prepare_api BUILD: dependencies, output folder and (when BUILD is 1) the API's build, for the
# benches that run the API alone; sets BENCH_PGBIN and BENCH_API_DLL.
bench_prepare_api() {
    local build="$1" config
    config="$(bo_config)"
    ensure_dirs
    ensure_deps
    require_dotnet
    BENCH_PGBIN="$(pg_bin_dir)"
    mkdir -p "$BO_BENCH_OUT"
    BENCH_API_DLL="$(api_bin_dir)/BankOffice.Api.dll"
    if [ "$build" -eq 1 ]; then
        log "building BankOffice.Api ($config)"
        dotnet build "$BO_ROOT/BankOffice.Api/BankOffice.Api.csproj" -c "$config" -nologo -v q || die "build of the API failed (errors above)"
    fi
    [ -f "$BENCH_API_DLL" ] || die "API build output not found: ${BENCH_API_DLL#"$BO_ROOT"/} (run without --no-build)"
}

# bench_report ACCOUNTS SECONDS WARMUP SETTINGS: the final table from .data/bench/{api,pgbench}.tsv
bench_report() {
    python3 - "$BO_BENCH_OUT/api.tsv" "$BO_BENCH_OUT/pgbench.tsv" "$1" "$2" "$3" "$4" "$(nproc)" <<'PY'
import sys
api_path, pg_path, accounts, seconds, warmup, settings, cores = sys.argv[1:8]
api = {}
for line in open(api_path):
    f = line.rstrip("\n").split("\t")
    api[f[0]] = dict(done=int(f[1]), secs=float(f[2]), tps=float(f[3]), p50=float(f[4]), p95=float(f[5]), p99=float(f[6]),
                     errors=f[8], api_cpu=f[9], pg_cpu=f[10], drv_cpu=f[11])
pg = {}
for line in open(pg_path):
    f = line.rstrip("\n").split("\t")
    pg[f[0]] = dict(tps=float(f[1] or 0), lat=float(f[2] or 0), failed=int(f[3] or 0), pg_ticks=int(f[4]), cl_ticks=int(f[5]), secs=float(f[6]))

def ms_per(cpu_s, n):
    return f"{cpu_s * 1000 / n:.2f}" if n else "-"

print()
print(f"Posting benchmark: {accounts} accounts, transfers of 0.01 TRY between random distinct pairs, "
      f"{warmup} s warm-up + {seconds} s per client count, {cores} cores; PostgreSQL {settings}")
print()
print(f"{'C':>3} | {'API tr/s':>9} | {'API p50 ms':>10} | {'API p95 ms':>10} | {'API p99 ms':>10} | {'pgbench tps':>11} | {'pgbench avg ms':>14} | {'API/SQL':>7} | errors")
print(f"{'-'*3}-+-{'-'*9}-+-{'-'*10}-+-{'-'*10}-+-{'-'*10}-+-{'-'*11}-+-{'-'*14}-+-{'-'*7}-+-------")
for c in api:
    a, p = api[c], pg.get(c)
    ratio = f"{a['tps'] / p['tps']:.2f}" if p and p['tps'] else "-"
    errs = a['errors'] if a['errors'] != "-" else "none"
    if p and p['failed']:
        errs += f"; pgbench failed {p['failed']}"
    print(f"{c:>3} | {a['tps']:>9.1f} | {a['p50']:>10.2f} | {a['p95']:>10.2f} | {a['p99']:>10.2f} | "
          f"{(p['tps'] if p else 0):>11.1f} | {(p['lat'] if p else 0):>14.3f} | {ratio:>7} | {errs}")
print()
print("CPU per transfer (ms of CPU time over the measured window, from /proc):")
print(f"{'C':>3} | {'API: dotnet API':>15} | {'API: PostgreSQL':>15} | {'API: driver':>11} | {'pgbench: PostgreSQL':>19} | {'pgbench: client':>15}")
print(f"{'-'*3}-+-{'-'*15}-+-{'-'*15}-+-{'-'*11}-+-{'-'*19}-+-{'-'*15}")
for c in api:
    a, p = api[c], pg.get(c)
    n_api = a['done']
    n_pg = p['tps'] * p['secs'] if p else 0
    def cpu(v):
        return "-" if v == "-" else ms_per(float(v), n_api)
    print(f"{c:>3} | {cpu(a['api_cpu']):>15} | {cpu(a['pg_cpu']):>15} | {cpu(a['drv_cpu']):>11} | "
          f"{(ms_per(p['pg_ticks'] / 100, n_pg) if p else '-'):>19} | {(ms_per(p['cl_ticks'] / 100, n_pg) if p else '-'):>15}")
PY
}

# bench_login URL EMAIL -> an access token for a demo user
bench_login() {
    curl -sf -X POST "$1/api/v1/auth/login" -H 'content-type: application/json' \
        -d "{\"email\":\"$2\",\"password\":\"$(demo_password)\"}" \
        | python3 -c 'import sys, json; print(json.load(sys.stdin)["accessToken"])'
}

# bench_wrk NAME SECONDS CONNECTIONS TOKEN URL -> prints one table row: req/s, p50, p99, non-2xx
bench_wrk() {
    local out
    out="$(wrk -t2 -c"$3" -d"${2}s" --timeout 30s --latency -H "Authorization: Bearer $4" "$5")"
    python3 - "$1" "$out" <<'PY'
import re, sys
name, out = sys.argv[1], sys.argv[2]
def ms(label):
    m = re.search(r"^\s+" + label + r"\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    if not m:
        return float("nan")
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
print(f"{name:<44} | {rps:>8.1f} | {ms('50%'):>8.1f} | {ms('99%'):>8.1f} | {bad.group(1) if bad else 0}")
PY
}

bench_collections() {
    local customers="1000,10000" seconds=10 connections=8 build=1
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --customers)   customers="${2:?--customers needs a value}"; shift 2 ;;
            --seconds)     seconds="${2:?--seconds needs a value}"; shift 2 ;;
            --connections) connections="${2:?--connections needs a value}"; shift 2 ;;
            --no-build)    build=0; shift ;;
            -h|--help)     bench_usage; return 0 ;;
            *) bench_usage >&2; die "unknown option for bench collections: $1" ;;
        esac
    done
    [[ "$customers" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--customers is an increasing comma-separated list, e.g. 1000,10000"
    [[ "$seconds" =~ ^[1-9][0-9]*$ && "$connections" =~ ^[1-9][0-9]*$ ]] || die "--seconds and --connections are positive numbers"
    command -v wrk > /dev/null || die "wrk is missing: apt-get install -y wrk"

    local started=$SECONDS pgbin api_dll
    bench_prepare_api "$build"
    pgbin="$BENCH_PGBIN" api_dll="$BENCH_API_DLL"

    bench_start_stack "$api_dll"
    local collector credit url="$BENCH_API_URL"
    collector="$(bench_login "$url" collector@bankoffice.local)" || die "cannot sign in as the demo collector"
    credit="$(bench_login "$url" credit@bankoffice.local)" || die "cannot sign in as the demo credit officer"

    local results="$BO_BENCH_OUT/collections.txt" previous=0 n t0
    {
        printf 'Collections benchmark: %s s per request kind, %s connections, %s cores; 4 invoices per customer\n' "$seconds" "$connections" "$(nproc)"
    } | tee "$results"
    for n in ${customers//,/ }; do
        [ "$n" -gt "$previous" ] || die "--customers must increase: $n after $previous"
        t0=$SECONDS
        PGPASSWORD="$BENCH_PASSWORD" "$pgbin/psql" -X -q -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -d "$BO_BENCH_DB" \
            -v first=$(( previous + 1 )) -v last="$n" -f "$BO_ROOT/scripts/bench/collections-seed.sql" > /dev/null \
            || die "seeding $n customers failed"
        log "book grown to $n bench customers in $(( SECONDS - t0 )) s"
        {
            printf '\n%s customers (+ demo data)\n' "$n"
            printf '%-44s | %8s | %8s | %8s | %s\n' "request" "req/s" "p50 ms" "p99 ms" "non-2xx"
            bench_wrk "GET /collections/queue (page 1, by priority)" "$seconds" "$connections" "$collector" "$url/api/v1/collections/queue?size=20"
            bench_wrk "GET /collections/queue?collector=me&priority=HIGH" "$seconds" "$connections" "$collector" "$url/api/v1/collections/queue?collector=me&priority=HIGH&size=20"
            bench_wrk "GET /collections/customers/{id}" "$seconds" "$connections" "$collector" "$url/api/v1/collections/customers/C100003"
            bench_wrk "GET /credit-reviews/due (page 1)" "$seconds" "$connections" "$credit" "$url/api/v1/credit-reviews/due?size=20"
        } | tee -a "$results"
        previous="$n"
    done

    bench_cleanup
    trap - EXIT INT TERM
    log "took $(fmt_duration $(( SECONDS - started ))); results in ${results#"$BO_ROOT"/}"
}

# Interest rates of the close benchmark's API (percent a year): every deposit type earns in TRY and
# GBP, SAVINGS and BUSINESS in EUR and USD, EUR and USD CHECKING earn nothing (so most accounts, not
# all, get an INTEREST entry); LOANs are charged. Written over PeriodClose:InterestRates 0-15.
BO_BENCH_CLOSE_RATES=(
    "SAVINGS TRY 40 ACT_365F" "CHECKING TRY 5 ACT_365F" "BUSINESS TRY 10 ACT_365F" "LOAN TRY 55 ACT_365F"
    "SAVINGS EUR 2.5 ACT_360" "CHECKING EUR 0 ACT_360" "BUSINESS EUR 1 ACT_360" "LOAN EUR 6.5 ACT_360"
    "SAVINGS USD 3.5 ACT_360" "CHECKING USD 0 ACT_360" "BUSINESS USD 1.5 ACT_360" "LOAN USD 8 ACT_360"
    "SAVINGS GBP 3 ACT_365F" "CHECKING GBP 0.5 ACT_365F" "BUSINESS GBP 1 ACT_365F" "LOAN GBP 7 ACT_365F"
)

bench_close() {
    local accounts="10000,100000" postings=20 timeout=3600 command_timeout="" conn_extra="" build=1 statements=""
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --conn-extra) conn_extra="${2:?--conn-extra needs a value}"; shift 2 ;;
            --command-timeout) command_timeout="${2:?--command-timeout needs a value}"; shift 2 ;;
            --accounts) accounts="${2:?--accounts needs a value}"; shift 2 ;;
            --postings) postings="${2:?--postings needs a value}"; shift 2 ;;
            --timeout)  timeout="${2:?--timeout needs a value}"; shift 2 ;;
            --statements) statements="${2:?--statements needs formats, e.g. pdf or pdf,excel}"; shift 2 ;;
            --no-build) build=0; shift ;;
            -h|--help)  bench_usage; return 0 ;;
            *) bench_usage >&2; die "unknown option for bench close: $1" ;;
        esac
    done
    [[ "$accounts" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--accounts is a comma-separated list of account counts, e.g. 10000,100000"
    [[ "$postings" =~ ^[1-9][0-9]*$ && "$postings" -le 1000 ]] || die "--postings is a number from 1 to 1000"
    [[ "$timeout" =~ ^[1-9][0-9]*$ ]] || die "--timeout is a number of seconds"
    [[ -z "$statements" || "$statements" =~ ^(pdf|excel|csv)(,(pdf|excel|csv))*$ ]] || die "--statements is a list of pdf, excel, csv"
    [[ -z "$command_timeout" || "$command_timeout" =~ ^[0-9]+$ ]] || die "--command-timeout is a number of seconds (0: none)"
    # Only the bench API's connection string changes; the product default stays what it measures.
    BENCH_CONN_EXTRA="${command_timeout:+Command Timeout=$command_timeout}"
    BENCH_CONN_EXTRA="${BENCH_CONN_EXTRA}${BENCH_CONN_EXTRA:+${conn_extra:+;}}${conn_extra}"

    local started=$SECONDS pgbin api_dll
    bench_prepare_api "$build"
    pgbin="$BENCH_PGBIN" api_dll="$BENCH_API_DLL"

    # The period to close: the last complete month before today (UTC, as the API's clock).
    local month_start period_start period_end period cutoff
    month_start="$(date -u +%Y-%m-01)"
    period_start="$(date -u -d "$month_start -1 month" +%Y-%m-%d)"
    period_end="$(date -u -d "$month_start -1 day" +%Y-%m-%d)"
    period="${period_start:0:7}"
    cutoff="${period_end}T23:59:59Z"

    # The close's own statement run would overlap the ledger check; --statements starts and times one after it.
    local settings=(Auth__AccessTokenMinutes=240 Statements__RunOnClose=false) i=0 spec type currency rate daycount
    for spec in "${BO_BENCH_CLOSE_RATES[@]}"; do
        read -r type currency rate daycount <<< "$spec"
        settings+=("PeriodClose__InterestRates__${i}__AccountType=$type" "PeriodClose__InterestRates__${i}__Currency=$currency"
                   "PeriodClose__InterestRates__${i}__AnnualRate=$rate" "PeriodClose__InterestRates__${i}__DayCount=$daycount")
        i=$(( i + 1 ))
    done

    local results="$BO_BENCH_OUT/close-results.txt" tsv="$BO_BENCH_OUT/close.tsv"
    : > "$tsv"
    {
        printf 'Close benchmark (%s, %s cores, load average %s): period %s, cut-off %s, accruals and provisions on, approvedBy manager;\n' \
            "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$period" "$cutoff"
        printf 'Npgsql Command Timeout of the bench API: %s; connection string additions: %s\n' \
            "${command_timeout:-the default (30 s)}" "${conn_extra:-none}"
        printf 'a fresh PostgreSQL (default settings) and Release API with demo data per account count; interest rates: %s\n' \
            "$(IFS=,; printf '%s' "${BO_BENCH_CLOSE_RATES[*]}")"
    } | tee "$results"

    local n failed=0 t0 seed_s counts entries lines period_entries
    for n in ${accounts//,/ }; do
        bench_start_stack "$api_dll" "${settings[@]}"
        log "seeding $n accounts x $postings postings in $period (scripts/bench/close-seed.sql)"
        t0=$SECONDS
        PGPASSWORD="$BENCH_PASSWORD" "$pgbin/psql" -X -q -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -d "$BO_BENCH_DB" \
            -v n="$n" -v m="$postings" -v period_start="$period_start" -f "$BO_ROOT/scripts/bench/close-seed.sql" > /dev/null \
            || die "seeding $n accounts failed"
        seed_s=$(( SECONDS - t0 ))
        counts="$(pg_psql "$BENCH_PG_PORT" "$BENCH_PASSWORD" "$BO_BENCH_DB" \
            "SELECT (SELECT count(*) FROM journal_entries), (SELECT count(*) FROM journal_lines),
                    (SELECT count(*) FROM journal_entries WHERE value_date BETWEEN '$period_start' AND '$period_end')")"
        IFS='|' read -r entries lines period_entries <<< "$counts"
        # Statements of 2 s or more go to the PostgreSQL log with their SQL (and, on connections
        # opened from now on, their plans from 5 s), so a slow step can be traced to its query.
        pg_psql "$BENCH_PG_PORT" "$BENCH_PASSWORD" "$BO_BENCH_DB" "ALTER SYSTEM SET log_min_duration_statement = '2s'" > /dev/null
        PGPASSWORD="$BENCH_PASSWORD" "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -d "$BO_BENCH_DB" \
            -c "LOAD 'auto_explain'" -c "ALTER SYSTEM SET auto_explain.log_min_duration = '5s'" \
            -c "ALTER SYSTEM SET session_preload_libraries = 'auto_explain'" > /dev/null \
            || warn "auto_explain is not available: slow statements are logged without their plans"
        pg_psql "$BENCH_PG_PORT" "$BENCH_PASSWORD" "$BO_BENCH_DB" "SELECT pg_reload_conf()" > /dev/null
        {
            printf '\nN=%s accounts, M=%s postings each: %s entries and %s lines in the database (%s entries dated in %s); seeded in %s s\n' \
                "$n" "$postings" "$entries" "$lines" "$period_entries" "$period" "$seed_s"
            python3 "$BO_ROOT/scripts/bench/close-run.py" run --api "$BENCH_API_URL" --period "$period" --cutoff "$cutoff" \
                --password "$(demo_password)" --accounts "$n" --postings "$postings" --entries "$entries" --lines "$lines" \
                --seed-seconds "$seed_s" --api-pid "$BENCH_API_PID" --pg-pid "$BENCH_PG_PID" --tsv "$tsv" --timeout "$timeout" \
                --statement-formats "$statements"
        } | tee -a "$results" || failed=1
        cp "$BO_BENCH_PG_LOG" "$BO_BENCH_OUT/close-$n-postgresql.log"
        cp "$BO_BENCH_API_LOG" "$BO_BENCH_OUT/close-$n-api.log"
        {
            printf '  slowest statements during the close and the ledger check (.data/bench/close-%s-postgresql.log):\n' "$n"
            python3 "$BO_ROOT/scripts/bench/close-run.py" slow "$BO_BENCH_OUT/close-$n-postgresql.log" 8
        } | tee -a "$results"
        bench_cleanup
    done

    {
        printf '\nSeconds (close: from the POST to the poll that saw the run finish; steps: startedAt to finishedAt; CPU over the close):\n'
        python3 "$BO_ROOT/scripts/bench/close-run.py" report "$tsv"
    } | tee -a "$results"
    trap - EXIT INT TERM
    log "took $(fmt_duration $(( SECONDS - started ))); results in ${results#"$BO_ROOT"/}, API log of the last run: ${BO_BENCH_API_LOG#"$BO_ROOT"/}"
    [ "$failed" -eq 0 ] || die "a close did not succeed or the ledger check after it failed (see above)"
}

# bench statements: the statement document writers in-process (tools/BankOffice.StatementBench); no
# database, no HTTP. Output: .data/bench/statements.txt and one file per format and size.
bench_statements() {
    local lines="100,1000,10000" formats="json,csv,excel,pdf" runs=5 warmup=1 build=1 config
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --lines)    lines="${2:?--lines needs a value}"; shift 2 ;;
            --formats)  formats="${2:?--formats needs a value}"; shift 2 ;;
            --runs)     runs="${2:?--runs needs a value}"; shift 2 ;;
            --warmup)   warmup="${2:?--warmup needs a value}"; shift 2 ;;
            --no-build) build=0; shift ;;
            -h|--help)  bench_usage; return 0 ;;
            *) bench_usage >&2; die "unknown option for bench statements: $1" ;;
        esac
    done
    [[ "$lines" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--lines is a comma-separated list of line counts, e.g. 100,1000,10000"
    [[ "$formats" =~ ^[a-z]+(,[a-z]+)*$ ]] || die "--formats is a comma-separated list of json, csv, excel, pdf, html"
    [[ "$runs" =~ ^[1-9][0-9]*$ && "$warmup" =~ ^[0-9]+$ ]] || die "--runs is a positive number, --warmup a number"

    local started=$SECONDS bench_dll results="$BO_BENCH_OUT/statements.txt"
    config="$(bo_config)"
    ensure_dirs
    ensure_deps
    require_dotnet
    mkdir -p "$BO_BENCH_OUT"
    bench_build_tool BankOffice.StatementBench "$config" "$build"
    bench_dll="$BO_TOOL_DLL"
    rm -rf "$BO_BENCH_OUT/statements"
    dotnet "$bench_dll" --lines "$lines" --formats "$formats" --runs "$runs" --warmup "$warmup" --out "$BO_BENCH_OUT/statements" \
        | tee "$results" || die "the statement bench failed (see above)"
    log "took $(fmt_duration $(( SECONDS - started ))); results in ${results#"$BO_ROOT"/}, files in .data/bench/statements/"
}

# bench events: the outbox publisher (tools/BankOffice.EventBench) against a fresh throwaway PostgreSQL
# (default durability settings; the tool applies the migrations) and a librdkafka mock cluster in the
# tool's own process. No API runs. Output: .data/bench/events.txt.
bench_events() {
    local messages="10000,100000" keys=100 publishers="1,2" batch=200 poll=1000 rate=1000 seconds=10 build=1 config
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --messages)   messages="${2:?--messages needs a value}"; shift 2 ;;
            --keys)       keys="${2:?--keys needs a value}"; shift 2 ;;
            --publishers) publishers="${2:?--publishers needs a value}"; shift 2 ;;
            --batch)      batch="${2:?--batch needs a value}"; shift 2 ;;
            --poll-ms)    poll="${2:?--poll-ms needs a value}"; shift 2 ;;
            --rate)       rate="${2:?--rate needs a value}"; shift 2 ;;
            --seconds)    seconds="${2:?--seconds needs a value}"; shift 2 ;;
            --no-build)   build=0; shift ;;
            -h|--help)    bench_usage; return 0 ;;
            *) bench_usage >&2; die "unknown option for bench events: $1" ;;
        esac
    done
    [[ "$messages" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--messages is a comma-separated list of message counts, e.g. 10000,100000"
    [[ "$publishers" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--publishers is a comma-separated list of publisher counts, e.g. 1,2"
    local n
    for n in "$keys" "$batch" "$poll" "$rate" "$seconds"; do
        [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "--keys, --batch, --poll-ms, --rate and --seconds are positive numbers"
    done

    local started=$SECONDS bench_dll results="$BO_BENCH_OUT/events.txt" conn rc=0
    config="$(bo_config)"
    ensure_dirs
    ensure_deps
    require_dotnet
    mkdir -p "$BO_BENCH_OUT"
    bench_build_tool BankOffice.EventBench "$config" "$build"
    bench_dll="$BO_TOOL_DLL"

    # A fresh cluster, as bench_start_stack makes, but no API: the tool runs the publishers itself.
    bench_start_pg
    conn="$BENCH_CONN"

    log "event bench: messages $messages over $keys keys, publishers $publishers, batches of $batch, poll $poll ms; steady $rate/s for $seconds s"
    {
        printf 'Event publisher benchmark (%s, load average %s), PostgreSQL %s with default settings\n' \
            "$(date -u +%Y-%m-%dT%H:%MZ)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$("$(pg_bin_dir)/postgres" --version | awk '{print $3}')"
        dotnet "$bench_dll" --connection "$conn" --messages "$messages" --keys "$keys" --publishers "$publishers" \
            --batch "$batch" --poll-ms "$poll" --rate "$rate" --seconds "$seconds"
    } | tee "$results" || rc=$? # pipefail: the tool's exit code
    bench_cleanup
    trap - EXIT INT TERM
    log "took $(fmt_duration $(( SECONDS - started ))); results in ${results#"$BO_ROOT"/}"
    [ "$rc" -eq 0 ] || die "the event bench failed or a run lost messages (see above)"
}
