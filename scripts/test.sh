# shellcheck shell=bash
# ./bankoffice test: throwaway PostgreSQL, build, dotnet test, totals from the TRX files.
# Sourced by ./bankoffice.

BO_TEST_PG_DIR="$BO_DATA/pg-test"
BO_TEST_PG_LOG="$BO_DATA/pg-test.log"
BO_TEST_PG_PIDFILE="$BO_RUN/pg-test.pid"
BO_TEST_RESULTS="$BO_DATA/test-results"

# start_test_pg: fresh cluster tuned for speed; exports BANKOFFICE_TEST_PG
start_test_pg() {
    local password port
    # a cluster left behind by an interrupted run
    pg_stop "stale test PostgreSQL" "$BO_TEST_PG_DIR" "$BO_TEST_PG_PIDFILE"
    rm -rf "$BO_TEST_PG_DIR"
    : > "$BO_TEST_PG_LOG"

    password="$(random_password)"
    (umask 077; printf '%s\n' "$password" > "$BO_DATA/pg-test.password")
    pg_init "$BO_TEST_PG_DIR" "$password"

    port="$(free_port "${BANKOFFICE_TEST_PG_PORT:-55432}")" \
        || die "no free port found from ${BANKOFFICE_TEST_PG_PORT:-55432} upwards for the test PostgreSQL"
    BO_TEST_PG_STARTED=1
    pg_start "$BO_TEST_PG_DIR" "$port" "$BO_TEST_PG_LOG" \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c max_connections=300 -c shared_buffers=256MB
    printf '%s\n' "$BO_PG_PID" > "$BO_TEST_PG_PIDFILE"
    [ "$(pg_psql "$port" "$password" postgres "SELECT 1")" = "1" ] \
        || die "cannot connect to the test PostgreSQL on 127.0.0.1:$port"

    export BANKOFFICE_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
    log "test PostgreSQL ready on 127.0.0.1:$port (pid $BO_PG_PID)"
}

BO_TEST_CLEANED=0
test_cleanup() {
    [ "$BO_TEST_CLEANED" -eq 0 ] || return 0
    BO_TEST_CLEANED=1
    # Kafka 0.9 brokers of the compatibility tests: each test host stops its own; this catches one whose
    # host was killed before its watchdog noticed.
    local state
    for state in "$BO_DATA"/kafka09-test/*/; do
        [ -d "$state" ] || continue
        kafka09_stop_state "${state%/}"
        rm -rf "$state"
    done
    if [ "${BO_TEST_PG_STARTED:-0}" = "1" ]; then
        pg_stop "test PostgreSQL" "$BO_TEST_PG_DIR" "$BO_TEST_PG_PIDFILE"
    fi
}

test_on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    test_cleanup
    exit "$rc"
}

# trx_totals DIR -> prints "FILES TOTAL PASSED FAILED SKIPPED" summed over all *.trx files.
# failed counts failed+error+timeout+aborted; skipped counts notExecuted (skipped tests).
trx_totals() {
    python3 - "$1" <<'PY'
import glob, os, re, sys
files = passed = failed = skipped = total = 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True)):
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        text = f.read()
    m = re.search(r"<Counters\b([^>]*)>", text)
    if not m:
        continue
    c = {k: int(v) for k, v in re.findall(r'(\w+)="(\d+)"', m.group(1))}
    files += 1
    total += c.get("total", 0)
    passed += c.get("passed", 0)
    failed += c.get("failed", 0) + c.get("error", 0) + c.get("timeout", 0) + c.get("aborted", 0)
    # The TRX logger counts skipped tests in `total` but leaves the notExecuted counter at 0,
    # so also count the results whose outcome is NotExecuted and take the larger.
    not_executed = len(re.findall(r'<UnitTestResult\b[^>]*\boutcome="NotExecuted"', text))
    skipped += max(c.get("notExecuted", 0), not_executed)
print(files, total, passed, failed, skipped)
PY
}

cmd_test() {
    local started=$SECONDS build=1 config rc=0 verdict=""
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --no-build) build=0; shift ;;
            -h|--help) usage; return 0 ;;
            --) shift; break ;;
            *) break ;;
        esac
    done
    config="$(bo_config)"

    ensure_dirs
    ensure_deps
    require_dotnet
    require_solution

    BO_TEST_PG_STARTED=0
    trap test_on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    start_test_pg
    # The Kafka 0.9 compatibility tests start their broker through scripts/kafka09.sh, which would install it
    # too; done here so its download is not in a test's time and a failure shows up early, in plain words.
    # Not fatal here: those tests then fail with the same reason, and the others still run.
    ( kafka09_install ) || warn "the Kafka 0.9 test broker could not be installed (reason above); its compatibility tests will fail"
    export BANKOFFICE_CHROMIUM="${BANKOFFICE_CHROMIUM:-/usr/bin/chromium}"
    export BANKOFFICE_CONFIGURATION="$config"
    log "BANKOFFICE_TEST_PG=$(mask_password "$BANKOFFICE_TEST_PG")"
    log "BANKOFFICE_CHROMIUM=$BANKOFFICE_CHROMIUM BANKOFFICE_CONFIGURATION=$BANKOFFICE_CONFIGURATION"

    local files=0 total=0 passed=0 failed=0 skipped=0
    if [ "$build" -eq 1 ] && ! dotnet_build "$config"; then
        verdict="build failed"
    else
        rm -rf "$BO_TEST_RESULTS"
        mkdir -p "$BO_TEST_RESULTS"
        # One test project at a time (-m:1): on 2 cores the ledger's concurrency tests and the browser
        # tests running side by side starve each other into timeouts.
        log "running: dotnet test BankOffice.sln -c $config --no-build -m:1 $*"
        dotnet test "$BO_SLN" -c "$config" --no-build -m:1 \
            --logger "trx" --logger "console;verbosity=normal" \
            --results-directory "$BO_TEST_RESULTS" "$@" || rc=$?
        read -r files total passed failed skipped < <(trx_totals "$BO_TEST_RESULTS")
        if [ "$files" -eq 0 ] || [ "$total" -eq 0 ]; then
            verdict="no tests were found/run (dotnet test exit code $rc, $files TRX file(s))"
        elif [ "$failed" -gt 0 ]; then
            verdict="$failed test(s) failed"
        elif [ "$rc" -ne 0 ]; then
            verdict="dotnet test exited with code $rc (a test host crash or a project without results?)"
        fi
    fi

    # stop the services now, so the totals line stays the last line of the output
    test_cleanup
    trap - EXIT INT TERM

    log "TRX files: ${BO_TEST_RESULTS#"$BO_ROOT"/}/ ($files)"
    log "took $(fmt_duration $(( SECONDS - started )))"
    if [ -n "$verdict" ]; then
        log "FAILED: $verdict"
    else
        log "all tests passed"
    fi
    printf '%s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped"
    [ -z "$verdict" ]
}
