# shellcheck shell=bash
# ./bankoffice bench postings: the posting benchmark. Sourced by ./bankoffice.
#
# A throwaway PostgreSQL (.data/pg-bench, default durability settings), the Release API against a
# fresh database `bench`, the C# driver (tools/BankOffice.Bench) timing transfers over HTTP, then
# pgbench running the same SQL (scripts/bench/transfer.sql) with the same client counts, and a table
# comparing both. See README "## Posting benchmark".

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

Times transfers through the API (HTTP, auth, JSON, EF/Npgsql) and the same SQL through pgbench, on a
throwaway PostgreSQL (.data/pg-bench) with default settings. Output and raw results: .data/bench/.
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

# bench_start_api DLL URL CONNECTION_STRING: the Release API with lifted per-user rate limits; sets BO_LAST_PID
bench_start_api() {
    start_bg "bench API" "$(api_bin_dir)" "$BO_BENCH_API_LOG" "$BO_BENCH_API_PIDFILE" \
        env ASPNETCORE_ENVIRONMENT=Production \
            ConnectionStrings__BankOffice="$3" \
            Seed__DemoData=true \
            Seed__DemoPassword="$(demo_password)" \
            RateLimits__PerSecond=100000000 RateLimits__PerMinute=1000000000 RateLimits__PerHour=1000000000 \
            dotnet "$1" --urls "$2"
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

cmd_bench() {
    local what="${1:-}"
    [ "$#" -gt 0 ] && shift
    case "$what" in
        postings) bench_postings "$@" ;;
        ''|-h|--help|help) bench_usage ;;
        *) bench_usage >&2; die "unknown benchmark: $what (only 'postings' exists)" ;;
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

    local started=$SECONDS config pgbin password pg_port api_port api_url conn api_pid pg_pid
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

    BO_BENCH_PG_STARTED=0
    trap bench_on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    # a fresh cluster every time; a stale one from an interrupted run is stopped first
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
    pg_pid="$BO_PG_PID"
    printf '%s\n' "$pg_pid" > "$BO_BENCH_PG_PIDFILE"
    pg_psql "$pg_port" "$password" postgres "CREATE DATABASE $BO_BENCH_DB" > /dev/null
    conn="Host=127.0.0.1;Port=$pg_port;Database=$BO_BENCH_DB;Username=postgres;Password=$password"

    api_port="$(free_port "${BANKOFFICE_BENCH_API_PORT:-5180}")" || die "no free port for the bench API"
    api_url="http://127.0.0.1:$api_port"
    : > "$BO_BENCH_API_LOG"
    bench_start_api "$api_dll" "$api_url" "$conn"
    bench_wait_api "$api_url" "$BO_LAST_PID" \
        || { tail -n 60 "$BO_BENCH_API_LOG" >&2; die "the bench API exited during start-up; see ${BO_BENCH_API_LOG#"$BO_ROOT"/}"; }
    api_pid="$BO_LAST_PID"

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
