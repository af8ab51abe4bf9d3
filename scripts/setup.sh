#!/usr/bin/env bash
# Set up everything Dig Once needs on Debian 12, idempotently:
#   - bookworm-backports enabled from the machine's own configured Debian mirror
#   - QGIS 3.40 LTR (qgis, python3-qgis, qgis-providers) and test tools, with PostgreSQL 15 +
#     PostGIS 3 (postgresql-15-postgis-3, python3-psycopg2) for the shared-register tests
#   - a venv (.venv) on /usr/bin/python3 with --system-site-packages and the pinned
#     Python dependencies (numpy stays Debian's: shapely is pinned to 2.0.x)
# Each failure ends with one line saying what to do.
set -u -o pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${DIGONCE_VENV:-$here/.venv}"
stamp="$venv/.digonce-setup-ok"

die() { echo "setup: $*" >&2; exit 1; }

# Overridable for the set-up script's own tests.
os_release="${DIGONCE_OS_RELEASE:-/etc/os-release}"
uid="${DIGONCE_UID:-$(id -u)}"

[ -r "$os_release" ] || die "cannot read $os_release: this script supports Debian 12 (bookworm) only."
# shellcheck disable=SC1090
. "$os_release"
[ "${ID:-}" = "debian" ] && [ "${VERSION_CODENAME:-}" = "bookworm" ] \
  || die "this is ${PRETTY_NAME:-an unknown system}; Dig Once's setup supports Debian 12 (bookworm). install QGIS 3.40 LTR with its Python bindings yourself (see README)."

# Fast path: already set up for the current requirement files.
req_sum="$(cat "$here/requirements.txt" "$here/requirements-dev.txt" "$0" 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [ -z "${DIGONCE_FORCE_APT:-}" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$req_sum" ] && command -v qgis_process >/dev/null 2>&1; then
  exit 0
fi

qgis_ok() {
  command -v qgis_process >/dev/null 2>&1 && /usr/bin/python3 - <<'PY' >/dev/null 2>&1
from qgis.core import Qgis
import sys
sys.exit(0 if Qgis.QGIS_VERSION_INT >= 34000 else 1)
PY
}

apt_pkgs_missing() {
  local missing=()
  for p in xvfb qttools5-dev-tools pyqt5-dev-tools python3-venv python3-pip python3-fiona python3-pyproj python3-rtree chromium postgresql-15-postgis-3 python3-psycopg2; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

missing="$(apt_pkgs_missing)"
if [ -n "${DIGONCE_FORCE_APT:-}" ] || ! qgis_ok || [ -n "$missing" ]; then
  [ "$uid" = "0" ] || die "QGIS 3.40 or system packages are missing and installing them needs root: run 'sudo bash scripts/setup.sh'."
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script needs Debian's package manager."

  src=/etc/apt/sources.list.d/debian.sources
  bp=/etc/apt/sources.list.d/digonce-bookworm-backports.sources
  if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    uris=""
    [ -f "$src" ] && uris="$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' "$src")"
    [ -z "$uris" ] && [ -f /etc/apt/sources.list ] && \
      uris="$(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^(https?|file|cdrom|mirror):/) {print $i; exit}}' /etc/apt/sources.list)"
    [ -n "$uris" ] || die "no Debian mirror found in $src or /etc/apt/sources.list: configure apt first, then re-run."
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uris" > "$bp" \
      || die "could not write $bp."
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/tmp/digonce-apt.log 2>&1 || die "apt-get update failed (see /tmp/digonce-apt.log): check the network and the mirror in $src."
  if ! qgis_ok; then
    apt-get install -y -q -t bookworm-backports qgis python3-qgis qgis-providers >>/tmp/digonce-apt.log 2>&1 \
      || die "installing QGIS from bookworm-backports failed (see /tmp/digonce-apt.log)."
  fi
  missing="$(apt_pkgs_missing)"
  if [ -n "$missing" ]; then
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing >>/tmp/digonce-apt.log 2>&1 \
      || die "installing $missing failed (see /tmp/digonce-apt.log)."
  fi
  qgis_ok || die "QGIS 3.40 is still not importable from /usr/bin/python3 after install (see /tmp/digonce-apt.log)."
fi

if [ ! -x "$venv/bin/python" ]; then
  /usr/bin/python3 -m venv --system-site-packages "$venv" || die "could not create the venv at $venv (is python3-venv installed?)."
fi
# numpy must stay Debian's 1.24: a constraint file pins whatever numpy the system has.
cons="$venv/constraints.txt"
/usr/bin/python3 -c "import numpy; print('numpy==' + numpy.__version__)" > "$cons" 2>/dev/null || : > "$cons"
"$venv/bin/pip" install -q --disable-pip-version-check -c "$cons" -r "$here/requirements-dev.txt" >/tmp/digonce-pip.log 2>&1 \
  || die "pip install failed (see /tmp/digonce-pip.log)."
"$venv/bin/python" -c "import qgis.core, shapely, numpy; assert shapely.__version__.startswith('2.0'), shapely.__version__" \
  || die "the venv cannot import qgis, shapely 2.0 and numpy together (see /tmp/digonce-pip.log)."
echo "$req_sum" > "$stamp"
echo "setup: ready (venv $venv, $(qgis_process --version 2>/dev/null | grep -m1 QGIS))"
