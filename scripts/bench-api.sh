#!/usr/bin/env bash
# Load figures for the API with wrk (Debian package), against a running API on loopback.
#
#   RateLimits__PerSecond=1000000 RateLimits__PerMinute=100000000 RateLimits__PerHour=1000000000 \
#     ./bankoffice run -d            # per-user limits would otherwise answer 429 within a second
#   scripts/bench-api.sh [API_URL]   # default http://127.0.0.1:5080
#
# BENCH_DURATION (10s), BENCH_CONNECTIONS (16); BENCH_WRITES=1 also times POST /accounts, which
# opens real accounts in that database. Reads use the demo teller's token.
set -euo pipefail

api="${1:-http://127.0.0.1:5080}"
password="${Seed__DemoPassword:-Demo!Pass2026}"
duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-16}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

json() { python3 -c "import sys,json; print(eval('json.load(sys.stdin)' + sys.argv[1]))" "$1"; }
token="$(curl -sf -X POST "$api/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"teller@bankoffice.local\",\"password\":\"$password\"}" | json '["accessToken"]')"
auth="Authorization: Bearer $token"
account="$(curl -sf "$api/api/v1/accounts?size=1" -H "$auth" | json '["data"][0]["accountNumber"]')"
customer="$(curl -sf "$api/api/v1/accounts?size=1" -H "$auth" | json '["data"][0]["customerId"]')"

bench() {
    local name="$1"; shift
    echo "== $name"
    wrk -t2 -c"$connections" -d"$duration" --latency "$@" | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx' || true
}

echo "API $api, $connections connections, $duration each, $(nproc) cores"
bench "GET /api/v1/accounts (page of 20, newest first)" -H "$auth" "$api/api/v1/accounts?size=20"
bench "GET /api/v1/accounts?search=… (trigram name search)" -H "$auth" "$api/api/v1/accounts?search=y%C4%B1lmaz&size=20"
bench "GET /api/v1/accounts/{accountNumber}" -H "$auth" "$api/api/v1/accounts/$account"
bench "GET /api/v1/customers (page of 20)" -H "$auth" "$api/api/v1/customers?size=20"
if [ "${BENCH_WRITES:-0}" = "1" ]; then
    script="$(mktemp)"
    trap 'rm -f "$script"' EXIT
    cat > "$script" <<LUA
wrk.method = "POST"
wrk.body = '{"customerId":"$customer","accountType":"SAVINGS","currency":"EUR"}'
wrk.headers["Content-Type"] = "application/json"
LUA
    bench "POST /api/v1/accounts (opens accounts)" -H "$auth" -s "$script" "$api/api/v1/accounts"
fi
