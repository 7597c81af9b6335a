# shellcheck shell=bash
# Common helpers for ./bankoffice: paths, messages, configuration look-ups, ports, passwords.
# Sourced by ./bankoffice; not meant to be run on its own.

: "${BO_ROOT:?BO_ROOT must be set before sourcing scripts/lib.sh}"

BO_DATA="$BO_ROOT/.data"
BO_RUN="$BO_DATA/run"
BO_LOGS="$BO_DATA/logs"
BO_SLN="$BO_ROOT/BankOffice.sln"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log()  { printf '[bankoffice] %s\n' "$*"; }
warn() { printf '[bankoffice] WARNING: %s\n' "$*" >&2; }
die()  { printf '[bankoffice] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

ensure_dirs() {
    mkdir -p "$BO_DATA" "$BO_RUN" "$BO_LOGS"
    # The postgres OS user must be able to traverse .data to reach its data directories.
    chmod 755 "$BO_DATA"
}

# json_get FILE KEY[:SUBKEY...] -> prints the string value (empty when absent or not a string).
json_get() {
    local file="$1" key="$2"
    [ -f "$file" ] || return 0
    python3 - "$file" "$key" <<'PY' 2>/dev/null || true
import json, sys
path, key = sys.argv[1], sys.argv[2]
try:
    with open(path, encoding="utf-8-sig") as f:
        node = json.load(f)
    for part in key.split(":"):
        if not isinstance(node, dict):
            sys.exit(0)
        # configuration keys are case-insensitive
        match = next((k for k in node if k.lower() == part.lower()), None)
        if match is None:
            sys.exit(0)
        node = node[match]
    if isinstance(node, (str, int, float)) and not isinstance(node, bool):
        print(node)
except Exception:
    pass
PY
}

# config_value KEY (colon form, e.g. ConnectionStrings:BankOffice)
# Looks in: environment (KEY with ':' -> '__'), then appsettings.Local.json, then appsettings.json
# (repository root first, then BankOffice.Api/). Prints the first non-empty value.
config_value() {
    local key="$1" env_name value file
    env_name="${key//:/__}"
    value="${!env_name:-}"
    if [ -n "$value" ]; then printf '%s\n' "$value"; return 0; fi
    for file in "$BO_ROOT/appsettings.Local.json" "$BO_ROOT/BankOffice.Api/appsettings.Local.json" \
                "$BO_ROOT/appsettings.json" "$BO_ROOT/BankOffice.Api/appsettings.json"; do
        value="$(json_get "$file" "$key")"
        if [ -n "$value" ]; then printf '%s\n' "$value"; return 0; fi
    done
    return 0
}

demo_password() {
    local pw
    pw="$(config_value Seed:DemoPassword)"
    printf '%s\n' "${pw:-Demo!Pass2026}"
}

# port_in_use PORT -> success when something accepts TCP connections on 127.0.0.1:PORT
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port START -> prints the first free port in START..START+100
free_port() {
    local port="$1" last=$(( $1 + 100 ))
    while [ "$port" -le "$last" ]; do
        if ! port_in_use "$port"; then printf '%s\n' "$port"; return 0; fi
        port=$(( port + 1 ))
    done
    return 1
}

# 48 hex characters: safe inside a connection string without quoting.
random_password() {
    od -An -tx1 -N24 /dev/urandom | tr -d ' \n'
}

fmt_duration() {
    local s="$1"
    if [ "$s" -ge 60 ]; then printf '%dm %02ds' $(( s / 60 )) $(( s % 60 )); else printf '%ds' "$s"; fi
}

require_dotnet() {
    command -v dotnet >/dev/null 2>&1 || die "the .NET SDK ('dotnet') is not on PATH. Install .NET SDK 10.0 (https://dotnet.microsoft.com/download) and try again."
}

require_solution() {
    [ -f "$BO_SLN" ] || die "BankOffice.sln not found in $BO_ROOT"
}
