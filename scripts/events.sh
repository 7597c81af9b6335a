# shellcheck shell=bash
# ./bankoffice events tail: the consumer example (tools/BankOffice.EventTail). Sourced by ./bankoffice.

cmd_events() {
    local sub="${1:-}"
    [ "$#" -gt 0 ] && shift
    case "$sub" in
        tail) events_tail "$@" ;;
        *)    usage >&2; die "events: unknown subcommand '${sub}' (try: ./bankoffice events tail --help)" ;;
    esac
}

# events_tail [--no-build] [TOOL OPTIONS...]: builds the tool (unless --no-build) and runs it in the
# repository root, so it reads the same appsettings.json / appsettings.Local.json / Kafka__* as the API.
events_tail() {
    local build=1 config dll args=()
    while [ "$#" -gt 0 ]; do
        case "$1" in
            --no-build) build=0; shift ;;
            *) args+=("$1"); shift ;;
        esac
    done
    config="$(bo_config)"
    require_dotnet
    dll="$BO_ROOT/tools/BankOffice.EventTail/bin/$config/net10.0/BankOffice.EventTail.dll"
    if [ "$build" -eq 1 ]; then
        log "building tools/BankOffice.EventTail ($config)" >&2
        dotnet build "$BO_ROOT/tools/BankOffice.EventTail/BankOffice.EventTail.csproj" -c "$config" -nologo -v q > "$BO_DATA/eventtail-build.log" 2>&1 \
            || { cat "$BO_DATA/eventtail-build.log" >&2; die "build of tools/BankOffice.EventTail failed (output above)"; }
    fi
    [ -f "$dll" ] || die "event tail not built: ${dll#"$BO_ROOT"/} (run without --no-build)"
    # exec: Ctrl-C reaches the tool, which leaves its consumer group cleanly.
    cd "$BO_ROOT" && exec dotnet "$dll" "${args[@]}"
}
