# shellcheck shell=bash
# Operating-system dependencies (Debian/Ubuntu packages). Sourced by ./bankoffice.

# Everything the hosts and the tests need from the OS:
#   postgresql          the database (server binaries for the project's own clusters)
#   chromium            browser tests and HTML-to-PDF
#   fonts-dejavu-core, fonts-noto-cjk   fonts for PDFs
#   poppler-utils       pdftotext/pdftoppm, used by tests to check generated PDFs
#   librdkafka1, kcat   Kafka client native library and a command-line client
#   curl, python3       used by this script (health checks, JSON and TRX parsing)
BO_APT_PACKAGES=(postgresql chromium fonts-dejavu-core fonts-noto-cjk poppler-utils librdkafka1 kcat curl python3)

# missing_packages PKG... -> prints the packages dpkg does not report as installed
missing_packages() {
    local pkg status
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        case "$status" in
            *"install ok installed"*) ;;
            *) printf '%s\n' "$pkg" ;;
        esac
    done
}

# ensure_deps: installs only what is missing. BANKOFFICE_SKIP_DEPS=1 skips the step.
ensure_deps() {
    if [ "${BANKOFFICE_SKIP_DEPS:-0}" = "1" ]; then
        log "skipping the OS dependency check (BANKOFFICE_SKIP_DEPS=1)"
        return 0
    fi
    if ! command -v dpkg-query >/dev/null 2>&1; then
        warn "not a Debian-based system (no dpkg-query): make sure these are installed: ${BO_APT_PACKAGES[*]}"
        return 0
    fi

    local missing=()
    mapfile -t missing < <(missing_packages "${BO_APT_PACKAGES[@]}")
    if [ "${#missing[@]}" -eq 0 ]; then
        log "OS dependencies: all present"
        return 0
    fi

    log "OS dependencies missing: ${missing[*]}"
    local sudo=()
    if ! is_root; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            die "please install them as root, then re-run:
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
        fi
    fi

    log "running apt-get update"
    "${sudo[@]}" apt-get update \
        || die "apt-get update failed; install manually: apt-get install -y --no-install-recommends ${missing[*]}"
    log "installing: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
        || die "apt-get install failed for: ${missing[*]}"

    mapfile -t missing < <(missing_packages "${BO_APT_PACKAGES[@]}")
    [ "${#missing[@]}" -eq 0 ] || die "still missing after install: ${missing[*]}"
    log "OS dependencies installed"
}
