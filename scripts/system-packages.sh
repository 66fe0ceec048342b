# The Debian packages Tandem needs (PostgreSQL and Chromium for the tests; Pango and fonts for
# WeasyPrint's PDFs; poppler-utils to read PDFs back in tests; espeak-ng and lame for the audio
# copies), installed when run as root on a fresh machine. Sourced by scripts/test.sh (`make test`)
# and scripts/run.sh (`make run`).

DEBIAN_PACKAGES=(
    postgresql chromium chromium-driver poppler-utils
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
    espeak-ng lame
)

missing_system_packages() {
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || echo "postgresql"
    [ -x /usr/bin/chromium ] || echo "chromium"
    command -v pdftotext >/dev/null || echo "poppler-utils"
    /sbin/ldconfig -p 2>/dev/null | grep 'libpangoft2-1.0.so.0' >/dev/null || echo "libpango"
    /sbin/ldconfig -p 2>/dev/null | grep 'libharfbuzz-subset.so.0' >/dev/null || echo "libharfbuzz-subset0"
    [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || echo "fonts-dejavu-core"
    command -v espeak-ng >/dev/null || echo "espeak-ng"
    command -v lame >/dev/null || echo "lame"
    command -v npm >/dev/null || echo "npm"
}

install_system_packages() {
    local missing
    missing="$(missing_system_packages | tr '\n' ' ')"
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "Missing: $missing" >&2
        echo "Install them with: sudo apt-get install -y --no-install-recommends ${DEBIAN_PACKAGES[*]} nodejs npm" >&2
        exit 1
    fi
    echo "==> Installing Debian packages (missing: $missing)"
    local packages=("${DEBIAN_PACKAGES[@]}")
    command -v npm >/dev/null || packages+=(nodejs npm)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${packages[@]}"
}
